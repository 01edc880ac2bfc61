"""Community dialect (document 000): create, edit, detail, the four sections, the user's
groups and the members list, with their documented shapes and failures."""

import pytest

from tests.support.assertions import assert_community_error
from tests.support.documented import (
    COMMUNITY_DETAIL,
    CREATE_GROUP,
    GROUP_DETAIL,
    GROUP_SECTIONS,
    MEMBERS,
    NULL_DATA,
    OWN_MEMBER,
    USER_GROUPS,
)
from tests.support.shapes import assert_shape


class TestCreateGroup:
    def test_creates_a_group_with_the_documented_shape(self, api):
        owner, a, b = api.user(), api.user(), api.user()
        reply = owner.post("/api/groups", {"type": "group", "members": [a.id, b.id]})
        assert reply.status_code == 200
        body = reply.json()
        assert_shape(body, CREATE_GROUP)
        assert (body["msg"], body["code"]) == ("群创建成功", 0)
        data = body["data"]
        assert (data["name"], data["avatar"], data["describe"], data["background"]) == (None, None, None, None)
        assert (data["grade"], data["maxmembers"], data["maxadmins"], data["member_count"]) == (1, 500, 4, 3)
        assert (data["owner"], data["type"], data["comm_id"], data["group_count"]) == (owner.id, "group", 0, 0)
        assert 10_000_000 <= data["number"] <= 99_999_999
        assert len(data["created_at"]) == 19 and data["created_at"][4] == "-" and data["created_at"][13] == ":"

    def test_creates_a_community_with_name_avatar_and_description(self, api):
        owner = api.user()
        data = owner.post(
            "/api/groups", {"type": "community", "name": "IMeet圈", "avatar": "a.png", "describe": "描述"}
        ).json()["data"]
        assert (data["type"], data["name"], data["avatar"], data["describe"]) == ("community", "IMeet圈", "a.png", "描述")

    def test_owner_in_members_is_not_counted_twice(self, api):
        owner, a = api.user(), api.user()
        data = owner.post("/api/groups", {"type": "group", "members": [owner.id, a.id, a.id]}).json()["data"]
        assert data["member_count"] == 2

    @pytest.mark.parametrize("body", [{}, {"type": ""}, {"type": "club"}])
    def test_type_must_be_group_or_community(self, api, body):
        assert_community_error(api.user().post("/api/groups", body), 400)

    def test_members_who_never_called_are_members_until_their_profile_arrives(self, api):
        owner, friend = api.user(), api.user(register=False)
        reply = owner.post("/api/groups", {"type": "group", "members": [friend.id, friend.id + 1]})
        assert reply.status_code == 200, reply.text
        group = reply.json()["data"]
        assert group["member_count"] == 3
        listed = owner.get("/api/members", params={"group_id": group["id"]}).json()["data"]
        assert {m["user_id"]: m["user"]["name"] for m in listed if m["user_id"] != owner.id} == {friend.id: "", friend.id + 1: ""}
        assert friend.get("/api/user/groups").status_code == 200  # their first call brings their profile
        listed = owner.get("/api/members", params={"group_id": group["id"]}).json()["data"]
        assert next(m["user"]["name"] for m in listed if m["user_id"] == friend.id) == f"user{friend.id}"

    def test_members_must_be_an_array_of_ids(self, api):
        owner = api.user()
        assert_community_error(owner.post("/api/groups", {"type": "group", "members": "1,2"}), 400)
        assert_community_error(owner.post("/api/groups", {"type": "group", "members": [-3]}), 400)

    def test_too_many_members_in_one_call_are_refused(self, api):
        owner = api.user()
        reply = owner.post("/api/groups", {"type": "group", "members": list(range(1, 102))})
        assert_community_error(reply, 400)

    def test_needs_a_token(self, api):
        assert_community_error(api.request("POST", "/api/groups", json={"type": "group"}), 401)


class TestUpdateGroup:
    def test_owner_edits_name_avatar_and_description(self, api):
        owner = api.user()
        group = api.community_group(owner)
        reply = owner.patch(f"/api/groups/{group['id']}", {"name": "新名字", "describe": "新描述"})
        assert reply.status_code == 200
        assert reply.json() == {"msg": "更新成功", "code": 0, "data": None}
        assert_shape(reply.json(), NULL_DATA)
        detail = owner.get(f"/api/groups/{api.groupid_of(owner, group['id'])}").json()["data"]
        assert (detail["name"], detail["describe"], detail["avatar"]) == ("新名字", "新描述", None)

    def test_group_may_be_named_by_its_im_groupid(self, api):
        owner = api.user()
        group = api.community_group(owner)
        groupid = api.groupid_of(owner, group["id"])
        assert owner.patch(f"/api/groups/{groupid}", {"avatar": "b.png"}).status_code == 200
        assert owner.get(f"/api/groups/{groupid}").json()["data"]["avatar"] == "b.png"

    def test_a_plain_member_may_not_edit(self, api):
        owner, member = api.user(), api.user()
        group = api.community_group(owner, [member])
        assert_community_error(member.patch(f"/api/groups/{group['id']}", {"name": "x"}), 403)

    def test_an_outsider_may_not_edit(self, api):
        group = api.community_group(api.user())
        assert_community_error(api.user().patch(f"/api/groups/{group['id']}", {"name": "x"}), 403)

    def test_unknown_and_other_apps_groups_are_404(self, api):
        owner = api.user()
        assert_community_error(owner.patch("/api/groups/987654321", {"name": "x"}), 404)
        group = api.community_group(api.user(app="acme"))
        assert_community_error(owner.patch(f"/api/groups/{group['id']}", {"name": "x"}), 404)

    def test_overlong_name_is_refused(self, api):
        owner = api.user()
        group = api.community_group(owner)
        assert_community_error(owner.patch(f"/api/groups/{group['id']}", {"name": "x" * 200}), 400)

    def test_wrong_typed_id_is_400(self, api):
        assert_community_error(api.user().patch("/api/groups/abc", {"name": "x"}), 400)


class TestGroupDetail:
    def test_shows_a_group_by_groupid_with_the_documented_shape(self, api):
        owner, admin_like, member = api.user(name="Z63482"), api.user(), api.user()
        group = api.community_group(owner, [admin_like, member])
        reply = owner.get(f"/api/groups/{api.groupid_of(owner, group['id'])}")
        assert reply.status_code == 200
        body = reply.json()
        assert_shape(body, GROUP_DETAIL)
        assert (body["msg"], body["code"]) == ("ok", 0)
        data = body["data"]
        assert data["owner"] == {"id": owner.id, "name": "Z63482", "avatar": None}
        assert (data["member_count"], data["number"], data["type"]) == (3, str(group["number"]), "group")
        assert (data["saymsg"], data["silence_status"], data["from"], data["dynamic_count"]) == (0, 0, 1, 0)
        assert [m["role"] for m in data["members"]] == [2, 0, 0]
        assert data["members"][0]["user"]["name"] == "Z63482"
        assert_shape(data["member"], OWN_MEMBER)
        assert (data["member"]["user_id"], data["member"]["role"]) == (owner.id, 2)

    def test_a_non_member_sees_member_null(self, api):
        owner = api.user()
        group = api.community_group(owner)
        data = api.user().get(f"/api/groups/{api.groupid_of(owner, group['id'])}").json()["data"]
        assert data["member"] is None

    def test_embeds_at_most_eight_members_owner_first(self, api):
        owner = api.user()
        members = [api.user() for _ in range(10)]
        group = api.community_group(owner, members)
        data = owner.get(f"/api/groups/{api.groupid_of(owner, group['id'])}").json()["data"]
        assert len(data["members"]) == 8 and data["members"][0]["user_id"] == owner.id
        assert data["member_count"] == 11

    def test_a_community_lists_its_groups_and_the_callers_groups(self, api):
        owner = api.user()
        mine = api.community_group(owner, name="我的第一个群")
        community = api.community_group(owner, kind="community", name="社区")
        body = owner.get(f"/api/groups/{api.groupid_of(owner, community['id'])}").json()
        assert_shape(body, COMMUNITY_DETAIL)
        data = body["data"]
        assert data["groups"] == [] and data["has_joined_groups"] == []
        assert data["may_apply_groups"] == [{"id": mine["id"], "name": "我的第一个群", "avatar": None, "member_count": 1}]

    def test_unknown_groupid_is_404_and_non_digits_are_400(self, api):
        user = api.user()
        assert_community_error(user.get("/api/groups/99999999999999"), 404)
        assert_community_error(user.get("/api/groups/x12"), 400)

    def test_needs_a_token(self, api):
        assert_community_error(api.request("GET", "/api/groups/99999999999999"), 401)


class TestGroupSections:
    def test_lists_four_sections_with_the_documented_shape(self, api):
        owner, other = api.user(), api.user()
        mine = api.community_group(owner, name="我的群")
        theirs = api.community_group(other, [owner], name="别人的群")
        body = owner.get("/api/groups", params={"type": "group"}).json()
        assert_shape(body, GROUP_SECTIONS)
        names = [s["name"] for s in body["data"]]
        assert names == ["置顶社群", "我创建的社群", "我管理的社群", "我加入的社群"]
        ids = {s["name"]: [g["id"] for g in s["list"]] for s in body["data"]}
        assert ids["置顶社群"] == []
        assert ids["我创建的社群"] == [mine["id"]]
        assert ids["我管理的社群"] == [mine["id"]]
        assert ids["我加入的社群"] == [mine["id"], theirs["id"]]
        joined = body["data"][3]["list"][1]
        assert (joined["role"], joined["name"]) == (0, "别人的群")

    def test_community_type_lists_communities_only(self, api):
        owner = api.user()
        api.community_group(owner)
        community = api.community_group(owner, kind="community")
        body = owner.get("/api/groups", params={"type": "community"}).json()
        assert body["data"][0]["name"] == "置顶社区"
        assert [g["id"] for g in body["data"][3]["list"]] == [community["id"]]

    def test_type_is_required(self, api):
        assert_community_error(api.user().get("/api/groups"), 400)


class TestUserGroups:
    def test_lists_the_callers_groups_with_role_and_groupid(self, api):
        owner, member = api.user(), api.user()
        group = api.community_group(owner, [member], name="社群名称")
        body = member.get("/api/user/groups").json()
        assert_shape(body, USER_GROUPS)
        assert body["data"] == [
            {"id": group["id"], "name": "社群名称", "avatar": None, "groupid": api.groupid_of(owner, group["id"]), "role": 0}
        ]

    def test_is_empty_for_a_new_user(self, api):
        assert api.user().get("/api/user/groups").json() == {"msg": "ok", "code": 0, "data": []}


class TestMembers:
    def test_lists_members_owner_first_with_the_documented_shape(self, api):
        owner, a, b = api.user(name="Z63482"), api.user(), api.user()
        group = api.community_group(owner, [a, b])
        body = a.get("/api/members", params={"group_id": group["id"]}).json()
        assert_shape(body, MEMBERS)
        assert [m["user_id"] for m in body["data"]] == [owner.id, a.id, b.id]
        assert body["data"][0]["user"] == {"id": owner.id, "name": "Z63482", "avatar": None}
        assert {m["group_id"] for m in body["data"]} == {group["id"]}

    def test_filters_by_roles_and_pages_by_limit_and_offset(self, api):
        owner = api.user()
        members = [api.user() for _ in range(4)]
        group = api.community_group(owner, members)
        owners = owner.get("/api/members", params={"group_id": group["id"], "roles": "1,2"}).json()["data"]
        assert [m["user_id"] for m in owners] == [owner.id]
        page = owner.get("/api/members", params={"group_id": group["id"], "limit": 2, "offset": 1}).json()["data"]
        assert [m["user_id"] for m in page] == [members[0].id, members[1].id]
        everyone = owner.get("/api/members", params={"group_id": group["id"]}).json()["data"]
        assert len(everyone) == 5

    def test_silence_actions_list_muted_and_mutable_members(self, api):
        owner, member = api.user(), api.user()
        group = api.community_group(owner, [member])
        muted = owner.get("/api/members", params={"group_id": group["id"], "action": "silence"}).json()["data"]
        assert muted == []
        mutable = owner.get(
            "/api/members", params={"group_id": group["id"], "action": "unsilence", "manager": 2}
        ).json()["data"]
        assert [m["user_id"] for m in mutable] == [member.id]

    @pytest.mark.parametrize(
        "params",
        [{"roles": "3"}, {"roles": "a,b"}, {"action": "mute"}, {"action": "unsilence"}, {"limit": 0}, {"offset": -1}],
    )
    def test_bad_filters_are_400(self, api, params):
        owner = api.user()
        group = api.community_group(owner)
        assert_community_error(owner.get("/api/members", params={"group_id": group["id"], **params}), 400)

    def test_a_plain_member_may_not_list_mutable_members(self, api):
        owner, member = api.user(), api.user()
        group = api.community_group(owner, [member])
        reply = member.get("/api/members", params={"group_id": group["id"], "action": "unsilence", "manager": 1})
        assert_community_error(reply, 403)

    def test_outsiders_unknown_and_other_apps_groups(self, api):
        owner = api.user()
        group = api.community_group(owner)
        assert_community_error(api.user().get("/api/members", params={"group_id": group["id"]}), 403)
        assert_community_error(owner.get("/api/members", params={"group_id": 987654321}), 404)
        assert_community_error(owner.get("/api/members"), 400)
        assert_community_error(api.user(app="acme").get("/api/members", params={"group_id": group["id"]}), 404)
