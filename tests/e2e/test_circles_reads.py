"""Circles (documents 001/002): the public reads, with and without a token."""

import pytest

from tests.support import documented_circles as doc
from tests.support.circles_setup import (
    CircleAdmin,
    P,
    assert_circles_error,
    create_circle,
    membership_id,
    put,
    unique_name,
)
from tests.support.shapes import assert_shape


@pytest.fixture(scope="module")
def admin(api):
    return CircleAdmin(api)


@pytest.fixture(scope="module")
def seeded(api, admin):
    return {"category": admin.category(), "tag": admin.tag()}


def test_categories_are_listed_in_order_without_a_token(api, admin):
    later = admin.category(sort_by=900_000)
    first = admin.category(sort_by=-5)
    hidden = admin.category(status=1)
    reply = api.request("GET", f"{P}/categories")
    assert reply.status_code == 200
    items = reply.json()
    assert_shape(items, [doc.CATEGORY])
    ids = [c["id"] for c in items]
    assert ids[0] == first and ids[-1] == later and hidden not in ids
    assert {"兴趣", "生活", "科技", "体育"} <= {c["name"] for c in items}  # seeded for the default app


def test_protocol_is_empty_until_an_admin_sets_it_then_shown(api, admin):
    reply = api.request("GET", f"{P}/groups/protocol")
    assert reply.status_code == 200
    assert_shape(reply.json(), doc.PROTOCOL)
    admin.protocol("# 圈子协议\n遵守规则")
    assert api.request("GET", f"{P}/groups/protocol").json() == {"protocol": "# 圈子协议\n遵守规则"}


def test_admin_rpcs_need_an_admin_token(api):
    import grpc

    from groupkit.internal.v1 import circle_admin_service_pb2 as pb
    from groupkit.internal.v1 import circle_admin_service_pb2_grpc

    user = api.user()
    with grpc.insecure_channel(f"127.0.0.1:{api.stack.grpc_port}") as channel:
        stub = circle_admin_service_pb2_grpc.CircleAdminServiceStub(channel)
        with pytest.raises(grpc.RpcError) as caught:
            stub.SetCircleProtocol(pb.SetCircleProtocolRequest(protocol="x"),
                                   metadata=[("authorization", f"Bearer {user.token}")], timeout=10)
    assert caught.value.code() == grpc.StatusCode.PERMISSION_DENIED


def test_count_counts_approved_circles(api, admin, seeded):
    before = api.request("GET", f"{P}/groups/count")
    assert before.status_code == 200
    assert_shape(before.json(), doc.COUNT)
    owner = api.user()
    create_circle(owner, seeded["category"], seeded["tag"])
    assert api.request("GET", f"{P}/groups/count").json()["count"] == before.json()["count"] + 1


def test_all_circles_search_takes_percent_and_underscore_literally(api, seeded):
    owner = api.user()
    marker = unique_name("搜")
    plain = create_circle(owner, seeded["category"], seeded["tag"], name=f"{marker}普通")
    percent = create_circle(owner, seeded["category"], seeded["tag"], name=f"{marker}100%_圈")
    reply = api.request("GET", f"{P}/groups", params={"keyword": marker})
    assert reply.status_code == 200
    assert_shape(reply.json(), [doc.CIRCLE])
    assert [c["id"] for c in reply.json()] == [plain["id"], percent["id"]]
    assert [c["id"] for c in api.request("GET", f"{P}/groups", params={"keyword": f"{marker}100%"}).json()] == [percent["id"]]
    assert api.request("GET", f"{P}/groups", params={"keyword": f"{marker}%"}).json() == []
    assert api.request("GET", f"{P}/groups", params={"keyword": f"{marker}_"}).json() == []
    assert [c["id"] for c in api.request("GET", f"{P}/groups", params={"keyword": "_圈"}).json()] == [percent["id"]]


def test_all_circles_by_category_and_paging(api, admin, seeded):
    owner = api.user()
    category = admin.category()
    made = [create_circle(owner, category, seeded["tag"])["id"] for _ in range(3)]
    listed = api.request("GET", f"{P}/groups", params={"category_id": category}).json()
    assert [c["id"] for c in listed] == made
    page = api.request("GET", f"{P}/groups", params={"category_id": category, "limit": 1, "offset": 1}).json()
    assert [c["id"] for c in page] == made[1:2]
    assert api.request("GET", f"{P}/groups", params={"category_id": category, "limit": 0}).json() == []


def test_all_circles_by_ids_ignores_paging_and_caps_the_count(api, seeded):
    owner = api.user()
    a, b = (create_circle(owner, seeded["category"], seeded["tag"])["id"] for _ in range(2))
    reply = api.request("GET", f"{P}/groups", params={"id": f"{b},{a},999999,0,", "limit": 1})
    assert [c["id"] for c in reply.json()] == [b, a]
    too_many = ",".join(str(i) for i in range(1, 102))
    assert_circles_error(api.request("GET", f"{P}/groups", params={"id": too_many}), 422)
    body = assert_circles_error(api.request("GET", f"{P}/groups", params={"id": "1,x"}), 422)
    assert "id" in body["errors"]


def test_bad_paging_is_422_with_the_field(api):
    body = assert_circles_error(api.request("GET", f"{P}/groups", params={"limit": -1}), 422)
    assert list(body["errors"]) == ["limit"]
    body = assert_circles_error(api.request("GET", f"{P}/groups", params={"offset": -1}), 422)
    assert list(body["errors"]) == ["offset"]
    body = assert_circles_error(api.request("GET", f"{P}/groups", params={"limit": "abc"}), 422)
    assert list(body["errors"]) == ["limit"]
    assert api.request("GET", f"{P}/groups", params={"_": "1", "page": "2"}).status_code == 200  # unknown: ignored


def test_category_circles_newest_first_unknown_category_empty(api, admin, seeded):
    owner = api.user()
    category = admin.category()
    made = [create_circle(owner, category, seeded["tag"])["id"] for _ in range(3)]
    reply = api.request("GET", f"{P}/categories/{category}/groups")
    assert reply.status_code == 200
    assert_shape(reply.json(), [doc.CIRCLE])
    assert [c["id"] for c in reply.json()] == made[::-1]
    assert api.request("GET", f"{P}/categories/99999999/groups").json() == []


def test_joined_is_the_viewers_membership(api, seeded):
    owner, member, outsider = api.user(), api.user(), api.user()
    circle = create_circle(owner, seeded["category"], seeded["tag"])
    assert put(member, f"{P}/groups/{circle['id']}").status_code == 201
    path = f"{P}/groups"
    params = {"id": str(circle["id"])}
    assert api.request("GET", path, params=params).json()[0]["joined"] is None
    assert outsider.get(path, params=params).json()[0]["joined"] is None
    joined = member.get(path, params=params).json()[0]["joined"]
    assert_shape(joined, doc.MEMBER)
    assert (joined["user_id"], joined["role"], joined["audit"], joined["disabled"]) == (member.id, "member", 1, 0)
    assert owner.get(path, params=params).json()[0]["joined"]["role"] == "founder"


def test_detail_shape_founder_sees_income_others_do_not(api, seeded):
    owner, viewer = api.user(name="圈主"), api.user()
    circle = create_circle(owner, seeded["category"], seeded["tag"], summary="简介", notice="公告")
    founder_view = owner.get(f"{P}/groups/{circle['id']}")
    assert founder_view.status_code == 200
    assert_shape(founder_view.json(), doc.FOUNDER_DETAIL)
    body = founder_view.json()
    assert (body["join_income_count"], body["pinned_income_count"], body["blacklist_count"]) == (0, 0, 0)
    assert body["user"]["id"] == owner.id and body["user"]["name"] == "圈主"
    assert body["founder"]["user_id"] == owner.id and body["founder"]["role"] == "founder"
    assert_shape(body["founder"], doc.FOUNDER)
    assert [t["id"] for t in body["tags"]] == [seeded["tag"]]
    assert body["category"]["id"] == seeded["category"]
    assert (body["users_count"], body["posts_count"], body["excellen_posts_count"]) == (1, 0, 0)
    for reply in (viewer.get(f"{P}/groups/{circle['id']}"), api.request("GET", f"{P}/groups/{circle['id']}")):
        assert reply.status_code == 200
        assert_shape(reply.json(), doc.DETAIL)


def test_detail_unknown_is_404(api):
    assert_circles_error(api.request("GET", f"{P}/groups/99999999"), 404, "内容不存在")


def test_another_apps_circle_is_404(api, seeded):
    owner = api.user()
    circle = create_circle(owner, seeded["category"], seeded["tag"])
    stranger = api.user(app="other-app")
    assert_circles_error(stranger.get(f"{P}/groups/{circle['id']}"), 404, "内容不存在")
    assert stranger.get(f"{P}/groups", params={"id": str(circle["id"])}).json() == []


def test_recommended_in_curated_order_random_and_without_mine(api, admin, seeded):
    owner, viewer = api.user(), api.user()
    made = [create_circle(owner, seeded["category"], seeded["tag"])["id"] for _ in range(3)]
    for order, circle_id in zip((-30, -20, -10), (made[2], made[0], made[1]), strict=True):
        admin.recommend(circle_id, sort_by=order)
    reply = viewer.get(f"{P}/recommend/groups")
    assert reply.status_code == 200
    assert_shape(reply.json(), [doc.CIRCLE])
    assert [c["id"] for c in reply.json()][:3] == [made[2], made[0], made[1]]
    shuffled = api.request("GET", f"{P}/recommend/groups", params={"type": "random", "limit": 100}).json()
    assert set(made) <= {c["id"] for c in shuffled}
    assert put(viewer, f"{P}/groups/{made[0]}").status_code == 201
    assert made[0] not in [c["id"] for c in viewer.get(f"{P}/recommend/groups", params={"limit": 100}).json()]
    assert made[0] in [c["id"] for c in api.request("GET", f"{P}/recommend/groups", params={"limit": 100}).json()]
    admin.recommend(made[1], recommended=False)
    assert made[1] not in [c["id"] for c in api.request("GET", f"{P}/recommend/groups", params={"limit": 100}).json()]


def test_user_groups_needs_a_token(api):
    assert_circles_error(api.request("GET", f"{P}/user-groups"), 401, "Unauthenticated.")
    # someone else's circles are a public circle list (test_circles_conformance)
    assert api.request("GET", f"{P}/groups/users", params={"user_id": 1}).status_code == 200


def test_user_groups_join_and_allow_post(api, seeded):
    owner, member = api.user(), api.user()
    open_circle = create_circle(owner, seeded["category"], seeded["tag"])
    founders_only = create_circle(owner, seeded["category"], seeded["tag"], permissions="founder")
    for circle in (open_circle, founders_only):
        assert put(member, f"{P}/groups/{circle['id']}").status_code == 201
    reply = member.get(f"{P}/user-groups")
    assert reply.status_code == 200
    assert_shape(reply.json(), [doc.CIRCLE])
    assert [c["id"] for c in reply.json()] == [open_circle["id"], founders_only["id"]]
    assert [c["id"] for c in member.get(f"{P}/user-groups", params={"type": "join"}).json()] == [
        open_circle["id"], founders_only["id"]]
    allowed = member.get(f"{P}/user-groups", params={"type": "allow_post"}).json()
    assert [c["id"] for c in allowed] == [open_circle["id"]]
    assert {c["id"] for c in owner.get(f"{P}/user-groups", params={"type": "allow_post"}).json()} >= {
        open_circle["id"], founders_only["id"]}


def test_groups_of_a_user(api, seeded):
    owner, member, viewer = api.user(), api.user(), api.user()
    circle = create_circle(owner, seeded["category"], seeded["tag"])
    assert put(member, f"{P}/groups/{circle['id']}").status_code == 201
    reply = viewer.get(f"{P}/groups/users", params={"user_id": member.id, "type": "join"})
    assert reply.status_code == 200
    assert_shape(reply.json(), [doc.CIRCLE])
    assert [c["id"] for c in reply.json()] == [circle["id"]]
    assert reply.json()[0]["joined"]["user_id"] == member.id
    body = assert_circles_error(viewer.get(f"{P}/groups/users"), 422)
    assert "user_id" in body["errors"]
    assert_circles_error(viewer.get(f"{P}/groups/users", params={"user_id": member.id, "type": "x"}), 422)


def test_all_circles_show_each_viewer_its_own_row(api, admin, seeded):
    """Each circle of the list shows the caller's own row (membership or application, with the
    blacklist flag), or null."""
    owner, member, applicant, banned, stranger = (api.user() for _ in range(5))
    category = admin.category()
    public = create_circle(owner, category, seeded["tag"])
    private = create_circle(owner, category, seeded["tag"], mode="private")
    untouched = create_circle(owner, category, seeded["tag"])
    for user in (member, banned):
        assert put(user, f"{P}/groups/{public['id']}").status_code == 201
    assert put(applicant, f"{P}/groups/{private['id']}").status_code == 201
    assert put(owner, f"{P}/groups/{public['id']}/blacklist/{membership_id(owner, public['id'], banned)}").status_code == 201

    def joined(user):
        listed = (user.get if user else lambda path, **kw: api.request("GET", path, **kw))(
            f"{P}/groups", params={"category_id": category})
        assert listed.status_code == 200, listed.text
        assert [c["id"] for c in listed.json()] == [public["id"], private["id"], untouched["id"]]
        return [c["joined"] and (c["joined"]["user_id"], c["joined"]["role"], c["joined"]["audit"], c["joined"]["disabled"])
                for c in listed.json()]

    assert joined(owner) == [(owner.id, "founder", 1, 0), (owner.id, "founder", 1, 0), (owner.id, "founder", 1, 0)]
    assert joined(member) == [(member.id, "member", 1, 0), None, None]
    assert joined(banned) == [(banned.id, "member", 1, 1), None, None]
    assert joined(applicant) == [None, (applicant.id, "member", 0, 0), None]
    assert joined(stranger) == [None, None, None]
    assert joined(None) == [None, None, None]
    detail = member.get(f"{P}/groups/{public['id']}").json()  # the detail agrees with the list
    assert (detail["joined"]["user_id"], detail["founder"]["user_id"], detail["blacklist_count"]) == (member.id, owner.id, 1)
