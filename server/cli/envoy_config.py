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
PUBLIC_SERVICES = ["groupkit.group.v1.GroupService", "groupkit.circle.v1.CircleService"]


def upstream_route_regex(services: list[str]) -> str:
    """gRPC paths Envoy forwards: the public services, health and reflection. Internal
    services are reachable only on the gRPC port itself."""
    names = [re.escape(s) for s in services] + [r"grpc\.health\.v1\.Health", r"grpc\.reflection\.v1alpha\.ServerReflection"]
    return "^/(" + "|".join(names) + r")/[A-Za-z0-9_]+$"


def render(
    *, http_port: int, admin_port: int, grpc_port: int, server_processes: int = 1, descriptor: Path = DESCRIPTOR,
    services: list[str] | None = None, lua_file: Path = LUA_FILE,
) -> str:
    """The config for servers on grpc_port .. grpc_port + server_processes - 1."""
    services = services or PUBLIC_SERVICES
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
