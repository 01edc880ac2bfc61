"""Concurrent ways into a group near its capacity (community invites and joins, im applies,
invitation accepts, QR joins) never pass maxmembers / capacity, and member_count stays
equal to the members listed afterwards. Also holds the helpers that fill a group quickly."""

import itertools
import random
from concurrent.futures import ThreadPoolExecutor

import grpc

from groupkit.internal.v1 import user_admin_service_pb2, user_admin_service_pb2_grpc

CAPACITY = 500  # the base grade's maxmembers
_bulk_ids = itertools.count(random.randint(20_000, 90_000) * 1_000)  # apart from tests.support.client's ids


def register_users(api, count: int) -> list[int]:
    """Known users made through the internal UpsertUser RPC (admin token, gRPC port): fast."""
    admin = api.user(admin=True)
    ids = [next(_bulk_ids) for _ in range(count)]
    with grpc.insecure_channel(f"127.0.0.1:{api.stack.grpc_port}") as channel:
        stub = user_admin_service_pb2_grpc.UserAdminServiceStub(channel)
        for uid in ids:
            request = user_admin_service_pb2.UpsertUserRequest(user_id=uid, name=f"bulk{uid}")
            stub.UpsertUser(request, metadata=[("authorization", f"Bearer {admin.token}")], timeout=10)
    return ids


def filled_group(api, owner, free_places: int) -> dict:
    """A community-dialect group of owner plus bulk members leaving free_places free
    (100 members at creation, then invites of 100)."""
    ids = register_users(api, CAPACITY - 1 - free_places)
    group = api.community_group(owner, [])
    for start in range(0, len(ids), 100):
        reply = owner.post("/api/invite/group", {"group_id": group["id"], "friends": ids[start:start + 100]})
        assert reply.status_code == 200, reply.text
    group["groupid"] = api.groupid_of(owner, group["id"])
    return group


def member_total(owner, group_pk: int) -> int:
    return len(owner.get("/api/members", params={"group_id": group_pk}).json()["data"])


def im_count(owner, im_id: int) -> int:
    return owner.im("GET", "/group/info", params={"group_id": im_id}).json()["data"]["count"]


def test_concurrent_joins_in_both_dialects_never_pass_capacity(api):
    owner = api.user()
    group = filled_group(api, owner, free_places=6)
    im_id = int(group["groupid"])
    joiners = [api.user() for _ in range(8)]  # apply (im) and join (community): 8 for 4 places
    invitees = [api.user() for _ in range(6)]  # invitation accepts (im)
    friends = [api.user() for _ in range(4)]  # community invites of two each
    reply = owner.im("POST", "/group/invite", {"group_id": im_id, "user_list": [u.id for u in invitees]})
    assert all(r["result"] == "success" for r in reply.json()["data"])
    qr = owner.im("GET", "/group/qrcode/sign", params={"group_id": im_id}).json()["data"]["qr_info"]
    scanners = [api.user() for _ in range(4)]

    calls = (
        [lambda u=u: u.im("POST", "/group/apply", {"group_id": im_id}) for u in joiners[:4]]
        + [lambda u=u: u.post(f"/api/groups/{group['id']}/join", {}) for u in joiners[4:]]
        + [lambda u=u: u.im("PUT", "/group/invite/handle", {"group_id": im_id, "user_id": owner.id, "approval": True})
           for u in invitees]
        + [lambda pair=pair: owner.post("/api/invite/group", {"group_id": group["id"], "friends": [p.id for p in pair]})
           for pair in (friends[:2], friends[2:])]
        + [lambda u=u: u.im("POST", "/group/qrcode/invite", {"qr_info": qr}) for u in scanners]
    )
    random.shuffle(calls)
    with ThreadPoolExecutor(max_workers=12) as pool:
        replies = list(pool.map(lambda call: call(), calls))

    assert {r.status_code for r in replies} <= {200, 409}, [r.text for r in replies if r.status_code not in (200, 409)]
    assert any(r.status_code == 409 for r in replies)  # more asked than the 6 places
    total = member_total(owner, group["id"])
    assert total == CAPACITY
    assert im_count(owner, im_id) == total
    assert owner.get(f"/api/groups/{group['groupid']}").json()["data"]["member_count"] == total


def test_concurrent_approvals_of_queued_applications_never_pass_capacity(api):
    owner = api.user()
    group = filled_group(api, owner, free_places=3)
    im_id = int(group["groupid"])
    reply = owner.im("PUT", "/group/settings/require_admin_approval", {"group_id": im_id, "apply_approval": 1})
    assert reply.status_code == 200, reply.text
    applicants = [api.user() for _ in range(8)]
    for u in applicants:
        assert u.im("POST", "/group/apply", {"group_id": im_id, "reason": "让我进"}).status_code == 200
    read_ids = [
        a["read_id"] for a in owner.im("POST", "/group/application_list", {"group_list": [im_id]}).json()["data"]
    ]
    calls = [
        lambda i=i: owner.post("/api/group/join/audit", {"status": 1, "read_id": read_ids[i]}) for i in range(4)
    ] + [
        lambda u=u: owner.im("POST", "/group/apply/handle", {"group_id": im_id, "user_id": u.id, "approval": True})
        for u in applicants[4:]
    ]
    with ThreadPoolExecutor(max_workers=8) as pool:
        replies = list(pool.map(lambda call: call(), calls))
    assert sorted(r.status_code for r in replies) == [200] * 3 + [409] * 5, [r.text for r in replies]
    assert member_total(owner, group["id"]) == CAPACITY == im_count(owner, im_id)


def test_joins_and_exits_racing_keep_the_count_true_and_within_capacity(api):
    """Applies, invitation accepts, kicks, removals and leaves all at once, in both dialects."""
    owner = api.user()
    group = filled_group(api, owner, free_places=3)
    im_id = int(group["groupid"])
    leavers = [api.user() for _ in range(4)]
    assert owner.post("/api/invite/group", {"group_id": group["id"], "friends": [u.id for u in leavers]}).status_code == 409
    assert owner.post("/api/invite/group", {"group_id": group["id"], "friends": [u.id for u in leavers[:3]]}).status_code == 200
    members = {m["user_id"]: m["id"] for m in owner.get("/api/members", params={"group_id": group["id"]}).json()["data"]}
    bulk = [uid for uid in members if uid not in (owner.id, *(u.id for u in leavers))]
    applicants = [api.user() for _ in range(6)]
    invitees = [api.user() for _ in range(4)]
    reply = owner.im("POST", "/group/invite", {"group_id": im_id, "user_list": [u.id for u in invitees]})
    assert all(r["result"] == "success" for r in reply.json()["data"])

    calls = (
        [lambda u=u: u.im("POST", "/group/apply", {"group_id": im_id}) for u in applicants]
        + [lambda u=u: u.im("POST", "/group/invite/handle", {"group_id": im_id, "user_id": owner.id, "approval": True})
           for u in invitees]
        + [lambda u=u: u.im("DELETE", "/group/leave", params={"group_id": im_id}) for u in leavers[:3]]
        + [lambda uid=uid: owner.im("POST", "/group/kick", {"group_id": im_id, "user_list": [uid]}) for uid in bulk[:4]]
        + [lambda uid=uid: owner.post("/api/members/remove", {"group_id": group["id"], "members": [members[uid]]})
           for uid in bulk[4:8]]
    )
    random.shuffle(calls)
    with ThreadPoolExecutor(max_workers=12) as pool:
        replies = list(pool.map(lambda call: call(), calls))

    assert {r.status_code for r in replies} <= {200, 409}, [r.text for r in replies if r.status_code not in (200, 409)]
    total = member_total(owner, group["id"])
    assert total <= CAPACITY
    assert im_count(owner, im_id) == total
    listed = owner.im("GET", "/group/member_list", params={"group_id": im_id}).json()
    assert listed["total"] == len(listed["data"]) == total
    gone = set(bulk[:8]) | {u.id for u in leavers[:3]}
    assert not gone & {m["user_id"] for m in listed["data"]}
