"""JWTs: the local signing key, minting for local use, and verification."""

import json
import threading
import time
from collections import OrderedDict
from pathlib import Path

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed448, ed25519, rsa
from jwt.algorithms import ECAlgorithm, OKPAlgorithm, RSAAlgorithm

from server.domain import errors, ids

ALGORITHMS = ["RS256", "RS384", "RS512", "ES256", "ES384", "EdDSA"]
LOCAL_KEY_FILE = "jwt-private.pem"
LOCAL_KID = "local"


def ensure_local_key(data_dir: Path) -> rsa.RSAPrivateKey:
    """The data directory's signing key, generated on first use."""
    path = Path(data_dir) / LOCAL_KEY_FILE
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        pem = key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        tmp = path.with_suffix(".tmp")
        tmp.write_bytes(pem)
        tmp.chmod(0o600)
        tmp.replace(path)  # atomic, so a racing reader never sees half a key
    return serialization.load_pem_private_key(path.read_bytes(), password=None)


def mint(
    data_dir: Path, user_id: int, *, app: str = "default", name: str = "", avatar: str | None = None,
    admin: bool = False, ttl_seconds: int = 30 * 24 * 3600,
) -> str:
    claims = {"sub": str(user_id), "app": app, "iat": int(time.time()), "exp": int(time.time()) + ttl_seconds}
    if name:
        claims["name"] = name
    if avatar:
        claims["avatar"] = avatar
    if admin:
        claims["admin"] = True
    return jwt.encode(claims, ensure_local_key(data_dir), algorithm="RS256", headers={"kid": LOCAL_KID})


def edge_jwks(data_dir: Path, jwks: str = "", public_key: str = "") -> str:
    """The JWKS document Envoy's jwt_authn verifies with: the same keys as TokenVerifier.
    A bare key gets no kid, so Envoy tries it for tokens with or without one."""
    if jwks:
        return json.dumps(json.loads(_text(jwks)))
    if public_key:
        key = serialization.load_pem_public_key(_text(public_key).encode())
    else:
        key = ensure_local_key(data_dir).public_key()
    return json.dumps({"keys": [_jwk_of(key)]})


def _jwk_of(public_key) -> dict:
    if isinstance(public_key, rsa.RSAPublicKey):
        return RSAAlgorithm.to_jwk(public_key, as_dict=True)
    if isinstance(public_key, ec.EllipticCurvePublicKey):
        return ECAlgorithm.to_jwk(public_key, as_dict=True)
    if isinstance(public_key, ed25519.Ed25519PublicKey | ed448.Ed448PublicKey):
        return OKPAlgorithm.to_jwk(public_key, as_dict=True)
    raise ValueError(f"unsupported public key type for the edge's JWKS: {type(public_key).__name__}")


def _text(value: str) -> str:
    """A setting holds either the document itself or a path to it."""
    path = Path(value)
    if len(value) < 4096 and "\n" not in value and not value.lstrip().startswith("{") and path.exists():
        return path.read_text()
    return value


class TokenVerifier:
    """Verifies tokens against a configured JWKS or public key, or else the local key.
    Verified tokens are cached until they expire (a client reuses one token for many calls):
    a bounded LRU, so a burst of new tokens evicts the least recently used, not everyone's."""

    def __init__(
        self, data_dir: Path, jwks: str = "", public_key: str = "", cache_size: int = 20_000, *,
        require_exp: bool = True, max_lifetime_seconds: int = 0,
    ):
        self._require = ["sub", "exp"] if require_exp else ["sub"]
        self._max_lifetime = max_lifetime_seconds
        self._keys: dict[str | None, object] = {}
        if jwks:
            for key in jwt.PyJWKSet.from_json(_text(jwks)).keys:
                self._keys[key.key_id] = key.key
        elif public_key:
            self._keys[None] = serialization.load_pem_public_key(_text(public_key).encode())
        else:
            self._keys[None] = ensure_local_key(data_dir).public_key()
            self._keys[LOCAL_KID] = self._keys[None]
        self._cache: OrderedDict[str, dict] = OrderedDict()
        self._cache_size = cache_size
        self._lock = threading.Lock()

    def _key_for(self, token: str):
        try:
            kid = jwt.get_unverified_header(token).get("kid")
        except jwt.PyJWTError:
            raise errors.Unauthenticated("令牌无效") from None
        key = self._keys.get(kid) or (self._keys.get(None) if len(self._keys) <= 2 else None)
        if key is None:
            raise errors.Unauthenticated("令牌无效")
        return key

    def verify(self, token: str) -> dict:
        with self._lock:
            claims = self._cache.get(token)
            if claims is not None:
                self._cache.move_to_end(token)
        if claims is not None:
            if "exp" in claims and claims["exp"] <= time.time():
                raise errors.Unauthenticated("令牌已过期")
            return claims
        try:
            claims = jwt.decode(token, self._key_for(token), algorithms=ALGORITHMS, options={"require": self._require})
        except jwt.ExpiredSignatureError:
            raise errors.Unauthenticated("令牌已过期") from None
        except jwt.MissingRequiredClaimError as exc:
            raise errors.Unauthenticated("令牌缺少过期时间 exp" if exc.claim == "exp" else "令牌无效") from None
        except jwt.PyJWTError:
            raise errors.Unauthenticated("令牌无效") from None
        self._check_lifetime(claims)
        sub = str(claims["sub"])
        if not (sub.isascii() and sub.isdigit()) or not 0 < int(sub) <= ids.MAX_NUMBER:
            raise errors.Unauthenticated("令牌的 sub 必须是用户 id")
        with self._lock:
            self._cache[token] = claims
            while len(self._cache) > self._cache_size:
                self._cache.popitem(last=False)
        return claims


    def _check_lifetime(self, claims: dict) -> None:
        """JWT_MAX_LIFETIME_SECONDS: exp at most that far past iat (when there is one) and past now
        (one second of clock skew, as the edge allows)."""
        if not self._max_lifetime or "exp" not in claims:
            return
        exp = claims["exp"]
        start = claims.get("iat")
        too_long = exp - time.time() > self._max_lifetime + 1
        if isinstance(start, int | float) and not isinstance(start, bool):
            too_long = too_long or exp - start > self._max_lifetime
        if too_long:
            raise errors.Unauthenticated("令牌有效期过长")


def describe_claims(claims: dict) -> str:
    return json.dumps({k: claims[k] for k in ("sub", "app", "admin") if k in claims})
