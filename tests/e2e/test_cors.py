"""Browsers on other origins, end to end through Envoy's cors filter: preflights are answered at
the edge without a token, every answer (errors included) is readable by an allowed origin, and
CORS_ALLOWED_ORIGINS narrows who that is (any origin by default, as ThinkSNS+'s cors middleware)."""

import subprocess
import sys

import pytest
import requests

from server.config import Settings
from tests.support.processes import ROOT, running_stack

APP = "https://app.example.com"
OTHER = "https://evil.example.net"


def preflight(base_url, path, method, headers, origin=APP):
    return requests.options(base_url + path, timeout=10, headers={
        "origin": origin, "access-control-request-method": method, "access-control-request-headers": headers,
    })


@pytest.mark.parametrize("path, method, headers", [
    ("/api/user/groups", "GET", "authorization"),
    ("/api/groups", "POST", "authorization, content-type"),
    ("/group/create", "POST", "access-token, app_id, content-type"),
    ("/api/v2/plus-group/groups/1", "PUT", "authorization, content-type"),
    ("/groupkit.group.v1.GroupService/GetGroup", "POST", "content-type, x-grpc-web, x-user-agent"),
])
def test_a_preflight_is_answered_at_the_edge_without_a_token(api, path, method, headers):
    reply = preflight(api.stack.base_url, path, method, headers)
    assert reply.status_code == 200 and reply.content == b""
    assert reply.headers["access-control-allow-origin"] == APP
    assert method in reply.headers["access-control-allow-methods"]
    allowed = {h.strip() for h in reply.headers["access-control-allow-headers"].split(",")}
    assert {h.strip() for h in headers.split(",")} <= allowed
    assert int(reply.headers["access-control-max-age"]) > 0


def test_answers_and_errors_are_readable_by_the_origin_and_plain_requests_get_no_cors_headers(api):
    user = api.user()
    ok = api.request("GET", "/api/user/groups", headers={**user.bearer, "origin": APP})
    assert ok.status_code == 200 and ok.headers["access-control-allow-origin"] == APP
    for reply in (
        api.request("GET", "/api/user/groups", headers={"origin": APP}),  # 401 from Envoy
        api.request("GET", "/api/groups/999999999", headers={**user.bearer, "origin": APP}),  # 404 from the server
        api.request("GET", "/api/v2/plus-group/groups", params={"limit": "x"}, headers={"origin": APP}),  # 422
        api.request("GET", "/api/no/such/route", headers={"origin": APP}),
    ):
        assert reply.status_code >= 400 and reply.headers["access-control-allow-origin"] == APP, reply.text
        assert reply.json()  # still the dialect's envelope
    plain = api.request("GET", "/api/user/groups", headers=user.bearer)
    assert "access-control-allow-origin" not in plain.headers


@pytest.fixture(scope="module")
def narrowed():
    with running_stack("sqlite", {"CORS_ALLOWED_ORIGINS": f"{APP}, http://localhost:3000"}) as stack:
        yield stack


def test_cors_allowed_origins_lets_only_those_origins_read(narrowed):
    base = narrowed.base_url
    assert preflight(base, "/api/user/groups", "GET", "authorization").headers["access-control-allow-origin"] == APP
    local = preflight(base, "/api/user/groups", "GET", "authorization", origin="http://localhost:3000")
    assert local.headers["access-control-allow-origin"] == "http://localhost:3000"
    refused = preflight(base, "/api/user/groups", "GET", "authorization", origin=OTHER)
    assert "access-control-allow-origin" not in refused.headers and refused.status_code != 200
    answer = requests.get(f"{base}/api/user/groups", headers={"origin": OTHER}, timeout=10)
    assert answer.status_code == 401 and "access-control-allow-origin" not in answer.headers


def test_the_setting_is_read_and_checked():
    assert Settings.from_env({}).cors_allowed_origins == ("*",)
    assert Settings.from_env({"CORS_ALLOWED_ORIGINS": f" {APP} ,"}).cors_allowed_origins == (APP,)
    assert Settings.from_env({"CORS_ALLOWED_ORIGINS": ""}).cors_allowed_origins == ()
    result = subprocess.run(
        [sys.executable, "-m", "server.cli.run"], cwd=ROOT, capture_output=True, text=True, timeout=60,
        env={"PATH": "/usr/bin:/bin", "CORS_ALLOWED_ORIGINS": "app.example.com/path", "DATA_DIR": "/nonexistent/never"},
    )
    assert result.returncode == 1
    assert "CORS_ALLOWED_ORIGINS" in result.stderr and "Traceback" not in result.stderr
