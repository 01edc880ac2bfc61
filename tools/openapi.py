"""Writes the OpenAPI 3.1 document of every REST route Envoy serves, from gen/api.pb.

Everything comes from the descriptor set Envoy loads, so the document cannot drift from
the routes: the services are PUBLIC_SERVICES of server/cli/envoy_config.py (the ones the
transcoder serves); paths and methods come from each RPC's google.api.http rule (additional
bindings included); success status, public access and the error envelope from its
groupkit.common.v1.route option. Schemas follow the JSON Envoy prints with the print
options of envoy/envoy.yaml: proto field names, every primitive (and repeated, map and
NullValue) field present, enums as integers, 64-bit integers as strings. A server-streaming
RPC answers a top-level JSON array of its message, and so does an RPC whose route option names
one in json_array_of (the server renders that array); other google.api.HttpBody is raw content.

    python tools/openapi.py [--descriptor gen/api.pb] [--out gen/openapi.json]
"""

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from google.api import annotations_pb2  # noqa: E402
from google.protobuf import descriptor_pb2  # noqa: E402

from groupkit.common.v1 import options_pb2  # noqa: E402
from server.cli.envoy_config import PUBLIC_SERVICES  # noqa: E402

# Internal services with no REST route (the gRPC port only, an admin token): listed under
# x-grpc-only-services with their messages' schemas (the change events' envelope among them).
GRPC_ONLY_SERVICES = [
    "groupkit.event.v1.EventService", "groupkit.internal.v1.AuditLogService", "groupkit.internal.v1.WebhookAdminService",
]
F = descriptor_pb2.FieldDescriptorProto
INT32_TYPES = {F.TYPE_INT32, F.TYPE_SINT32, F.TYPE_SFIXED32}
UINT32_TYPES = {F.TYPE_UINT32, F.TYPE_FIXED32}
INT64_TYPES = {F.TYPE_INT64, F.TYPE_SINT64, F.TYPE_SFIXED64, F.TYPE_UINT64, F.TYPE_FIXED64}
HTTP_BODY = ".google.api.HttpBody"
DIALECTS = {
    options_pb2.DIALECT_COMMUNITY: "community",
    options_pb2.DIALECT_IM: "im",
    options_pb2.DIALECT_CIRCLES: "circles",
}
DIALECT_DOCS = {
    "community": "社群/社区 (document 000), paths under /api/. Bearer token. Errors: {\"msg\", \"code\", \"data\": null}.",
    "im": "The IM server's group API (document 003), paths under /group/. access-token + app_id headers. "
    "Errors: {\"code\", \"data\": null, \"message\"}.",
    "circles": "ThinkSNS+ 圈子 (documents 001/002), paths under /api/v2/. Bearer token. "
    "Errors: 422 {\"message\", \"errors\": {field: [..]}}, otherwise {\"message\"}.",
}
# Error statuses every route may answer; 413 only where there is a body; 422 in the circles dialect.
ERROR_STATUSES = {
    400: "Malformed JSON, wrong types or invalid values",
    401: "No token, a bad or expired token (or, im, a wrong app_id)",
    403: "Not allowed for the caller's role",
    404: "No such thing in this app, or no such route",
    409: "State conflict or limit reached",
    413: "Body too large",
    422: "Invalid field values (circles)",
    429: "Rate limited",
}
SECURITY_SCHEMES = {
    "bearerAuth": {"type": "http", "scheme": "bearer", "bearerFormat": "JWT",
                   "description": "community and circles: `Authorization: Bearer <jwt>` (`make token`)"},
    "imAccessToken": {"type": "apiKey", "in": "header", "name": "access-token", "description": "im: the bare JWT"},
    "imAppId": {"type": "apiKey", "in": "header", "name": "app_id", "description": "im: the token's app (tenant)"},
}
ERROR_SCHEMAS = {
    "community": {
        "type": "object", "required": ["msg", "code", "data"],
        "properties": {"msg": {"type": "string"}, "code": {"type": "integer"}, "data": {"type": "null"}},
    },
    "im": {
        "type": "object", "required": ["code", "data", "message"],
        "properties": {"code": {"type": "integer"}, "data": {"type": "null"}, "message": {"type": "string"}},
    },
    "circles": {
        "type": "object", "required": ["message"],
        "properties": {
            "message": {"type": "string"},
            "errors": {"type": "object", "additionalProperties": {"type": "array", "items": {"type": "string"}}},
        },
    },
}
# Well-known types: the schema of their JSON form, output (as printed) and input (as parsed).
WELL_KNOWN = {
    ".google.protobuf.Value": ({}, {}),
    ".google.protobuf.Struct": ({"type": "object"}, {"type": "object"}),
    ".google.protobuf.ListValue": ({"type": "array"}, {"type": "array"}),
    ".google.protobuf.Empty": ({"type": "object"}, {"type": "object"}),
    ".google.protobuf.Any": ({"type": "object"}, {"type": "object"}),
    ".google.protobuf.Timestamp": ({"type": "string", "format": "date-time"}, {"type": "string", "format": "date-time"}),
    ".google.protobuf.Duration": ({"type": "string"}, {"type": "string"}),
    ".google.protobuf.FieldMask": ({"type": "string"}, {"type": "string"}),
    ".google.protobuf.DoubleValue": ({"type": "number"}, {"type": "number"}),
    ".google.protobuf.FloatValue": ({"type": "number"}, {"type": "number"}),
    ".google.protobuf.Int32Value": ({"type": "integer"}, {"type": "integer", "minimum": -(2**31), "maximum": 2**31 - 1}),
    ".google.protobuf.UInt32Value": ({"type": "integer"}, {"type": "integer", "minimum": 0, "maximum": 2**32 - 1}),
    ".google.protobuf.Int64Value": ({"type": "string"}, {"type": "integer", "minimum": -(2**63), "maximum": 2**63 - 1}),
    ".google.protobuf.UInt64Value": ({"type": "string"}, {"type": "integer", "minimum": 0, "maximum": 2**64 - 1}),
    ".google.protobuf.BoolValue": ({"type": "boolean"}, {"type": "boolean"}),
    ".google.protobuf.StringValue": ({"type": "string"}, {"type": "string"}),
    ".google.protobuf.BytesValue": ({"type": "string", "contentEncoding": "base64"}, {"type": "string", "contentEncoding": "base64"}),
    HTTP_BODY: ({}, {}),
}
NULL_VALUE = ".google.protobuf.NullValue"


class Descriptors:
    """Messages, enums, services and comments of a FileDescriptorSet, by full name."""

    def __init__(self, fds: descriptor_pb2.FileDescriptorSet):
        self.messages: dict[str, descriptor_pb2.DescriptorProto] = {}
        self.enums: dict[str, descriptor_pb2.EnumDescriptorProto] = {}
        self.services: dict[str, tuple[descriptor_pb2.FileDescriptorProto, int, descriptor_pb2.ServiceDescriptorProto]] = {}
        self.comments: dict[str, str] = {}  # full name (messages, fields, services, methods) → leading comment
        for file in fds.file:
            by_path = {tuple(loc.path): loc.leading_comments for loc in file.source_code_info.location}
            prefix = f".{file.package}" if file.package else ""
            for i, message in enumerate(file.message_type):
                self._message(f"{prefix}.{message.name}", message, (4, i), by_path)
            for enum in file.enum_type:
                self.enums[f"{prefix}.{enum.name}"] = enum
            for i, service in enumerate(file.service):
                name = f"{file.package}.{service.name}"
                self.services[name] = (file, i, service)
                self.comments[name] = by_path.get((6, i), "")
                for j, method in enumerate(service.method):
                    self.comments[f"{name}.{method.name}"] = by_path.get((6, i, 2, j), "")

    def _message(self, name, message, path, by_path):
        self.messages[name] = message
        self.comments[name] = by_path.get(path, "")
        for k, field in enumerate(message.field):
            self.comments[f"{name}.{field.name}"] = by_path.get((*path, 2, k), "")
        for j, nested in enumerate(message.nested_type):
            self._message(f"{name}.{nested.name}", nested, (*path, 3, j), by_path)
        for enum in message.enum_type:
            self.enums[f"{name}.{enum.name}"] = enum


def _clean(comment: str) -> str:
    return " ".join(line.strip() for line in comment.strip().splitlines())


class SchemaBuilder:
    """Component schemas, built on demand, for output (as Envoy prints) and input (as it parses)."""

    def __init__(self, descriptors: Descriptors):
        self.d = descriptors
        self.components: dict[str, dict] = {}

    @staticmethod
    def component_name(type_name: str, output: bool) -> str:
        return type_name.lstrip(".") + ("" if output else ".Input")

    def ref(self, type_name: str, output: bool) -> dict:
        if type_name in WELL_KNOWN:
            return dict(WELL_KNOWN[type_name][0 if output else 1])
        name = self.component_name(type_name, output)
        if name not in self.components:
            self.components[name] = {}  # placeholder: recursion ends here
            self.components[name] = self.message_schema(type_name, output)
        return {"$ref": f"#/components/schemas/{name}"}

    def message_schema(self, type_name: str, output: bool, skip: frozenset = frozenset()) -> dict:
        message = self.d.messages[type_name]
        properties, required = {}, []
        for field in message.field:
            if field.name in skip:
                continue
            schema = self.field_schema(type_name, field, output)
            properties[field.name] = schema
            if output and self.always_printed(message, field):
                required.append(field.name)
        schema = {"type": "object", "properties": properties}
        if required:
            schema["required"] = required
        description = _clean(self.d.comments.get(type_name, ""))
        if description:
            schema["description"] = description
        return schema

    def always_printed(self, message, field) -> bool:
        """always_print_primitive_fields prints scalars, enums, repeated and map fields (and a
        NullValue's null), but never unset message fields, oneof members or proto3 optionals."""
        if field.HasField("oneof_index") or field.proto3_optional:
            return False
        if field.label == F.LABEL_REPEATED:
            return True
        if field.type == F.TYPE_MESSAGE:
            return False
        return True

    def map_entry(self, field) -> descriptor_pb2.DescriptorProto | None:
        if field.type != F.TYPE_MESSAGE or field.label != F.LABEL_REPEATED:
            return None
        entry = self.d.messages.get(field.type_name)
        return entry if entry is not None and entry.options.map_entry else None

    def field_schema(self, owner: str, field, output: bool) -> dict:
        entry = self.map_entry(field)
        if entry is not None:
            schema = {"type": "object", "additionalProperties": self.single(entry.field[1], output)}
        elif field.label == F.LABEL_REPEATED:
            schema = {"type": "array", "items": self.single(field, output)}
        else:
            schema = self.single(field, output)
        description = _clean(self.d.comments.get(f"{owner}.{field.name}", ""))
        if description and "$ref" not in schema:
            schema["description"] = description
        return schema

    def single(self, field, output: bool) -> dict:
        kind = field.type
        if kind == F.TYPE_MESSAGE:
            return self.ref(field.type_name, output)
        if kind == F.TYPE_ENUM:
            if field.type_name == NULL_VALUE:
                return {"type": "null"}
            enum = self.d.enums[field.type_name]
            described = ", ".join(f"{v.number} {v.name}" for v in enum.value)
            if output:
                return {"type": "integer", "description": described}
            return {"type": "integer", "enum": [v.number for v in enum.value], "description": described}
        if kind in INT32_TYPES:
            return {"type": "integer", "format": "int32"} if output else {
                "type": "integer", "format": "int32", "minimum": -(2**31), "maximum": 2**31 - 1}
        if kind in UINT32_TYPES:
            return {"type": "integer", "minimum": 0, "maximum": 2**32 - 1}
        if kind in INT64_TYPES:
            unsigned = kind in (F.TYPE_UINT64, F.TYPE_FIXED64)
            if output:  # no print option makes Envoy print a 64-bit integer as a number
                return {"type": "string", "pattern": "^[0-9]+$" if unsigned else "^-?[0-9]+$"}
            return {"type": "integer", "minimum": 0 if unsigned else -(2**63), "maximum": 2**64 - 1 if unsigned else 2**63 - 1}
        if kind in (F.TYPE_DOUBLE, F.TYPE_FLOAT):
            return {"type": "number"}
        if kind == F.TYPE_BOOL:
            return {"type": "boolean"}
        if kind == F.TYPE_STRING:
            return {"type": "string"}
        if kind == F.TYPE_BYTES:
            return {"type": "string", "contentEncoding": "base64"}
        raise ValueError(f"unsupported field type {kind} of {field.name}")


def _path_and_variables(template: str) -> tuple[str, list[str]]:
    """/api/groups/{id} → the same path and ["id"]; {name=things/*} → {name}."""
    path, variables, i = "", [], 0
    while i < len(template):
        if template[i] == "{":
            end = template.index("}", i)
            variable = template[i + 1:end].split("=", 1)[0]
            variables.append(variable)
            path += "{" + variable + "}"
            i = end + 1
        else:
            path += template[i]
            i += 1
    return path, variables


def _bindings(rule) -> list:
    rules = [rule]
    rules.extend(rule.additional_bindings)
    out = []
    for r in rules:
        pattern = r.WhichOneof("pattern")
        if pattern is None:
            continue
        if pattern == "custom":
            out.append((r.custom.kind.lower(), r.custom.path, r))
        else:
            out.append((pattern, getattr(r, pattern), r))
    return out


class Generator:
    def __init__(self, fds: descriptor_pb2.FileDescriptorSet, services: list[str]):
        self.d = Descriptors(fds)
        self.schemas = SchemaBuilder(self.d)
        self.service_names = services
        self.paths: dict[str, dict] = {}

    def field_of(self, message_name: str, dotted: str):
        """The field a dotted path names, and the message that holds it."""
        owner, field = message_name, None
        for part in dotted.split("."):
            message = self.d.messages[owner]
            field = next(f for f in message.field if f.name == part or f.json_name == part)
            owner_of_field = owner
            owner = field.type_name
        return owner_of_field, field

    def query_parameters(self, message_name: str, exclude: set[str], prefix: str = "", depth: int = 0) -> list[dict]:
        params = []
        for field in self.d.messages[message_name].field:
            name = prefix + field.name
            if name in exclude:
                continue
            if field.type == F.TYPE_MESSAGE and field.type_name not in WELL_KNOWN:
                if field.label != F.LABEL_REPEATED and depth < 2:
                    params.extend(self.query_parameters(field.type_name, exclude, name + ".", depth + 1))
                continue
            if self.schemas.map_entry(field) is not None or field.type_name in (
                ".google.protobuf.Struct", ".google.protobuf.ListValue", ".google.protobuf.Value", HTTP_BODY, NULL_VALUE,
            ):
                continue
            param = {"name": name, "in": "query", "required": False,
                     "schema": self.schemas.field_schema(message_name, field, output=False)}
            if field.label == F.LABEL_REPEATED:
                param.update(style="form", explode=True)
            params.append(param)
        return params

    def operation(self, service_name, method, verb, template, rule, index):
        route = method.options.Extensions[options_pb2.route]
        dialect = DIALECTS.get(route.dialect, "other")
        request_type = method.input_type
        path, variables = _path_and_variables(template)
        # A json_array_of RPC is its streaming sibling for REST: documented as that one.
        documented = self.streamed(service_name, route) or method
        operation = {
            "operationId": f"{service_name.rsplit('.', 1)[-1]}_{method.name}" + (f"_{index}" if index else ""),
            "tags": [dialect],
            "summary": f"{documented.name} ({service_name.rsplit('.', 1)[-1]})",
            "description": _clean(self.d.comments.get(f"{service_name}.{documented.name}", "")),
            "x-grpc-method": f"/{service_name}/{method.name}",
        }
        parameters = []
        for variable in variables:
            _, field = self.field_of(request_type, variable)
            parameters.append({"name": variable, "in": "path", "required": True,
                               "schema": self.schemas.single(field, output=False)})
        body = rule.body
        if body != "*":
            exclude = set(variables) | ({body} if body else set())
            parameters.extend(self.query_parameters(request_type, exclude))
        if parameters:
            operation["parameters"] = parameters
        if body:
            operation["requestBody"] = self.request_body(request_type, body, variables)
        operation["responses"] = self.responses(documented, route, dialect, has_body=bool(body))
        if not route.public:
            operation["security"] = (
                [{"imAccessToken": [], "imAppId": []}] if dialect == "im" else [{"bearerAuth": []}]
            )
        else:
            operation["security"] = []
        return path, operation

    def streamed(self, service_name: str, route):
        """The server-streaming RPC a json_array_of RPC renders as one array, or None."""
        if not route.json_array_of:
            return None
        _, _, service = self.d.services[service_name]
        for method in service.method:
            if method.name == route.json_array_of and method.server_streaming:
                return method
        raise SystemExit(f"{service_name}: json_array_of names {route.json_array_of}, no streaming RPC of the service")

    def request_body(self, request_type: str, body: str, variables: list[str]) -> dict:
        if body == "*":
            target_type = request_type
        else:
            _, field = self.field_of(request_type, body)
            target_type = field.type_name if field.type == F.TYPE_MESSAGE else None
            if target_type is None or field.label == F.LABEL_REPEATED:
                return {"content": {"application/json": {"schema": self.schemas.field_schema(request_type, field, False)}}}
        if target_type == HTTP_BODY:
            raw = {"type": "object", "description": "Raw body, parsed by the server (JSON, form or multipart)"}
            return {"required": True, "content": {
                "application/json": {"schema": raw},
                "application/x-www-form-urlencoded": {"schema": raw},
                "multipart/form-data": {"schema": raw},
            }}
        top_level = [v for v in variables if "." not in v] if body == "*" else []
        if top_level:
            schema = self.schemas.message_schema(target_type, output=False, skip=frozenset(top_level))
        else:
            schema = self.schemas.ref(target_type, output=False)
        return {"content": {"application/json": {"schema": schema}}}

    def responses(self, method, route, dialect: str, has_body: bool) -> dict:
        status = route.success_status or 200
        rule = method.options.Extensions[annotations_pb2.http]
        response_type = method.output_type
        if rule.response_body:
            _, field = self.field_of(response_type, rule.response_body)
            response_type = field.type_name if field.type == F.TYPE_MESSAGE else None
            schema = self.schemas.field_schema(method.output_type, field, True) if response_type is None else None
        else:
            schema = None
        responses = {}
        if status == 204:
            responses["204"] = {"description": "Done, no body"}
        elif response_type == HTTP_BODY:
            responses[str(status)] = {"description": "Raw content", "content": {"*/*": {"schema": {}}}}
        else:
            if schema is None:
                schema = self.schemas.ref(response_type, output=True)
            if method.server_streaming:
                schema = {"type": "array", "items": schema}
            responses[str(status)] = {"description": "Success", "content": {"application/json": {"schema": schema}}}
        for code in ERROR_STATUSES:
            if code == 413 and not has_body:
                continue
            if code == 422 and dialect != "circles":
                continue
            responses[str(code)] = {"$ref": f"#/components/responses/{dialect}{code}"}
        return responses

    def grpc_only(self) -> list[dict]:
        """GRPC_ONLY_SERVICES (gRPC port only, no REST route): each RPC with its request and response
        schemas, so the document names every message a client of the wheel or the TS client meets."""
        listed = []
        for service_name in GRPC_ONLY_SERVICES:
            if service_name not in self.d.services:
                continue  # a descriptor set of some protos only (tests)
            _, _, service = self.d.services[service_name]
            listed.append({
                "name": service_name,
                "description": _clean(self.d.comments.get(service_name, "")),
                "rpcs": [
                    {
                        "name": method.name, "path": f"/{service_name}/{method.name}",
                        "description": _clean(self.d.comments.get(f"{service_name}.{method.name}", "")),
                        "server_streaming": method.server_streaming,
                        "request": self.schemas.ref(method.input_type, output=False),
                        "response": self.schemas.ref(method.output_type, output=True),
                    }
                    for method in service.method
                ],
            })
        return listed

    def build(self) -> dict:
        grpc_only = self.grpc_only()
        tags_used = set()
        for service_name in self.service_names:
            if service_name not in self.d.services:
                raise SystemExit(f"{service_name} (PUBLIC_SERVICES) is not in the descriptor set")
            _, _, service = self.d.services[service_name]
            for method in service.method:
                rule = method.options.Extensions[annotations_pb2.http]
                for index, (verb, template, binding) in enumerate(_bindings(rule)):
                    path, operation = self.operation(service_name, method, verb, template, binding, index)
                    if verb in self.paths.get(path, {}):
                        raise SystemExit(f"{verb.upper()} {path} is bound twice")
                    self.paths.setdefault(path, {})[verb] = operation
                    tags_used.add(operation["tags"][0])
        responses = {}
        for dialect in sorted(tags_used):
            for code, text in ERROR_STATUSES.items():
                responses[f"{dialect}{code}"] = {
                    "description": text,
                    "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{dialect}.Error"}}},
                }
        schemas = {f"{d}.Error": ERROR_SCHEMAS.get(d, ERROR_SCHEMAS["circles"]) for d in sorted(tags_used)}
        schemas.update(sorted(self.schemas.components.items()))
        return {
            "openapi": "3.1.0",
            "info": {
                "title": "groupkit",
                "version": "v1",
                "description": "Every REST route of groupkit's public services, generated from the protos "
                "(gen/api.pb) by tools/openapi.py. The same RPCs answer over gRPC and gRPC-web on the same port.",
            },
            "servers": [{"url": "/"}],
            "tags": [{"name": t, "description": DIALECT_DOCS.get(t, "")} for t in ("community", "im", "circles") if t in tags_used],
            "paths": dict(sorted(self.paths.items())),
            "components": {"schemas": schemas, "responses": responses, "securitySchemes": SECURITY_SCHEMES},
            "x-grpc-only-services": grpc_only,
        }


def generate(descriptor: Path, services: list[str] | None = None) -> dict:
    fds = descriptor_pb2.FileDescriptorSet.FromString(descriptor.read_bytes())
    return Generator(fds, services or PUBLIC_SERVICES).build()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--descriptor", type=Path, default=ROOT / "gen" / "api.pb")
    parser.add_argument("--out", type=Path, default=ROOT / "gen" / "openapi.json")
    parser.add_argument("--services", nargs="*", help="default: PUBLIC_SERVICES of server/cli/envoy_config.py")
    args = parser.parse_args()
    document = generate(args.descriptor, args.services)
    args.out.write_text(json.dumps(document, ensure_ascii=False, indent=1) + "\n")
    for tag, part in dialect_documents(document).items():
        args.out.with_name(f"{args.out.stem}-{tag}.json").write_text(json.dumps(part, ensure_ascii=False, indent=1) + "\n")


def dialect_documents(document: dict) -> dict[str, dict]:
    """One document per dialect (tag), for the /docs explorer: Swagger UI 5 stops rendering a
    document of more than 146 operations (measured in Chromium), and the whole one has more."""
    parts = {}
    for tag in document["tags"]:
        paths = {}
        for path, operations in document["paths"].items():
            mine = {verb: op for verb, op in operations.items() if op.get("tags") == [tag["name"]]}
            if mine:
                paths[path] = mine
        part = {key: value for key, value in document.items() if key not in ("paths", "tags", "x-grpc-only-services")}
        parts[tag["name"]] = {**part, "tags": [tag], "paths": paths}
    return parts


if __name__ == "__main__":
    main()
