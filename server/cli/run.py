"""make run: the gRPC server (SERVER_PROCESSES of them) and Envoy in the foreground, supervised.

- A server process that exits unexpectedly is started again (after 0.2 s, doubling up to 8 s while
  it keeps dying); one that dies MAX_QUICK_DEATHS times in a row before it could serve (answer its
  health check) is given up on: everything stops with a message saying so. Meanwhile Envoy sends its traffic to
  the other processes (health checks, outlier detection, retries: envoy/envoy.yaml).
- Ctrl-C or SIGTERM stops cleanly: Envoy closes its listener (no new connections), the calls in
  flight finish (at most DRAIN_SECONDS), then Envoy stops, then the servers finish theirs and stop.
- If Envoy dies, everything stops."""

import ctypes
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import grpc
from grpc_health.v1 import health_pb2, health_pb2_grpc

from server.api import metrics
from server.api.tokens import edge_jwks, ensure_local_key
from server.cli.envoy_config import cors_origin_matchers, limits_from_env, render
from server.cli.stacks import note_running
from server.config import Settings, SettingsError
from server.storage.db import migrate, open_database

START_TIMEOUT = 30
STOP_TIMEOUT = 10
STABLE_SECONDS = 10  # a death this long after a start is a fresh one: the backoff starts again
MAX_QUICK_DEATHS = 5  # deaths in a row before the process could serve: give up
FIRST_BACKOFF, MAX_BACKOFF = 0.2, 8.0
DEFAULT_DRAIN_SECONDS = 10
PR_SET_PDEATHSIG = 1


def _die_with_parent():
    """Children get SIGTERM if this supervisor is killed outright: no orphan Envoy."""
    ctypes.CDLL("libc.so.6", use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


def _spawn(args, env=None):
    return subprocess.Popen(args, env=env, stdin=subprocess.DEVNULL, start_new_session=True, preexec_fn=_die_with_parent)


# ---- port conflicts (issue 21): every port checked before anything starts or any file changes ----
INSTANCE_VARIABLE = "GROUPKIT_INSTANCE"  # the servers' identity for this start (server/api/app.py)


class PortTaken(ValueError):
    pass


def _instance_health_service(instance: str) -> str:
    """The health service name only this start's servers answer SERVING for: a foreign server on
    the port (another groupkit, anything on 50051) answers NOT_FOUND, so it is never taken for ours."""
    return f"groupkit.instance.{instance}" if instance else ""


def _wanted_ports(settings: Settings) -> list[tuple[str, int]]:
    grpc_ports = [("GRPC_PORT" if i == 0 else f"GRPC_PORT+{i} (SERVER_PROCESSES={settings.server_processes})",
                   settings.grpc_port + i) for i in range(settings.server_processes)]
    return [("HTTP_PORT", settings.http_port), ("ADMIN_PORT", settings.admin_port),
            ("METRICS_PORT", settings.metrics_port), *grpc_ports]


def _port_in_use(port: int) -> bool:
    """Whether 127.0.0.1:port cannot be bound: someone listens there (SO_REUSEADDR as the servers
    set it, so a closed connection's TIME_WAIT does not count; no SO_REUSEPORT, so an Envoy that
    set it still counts)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return True
    return False


def check_ports(settings: Settings) -> None:
    """Raises PortTaken naming the variable and the port when two settings name one port or a
    port is taken."""
    seen: dict[int, str] = {}
    for name, port in _wanted_ports(settings):
        if port in seen:
            raise PortTaken(f"{name} and {seen[port]} are both {port}: each needs its own port")
        seen[port] = name
    for name, port in _wanted_ports(settings):
        if _port_in_use(port):
            raise PortTaken(f"{name} {port} is already in use on 127.0.0.1 (another groupkit stack, or another "
                            f"program): stop it, or set {name.split('+')[0].split(' ')[0]} to a free port")


def _wait_grpc(port: int, process, instance: str) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    request = health_pb2.HealthCheckRequest(service=_instance_health_service(instance))
    with grpc.insecure_channel(f"127.0.0.1:{port}") as channel:
        stub = health_pb2_grpc.HealthStub(channel)
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise RuntimeError(f"the gRPC server on port {port} exited during start-up (code {process.returncode})")
            try:
                if stub.Check(request, timeout=1).status == health_pb2.HealthCheckResponse.SERVING:
                    return
            except grpc.RpcError:
                time.sleep(0.1)
    raise RuntimeError(f"the gRPC server on port {port} did not become healthy")


def _wait_envoy(admin_port: int, process) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"Envoy exited during start-up (code {process.returncode})")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{admin_port}/ready", timeout=1) as reply:
                if reply.status == 200:
                    return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("Envoy did not become ready")


def _stop(process, timeout=STOP_TIMEOUT) -> None:
    if process is None or process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def _say(text: str) -> None:
    print(f"[supervisor] {text}", file=sys.stderr, flush=True)


def _admin(admin_port: int, path: str, method: str = "GET") -> str:
    request = urllib.request.Request(f"http://127.0.0.1:{admin_port}{path}", method=method)
    with urllib.request.urlopen(request, timeout=2) as reply:
        return reply.read().decode()


def _active_requests(admin_port: int) -> int:
    pattern = urllib.parse.quote(r"^http\.ingress_http\.downstream_rq_active$")
    stats = json.loads(_admin(admin_port, f"/stats?format=json&filter={pattern}"))
    return sum(int(s.get("value", 0)) for s in stats.get("stats", []))


def _drain(admin_port: int, envoy, seconds: float) -> None:
    """Envoy stops accepting connections; the requests it holds finish, for at most seconds."""
    if envoy is None or envoy.poll() is not None:
        return
    try:
        _admin(admin_port, "/drain_listeners", method="POST")
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline and envoy.poll() is None and _active_requests(admin_port) > 0:
            time.sleep(0.05)
    except (OSError, ValueError) as exc:
        _say(f"drain cut short: {exc}")


class ServerSlot:
    """One server process on its port: restarted when it dies (backoff doubling while deaths come
    within STABLE_SECONDS of a start), given up on when it dies MAX_QUICK_DEATHS times in a row
    before ever answering its health check (it cannot start)."""

    def __init__(self, port: int, instance: str = ""):
        self.port = port
        self.instance = instance
        self.process = None
        self.started_at = 0.0
        self.serving = False
        self.deaths_in_a_row = 0  # each within STABLE_SECONDS of its start: the backoff
        self.deaths_at_start = 0  # each before the process served: the reason to give up
        self.restart_at: float | None = None

    def start(self) -> None:
        env = {**os.environ, "GRPC_PORT": str(self.port), INSTANCE_VARIABLE: self.instance}
        self.process = _spawn([sys.executable, "-m", "server"], env=env)
        self.started_at = time.monotonic()
        self.serving = False
        self.restart_at = None

    def _answers_health(self) -> bool:
        try:
            with grpc.insecure_channel(f"127.0.0.1:{self.port}") as channel:
                request = health_pb2.HealthCheckRequest(service=_instance_health_service(self.instance))
                reply = health_pb2_grpc.HealthStub(channel).Check(request, timeout=0.2)
                return reply.status == health_pb2.HealthCheckResponse.SERVING
        except grpc.RpcError:
            return False

    def check(self) -> str | None:
        """Restarts the process when due; returns a reason to give up, else None."""
        now = time.monotonic()
        if self.restart_at is not None:
            if now >= self.restart_at:
                _say(f"starting the server on port {self.port} again")
                self.start()
            return None
        code = self.process.poll()
        if code is None:
            if not self.serving and self._answers_health():
                self.serving, self.deaths_at_start = True, 0
            return None
        lived = now - self.started_at
        self.deaths_in_a_row = self.deaths_in_a_row + 1 if lived < STABLE_SECONDS else 1
        self.deaths_at_start = 0 if self.serving else self.deaths_at_start + 1
        if self.deaths_at_start >= MAX_QUICK_DEATHS:
            return (f"the server on port {self.port} died {self.deaths_at_start} times in a row before it could "
                    f"serve (last exit code {code}); giving up")
        delay = min(FIRST_BACKOFF * 2 ** (self.deaths_in_a_row - 1), MAX_BACKOFF)
        _say(f"the server on port {self.port} exited (code {code}) after {lived:.1f} s; restarting in {delay:.1f} s")
        self.restart_at = now + delay
        return None


def _drain_seconds(env) -> float:
    raw = env.get("DRAIN_SECONDS", "")
    try:
        value = float(raw) if raw.strip() else DEFAULT_DRAIN_SECONDS
    except ValueError:
        value = -1.0
    if not 0 <= value <= 3600:
        raise SettingsError(f"DRAIN_SECONDS must be a number of seconds from 0 to 3600, not {raw!r}")
    return value


ENVOY_LOG_LEVELS = ("trace", "debug", "info", "warning", "warn", "error", "critical", "off")


def _envoy_log_level(env) -> str:
    raw = env.get("ENVOY_LOG_LEVEL", "") or "warn"
    if raw not in ENVOY_LOG_LEVELS:
        raise SettingsError(f"ENVOY_LOG_LEVEL must be one of {', '.join(ENVOY_LOG_LEVELS)}, not {raw!r}")
    return raw


# ---- Ctrl-C (issue 21): make run exits 0 ----
def _own_the_terminal():
    """Under make, Ctrl-C would reach make too, which then dies of SIGINT whatever this process
    answers (exit code 130). When make runs it in the foreground of a terminal, this process takes
    the terminal's foreground for its own process group, so Ctrl-C reaches only it; returns what
    gives the terminal back (None when there is nothing to do)."""
    try:
        fd = sys.stdin.fileno()
        if not os.isatty(fd) or os.tcgetpgrp(fd) != os.getpgrp():
            return None
        previous = os.getpgrp()
        os.setpgid(0, 0)
    except (OSError, ValueError):
        return None

    def hand_to(group: int) -> None:
        old = signal.signal(signal.SIGTTOU, signal.SIG_IGN)  # a background group may take it so
        try:
            os.tcsetpgrp(fd, group)
        except OSError:
            pass
        finally:
            signal.signal(signal.SIGTTOU, old)

    hand_to(os.getpgrp())
    signal.signal(signal.SIGTSTP, signal.SIG_IGN)  # Ctrl-Z would stop only this group, and hang make
    return lambda: hand_to(previous)


def main() -> int:
    try:
        settings = Settings.from_env()
        limits = limits_from_env(os.environ)
        cors_origin_matchers(settings.cors_allowed_origins)  # a bad CORS_ALLOWED_ORIGINS stops the start here
        drain_seconds = _drain_seconds(os.environ)
        _envoy_log_level(os.environ)
        # Before any file changes: a second stack on a taken port must not touch the first one's files.
        check_ports(settings)
    except ValueError as exc:
        print(f"start failed: {exc}", file=sys.stderr, flush=True)
        return 1
    give_back_terminal = _own_the_terminal()
    try:
        return _run(settings, limits, drain_seconds)
    finally:
        if give_back_terminal:
            give_back_terminal()


def _run(settings: Settings, limits: dict[str, int], drain_seconds: float) -> int:
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    ensure_local_key(settings.data_dir)  # before the server, so both never race to create it
    envoy_config = settings.data_dir / f"envoy-{settings.http_port}.yaml"
    envoy_config.write_text(
        render(http_port=settings.http_port, admin_port=settings.admin_port, grpc_port=settings.grpc_port,
               server_processes=settings.server_processes, limits=limits,
               jwks=edge_jwks(settings.data_dir, settings.jwt_jwks, settings.jwt_public_key),
               cors_origins=settings.cors_allowed_origins, im_errors_as_200=settings.im_errors_as_200,
               jwt_require_exp=settings.jwt_require_exp, jwt_max_lifetime_seconds=settings.jwt_max_lifetime_seconds)
    )
    # Migrate once here, so several server processes never race to change the schema.
    migrate(open_database(settings.database_url))
    envoy_bin = Path(sys.executable).parent / "envoy"
    # Each server process writes its metrics here (prometheus_client's multiprocess mode: the children
    # inherit the variable); this process serves their sum on METRICS_PORT.
    metrics_dir = settings.data_dir / f"metrics-{settings.http_port}"
    shutil.rmtree(metrics_dir, ignore_errors=True)
    metrics_dir.mkdir(parents=True)
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = str(metrics_dir)
    instance = secrets.token_hex(8)
    slots = [ServerSlot(settings.grpc_port + i, instance) for i in range(settings.server_processes)]
    envoy, metrics_server, note = None, None, None
    stopping = False

    def request_stop(*_):
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGINT, request_stop)
    signal.signal(signal.SIGTERM, request_stop)
    try:
        for slot in slots:
            slot.start()
        for slot in slots:
            _wait_grpc(slot.port, slot.process, instance)
            slot.serving = True
        envoy = _spawn(
            [str(envoy_bin), "-c", str(envoy_config), "--use-dynamic-base-id",
             "--log-level", _envoy_log_level(os.environ)]
        )
        _wait_envoy(settings.admin_port, envoy)
        try:
            metrics_server = metrics.serve(settings.metrics_port, str(metrics_dir))
        except OSError as exc:
            raise RuntimeError(f"cannot serve metrics on 127.0.0.1:{settings.metrics_port}: {exc}") from exc
        print(
            f"REST (Envoy)  http://127.0.0.1:{settings.http_port}\n"
            f"gRPC          {', '.join(f'127.0.0.1:{slot.port}' for slot in slots)}\n"
            f"Envoy admin   http://127.0.0.1:{settings.admin_port}\n"
            f"API docs      http://127.0.0.1:{settings.http_port}/docs (OpenAPI: /openapi.json)\n"
            f"Metrics       http://127.0.0.1:{settings.metrics_port}/metrics (per RPC)\n"
            f"Envoy stats   http://127.0.0.1:{settings.admin_port}/stats/prometheus\n"
            f"database      {settings.database_url}\n"
            "Ctrl-C stops both.",
            flush=True,
        )
        note = note_running(settings.http_port, settings.data_dir)
        while not stopping:
            if envoy.poll() is not None:
                _say(f"Envoy exited (code {envoy.returncode}); stopping")
                return 1
            for slot in slots:
                reason = slot.check()
                if reason:
                    _say(reason)
                    return 1
            time.sleep(0.1)
        _say("stopping: no new connections, finishing the calls in flight")
        _drain(settings.admin_port, envoy, drain_seconds)
        return 0
    except RuntimeError as exc:
        print(f"start failed: {exc}", file=sys.stderr, flush=True)
        return 1
    finally:
        if note is not None:
            note.unlink(missing_ok=True)
        if metrics_server is not None:
            metrics_server.shutdown()
        _stop(envoy)
        servers = [slot.process for slot in slots if slot.process is not None]
        for server in servers:
            if server.poll() is None:
                server.terminate()  # all drain at once, then each is waited for
        for server in servers:
            _stop(server)


if __name__ == "__main__":
    sys.exit(main())
