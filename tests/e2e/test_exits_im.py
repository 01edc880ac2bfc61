"""Im dialect (document 003) exits: kick, leave, transfer and destroy, each by every
documented method, with effects seen through both dialects."""

import pytest

from tests.e2e.test_im_groups import assert_im_error, gid
from tests.support import documented_exits as doc
from tests.support.exits_setup import community_view, im_members, make_admins, membership_ids
from tests.support.shapes import assert_shape


def assert_im_ok(reply, shape):
    assert reply.status_code == 200, reply.text
    body = reply.json()
    assert_shape(body, shape)
    assert (body["code"], body["message"]) == (200, None)
    return body["data"]


@pytest.fixture
def ranked(api):
    """An im group: owner, admins a1 and a2, members m1 and m2."""
    owner, a1, a2, m1, m2 = (api.user() for _ in range(5))
    group = api.im_group(owner, [a1, a2, m1, m2])
    group["id"] = community_view(owner, gid(group))["id"]
    make_admins(api, group["id"], a1, a2)
    return group, owner, a1, a2, m1, m2


class TestKick:
    @pytest.mark.parametrize("method", ["DELETE", "POST"])
    def test_owner_kicks_and_both_dialects_drop_the_users(self, api, ranked, method):
        group, owner, a1, a2, m1, m2 = ranked
        reply = owner.im(method, "/group/kick", {"group_id": gid(group), "user_list": [a1.id, m1.id]})
        data = assert_im_ok(reply, doc.KICK)
        assert data == [
            {"reason": None, "result": "success", "user_id": a1.id},
            {"reason": None, "result": "success", "user_id": m1.id},
        ]
        assert im_members(owner, gid(group)) == ({owner.id, a2.id, m2.id}, 3)
        assert set(membership_ids(owner, group["id"])) == {owner.id, a2.id, m2.id}
        assert owner.im("GET", "/group/info", params={"group_id": gid(group)}).json()["data"]["count"] == 3
        assert m1.im("GET", "/group/user_joined").json()["data"] == []

    def test_each_bad_user_fails_alone_with_a_reason(self, api, ranked):
        group, owner, a1, a2, m1, m2 = ranked
        outsider = api.user()
        reply = a1.im("POST", "/group/kick", {"group_id": gid(group), "user_list": [m1.id, owner.id, a2.id, a1.id, outsider.id, m2.id]})
        data = assert_im_ok(reply, doc.KICK)
        assert [(r["user_id"], r["result"]) for r in data] == [
            (m1.id, "success"), (owner.id, "fail"), (a2.id, "fail"), (a1.id, "fail"), (outsider.id, "fail"), (m2.id, "success"),
        ]
        assert all(isinstance(r["reason"], str) and r["reason"] for r in data if r["result"] == "fail")
        assert im_members(owner, gid(group)) == ({owner.id, a1.id, a2.id}, 3)

    def test_a_member_may_not_kick(self, api, ranked):
        group, owner, *_, m1, m2 = ranked
        assert_im_error(m1.im("DELETE", "/group/kick", {"group_id": gid(group), "user_list": [m2.id]}), 403)
        assert im_members(owner, gid(group))[1] == 5

    def test_an_admin_token_acting_for_the_group_kicks_members(self, api, ranked):
        group, owner, a1, *_, m2 = ranked
        admin = api.user(admin=True)
        body = {"group_id": gid(group), "user_list": [m2.id, a1.id]}
        reply = admin.im("POST", "/group/kick", body, headers={"group_id": str(gid(group))})
        assert [r["result"] for r in assert_im_ok(reply, doc.KICK)] == ["success", "fail"]

    def test_unknown_and_other_apps_groups_are_404(self, api, ranked):
        group, owner, *_, m2 = ranked
        assert_im_error(owner.im("POST", "/group/kick", {"group_id": 99_999_999_999_999, "user_list": [1]}), 404)
        # The im dialect names groups by IM id only, never by the community dialect's primary key.
        assert_im_error(owner.im("POST", "/group/kick", {"group_id": group["id"], "user_list": [m2.id]}), 404)
        other = api.im_group(api.user(app="acme"))
        assert_im_error(owner.im("POST", "/group/kick", {"group_id": gid(other), "user_list": [1]}), 404)

    @pytest.mark.parametrize(
        "body",
        [{}, {"user_list": [1]}, {"group_id": 1}, {"group_id": 1, "user_list": []}, {"group_id": 1, "user_list": ["x"]},
         {"group_id": "x", "user_list": [1]}],
    )
    def test_missing_or_wrong_typed_fields_are_400(self, api, ranked, body):
        assert_im_error(ranked[1].im("POST", "/group/kick", body), 400)

    def test_needs_a_token(self, api):
        assert_im_error(api.request("DELETE", "/group/kick", json={"group_id": 1, "user_list": [1]}, headers={"app_id": "default"}), 401)


class TestLeave:
    @pytest.mark.parametrize("method", ["DELETE", "POST"])
    def test_a_member_leaves(self, api, ranked, method):
        group, owner, a1 = ranked[:3]
        assert assert_im_ok(a1.im(method, "/group/leave", params={"group_id": gid(group)}), doc.LEAVE) is True
        assert im_members(owner, gid(group)) == ({u.id for u in ranked[1:]} - {a1.id}, 4)
        assert community_view(owner, gid(group))["member_count"] == 4
        assert a1.get("/api/user/groups").json()["data"] == []

    def test_the_owner_must_transfer_first(self, api, ranked):
        group, owner = ranked[:2]
        reply = owner.im("DELETE", "/group/leave", params={"group_id": gid(group)})
        assert_im_error(reply, 409)
        assert "转让" in reply.json()["message"]

    def test_outsiders_unknown_missing_and_other_apps_groups(self, api, ranked):
        group, owner = ranked[:2]
        assert_im_error(api.user().im("POST", "/group/leave", params={"group_id": gid(group)}), 403)
        assert_im_error(owner.im("POST", "/group/leave", params={"group_id": 99_999_999_999_999}), 404)
        assert_im_error(api.user(app="acme").im("POST", "/group/leave", params={"group_id": gid(group)}), 404)
        assert_im_error(owner.im("POST", "/group/leave"), 400)
        assert_im_error(owner.im("POST", "/group/leave", params={"group_id": "x"}), 400)

    def test_needs_a_token(self, api):
        assert_im_error(api.request("POST", "/group/leave", params={"group_id": 1}, headers={"app_id": "default"}), 401)


class TestTransfer:
    @pytest.mark.parametrize("method", ["PUT", "POST"])
    def test_roles_swap_and_both_dialects_show_the_new_owner(self, api, ranked, method):
        group, owner, a1 = ranked[:3]
        data = assert_im_ok(owner.im(method, "/group/transfer", {"group_id": gid(group), "new_owner": a1.id}), doc.TRANSFER)
        assert data == {"reason": None, "result": "success", "user_id": a1.id}
        assert owner.im("GET", "/group/info", params={"group_id": gid(group)}).json()["data"]["owner_id"] == a1.id
        assert community_view(owner, gid(group))["owner"]["id"] == a1.id
        roles = {m["user_id"]: m["role"] for m in owner.get("/api/members", params={"group_id": group["id"]}).json()["data"]}
        assert (roles[a1.id], roles[owner.id]) == (2, 1)
        assert assert_im_ok(owner.im("POST", "/group/leave", params={"group_id": gid(group)}), doc.LEAVE) is True

    def test_new_owner_must_be_a_member(self, api, ranked):
        group, owner = ranked[:2]
        assert_im_error(owner.im("PUT", "/group/transfer", {"group_id": gid(group), "new_owner": api.user().id}), 409)
        assert_im_error(owner.im("PUT", "/group/transfer", {"group_id": gid(group), "new_owner": owner.id}), 400)
        assert owner.im("GET", "/group/info", params={"group_id": gid(group)}).json()["data"]["owner_id"] == owner.id

    @pytest.mark.parametrize("who", [2, 4])  # an admin, a member
    def test_only_the_owner_transfers(self, api, ranked, who):
        group = ranked[0]
        assert_im_error(ranked[who].im("POST", "/group/transfer", {"group_id": gid(group), "new_owner": ranked[who].id}), 403)

    def test_unknown_and_other_apps_groups_are_404(self, api, ranked):
        owner = ranked[1]
        assert_im_error(owner.im("PUT", "/group/transfer", {"group_id": 99_999_999_999_999, "new_owner": owner.id}), 404)
        other = api.im_group(api.user(app="acme"))
        assert_im_error(owner.im("PUT", "/group/transfer", {"group_id": gid(other), "new_owner": owner.id}), 404)

    @pytest.mark.parametrize("body", [{}, {"new_owner": 1}, {"group_id": 1}, {"group_id": 1, "new_owner": "x"}])
    def test_missing_or_wrong_typed_fields_are_400(self, api, ranked, body):
        assert_im_error(ranked[1].im("PUT", "/group/transfer", body), 400)

    def test_needs_a_token(self, api):
        assert_im_error(api.request("PUT", "/group/transfer", json={"group_id": 1, "new_owner": 1}, headers={"app_id": "default"}), 401)


class TestDestroy:
    @pytest.mark.parametrize("method", ["DELETE", "POST"])
    def test_the_group_is_gone_from_both_dialects(self, api, ranked, method):
        group, owner, a1 = ranked[:3]
        assert assert_im_ok(owner.im(method, "/group/destroy", params={"group_id": gid(group)}), doc.DESTROY) is True
        assert_im_error(owner.im("GET", "/group/info", params={"group_id": gid(group)}), 404)
        assert_im_error(owner.im("GET", "/group/member_list", params={"group_id": gid(group)}), 404)
        assert owner.im("POST", "/group/info/batch", {"group_list": [gid(group)]}).json()["data"] == []
        assert a1.im("GET", "/group/user_joined").json()["data"] == []
        assert owner.get(f"/api/groups/{gid(group)}").status_code == 404
        assert_im_error(owner.im("PUT", "/group/info/name", {"group_id": gid(group), "value": "x"}), 404)
        assert_im_error(owner.im(method, "/group/destroy", params={"group_id": gid(group)}), 404)

    def test_pending_invitations_to_a_destroyed_group_are_gone(self, api, ranked):
        group, owner = ranked[:2]
        invitee = api.user()
        assert owner.im("POST", "/group/invite", {"group_id": gid(group), "user_list": [invitee.id]}).status_code == 200
        assert invitee.im("GET", "/group/invitation_list").json()["total"] == 1
        assert owner.im("DELETE", "/group/destroy", params={"group_id": gid(group)}).status_code == 200
        listed = invitee.im("GET", "/group/invitation_list").json()
        assert (listed["data"], listed["total"]) == ([], 0)

    @pytest.mark.parametrize("who", [2, 4])  # an admin, a member
    def test_only_the_owner_destroys(self, api, ranked, who):
        group = ranked[0]
        assert_im_error(ranked[who].im("DELETE", "/group/destroy", params={"group_id": gid(group)}), 403)
        assert ranked[1].im("GET", "/group/info", params={"group_id": gid(group)}).status_code == 200

    def test_an_admin_token_acting_as_the_owner_destroys(self, api, ranked):
        group, owner = ranked[:2]
        admin = api.user(admin=True)
        reply = admin.im("POST", "/group/destroy", params={"group_id": gid(group)}, headers={"user_id": str(owner.id)})
        assert assert_im_ok(reply, doc.DESTROY) is True
        assert_im_error(owner.im("GET", "/group/info", params={"group_id": gid(group)}), 404)

    def test_unknown_missing_and_other_apps_groups(self, api, ranked):
        owner = ranked[1]
        assert_im_error(owner.im("DELETE", "/group/destroy", params={"group_id": 99_999_999_999_999}), 404)
        other = api.im_group(api.user(app="acme"))
        assert_im_error(owner.im("DELETE", "/group/destroy", params={"group_id": gid(other)}), 404)
        assert_im_error(owner.im("DELETE", "/group/destroy"), 400)

    def test_needs_a_token(self, api):
        assert_im_error(api.request("DELETE", "/group/destroy", params={"group_id": 1}, headers={"app_id": "default"}), 401)
