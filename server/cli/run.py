"""make run: the gRPC server (SERVER_PROCESSES of them) and Envoy in the foreground. Ctrl-C (or SIGTERM) stops
Envoy first, then lets the server finish in-flight calls; if either dies, both stop."""

import ctypes
import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import grpc
from grpc_health.v1 import health_pb2, health_pb2_grpc

from server.api import metrics
from server.api.tokens import edge_jwks, ensure_local_key
from server.cli.envoy_config import render
from server.config import Settings
from server.storage.db import migrate, open_database

START_TIMEOUT = 30
STOP_TIMEOUT = 10
PR_SET_PDEATHSIG = 1


def _die_with_parent():
    """Children get SIGTERM if this supervisor is killed outright: no orphan Envoy."""
    ctypes.CDLL("libc.so.6", use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


def _spawn(args, env=None):
    return subprocess.Popen(args, env=env, stdin=subprocess.DEVNULL, start_new_session=True, preexec_fn=_die_with_parent)


def _wait_grpc(port: int, process) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    with grpc.insecure_channel(f"127.0.0.1:{port}") as channel:
        stub = health_pb2_grpc.HealthStub(channel)
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise RuntimeError("the gRPC server exited during start-up")
            try:
                if stub.Check(health_pb2.HealthCheckRequest(), timeout=1).status == health_pb2.HealthCheckResponse.SERVING:
                    return
            except grpc.RpcError:
                time.sleep(0.1)
    raise RuntimeError("the gRPC server did not become healthy")


def _wait_envoy(admin_port: int, process) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("Envoy exited during start-up")
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


def main() -> int:
    settings = Settings.from_env()
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    ensure_local_key(settings.data_dir)  # before the server, so both never race to create it
    envoy_config = settings.data_dir / f"envoy-{settings.http_port}.yaml"
    envoy_config.write_text(
        render(http_port=settings.http_port, admin_port=settings.admin_port, grpc_port=settings.grpc_port,
               server_processes=settings.server_processes,
               jwks=edge_jwks(settings.data_dir, settings.jwt_jwks, settings.jwt_public_key))
    )
    # Migrate once here, so several server processes never race to change the schema.
    migrate(open_database(settings.database_url))
    envoy_bin = Path(sys.executable).parent / "envoy"
    # Each server process writes its metrics here; this process serves their sum on METRICS_PORT.
    metrics_dir = settings.data_dir / f"metrics-{settings.http_port}"
    shutil.rmtree(metrics_dir, ignore_errors=True)
    metrics_dir.mkdir(parents=True)
    server_env = {**os.environ, "PROMETHEUS_MULTIPROC_DIR": str(metrics_dir)}
    grpc_ports = [settings.grpc_port + i for i in range(settings.server_processes)]
    servers, envoy, metrics_server = [], None, None
    stopping = False

    def request_stop(*_):
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGINT, request_stop)
    signal.signal(signal.SIGTERM, request_stop)
    try:
        for port in grpc_ports:
            servers.append(_spawn([sys.executable, "-m", "server"], env={**server_env, "GRPC_PORT": str(port)}))
        for port, server in zip(grpc_ports, servers, strict=True):
            _wait_grpc(port, server)
        envoy = _spawn(
            [str(envoy_bin), "-c", str(envoy_config), "--use-dynamic-base-id",
             "--log-level", os.environ.get("ENVOY_LOG_LEVEL", "warn")]
        )
        _wait_envoy(settings.admin_port, envoy)
        try:
            metrics_server = metrics.serve(settings.metrics_port, str(metrics_dir))
        except OSError as exc:
            raise RuntimeError(f"cannot serve metrics on 127.0.0.1:{settings.metrics_port}: {exc}") from exc
        print(
            f"REST (Envoy)  http://127.0.0.1:{settings.http_port}\n"
            f"gRPC          {', '.join(f'127.0.0.1:{port}' for port in grpc_ports)}\n"
            f"Envoy admin   http://127.0.0.1:{settings.admin_port}\n"
            f"API docs      http://127.0.0.1:{settings.http_port}/docs (OpenAPI: /openapi.json)\n"
            f"Metrics       http://127.0.0.1:{settings.metrics_port}/metrics (per RPC)\n"
            f"Envoy stats   http://127.0.0.1:{settings.admin_port}/stats/prometheus\n"
            f"database      {settings.database_url}\n"
            "Ctrl-C stops both.",
            flush=True,
        )
        while not stopping and envoy.poll() is None and all(server.poll() is None for server in servers):
            time.sleep(0.2)
        return 0 if stopping else 1
    except RuntimeError as exc:
        print(f"start failed: {exc}", file=sys.stderr, flush=True)
        return 1
    finally:
        if metrics_server is not None:
            metrics_server.shutdown()
        _stop(envoy)
        for server in servers:
            server.terminate()  # all drain at once, then each is waited for
        for server in servers:
            _stop(server)


if __name__ == "__main__":
    sys.exit(main())
