"""What the edge's cheaper paths (issue 20) must still do: a token verified once and kept by
jwt_authn is refused by the edge once it expires, and an answer edge.lua skips (a 200 with
nothing to rewrite) still reaches a REST client without gRPC's headers or trailers."""

import shutil
import subprocess
import time

import pytest


def test_a_kept_token_is_refused_at_the_edge_once_it_expires(api):
    user = api.user()
    token = api.token(user.id, ttl=2)
    expires = time.time() + 2
    for _ in range(2):  # verified, then served from jwt_authn's cache
        assert api.request("GET", "/api/group/manage", headers={"authorization": f"Bearer {token}"}).status_code == 200
    time.sleep(max(0.0, expires - time.time()) + 2.5)  # past exp and the edge's 1 s of clock skew, with a margin
    reply = api.request("GET", "/api/group/manage", headers={"authorization": f"Bearer {token}"})
    assert reply.status_code == 401
    assert "www-authenticate" in reply.headers  # jwt_authn's refusal, not the server's
    assert reply.json()["msg"] == "令牌已过期"


@pytest.mark.skipif(shutil.which("curl") is None, reason="curl is needed for an h2c client")
@pytest.mark.parametrize("path", ["/api/user/groups", "/group/user_joined"])
def test_a_200_over_http2_has_no_grpc_headers_or_trailers(api, path):
    user = api.user()
    headers = [arg for name, value in user.im_headers.items() for arg in ("-H", f"{name}: {value}")]
    result = subprocess.run(
        ["curl", "-s", "-i", "--http2-prior-knowledge", *headers, api.stack.base_url + path],
        capture_output=True, text=True, timeout=30,
    )
    assert result.returncode == 0, result.stderr
    head, _, body = result.stdout.partition("\n\n")  # text mode: curl's CRLFs read as newlines
    assert head.startswith("HTTP/2 200")
    assert "grpc-" not in result.stdout.lower() and "x-http-" not in result.stdout.lower()
    assert body.startswith("{"), result.stdout
