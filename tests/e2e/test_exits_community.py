"""Community dialect (document 000) exits: removing members, quitting, transferring,
dismissing, and groups leaving a community, with effects seen through both dialects."""

import pytest

from tests.e2e.test_community_groups import assert_community_error
from tests.support import documented_exits as doc
from tests.support.exits_setup import community_view, delete, im_members, make_admins, membership_ids, put_in_community
from tests.support.shapes import assert_shape


def assert_community_ok(reply, shape, msg):
    assert reply.status_code == 200, reply.text
    assert_shape(reply.json(), shape)
    assert reply.json() == {"msg": msg, "code": 0, "data": None}


@pytest.fixture
def ranked(api):
    """A community group: owner, admins a1 and a2, members m1 and m2."""
    owner, a1, a2, m1, m2 = (api.user() for _ in range(5))
    group = api.community_group(owner, [a1, a2, m1, m2])
    make_admins(api, group["id"], a1, a2)
    group["groupid"] = api.groupid_of(owner, group["id"])
    return group, owner, a1, a2, m1, m2


class TestRemoveMembers:
    def test_owner_removes_members_by_membership_id(self, api, ranked):
        group, owner, a1, _, m1, m2 = ranked
        ids = membership_ids(owner, group["id"])
        reply = owner.post("/api/members/remove", {"group_id": group["id"], "members": [ids[a1.id], ids[m1.id]]})
        assert_community_ok(reply, doc.REMOVE_MEMBERS, doc.REMOVE_MEMBERS_MSG)
        assert set(membership_ids(owner, group["id"])) == {owner.id, ranked[3].id, m2.id}
        assert community_view(owner, group["groupid"])["member_count"] == 3
        assert im_members(owner, int(group["groupid"])) == ({owner.id, ranked[3].id, m2.id}, 3)
        assert int(group["groupid"]) not in m1.im("GET", "/group/user_joined").json()["data"]

    def test_an_admin_removes_a_member(self, api, ranked):
        group, owner, a1, _, m1, _ = ranked
        ids = membership_ids(owner, group["id"])
        assert_community_ok(
            a1.post("/api/members/remove", {"group_id": group["id"], "members": [ids[m1.id]]}), doc.REMOVE_MEMBERS, "移除成功"
        )
        assert m1.id not in membership_ids(owner, group["id"])

    @pytest.mark.parametrize("target", [1, 2, 3])  # owner, the other admin, the admin themselves
    def test_an_admin_may_not_remove_the_owner_an_admin_or_themselves_and_nothing_is_removed(self, api, ranked, target):
        group, owner, a1, _, m1, _ = ranked
        ids = membership_ids(owner, group["id"])
        victim = {1: owner, 2: ranked[3], 3: a1}[target]
        reply = a1.post("/api/members/remove", {"group_id": group["id"], "members": [ids[m1.id], ids[victim.id]]})
        assert_community_error(reply, 403)
        assert len(membership_ids(owner, group["id"])) == 5

    def test_the_owner_may_not_remove_themselves(self, api, ranked):
        group, owner = ranked[:2]
        reply = owner.post("/api/members/remove", {"group_id": group["id"], "members": [membership_ids(owner, group["id"])[owner.id]]})
        assert_community_error(reply, 403)

    def test_a_member_may_not_remove(self, api, ranked):
        group, owner, *_, m1, m2 = ranked
        reply = m1.post("/api/members/remove", {"group_id": group["id"], "members": [membership_ids(owner, group["id"])[m2.id]]})
        assert_community_error(reply, 403)

    def test_unknown_and_other_groups_memberships_are_404(self, api, ranked):
        group, owner, *_, m1, _ = ranked
        other = api.community_group(owner, [m1])
        foreign = membership_ids(owner, other["id"])[m1.id]
        assert_community_error(owner.post("/api/members/remove", {"group_id": group["id"], "members": [foreign]}), 404)
        assert_community_error(owner.post("/api/members/remove", {"group_id": group["id"], "members": [98_765_432]}), 404)
        assert len(membership_ids(owner, group["id"])) == 5 and len(membership_ids(owner, other["id"])) == 2

    def test_unknown_and_other_apps_groups_are_404(self, api, ranked):
        owner = ranked[1]
        assert_community_error(owner.post("/api/members/remove", {"group_id": 98_765_432, "members": [1]}), 404)
        stranger = api.user(app="acme")
        theirs = api.community_group(stranger, [api.user(app="acme")])
        their_members = list(membership_ids(stranger, theirs["id"]).values())
        reply = owner.post("/api/members/remove", {"group_id": theirs["id"], "members": their_members})
        assert_community_error(reply, 404)

    @pytest.mark.parametrize(
        "body",
        [{}, {"members": [1]}, {"group_id": 1}, {"group_id": 1, "members": []}, {"group_id": 1, "members": "1,2"},
         {"group_id": "x", "members": [1]}],
    )
    def test_missing_or_wrong_typed_fields_are_400(self, api, ranked, body):
        assert_community_error(ranked[1].post("/api/members/remove", body), 400)

    def test_needs_a_token(self, api):
        assert_community_error(api.request("POST", "/api/members/remove", json={"group_id": 1, "members": [1]}), 401)


class TestQuitGroup:
    def test_a_member_quits_by_their_membership_id(self, api, ranked):
        group, owner, *_, m1, _ = ranked
        reply = m1.post(f"/api/members/{membership_ids(owner, group['id'])[m1.id]}/quit")
        assert_community_ok(reply, doc.QUIT_GROUP, doc.QUIT_MSG)
        assert m1.get("/api/user/groups").json()["data"] == []
        assert m1.im("GET", "/group/user_joined").json()["data"] == []
        assert community_view(owner, group["groupid"])["member_count"] == 4
        assert im_members(owner, int(group["groupid"]))[1] == 4

    def test_an_admin_quits_by_the_groupid_and_loses_the_role(self, api, ranked):
        group, owner, a1 = ranked[:3]
        assert_community_ok(a1.post(f"/api/members/{group['groupid']}/quit"), doc.QUIT_GROUP, doc.QUIT_MSG)
        assert a1.id not in membership_ids(owner, group["id"])
        assert a1.id not in {m["user_id"] for m in owner.get("/api/members", params={"group_id": group["id"], "roles": "1"}).json()["data"]}

    def test_the_owner_must_transfer_first(self, api, ranked):
        group, owner = ranked[:2]
        reply = owner.post(f"/api/members/{membership_ids(owner, group['id'])[owner.id]}/quit")
        assert_community_error(reply, 409)
        assert "转让" in reply.json()["msg"]
        assert_community_error(owner.post(f"/api/members/{group['groupid']}/quit"), 409)

    def test_someone_elses_membership_is_403(self, api, ranked):
        group, owner, a1 = ranked[:3]
        assert_community_error(a1.post(f"/api/members/{membership_ids(owner, group['id'])[ranked[4].id]}/quit"), 403)

    def test_outsiders_unknown_and_other_apps_ids(self, api, ranked):
        group, owner = ranked[:2]
        assert_community_error(api.user().post(f"/api/members/{group['groupid']}/quit"), 403)
        assert_community_error(owner.post("/api/members/98765432/quit"), 404)
        assert_community_error(owner.post("/api/members/99999999999999/quit"), 404)
        assert_community_error(api.user(app="acme").post(f"/api/members/{group['groupid']}/quit"), 404)
        assert_community_error(owner.post("/api/members/abc/quit"), 400)

    def test_needs_a_token(self, api):
        assert_community_error(api.request("POST", "/api/members/1/quit"), 401)


class TestTransferGroup:
    def test_roles_swap_and_both_dialects_show_the_new_owner(self, api, ranked):
        group, owner, a1 = ranked[:3]
        assert_community_ok(
            owner.post(f"/api/groups/{group['id']}/transfer", {"user_id": a1.id}), doc.TRANSFER_GROUP, doc.TRANSFER_MSG
        )
        assert community_view(owner, group["groupid"])["owner"]["id"] == a1.id
        roles = {m["user_id"]: m["role"] for m in owner.get("/api/members", params={"group_id": group["id"]}).json()["data"]}
        assert (roles[a1.id], roles[owner.id]) == (2, 1)
        assert owner.im("GET", "/group/info", params={"group_id": group["groupid"]}).json()["data"]["owner_id"] == a1.id
        assert_community_ok(owner.post(f"/api/members/{group['groupid']}/quit"), doc.QUIT_GROUP, doc.QUIT_MSG)

    def test_a_member_target_makes_the_old_owner_a_member(self, api, ranked):
        group, owner, *_, m1, _ = ranked
        assert owner.post(f"/api/groups/{group['groupid']}/transfer", {"user_id": m1.id}).status_code == 200
        roles = {m["user_id"]: m["role"] for m in m1.get("/api/members", params={"group_id": group["id"]}).json()["data"]}
        assert (roles[m1.id], roles[owner.id], sorted(roles.values())) == (2, 0, [0, 0, 1, 1, 2])

    @pytest.mark.parametrize("who", [2, 4])  # an admin, a member
    def test_only_the_owner_transfers(self, api, ranked, who):
        group = ranked[0]
        assert_community_error(ranked[who].post(f"/api/groups/{group['id']}/transfer", {"user_id": ranked[who].id}), 403)
        assert community_view(ranked[1], group["groupid"])["owner"]["id"] == ranked[1].id

    def test_the_target_must_be_a_member(self, api, ranked):
        group, owner = ranked[:2]
        reply = owner.post(f"/api/groups/{group['id']}/transfer", {"user_id": api.user().id})
        assert_community_error(reply, 409)
        assert_community_error(owner.post(f"/api/groups/{group['id']}/transfer", {"user_id": owner.id}), 400)

    @pytest.mark.parametrize("body", [{}, {"user_id": "x"}, {"user_id": [1]}])
    def test_missing_or_wrong_typed_user_id_is_400(self, api, ranked, body):
        assert_community_error(ranked[1].post(f"/api/groups/{ranked[0]['id']}/transfer", body), 400)

    def test_unknown_and_other_apps_groups_are_404(self, api, ranked):
        owner = ranked[1]
        assert_community_error(owner.post("/api/groups/98765432/transfer", {"user_id": owner.id}), 404)
        stranger, friend = api.user(app="acme"), api.user(app="acme")
        theirs = api.community_group(stranger, [friend])
        assert_community_error(owner.post(f"/api/groups/{theirs['id']}/transfer", {"user_id": friend.id}), 404)

    def test_needs_a_token(self, api):
        assert_community_error(api.request("POST", "/api/groups/1/transfer", json={"user_id": 1}), 401)


class TestDismissGroup:
    def test_the_group_is_gone_from_every_read_in_both_dialects(self, api, ranked):
        group, owner, a1, *_ = ranked
        assert_community_ok(delete(owner, f"/api/groups/{group['id']}"), doc.DISMISS_GROUP, doc.DISMISS_MSG)
        assert_community_error(owner.get(f"/api/groups/{group['groupid']}"), 404)
        assert owner.im("GET", "/group/info", params={"group_id": group["groupid"]}).status_code == 404
        for user in (owner, a1):
            assert user.get("/api/user/groups").json()["data"] == []
            assert user.im("GET", "/group/user_joined").json()["data"] == []
            assert all(s["list"] == [] for s in user.get("/api/groups", params={"type": "group"}).json()["data"])
        assert_community_error(owner.get("/api/members", params={"group_id": group["id"]}), 404)
        assert_community_error(owner.patch(f"/api/groups/{group['id']}", {"name": "x"}), 404)
        assert_community_error(delete(owner, f"/api/groups/{group['groupid']}"), 404)

    @pytest.mark.parametrize("who", [2, 4])  # an admin, a member
    def test_only_the_owner_dismisses(self, api, ranked, who):
        group = ranked[0]
        assert_community_error(delete(ranked[who], f"/api/groups/{group['id']}"), 403)
        assert community_view(ranked[1], group["groupid"])["member_count"] == 5

    def test_an_admin_token_acting_for_the_group_dismisses(self, api, ranked):
        group = ranked[0]
        admin = api.user(admin=True)
        assert_community_ok(
            delete(admin, f"/api/groups/{group['id']}", headers={"group_id": group["groupid"]}), doc.DISMISS_GROUP, doc.DISMISS_MSG
        )
        assert_community_error(ranked[1].get(f"/api/groups/{group['groupid']}"), 404)

    def test_a_community_releases_its_groups(self, api):
        owner, other = api.user(), api.user()
        community = api.community_group(owner, kind="community")
        inside = api.community_group(other)
        put_in_community(api, community["id"], inside["id"])
        assert community_view(other, api.groupid_of(other, inside["id"]))["comm_id"] == community["id"]
        assert_community_ok(delete(owner, f"/api/groups/{community['id']}"), doc.DISMISS_GROUP, doc.DISMISS_MSG)
        assert community_view(other, api.groupid_of(other, inside["id"]))["comm_id"] == 0

    def test_a_group_inside_a_community_is_uncounted_there(self, api):
        owner = api.user()
        community = api.community_group(owner, kind="community")
        first, second = api.community_group(owner), api.community_group(owner)
        put_in_community(api, community["id"], first["id"], second["id"])
        groupid = api.groupid_of(owner, community["id"])
        assert community_view(owner, groupid)["group_count"] == 2
        assert delete(owner, f"/api/groups/{first['id']}").status_code == 200
        view = community_view(owner, groupid)
        assert view["group_count"] == 1 and [g["id"] for g in view["groups"]] == [second["id"]]

    def test_unknown_other_apps_and_wrong_typed_ids(self, api, ranked):
        owner = ranked[1]
        assert_community_error(delete(owner, "/api/groups/98765432"), 404)
        theirs = api.community_group(api.user(app="acme"))
        assert_community_error(delete(owner, f"/api/groups/{theirs['id']}"), 404)
        assert_community_error(delete(owner, "/api/groups/abc"), 400)

    def test_needs_a_token(self, api):
        assert_community_error(api.request("DELETE", "/api/groups/1"), 401)


class TestQuitCommunity:
    @pytest.fixture
    def hub(self, api):
        """A community (owner, admin) holding two groups of other owners."""
        owner, admin, first_owner, second_owner = (api.user() for _ in range(4))
        community = api.community_group(owner, [admin], kind="community")
        make_admins(api, community["id"], admin)
        first, second = api.community_group(first_owner), api.community_group(second_owner)
        put_in_community(api, community["id"], first["id"], second["id"])
        community["groupid"] = api.groupid_of(owner, community["id"])
        return community, owner, admin, (first, first_owner), (second, second_owner)

    @pytest.mark.parametrize("who", [1, 2])  # the community's owner, its admin
    def test_community_managers_take_groups_out(self, api, hub, who):
        community, *_, (first, _), (second, _) = hub
        reply = delete(hub[who], f"/api/groups/{community['id']}/quit", {"groups": [first["id"], second["id"]]})
        assert_community_ok(reply, doc.QUIT_COMMUNITY, doc.QUIT_MSG)
        view = community_view(hub[1], community["groupid"])
        assert (view["group_count"], view["groups"]) == (0, [])

    def test_a_group_owner_takes_their_own_group_out(self, api, hub):
        community, owner, _, (first, first_owner), (second, _) = hub
        assert_community_error(
            delete(first_owner, f"/api/groups/{community['id']}/quit", {"groups": [first["id"], second["id"]]}), 403
        )
        reply = delete(first_owner, f"/api/groups/{community['groupid']}/quit", {"groups": [first["id"]]})
        assert_community_ok(reply, doc.QUIT_COMMUNITY, doc.QUIT_MSG)
        view = community_view(owner, community["groupid"])
        assert view["group_count"] == 1 and [g["id"] for g in view["groups"]] == [second["id"]]
        assert community_view(first_owner, api.groupid_of(first_owner, first["id"]))["comm_id"] == 0

    def test_groups_not_in_the_community_refuse_the_whole_call(self, api, hub):
        community, owner, _, (first, _), _ = hub
        outside = api.community_group(owner)
        reply = delete(owner, f"/api/groups/{community['id']}/quit", {"groups": [first["id"], outside["id"]]})
        assert_community_error(reply, 400)
        assert community_view(owner, community["groupid"])["group_count"] == 2

    def test_the_id_must_be_a_community(self, api, hub):
        _, owner, _, (first, first_owner), _ = hub
        assert_community_error(delete(first_owner, f"/api/groups/{first['id']}/quit", {"groups": [first["id"]]}), 400)

    def test_outsiders_are_403_unknown_and_other_apps_are_404(self, api, hub):
        community, owner, _, (first, _), _ = hub
        assert_community_error(delete(api.user(), f"/api/groups/{community['id']}/quit", {"groups": [first["id"]]}), 403)
        assert_community_error(delete(owner, "/api/groups/98765432/quit", {"groups": [first["id"]]}), 404)
        assert_community_error(delete(owner, f"/api/groups/{community['id']}/quit", {"groups": [98_765_432]}), 404)
        assert_community_error(delete(api.user(app="acme"), f"/api/groups/{community['id']}/quit", {"groups": [first["id"]]}), 404)

    @pytest.mark.parametrize("body", [{}, {"groups": []}, {"groups": "1,2"}, {"groups": ["x"]}])
    def test_missing_or_wrong_typed_groups_are_400(self, api, hub, body):
        assert_community_error(delete(hub[1], f"/api/groups/{hub[0]['id']}/quit", body), 400)

    def test_needs_a_token(self, api):
        assert_community_error(api.request("DELETE", "/api/groups/1/quit", json={"groups": [1]}), 401)
