"""Token verification: the local key, a configured JWKS, a configured PEM public key."""

import json
import time

import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm

from server.api.tokens import TokenVerifier, ensure_local_key, mint
from server.domain import errors


def rsa_key():
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def signed(key, kid=None, **claims):
    claims = {"sub": "5", "app": "acme", "exp": int(time.time()) + 60, **claims}
    return jwt.encode(claims, key, algorithm="RS256", headers={"kid": kid} if kid else None)


class TestLocalKey:
    def test_minted_tokens_verify_and_others_do_not(self, tmp_path):
        verifier = TokenVerifier(tmp_path)
        assert verifier.verify(mint(tmp_path, 5, app="acme", admin=True))["admin"] is True
        with pytest.raises(errors.Unauthenticated):
            verifier.verify(signed(rsa_key(), kid="local"))

    def test_the_key_is_created_once_and_kept(self, tmp_path):
        token = mint(tmp_path, 5)
        assert TokenVerifier(tmp_path).verify(token)["sub"] == "5"
        assert (tmp_path / "jwt-private.pem").stat().st_mode & 0o077 == 0

    def test_a_cached_token_still_expires(self, tmp_path):
        verifier = TokenVerifier(tmp_path)
        token = mint(tmp_path, 5, ttl_seconds=2)  # exp is whole seconds: at least 1 s left now
        claims = verifier.verify(token)
        time.sleep(max(0.0, claims["exp"] - time.time()) + 0.05)
        with pytest.raises(errors.Unauthenticated, match="过期"):
            verifier.verify(token)

    @pytest.mark.parametrize("sub", ["abc", "0", "-3"])
    def test_sub_must_be_a_positive_user_id(self, tmp_path, sub):
        token = signed(ensure_local_key(tmp_path), kid="local", sub=sub)
        with pytest.raises(errors.Unauthenticated):
            TokenVerifier(tmp_path).verify(token)


class TestConfiguredKeys:
    def test_a_jwks_document_or_file_verifies_by_kid(self, tmp_path):
        key = rsa_key()
        jwk = json.loads(RSAAlgorithm.to_jwk(key.public_key()))
        jwks = json.dumps({"keys": [{**jwk, "kid": "prod-1", "alg": "RS256", "use": "sig"}]})
        (tmp_path / "jwks.json").write_text(jwks)
        for setting in (jwks, str(tmp_path / "jwks.json")):
            verifier = TokenVerifier(tmp_path, jwks=setting)
            assert verifier.verify(signed(key, kid="prod-1"))["app"] == "acme"
            with pytest.raises(errors.Unauthenticated):
                verifier.verify(signed(key, kid="unknown"))
            with pytest.raises(errors.Unauthenticated):
                verifier.verify(mint(tmp_path, 5))  # the local key is not trusted then

    def test_a_pem_public_key_verifies(self, tmp_path):
        key = rsa_key()
        pem = key.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        ).decode()
        verifier = TokenVerifier(tmp_path, public_key=pem)
        assert verifier.verify(signed(key))["sub"] == "5"
        with pytest.raises(errors.Unauthenticated):
            verifier.verify(signed(rsa_key()))


class TestCache:
    def test_a_full_cache_evicts_the_least_recently_used_token(self, tmp_path):
        verifier = TokenVerifier(tmp_path, cache_size=2)
        first, second, third = (mint(tmp_path, user) for user in (5, 6, 7))
        verifier.verify(first)
        verifier.verify(second)
        verifier.verify(first)  # first is now the most recent
        verifier.verify(third)
        assert list(verifier._cache) == [first, third]

    def test_a_cached_token_is_not_verified_again(self, tmp_path, monkeypatch):
        verifier = TokenVerifier(tmp_path)
        token = mint(tmp_path, 5)
        verifier.verify(token)
        monkeypatch.setattr(jwt, "decode", lambda *a, **k: pytest.fail("verified twice"))
        assert verifier.verify(token)["sub"] == "5"


class TestExpiry:
    """Issue 21: a token must carry exp (unless JWT_ALLOW_NO_EXP), within JWT_MAX_LIFETIME_SECONDS."""

    def test_a_token_without_exp_is_refused_unless_allowed(self, tmp_path):
        key = ensure_local_key(tmp_path)
        no_exp = jwt.encode({"sub": "5", "app": "acme"}, key, algorithm="RS256", headers={"kid": "local"})
        with pytest.raises(errors.Unauthenticated, match="exp"):
            TokenVerifier(tmp_path).verify(no_exp)
        assert TokenVerifier(tmp_path, require_exp=False).verify(no_exp)["sub"] == "5"

    def test_a_lifetime_over_the_maximum_is_refused(self, tmp_path):
        verifier = TokenVerifier(tmp_path, max_lifetime_seconds=3600)
        assert verifier.verify(mint(tmp_path, 5, ttl_seconds=3600))["sub"] == "5"
        with pytest.raises(errors.Unauthenticated, match="有效期过长"):
            verifier.verify(mint(tmp_path, 5, ttl_seconds=3602))
        key = ensure_local_key(tmp_path)
        old = int(time.time()) - 86400  # exp within the maximum from now, but far from its iat
        with pytest.raises(errors.Unauthenticated, match="有效期过长"):
            verifier.verify(jwt.encode({"sub": "5", "iat": old, "exp": old + 86400 + 60}, key, algorithm="RS256",
                                       headers={"kid": "local"}))
        assert TokenVerifier(tmp_path).verify(mint(tmp_path, 5, ttl_seconds=10 * 365 * 86400))["sub"] == "5"
