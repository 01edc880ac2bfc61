"""Im dialect (document 003): the caller's display name (the community nickname), members'
display names, and the caller's message mute and push modes seen in GET /group/info."""

import pytest

from tests.support.assertions import assert_im_error, gid
from tests.support.documented import IM_BOOLEAN
from tests.support.documented_member_settings import IM_DISPLAY_NAMES, IM_OBJECT
from tests.support.shapes import assert_shape


@pytest.fixture
def trio(api):
    owner, member = api.user(), api.user()
    return owner, member, api.im_group(owner, [member])


class TestDisplayName:
    @pytest.mark.parametrize("method", ["PUT", "POST"])
    def test_sets_the_callers_display_name_seen_in_both_dialects(self, api, trio, method):
        owner, member, group = trio
        reply = member.im(method, "/group/display_name", {"group_id": gid(group), "value": "名片"})
        assert reply.status_code == 200, reply.text
        assert_shape(reply.json(), IM_BOOLEAN)
        assert reply.json()["data"] is True
        listed = owner.im("GET", "/group/member_list", params={"group_id": gid(group)}).json()["data"]
        assert {m["user_id"]: m["display_name"] for m in listed} == {owner.id: "", member.id: "名片"}
        group_pk = next(g["id"] for g in owner.get("/api/user/groups").json()["data"] if g["groupid"] == str(gid(group)))
        members = owner.get("/api/members", params={"group_id": group_pk}).json()["data"]
        assert {m["user_id"]: m["nickname"] for m in members} == {owner.id: None, member.id: "名片"}

    def test_outsiders_unknown_and_other_apps_groups(self, api, trio):
        _, _, group = trio
        assert_im_error(api.user().im("PUT", "/group/display_name", {"group_id": gid(group), "value": "x"}), 403)
        assert_im_error(api.user().im("PUT", "/group/display_name", {"group_id": 99_999_999_999_999, "value": "x"}), 404)
        assert_im_error(api.user(app="acme").im("PUT", "/group/display_name", {"group_id": gid(group), "value": "x"}), 404)

    @pytest.mark.parametrize("value", [None, "", 1, "长" * 129])
    def test_value_is_required_text(self, trio, value):
        _, member, group = trio
        body = {"group_id": gid(group)} if value is None else {"group_id": gid(group), "value": value}
        assert_im_error(member.im("PUT", "/group/display_name", body), 400)

    def test_group_id_is_required(self, trio):
        _, member, _ = trio
        assert_im_error(member.im("PUT", "/group/display_name", {"value": "x"}), 400)

    def test_needs_a_token(self, api):
        assert_im_error(api.request("PUT", "/group/display_name", json={"group_id": 1, "value": "x"}), 401)


class TestMembersDisplayNames:
    def test_lists_the_asked_members_in_order_and_leaves_out_others(self, api, trio):
        owner, member, group = trio
        member.im("PUT", "/group/display_name", {"group_id": gid(group), "value": "阿明"})
        outsider = api.user()
        reply = owner.im("POST", "/group/members/display_name", {"group_id": gid(group), "user_list": [member.id, outsider.id, owner.id]})
        assert reply.status_code == 200, reply.text
        assert_shape(reply.json(), IM_DISPLAY_NAMES)
        data = reply.json()["data"]
        assert [(m["user_id"], m["display_name"], m["expired_time"]) for m in data] == [(member.id, "阿明", 0), (owner.id, "", 0)]
        assert all(m["join_time"] > 1_600_000_000_000 for m in data)

    def test_members_only(self, api, trio):
        _, member, group = trio
        body = {"group_id": gid(group), "user_list": [member.id]}
        assert_im_error(api.user().im("POST", "/group/members/display_name", body), 403)
        assert_im_error(api.user(app="acme").im("POST", "/group/members/display_name", body), 404)
        missing = {"group_id": 99_999_999_999_999, "user_list": [member.id]}
        assert_im_error(member.im("POST", "/group/members/display_name", missing), 404)

    @pytest.mark.parametrize("user_list", [None, [], ["x"], list(range(1, 102))])
    def test_user_list_is_required_ids(self, trio, user_list):
        _, member, group = trio
        body = {"group_id": gid(group)} if user_list is None else {"group_id": gid(group), "user_list": user_list}
        assert_im_error(member.im("POST", "/group/members/display_name", body), 400)

    def test_needs_a_token(self, api):
        assert_im_error(api.request("POST", "/group/members/display_name", json={"group_id": 1, "user_list": [1]}), 401)


def info(user, group) -> dict:
    return user.im("GET", "/group/info", params={"group_id": gid(group)}).json()["data"]


MODES = [("/group/msg/mute_mode", "msg_mute_mode", 2, 3), ("/group/msg/push_mode", "msg_push_mode", 4, 5)]


@pytest.mark.parametrize(("path", "key", "highest", "beyond"), MODES)
class TestMessageModes:
    @pytest.mark.parametrize("method", ["PUT", "POST"])
    def test_sets_the_callers_own_mode_seen_in_group_info(self, trio, path, key, highest, beyond, method):
        owner, member, group = trio
        reply = member.im(method, path, {"group_id": gid(group), key: highest})
        assert reply.status_code == 200, reply.text
        assert_shape(reply.json(), IM_OBJECT)
        assert reply.json()["data"] == {}
        assert info(member, group)[key] == highest
        assert info(owner, group)[key] == 0
        assert member.im(method, path, {"group_id": gid(group), key: 0}).status_code == 200
        assert info(member, group)[key] == 0

    def test_mode_must_be_given_and_documented(self, trio, path, key, highest, beyond):
        _, member, group = trio
        for body in ({"group_id": gid(group)}, {"group_id": gid(group), key: beyond}, {"group_id": gid(group), key: -1},
                     {"group_id": gid(group), key: "x"}, {key: 1}):
            assert_im_error(member.im("PUT", path, body), 400)

    def test_outsiders_unknown_and_other_apps_groups(self, api, trio, path, key, highest, beyond):
        _, _, group = trio
        assert_im_error(api.user().im("PUT", path, {"group_id": gid(group), key: 1}), 403)
        assert_im_error(api.user().im("PUT", path, {"group_id": 99_999_999_999_999, key: 1}), 404)
        assert_im_error(api.user(app="acme").im("PUT", path, {"group_id": gid(group), key: 1}), 404)

    def test_needs_a_token(self, api, path, key, highest, beyond):
        assert_im_error(api.request("PUT", path, json={"group_id": 1, key: 1}), 401)
