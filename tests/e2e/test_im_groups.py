"""Im dialect (document 003): create, info, batch info, rename (PUT and POST), the
member list with cursor pagination, and the user's groups."""

import pytest

from tests.support.assertions import assert_im_error, gid
from tests.support.documented import IM_BOOLEAN, IM_GROUP_BATCH, IM_GROUP_INFO, IM_ID_LIST, IM_MEMBER_PAGE
from tests.support.shapes import assert_shape


class TestCreate:
    def test_creates_a_group_with_the_documented_shape(self, api):
        owner, a = api.user(), api.user()
        reply = owner.im("POST", "/group/create", {"name": "im群", "description": "d", "avatar": "x.png", "user_list": [a.id]})
        assert reply.status_code == 200
        body = reply.json()
        assert_shape(body, IM_GROUP_INFO)
        data = body["data"]
        assert (body["code"], body["message"]) == (200, None)
        assert (data["name"], data["description"], data["avatar"], data["owner_id"]) == ("im群", "d", "x.png", owner.id)
        assert (data["count"], data["capacity"], data["status"], data["type"], data["ban_expire_time"]) == (2, 500, 0, 0, 0)
        assert data["group_id"] >= 10**13 and data["created_at"] > 1_600_000_000_000  # an IM id; milliseconds

    def test_creates_a_chat_room(self, api):
        data = api.user().im("POST", "/group/create", {"type": 2}).json()["data"]
        assert (data["type"], data["name"], data["count"]) == (2, "", 1)

    @pytest.mark.parametrize("kind", [-1, 4, 99])
    def test_type_must_be_0_to_3(self, api, kind):
        assert_im_error(api.user().im("POST", "/group/create", {"type": kind}), 400)

    def test_users_who_never_called_are_members(self, api):
        owner, newcomer = api.user(), api.user(register=False)
        reply = owner.im("POST", "/group/create", {"user_list": [newcomer.id]})
        assert reply.status_code == 200, reply.text
        assert reply.json()["data"]["count"] == 2

    def test_wrong_typed_user_list_is_400(self, api):
        assert_im_error(api.user().im("POST", "/group/create", {"user_list": ["x"]}), 400)


class TestInfo:
    def test_shows_a_group_with_the_callers_settings(self, api):
        owner = api.user()
        group = api.im_group(owner, name="看看")
        body = api.user().im("GET", "/group/info", params={"group_id": gid(group)}).json()
        assert_shape(body, IM_GROUP_INFO)
        assert body["data"]["name"] == "看看" and body["data"]["group_id"] == gid(group)

    def test_unknown_missing_and_other_apps_groups(self, api):
        user = api.user()
        assert_im_error(user.im("GET", "/group/info", params={"group_id": 99_999_999_999_999}), 404)
        assert_im_error(user.im("GET", "/group/info"), 400)
        other = api.im_group(api.user(app="acme"))
        assert_im_error(user.im("GET", "/group/info", params={"group_id": gid(other)}), 404)

    def test_needs_a_token(self, api):
        assert_im_error(api.request("GET", "/group/info", params={"group_id": 1}, headers={"app_id": "default"}), 401)


class TestBatchInfo:
    def test_shows_the_groups_found_in_the_order_asked(self, api):
        owner = api.user()
        first, second = api.im_group(owner, name="一"), api.im_group(owner, name="二")
        other_app = api.im_group(api.user(app="acme"))
        body = owner.im(
            "POST", "/group/info/batch", {"group_list": [gid(second), 12345678901234, gid(other_app), gid(first)]}
        ).json()
        assert_shape(body, IM_GROUP_BATCH)
        assert [(g["group_id"], g["name"], g["owner"]) for g in body["data"]] == [
            (gid(second), "二", owner.id), (gid(first), "一", owner.id)
        ]

    def test_needs_a_non_empty_list_of_at_most_100(self, api):
        user = api.user()
        assert_im_error(user.im("POST", "/group/info/batch", {"group_list": []}), 400)
        assert_im_error(user.im("POST", "/group/info/batch", {"group_list": list(range(1, 102))}), 400)


class TestRename:
    @pytest.mark.parametrize("method", ["PUT", "POST"])
    def test_owner_renames_by_either_method(self, api, method):
        owner = api.user()
        group = api.im_group(owner)
        reply = owner.im(method, "/group/info/name", {"group_id": gid(group), "value": f"{method}名"})
        assert reply.status_code == 200
        assert_shape(reply.json(), IM_BOOLEAN)
        assert reply.json() == {"code": 200, "data": True, "message": None}
        assert owner.im("GET", "/group/info", params={"group_id": gid(group)}).json()["data"]["name"] == f"{method}名"

    def test_members_may_not_rename_outsiders_neither(self, api):
        owner, member = api.user(), api.user()
        group = api.im_group(owner, [member])
        assert_im_error(member.im("PUT", "/group/info/name", {"group_id": gid(group), "value": "x"}), 403)
        assert_im_error(api.user().im("POST", "/group/info/name", {"group_id": gid(group), "value": "x"}), 403)

    def test_value_is_required_and_the_group_must_exist(self, api):
        owner = api.user()
        group = api.im_group(owner)
        assert_im_error(owner.im("PUT", "/group/info/name", {"group_id": gid(group)}), 400)
        assert_im_error(owner.im("PUT", "/group/info/name", {"group_id": 99_999_999_999_999, "value": "x"}), 404)


class TestMemberList:
    def test_pages_with_a_cursor_in_join_order_without_gaps_or_repeats(self, api):
        owner = api.user()
        members = [api.user() for _ in range(6)]
        group = api.im_group(owner, members)
        seen, cursor, pages = [], "", 0
        while True:
            body = members[0].im(
                "GET", "/group/member_list", params={"group_id": gid(group), "limit": 3, "cursor": cursor}
            ).json()
            assert_shape(body, IM_MEMBER_PAGE)
            assert body["total"] == 7 and body["version"] == 0
            seen += [m["user_id"] for m in body["data"]]
            pages += 1
            cursor = body["cursor"]
            if not cursor:
                break
        assert pages == 3
        assert seen == [owner.id] + [m.id for m in members]
        first = body["data"][0] if body["data"] else None
        assert first is None or first["display_name"] == "" and first["expired_time"] == 0

    def test_members_joining_between_pages_do_not_shift_the_next_page(self, api):
        owner = api.user()
        members = [api.user() for _ in range(3)]
        group = api.im_group(owner, members)
        body = owner.im("GET", "/group/member_list", params={"group_id": gid(group), "limit": 2}).json()
        assert [m["user_id"] for m in body["data"]] == [owner.id, members[0].id]
        next_page = owner.im(
            "GET", "/group/member_list", params={"group_id": gid(group), "limit": 2, "cursor": body["cursor"]}
        ).json()
        assert [m["user_id"] for m in next_page["data"]] == [members[1].id, members[2].id]
        assert next_page["cursor"] == ""

    def test_default_page_holds_everyone(self, api):
        owner = api.user()
        group = api.im_group(owner, [api.user() for _ in range(3)])
        body = owner.im("GET", "/group/member_list", params={"group_id": gid(group)}).json()
        assert len(body["data"]) == 4 and body["cursor"] == ""

    @pytest.mark.parametrize("params", [{"limit": 1001}, {"limit": -1}, {"cursor": "garbage!"}, {"cursor": "eDox"}])
    def test_bad_limits_and_cursors_are_400(self, api, params):
        owner = api.user()
        group = api.im_group(owner)
        assert_im_error(owner.im("GET", "/group/member_list", params={"group_id": gid(group), **params}), 400)

    def test_outsiders_may_not_list_members(self, api):
        group = api.im_group(api.user())
        assert_im_error(api.user().im("GET", "/group/member_list", params={"group_id": gid(group)}), 403)
        assert_im_error(api.user().im("GET", "/group/member_list", params={"group_id": 99_999_999_999_999}), 404)


class TestUserJoined:
    def test_lists_the_im_ids_of_the_callers_groups(self, api):
        owner, member = api.user(), api.user()
        first, second = api.im_group(owner, [member]), api.im_group(owner)
        body = member.im("GET", "/group/user_joined").json()
        assert_shape(body, IM_ID_LIST)
        assert body["data"] == [gid(first)]
        assert owner.im("GET", "/group/user_joined").json()["data"] == [gid(first), gid(second)]
