"""Im dialect (document 003) announcements: get, delete, edit (publish), last and list,
with their documented shapes and failures, and the same notices seen through the
community dialect."""

import time

import pytest

from tests.support import documented_notices as doc
from tests.support.assertions import assert_im_error
from tests.support.exits_setup import delete
from tests.support.notices_setup import announce, count_rows, publish, ranked_group, set_times
from tests.support.shapes import assert_shape

NO_SUCH_GROUP = 99_999_999_999_999


def assert_im_ok(reply, shape):
    assert reply.status_code == 200, reply.text
    body = reply.json()
    assert_shape(body, shape)
    assert (body["code"], body["message"]) == (200, None)
    return body["data"]


def anonymous(api, method, path, **kw):
    """An im call with app_id but no token."""
    return api.request(method, path, headers={"app_id": "default"}, **kw)


def listed(user, im_id):
    return assert_im_ok(user.im("GET", "/group/announcement/list", params={"group_id": im_id}), doc.LIST_ANNOUNCEMENTS)


@pytest.fixture
def ranked(api):
    return ranked_group(api, "im")


@pytest.fixture
def foreign(api):
    """An im group of another app, with one announcement."""
    group = ranked_group_of(api)
    return group, announce(group[0], group[1])


def ranked_group_of(api):
    owner = api.user(app="acme")
    return owner, int(api.im_group(owner)["group_id"])


class TestEditAnnouncement:
    @pytest.mark.parametrize("who", ["owner", "admin"])
    def test_owner_and_admins_publish_and_the_answer_is_the_new_announcement(self, api, ranked, who):
        user = getattr(ranked, who)
        reply = user.im("POST", "/group/announcement/edit", {"group_id": ranked.im_id, "title": "群规", "content": "禁止广告"})
        data = assert_im_ok(reply, doc.EDIT_ANNOUNCEMENT)
        assert (data["author"], data["group_id"], data["title"], data["content"]) == (user.id, ranked.im_id, "群规", "禁止广告")
        assert abs(data["created_at"] - time.time() * 1000) < 120_000
        assert listed(ranked.member, ranked.im_id) == [data]

    def test_each_edit_publishes_a_new_one(self, api, ranked):
        first, second = announce(ranked.owner, ranked.im_id, "v1"), announce(ranked.owner, ranked.im_id, "v2")
        assert second["id"] != first["id"]
        assert [a["title"] for a in listed(ranked.member, ranked.im_id)] == ["v2", "v1"]

    @pytest.mark.parametrize("who", ["member", "outsider"])
    def test_members_and_outsiders_may_not_publish(self, api, ranked, who):
        user = ranked.member if who == "member" else api.user()
        assert_im_error(user.im("POST", "/group/announcement/edit", {"group_id": ranked.im_id, "title": "t", "content": "c"}), 403)
        assert listed(ranked.owner, ranked.im_id) == []

    def test_an_admin_token_acting_for_the_group_publishes(self, api, ranked):
        admin = api.user(admin=True)
        reply = admin.im(
            "POST", "/group/announcement/edit", {"group_id": ranked.im_id, "title": "t", "content": "c"},
            headers={"group_id": str(ranked.im_id)},
        )
        assert assert_im_ok(reply, doc.EDIT_ANNOUNCEMENT)["author"] == admin.id

    def test_unknown_other_apps_and_primary_key_groups_are_404(self, api, ranked, foreign):
        (_, their_group), _ = foreign
        for group_id in (NO_SUCH_GROUP, their_group, ranked.pk):
            reply = ranked.owner.im("POST", "/group/announcement/edit", {"group_id": group_id, "title": "t", "content": "c"})
            assert_im_error(reply, 404)

    @pytest.mark.parametrize(
        "body",
        [
            {}, {"title": "t", "content": "c"}, {"group_id": "x", "title": "t", "content": "c"}, {"group_id": "G", "content": "c"},
            {"group_id": "G", "title": "t"}, {"group_id": "G", "title": "", "content": "c"},
            {"group_id": "G", "title": "t", "content": " "},
            {"group_id": "G", "title": 1, "content": "c"}, {"group_id": "G", "title": "t", "content": {"a": 1}},
            {"group_id": "G", "title": "t" * 129, "content": "c"},
        ],
    )
    def test_missing_or_wrong_typed_fields_are_400(self, api, ranked, body):
        body = {k: ranked.im_id if v == "G" else v for k, v in body.items()}
        assert_im_error(ranked.owner.im("POST", "/group/announcement/edit", body), 400)

    def test_needs_a_token(self, api):
        assert_im_error(anonymous(api, "POST", "/group/announcement/edit", json={"group_id": 1, "title": "t", "content": "c"}), 401)


class TestGetAnnouncement:
    def test_a_member_reads_one_with_the_documented_shape(self, api, ranked):
        made = announce(ranked.admin, ranked.im_id, "标题", "内容")
        params = {"group_id": ranked.im_id, "announcement_id": made["id"]}
        assert assert_im_ok(ranked.member.im("GET", "/group/announcement", params=params), doc.GET_ANNOUNCEMENT) == made

    def test_another_groups_announcement_named_with_this_group_is_404(self, api, ranked):
        elsewhere = ranked_group(api, "im")
        theirs = announce(elsewhere.owner, elsewhere.im_id)
        params = {"group_id": ranked.im_id, "announcement_id": theirs["id"]}
        assert_im_error(ranked.owner.im("GET", "/group/announcement", params=params), 404)

    def test_unknown_and_other_apps_are_404(self, api, ranked, foreign):
        (_, their_group), theirs = foreign
        get = ranked.owner.im
        assert_im_error(get("GET", "/group/announcement", params={"group_id": ranked.im_id, "announcement_id": 987654321}), 404)
        assert_im_error(get("GET", "/group/announcement", params={"group_id": their_group, "announcement_id": theirs["id"]}), 404)
        assert_im_error(get("GET", "/group/announcement", params={"group_id": ranked.im_id, "announcement_id": theirs["id"]}), 404)

    def test_an_outsider_may_not_read(self, api, ranked):
        made = announce(ranked.owner, ranked.im_id)
        params = {"group_id": ranked.im_id, "announcement_id": made["id"]}
        assert_im_error(api.user().im("GET", "/group/announcement", params=params), 403)

    @pytest.mark.parametrize(
        "params",
        [{}, {"group_id": "G"}, {"announcement_id": 1}, {"group_id": "x", "announcement_id": 1}, {"group_id": "G", "announcement_id": "x"}],
    )
    def test_missing_or_wrong_typed_parameters_are_400(self, api, ranked, params):
        params = {k: ranked.im_id if v == "G" else v for k, v in params.items()}
        assert_im_error(ranked.owner.im("GET", "/group/announcement", params=params), 400)

    def test_needs_a_token(self, api):
        assert_im_error(anonymous(api, "GET", "/group/announcement", params={"group_id": 1, "announcement_id": 1}), 401)


class TestDeleteAnnouncement:
    @pytest.mark.parametrize(("method", "where"), [("DELETE", "params"), ("POST", "params"), ("POST", "json"), ("DELETE", "json")])
    def test_owner_deletes_by_every_method_for_both_dialects(self, api, ranked, method, where):
        made = announce(ranked.owner, ranked.im_id)
        fields = {"group_id": ranked.im_id, "announcement_id": made["id"]}
        reply = ranked.owner.im(method, "/group/announcement/delete", **{where: fields})
        assert assert_im_ok(reply, doc.DELETE_ANNOUNCEMENT) == {}
        assert listed(ranked.member, ranked.im_id) == []
        assert ranked.member.get("/api/group/notices", params={"group_id": ranked.pk}).json()["data"] == []
        assert_im_error(ranked.owner.im(method, "/group/announcement/delete", **{where: fields}), 404)

    def test_an_admin_deletes(self, api, ranked):
        made = announce(ranked.owner, ranked.im_id)
        reply = ranked.admin.im("DELETE", "/group/announcement/delete", params={"group_id": ranked.im_id, "announcement_id": made["id"]})
        assert assert_im_ok(reply, doc.DELETE_ANNOUNCEMENT) == {}

    @pytest.mark.parametrize("who", ["member", "outsider"])
    def test_members_and_outsiders_may_not_delete(self, api, ranked, who):
        made = announce(ranked.owner, ranked.im_id)
        user = ranked.member if who == "member" else api.user()
        reply = user.im("DELETE", "/group/announcement/delete", params={"group_id": ranked.im_id, "announcement_id": made["id"]})
        assert_im_error(reply, 403)
        assert len(listed(ranked.owner, ranked.im_id)) == 1

    def test_another_groups_announcement_named_with_this_group_is_404_and_stays(self, api, ranked):
        elsewhere = ranked_group(api, "im")
        theirs = announce(elsewhere.owner, elsewhere.im_id)
        reply = ranked.owner.im("POST", "/group/announcement/delete", json={"group_id": ranked.im_id, "announcement_id": theirs["id"]})
        assert_im_error(reply, 404)
        assert [a["id"] for a in listed(elsewhere.member, elsewhere.im_id)] == [theirs["id"]]

    def test_unknown_and_other_apps_are_404(self, api, ranked, foreign):
        (_, their_group), theirs = foreign
        for group_id, announcement_id in ((ranked.im_id, 987654321), (their_group, theirs["id"]), (NO_SUCH_GROUP, 1)):
            params = {"group_id": group_id, "announcement_id": announcement_id}
            assert_im_error(ranked.owner.im("DELETE", "/group/announcement/delete", params=params), 404)

    @pytest.mark.parametrize("params", [{}, {"group_id": "G"}, {"announcement_id": 1}, {"group_id": "G", "announcement_id": "x"}])
    def test_missing_or_wrong_typed_fields_are_400(self, api, ranked, params):
        params = {k: ranked.im_id if v == "G" else v for k, v in params.items()}
        assert_im_error(ranked.owner.im("DELETE", "/group/announcement/delete", params=params), 400)
        assert_im_error(ranked.owner.im("POST", "/group/announcement/delete", json=params), 400)

    def test_needs_a_token(self, api):
        assert_im_error(anonymous(api, "DELETE", "/group/announcement/delete", params={"group_id": 1, "announcement_id": 1}), 401)


class TestLastAnnouncement:
    def test_the_newest_and_null_when_none(self, api, ranked):
        last = ranked.member.im("GET", "/group/announcement/last", params={"group_id": ranked.im_id})
        assert assert_im_ok(last, {"code": 0, "data": None, "message": None}) is None
        announce(ranked.owner, ranked.im_id, "old")
        newest = announce(ranked.admin, ranked.im_id, "new")
        reply = ranked.member.im("GET", "/group/announcement/last", params={"group_id": ranked.im_id})
        assert assert_im_ok(reply, doc.LAST_ANNOUNCEMENT) == newest

    def test_ties_go_to_the_higher_id(self, api, ranked):
        ids = [announce(ranked.owner, ranked.im_id, f"a{i}")["id"] for i in range(3)]
        set_times(api, "notice", ids, 1_700_000_000_000)
        reply = ranked.member.im("GET", "/group/announcement/last", params={"group_id": ranked.im_id})
        assert assert_im_ok(reply, doc.LAST_ANNOUNCEMENT)["id"] == max(ids)

    def test_an_outsider_may_not_read(self, api, ranked):
        assert_im_error(api.user().im("GET", "/group/announcement/last", params={"group_id": ranked.im_id}), 403)

    def test_unknown_other_apps_and_primary_key_groups_are_404(self, api, ranked, foreign):
        (_, their_group), _ = foreign
        for group_id in (NO_SUCH_GROUP, their_group, ranked.pk):
            assert_im_error(ranked.owner.im("GET", "/group/announcement/last", params={"group_id": group_id}), 404)

    @pytest.mark.parametrize("params", [{}, {"group_id": "x"}, {"group_id": -1}])
    def test_missing_or_wrong_typed_group_is_400(self, api, ranked, params):
        assert_im_error(ranked.owner.im("GET", "/group/announcement/last", params=params), 400)

    def test_needs_a_token(self, api):
        assert_im_error(anonymous(api, "GET", "/group/announcement/last", params={"group_id": 1}), 401)


class TestListAnnouncements:
    def test_newest_first_ties_by_id_and_empty(self, api, ranked):
        assert listed(ranked.member, ranked.im_id) == []
        ids = [announce(ranked.owner, ranked.im_id, f"a{i}")["id"] for i in range(3)]
        assert [a["id"] for a in listed(ranked.member, ranked.im_id)] == ids[::-1]
        set_times(api, "notice", ids, 1_700_000_000_000)
        data = listed(ranked.member, ranked.im_id)
        assert [a["id"] for a in data] == ids[::-1]
        assert {a["created_at"] for a in data} == {1_700_000_000_000}

    def test_an_outsider_may_not_list(self, api, ranked):
        assert_im_error(api.user().im("GET", "/group/announcement/list", params={"group_id": ranked.im_id}), 403)

    def test_unknown_other_apps_and_primary_key_groups_are_404(self, api, ranked, foreign):
        (_, their_group), _ = foreign
        for group_id in (NO_SUCH_GROUP, their_group, ranked.pk):
            assert_im_error(ranked.owner.im("GET", "/group/announcement/list", params={"group_id": group_id}), 404)

    @pytest.mark.parametrize("params", [{}, {"group_id": "x"}, {"group_id": 1.5}])
    def test_missing_or_wrong_typed_group_is_400(self, api, ranked, params):
        assert_im_error(ranked.owner.im("GET", "/group/announcement/list", params=params), 400)

    def test_needs_a_token(self, api):
        assert_im_error(anonymous(api, "GET", "/group/announcement/list", params={"group_id": 1}), 401)


class TestOneNoticeTwoDialects:
    def test_a_community_notice_is_an_announcement(self, api, ranked):
        notice = publish(ranked.admin, ranked.pk, title="社群公告", content="欢迎", image="x.png")
        [item] = listed(ranked.member, ranked.im_id)
        assert (item["id"], item["author"], item["group_id"], item["title"], item["content"]) == (
            notice["id"], ranked.admin.id, ranked.im_id, "社群公告", "欢迎",
        )
        params = {"group_id": ranked.im_id, "announcement_id": notice["id"]}
        assert assert_im_ok(ranked.member.im("GET", "/group/announcement", params=params), doc.GET_ANNOUNCEMENT) == item

    def test_an_announcement_is_a_notice_read_counted_and_deleted_there(self, api, ranked):
        made = announce(ranked.owner, ranked.im_id, "群公告", "内容")
        notices = ranked.member.get("/api/group/notices", params={"group_id": ranked.pk}).json()["data"]
        assert [(n["id"], n["title"], n["user_id"]) for n in notices] == [(made["id"], "群公告", ranked.owner.id)]
        assert notices[0]["data"] == {"image": None}
        assert ranked.member.get("/api/group/notices/latest", params={"group_id": ranked.pk}).json()["data"]["id"] == made["id"]
        assert ranked.member.post(f"/api/group/notices/{made['id']}/read").status_code == 200
        assert ranked.member.get("/api/group/notices/latest", params={"group_id": ranked.pk}).json()["data"] is None
        assert delete(ranked.admin, f"/api/group/notices/{made['id']}").status_code == 200
        assert listed(ranked.member, ranked.im_id) == []


def test_a_destroyed_groups_announcements_are_gone(api, ranked):
    made = announce(ranked.owner, ranked.im_id)
    assert ranked.owner.im("DELETE", "/group/destroy", params={"group_id": ranked.im_id}).status_code == 200
    assert_im_error(ranked.owner.im("GET", "/group/announcement/list", params={"group_id": ranked.im_id}), 404)
    params = {"group_id": ranked.im_id, "announcement_id": made["id"]}
    assert_im_error(ranked.owner.im("GET", "/group/announcement", params=params), 404)
    assert count_rows(api, "notice", "group_id", ranked.pk) == 0
