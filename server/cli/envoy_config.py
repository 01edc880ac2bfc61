"""Renders envoy/envoy.yaml (a template) into a config Envoy can load."""

import argparse
import json
import re
from pathlib import Path
from string import Template

from server.config import PROJECT_ROOT

TEMPLATE = PROJECT_ROOT / "envoy" / "envoy.yaml"
LUA_FILE = PROJECT_ROOT / "envoy" / "edge.lua"
DESCRIPTOR = PROJECT_ROOT / "gen" / "api.pb"
# The public services: transcoded for REST, forwarded for native gRPC callers.
PUBLIC_SERVICES = ["groupkit.group.v1.GroupService"]


def upstream_route_regex(services: list[str]) -> str:
    """gRPC paths Envoy forwards: the public services, health and reflection. Internal
    services are reachable only on the gRPC port itself."""
    names = [re.escape(s) for s in services] + [r"grpc\.health\.v1\.Health", r"grpc\.reflection\.v1alpha\.ServerReflection"]
    return "^/(" + "|".join(names) + r")/[A-Za-z0-9_]+$"


# Load bounds (issue 12): variable, default, meaning. README "Operating it" lists them.
LIMITS = {
    "RATE_LIMIT_READS": (1000, "GET requests per second per caller (token)"),
    "RATE_LIMIT_WRITES": (200, "other requests per second per caller"),
    "RATE_LIMIT_TOTAL": (20000, "requests per second for everyone together"),
    "MAX_CONNECTIONS": (4096, "open downstream connections; past it new ones are closed"),
    "MAX_IN_FLIGHT": (256, "requests being served by the servers; past it (and the queue) 503"),
    "MAX_PENDING": (256, "requests queued for a server connection; past it 503"),
    "ENVOY_MAX_HEAP_MB": (1024, "Envoy heap; near it keep-alive stops, at 95% new requests get 503"),
    "UPSTREAM_TIMEOUT_SECONDS": (30, "longest wait for a server's answer (504 after)"),
}
RATE_LIMITED_TEXT = "请求过于频繁，请稍后再试"
BUSY_TEXT = "服务繁忙，请稍后再试"


def limits_from_env(env) -> dict[str, int]:
    """The load bounds, from the environment, else the defaults; each a positive integer."""
    found = {}
    for name, (default, _) in LIMITS.items():
        raw = env.get(name, "")
        value = int(raw) if raw.strip() else default
        if value <= 0:
            raise ValueError(f"{name} must be a positive integer, not {raw!r}")
        found[name] = value
    return found


def render(
    *, http_port: int, admin_port: int, grpc_port: int, server_processes: int = 1, descriptor: Path = DESCRIPTOR,
    services: list[str] | None = None, lua_file: Path = LUA_FILE, limits: dict[str, int] | None = None,
) -> str:
    """The config for servers on grpc_port .. grpc_port + server_processes - 1."""
    services = services or PUBLIC_SERVICES
    limits = {**limits_from_env({}), **(limits or {})}
    endpoints = [
        {"endpoint": {"address": {"socket_address": {"address": "127.0.0.1", "port_value": port}}}}
        for port in range(grpc_port, grpc_port + server_processes)
    ]
    return Template(TEMPLATE.read_text()).substitute(
        HTTP_PORT=http_port,
        ADMIN_PORT=admin_port,
        LB_ENDPOINTS=json.dumps(endpoints),  # JSON is YAML's flow style
        DESCRIPTOR=str(descriptor),
        LUA_FILE=str(lua_file),
        SERVICES=json.dumps(services),
        # A YAML double-quoted string: backslashes doubled.
        UPSTREAM_ROUTE_REGEX=upstream_route_regex(services).replace("\\", "\\\\"),
        RATE_READS=limits["RATE_LIMIT_READS"],
        RATE_WRITES=limits["RATE_LIMIT_WRITES"],
        RATE_TOTAL=limits["RATE_LIMIT_TOTAL"],
        MAX_CONNECTIONS=limits["MAX_CONNECTIONS"],
        MAX_IN_FLIGHT=limits["MAX_IN_FLIGHT"],
        MAX_PENDING=limits["MAX_PENDING"],
        MAX_HEAP_BYTES=limits["ENVOY_MAX_HEAP_MB"] * 1024 * 1024,
        UPSTREAM_TIMEOUT=f"{limits['UPSTREAM_TIMEOUT_SECONDS']}s",
        REQUEST_TIMEOUT=f"{limits['UPSTREAM_TIMEOUT_SECONDS'] + 30}s",
        RATE_LIMITED_TEXT=RATE_LIMITED_TEXT,
        BUSY_TEXT=BUSY_TEXT,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--http-port", type=int, default=8080)
    parser.add_argument("--admin-port", type=int, default=9901)
    parser.add_argument("--grpc-port", type=int, default=50051)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    args.out.write_text(render(http_port=args.http_port, admin_port=args.admin_port, grpc_port=args.grpc_port))


if __name__ == "__main__":
    main()
