"""Moderation in the im dialect (document 003): admins, bans and mute-all, group settings,
info updates and the public list, with their effects seen in both dialects."""

import time

import pytest

from tests.support.assertions import assert_im_error, gid
from tests.support.documented import IM_BOOLEAN, IM_GROUP_INFO, IM_ID_LIST
from tests.support.documented_moderation import IM_BAN_ALL, IM_BANNED_PAGE, IM_MEMBERS, IM_USER_RESULTS
from tests.support.shapes import assert_shape

UNKNOWN_GROUP = 99_999_999_999_999


def outcomes(reply) -> list[tuple]:
    assert reply.status_code == 200, reply.text
    assert_shape(reply.json(), IM_USER_RESULTS)
    assert (reply.json()["code"], reply.json()["message"]) == (200, None)
    return [(r["user_id"], r["result"]) for r in reply.json()["data"]]


def admin_ids(user, group) -> list[int]:
    return [a["user_id"] for a in user.im("GET", "/group/admin_list", params={"group_id": gid(group)}).json()["data"]]


def info(user, group) -> dict:
    return user.im("GET", "/group/info", params={"group_id": gid(group)}).json()["data"]


def community_detail(user, group) -> dict:
    return user.get(f"/api/groups/{gid(group)}").json()["data"]


def banned(user, group, **params) -> dict:
    return user.im("GET", "/group/banned_list", params={"group_id": gid(group), **params}).json()


class TestAddAdmins:
    def test_each_user_succeeds_or_fails_alone_seen_in_both_dialects(self, api):
        owner, a, b = api.user(), api.user(), api.user()
        outsider, foreign = api.user(), api.user(app="acme")
        group = api.im_group(owner, [a, b])
        reply = owner.im("POST", "/group/admin/add", {"group_id": gid(group), "user_list": [a.id, outsider.id, owner.id, foreign.id]})
        assert outcomes(reply) == [(a.id, "success"), (outsider.id, "fail"), (owner.id, "fail"), (foreign.id, "fail")]
        assert reply.json()["data"][0]["reason"] is None and reply.json()["data"][1]["reason"]
        assert admin_ids(b, group) == [a.id]
        roles = {m["user_id"]: m["role"] for m in owner.get("/api/members", params={"group_id": gid(group)}).json()["data"]}
        assert roles == {owner.id: 2, a.id: 1, b.id: 0}

    def test_the_admin_limit_still_holds(self, api):
        owner, *members = [api.user() for _ in range(7)]
        group = api.im_group(owner, members)
        ids = [m.id for m in members]
        assert outcomes(owner.im("POST", "/group/admin/add", {"group_id": gid(group), "user_list": ids[:3]})) == [
            (i, "success") for i in ids[:3]
        ]
        reply = owner.im("POST", "/group/admin/add", {"group_id": gid(group), "user_list": ids[3:6]})
        assert outcomes(reply) == [(ids[3], "success"), (ids[4], "fail"), (ids[5], "fail")]
        assert "上限" in reply.json()["data"][1]["reason"]
        assert admin_ids(owner, group) == ids[:4]

    def test_only_the_owner_grants(self, api):
        owner, admin, member = api.user(), api.user(), api.user()
        group = api.im_group(owner, [admin, member])
        owner.im("POST", "/group/admin/add", {"group_id": gid(group), "user_list": [admin.id]})
        assert_im_error(admin.im("POST", "/group/admin/add", {"group_id": gid(group), "user_list": [member.id]}), 403)
        assert_im_error(member.im("POST", "/group/admin/add", {"group_id": gid(group), "user_list": [member.id]}), 403)
        assert admin_ids(owner, group) == [admin.id]

    def test_bad_input_unknown_groups_and_no_token(self, api):
        owner = api.user()
        group = api.im_group(owner)
        assert_im_error(owner.im("POST", "/group/admin/add", {"group_id": gid(group), "user_list": []}), 400)
        assert_im_error(owner.im("POST", "/group/admin/add", {"group_id": gid(group), "user_list": ["x"]}), 400)
        assert_im_error(owner.im("POST", "/group/admin/add", {"user_list": [owner.id]}), 400)
        assert_im_error(owner.im("POST", "/group/admin/add", {"group_id": UNKNOWN_GROUP, "user_list": [owner.id]}), 404)
        foreign = api.im_group(api.user(app="acme"))
        assert_im_error(owner.im("POST", "/group/admin/add", {"group_id": gid(foreign), "user_list": [owner.id]}), 404)
        no_token = api.request("POST", "/group/admin/add", headers={"app_id": "default"}, json={"group_id": gid(group), "user_list": [1]})
        assert_im_error(no_token, 401)


class TestRemoveAdmins:
    @pytest.mark.parametrize("method", ["DELETE", "POST"])
    def test_owner_demotes_by_either_method(self, api, method):
        owner, a, b, member = api.user(), api.user(), api.user(), api.user()
        group = api.im_group(owner, [a, b, member])
        owner.im("POST", "/group/admin/add", {"group_id": gid(group), "user_list": [a.id, b.id]})
        reply = owner.im(method, "/group/admin/remove", {"group_id": gid(group), "user_list": [a.id, member.id, owner.id, 1]})
        assert outcomes(reply) == [(a.id, "success"), (member.id, "success"), (owner.id, "fail"), (1, "fail")]
        assert admin_ids(owner, group) == [b.id]
        assert [m["user_id"] for m in owner.get("/api/members", params={"group_id": gid(group), "roles": "1"}).json()["data"]] == [b.id]

    def test_an_admin_cannot_demote_another(self, api):
        owner, a, b = api.user(), api.user(), api.user()
        group = api.im_group(owner, [a, b])
        owner.im("POST", "/group/admin/add", {"group_id": gid(group), "user_list": [a.id, b.id]})
        assert_im_error(a.im("POST", "/group/admin/remove", {"group_id": gid(group), "user_list": [b.id]}), 403)
        assert admin_ids(owner, group) == [a.id, b.id]

    def test_bad_input_and_no_token(self, api):
        owner = api.user()
        group = api.im_group(owner)
        assert_im_error(owner.im("DELETE", "/group/admin/remove", {"group_id": gid(group)}), 400)
        assert_im_error(owner.im("DELETE", "/group/admin/remove", {"group_id": UNKNOWN_GROUP, "user_list": [1]}), 404)
        assert_im_error(api.request("POST", "/group/admin/remove", headers={"app_id": "default"}, json={}), 401)


class TestAdminList:
    def test_lists_admins_not_the_owner_with_the_member_shape(self, api):
        owner, a, member = api.user(), api.user(), api.user()
        group = api.im_group(owner, [a, member])
        body = member.im("GET", "/group/admin_list", params={"group_id": gid(group)}).json()
        assert_shape(body, IM_MEMBERS)
        assert body["data"] == []
        owner.im("POST", "/group/admin/add", {"group_id": gid(group), "user_list": [a.id]})
        body = member.im("GET", "/group/admin_list", params={"group_id": gid(group)}).json()
        assert_shape(body, IM_MEMBERS)
        [item] = body["data"]
        assert (item["user_id"], item["display_name"], item["expired_time"]) == (a.id, "", 0)
        assert item["join_time"] > 1_600_000_000_000

    def test_members_only(self, api):
        group = api.im_group(api.user())
        user = api.user()
        assert_im_error(user.im("GET", "/group/admin_list", params={"group_id": gid(group)}), 403)
        assert_im_error(user.im("GET", "/group/admin_list", params={"group_id": UNKNOWN_GROUP}), 404)
        assert_im_error(user.im("GET", "/group/admin_list"), 400)
        assert_im_error(api.request("GET", "/group/admin_list", headers={"app_id": "default"}, params={"group_id": 1}), 401)


class TestBan:
    def test_a_ban_ends_duration_minutes_from_now_seen_in_both_dialects(self, api):
        owner, a, b = api.user(), api.user(), api.user()
        group = api.im_group(owner, [a, b])
        before = time.time() * 1000
        reply = owner.im("POST", "/group/ban", {"duration": 10, "group_id": gid(group), "user_list": [a.id]})
        after = time.time() * 1000
        assert outcomes(reply) == [(a.id, "success")]
        body = banned(owner, group)
        assert_shape(body, IM_BANNED_PAGE)
        [item] = body["data"]
        assert item["user_id"] == a.id and before + 600_000 <= item["expired_time"] <= after + 600_000
        assert (body["total"], body["cursor"], body["version"]) == (1, "", 0)
        members = owner.im("GET", "/group/member_list", params={"group_id": gid(group)}).json()["data"]
        assert {m["user_id"]: m["expired_time"] for m in members}[a.id] == item["expired_time"]
        assert community_detail(a, group)["silence_status"] == 2
        silenced = owner.get("/api/members", params={"group_id": gid(group), "action": "silence"}).json()["data"]
        assert [m["user_id"] for m in silenced] == [a.id]

    def test_minus_one_bans_until_lifted(self, api):
        owner, a = api.user(), api.user()
        group = api.im_group(owner, [a])
        reply = owner.im("POST", "/group/ban", {"duration": -1, "group_id": gid(group), "user_list": [a.id]})
        assert outcomes(reply) == [(a.id, "success")]
        assert [m["expired_time"] for m in banned(owner, group)["data"]] == [-1]

    @pytest.mark.parametrize("duration", [0, -2, 10**12, "x"])
    def test_other_durations_are_400(self, api, duration):
        owner, a = api.user(), api.user()
        group = api.im_group(owner, [a])
        assert_im_error(owner.im("POST", "/group/ban", {"duration": duration, "group_id": gid(group), "user_list": [a.id]}), 400)
        assert banned(owner, group)["data"] == []

    def test_rank_rules_per_user(self, api):
        owner, a1, a2, m = api.user(), api.user(), api.user(), api.user()
        group = api.im_group(owner, [a1, a2, m])
        owner.im("POST", "/group/admin/add", {"group_id": gid(group), "user_list": [a1.id, a2.id]})
        reply = a1.im("POST", "/group/ban", {"duration": 5, "group_id": gid(group), "user_list": [owner.id, a2.id, m.id, a1.id, 7]})
        assert outcomes(reply) == [(owner.id, "fail"), (a2.id, "fail"), (m.id, "success"), (a1.id, "fail"), (7, "fail")]
        assert [i["user_id"] for i in banned(owner, group)["data"]] == [m.id]
        assert_im_error(m.im("POST", "/group/ban", {"duration": 5, "group_id": gid(group), "user_list": [a1.id]}), 403)

    def test_unknown_groups_and_no_token(self, api):
        owner = api.user()
        assert_im_error(owner.im("POST", "/group/ban", {"duration": 5, "group_id": UNKNOWN_GROUP, "user_list": [1]}), 404)
        assert_im_error(api.request("POST", "/group/ban", headers={"app_id": "default"}, json={"duration": 5}), 401)


class TestUnban:
    def test_lifts_mutes_per_user(self, api):
        owner, a, b, admin = api.user(), api.user(), api.user(), api.user()
        group = api.im_group(owner, [a, b, admin])
        owner.im("POST", "/group/admin/add", {"group_id": gid(group), "user_list": [admin.id]})
        owner.im("POST", "/group/ban", {"duration": 60, "group_id": gid(group), "user_list": [a.id, b.id, admin.id]})
        reply = admin.im("POST", "/group/unban", {"group_id": gid(group), "user_list": [a.id, admin.id, api.user().id]})
        assert [r for _, r in outcomes(reply)] == ["success", "fail", "fail"]
        assert [i["user_id"] for i in banned(owner, group)["data"]] == [b.id, admin.id]
        assert community_detail(a, group)["silence_status"] == 0
        assert outcomes(owner.im("POST", "/group/unban", {"group_id": gid(group), "user_list": [b.id, a.id]})) == [
            (b.id, "success"), (a.id, "success")
        ]
        assert [i["user_id"] for i in banned(owner, group)["data"]] == [admin.id]

    def test_members_may_not_and_bad_input(self, api):
        owner, m = api.user(), api.user()
        group = api.im_group(owner, [m])
        assert_im_error(m.im("POST", "/group/unban", {"group_id": gid(group), "user_list": [m.id]}), 403)
        assert_im_error(owner.im("POST", "/group/unban", {"group_id": gid(group), "user_list": []}), 400)
        assert_im_error(owner.im("POST", "/group/unban", {"group_id": UNKNOWN_GROUP, "user_list": [m.id]}), 404)
        assert_im_error(api.request("POST", "/group/unban", headers={"app_id": "default"}, json={}), 401)


class TestBannedList:
    def test_pages_with_a_cursor(self, api):
        owner, *members = [api.user() for _ in range(5)]
        group = api.im_group(owner, members)
        owner.im("POST", "/group/ban", {"duration": 30, "group_id": gid(group), "user_list": [m.id for m in members[:3]]})
        first = banned(members[3], group, limit=2)
        assert_shape(first, IM_BANNED_PAGE)
        assert [i["user_id"] for i in first["data"]] == [members[0].id, members[1].id] and first["total"] == 3
        second = banned(members[3], group, limit=2, cursor=first["cursor"])
        assert [i["user_id"] for i in second["data"]] == [members[2].id] and second["cursor"] == ""

    @pytest.mark.parametrize("params", [{"limit": 1001}, {"limit": -1}, {"cursor": "garbage!"}])
    def test_bad_limits_and_cursors_are_400(self, api, params):
        owner = api.user()
        group = api.im_group(owner)
        assert_im_error(owner.im("GET", "/group/banned_list", params={"group_id": gid(group), **params}), 400)

    def test_members_only(self, api):
        group = api.im_group(api.user())
        assert_im_error(api.user().im("GET", "/group/banned_list", params={"group_id": gid(group)}), 403)
        assert_im_error(api.user().im("GET", "/group/banned_list", params={"group_id": UNKNOWN_GROUP}), 404)
        assert_im_error(api.request("GET", "/group/banned_list", headers={"app_id": "default"}, params={"group_id": 1}), 401)


class TestBanAll:
    def test_bans_everyone_for_minutes_seen_in_both_dialects(self, api):
        owner, m = api.user(), api.user()
        group = api.im_group(owner, [m])
        before = int(time.time())
        reply = owner.im("POST", "/group/settings/ban_all", {"duration": 5, "group_id": gid(group)})
        assert reply.status_code == 200, reply.text
        assert_shape(reply.json(), IM_BAN_ALL)
        expires = reply.json()["data"]["ban_expire_time"]
        assert before + 300 <= expires <= int(time.time()) + 300
        assert info(m, group)["ban_expire_time"] == expires
        detail = community_detail(m, group)
        assert (detail["saymsg"], detail["silence_status"]) == (1, 1)
        reply = owner.im("POST", "/group/settings/unban_all", {"group_id": gid(group)})
        assert_shape(reply.json(), IM_BOOLEAN)
        assert reply.json() == {"code": 200, "data": True, "message": None}
        assert info(m, group)["ban_expire_time"] == 0
        assert community_detail(m, group)["saymsg"] == 0

    def test_minus_one_is_permanent(self, api):
        owner = api.user()
        group = api.im_group(owner)
        reply = owner.im("POST", "/group/settings/ban_all", {"duration": -1, "group_id": gid(group)})
        assert reply.json()["data"] == {"ban_expire_time": -1}
        assert info(owner, group)["ban_expire_time"] == -1

    def test_admins_only_and_bad_input(self, api):
        owner, admin, m = api.user(), api.user(), api.user()
        group = api.im_group(owner, [admin, m])
        owner.im("POST", "/group/admin/add", {"group_id": gid(group), "user_list": [admin.id]})
        assert admin.im("POST", "/group/settings/ban_all", {"duration": 1, "group_id": gid(group)}).status_code == 200
        assert_im_error(m.im("POST", "/group/settings/unban_all", {"group_id": gid(group)}), 403)
        assert_im_error(m.im("POST", "/group/settings/ban_all", {"duration": 1, "group_id": gid(group)}), 403)
        assert info(m, group)["ban_expire_time"] > 0
        assert_im_error(owner.im("POST", "/group/settings/ban_all", {"duration": 0, "group_id": gid(group)}), 400)
        assert_im_error(owner.im("POST", "/group/settings/ban_all", {"duration": 1}), 400)
        assert_im_error(owner.im("POST", "/group/settings/unban_all", {"group_id": UNKNOWN_GROUP}), 404)
        assert_im_error(api.request("POST", "/group/settings/ban_all", headers={"app_id": "default"}, json={}), 401)


class TestSettings:
    def test_shows_the_group_info_shape(self, api):
        owner = api.user()
        group = api.im_group(owner, name="设置")
        body = api.user().im("GET", "/group/settings", params={"group_id": gid(group)}).json()
        assert_shape(body, IM_GROUP_INFO)
        assert body["data"] == info(owner, group)
        assert (body["data"]["name"], body["data"]["apply_approval"], body["data"]["history_visible"]) == ("设置", 0, True)

    def test_unknown_missing_and_other_apps_groups(self, api):
        user = api.user()
        assert_im_error(user.im("GET", "/group/settings", params={"group_id": UNKNOWN_GROUP}), 404)
        assert_im_error(user.im("GET", "/group/settings"), 400)
        assert_im_error(user.im("GET", "/group/settings", params={"group_id": gid(api.im_group(api.user(app="acme")))}), 404)
        assert_im_error(api.request("GET", "/group/settings", headers={"app_id": "default"}, params={"group_id": 1}), 401)

    @pytest.mark.parametrize("method", ["PUT", "POST"])
    @pytest.mark.parametrize(
        "path,key",
        [
            ("allow_member_invitation", "member_invite"), ("allow_member_modify", "member_modify"),
            ("enable_read_ack", "read_ack"), ("history_visible", "history_visible"),
            ("hide_member_info", "hide_member_info"),
        ],
    )
    def test_boolean_settings_by_either_method(self, api, method, path, key):
        owner, m = api.user(), api.user()
        group = api.im_group(owner, [m])
        initial = info(owner, group)[key]
        reply = owner.im(method, f"/group/settings/{path}", {"group_id": gid(group), "value": not initial})
        assert reply.status_code == 200, reply.text
        assert_shape(reply.json(), IM_BOOLEAN)
        assert reply.json() == {"code": 200, "data": True, "message": None}
        assert info(m, group)[key] is (not initial)
        assert m.im("GET", "/group/settings", params={"group_id": gid(group)}).json()["data"][key] is (not initial)
        assert_im_error(m.im(method, f"/group/settings/{path}", {"group_id": gid(group), "value": initial}), 403)
        assert_im_error(owner.im(method, f"/group/settings/{path}", {"group_id": gid(group)}), 400)
        assert_im_error(owner.im(method, f"/group/settings/{path}", {"group_id": gid(group), "value": "maybe"}), 400)
        assert_im_error(owner.im(method, f"/group/settings/{path}", {"group_id": UNKNOWN_GROUP, "value": True}), 404)
        assert info(m, group)[key] is (not initial)

    @pytest.mark.parametrize("method", ["PUT", "POST"])
    def test_apply_approval_seen_in_the_manage_tree(self, api, method):
        owner, admin, m = api.user(), api.user(), api.user()
        group = api.im_group(owner, [admin, m])
        owner.im("POST", "/group/admin/add", {"group_id": gid(group), "user_list": [admin.id]})
        reply = admin.im(method, "/group/settings/require_admin_approval", {"apply_approval": 2, "group_id": gid(group)})
        assert reply.json() == {"code": 200, "data": True, "message": None}
        assert info(m, group)["apply_approval"] == 2
        tree = m.get("/group/manage/1", params={"group_id": gid(group)}).json()["data"]
        assert [o["id"] for o in tree if o["checked"]] == [5]
        assert_im_error(m.im(method, "/group/settings/require_admin_approval", {"apply_approval": 0, "group_id": gid(group)}), 403)
        for bad in ({"apply_approval": 3}, {"apply_approval": -1}, {}, {"apply_approval": "x"}):
            assert_im_error(owner.im(method, "/group/settings/require_admin_approval", {**bad, "group_id": gid(group)}), 400)
        assert info(m, group)["apply_approval"] == 2

    def test_needs_a_token(self, api):
        reply = api.request("PUT", "/group/settings/enable_read_ack", headers={"app_id": "default"}, json={"group_id": 1, "value": True})
        assert_im_error(reply, 401)


class TestInfoUpdates:
    @pytest.mark.parametrize("method", ["PUT", "POST"])
    @pytest.mark.parametrize(
        "field,key,community_key", [("avatar", "avatar", "avatar"), ("description", "description", "describe"), ("ext", "ext", None)]
    )
    def test_owner_updates_seen_in_both_dialects(self, api, method, field, key, community_key):
        owner = api.user()
        group = api.im_group(owner)
        reply = owner.im(method, f"/group/info/{field}", {"group_id": gid(group), "value": f"{field}-新"})
        assert reply.status_code == 200, reply.text
        assert_shape(reply.json(), IM_BOOLEAN)
        assert reply.json() == {"code": 200, "data": True, "message": None}
        assert info(owner, group)[key] == f"{field}-新"
        if community_key:
            assert community_detail(owner, group)[community_key] == f"{field}-新"
        assert owner.im(method, f"/group/info/{field}", {"group_id": gid(group), "value": ""}).status_code == 200
        assert info(owner, group)[key] == ""
        if community_key:
            assert community_detail(owner, group)[community_key] is None

    def test_members_need_member_modify(self, api):
        owner, m = api.user(), api.user()
        group = api.im_group(owner, [m])
        assert_im_error(m.im("PUT", "/group/info/description", {"group_id": gid(group), "value": "x"}), 403)
        assert_im_error(api.user().im("PUT", "/group/info/avatar", {"group_id": gid(group), "value": "x"}), 403)
        owner.im("PUT", "/group/settings/allow_member_modify", {"group_id": gid(group), "value": True})
        assert m.im("POST", "/group/info/description", {"group_id": gid(group), "value": "成员改的"}).status_code == 200
        assert info(owner, group)["description"] == "成员改的"

    def test_bad_input_unknown_groups_and_no_token(self, api):
        owner = api.user()
        group = api.im_group(owner)
        assert_im_error(owner.im("PUT", "/group/info/ext", {"group_id": gid(group)}), 400)
        assert_im_error(owner.im("PUT", "/group/info/avatar", {"group_id": gid(group), "value": "x" * 513}), 400)
        assert_im_error(owner.im("PUT", "/group/info/description", {"group_id": gid(group), "value": 5}), 400)
        assert_im_error(owner.im("PUT", "/group/info/ext", {"group_id": UNKNOWN_GROUP, "value": "x"}), 404)
        assert_im_error(api.request("PUT", "/group/info/avatar", headers={"app_id": "default"}, json={"value": "x"}), 401)


class TestPublicList:
    def test_lists_groups_searchable_by_keyword(self, api):
        owner = api.user(app="public-list")
        shown, hidden = api.im_group(owner), api.im_group(owner)
        api.im_group(api.user(app="public-list-other"))
        assert owner.post("/api/group/manage/9", {"group_id": gid(hidden), "pid": 2}).status_code == 200
        body = owner.im("GET", "/group/public_list").json()
        assert_shape(body, IM_ID_LIST)
        assert gid(shown) in body["data"] and gid(hidden) not in body["data"]
        assert all(isinstance(i, int) for i in body["data"])

    def test_needs_a_token(self, api):
        assert_im_error(api.request("GET", "/group/public_list", headers={"app_id": "default"}), 401)


class TestAppAdminActingForAGroup:
    def test_counts_as_an_admin_bans_but_does_not_grant(self, api):
        owner, m = api.user(), api.user()
        group = api.im_group(owner, [m])
        admin = api.user(admin=True)
        as_group_admin = {"group_id": str(gid(group))}
        ban = {"duration": 5, "group_id": gid(group), "user_list": [m.id, owner.id]}
        reply = admin.im("POST", "/group/ban", ban, headers=as_group_admin)
        assert outcomes(reply) == [(m.id, "success"), (owner.id, "fail")]
        assert_im_error(admin.im("POST", "/group/admin/add", {"group_id": gid(group), "user_list": [m.id]}, headers=as_group_admin), 403)
        assert_im_error(admin.im("POST", "/group/ban", {"duration": 5, "group_id": gid(group), "user_list": [m.id]}), 403)
