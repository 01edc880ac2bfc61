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
from server.config import PROJECT_ROOT, integer

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


def jwt_expiration(require_exp: bool, max_lifetime_seconds: int) -> str:
    """The jwt_authn provider's expiry field (issue 21): max_lifetime (exp at most that far ahead)
    also requires exp, so a deployment whose tokens may lack exp gets neither; the server still
    checks the lifetime of those that have one."""
    if not require_exp:
        return "require_expiration: false"
    if max_lifetime_seconds:
        return f"max_lifetime: {max_lifetime_seconds}s"
    return "require_expiration: true"


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


@dataclass(frozen=True)
class BooleanFields:
    """The boolean fields of one REST binding's JSON body (top level) and of its query."""

    verb: str
    template: str
    body: tuple[str, ...]
    query: tuple[str, ...]


def _messages(descriptor: Path) -> dict[str, descriptor_pb2.DescriptorProto]:
    files = descriptor_pb2.FileDescriptorSet.FromString(descriptor.read_bytes())
    found = {}

    def walk(prefix, messages):
        for message in messages:
            found[f"{prefix}.{message.name}"] = message
            walk(f"{prefix}.{message.name}", message.nested_type)

    for file in files.file:
        walk(f".{file.package}", file.message_type)
    return found


def im_boolean_fields(descriptor: Path, services: list[str]) -> list[BooleanFields]:
    """Every im binding with a boolean in its body or query (issue 17): the edge takes 0/1 and
    "true"/"false" for them, as MaxIM's Java server binds them and its web SDK sends them."""
    messages = _messages(descriptor)
    bool_type = descriptor_pb2.FieldDescriptorProto.TYPE_BOOL
    found = []
    for _, method in _methods(descriptor, services):
        if method.options.Extensions[options_pb2.route].dialect != options_pb2.DIALECT_IM:
            continue
        request = messages[method.input_type]
        rule = method.options.Extensions[annotations_pb2.http]
        for binding in [rule, *rule.additional_bindings]:
            verb = binding.WhichOneof("pattern")
            if not verb or verb == "custom":
                continue
            template = getattr(binding, verb)
            in_path = set(re.findall(r"{([\w.]+)", template))
            top = {f.name: f for f in request.field}
            if binding.body == "*":
                body = [f for f in request.field if f.name not in in_path]
                query = []
            elif binding.body:
                body = list(messages[top[binding.body].type_name].field)
                query = [f for f in request.field if f.name not in in_path and f.name != binding.body]
            else:
                body, query = [], [f for f in request.field if f.name not in in_path]
            body_bools = tuple(f.name for f in body if f.type == bool_type)
            query_bools = tuple(f.name for f in query if f.type == bool_type)
            if body_bools or query_bools:
                found.append(BooleanFields(verb.upper(), template, body_bools, query_bools))
    return found


def _lua_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def request_checks_lua(descriptor: Path, services: list[str], source: Path = None) -> str:
    """request_checks.lua with its table of im boolean fields, keyed by "VERB /path" (the
    bindings with such fields have literal paths; a {parameter} in one would need a pattern)."""
    source = source or REQUEST_CHECKS_LUA_FILE
    entries = []
    for fields in im_boolean_fields(descriptor, services):
        if "{" in fields.template:
            raise ValueError(f"{fields.template}: boolean fields on a path with parameters are not matched")
        if fields.query:
            raise ValueError(f"{fields.template}: boolean query parameters ({fields.query}) are not coerced")
        names = ", ".join(_lua_string(name) for name in fields.body)
        entries.append(f"  [{_lua_string(fields.verb + ' ' + fields.template)}] = {{{names}}},")
    table = "local IM_BOOLEAN_FIELDS = {\n" + "\n".join(entries) + "\n}\n"
    return table + source.read_text()


# A wrong method on a known path (issue 17): 405 with Allow, from the same route table. The
# methods in the order the Allow header lists them.
METHOD_ORDER = ("GET", "POST", "PUT", "PATCH", "DELETE")


def _segments(template: str) -> tuple:
    """A path template's segments: a literal as itself, {x} as None, {x=**} (the rest) as "**"."""
    return tuple(
        ("**" if segment.endswith("=**}") else None) if segment.startswith("{") else segment
        for segment in template.strip("/").split("/")
    )


def _generalizes(general: tuple, specific: tuple) -> bool:
    """Whether every path the specific template matches is matched by the general one too."""
    if general == specific:
        return True
    if general and general[-1] == "**":
        head = general[:-1]
        return len(specific) > len(head) and specific[len(head)] != "**" and _generalizes(head, specific[: len(head)])
    if len(general) != len(specific) or "**" in specific:
        return False
    return all(g is None or g == s for g, s in zip(general, specific, strict=True))


def _meet(a: tuple, b: tuple) -> tuple | None:
    """The template of the paths both match (each segment the literal one of them has), or None
    when no path matches both. Templates with {x=**} are left out of meets."""
    if len(a) != len(b) or "**" in a or "**" in b:
        return None
    if any(x is not None and y is not None and x != y for x, y in zip(a, b, strict=True)):
        return None
    return tuple(x if x is not None else y for x, y in zip(a, b, strict=True))


def allowed_methods(all_routes: list[Route]) -> list[tuple[tuple, str]]:
    """(template segments, Allow header) for every path some route knows, most literal segments
    first: a path gets every method of every template that matches it. Where templates overlap
    ({id} beside a literal, or two crossing ones), the paths both match get an entry of their own
    (the meet of the two, closed over all pairs), which has more literal segments than either."""
    verbs: dict[tuple, set[str]] = {}
    for route in all_routes:
        verbs.setdefault(_segments(route.template), set()).add(route.verb)
    known = set(verbs)
    fresh = set(known)
    while fresh:
        found = set()
        for a in fresh:
            for b in known:
                meet = _meet(a, b)
                if meet is not None and meet not in known:
                    found.add(meet)
        known |= found
        fresh = found
    table = []
    for template in sorted(known, key=lambda t: (-sum(s not in (None, "**") for s in t), t.count("**"), str(t))):
        allow = set().union(*(v for original, v in verbs.items() if _generalizes(original, template)))
        order = [m for m in METHOD_ORDER if m in allow] + sorted(allow - set(METHOD_ORDER))
        table.append((template, ", ".join(order)))
    return table


# Keys of allow_tree: a {x} segment, a {x=**} rest, and the Allow of the path ending here (none of
# them a segment of any route).
PARAM_KEY, REST_KEY, ALLOW_KEY = "{}", "{**}", "="


def allow_tree(all_routes: list[Route]) -> dict:
    """allowed_methods as a tree of segments, which edge.lua walks literal segment first, then
    {x}, then {x=**}: the first path it finds is the one with the most literal segments, the
    entry whose Allow holds (every other entry matching the path generalizes it). A walk costs
    a few table lookups per segment, whatever the number of routes."""
    tree: dict = {}
    for template, allow in allowed_methods(all_routes):
        node = tree
        for segment in template:
            node = node.setdefault(REST_KEY if segment == "**" else PARAM_KEY if segment is None else segment, {})
        node[ALLOW_KEY] = allow
    return tree


def edge_context(all_routes: list[Route], *, im_errors_as_200: bool) -> dict:
    """edge.lua's filter context (LuaPerRoute.filter_context on the virtual host, read only on
    Envoy's own error replies): the Allow tree, and whether im errors answer HTTP 200."""
    return {"allow": allow_tree(all_routes), "im_errors_as_200": im_errors_as_200}


# What a browser may send and read cross-origin: both dialects' token headers, the im headers,
# JSON, gRPC-web's own, and gRPC-web's status trailers-as-headers.
CORS_ALLOW_HEADERS = "authorization, content-type, access-token, app_id, user_id, group_id, x-grpc-web, x-user-agent, grpc-timeout"
CORS_EXPOSE_HEADERS = "grpc-status, grpc-message, grpc-status-details-bin"


def cors_origin_matchers(origins: tuple[str, ...]) -> list[dict]:
    """Envoy's allow_origin_string_match for CORS_ALLOWED_ORIGINS: * any origin, else each exactly
    (an origin is scheme://host[:port], no path); none, no CORS answers at all."""
    if "*" in origins:
        return [{"safe_regex": {"regex": ".*"}}]
    for origin in origins:
        if not re.fullmatch(r"https?://[^/\s]+", origin):
            raise ValueError(f"CORS_ALLOWED_ORIGINS: {origin!r} is not an origin (scheme://host[:port])")
    return [{"exact": origin} for origin in origins]


def internal_service_text(grpc_port: int) -> str:
    """What a native gRPC call to an internal service gets on the public port (UNIMPLEMENTED)."""
    return (f"internal services (groupkit.internal.*, groupkit.event.*) are not served on this public port: "
            f"call them on a server's gRPC port (GRPC_PORT, {grpc_port} on one box), with an admin token")


def unknown_grpc_text(services: list[str]) -> str:
    """What a native gRPC call to any other unknown path gets on the public port (UNIMPLEMENTED)."""
    return "unknown gRPC service or method: this port serves " + ", ".join(services) + \
        ", grpc.health.v1.Health and reflection (grpc.reflection.v1alpha)"


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
# /app/qrcode/: MaxIM's app-server QR paths its web SDK calls (im).
DIALECT_PREFIXES = [("/api/v2/", "circles"), ("/api/", "community"), ("/group/manage", "community"), ("/group/", "im"),
                    ("/app/qrcode/", "im")]
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
                     '"request_headers_to_add": *public_port, "route": *upstream}')
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
    return {
        name: integer(env, name, default, what="a positive whole number" + (" of seconds" if name.endswith("SECONDS") else ""))
        for name, (default, _) in LIMITS.items()
    }


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
        # One document per dialect (tools/openapi.py dialect_documents), which the explorer shows.
        for part in sorted(openapi.parent.glob(f"{openapi.stem}-*.json")):
            routes.append(file_route(f"/{part.name}", part, "application/json"))
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
    limits: dict[str, int] | None = None, cors_origins: tuple[str, ...] = ("*",), im_errors_as_200: bool = False,
    jwt_require_exp: bool = True, jwt_max_lifetime_seconds: int = 0,
) -> str:
    """The config for servers on grpc_port .. grpc_port + server_processes - 1; jwks is the
    JWKS document (JSON) tokens are verified with (server.api.tokens.edge_jwks);
    im_errors_as_200 is IM_ERRORS_AS_200 (server.config.Settings)."""
    services = services or PUBLIC_SERVICES
    limits = {**limits_from_env({}), **(limits or {})}
    endpoints = [
        {"endpoint": {"address": {"socket_address": {"address": "127.0.0.1", "port_value": port}}}}
        for port in range(grpc_port, grpc_port + server_processes)
    ]
    rest_routes = routes(descriptor, services)
    # JSON is YAML's flow style, so structured values go in as JSON.
    return Template(TEMPLATE.read_text()).substitute(
        HTTP_PORT=http_port,
        ADMIN_PORT=admin_port,
        LB_ENDPOINTS=json.dumps(endpoints),
        DESCRIPTOR=str(descriptor),
        LUA_FILE=str(lua_file),
        REQUEST_CHECKS_LUA=json.dumps(request_checks_lua(descriptor, services)),
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
        JWT_RULES=json.dumps(jwt_rules(rest_routes, grpc_methods(descriptor, services))),
        EDGE_CONTEXT=json.dumps(edge_context(rest_routes, im_errors_as_200=im_errors_as_200)),
        IM_OVERLOAD_STATUS=200 if im_errors_as_200 else 503,
        JWT_EXPIRATION=jwt_expiration(jwt_require_exp, jwt_max_lifetime_seconds),
        # A YAML double-quoted string: backslashes doubled.
        DOCS_ROUTES=json.dumps(docs_routes()),
        INTERNAL_SERVICE_TEXT=internal_service_text(grpc_port),
        UNKNOWN_GRPC_TEXT=unknown_grpc_text(services),
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
