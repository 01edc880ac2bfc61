"""python -m server: the gRPC server alone, on 127.0.0.1:GRPC_PORT, until SIGTERM or SIGINT."""

import logging
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
    server, port = build_server(settings)
    server.start()
    logging.getLogger("groupkit").info("gRPC listening on 127.0.0.1:%d", port)
    stop = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stop.set())
    stop.wait()
    # Finish in-flight calls, refuse new ones.
    server.stop(GRACE_SECONDS).wait()


if __name__ == "__main__":
    main()
