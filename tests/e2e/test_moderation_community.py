"""Moderation in the community dialect (document 000): admins, mute-all and member
silence, and the group management tree, with their effects seen in both dialects."""

import pytest

from tests.support.assertions import assert_community_error
from tests.support.documented import NULL_DATA
from tests.support.documented_moderation import MANAGE_ITEMS, MANAGE_OPTIONS
from tests.support.shapes import assert_shape


def assert_done(reply, msg):
    assert reply.status_code == 200, reply.text
    assert_shape(reply.json(), NULL_DATA)
    assert reply.json() == {"msg": msg, "code": 0, "data": None}


def delete(user, path, json=None, **kw):
    return user.api.request("DELETE", path, headers=user.bearer, json=json, **kw)


def admin_ids(owner, group) -> list[int]:
    members = owner.get("/api/members", params={"group_id": group["id"], "roles": "1"}).json()["data"]
    return [m["user_id"] for m in members]


def im_admin_ids(user, group_id) -> list[int]:
    return [a["user_id"] for a in user.im("GET", "/group/admin_list", params={"group_id": group_id}).json()["data"]]


class TestAddAdmins:
    def test_owner_makes_members_admins_seen_in_both_dialects(self, api):
        owner, a, b, c = api.user(), api.user(), api.user(), api.user()
        group = api.community_group(owner, [a, b, c])
        assert_done(owner.post("/api/groups/admins", {"group_id": group["id"], "users": [a.id, b.id]}), "设置成功")
        assert admin_ids(owner, group) == [a.id, b.id]
        groupid = int(api.groupid_of(owner, group["id"]))
        assert im_admin_ids(c, groupid) == [a.id, b.id]

    def test_an_admin_stays_an_admin_and_the_im_groupid_works_too(self, api):
        owner, a = api.user(), api.user()
        group = api.community_group(owner, [a])
        groupid = int(api.groupid_of(owner, group["id"]))
        assert_done(owner.post("/api/groups/admins", {"group_id": groupid, "users": [a.id]}), "设置成功")
        assert_done(owner.post("/api/groups/admins", {"group_id": group["id"], "users": [a.id]}), "设置成功")
        assert admin_ids(owner, group) == [a.id]

    def test_a_fifth_admin_of_a_level_1_group_is_refused_whole(self, api):
        owner, *members = [api.user() for _ in range(7)]
        group = api.community_group(owner, members)
        assert group["maxadmins"] == 4
        first = [m.id for m in members[:3]]
        assert_done(owner.post("/api/groups/admins", {"group_id": group["id"], "users": first}), "设置成功")
        # Two more would make five: neither is applied.
        reply = owner.post("/api/groups/admins", {"group_id": group["id"], "users": [members[3].id, members[4].id]})
        assert_community_error(reply, 409)
        assert admin_ids(owner, group) == first
        assert_done(owner.post("/api/groups/admins", {"group_id": group["id"], "users": [members[3].id]}), "设置成功")
        assert_community_error(owner.post("/api/groups/admins", {"group_id": group["id"], "users": [members[4].id]}), 409)
        assert len(admin_ids(owner, group)) == 4

    def test_only_the_owner_grants(self, api):
        owner, admin, member = api.user(), api.user(), api.user()
        group = api.community_group(owner, [admin, member])
        owner.post("/api/groups/admins", {"group_id": group["id"], "users": [admin.id]})
        assert_community_error(admin.post("/api/groups/admins", {"group_id": group["id"], "users": [member.id]}), 403)
        assert_community_error(member.post("/api/groups/admins", {"group_id": group["id"], "users": [member.id]}), 403)
        assert_community_error(api.user().post("/api/groups/admins", {"group_id": group["id"], "users": [member.id]}), 403)
        assert admin_ids(owner, group) == [admin.id]

    def test_targets_must_be_members_all_or_none(self, api):
        owner, member, outsider = api.user(), api.user(), api.user()
        group = api.community_group(owner, [member])
        reply = owner.post("/api/groups/admins", {"group_id": group["id"], "users": [member.id, outsider.id]})
        assert_community_error(reply, 404)
        other_app = api.user(app="acme")
        assert_community_error(owner.post("/api/groups/admins", {"group_id": group["id"], "users": [other_app.id]}), 404)
        assert admin_ids(owner, group) == []

    def test_the_owner_cannot_be_made_an_admin(self, api):
        owner = api.user()
        group = api.community_group(owner)
        assert_community_error(owner.post("/api/groups/admins", {"group_id": group["id"], "users": [owner.id]}), 400)

    @pytest.mark.parametrize(
        "body", [{"users": [1]}, {"group_id": "GROUP"}, {"group_id": "GROUP", "users": []},
                 {"group_id": "GROUP", "users": "1,2"}, {"group_id": "GROUP", "users": ["x"]}, {"group_id": "x", "users": [1]}],
    )
    def test_missing_or_wrong_typed_fields_are_400(self, api, body):
        owner = api.user()
        group = api.community_group(owner)
        body = {k: (group["id"] if v == "GROUP" else v) for k, v in body.items()}
        assert_community_error(owner.post("/api/groups/admins", body), 400)

    def test_unknown_or_other_apps_groups_are_404(self, api):
        owner = api.user()
        assert_community_error(owner.post("/api/groups/admins", {"group_id": 99_999_999_999_999, "users": [owner.id]}), 404)
        foreign = api.community_group(api.user(app="acme"))
        assert_community_error(owner.post("/api/groups/admins", {"group_id": foreign["id"], "users": [owner.id]}), 404)

    def test_needs_a_token(self, api):
        assert_community_error(api.request("POST", "/api/groups/admins", json={"group_id": 1, "users": [1]}), 401)


class TestRemoveAdmin:
    def test_owner_revokes_by_body_or_query(self, api):
        owner, a, b = api.user(), api.user(), api.user()
        group = api.community_group(owner, [a, b])
        owner.post("/api/groups/admins", {"group_id": group["id"], "users": [a.id, b.id]})
        assert_done(delete(owner, "/api/groups/admins", {"group_id": group["id"], "user_id": a.id}), "取消成功")
        assert admin_ids(owner, group) == [b.id]
        assert_done(delete(owner, "/api/groups/admins", params={"group_id": group["id"], "user_id": b.id}), "取消成功")
        assert admin_ids(owner, group) == []
        groupid = int(api.groupid_of(owner, group["id"]))
        assert im_admin_ids(owner, groupid) == []

    def test_an_admin_cannot_demote_another_admin(self, api):
        owner, a, b = api.user(), api.user(), api.user()
        group = api.community_group(owner, [a, b])
        owner.post("/api/groups/admins", {"group_id": group["id"], "users": [a.id, b.id]})
        assert_community_error(delete(a, "/api/groups/admins", {"group_id": group["id"], "user_id": b.id}), 403)
        assert_community_error(delete(a, "/api/groups/admins", {"group_id": group["id"], "user_id": owner.id}), 403)
        assert admin_ids(owner, group) == [a.id, b.id]

    def test_targets_must_be_members_other_than_the_owner(self, api):
        owner = api.user()
        group = api.community_group(owner)
        assert_community_error(delete(owner, "/api/groups/admins", {"group_id": group["id"], "user_id": api.user().id}), 404)
        assert_community_error(delete(owner, "/api/groups/admins", {"group_id": group["id"], "user_id": owner.id}), 400)
        assert_community_error(delete(owner, "/api/groups/admins", {"group_id": group["id"]}), 400)
        assert_community_error(delete(owner, "/api/groups/admins", {"group_id": group["id"], "user_id": "x"}), 400)
        assert_community_error(delete(owner, "/api/groups/admins", {"group_id": 99_999_999_999_999, "user_id": owner.id}), 404)

    def test_needs_a_token(self, api):
        assert_community_error(api.request("DELETE", "/api/groups/admins", json={"group_id": 1, "user_id": 1}), 401)


def detail(user, owner, group):
    """The group detail as user sees it, and the group's IM id."""
    groupid = user.api.groupid_of(owner, group["id"])
    return user.get(f"/api/groups/{groupid}").json()["data"], int(groupid)


class TestMuteAll:
    def test_toggles_on_and_off_seen_in_both_dialects(self, api):
        owner, member = api.user(), api.user()
        group = api.community_group(owner, [member])
        assert_done(owner.post(f"/api/group/total/silence/{group['id']}"), "")
        data, groupid = detail(member, owner, group)
        assert (data["saymsg"], data["silence_status"]) == (1, 1)
        assert detail(owner, owner, group)[0]["silence_status"] == 0  # the owner still speaks
        assert member.im("GET", "/group/info", params={"group_id": groupid}).json()["data"]["ban_expire_time"] == -1
        assert_done(owner.post(f"/api/group/total/silence/{groupid}", {}), "")
        data, _ = detail(member, owner, group)
        assert (data["saymsg"], data["silence_status"]) == (0, 0)
        assert member.im("GET", "/group/info", params={"group_id": groupid}).json()["data"]["ban_expire_time"] == 0

    def test_admins_may_members_and_outsiders_may_not(self, api):
        owner, admin, member = api.user(), api.user(), api.user()
        group = api.community_group(owner, [admin, member])
        owner.post("/api/groups/admins", {"group_id": group["id"], "users": [admin.id]})
        assert_done(admin.post(f"/api/group/total/silence/{group['id']}"), "")
        assert_community_error(member.post(f"/api/group/total/silence/{group['id']}"), 403)
        assert_community_error(api.user().post(f"/api/group/total/silence/{group['id']}"), 403)
        assert detail(member, owner, group)[0]["saymsg"] == 1

    def test_unknown_groups_bad_ids_and_no_token(self, api):
        owner = api.user()
        assert_community_error(owner.post("/api/group/total/silence/99999999999999"), 404)
        assert_community_error(owner.post("/api/group/total/silence/abc"), 400)
        foreign = api.community_group(api.user(app="acme"))
        assert_community_error(owner.post(f"/api/group/total/silence/{foreign['id']}"), 404)
        assert_community_error(api.request("POST", "/api/group/total/silence/1"), 401)


def silenced_ids(user, group) -> list[int]:
    reply = user.get("/api/members", params={"group_id": group["id"], "action": "silence"})
    return [m["user_id"] for m in reply.json()["data"]]


class TestSilenceMembers:
    def test_owner_silences_members_until_lifted_seen_in_both_dialects(self, api):
        owner, a, b, c = api.user(), api.user(), api.user(), api.user()
        group = api.community_group(owner, [a, b, c])
        assert_done(owner.post(f"/api/group/part/silence/{group['id']}", {"user_ids": [a.id, b.id]}), "")
        assert silenced_ids(owner, group) == [a.id, b.id]
        data, groupid = detail(a, owner, group)
        assert (data["saymsg"], data["silence_status"]) == (0, 2)
        assert detail(c, owner, group)[0]["silence_status"] == 0
        unsilenced = owner.get("/api/members", params={"group_id": group["id"], "action": "unsilence", "manager": 2}).json()["data"]
        assert [m["user_id"] for m in unsilenced] == [c.id]
        banned = owner.im("GET", "/group/banned_list", params={"group_id": groupid}).json()["data"]
        assert [(m["user_id"], m["expired_time"]) for m in banned] == [(a.id, -1), (b.id, -1)]

    def test_lifting_one_member(self, api):
        owner, a, b = api.user(), api.user(), api.user()
        group = api.community_group(owner, [a, b])
        owner.post(f"/api/group/part/silence/{group['id']}", {"user_ids": [a.id, b.id]})
        assert_done(delete(owner, f"/api/group/part/silence/{group['id']}", {"user_id": a.id}), "")
        assert silenced_ids(owner, group) == [b.id]
        assert detail(a, owner, group)[0]["silence_status"] == 0
        assert_done(delete(owner, f"/api/group/part/silence/{group['id']}", params={"user_id": b.id}), "")
        assert silenced_ids(owner, group) == []

    def test_rank_rules_all_or_none(self, api):
        owner, a1, a2, m = api.user(), api.user(), api.user(), api.user()
        group = api.community_group(owner, [a1, a2, m])
        owner.post("/api/groups/admins", {"group_id": group["id"], "users": [a1.id, a2.id]})
        path = f"/api/group/part/silence/{group['id']}"
        assert_community_error(a1.post(path, {"user_ids": [m.id, owner.id]}), 403)
        assert_community_error(a1.post(path, {"user_ids": [m.id, a2.id]}), 403)
        assert_community_error(a1.post(path, {"user_ids": [a1.id]}), 403)
        assert_community_error(m.post(path, {"user_ids": [m.id]}), 403)
        assert silenced_ids(owner, group) == []
        assert_done(a1.post(path, {"user_ids": [m.id]}), "")
        assert_done(owner.post(path, {"user_ids": [a2.id]}), "")
        assert_community_error(delete(a1, path, {"user_id": a2.id}), 403)  # the owner's mute of an admin
        assert silenced_ids(owner, group) == [a2.id, m.id]

    def test_targets_must_be_members(self, api):
        owner, member = api.user(), api.user()
        group = api.community_group(owner, [member])
        path = f"/api/group/part/silence/{group['id']}"
        assert_community_error(owner.post(path, {"user_ids": [member.id, api.user().id]}), 404)
        assert_community_error(owner.post(path, {"user_ids": [api.user(app="acme").id]}), 404)
        assert_community_error(delete(owner, path, {"user_id": api.user().id}), 404)
        assert silenced_ids(owner, group) == []

    @pytest.mark.parametrize("body", [{}, {"user_ids": []}, {"user_ids": "1,2"}, {"user_ids": ["x"]}])
    def test_bad_user_ids_are_400(self, api, body):
        owner = api.user()
        group = api.community_group(owner)
        assert_community_error(owner.post(f"/api/group/part/silence/{group['id']}", body), 400)

    def test_bad_user_id_unknown_group_and_no_token(self, api):
        owner = api.user()
        group = api.community_group(owner)
        assert_community_error(delete(owner, f"/api/group/part/silence/{group['id']}", {}), 400)
        assert_community_error(delete(owner, f"/api/group/part/silence/{group['id']}", {"user_id": "x"}), 400)
        assert_community_error(owner.post("/api/group/part/silence/99999999999999", {"user_ids": [owner.id]}), 404)
        assert_community_error(api.request("POST", "/api/group/part/silence/1", json={"user_ids": [1]}), 401)
        assert_community_error(api.request("DELETE", "/api/group/part/silence/1", json={"user_id": 1}), 401)


def option_tree(options) -> list:
    return [(o["id"], o["name"], o["pid"], o["sort"], o["checked"], option_tree(o["child"])) for o in options]


class TestManage:
    def test_lists_the_two_items(self, api):
        reply = api.user().get("/api/group/manage")
        assert reply.status_code == 200
        assert_shape(reply.json(), MANAGE_ITEMS)
        assert reply.json() == {"msg": "ok", "code": 0, "data": [{"id": 1, "name": "加群方式"}, {"id": 2, "name": "查找方式"}]}

    @pytest.mark.parametrize("prefix", ["", "/api"])
    def test_shows_an_items_options_at_both_paths(self, api, prefix):
        owner = api.user()
        group = api.community_group(owner)
        reply = owner.get(f"{prefix}/group/manage/2", params={"group_id": group["id"]})
        assert reply.status_code == 200, reply.text
        assert_shape(reply.json(), MANAGE_OPTIONS)
        assert (reply.json()["msg"], reply.json()["code"]) == ("ok", 0)
        assert option_tree(reply.json()["data"]) == [
            (6, "允许被搜索", 2, 1, 0, [(7, "通过群号或关键词", 6, 1, 1, []), (8, "仅可通过群号", 6, 2, 0, [])]),
            (9, "不允许被搜索", 2, 2, 0, []),
        ]
        join = owner.get(f"{prefix}/group/manage/1", params={"group_id": group["id"]}).json()["data"]
        assert option_tree(join) == [
            (3, "允许任何人加入", 1, 1, 1, []), (4, "需要管理员审核", 1, 2, 0, []), (5, "不允许任何人加入", 1, 3, 0, []),
        ]

    @pytest.mark.parametrize("prefix", ["", "/api"])
    def test_choosing_a_join_option_sets_apply_approval(self, api, prefix):
        owner = api.user()
        group = api.community_group(owner)
        groupid = int(api.groupid_of(owner, group["id"]))
        assert_done(owner.post(f"{prefix}/group/manage/4", {"group_id": group["id"], "pid": 1}), "ok")
        settings = owner.im("GET", "/group/settings", params={"group_id": groupid}).json()["data"]
        assert settings["apply_approval"] == 1
        checked = [o["id"] for o in owner.get("/group/manage/1", params={"group_id": group["id"]}).json()["data"] if o["checked"]]
        assert checked == [4]
        assert_done(owner.post(f"{prefix}/group/manage/5", {"group_id": groupid, "pid": 1}), "ok")
        assert owner.im("GET", "/group/info", params={"group_id": groupid}).json()["data"]["apply_approval"] == 2

    def test_choosing_a_search_option_changes_the_public_list(self, api):
        owner = api.user(app="manage-search")
        group = api.community_group(owner)
        groupid = int(api.groupid_of(owner, group["id"]))

        def public():
            return owner.im("GET", "/group/public_list").json()["data"]

        assert groupid in public()
        assert_done(owner.post("/api/group/manage/8", {"group_id": group["id"], "pid": 6}), "ok")
        assert groupid not in public()
        tree = option_tree(owner.get("/group/manage/2", params={"group_id": group["id"]}).json()["data"])
        assert [(o[0], o[4]) for o in tree[0][5]] + [(tree[1][0], tree[1][4])] == [(7, 0), (8, 1), (9, 0)]
        assert_done(owner.post("/group/manage/9", {"group_id": group["id"], "pid": 2}), "ok")
        assert groupid not in public()
        assert_done(owner.post("/group/manage/7", {"group_id": group["id"], "pid": 2}), "ok")  # its top item as pid
        assert groupid in public()

    def test_admins_choose_members_may_not(self, api):
        owner, admin, member = api.user(), api.user(), api.user()
        group = api.community_group(owner, [admin, member])
        owner.post("/api/groups/admins", {"group_id": group["id"], "users": [admin.id]})
        assert_done(admin.post("/group/manage/4", {"group_id": group["id"], "pid": 1}), "ok")
        assert_community_error(member.post("/group/manage/5", {"group_id": group["id"], "pid": 1}), 403)
        assert_community_error(api.user().post("/group/manage/5", {"group_id": group["id"], "pid": 1}), 403)
        checked = [o["id"] for o in member.get("/group/manage/1", params={"group_id": group["id"]}).json()["data"] if o["checked"]]
        assert checked == [4]

    @pytest.mark.parametrize("option,pid", [(4, 2), (7, 1), (8, 9), (3, 3), (3, 0), (3, 99), (6, 2), (1, 0)])
    def test_the_option_must_be_a_leaf_under_pid(self, api, option, pid):
        owner = api.user()
        group = api.community_group(owner)
        assert_community_error(owner.post(f"/group/manage/{option}", {"group_id": group["id"], "pid": pid}), 400)

    def test_unknown_items_groups_and_bad_fields(self, api):
        owner = api.user()
        group = api.community_group(owner)
        assert_community_error(owner.get("/group/manage/3", params={"group_id": group["id"]}), 404)
        assert_community_error(owner.post("/api/group/manage/99", {"group_id": group["id"], "pid": 1}), 404)
        assert_community_error(owner.get("/group/manage/1", params={"group_id": 99_999_999_999_999}), 404)
        foreign = api.community_group(api.user(app="acme"))
        assert_community_error(owner.get("/api/group/manage/1", params={"group_id": foreign["id"]}), 404)
        assert_community_error(owner.post("/group/manage/4", {"group_id": foreign["id"], "pid": 1}), 404)
        assert_community_error(owner.get("/group/manage/1"), 400)
        assert_community_error(owner.post("/group/manage/4", {"group_id": group["id"]}), 400)
        assert_community_error(owner.post("/group/manage/4", {"group_id": group["id"], "pid": "x"}), 400)

    def test_needs_a_token(self, api):
        assert_community_error(api.request("GET", "/api/group/manage"), 401)
        assert_community_error(api.request("GET", "/group/manage/1", params={"group_id": 1}), 401)
        assert_community_error(api.request("POST", "/api/group/manage/4", json={"group_id": 1, "pid": 1}), 401)
