"""Circles: joining in the three modes (the paid one with the wallet and its ledger),
applications, permissions, exit, administrators, the blacklist and bind-im-group."""

import grpc
import pytest

from tests.support import documented_circles as doc
from tests.support.circles_setup import (
    CircleAdmin,
    P,
    assert_circles_error,
    blacklist_by_user_id,
    create_circle,
    delete,
    put,
)
from tests.support.shapes import assert_shape


@pytest.fixture(scope="module")
def admin(api):
    return CircleAdmin(api)


@pytest.fixture(scope="module")
def seeded(admin):
    return {"category": admin.category(), "tag": admin.tag()}


def _detail(user, circle):
    return user.get(f"{P}/groups/{circle['id']}").json()


def _application(owner, circle, user):
    listed = owner.get(f"{P}/groups/{circle['id']}/members", params={"type": "audit"})
    assert listed.status_code == 200, listed.text
    return next(m for m in listed.json() if m["user_id"] == user.id)


def _membership(owner, circle, user):
    return next(m for m in owner.get(f"{P}/groups/{circle['id']}/members", params={"limit": 100}).json()
                if m["user_id"] == user.id)


def test_public_join_at_once_then_already(api, seeded):
    owner, member, with_form = api.user(), api.user(), api.user()
    circle = create_circle(owner, seeded["category"], seeded["tag"])
    reply = put(member, f"{P}/groups/{circle['id']}")
    assert reply.status_code == 201 and reply.json() == {"message": "加入成功"}
    assert put(with_form, f"{P}/groups/{circle['id']}", data={"password": "x"}).status_code == 201  # a body is ignored
    detail = _detail(member, circle)
    assert detail["users_count"] == 3
    assert (detail["joined"]["role"], detail["joined"]["audit"], detail["joined"]["disabled"]) == ("member", 1, 0)
    again = put(member, f"{P}/groups/{circle['id']}")
    assert_circles_error(again, 409, "已加入该圈子或加圈申请正在审核中")
    assert_circles_error(put(owner, f"{P}/groups/{circle['id']}"), 409)
    assert_circles_error(api.request("PUT", f"{P}/groups/{circle['id']}"), 401, "Unauthenticated.")
    assert_circles_error(put(member, f"{P}/groups/99999999"), 404, "内容不存在")


def test_private_join_waits_for_approval_reject_then_reapply(api, seeded):
    owner, applicant = api.user(), api.user()
    circle = create_circle(owner, seeded["category"], seeded["tag"], mode="private")
    reply = put(applicant, f"{P}/groups/{circle['id']}")
    assert reply.status_code == 201 and reply.json() == {"message": "申请已提交，等待管理员审核"}
    detail = _detail(applicant, circle)
    assert detail["users_count"] == 1
    assert (detail["joined"]["audit"], detail["joined"]["user_id"]) == (0, applicant.id)  # the pending application
    assert applicant.get(f"{P}/user-groups").json() == []
    pending = applicant.get(f"{P}/user-groups", params={"type": "audit"}).json()
    assert_shape(pending, [doc.PENDING_ITEM])
    assert [c["id"] for c in pending] == [circle["id"]] and pending[0]["joined"] is None
    assert len(pending[0]["join_at"]) == 20 and pending[0]["join_at"].endswith("Z")
    assert_circles_error(put(applicant, f"{P}/groups/{circle['id']}"), 409)
    application = _application(owner, circle, applicant)
    # a plain outsider cannot see or audit applications
    outsider = api.user()
    assert_circles_error(outsider.get(f"{P}/groups/{circle['id']}/members", params={"type": "audit"}), 403)
    assert_circles_error(outsider.patch(f"{P}/groups/{circle['id']}/members/{application['id']}/audit", {"status": 1}), 403)
    assert_circles_error(owner.patch(f"{P}/groups/{circle['id']}/members/{application['id']}/audit", {"status": 7}), 422)
    reply = owner.patch(f"{P}/groups/{circle['id']}/members/{application['id']}/audit", {"status": 2})
    assert reply.status_code == 201 and reply.json() == {"message": "审核成功"}
    assert _detail(applicant, circle)["joined"] is None
    assert put(applicant, f"{P}/groups/{circle['id']}").status_code == 201  # may apply again
    application = _application(owner, circle, applicant)
    assert owner.patch(f"{P}/groups/{circle['id']}/members/{application['id']}/audit", {"status": 1}).status_code == 201
    assert_circles_error(owner.patch(f"{P}/groups/{circle['id']}/members/{application['id']}/audit", {"status": 1}), 409)
    detail = _detail(applicant, circle)
    assert (detail["users_count"], detail["joined"]["audit"]) == (2, 1)
    assert [c["id"] for c in applicant.get(f"{P}/user-groups").json()] == [circle["id"]]


def test_paid_join_charges_refunds_and_pays_the_founder_with_a_balanced_ledger(api, admin, seeded):
    owner, rich, poor, rejected = api.user(), api.user(), api.user(), api.user()
    circle = create_circle(owner, seeded["category"], seeded["tag"], mode="paid", money=300)
    assert_circles_error(put(poor, f"{P}/groups/{circle['id']}"), 409, "账户余额不足不能申请加入")
    admin.credit(poor, 299)
    assert_circles_error(put(poor, f"{P}/groups/{circle['id']}"), 409)
    assert admin.wallet(poor).balance == 299
    admin.credit(rich, 1000)
    admin.credit(rejected, 300)
    for user in (rich, rejected):
        reply = put(user, f"{P}/groups/{circle['id']}")
        assert reply.status_code == 201 and reply.json()["message"] == "申请已提交，等待管理员审核"
    assert (admin.wallet(rich).balance, admin.wallet(rejected).balance) == (700, 0)
    assert _detail(owner, circle)["join_income_count"] == 0
    base = f"{P}/groups/{circle['id']}/members"
    assert owner.patch(f"{base}/{_application(owner, circle, rich)['id']}/audit", {"status": 1}).status_code == 201
    assert owner.patch(f"{base}/{_application(owner, circle, rejected)['id']}/audit", {"status": 2}).status_code == 201
    assert (admin.wallet(rich).balance, admin.wallet(rejected).balance, admin.wallet(owner).balance) == (700, 300, 300)
    detail = _detail(owner, circle)
    assert (detail["join_income_count"], detail["users_count"]) == (300, 2)
    assert "join_income_count" not in _detail(rich, circle)
    # every movement is in the ledger, and the ledgers sum to the balances
    total_in = 1000 + 300 + 299
    balances = sum(admin.wallet(u).balance for u in (owner, rich, poor, rejected))
    assert balances == total_in
    for user in (owner, rich, poor, rejected):
        wallet = admin.wallet(user)
        assert sum(e.amount for e in wallet.entries) == wallet.balance
    assert [e.amount for e in admin.wallet(rejected).entries] == [300, -300, 300]
    assert [e.amount for e in admin.wallet(owner).entries] == [300]


def test_joining_a_circle_not_approved_is_refused(api, admin, seeded):
    owner, user = api.user(), api.user()
    circle = create_circle(owner, seeded["category"], seeded["tag"])
    admin.review(circle["id"], 2)
    assert_circles_error(put(user, f"{P}/groups/{circle['id']}"), 403)
    assert_circles_error(user.get(f"{P}/groups/{circle['id']}"), 403, "圈子审核被驳回或已关闭无法访问")
    admin.review(circle["id"], 1)  # reopened: one founder, still
    detail = _detail(owner, circle)
    assert detail["users_count"] == 1 and detail["founder"]["user_id"] == owner.id


def test_permissions_array_or_string_founder_only(api, seeded):
    owner, member = api.user(), api.user()
    circle = create_circle(owner, seeded["category"], seeded["tag"])
    assert put(member, f"{P}/groups/{circle['id']}").status_code == 201
    path = f"{P}/groups/{circle['id']}/permissions"
    reply = owner.patch(path, {"permissions": ["administrator", "founder"]})
    assert reply.status_code == 201, reply.text
    assert _detail(owner, circle)["permissions"] == "administrator,founder"
    assert circle["id"] not in [c["id"] for c in member.get(f"{P}/user-groups", params={"type": "allow_post"}).json()]
    assert owner.patch(path, {"permissions": "member,founder,member"}).status_code == 201
    assert _detail(owner, circle)["permissions"] == "member,founder"
    form = owner.api.request("PATCH", path, headers=owner.bearer, data={"permissions[]": ["founder", "administrator"]})
    assert form.status_code == 201, form.text
    assert _detail(owner, circle)["permissions"] == "founder,administrator"
    assert_circles_error(member.patch(path, {"permissions": ["member"]}), 403, "无权限操作")
    for bad in (["owner"], [], 5, None):
        body = assert_circles_error(owner.patch(path, {"permissions": bad} if bad is not None else {}), 422)
        assert list(body["errors"]) == ["permissions"]
    assert_circles_error(api.request("PATCH", path, json={"permissions": ["founder"]}), 401)


def test_exit_then_rejoin_and_founder_cannot_exit(api, seeded):
    owner, member, outsider = api.user(), api.user(), api.user()
    circle = create_circle(owner, seeded["category"], seeded["tag"])
    path = f"{P}/groups/{circle['id']}"
    assert put(member, path).status_code == 201
    reply = delete(member, f"{path}/exit")
    assert reply.status_code == 204 and reply.content == b""
    detail = _detail(member, circle)
    assert detail["joined"] is None and detail["users_count"] == 1
    assert put(member, path).status_code == 201
    assert_circles_error(delete(outsider, f"{path}/exit"), 403, "还未加入圈子或审核未通过")
    assert_circles_error(delete(owner, f"{path}/exit"), 403, "你是圈子创始人，不能进行退圈")
    assert_circles_error(api.request("DELETE", f"{path}/exit"), 401)


def test_blacklist_outlives_exit_and_counts(api, seeded):
    owner, member = api.user(), api.user()
    circle = create_circle(owner, seeded["category"], seeded["tag"])
    path = f"{P}/groups/{circle['id']}"
    assert put(member, path).status_code == 201
    membership = _membership(owner, circle, member)["id"]
    assert put(owner, f"{path}/blacklist/{membership}").status_code == 201  # {member}: a membership id
    detail = _detail(member, circle)
    assert detail["joined"]["disabled"] == 1 and detail["blacklist_count"] == 1
    assert circle["id"] not in [c["id"] for c in member.get(f"{P}/user-groups", params={"type": "allow_post"}).json()]
    assert [m["user_id"] for m in owner.get(f"{path}/members", params={"type": "blacklist"}).json()] == [member.id]
    assert delete(member, f"{path}/exit").status_code == 204
    assert_circles_error(put(member, path), 403)  # the loophole stays closed
    assert _detail(owner, circle)["blacklist_count"] == 1
    assert_circles_error(put(member, f"{path}/blacklist/{_membership(owner, circle, owner)['id']}"), 403)
    assert_circles_error(delete(owner, f"{path}/blacklist/{membership}"), 404)  # the membership is gone
    blacklist_by_user_id(api, owner, circle["id"], member.id, remove=True)  # gRPC names the user
    with pytest.raises(grpc.RpcError) as caught:
        blacklist_by_user_id(api, owner, circle["id"], member.id, remove=True)
    assert caught.value.code() == grpc.StatusCode.NOT_FOUND
    assert put(member, path).status_code == 201
    again = _membership(owner, circle, member)["id"]
    assert put(owner, f"{path}/blacklist/{again}").status_code == 201
    assert delete(owner, f"{path}/blacklist/{again}").status_code == 204
    assert_circles_error(delete(owner, f"{path}/blacklist/{again}"), 404)


def test_administrators_at_most_five_founder_only(api, seeded):
    owner = api.user()
    circle = create_circle(owner, seeded["category"], seeded["tag"])
    path = f"{P}/groups/{circle['id']}"
    users = [api.user() for _ in range(6)]
    for user in users:
        assert put(user, path).status_code == 201
    member_ids = [_membership(owner, circle, u)["id"] for u in users]
    for member_id in member_ids[:5]:
        assert put(owner, f"{path}/managers/{member_id}").status_code == 201
    assert_circles_error(put(owner, f"{path}/managers/{member_ids[5]}"), 409, "最多设置5个管理员")
    assert_circles_error(put(users[0], f"{path}/managers/{member_ids[5]}"), 403)
    managers = owner.get(f"{path}/members", params={"type": "manager"}).json()
    assert_shape(managers, [doc.LIST_MEMBER])
    assert [m["role"] for m in managers] == ["founder"] + ["administrator"] * 5
    # an administrator removes a member but not another administrator
    assert_circles_error(delete(users[0], f"{path}/members/{member_ids[1]}"), 403)
    assert delete(users[0], f"{path}/members/{member_ids[5]}").status_code == 204
    assert _detail(owner, circle)["users_count"] == 6
    assert delete(owner, f"{path}/managers/{member_ids[0]}").status_code == 204
    assert_circles_error(delete(owner, f"{path}/managers/{member_ids[0]}"), 409)
    assert put(owner, f"{path}/managers/{member_ids[0]}").status_code == 201


def test_bind_im_group_at_both_paths_founder_only(api, seeded):
    owner, member = api.user(), api.user()
    circle = create_circle(owner, seeded["category"], seeded["tag"])
    assert put(member, f"{P}/groups/{circle['id']}").status_code == 201
    im_group = api.im_group(owner)
    im_id = str(im_group["group_id"])
    paths = [f"{P}/group/groups/{circle['id']}/bind-im-group", f"/api/v2/group/groups/{circle['id']}/bind-im-group"]
    reply = put(owner, paths[0], data={"id": im_id})
    assert reply.status_code == 204 and reply.content == b""
    assert _detail(owner, circle)["im_group_id"] == im_id
    second = str(api.im_group(owner)["group_id"])
    assert put(owner, paths[1], json={"id": second}).status_code == 204
    assert _detail(member, circle)["im_group_id"] == second
    assert_circles_error(put(member, paths[0], data={"id": im_id}), 403, "你无权进行操作")
    body = assert_circles_error(put(owner, paths[0], data={}), 422)
    assert body["errors"] == {"id": ["必须传输群聊 ID"]}
    assert list(assert_circles_error(put(owner, paths[0], json={"id": int(im_id)}), 422)["errors"]) == ["id"]
    assert list(assert_circles_error(put(owner, paths[1], data={"id": "12345678901234"}), 422)["errors"]) == ["id"]
    foreign = api.user(app="other-app")
    foreign_group = api.im_group(foreign)
    assert list(assert_circles_error(put(owner, paths[0], data={"id": str(foreign_group["group_id"])}), 422)["errors"]) == ["id"]
    assert_circles_error(api.request("PUT", paths[1], data={"id": im_id}), 401)
    assert_circles_error(put(owner, f"{P}/group/groups/99999999/bind-im-group", data={"id": im_id}), 404)


def test_another_apps_circle_cannot_be_joined_or_changed(api, seeded):
    owner = api.user()
    circle = create_circle(owner, seeded["category"], seeded["tag"])
    stranger = api.user(app="other-app")
    path = f"{P}/groups/{circle['id']}"
    for reply in (put(stranger, path), delete(stranger, f"{path}/exit"), stranger.post(path, {"summary": "x"}),
                  stranger.patch(f"{path}/permissions", {"permissions": ["founder"]}),
                  put(stranger, f"{P}/group/groups/{circle['id']}/bind-im-group", data={"id": "1"}),
                  stranger.get(f"{path}/members")):
        assert_circles_error(reply, 404, "内容不存在")
    assert _detail(owner, circle)["users_count"] == 1


def test_wrong_typed_path_ids_are_422_naming_the_field(api):
    user = api.user()
    for reply in (put(user, f"{P}/groups/abc"), user.get(f"{P}/groups/abc"), delete(user, f"{P}/groups/abc/exit"),
                  user.patch(f"{P}/groups/abc/permissions", {"permissions": ["founder"]})):
        assert list(assert_circles_error(reply, 422)["errors"]) == ["group"]


def test_native_grpc_callers_get_streams_and_real_codes(api, seeded):
    import grpc

    from groupkit.circle.v1 import circle_pb2 as pb
    from groupkit.circle.v1 import circle_service_pb2_grpc

    owner = api.user()
    circle = create_circle(owner, seeded["category"], seeded["tag"])
    with grpc.insecure_channel(f"127.0.0.1:{api.stack.grpc_port}") as channel:
        stub = circle_service_pb2_grpc.CircleServiceStub(channel)
        found = list(stub.ListCircles(pb.ListCirclesRequest(id=str(circle["id"])), timeout=10))
        assert [c.id for c in found] == [circle["id"]] and found[0].users_count == 1
        with pytest.raises(grpc.RpcError) as caught:
            list(stub.ListNearbyCircles(pb.ListNearbyCirclesRequest(latitude="x", longitude="1"), timeout=10))
        assert caught.value.code() == grpc.StatusCode.INVALID_ARGUMENT
        with pytest.raises(grpc.RpcError) as caught:
            list(stub.ListMyCircles(pb.ListMyCirclesRequest(), timeout=10))
        assert caught.value.code() == grpc.StatusCode.UNAUTHENTICATED
        joined = stub.JoinCircle(pb.JoinCircleRequest(group=circle["id"]),
                                 metadata=[("authorization", f"Bearer {api.user().token}")], timeout=10)
        assert joined.message == "加入成功"


def test_a_blacklisted_applicant_cannot_be_approved_and_is_refunded_on_rejection(api, admin, seeded):
    owner, applicant = api.user(), api.user()
    circle = create_circle(owner, seeded["category"], seeded["tag"], mode="paid", money=50)
    admin.credit(applicant, 50)
    assert put(applicant, f"{P}/groups/{circle['id']}").status_code == 201
    pending = _application(owner, circle, applicant)["id"]
    assert_circles_error(put(owner, f"{P}/groups/{circle['id']}/blacklist/{pending}"), 403, "待审核成员不能进行该操作")
    blacklist_by_user_id(api, owner, circle["id"], applicant.id)  # any user, over gRPC
    application = _application(owner, circle, applicant)
    assert application["disabled"] == 1
    audit = f"{P}/groups/{circle['id']}/members/{application['id']}/audit"
    assert_circles_error(owner.patch(audit, {"status": 1}), 403)
    assert owner.patch(audit, {"status": 2}).status_code == 201
    assert admin.wallet(applicant).balance == 50
    assert _detail(owner, circle)["join_income_count"] == 0
