"""Numbers out of range on every route: ids past 2^53 and past 64 bits, negative ids, limits and
offsets out of range, in the path, the query and the body, on every route of every public service
(GroupService, NoticeService, FileService, CircleService). Each answers a 4xx in the dialect's
envelope (or succeeds where the value is allowed, like a ban of -1), never a 5xx.

The routes are read from the descriptor Envoy loads, so a new route is swept without a change here."""

import re
from dataclasses import dataclass

from google.api import annotations_pb2
from google.protobuf import descriptor_pb2

from tests.unit.test_routes import DESCRIPTOR

PAST_64_BITS = "99999999999999999999"
PAST_53_BITS = 9007199254740993
BAD_INTEGERS = [PAST_64_BITS, PAST_53_BITS, -1, -PAST_53_BITS]
BAD_TEXT_IDS = [PAST_64_BITS, "9007199254740993", "-1", "²"]
INTEGER_TYPES = {
    descriptor_pb2.FieldDescriptorProto.TYPE_INT64, descriptor_pb2.FieldDescriptorProto.TYPE_UINT64,
    descriptor_pb2.FieldDescriptorProto.TYPE_INT32, descriptor_pb2.FieldDescriptorProto.TYPE_UINT32,
    descriptor_pb2.FieldDescriptorProto.TYPE_SINT64, descriptor_pb2.FieldDescriptorProto.TYPE_SINT32,
}
STRING = descriptor_pb2.FieldDescriptorProto.TYPE_STRING
REPEATED = descriptor_pb2.FieldDescriptorProto.LABEL_REPEATED


@dataclass
class Route:
    verb: str
    path: str
    body: str  # "" (query), "*" or a field name
    fields: list  # FieldDescriptorProto of the request message


def _routes() -> list[Route]:
    files = descriptor_pb2.FileDescriptorSet.FromString(DESCRIPTOR.read_bytes())
    messages = {f".{file.package}.{m.name}": m for file in files.file for m in file.message_type}
    found = []
    for file in files.file:
        if not file.package.startswith("groupkit.") or file.package.startswith("groupkit.internal."):
            continue
        for service in file.service:
            for method in service.method:
                rule = method.options.Extensions[annotations_pb2.http]
                for binding in [rule, *rule.additional_bindings]:
                    verb = binding.WhichOneof("pattern")
                    if verb:
                        found.append(
                            Route(verb.upper(), getattr(binding, verb), binding.body, list(messages[method.input_type].field))
                        )
    return found


def _envelope_keys(path: str) -> set:
    if path.startswith("/api/v2/"):
        return {"message"}
    if path.startswith("/api/") or path.startswith("/group/manage"):
        return {"msg", "code", "data"}
    return {"code", "data", "message"}


def _cases(route: Route):
    """(path, query, body) triples, each with one value out of range."""
    params = re.findall(r"{([a-z_]+)}", route.path)
    fill = dict.fromkeys(params, "1")

    def path_with(**values):
        return re.sub(r"{([a-z_]+)}", lambda m: str(values.get(m.group(1), fill[m.group(1)])), route.path)

    for param in params:
        for value in BAD_TEXT_IDS:
            yield path_with(**{param: value}), {}, None
    for field in route.fields:
        if field.name in params:
            continue
        numeric = field.type in INTEGER_TYPES
        if not numeric and not (field.type == STRING and field.name.endswith("id")):
            continue
        for value in BAD_INTEGERS if numeric else BAD_TEXT_IDS:
            sent = [value] if field.label == REPEATED else value
            if route.body in ("*", field.name):
                yield path_with(), {}, {field.name: sent}
            else:
                yield path_with(), {field.name: value}, ({} if route.body else None)


def test_every_route_answers_numbers_out_of_range_without_a_server_error(api):
    owner = api.user()
    api.community_group(owner, [api.user()])
    api.im_group(owner, [api.user()])
    headers = {**owner.bearer, **owner.im_headers}
    failures, sent = [], 0
    for route in _routes():
        for path, query, body in _cases(route):
            reply = api.request(route.verb, path, headers=headers, params=query, json=body)
            sent += 1
            problem = None
            if reply.status_code >= 500:
                problem = "server error"
            elif reply.status_code >= 400:
                try:
                    keys = set(reply.json())
                except ValueError:
                    keys = None
                if keys is None or not _envelope_keys(path) <= keys:
                    problem = "not the dialect's envelope"
            if problem:
                failures.append(f"{route.verb} {path} {query} {body}: {reply.status_code} {reply.text[:160]} ({problem})")
    assert sent > 300
    assert failures == [], "\n".join(failures[:40]) + f"\n({len(failures)} of {sent})"


def test_an_id_past_64_bits_in_the_path_is_400_not_500(api):
    owner = api.user()
    reply = owner.get(f"/api/groups/{PAST_64_BITS}")
    assert reply.status_code == 400
    assert set(reply.json()) == {"msg", "code", "data"} and reply.json()["code"] == 400


def test_an_im_group_id_past_2_53_in_the_query_is_400(api):
    owner = api.user()
    reply = owner.im("GET", "/group/info", params={"group_id": PAST_53_BITS})
    assert reply.status_code == 400
    assert set(reply.json()) == {"code", "data", "message"}
