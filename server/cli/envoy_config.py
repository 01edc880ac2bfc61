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
# API docs (issue #11): the OpenAPI document make gen writes, the explorer page and Swagger UI (npm).
OPENAPI = PROJECT_ROOT / "gen" / "openapi.json"
DOCS_PAGE = PROJECT_ROOT / "envoy" / "docs" / "index.html"
SWAGGER_UI = PROJECT_ROOT / "node_modules" / "swagger-ui-dist"
# The public services: transcoded for REST, forwarded for native gRPC callers.
PUBLIC_SERVICES = ["groupkit.group.v1.GroupService"]


def upstream_route_regex(services: list[str]) -> str:
    """gRPC paths Envoy forwards: the public services, health and reflection. Internal
    services are reachable only on the gRPC port itself."""
    names = [re.escape(s) for s in services] + [r"grpc\.health\.v1\.Health", r"grpc\.reflection\.v1alpha\.ServerReflection"]
    return "^/(" + "|".join(names) + r")/[A-Za-z0-9_]+$"


def docs_routes(openapi: Path = OPENAPI, page: Path = DOCS_PAGE, swagger_ui: Path = SWAGGER_UI) -> list[dict]:
    """Routes of the internal docs listener: each file answered whole by direct_response."""
    def file_route(path: str, file: Path, content_type: str) -> dict:
        return {
            "match": {"path": path},
            "direct_response": {"status": 200, "body": {"filename": str(file)}},
            "response_headers_to_add": [{"header": {"key": "content-type", "value": content_type},
                                         "append_action": "OVERWRITE_IF_EXISTS_OR_ADD"}],
        }

    routes = []
    if openapi.exists():
        routes.append(file_route("/openapi.json", openapi, "application/json"))
    if (swagger_ui / "swagger-ui-bundle.js").exists():
        routes += [
            file_route("/docs", page, "text/html; charset=utf-8"),
            file_route("/docs/", page, "text/html; charset=utf-8"),
            file_route("/docs/swagger-ui-bundle.js", swagger_ui / "swagger-ui-bundle.js", "text/javascript; charset=utf-8"),
            file_route("/docs/swagger-ui.css", swagger_ui / "swagger-ui.css", "text/css; charset=utf-8"),
        ]
    routes.append({
        "match": {"prefix": "/"},
        "direct_response": {"status": 404, "body": {"inline_string": '{"message":"Not Found (make node installs the explorer)"}'}},
        "response_headers_to_add": [{"header": {"key": "content-type", "value": "application/json"},
                                     "append_action": "OVERWRITE_IF_EXISTS_OR_ADD"}],
    })
    return routes


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
        DOCS_ROUTES=json.dumps(docs_routes()),
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
