"""Every REST route, read from the descriptor Envoy loads: no route is declared twice, and
a literal segment overlaps a {param} at the same position only where the documents say so
(the transcoder then prefers the literal)."""

from itertools import combinations
from pathlib import Path

from google.api import annotations_pb2, http_pb2
from google.protobuf import descriptor_pb2

DESCRIPTOR = Path(__file__).resolve().parents[2] / "gen" / "api.pb"
# Overlaps the documents themselves make: the literal route wins.
DOCUMENTED_OVERLAPS = {
    ("GET", "/api/groups/conditions", "/api/groups/{id}"),
    ("DELETE", "/api/groups/admins", "/api/groups/{id}"),
    # /api/group/manage/{id} and /api/group/{group_id}/upgrade differ in their last literal too.
    ("POST", "/api/group/manage/{id}", "/api/group/{group_id}/upgrade"),
    # Circles (documents 001/002): count, protocol and users beside the detail of a circle.
    ("GET", "/api/v2/plus-group/groups/count", "/api/v2/plus-group/groups/{group}"),
    ("GET", "/api/v2/plus-group/groups/protocol", "/api/v2/plus-group/groups/{group}"),
    ("GET", "/api/v2/plus-group/groups/users", "/api/v2/plus-group/groups/{group}"),
}


def _bindings(rule: http_pb2.HttpRule):
    yield rule
    yield from rule.additional_bindings


def routes() -> list[tuple[str, str, str]]:
    files = descriptor_pb2.FileDescriptorSet.FromString(DESCRIPTOR.read_bytes())
    found = []
    for file in files.file:
        if not file.package.startswith("groupkit."):
            continue
        for service in file.service:
            for method in service.method:
                rule = method.options.Extensions[annotations_pb2.http]
                for binding in _bindings(rule):
                    verb = binding.WhichOneof("pattern")
                    if verb:
                        found.append((verb.upper(), getattr(binding, verb), f"{service.name}.{method.name}"))
    return found


def _overlap(a: str, b: str) -> bool:
    left, right = a.strip("/").split("/"), b.strip("/").split("/")
    if len(left) != len(right) or a == b:
        return False
    return all(x == y or x.startswith("{") or y.startswith("{") for x, y in zip(left, right, strict=True))


def test_the_descriptor_has_routes():
    assert len(routes()) >= 12


def test_no_route_is_declared_twice():
    seen = {}
    for verb, path, rpc in routes():
        assert (verb, path) not in seen, f"{verb} {path}: {seen[(verb, path)]} and {rpc}"
        seen[(verb, path)] = rpc


def test_literal_and_parameter_segments_overlap_only_where_documented():
    undocumented = []
    for (verb_a, path_a, _), (verb_b, path_b, _) in combinations(routes(), 2):
        if verb_a == verb_b and _overlap(path_a, path_b):
            if not ({(verb_a, path_a, path_b), (verb_a, path_b, path_a)} & DOCUMENTED_OVERLAPS):
                undocumented.append((verb_a, path_a, path_b))
    assert undocumented == []
