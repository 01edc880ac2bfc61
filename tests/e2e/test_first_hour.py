"""A new user's first hour (issue 21): a second stack on a taken port fails at start with a
message naming the variable and leaves the first one (and its files) alone; DATA_DIR holds the
SQLite file; make token finds the running stack's key; settings are checked with their names;
the public port shows and routes only the public services; tokens must expire."""

import json
import os
import subprocess
import sys
import tempfile
import time
from concurrent import futures
from pathlib import Path

import grpc
import jwt
import pytest
import requests
from grpc_health.v1 import health, health_pb2, health_pb2_grpc
from grpc_reflection.v1alpha import reflection_pb2, reflection_pb2_grpc

from groupkit.group.v1 import group_service_pb2_grpc, im_pb2
from groupkit.internal.v1 import user_admin_service_pb2, user_admin_service_pb2_grpc
from server.api.tokens import ensure_local_key, mint
from server.cli import run
from server.cli.envoy_config import render
from tests.support.processes import ENVOY, ROOT, Stack, free_port, stop

PUBLIC = {"groupkit.group.v1.GroupService", "groupkit.notice.v1.NoticeService", "groupkit.file.v1.FileService",
          "groupkit.circle.v1.CircleService"}


@pytest.fixture(scope="module")
def first():
    """The stack a newcomer already runs: no DATABASE_URL, so its SQLite file is DATA_DIR's."""
    data_dir = Path(tempfile.mkdtemp(prefix="groupkit-first-"))
    stack = Stack(data_dir, None).start()
    yield stack
    stack.stop()
    assert "Traceback" not in stack.log()


def token(stack, user_id=5, **claims) -> str:
    return mint(stack.data_dir, user_id, **claims)


def start_second(first, timeout=30, **env) -> subprocess.CompletedProcess:
    """`make run` again with the first stack's settings, some changed; it must fail at once."""
    base = first.env()
    for name in ("HTTP_PORT", "ADMIN_PORT", "METRICS_PORT"):
        base[name] = str(free_port())
    base["GRPC_PORT"] = str(free_port())
    base["DATA_DIR"] = tempfile.mkdtemp(prefix="groupkit-second-")
    return subprocess.run([sys.executable, "-m", "server.cli.run"], cwd=ROOT, env={**base, **env},
                          capture_output=True, text=True, timeout=timeout, stdin=subprocess.DEVNULL)


def assert_unharmed(first, calls=30):
    """Every call with one token is the first stack's: 200, never a 401 from another key."""
    bearer = {"Authorization": f"Bearer {token(first)}"}
    statuses = [requests.get(f"{first.base_url}/api/user/groups", headers=bearer, timeout=10).status_code
                for _ in range(calls)]
    assert statuses == [200] * calls
    assert first.process.poll() is None


def assert_refused(result, variable, port):
    assert result.returncode == 1, result.stderr
    assert f"start failed: {variable} {port} is already in use" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert "Ctrl-C stops both." not in result.stdout


# ---- 1 and 2: taken ports ----

def test_a_second_stack_on_the_grpc_port_fails_and_the_first_keeps_serving(first):
    result = start_second(first, GRPC_PORT=str(first.grpc_port))
    assert_refused(result, "GRPC_PORT", first.grpc_port)
    assert_unharmed(first)


def test_a_second_stack_on_the_http_port_fails_and_the_first_keeps_all_connections(first):
    result = start_second(first, HTTP_PORT=str(first.http_port))
    assert_refused(result, "HTTP_PORT", first.http_port)
    assert_unharmed(first)


def test_a_second_envoy_on_the_http_port_cannot_share_it(first, tmp_path):
    """Envoy's own listener: without enable_reuse_port: false both would bind (SO_REUSEPORT)."""
    config = tmp_path / "second.yaml"
    config.write_text(render(http_port=first.http_port, admin_port=free_port(), grpc_port=first.grpc_port,
                             jwks=json.dumps({"keys": []})))
    envoy = subprocess.Popen([str(ENVOY), "-c", str(config), "--use-dynamic-base-id", "--log-level", "critical"],
                             stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        assert envoy.wait(20) != 0
    finally:
        stop(envoy)
    assert_unharmed(first)


class _Dies:
    """The supervisor's own server, which could not bind: it exits after a moment."""

    def __init__(self):
        self.returncode, self._at = None, time.monotonic() + 1.5

    def poll(self):
        if time.monotonic() >= self._at:
            self.returncode = 1
        return self.returncode


def test_a_foreign_health_server_is_not_taken_for_our_server():
    """Another gRPC server answering health on the port (another groupkit, anything on 50051):
    the supervisor waits for its own start's identity, so it never calls the foreign one ready."""
    foreign = grpc.server(futures.ThreadPoolExecutor(max_workers=2))
    health_servicer = health.HealthServicer()
    health_servicer.set("", health_pb2.HealthCheckResponse.SERVING)
    health_pb2_grpc.add_HealthServicer_to_server(health_servicer, foreign)
    port = foreign.add_insecure_port("127.0.0.1:0")
    foreign.start()
    try:
        with pytest.raises(RuntimeError, match="exited during start-up"):
            run._wait_grpc(port, _Dies(), "0123456789abcdef")
        assert run.ServerSlot(port, "0123456789abcdef")._answers_health() is False
        health_servicer.set(run._instance_health_service("0123456789abcdef"), health_pb2.HealthCheckResponse.SERVING)
        assert run.ServerSlot(port, "0123456789abcdef")._answers_health() is True
    finally:
        foreign.stop(0)


# ---- 7: a failed start touches nothing of the running stack ----

def test_a_failed_second_run_on_the_same_data_dir_leaves_the_first_ones_files(first):
    requests.get(f"{first.base_url}/api/user/groups", headers={"Authorization": f"Bearer {token(first)}"}, timeout=10)
    metrics_dir = first.data_dir / f"metrics-{first.http_port}"
    envoy_config = first.data_dir / f"envoy-{first.http_port}.yaml"

    def files():
        return {p.name: p.stat().st_mtime_ns for p in [*metrics_dir.iterdir(), envoy_config]}

    before = files()
    assert any(name.endswith(".db") for name in before)
    result = start_second(first, **{name: str(getattr(first, name.lower())) for name in
                                    ("HTTP_PORT", "GRPC_PORT", "ADMIN_PORT", "METRICS_PORT")},
                          DATA_DIR=str(first.data_dir))
    assert_refused(result, "HTTP_PORT", first.http_port)
    assert files() == before
    metrics = requests.get(f"http://127.0.0.1:{first.metrics_port}/metrics", timeout=10).text
    assert 'groupkit_rpc_requests_total{' in metrics


# ---- 3: DATA_DIR holds the SQLite file ----

def test_the_default_database_is_in_data_dir(first):
    assert (first.data_dir / "groups.db").is_file()
    assert f"database      sqlite:///{first.data_dir}/groups.db" in first.log()
    assert not (first.data_dir.parent / "data" / "groups.db").exists()


# ---- 4: make token ----

def make_token(env_changes: dict, *args) -> subprocess.CompletedProcess:
    env = {**os.environ, **env_changes}
    env.pop("DATA_DIR", None) if "DATA_DIR" not in env_changes else None
    return subprocess.run(["make", "-s", "token", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)


def claims_of(result) -> dict:
    assert result.returncode == 0, result.stderr
    return jwt.decode(result.stdout.strip().splitlines()[-1], options={"verify_signature": False})


def test_make_token_finds_the_running_stacks_key(first):
    result = make_token({"GROUPKIT_STACKS_DIR": str(first.data_dir / "stacks"), "USER": "alice"}, "USER_ID=9")
    assert claims_of(result)["sub"] == "9"
    reply = requests.get(f"{first.base_url}/api/user/groups",
                         headers={"Authorization": f"Bearer {result.stdout.strip()}"}, timeout=10)
    assert reply.status_code == 200


def test_make_token_refuses_to_make_a_key_another_stack_would_refuse(first, tmp_path):
    result = make_token({"GROUPKIT_STACKS_DIR": str(first.data_dir / "stacks"), "DATA_DIR": str(tmp_path)})
    assert result.returncode != 0 and result.stdout == ""
    assert f"DATA_DIR={tmp_path} has no signing key" in result.stderr and str(first.data_dir) in result.stderr
    assert not (tmp_path / "jwt-private.pem").exists()


def test_make_token_user_and_admin(tmp_path):
    env = {"GROUPKIT_STACKS_DIR": str(tmp_path / "none"), "DATA_DIR": str(tmp_path)}
    made = claims_of(make_token({**env, "USER": "alice"}, "ADMIN=true"))  # a login shell's USER is no user id
    assert (made["sub"], made["admin"]) == ("5", True)
    made = claims_of(make_token(env, "USER=7", "ADMIN=yes"))  # on the command line it is
    assert (made["sub"], made["admin"]) == ("7", True)
    assert "admin" not in claims_of(make_token(env, "ADMIN=0"))
    refused = make_token(env, "ADMIN=maybe")
    assert refused.returncode != 0 and "ADMIN must be" in refused.stderr and refused.stdout == ""
    refused = make_token(env, "USER_ID=bob")
    assert refused.returncode != 0 and "USER_ID must be a user id" in refused.stderr


# ---- 8: settings name the variable and what it accepts ----

@pytest.mark.parametrize(("variable", "value", "accepts"), [
    ("RATE_LIMIT_READS", "abc", "a positive whole number"),
    ("HTTP_PORT", "abc", "a TCP port number (1 to 65535)"),
    ("SERVER_PROCESSES", "two", "a whole number from 1 to 64"),
    ("GRPC_WORKERS", "0", "a whole number from 1 to 256"),
    ("UPSTREAM_TIMEOUT_SECONDS", "1.5", "a positive whole number of seconds"),
    ("DRAIN_SECONDS", "soon", "a number of seconds from 0 to 3600"),
    ("CIRCLE_REQUIRE_AUDIT", "maybe", "1, true or yes (on) or 0, false, no or empty (off)"),
    ("JWT_MAX_LIFETIME_SECONDS", "1d", "a whole number of seconds (0: no maximum)"),
    ("ENVOY_LOG_LEVEL", "loud", "one of trace, debug, info, warning, warn, error, critical, off"),
])
def test_a_malformed_setting_stops_the_start_naming_it(tmp_path, monkeypatch, capsys, variable, value, accepts):
    """The supervisor's own checks, in this process (each `make run` would be a second here)."""
    for name in ("HTTP_PORT", "GRPC_PORT", "ADMIN_PORT", "METRICS_PORT"):
        monkeypatch.setenv(name, str(free_port()))
    monkeypatch.setenv("DATA_DIR", str(tmp_path))
    monkeypatch.setenv(variable, value)
    assert run.main() == 1
    assert f"start failed: {variable} must be {accepts}, not {value!r}" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []  # nothing was written


def test_make_run_with_a_malformed_setting_exits_1_without_a_traceback(tmp_path):
    env = {**os.environ, "DATA_DIR": str(tmp_path), "HTTP_PORT": "abc"}
    result = subprocess.run([sys.executable, "-m", "server.cli.run"], cwd=ROOT, env=env, capture_output=True,
                            text=True, timeout=60, stdin=subprocess.DEVNULL)
    assert result.returncode == 1
    assert result.stderr.strip() == "start failed: HTTP_PORT must be a TCP port number (1 to 65535), not 'abc'"


# ---- 9: the public port shows and routes only the public services ----

def reflected_services(port: int) -> set[str]:
    with grpc.insecure_channel(f"127.0.0.1:{port}") as channel:
        stub = reflection_pb2_grpc.ServerReflectionStub(channel)
        request = reflection_pb2.ServerReflectionRequest(list_services="")
        [reply] = list(stub.ServerReflectionInfo(iter([request]), timeout=10))
    return {service.name for service in reply.list_services_response.service}


def test_reflection_on_the_public_port_lists_only_the_public_services(first):
    on_envoy = {name for name in reflected_services(first.http_port) if name.startswith("groupkit.")}
    assert on_envoy == PUBLIC
    on_grpc_port = reflected_services(first.grpc_port)
    assert {"groupkit.internal.v1.UserAdminService", "groupkit.event.v1.EventService"} <= on_grpc_port


def test_internal_services_and_unknown_paths_say_what_they_are_on_the_public_port(first):
    admin = [("authorization", f"Bearer {token(first, admin=True)}")]
    with grpc.insecure_channel(f"127.0.0.1:{first.http_port}") as channel:
        with pytest.raises(grpc.RpcError) as internal:
            user_admin_service_pb2_grpc.UserAdminServiceStub(channel).UpsertUser(
                user_admin_service_pb2.UpsertUserRequest(), metadata=admin, timeout=10)
        with pytest.raises(grpc.RpcError) as unknown:
            channel.unary_unary("/nothing.v1.Nothing/Call")(b"", timeout=10)
    assert internal.value.code() == grpc.StatusCode.UNIMPLEMENTED
    assert "not served on this public port" in internal.value.details()
    assert f"GRPC_PORT, {first.grpc_port}" in internal.value.details()
    assert unknown.value.code() == grpc.StatusCode.UNIMPLEMENTED
    assert "unknown gRPC service or method" in unknown.value.details()
    assert "explorer" not in internal.value.details() + unknown.value.details()


# ---- 10: smaller ----

def test_browsers_may_read_grpc_error_details(first):
    reply = requests.get(f"{first.base_url}/api/groups", headers={"Origin": "http://app.example"}, timeout=10)
    exposed = {h.strip() for h in reply.headers["access-control-expose-headers"].split(",")}
    assert "grpc-status-details-bin" in exposed


def test_make_help_lists_every_target():
    listed = subprocess.run(["make", "help"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    targets = {line.split()[0] for line in listed.splitlines() if line.strip()}
    assert {"test-e2e", "test-unit", "test", "run", "token"} <= targets


# ---- 11: tokens must expire, within a maximum ----

def raw_token(stack, **claims) -> str:
    return jwt.encode({"sub": "5", "app": "default", **claims}, ensure_local_key(stack.data_dir),
                      algorithm="RS256", headers={"kid": "local"})


@pytest.mark.parametrize("lifetime", ["none", "too long"])
def test_a_token_without_exp_or_living_too_long_is_refused_at_the_edge_and_in_the_server(first, lifetime):
    now = int(time.time())
    claims = {} if lifetime == "none" else {"iat": now, "exp": now + 400 * 24 * 3600}
    bad = raw_token(first, **claims)
    reply = requests.get(f"{first.base_url}/api/user/groups", headers={"Authorization": f"Bearer {bad}"}, timeout=10)
    assert reply.status_code == 401
    with grpc.insecure_channel(f"127.0.0.1:{first.grpc_port}") as channel:
        with pytest.raises(grpc.RpcError) as direct:
            group_service_pb2_grpc.GroupServiceStub(channel).GetImGroupInfo(
                im_pb2.GetImGroupInfoRequest(group_id=1), metadata=[("authorization", f"Bearer {bad}")], timeout=10)
    assert direct.value.code() == grpc.StatusCode.UNAUTHENTICATED
    assert direct.value.details() == ("令牌缺少过期时间 exp" if lifetime == "none" else "令牌有效期过长")
    good = raw_token(first, iat=now, exp=now + 3600)
    assert requests.get(f"{first.base_url}/api/user/groups", headers={"Authorization": f"Bearer {good}"},
                        timeout=10).status_code == 200


def test_the_edge_opt_out_and_maximum_reach_envoys_config():
    def config(**options):
        return render(http_port=1, admin_port=2, grpc_port=3, jwks="{}", **options)

    assert "require_expiration: true" in config()
    assert "max_lifetime: 600s" in config(jwt_max_lifetime_seconds=600)
    opted_out = config(jwt_require_exp=False, jwt_max_lifetime_seconds=600)
    assert "require_expiration: false" in opted_out and "max_lifetime:" not in opted_out

