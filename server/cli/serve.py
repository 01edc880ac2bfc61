"""The server role of a multi-host layout (`make serve`): SERVER_PROCESSES gRPC servers on
GRPC_BIND_ADDRESS (default 0.0.0.0), ports GRPC_PORT, GRPC_PORT+1, ..., supervised as
`make run` supervises them (restarted with backoff; given up on when one never serves).
No Envoy here: the edge role (`make edge`, server/cli/edge.py) finds these processes by its
EDS file or by DNS. Migrations run here first, under PostgreSQL's advisory lock, so hosts
starting together never race. SIGTERM: every server finishes its calls in flight and stops."""

import os
import shutil
import signal
import sys
import time

import grpc
from grpc_health.v1 import health_pb2, health_pb2_grpc

from server.api import metrics
from server.api.tokens import ensure_local_key
from server.cli.run import START_TIMEOUT, ServerSlot, _say, _stop
from server.config import Settings
from server.storage.db import migrate, open_database


def _probe_host(bind: str) -> str:
    return "127.0.0.1" if bind in ("0.0.0.0", "::", "") else bind


class HostSlot(ServerSlot):
    """A ServerSlot whose process listens on bind, not only on 127.0.0.1."""

    def __init__(self, port: int, bind: str):
        super().__init__(port)
        self.bind = bind

    def start(self) -> None:
        os.environ["GRPC_BIND_ADDRESS"] = self.bind
        super().start()

    def _answers_health(self, timeout: float = 0.2) -> bool:
        try:
            with grpc.insecure_channel(f"{_probe_host(self.bind)}:{self.port}") as channel:
                reply = health_pb2_grpc.HealthStub(channel).Check(health_pb2.HealthCheckRequest(), timeout=timeout)
                return reply.status == health_pb2.HealthCheckResponse.SERVING
        except grpc.RpcError:
            return False


def main() -> int:
    settings = Settings.from_env()
    bind = os.environ.get("GRPC_BIND_ADDRESS", "") or "0.0.0.0"
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    if not (settings.jwt_jwks or settings.jwt_public_key):
        ensure_local_key(settings.data_dir)
    migrate(open_database(settings.database_url))
    metrics_dir = settings.data_dir / f"metrics-{settings.grpc_port}"
    shutil.rmtree(metrics_dir, ignore_errors=True)
    metrics_dir.mkdir(parents=True)
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = str(metrics_dir)
    slots = [HostSlot(settings.grpc_port + i, bind) for i in range(settings.server_processes)]
    stopping = False

    def request_stop(*_):
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGINT, request_stop)
    signal.signal(signal.SIGTERM, request_stop)
    metrics_server = None
    try:
        for slot in slots:
            slot.start()
        deadline = time.monotonic() + START_TIMEOUT
        for slot in slots:
            while not slot._answers_health(timeout=1):
                if slot.process.poll() is not None or time.monotonic() > deadline:
                    _say(f"the server on port {slot.port} did not start")
                    return 1
                time.sleep(0.1)
            slot.serving = True
        try:
            metrics_server = metrics.serve(settings.metrics_port, str(metrics_dir))
        except OSError as exc:
            _say(f"no metrics endpoint on 127.0.0.1:{settings.metrics_port}: {exc}")
        print(f"gRPC  {', '.join(f'{bind}:{slot.port}' for slot in slots)}\nserving.", flush=True)
        while not stopping:
            for slot in slots:
                reason = slot.check()
                if reason:
                    _say(reason)
                    return 1
            time.sleep(0.1)
        return 0
    finally:
        if metrics_server is not None:
            metrics_server.shutdown()
        servers = [slot.process for slot in slots if slot.process is not None]
        for server in servers:
            if server.poll() is None:
                server.terminate()
        for server in servers:
            _stop(server)


if __name__ == "__main__":
    sys.exit(main())
