"""python -m server: the gRPC server alone, on 127.0.0.1:GRPC_PORT (GRPC_BIND_ADDRESS:GRPC_PORT when set,
e.g. 0.0.0.0 on a server host), until SIGTERM or SIGINT."""

import logging
import os
import signal
import threading

from server.api.app import build_server
from server.api.edge import install_access_log
from server.config import Settings, SettingsError

GRACE_SECONDS = 5


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    install_access_log()
    try:
        settings = Settings.from_env()
    except SettingsError as exc:
        raise SystemExit(f"start failed: {exc}") from None
    host = os.environ.get("GRPC_BIND_ADDRESS", "") or "127.0.0.1"
    server, port = build_server(settings, bind=f"{host}:{settings.grpc_port}")
    server.start()
    worker = server.webhook_worker.start()  # webhook deliveries, from the database
    logging.getLogger("groupkit").info("gRPC listening on %s:%d", host, port)
    stop = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stop.set())
    stop.wait()
    # Finish in-flight calls, refuse new ones.
    server.stop(GRACE_SECONDS).wait()
    worker.stop()


if __name__ == "__main__":
    main()
