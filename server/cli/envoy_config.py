"""Renders envoy/envoy.yaml (a template) into a config Envoy can load."""

import argparse
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from string import Template

from google.api import annotations_pb2
from google.protobuf import descriptor_pb2

from groupkit.common.v1 import options_pb2  # registers the route option, so the descriptor set's copy is readable
from server.api.tokens import edge_jwks
from server.config import PROJECT_ROOT

TEMPLATE = PROJECT_ROOT / "envoy" / "envoy.yaml"
LUA_FILE = PROJECT_ROOT / "envoy" / "edge.lua"
REQUEST_CHECKS_LUA_FILE = PROJECT_ROOT / "envoy" / "request_checks.lua"
DESCRIPTOR = PROJECT_ROOT / "gen" / "api.pb"
# API docs (issue #11): the OpenAPI document make gen writes, the explorer page and Swagger UI (npm).
OPENAPI = PROJECT_ROOT / "gen" / "openapi.json"
DOCS_PAGE = PROJECT_ROOT / "envoy" / "docs" / "index.html"
SWAGGER_UI = PROJECT_ROOT / "node_modules" / "swagger-ui-dist"
# The public services: transcoded for REST, forwarded for native gRPC callers.
PUBLIC_SERVICES = [
    "groupkit.group.v1.GroupService", "groupkit.notice.v1.NoticeService", "groupkit.file.v1.FileService",
    "groupkit.circle.v1.CircleService",
]
JWT_PROVIDER = "groupkit"


@dataclass(frozen=True)
class Route:
    """One REST binding of an RPC: verb and path template, and whether a token is optional."""

    verb: str
    template: str
    grpc_path: str  # /package.Service/Method
    public: bool


def _methods(descriptor: Path, services: list[str]):
    files = descriptor_pb2.FileDescriptorSet.FromString(descriptor.read_bytes())
    for file in files.file:
        for service in file.service:
            full_name = f"{file.package}.{service.name}"
            if full_name in services:
                for method in service.method:
                    yield f"/{full_name}/{method.name}", method


def routes(descriptor: Path, services: list[str]) -> list[Route]:
    """Every REST binding (additional bindings too) of the services, from the descriptor set Envoy loads."""
    found = []
    for grpc_path, method in _methods(descriptor, services):
        public = method.options.Extensions[options_pb2.route].public
        rule = method.options.Extensions[annotations_pb2.http]
        for binding in [rule, *rule.additional_bindings]:
            verb = binding.WhichOneof("pattern")
            if verb and verb != "custom":
                found.append(Route(verb.upper(), getattr(binding, verb), grpc_path, public))
    return found


def grpc_methods(descriptor: Path, services: list[str]) -> dict[str, bool]:
    """Every method of the services (those with no REST binding too, such as the streaming side of
    a circles list): its native gRPC path, and whether it is public."""
    return {
        grpc_path: method.options.Extensions[options_pb2.route].public
        for grpc_path, method in _methods(descriptor, services)
    }


def _path_regex(template: str) -> str:
    """A google.api.http path template as an RE2 regex: {x} one segment, {x=**} the rest."""
    parts = []
    for segment in template.strip("/").split("/"):
        if segment.startswith("{"):
            parts.append(".+" if segment.endswith("=**}") else "[^/]+")
        else:
            parts.append(re.escape(segment))
    return "/" + "/".join(parts) + "/?"  # the transcoder takes a trailing slash too


def _specificity(route: Route) -> tuple:
    """Literal segments before parameters, as the transcoder resolves overlaps."""
    return tuple(segment.startswith("{") for segment in route.template.strip("/").split("/"))


def jwt_rules(all_routes: list[Route], methods: dict[str, bool]) -> list[dict]:
    """jwt_authn rules, first match wins: each REST route needs a valid token unless its RPC is
    public (then a token is optional, but a bad one is refused), and so does each native gRPC
    method. Paths that match no route need none: they answer 404 (or are health/reflection)."""
    required = {"provider_name": JWT_PROVIDER}
    optional = {"requires_any": {"requirements": [required, {"allow_missing": {}}]}}
    rules = []
    for route in sorted(all_routes, key=_specificity):
        rules.append({
            "match": {
                "safe_regex": {"regex": _path_regex(route.template)},
                "headers": [{"name": ":method", "string_match": {"exact": route.verb}}],
            },
            "requires": optional if route.public else required,
        })
    for path, public in sorted(methods.items()):
        rules.append({"match": {"path": path}, "requires": optional if public else required})
    return rules


# What a browser may send and read cross-origin: both dialects' token headers, the im headers,
# JSON, gRPC-web's own, and gRPC-web's status trailers-as-headers.
CORS_ALLOW_HEADERS = "authorization, content-type, access-token, app_id, user_id, group_id, x-grpc-web, x-user-agent, grpc-timeout"
CORS_EXPOSE_HEADERS = "grpc-status, grpc-message"


def cors_origin_matchers(origins: tuple[str, ...]) -> list[dict]:
    """Envoy's allow_origin_string_match for CORS_ALLOWED_ORIGINS: * any origin, else each exactly
    (an origin is scheme://host[:port], no path); none, no CORS answers at all."""
    if "*" in origins:
        return [{"safe_regex": {"regex": ".*"}}]
    for origin in origins:
        if not re.fullmatch(r"https?://[^/\s]+", origin):
            raise ValueError(f"CORS_ALLOWED_ORIGINS: {origin!r} is not an origin (scheme://host[:port])")
    return [{"exact": origin} for origin in origins]


def upstream_route_regex(services: list[str]) -> str:
    """gRPC paths Envoy forwards: any service of the public services' packages (internal
    services live in groupkit.internal.v1, reachable only on the gRPC port itself), health
    and reflection. Written compactly (common package prefix and suffix factored out):
    Envoy refuses a regex whose RE2 program passes 100 instructions."""
    packages = sorted({s.rpartition(".")[0] for s in services})
    prefix = os.path.commonprefix(packages)
    prefix = prefix[: prefix.rfind(".") + 1]
    suffix = os.path.commonprefix([p[len(prefix):][::-1] for p in packages])[::-1]
    suffix = suffix[suffix.find(".") :] if "." in suffix else ""
    middles = sorted({p[len(prefix) : len(p) - len(suffix)] for p in packages})
    public = re.escape(prefix) + "(" + "|".join(re.escape(m) for m in middles) + ")" + re.escape(suffix)
    return "^/(" + public + r"\.[A-Za-z]+|grpc\.(health\.v1|reflection\.v1alpha)\.[A-Za-z]+)/[A-Za-z0-9_]+$"


# Performance (issue 20): the HTTP filters (by their names in envoy.yaml) a request does not
# need, skipped by the route it first matches (Envoy does not create them for it).
EDGE_LUA_FILTER = "envoy.filters.http.lua"
REQUEST_CHECKS_FILTER = "envoy.filters.http.lua.request_checks"
TRANSCODER_FILTER = "envoy.filters.http.grpc_json_transcoder"
GRPC_HEADERS_FILTER = "envoy.filters.http.header_mutation.rest_answers"
# What a REST client never sees: gRPC's headers and trailers, and the server's status and envelope
# metadata (edge.lua has applied them before this filter runs on the way out).
GRPC_RESPONSE_HEADERS = [
    "grpc-status", "grpc-message", "grpc-status-details-bin", "grpc-accept-encoding", "grpc-encoding",
    "x-http-code", "x-http-body",
]
JWT_CACHE_SIZE = 1000  # verified tokens jwt_authn keeps per worker (each still checked against its exp)


def skipped_filters(*names: str) -> dict:
    """A route's typed_per_filter_config that disables the named filters for requests starting on it."""
    return {name: {"@type": "type.googleapis.com/envoy.config.route.v3.FilterConfig", "disabled": True}
            for name in names}


def native_skipped_filters() -> dict:
    """Native gRPC and gRPC-web calls: nothing to rewrite on the way out (edge.lua), no JSON body
    or im header to check (request_checks.lua), nothing to transcode."""
    return skipped_filters(EDGE_LUA_FILTER, REQUEST_CHECKS_FILTER, TRANSCODER_FILTER, GRPC_HEADERS_FILTER)


def bodiless_skipped_filters() -> dict:
    """REST GETs outside the im dialect: no body to check and no app_id to compare. (An im GET keeps
    request_checks.lua: its app_id is refused with 401 before the transcoder reads the query, whose
    type errors would otherwise answer first; tests/e2e/test_conformance.py TestAuthenticationComesFirst.)"""
    return skipped_filters(REQUEST_CHECKS_FILTER)


def grpc_headers_mutations() -> dict:
    """header_mutation's removals from every REST answer's headers and trailers."""
    removals = [{"remove": name} for name in GRPC_RESPONSE_HEADERS]
    return {"response_mutations": removals, "response_trailers_mutations": removals}


def _response_header(name: str) -> dict:
    return {"name": name, "typed_config": {
        "@type": "type.googleapis.com/envoy.type.matcher.v3.HttpResponseHeaderMatchInput", "header_name": name}}


def edge_lua_skip_matcher() -> dict:
    """edge.lua is skipped on an answer with nothing to rewrite: a 200 without the server's x-http-code
    (a success the transcoder printed). Errors (Envoy's own or the server's) and other statuses run it."""
    status_200 = {"single_predicate": {"input": _response_header(":status"), "value_match": {"exact": "200"}}}
    present = {"safe_regex": {"google_re2": {}, "regex": ".*"}}
    code_sent = {"single_predicate": {"input": _response_header("x-http-code"), "value_match": present}}
    skip = {"name": "skip", "typed_config": {
        "@type": "type.googleapis.com/envoy.extensions.filters.common.matcher.action.v3.SkipFilter"}}
    return {"matcher_list": {"matchers": [{
        "predicate": {"and_matcher": {"predicate": [status_200, {"not_matcher": code_sent}]}},
        "on_match": {"action": skip},
    }]}}


# The dialect that owns a REST path (CONTRACT.md "REST paths"), first match wins. edge.lua reads it
# from the route's metadata: no Lua runs on the request to find it.
DIALECT_PREFIXES = [("/api/v2/", "circles"), ("/api/", "community"), ("/group/manage", "community"), ("/group/", "im")]
ROUTES_INDENT = 14  # the routes' column in envoy.yaml


def _dialect_metadata(dialect: str) -> dict:
    return {"filter_metadata": {EDGE_LUA_FILTER: {"dialect": dialect}}}


def _yaml_items(items: list[str]) -> str:
    """Block-sequence items for the routes list, the first in the template's own place."""
    return ("\n" + " " * ROUTES_INDENT).join(f"- {item}" for item in items)


def transcoded_routes(upstream_regex: str) -> str:
    """After the transcoder: its gRPC path, to the upstream route (the template's `*upstream`),
    with the dialect of the REST path it kept in x-envoy-original-path."""
    items = []
    for prefix, dialect in DIALECT_PREFIXES:
        match = {"safe_regex": {"regex": upstream_regex},
                 "headers": [{"name": "x-envoy-original-path", "string_match": {"prefix": prefix}}]}
        items.append(f'{{"match": {json.dumps(match)}, "metadata": {json.dumps(_dialect_metadata(dialect))}, '
                     '"route": *upstream}')
    return _yaml_items(items)


def rest_entry_routes() -> str:
    """Where a REST request starts (the docs listener's 404 unless the transcoder routes it): its
    dialect, and for a GET outside the im dialect, request_checks.lua not created."""
    get = [{"name": ":method", "string_match": {"exact": "GET"}}]
    items = []
    for prefix, dialect in [*DIALECT_PREFIXES, ("/", None)]:
        for headers, skipped in ((get, bodiless_skipped_filters()), (None, None)):
            if (dialect is None and skipped is None) or (dialect == "im" and skipped):
                continue  # the template's catch-all; an im GET is checked like any im request
            route = {"match": {"prefix": prefix, **({"headers": headers} if headers else {})}, "route": {"cluster": "docs"}}
            if dialect:
                route["metadata"] = _dialect_metadata(dialect)
            if skipped:
                route["typed_per_filter_config"] = skipped
            items.append(json.dumps(route))
    return _yaml_items(items)


# Load bounds (issue 12): variable, default, meaning. README "Operating it" lists them.
LIMITS = {
    "RATE_LIMIT_READS": (1000, "GET requests per second per caller (the verified token's app and sub)"),
    "RATE_LIMIT_WRITES": (200, "other requests per second per caller"),
    "RATE_LIMIT_TOTAL": (20000, "requests per second for everyone together"),
    "MAX_CONNECTIONS": (4096, "open downstream connections; past it new ones are closed"),
    "MAX_IN_FLIGHT": (256, "requests being served by the servers; past it (and the queue) 503"),
    "MAX_PENDING": (256, "requests queued for a server connection; past it 503"),
    "ENVOY_MAX_HEAP_MB": (1024, "Envoy heap; near it keep-alive stops, at 95% new requests get 503"),
    "UPSTREAM_TIMEOUT_SECONDS": (30, "longest wait for a server's answer (504 after)"),
}


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
    *, http_port: int, admin_port: int, grpc_port: int, jwks: str, server_processes: int = 1,
    descriptor: Path = DESCRIPTOR, services: list[str] | None = None, lua_file: Path = LUA_FILE,
    limits: dict[str, int] | None = None, cors_origins: tuple[str, ...] = ("*",),
) -> str:
    """The config for servers on grpc_port .. grpc_port + server_processes - 1; jwks is the
    JWKS document (JSON) tokens are verified with (server.api.tokens.edge_jwks)."""
    services = services or PUBLIC_SERVICES
    limits = {**limits_from_env({}), **(limits or {})}
    endpoints = [
        {"endpoint": {"address": {"socket_address": {"address": "127.0.0.1", "port_value": port}}}}
        for port in range(grpc_port, grpc_port + server_processes)
    ]
    # JSON is YAML's flow style, so structured values go in as JSON.
    return Template(TEMPLATE.read_text()).substitute(
        HTTP_PORT=http_port,
        ADMIN_PORT=admin_port,
        LB_ENDPOINTS=json.dumps(endpoints),
        DESCRIPTOR=str(descriptor),
        LUA_FILE=str(lua_file),
        REQUEST_CHECKS_LUA_FILE=str(REQUEST_CHECKS_LUA_FILE),
        SERVICES=json.dumps(services),
        JWKS=json.dumps(jwks),
        JWT_PROVIDER=JWT_PROVIDER,
        JWT_CACHE_SIZE=JWT_CACHE_SIZE,
        NATIVE_SKIPPED_FILTERS=json.dumps(native_skipped_filters()),
        GRPC_HEADERS_FILTER=GRPC_HEADERS_FILTER,
        GRPC_HEADERS_MUTATIONS=json.dumps(grpc_headers_mutations()),
        EDGE_LUA_SKIP_MATCHER=json.dumps(edge_lua_skip_matcher()),
        TRANSCODED_ROUTES=transcoded_routes(upstream_route_regex(services)),
        REST_ENTRY_ROUTES=rest_entry_routes(),
        JWT_RULES=json.dumps(jwt_rules(routes(descriptor, services), grpc_methods(descriptor, services))),
        # A YAML double-quoted string: backslashes doubled.
        DOCS_ROUTES=json.dumps(docs_routes()),
        UPSTREAM_ROUTE_REGEX=upstream_route_regex(services).replace("\\", "\\\\"),
        CORS_ORIGINS=json.dumps(cors_origin_matchers(cors_origins)),
        CORS_ALLOW_HEADERS=CORS_ALLOW_HEADERS,
        CORS_EXPOSE_HEADERS=CORS_EXPOSE_HEADERS,
        RATE_READS=limits["RATE_LIMIT_READS"],
        RATE_WRITES=limits["RATE_LIMIT_WRITES"],
        RATE_TOTAL=limits["RATE_LIMIT_TOTAL"],
        MAX_CONNECTIONS=limits["MAX_CONNECTIONS"],
        MAX_IN_FLIGHT=limits["MAX_IN_FLIGHT"],
        MAX_PENDING=limits["MAX_PENDING"],
        MAX_HEAP_BYTES=limits["ENVOY_MAX_HEAP_MB"] * 1024 * 1024,
        UPSTREAM_TIMEOUT=f"{limits['UPSTREAM_TIMEOUT_SECONDS']}s",
        REQUEST_TIMEOUT=f"{limits['UPSTREAM_TIMEOUT_SECONDS'] + 30}s",
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--http-port", type=int, default=8080)
    parser.add_argument("--admin-port", type=int, default=9901)
    parser.add_argument("--grpc-port", type=int, default=50051)
    parser.add_argument("--data-dir", type=Path, default=PROJECT_ROOT / "data")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    args.out.write_text(
        render(http_port=args.http_port, admin_port=args.admin_port, grpc_port=args.grpc_port, jwks=edge_jwks(args.data_dir))
    )


if __name__ == "__main__":
    main()
