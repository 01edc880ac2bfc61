"""The circles lists' top-level JSON arrays are rendered by the server (server.api.transcoded_json,
the ...Json RPCs). Here they are compared byte for byte with what Envoy's transcoder renders from
the streaming RPCs themselves: a second Envoy, in front of the same server, loads a descriptor set
in which each list's REST route sits on its streaming RPC, as it did before the server rendered it.
The data is chosen to reach every rule of the printer: escapes, non-BMP characters, nulls, nested
objects, empty lists and numbers."""

import shutil
import tempfile
from pathlib import Path

import grpc
import pytest
import requests
from google.api import annotations_pb2
from google.protobuf import descriptor_pb2

from groupkit.circle.v1 import circle_pb2, circle_service_pb2_grpc
from groupkit.common.v1 import options_pb2
from server.api.tokens import edge_jwks
from server.cli.envoy_config import DESCRIPTOR
from tests.support.circles_setup import CircleAdmin, P, create_circle, put
from tests.support.processes import NO_RATE_LIMITS, running_envoy

# Each of the printer's rules: JSON's escapes, the characters it escapes for JavaScript (<, >,
# U+2028, soft hyphen, a non-BMP one as a surrogate pair), and UTF-8 it leaves alone.
TRICKY = 'a<b>&"q"\\ \t\n\u2028\u00ad\U0001d173 圈子 😀 \u007f'


def streamed_routes(descriptor: bytes) -> bytes:
    """The descriptor set with each json_array_of RPC's REST route moved onto its streaming RPC."""
    files = descriptor_pb2.FileDescriptorSet.FromString(descriptor)
    moved = 0
    for file in files.file:
        for service in file.service:
            by_name = {method.name: method for method in service.method}
            for method in service.method:
                streamed = method.options.Extensions[options_pb2.route].json_array_of
                if streamed:
                    rule = method.options.Extensions[annotations_pb2.http]
                    by_name[streamed].options.Extensions[annotations_pb2.http].CopyFrom(rule)
                    method.options.ClearExtension(annotations_pb2.http)
                    moved += 1
    assert moved == 10, moved  # every circles list
    return files.SerializeToString()


@pytest.fixture(scope="module")
def transcoded(stack):
    """The base URL of an Envoy whose transcoder renders the circles lists from the streams."""
    work = Path(tempfile.mkdtemp(prefix="groupkit-streamed-"))
    descriptor = work / "streamed.pb"
    descriptor.write_bytes(streamed_routes(DESCRIPTOR.read_bytes()))
    limits = {name: int(value) for name, value in NO_RATE_LIMITS.items()}
    with running_envoy(work, grpc_port=stack.grpc_port, descriptor=descriptor, jwks=edge_jwks(stack.data_dir),
                       limits=limits) as base:
        yield base
    shutil.rmtree(work, ignore_errors=True)


@pytest.fixture(scope="module")
def circles(api):
    """Circles whose texts and members reach the printer's rules, one of them recommended."""
    admin = CircleAdmin(api)
    category, tag = admin.category(name=f"分类{TRICKY[:8]}"), admin.tag()
    founder = api.user(name=f"创建者{TRICKY}")
    member = api.user(name="成员<1>")
    made = [
        create_circle(founder, category, tag, name=f"圈{n}<&>", summary=TRICKY, notice="第一行\n第二行\t\"引号\"",
                      location="成都\u2028高新", latitude="30.657", longitude="104.066", geo_hash="wm6n2")
        for n in range(3)
    ]
    made.append(create_circle(founder, category, tag, mode="paid", money=1999))
    made.append(create_circle(founder, category, tag, mode="private"))
    assert put(member, f"{P}/groups/{made[0]['id']}").status_code == 201
    assert put(member, f"{P}/groups/{made[4]['id']}").status_code == 201  # a pending application
    admin.credit(member, 1999)  # a paid join, approved: an income record
    assert put(member, f"{P}/groups/{made[3]['id']}").status_code == 201
    pending = founder.get(f"{P}/groups/{made[3]['id']}/members", params={"type": "audit"}).json()
    assert founder.patch(f"{P}/groups/{made[3]['id']}/members/{pending[0]['id']}/audit", {"status": 1}).status_code == 201
    admin.recommend(made[1]["id"])
    return {"founder": founder, "member": member, "category": category, "ids": [c["id"] for c in made]}


def both(api, transcoded, path, params=None, headers=None):
    ours = api.request("GET", path, params=params, headers=headers)
    theirs = requests.get(transcoded + path, params=params, headers=headers, timeout=30)
    return ours, theirs


def assert_same_bytes(ours, theirs):
    assert ours.status_code == theirs.status_code, (ours.text, theirs.text)
    assert ours.headers["content-type"] == theirs.headers["content-type"]
    assert ours.content == theirs.content


LISTS = [
    ("anonymous circle list", lambda c: (f"{P}/groups", {"limit": 100}, None)),
    ("a member's circle list (joined set)", lambda c: (f"{P}/groups", {"limit": 100}, "member")),
    ("circles by ids", lambda c: (f"{P}/groups", {"id": ",".join(map(str, c["ids"]))}, "founder")),
    ("keyword search", lambda c: (f"{P}/groups", {"keyword": "<&>"}, None)),
    ("a category's circles", lambda c: (f"{P}/categories/{c['category']}/groups", None, "member")),
    ("recommended circles", lambda c: (f"{P}/recommend/groups", None, "founder")),
    ("a user's circles", lambda c: (f"{P}/groups/users", {"user_id": c["member"].id}, None)),
    ("nearby circles", lambda c: (f"{P}/round/groups", {"latitude": "30.6", "longitude": "104.0"}, None)),
    ("categories", lambda c: (f"{P}/categories", None, None)),
    ("my circles", lambda c: (f"{P}/user-groups", None, "founder")),
    ("my circles, pending", lambda c: (f"{P}/user-groups", {"type": "audit"}, "founder")),
    ("members", lambda c: (f"{P}/groups/{c['ids'][0]}/members", None, "founder")),
    ("join requests", lambda c: (f"{P}/user-group-audit-members", None, "founder")),
    ("incomes", lambda c: (f"{P}/groups/{c['ids'][3]}/incomes", None, "founder")),
    ("no join requests", lambda c: (f"{P}/user-group-audit-members", None, "member")),
    ("an empty list", lambda c: (f"{P}/groups", {"keyword": "没有这样的圈子"}, None)),
    ("an empty members page", lambda c: (f"{P}/groups/{c['ids'][0]}/members", {"offset": 100}, "member")),
]


@pytest.mark.parametrize("case", LISTS, ids=[name for name, _ in LISTS])
def test_the_servers_array_is_the_transcoders_byte_for_byte(api, transcoded, circles, case):
    path, params, who = case[1](circles)
    headers = circles[who].bearer if who else None
    ours, theirs = both(api, transcoded, path, params, headers)
    assert ours.status_code == 200, ours.text
    assert ours.text.startswith("[")
    assert_same_bytes(ours, theirs)


def test_the_lists_reach_the_printers_rules(api, circles):
    """The data above is not vacuous: the rendered lists hold escapes, nulls and nested objects."""
    text = api.request("GET", f"{P}/groups", params={"limit": 100}, headers=circles["member"].bearer).text
    for rendered in ("\\u003c", "\\u003e", "\\u2028", "\\u00ad", "\\ud834\\udd73", '\\"', "\\\\", "\\t", "\\n",
                     "😀", '"joined":{', '"im_group_id":null', '"money":1999'):
        assert rendered in text, rendered
    members = api.request("GET", f"{P}/groups/{circles['ids'][0]}/members", headers=circles["founder"].bearer).text
    assert '"user":{' in members and "\\u003c1\\u003e" in members


@pytest.mark.parametrize("path, params, who", [
    (f"{P}/groups", {"limit": "abc"}, None),
    (f"{P}/groups", {"limit": -1}, None),
    (f"{P}/round/groups", {"latitude": "north"}, None),
    (f"{P}/user-groups", None, None),
    (f"{P}/groups/999999999/members", None, "member"),
])
def test_failures_are_the_same_answer(api, transcoded, circles, path, params, who):
    headers = circles[who].bearer if who else None
    ours, theirs = both(api, transcoded, path, params, headers)
    assert ours.status_code >= 400
    assert_same_bytes(ours, theirs)


def test_grpc_callers_still_stream_and_the_json_rpc_holds_the_same_elements(api, circles):
    with grpc.insecure_channel(f"127.0.0.1:{api.stack.grpc_port}") as channel:
        stub = circle_service_pb2_grpc.CircleServiceStub(channel)
        request = circle_pb2.ListCirclesRequest(id=",".join(map(str, circles["ids"])))
        streamed = list(stub.ListCircles(request, timeout=10))
        body = stub.ListCirclesJson(request, timeout=10)
    assert [c.id for c in streamed] == circles["ids"]
    assert body.content_type == "application/json"
    rest = api.request("GET", f"{P}/groups", params={"id": request.id})
    assert body.data == rest.content
