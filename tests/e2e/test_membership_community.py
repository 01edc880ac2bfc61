"""Community dialect (document 000), the ways into a group: inviting friends, applying to a
group or (with one's own groups) to a community, and auditing applications by read_id."""

import pytest

from tests.e2e.test_community_groups import assert_community_error
from tests.e2e.test_membership_race import filled_group
from tests.support.documented import NULL_DATA
from tests.support.shapes import assert_shape

UNKNOWN_ID = 999_999_999


def ok(reply, msg):
    assert reply.status_code == 200, reply.text
    assert_shape(reply.json(), NULL_DATA)
    assert reply.json() == {"msg": msg, "code": 0, "data": None}


def members(user, group_pk) -> list[tuple[int, int]]:
    return [(m["user_id"], m["role"]) for m in user.get("/api/members", params={"group_id": group_pk}).json()["data"]]


def detail(user, group) -> dict:
    return user.get(f"/api/groups/{group['groupid']}").json()["data"]


def invite(user, group, friends):
    return user.post("/api/invite/group", {"group_id": group["id"], "friends": [f.id for f in friends]})


def join(user, group, **body):
    return user.post(f"/api/groups/{group['id']}/join", body)


def audit(user, read_id, status=1, **body):
    return user.post("/api/group/join/audit", {"status": status, "read_id": read_id, **body})


def im_settings(owner, group, path, body):
    reply = owner.im("PUT", f"/group/settings/{path}", {"group_id": int(group["groupid"]), **body})
    assert reply.status_code == 200, reply.text


def pending(owner, group) -> list[dict]:
    return owner.im("POST", "/group/application_list", {"group_list": [int(group["groupid"])]}).json()["data"]


@pytest.fixture
def group_of(api):
    """A community-dialect group of owner and members, with its groupid."""

    def make(owner, group_members=(), kind="group"):
        group = api.community_group(owner, group_members, kind=kind)
        group["groupid"] = api.groupid_of(owner, group["id"])
        return group

    return make


class TestInviteFriends:
    def test_friends_join_at_once_and_members_are_skipped(self, api, group_of):
        owner, member, a, b = api.user(), api.user(), api.user(), api.user()
        group = group_of(owner, [member])
        ok(invite(owner, group, [a, member, b, a]), "邀请加入成功")
        assert members(owner, group["id"]) == [(owner.id, 2), (member.id, 0), (a.id, 0), (b.id, 0)]
        assert detail(owner, group)["member_count"] == 4
        im = owner.im("GET", "/group/info", params={"group_id": int(group["groupid"])}).json()["data"]
        assert im["count"] == 4

    def test_members_invite_only_while_member_invite_is_on(self, api, group_of):
        owner, member, friend = api.user(), api.user(), api.user()
        group = group_of(owner, [member])
        assert_community_error(invite(member, group, [friend]), 403)
        assert_community_error(invite(api.user(), group, [friend]), 403)
        im_settings(owner, group, "allow_member_invitation", {"value": True})
        ok(invite(member, group, [friend]), "邀请加入成功")
        assert (friend.id, 0) in members(owner, group["id"])

    def test_admins_invite_whatever_member_invite_says(self, api, group_of):
        owner, admin, friend = api.user(), api.user(), api.user()
        group = group_of(owner, [admin])
        reply = owner.im("POST", "/group/admin/add", {"group_id": int(group["groupid"]), "user_list": [admin.id]})
        assert reply.status_code == 200, reply.text
        ok(invite(admin, group, [friend]), "邀请加入成功")
        assert members(owner, group["id"]) == [(owner.id, 2), (admin.id, 1), (friend.id, 0)]

    def test_a_full_group_takes_nobody_from_an_oversized_invite(self, api):
        owner = api.user()
        group = filled_group(api, owner, free_places=1)
        assert_community_error(invite(owner, group, [api.user(), api.user()]), 409)
        assert detail(owner, group)["member_count"] == 499
        ok(invite(owner, group, [api.user()]), "邀请加入成功")
        assert detail(owner, group)["member_count"] == 500

    def test_blocked_users_refuse_the_whole_call_and_users_who_never_called_are_welcome(self, api, group_of):
        owner, friend, blocked, newcomer = api.user(), api.user(), api.user(), api.user(register=False)
        group = group_of(owner)
        owner.im("POST", "/group/block", {"group_id": int(group["groupid"]), "user_list": [blocked.id]})
        assert_community_error(invite(owner, group, [friend, blocked]), 409)
        assert members(owner, group["id"]) == [(owner.id, 2)]
        ok(invite(owner, group, [friend, newcomer]), "邀请加入成功")
        assert members(owner, group["id"]) == [(owner.id, 2), (friend.id, 0), (newcomer.id, 0)]

    def test_bad_fields_unknown_and_other_apps_groups(self, api, group_of):
        owner, friend = api.user(), api.user()
        group = group_of(owner)
        assert_community_error(owner.post("/api/invite/group", {"group_id": group["id"]}), 400)
        assert_community_error(owner.post("/api/invite/group", {"friends": [friend.id]}), 400)
        assert_community_error(owner.post("/api/invite/group", {"group_id": group["id"], "friends": ["x"]}), 400)
        assert_community_error(owner.post("/api/invite/group", {"group_id": UNKNOWN_ID, "friends": [friend.id]}), 404)
        stranger = api.user(app="acme")
        assert_community_error(invite(stranger, group, [stranger]), 404)

    def test_needs_a_token(self, api):
        assert_community_error(api.request("POST", "/api/invite/group", json={"group_id": 1, "friends": [1]}), 401)


class TestJoinGroup:
    def test_an_open_group_takes_the_applicant_at_once(self, api, group_of):
        owner, applicant = api.user(), api.user()
        group = group_of(owner)
        ok(join(applicant, group, **{"from": "search", "remark": "你好"}), "申请成功")
        assert members(owner, group["id"]) == [(owner.id, 2), (applicant.id, 0)]
        assert detail(applicant, group)["member"]["role"] == 0

    def test_the_groupid_works_as_the_path_id(self, api, group_of):
        owner, applicant = api.user(), api.user()
        group = group_of(owner)
        ok(applicant.post(f"/api/groups/{group['groupid']}/join", {}), "申请成功")
        assert (applicant.id, 0) in members(owner, group["id"])

    def test_an_approval_group_queues_an_application_the_owner_audits(self, api, group_of):
        owner, applicant = api.user(), api.user()
        group = group_of(owner)
        im_settings(owner, group, "require_admin_approval", {"apply_approval": 1})
        ok(join(applicant, group, remark="让我进"), "申请成功")
        assert members(owner, group["id"]) == [(owner.id, 2)]
        [application] = pending(owner, group)
        assert (application["applicant_id"], application["reason"], application["status"]) == (applicant.id, "让我进", 0)
        assert_community_error(join(applicant, group), 409)  # pending already
        ok(audit(owner, application["read_id"]), "申请成功")
        assert members(owner, group["id"]) == [(owner.id, 2), (applicant.id, 0)]
        assert_community_error(join(applicant, group), 409)  # a member now

    def test_a_group_refusing_applications_and_blocked_users_are_403(self, api, group_of):
        owner, blocked = api.user(), api.user()
        group = group_of(owner)
        owner.im("POST", "/group/block", {"group_id": int(group["groupid"]), "user_list": [blocked.id]})
        assert_community_error(join(blocked, group), 403)
        im_settings(owner, group, "require_admin_approval", {"apply_approval": 2})
        assert_community_error(join(api.user(), group), 403)

    def test_a_full_group_is_409(self, api):
        owner = api.user()
        group = filled_group(api, owner, free_places=0)
        assert_community_error(join(api.user(), group), 409)

    def test_unknown_and_other_apps_groups_and_bad_fields(self, api, group_of):
        owner = api.user()
        group = group_of(owner)
        assert_community_error(api.user().post(f"/api/groups/{UNKNOWN_ID}/join", {}), 404)
        assert_community_error(join(api.user(app="acme"), group), 404)
        assert_community_error(join(api.user(), group, remark=["x"]), 400)
        assert_community_error(api.user().post("/api/groups/abc/join", {}), 400)

    def test_needs_a_token(self, api):
        assert_community_error(api.request("POST", "/api/groups/1/join", json={}), 401)


class TestJoinCommunity:
    def test_owned_groups_apply_and_the_audit_lets_some_in(self, api, group_of):
        leader, applicant = api.user(), api.user()
        community = group_of(leader, kind="community")
        first, second, third = group_of(applicant), group_of(applicant), group_of(applicant)
        ok(join(applicant, community, group_ids=[first["id"], second["id"], third["id"]], remark="合并"), "申请成功")
        [application] = pending(leader, community)
        assert (application["applicant_id"], application["reason"]) == (applicant.id, "合并")
        ok(audit(leader, application["read_id"], group_ids=[first["id"], third["id"]]), "申请成功")
        data = detail(leader, community)
        assert data["group_count"] == 2
        assert sorted(g["id"] for g in data["groups"]) == [first["id"], third["id"]]
        assert detail(applicant, first)["comm_id"] == community["id"]
        assert detail(applicant, second)["comm_id"] == 0
        assert [a["status"] for a in pending(leader, community)] == [1]

    def test_groups_must_be_the_callers_own_and_free(self, api, group_of):
        leader, applicant = api.user(), api.user()
        community = group_of(leader, kind="community")
        others = group_of(api.user())
        assert_community_error(join(applicant, community), 400)  # group_ids required
        assert_community_error(join(applicant, community, group_ids=[others["id"]]), 403)
        assert_community_error(join(applicant, community, group_ids=[UNKNOWN_ID]), 404)
        assert_community_error(join(applicant, community, group_ids=[community["id"]]), 404)  # not a 社群
        mine = group_of(applicant)
        ok(join(applicant, community, group_ids=[mine["id"]]), "申请成功")
        assert_community_error(join(applicant, community, group_ids=[mine["id"]]), 409)  # pending already
        ok(audit(leader, pending(leader, community)[0]["read_id"], group_ids=[mine["id"]]), "申请成功")
        assert_community_error(join(applicant, group_of(leader, kind="community"), group_ids=[mine["id"]]), 409)

    def test_the_audit_takes_only_applying_groups_and_needs_them_to_approve(self, api, group_of):
        leader, applicant = api.user(), api.user()
        community = group_of(leader, kind="community")
        mine, spare = group_of(applicant), group_of(applicant)
        ok(join(applicant, community, group_ids=[mine["id"]]), "申请成功")
        read_id = pending(leader, community)[0]["read_id"]
        assert_community_error(audit(leader, read_id), 400)
        assert_community_error(audit(leader, read_id, group_ids=[spare["id"]]), 400)
        ok(audit(leader, read_id, status=2), "申请成功")
        assert detail(leader, community)["group_count"] == 0 and detail(applicant, mine)["comm_id"] == 0


class TestAudit:
    @pytest.fixture
    def queued(self, api, group_of):
        owner, member, applicant = api.user(), api.user(), api.user()
        group = group_of(owner, [member])
        im_settings(owner, group, "require_admin_approval", {"apply_approval": 1})
        join(applicant, group)
        return owner, member, applicant, group, pending(owner, group)[0]["read_id"]

    def test_rejecting_leaves_the_applicant_out_and_a_second_decision_is_409(self, api, queued):
        owner, _, applicant, group, read_id = queued
        ok(audit(owner, read_id, status=2), "申请成功")
        assert (applicant.id, 0) not in members(owner, group["id"])
        assert [a["status"] for a in pending(owner, group)] == [2]
        assert_community_error(audit(owner, read_id), 409)
        assert_community_error(audit(owner, read_id, status=2), 409)

    def test_only_owners_and_admins_audit(self, api, queued):
        owner, member, applicant, group, read_id = queued
        assert_community_error(audit(member, read_id), 403)
        assert_community_error(audit(applicant, read_id), 403)
        admin = api.user(admin=True)
        reply = api.request(
            "POST", "/api/group/join/audit", json={"status": 1, "read_id": read_id},
            headers={**admin.bearer, "group_id": group["groupid"]},
        )
        ok(reply, "申请成功")
        assert (applicant.id, 0) in members(owner, group["id"])

    def test_unknown_other_apps_and_bad_fields(self, api, queued):
        owner, _, _, _, read_id = queued
        assert_community_error(audit(owner, UNKNOWN_ID), 404)
        assert_community_error(audit(api.user(app="acme"), read_id), 404)
        assert_community_error(audit(owner, read_id, status=3), 400)
        assert_community_error(owner.post("/api/group/join/audit", {"status": 1}), 400)
        assert_community_error(owner.post("/api/group/join/audit", {"status": "x", "read_id": read_id}), 400)
        assert_community_error(api.request("POST", "/api/group/join/audit", json={"status": 1, "read_id": read_id}), 401)

    def test_approving_into_a_full_group_is_409(self, api):
        owner, applicant = api.user(), api.user()
        group = filled_group(api, owner, free_places=1)
        im_settings(owner, group, "require_admin_approval", {"apply_approval": 1})
        join(applicant, group)
        invite(owner, group, [api.user()])  # the last place
        assert_community_error(audit(owner, pending(owner, group)[0]["read_id"]), 409)
        assert detail(owner, group)["member_count"] == 500
        assert [a["status"] for a in pending(owner, group)] == [0]
