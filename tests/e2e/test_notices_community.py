"""Community dialect (document 000) notices: list, create, delete, read and latest unread,
with their documented shapes and failures, read counts under concurrency, and notices
going with a dismissed group."""

from concurrent.futures import ThreadPoolExecutor
from types import SimpleNamespace

import pytest
import requests

from tests.support import documented_notices as doc
from tests.support.assertions import assert_community_error
from tests.support.documented import NULL_DATA
from tests.support.exits_setup import delete
from tests.support.notices_setup import count_rows, publish, ranked_group, set_times
from tests.support.shapes import assert_shape

OTHER_APP = "acme"
G = object()  # stands for the group's id in parametrized bodies


def assert_ok(reply, shape, msg="ok"):
    assert reply.status_code == 200, reply.text
    body = reply.json()
    assert_shape(body, shape)
    assert (body["msg"], body["code"]) == (msg, 0)
    return body["data"]


def listed(user, group_ref, **params):
    return assert_ok(user.get("/api/group/notices", params={"group_id": group_ref, **params}), doc.LIST_NOTICES)


def latest(user, group_ref):
    """The latest unread notice's data: the documented notice, or null when nothing is unread."""
    reply = user.get("/api/group/notices/latest", params={"group_id": group_ref})
    nothing = reply.status_code == 200 and reply.json()["data"] is None
    return assert_ok(reply, NULL_DATA if nothing else doc.LATEST_NOTICE)


@pytest.fixture
def ranked(api):
    return ranked_group(api)


@pytest.fixture
def foreign(api):
    """A group of another app (owner, member) and a notice in it."""
    owner, member = api.user(app=OTHER_APP), api.user(app=OTHER_APP)
    group = SimpleNamespace(pk=api.community_group(owner, [member])["id"], owner=owner, member=member)
    return group, publish(owner, group.pk)


class TestCreateNotice:
    def test_the_owner_publishes_with_the_documented_answer(self, api, ranked):
        reply = ranked.owner.post("/api/group/notices", {"group_id": ranked.pk, "title": "测试呢", "content": "测试测试测试"})
        data = assert_ok(reply, doc.CREATE_NOTICE, doc.CREATE_MSG)
        assert (data["user_id"], data["group_id"], data["title"], data["content"]) == (ranked.owner.id, ranked.pk, "测试呢", "测试测试测试")
        assert data["data"] == {"image": None}
        assert data["created_at"] == data["updated_at"] and len(data["created_at"]) == 19
        assert [n["id"] for n in listed(ranked.member, ranked.pk)] == [data["id"]]

    def test_an_admin_publishes_with_an_image_whose_size_is_only_what_was_given(self, api, ranked):
        sized = publish(ranked.admin, ranked.pk, image="海报.PNG", image_width=640, image_height=480)
        assert sized["data"] == {"image": {"height": 480, "width": 640, "mime": "png", "filename": "海报.PNG"}}
        unsized = publish(ranked.admin, ranked.pk, image="https://cdn.example.com/p/x.jpeg?v=2")
        image = unsized["data"]["image"]
        assert_shape(image, doc.IMAGE)
        assert image == {"height": None, "width": None, "mime": "jpeg", "filename": "https://cdn.example.com/p/x.jpeg?v=2"}
        no_extension = publish(ranked.admin, ranked.pk, image="海报")
        assert no_extension["data"]["image"] == {"height": None, "width": None, "mime": None, "filename": "海报"}
        items = {n["id"]: n for n in listed(ranked.member, ranked.pk)}
        assert items[sized["id"]]["data"] == sized["data"] and items[unsized["id"]]["data"] == unsized["data"]

    def test_the_group_may_be_named_by_its_groupid(self, api, ranked):
        data = publish(ranked.owner, ranked.im_id)
        assert data["group_id"] == ranked.pk

    def test_any_unicode_is_stored_and_echoed_exactly(self, api, ranked):
        title, content = "📢 Ｔｉｔｌｅ e\u0301 ﷽", "第一行\n\t第二行 🧑‍🤝‍🧑 \u200b end  "
        data = publish(ranked.owner, ranked.pk, title=title, content=content)
        assert (data["title"], data["content"]) == (title, content)
        item = listed(ranked.member, ranked.pk)[0]
        assert (item["title"], item["content"]) == (title, content)
        announced = ranked.member.im("GET", "/group/announcement/list", params={"group_id": ranked.im_id}).json()["data"][0]
        assert (announced["title"], announced["content"]) == (title, content)

    @pytest.mark.parametrize("who", ["member", "outsider"])
    def test_members_and_outsiders_may_not_publish(self, api, ranked, who):
        user = ranked.member if who == "member" else api.user()
        reply = user.post("/api/group/notices", {"group_id": ranked.pk, "title": "t", "content": "c"})
        assert_community_error(reply, 403)
        assert listed(ranked.owner, ranked.pk) == []

    def test_unknown_and_other_apps_groups_are_404(self, api, ranked, foreign):
        group, _ = foreign
        assert_community_error(ranked.owner.post("/api/group/notices", {"group_id": 98_765_432, "title": "t", "content": "c"}), 404)
        assert_community_error(ranked.owner.post("/api/group/notices", {"group_id": group.pk, "title": "t", "content": "c"}), 404)

    @pytest.mark.parametrize(
        "body",
        [
            {}, {"title": "t", "content": "c"}, {"group_id": "x", "title": "t", "content": "c"},
            {"group_id": G, "content": "c"}, {"group_id": G, "title": "", "content": "c"},
            {"group_id": G, "title": "  ", "content": "c"}, {"group_id": G, "title": "t"},
            {"group_id": G, "title": "t", "content": ""}, {"group_id": G, "title": 5, "content": "c"},
            {"group_id": G, "title": ["t"], "content": "c"}, {"group_id": G, "title": "t" * 129, "content": "c"},
            {"group_id": G, "title": "t", "content": "c" * 2001}, {"group_id": G, "title": "t", "content": "c", "image_width": 10},
            {"group_id": G, "title": "t", "content": "c", "image": "a.png", "image_width": 0},
            {"group_id": G, "title": "t", "content": "c", "image": "a.png", "image_height": -5},
            {"group_id": G, "title": "t", "content": "c", "image": "a.png", "image_height": "tall"},
            {"group_id": G, "title": "t\u0000", "content": "c"},
        ],
    )
    def test_missing_or_wrong_typed_fields_are_400(self, api, ranked, body):
        body = {k: ranked.pk if v is G else v for k, v in body.items()}
        assert_community_error(ranked.owner.post("/api/group/notices", body), 400)
        assert listed(ranked.owner, ranked.pk) == []

    def test_needs_a_token(self, api):
        assert_community_error(api.request("POST", "/api/group/notices", json={"group_id": 1, "title": "t", "content": "c"}), 401)


class TestListNotices:
    def test_items_have_the_documented_shape_with_publisher_and_read_count(self, api, ranked):
        notice = publish(ranked.admin, ranked.pk)
        assert_ok(ranked.member.post(f"/api/group/notices/{notice['id']}/read"), NULL_DATA, doc.READ_MSG)
        [item] = listed(ranked.member, ranked.pk)
        assert item["read_count"] == 1
        assert (item["id"], item["user_id"], item["group_id"]) == (notice["id"], ranked.admin.id, ranked.pk)
        assert item["user"] == {"id": ranked.admin.id, "name": f"user{ranked.admin.id}", "avatar": None}
        publisher = item["publisher"]
        assert_shape(publisher, doc.PUBLISHER)
        assert (publisher["user_id"], publisher["group_id"], publisher["role"]) == (ranked.admin.id, ranked.pk, 1)
        assert publisher["message"] is None
        assert publisher["user"] == item["user"]

    def test_publisher_is_null_once_they_left_and_user_stays(self, api, ranked):
        publish(ranked.admin, ranked.pk)
        assert ranked.admin.post(f"/api/members/{ranked.im_id}/quit").status_code == 200
        [item] = listed(ranked.member, ranked.pk)
        assert item["publisher"] is None
        assert item["user"]["id"] == ranked.admin.id

    def test_newest_first_and_ties_by_id(self, api, ranked):
        ids = [publish(ranked.owner, ranked.pk, title=f"n{i}")["id"] for i in range(4)]
        assert [n["id"] for n in listed(ranked.member, ranked.pk)] == ids[::-1]
        set_times(api, "notice", ids, 1_700_000_000_000)
        assert [n["id"] for n in listed(ranked.member, ranked.pk)] == ids[::-1]
        assert {n["created_at"] for n in listed(ranked.member, ranked.pk)} == {"2023-11-14 22:13:20"}

    def test_limit_defaults_to_20_and_offset_pages(self, api, ranked):
        ids = [publish(ranked.owner, ranked.pk, title=f"n{i}")["id"] for i in range(22)][::-1]
        assert [n["id"] for n in listed(ranked.member, ranked.pk)] == ids[:20]
        assert [n["id"] for n in listed(ranked.member, ranked.pk, limit=5, offset=0)] == ids[:5]
        assert [n["id"] for n in listed(ranked.member, ranked.pk, limit=5, offset=20)] == ids[20:]
        assert listed(ranked.member, ranked.pk, offset=40) == []

    def test_the_group_may_be_named_by_its_groupid(self, api, ranked):
        notice = publish(ranked.owner, ranked.pk)
        assert [n["id"] for n in listed(ranked.member, ranked.im_id)] == [notice["id"]]

    def test_an_outsider_may_not_list(self, api, ranked):
        assert_community_error(api.user().get("/api/group/notices", params={"group_id": ranked.pk}), 403)

    def test_unknown_and_other_apps_groups_are_404(self, api, ranked, foreign):
        group, _ = foreign
        assert_community_error(ranked.owner.get("/api/group/notices", params={"group_id": 98_765_432}), 404)
        assert_community_error(ranked.owner.get("/api/group/notices", params={"group_id": group.pk}), 404)

    @pytest.mark.parametrize(
        "params", [{}, {"group_id": "x"}, {"limit": 0}, {"limit": 101}, {"limit": -1}, {"limit": "x"}, {"offset": -1}, {"offset": "x"}]
    )
    def test_missing_or_wrong_typed_parameters_are_400(self, api, ranked, params):
        params = {"group_id": ranked.pk, **params} if params else params
        assert_community_error(ranked.owner.get("/api/group/notices", params=params), 400)

    def test_needs_a_token(self, api):
        assert_community_error(api.request("GET", "/api/group/notices", params={"group_id": 1}), 401)


class TestDeleteNotice:
    @pytest.mark.parametrize("who", ["owner", "admin"])
    def test_owner_and_admins_delete_for_both_dialects(self, api, ranked, who):
        notice = publish(ranked.owner, ranked.pk)
        ranked.member.post(f"/api/group/notices/{notice['id']}/read")
        reply = delete(getattr(ranked, who), f"/api/group/notices/{notice['id']}")
        assert reply.status_code == 200, reply.text
        assert reply.json() == {"msg": doc.DELETE_MSG, "code": 0, "data": None}
        assert listed(ranked.member, ranked.pk) == []
        params = {"group_id": ranked.im_id, "announcement_id": notice["id"]}
        assert ranked.member.im("GET", "/group/announcement", params=params).status_code == 404
        assert_community_error(delete(ranked.owner, f"/api/group/notices/{notice['id']}"), 404)
        assert_community_error(ranked.member.post(f"/api/group/notices/{notice['id']}/read"), 404)
        assert count_rows(api, "notice_read", "notice_id", notice["id"]) == 0

    @pytest.mark.parametrize("who", ["member", "outsider"])
    def test_members_and_outsiders_may_not_delete(self, api, ranked, who):
        notice = publish(ranked.owner, ranked.pk)
        user = ranked.member if who == "member" else api.user()
        assert_community_error(delete(user, f"/api/group/notices/{notice['id']}"), 403)
        assert len(listed(ranked.owner, ranked.pk)) == 1

    def test_an_admin_of_another_group_may_not_delete(self, api, ranked):
        notice = publish(ranked.owner, ranked.pk)
        elsewhere = ranked_group(api)
        assert_community_error(delete(elsewhere.owner, f"/api/group/notices/{notice['id']}"), 403)

    def test_unknown_and_other_apps_notices_are_404(self, api, ranked, foreign):
        group, theirs = foreign
        assert_community_error(delete(ranked.owner, "/api/group/notices/987654321"), 404)
        assert_community_error(delete(ranked.owner, f"/api/group/notices/{theirs['id']}"), 404)
        assert len(listed(group.member, group.pk)) == 1

    @pytest.mark.parametrize("path", ["/api/group/notices/x", "/api/group/notices/0", "/api/group/notices/-1"])
    def test_bad_ids_are_400(self, api, ranked, path):
        assert_community_error(delete(ranked.owner, path), 400)

    def test_needs_a_token(self, api):
        assert_community_error(api.request("DELETE", "/api/group/notices/1"), 401)


class TestReadNotice:
    def test_each_member_counts_once(self, api, ranked):
        notice = publish(ranked.owner, ranked.pk)
        for user in (ranked.member, ranked.member, ranked.admin, ranked.member, ranked.owner):
            reply = user.post(f"/api/group/notices/{notice['id']}/read")
            assert reply.status_code == 200, reply.text
            assert reply.json() == {"msg": doc.READ_MSG, "code": 0, "data": None}
        assert listed(ranked.member, ranked.pk)[0]["read_count"] == 3

    def test_twenty_simultaneous_reads_by_one_user_add_one(self, api, ranked):
        notice = publish(ranked.owner, ranked.pk)
        url = f"{api.stack.base_url}/api/group/notices/{notice['id']}/read"

        def read(_):
            return requests.post(url, headers=ranked.member.bearer, timeout=30).status_code

        with ThreadPoolExecutor(max_workers=20) as pool:
            statuses = list(pool.map(read, range(20)))
        assert statuses == [200] * 20
        assert listed(ranked.owner, ranked.pk)[0]["read_count"] == 1
        assert count_rows(api, "notice_read", "notice_id", notice["id"]) == 1
        readers = [api.user() for _ in range(20)]  # and twenty members at once add twenty
        assert ranked.owner.post("/api/invite/group", {"group_id": ranked.pk, "friends": [r.id for r in readers]}).status_code == 200
        with ThreadPoolExecutor(max_workers=20) as pool:
            statuses = list(pool.map(lambda r: requests.post(url, headers=r.bearer, timeout=30).status_code, readers))
        assert statuses == [200] * 20
        assert listed(ranked.owner, ranked.pk)[0]["read_count"] == 21

    def test_reads_racing_a_delete_answer_200_or_404_and_leave_no_reads(self, api, ranked):
        notice = publish(ranked.owner, ranked.pk)
        readers = [api.user() for _ in range(12)]
        assert ranked.owner.post("/api/invite/group", {"group_id": ranked.pk, "friends": [r.id for r in readers]}).status_code == 200
        url = f"{api.stack.base_url}/api/group/notices/{notice['id']}"

        def act(user):
            if user is ranked.owner:
                return requests.delete(url, headers=user.bearer, timeout=30).status_code
            return requests.post(f"{url}/read", headers=user.bearer, timeout=30).status_code

        with ThreadPoolExecutor(max_workers=13) as pool:
            statuses = list(pool.map(act, [*readers[:6], ranked.owner, *readers[6:]]))
        assert statuses[6] == 200
        assert set(statuses) <= {200, 404}
        assert count_rows(api, "notice_read", "notice_id", notice["id"]) == 0

    def test_an_outsider_may_not_read(self, api, ranked):
        notice = publish(ranked.owner, ranked.pk)
        assert_community_error(api.user().post(f"/api/group/notices/{notice['id']}/read"), 403)
        assert listed(ranked.owner, ranked.pk)[0]["read_count"] == 0

    def test_unknown_and_other_apps_notices_are_404(self, api, ranked, foreign):
        _, theirs = foreign
        assert_community_error(ranked.member.post("/api/group/notices/987654321/read"), 404)
        assert_community_error(ranked.member.post(f"/api/group/notices/{theirs['id']}/read"), 404)

    def test_bad_ids_are_400(self, api, ranked):
        assert_community_error(ranked.member.post("/api/group/notices/x/read"), 400)
        assert_community_error(ranked.member.post("/api/group/notices/0/read"), 400)

    def test_needs_a_token(self, api):
        assert_community_error(api.request("POST", "/api/group/notices/1/read"), 401)


class TestLatestNotice:
    def test_the_newest_unread_then_the_next_then_null(self, api, ranked):
        first = publish(ranked.owner, ranked.pk, title="first", image="a.gif")
        second = publish(ranked.admin, ranked.pk, title="second")
        data = latest(ranked.member, ranked.pk)
        assert (data["id"], data["title"], data["user_id"]) == (second["id"], "second", ranked.admin.id)
        assert (data["group_id"], data["read_count"]) == (ranked.pk, 0)
        assert data["data"] == {"image": None}
        ranked.member.post(f"/api/group/notices/{second['id']}/read")
        data = latest(ranked.member, ranked.pk)
        assert (data["id"], data["data"]["image"]["mime"]) == (first["id"], "gif")
        ranked.member.post(f"/api/group/notices/{first['id']}/read")
        assert latest(ranked.member, ranked.pk) is None
        assert latest(ranked.member, ranked.im_id) is None

    def test_own_notices_are_not_unread_for_their_publisher(self, api, ranked):
        mine = publish(ranked.owner, ranked.pk)
        assert latest(ranked.owner, ranked.pk) is None
        assert latest(ranked.admin, ranked.pk)["id"] == mine["id"]
        theirs = publish(ranked.admin, ranked.pk)
        assert latest(ranked.owner, ranked.pk)["id"] == theirs["id"]
        assert latest(ranked.admin, ranked.pk)["id"] == mine["id"]

    def test_an_outsider_may_not_ask(self, api, ranked):
        assert_community_error(api.user().get("/api/group/notices/latest", params={"group_id": ranked.pk}), 403)

    def test_unknown_and_other_apps_groups_are_404(self, api, ranked, foreign):
        group, _ = foreign
        assert_community_error(ranked.owner.get("/api/group/notices/latest", params={"group_id": 98_765_432}), 404)
        assert_community_error(ranked.owner.get("/api/group/notices/latest", params={"group_id": group.pk}), 404)

    @pytest.mark.parametrize("params", [{}, {"group_id": "x"}, {"group_id": 0}])
    def test_missing_or_wrong_typed_group_is_400(self, api, ranked, params):
        assert_community_error(ranked.owner.get("/api/group/notices/latest", params=params), 400)

    def test_needs_a_token(self, api):
        assert_community_error(api.request("GET", "/api/group/notices/latest", params={"group_id": 1}), 401)


def test_a_dismissed_groups_notices_are_gone(api, ranked):
    notice = publish(ranked.owner, ranked.pk)
    ranked.member.post(f"/api/group/notices/{notice['id']}/read")
    assert delete(ranked.owner, f"/api/groups/{ranked.pk}").status_code == 200
    assert_community_error(ranked.owner.get("/api/group/notices", params={"group_id": ranked.pk}), 404)
    assert_community_error(ranked.member.post(f"/api/group/notices/{notice['id']}/read"), 404)
    assert_community_error(delete(ranked.owner, f"/api/group/notices/{notice['id']}"), 404)
    assert count_rows(api, "notice", "group_id", ranked.pk) == 0
    assert count_rows(api, "notice_read", "notice_id", notice["id"]) == 0
