"""Community dialect (document 000): a member's own nickname, chat background and chat
setting, and a group's background, with their effects in both dialects."""

import pytest

from tests.support.assertions import assert_community_error
from tests.support.documented import NULL_DATA
from tests.support.shapes import assert_shape


def assert_ok(reply):
    assert reply.status_code == 200, reply.text
    assert_shape(reply.json(), NULL_DATA)
    assert (reply.json()["msg"], reply.json()["code"], reply.json()["data"]) == ("ok", 0, None)


def members_by_user(user, group) -> dict:
    reply = user.get("/api/members", params={"group_id": group["id"]})
    assert reply.status_code == 200, reply.text
    return {m["user_id"]: m for m in reply.json()["data"]}


def member_id(owner, group, user) -> int:
    return members_by_user(owner, group)[user.id]["id"]


@pytest.fixture
def trio(api):
    """An owner and a member of one group, and the group."""
    owner, member = api.user(), api.user()
    return owner, member, api.community_group(owner, [member])


class TestNickname:
    def test_a_member_sets_their_own_nickname_seen_in_both_dialects(self, api, trio):
        owner, member, group = trio
        assert_ok(member.patch(f"/api/members/{member_id(owner, group, member)}/nickname", {"nickname": "小明"}))
        assert members_by_user(owner, group)[member.id]["nickname"] == "小明"
        assert members_by_user(owner, group)[owner.id]["nickname"] is None
        groupid = api.groupid_of(owner, group["id"])
        listed = owner.im("GET", "/group/member_list", params={"group_id": groupid}).json()["data"]
        assert {m["user_id"]: m["display_name"] for m in listed} == {owner.id: "", member.id: "小明"}

    def test_nobody_sets_another_members_nickname_not_even_the_owner(self, trio):
        owner, member, group = trio
        path = f"/api/members/{member_id(owner, group, member)}/nickname"
        assert_community_error(owner.patch(path, {"nickname": "改名"}), 403)
        assert members_by_user(owner, group)[member.id]["nickname"] is None

    def test_unknown_and_other_apps_memberships_are_404(self, api, trio):
        owner, member, group = trio
        assert_community_error(member.patch("/api/members/999999999/nickname", {"nickname": "x"}), 404)
        stranger = api.user(app="acme")
        assert_community_error(
            stranger.patch(f"/api/members/{member_id(owner, group, member)}/nickname", {"nickname": "x"}), 404
        )

    @pytest.mark.parametrize("body", [{}, {"nickname": ""}, {"nickname": 5}, {"nickname": "长" * 129}])
    def test_nickname_is_required_text(self, trio, body):
        owner, member, group = trio
        assert_community_error(member.patch(f"/api/members/{member_id(owner, group, member)}/nickname", body), 400)

    def test_needs_a_token(self, api):
        assert_community_error(api.request("PATCH", "/api/members/1/nickname", json={"nickname": "x"}), 401)


class TestChatBackground:
    def test_a_member_sets_their_own_chat_background(self, api, trio):
        owner, member, group = trio
        assert_ok(member.patch(f"/api/members/{member_id(owner, group, member)}/chat-bgd", {"bgd": "bg.png"}))
        assert members_by_user(owner, group)[member.id]["chat_bgd"] == "bg.png"
        detail = member.get(f"/api/groups/{api.groupid_of(owner, group['id'])}").json()["data"]
        assert detail["member"]["chat_bgd"] == "bg.png"

    def test_nobody_sets_another_members_background(self, trio):
        owner, member, group = trio
        assert_community_error(owner.patch(f"/api/members/{member_id(owner, group, member)}/chat-bgd", {"bgd": "x"}), 403)

    def test_unknown_membership_is_404(self, api):
        assert_community_error(api.user().patch("/api/members/999999999/chat-bgd", {"bgd": "x"}), 404)

    @pytest.mark.parametrize("body", [{}, {"bgd": ""}, {"bgd": ["x"]}])
    def test_bgd_is_required_text(self, trio, body):
        owner, member, group = trio
        assert_community_error(member.patch(f"/api/members/{member_id(owner, group, member)}/chat-bgd", body), 400)

    def test_needs_a_token(self, api):
        assert_community_error(api.request("PATCH", "/api/members/1/chat-bgd", json={"bgd": "x"}), 401)


def sections(user, kind="group") -> dict:
    return {s["name"]: [g["id"] for g in s["list"]] for s in user.get("/api/groups", params={"type": kind}).json()["data"]}


class TestChatSetting:
    def test_pinning_moves_a_group_to_the_pinned_section(self, api, trio):
        owner, member, group = trio
        groupid = api.groupid_of(owner, group["id"])
        assert_ok(owner.patch(f"/api/members/{owner.id}/chat-setting", {"group_id": groupid, "msg_top": 1}))
        mine = sections(owner)
        assert group["id"] in mine["置顶社群"] and group["id"] not in mine["我创建的社群"]
        assert group["id"] not in sections(member)["置顶社群"]  # the member's own setting is untouched
        assert_ok(owner.patch(f"/api/members/{owner.id}/chat-setting", {"group_id": int(groupid), "msg_top": 0}))
        assert group["id"] in sections(owner)["我创建的社群"]

    def test_do_not_disturb_with_its_options(self, api, trio):
        owner, member, group = trio
        body = {"group_id": api.groupid_of(owner, group["id"]), "msg_disturb": 1, "accept": 0, "shielding": 1}
        assert_ok(member.patch(f"/api/members/{member.id}/chat-setting", body))
        setting = members_by_user(owner, group)[member.id]["chat_setting"]
        assert setting == {"msg_top": 0, "msg_disturb": 1, "msg_disturb_options": {"accept": 0, "shielding": 1}}

    @pytest.mark.parametrize(
        "change",
        [
            {"msg_disturb": 1},
            {"msg_disturb": 1, "accept": 1},
            {"msg_disturb": 0, "shielding": 0},
            {"msg_disturb": 1, "accept": 2, "shielding": 0},
            {"msg_top": 2},
            {"msg_top": "x"},
            {},
        ],
    )
    def test_invalid_settings_are_400_and_change_nothing(self, api, trio, change):
        owner, member, group = trio
        body = {"group_id": api.groupid_of(owner, group["id"]), **change}
        assert_community_error(member.patch(f"/api/members/{member.id}/chat-setting", body), 400)
        assert members_by_user(owner, group)[member.id]["chat_setting"]["msg_disturb"] == 0

    def test_only_the_callers_own_user_id_and_membership(self, api, trio):
        owner, member, group = trio
        groupid = api.groupid_of(owner, group["id"])
        assert_community_error(owner.patch(f"/api/members/{member.id}/chat-setting", {"group_id": groupid, "msg_top": 1}), 403)
        outsider = api.user()
        assert_community_error(
            outsider.patch(f"/api/members/{outsider.id}/chat-setting", {"group_id": groupid, "msg_top": 1}), 403
        )

    def test_unknown_missing_and_other_apps_groups(self, api):
        user = api.user()
        path = f"/api/members/{user.id}/chat-setting"
        assert_community_error(user.patch(path, {"group_id": 99_999_999_999_999, "msg_top": 1}), 404)
        assert_community_error(user.patch(path, {"msg_top": 1}), 400)
        other = api.user(app="acme")
        other_group = api.community_group(other)
        other_groupid = api.groupid_of(other, other_group["id"])
        assert_community_error(user.patch(path, {"group_id": other_groupid, "msg_top": 1}), 404)

    def test_needs_a_token(self, api):
        assert_community_error(api.request("PATCH", "/api/members/1/chat-setting", json={"group_id": 1}), 401)


class TestGroupBackground:
    def test_owner_sets_the_background_by_id_or_groupid(self, api, trio):
        owner, member, group = trio
        groupid = api.groupid_of(owner, group["id"])
        assert_ok(owner.patch(f"/api/groups/{group['id']}/background", {"background": "home.png"}))
        assert member.get(f"/api/groups/{groupid}").json()["data"]["background"] == "home.png"
        assert_ok(owner.patch(f"/api/groups/{groupid}/background", {"background": "home2.png"}))
        assert member.get(f"/api/groups/{groupid}").json()["data"]["background"] == "home2.png"

    def test_members_and_outsiders_are_refused(self, api, trio):
        owner, member, group = trio
        assert_community_error(member.patch(f"/api/groups/{group['id']}/background", {"background": "x.png"}), 403)
        assert_community_error(api.user().patch(f"/api/groups/{group['id']}/background", {"background": "x.png"}), 403)
        assert member.get(f"/api/groups/{api.groupid_of(owner, group['id'])}").json()["data"]["background"] is None

    def test_an_admin_token_acting_for_the_group_sets_it(self, api, trio):
        owner, _, group = trio
        groupid = api.groupid_of(owner, group["id"])
        admin = api.user(admin=True)
        path, body = f"/api/groups/{groupid}/background", {"background": "a.png"}
        assert_community_error(admin.patch(path, body), 403)
        assert_ok(api.request("PATCH", path, headers={**admin.bearer, "group_id": groupid}, json=body))
        assert owner.get(f"/api/groups/{groupid}").json()["data"]["background"] == "a.png"

    def test_unknown_and_other_apps_groups_are_404(self, api):
        user = api.user()
        assert_community_error(user.patch("/api/groups/999999/background", {"background": "x.png"}), 404)
        other = api.user(app="acme")
        other_group = api.community_group(other)
        assert_community_error(user.patch(f"/api/groups/{other_group['id']}/background", {"background": "x.png"}), 404)

    @pytest.mark.parametrize("body", [{}, {"background": ""}, {"background": 3}])
    def test_background_is_required_text(self, trio, body):
        owner, _, group = trio
        assert_community_error(owner.patch(f"/api/groups/{group['id']}/background", body), 400)

    def test_needs_a_token(self, api):
        assert_community_error(api.request("PATCH", "/api/groups/1/background", json={"background": "x"}), 401)
