"""The edge role of a multi-host layout (`make edge`): one Envoy, its config rendered from the
environment (server/cli/topology.py says where the servers and the other Envoys are), in the
foreground. Envoy keeps no state worth keeping: run as many as the load needs behind any L4
balancer. SIGTERM: Envoy stops accepting, the calls in flight finish (DRAIN_SECONDS), it stops."""

import os
import signal
import sys
import time
from pathlib import Path

from server.api.tokens import edge_jwks
from server.cli.envoy_config import cors_origin_matchers, limits_from_env, render
from server.cli.run import DEFAULT_DRAIN_SECONDS, _drain, _say, _spawn, _stop, _wait_envoy
from server.cli.topology import Topology, apply
from server.config import Settings


def config_text(settings: Settings, env=None) -> str:
    env = os.environ if env is None else env
    cors_origin_matchers(settings.cors_allowed_origins)  # a bad CORS_ALLOWED_ORIGINS stops the start here
    return apply(
        render(http_port=settings.http_port, admin_port=settings.admin_port, grpc_port=settings.grpc_port,
               server_processes=settings.server_processes, limits=limits_from_env(env),
               jwks=edge_jwks(settings.data_dir, settings.jwt_jwks, settings.jwt_public_key),
               cors_origins=settings.cors_allowed_origins),
        Topology.from_env(env),
    )


def main() -> int:
    settings = Settings.from_env()
    try:
        text = config_text(settings)
        drain_seconds = float(os.environ.get("DRAIN_SECONDS", "") or DEFAULT_DRAIN_SECONDS)
    except ValueError as exc:
        print(f"start failed: {exc}", file=sys.stderr, flush=True)
        return 1
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    path = settings.data_dir / f"envoy-edge-{settings.http_port}.yaml"
    path.write_text(text)
    stopping = False

    def request_stop(*_):
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGINT, request_stop)
    signal.signal(signal.SIGTERM, request_stop)
    envoy = _spawn([str(Path(sys.executable).parent / "envoy"), "-c", str(path), "--use-dynamic-base-id",
                    "--log-level", os.environ.get("ENVOY_LOG_LEVEL", "warn")])
    try:
        _wait_envoy(settings.admin_port, envoy)
        print(f"edge  {Topology.from_env().listen_address}:{settings.http_port}\nserving.", flush=True)
        while not stopping:
            if envoy.poll() is not None:
                _say(f"Envoy exited (code {envoy.returncode})")
                return 1
            time.sleep(0.1)
        _drain(settings.admin_port, envoy, drain_seconds)
        return 0
    except RuntimeError as exc:
        print(f"start failed: {exc}", file=sys.stderr, flush=True)
        return 1
    finally:
        _stop(envoy)


if __name__ == "__main__":
    sys.exit(main())
