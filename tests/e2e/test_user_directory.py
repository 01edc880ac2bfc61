"""USERS_MUST_EXIST=1 (off by default): a deployment that syncs every user ahead refuses ids
it has never seen: the whole call where one list is all or none, per item in batch answers.
Runs its own stacks, on SQLite and PostgreSQL."""

import grpc
import pytest

from groupkit.internal.v1 import grades_admin_service_pb2 as grades_pb
from groupkit.internal.v1 import grades_admin_service_pb2_grpc, user_admin_service_pb2, user_admin_service_pb2_grpc
from tests.conftest import DATABASES
from tests.support.assertions import assert_community_error, assert_im_error, gid
from tests.support.client import Api
from tests.support.processes import running_stack


@pytest.fixture(scope="module", params=DATABASES)
def strict(request):
    with running_stack(request.param, {"USERS_MUST_EXIST": "1"}) as stack:
        yield Api(stack)


def results(reply) -> list[tuple[int, str]]:
    assert reply.status_code == 200, reply.text
    return [(r["user_id"], r["result"]) for r in reply.json()["data"]]


def test_creating_with_an_unseen_user_is_refused_whole_in_both_dialects(strict):
    owner, seen, unseen = strict.user(), strict.user(), strict.user(register=False)
    reply = owner.post("/api/groups", {"type": "group", "members": [seen.id, unseen.id]})
    assert_community_error(reply, 400)
    assert str(unseen.id) in reply.json()["msg"] and str(seen.id) not in reply.json()["msg"]
    assert_im_error(owner.im("POST", "/group/create", {"user_list": [unseen.id]}), 400)
    assert owner.get("/api/user/groups").json()["data"] == []


def test_a_user_becomes_known_by_calling_or_by_the_user_sync(strict):
    owner, caller, synced = strict.user(), strict.user(register=False), strict.user(register=False)
    admin = strict.user(admin=True)
    with grpc.insecure_channel(f"127.0.0.1:{strict.stack.grpc_port}") as channel:
        user_admin_service_pb2_grpc.UserAdminServiceStub(channel).UpsertUser(
            user_admin_service_pb2.UpsertUserRequest(user_id=synced.id, name="同步"),
            metadata=[("authorization", f"Bearer {admin.token}")], timeout=10,
        )
    assert caller.get("/api/user/groups").status_code == 200
    reply = owner.post("/api/groups", {"type": "group", "members": [caller.id, synced.id]})
    assert reply.status_code == 200, reply.text
    assert reply.json()["data"]["member_count"] == 3


def test_batch_answers_refuse_unseen_users_one_by_one(strict):
    owner, invitee, unseen = strict.user(), strict.user(), strict.user(register=False)
    im_id = gid(strict.im_group(owner))
    invited = owner.im("POST", "/group/invite", {"group_id": im_id, "user_list": [invitee.id, unseen.id]})
    assert results(invited) == [(invitee.id, "success"), (unseen.id, "fail")]
    assert invited.json()["data"][1]["reason"] == "用户不存在"
    blocked = owner.im("POST", "/group/block", {"group_id": im_id, "user_list": [unseen.id]})
    assert results(blocked) == [(unseen.id, "fail")]


def test_community_invites_are_all_or_none(strict):
    owner, friend, unseen = strict.user(), strict.user(), strict.user(register=False)
    group = strict.community_group(owner)
    reply = owner.post("/api/invite/group", {"group_id": group["id"], "friends": [friend.id, unseen.id]})
    assert_community_error(reply, 400)
    listed = owner.get("/api/members", params={"group_id": group["id"]}).json()["data"]
    assert [m["user_id"] for m in listed] == [owner.id]


def test_wallets_of_unseen_users_are_not_found(strict):
    admin, unseen = strict.user(admin=True), strict.user(register=False)
    with grpc.insecure_channel(f"127.0.0.1:{strict.stack.grpc_port}") as channel:
        stub = grades_admin_service_pb2_grpc.GradesAdminServiceStub(channel)
        with pytest.raises(grpc.RpcError) as caught:
            stub.CreditWallet(
                grades_pb.CreditWalletRequest(user_id=unseen.id, amount=1, reason="x"),
                metadata=[("authorization", f"Bearer {admin.token}")], timeout=10,
            )
    assert caught.value.code() == grpc.StatusCode.NOT_FOUND
