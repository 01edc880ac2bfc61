"""Circles conformance audit: what a ThinkSNS+ client sends (forms, multipart, JSON) and
what it gets back, compared with documents 001/002 and the reference's behaviour."""

import pytest

from tests.support.circles_setup import CircleAdmin, P, assert_circles_error, create_circle, put


@pytest.fixture(scope="module")
def admin(api):
    return CircleAdmin(api)


@pytest.fixture(scope="module")
def seeded(admin):
    return {"category": admin.category(), "tag": admin.tag()}


def _application(owner, circle, user):
    listed = owner.get(f"{P}/groups/{circle['id']}/members", params={"type": "audit"})
    assert listed.status_code == 200, listed.text
    return next(m for m in listed.json() if m["user_id"] == user.id)


@pytest.mark.parametrize("encoding", ["form", "multipart"])
def test_member_audit_takes_the_status_as_a_form_or_multipart_field(api, seeded, encoding):
    owner, applicant = api.user(), api.user()
    circle = create_circle(owner, seeded["category"], seeded["tag"], mode="private")
    assert put(applicant, f"{P}/groups/{circle['id']}").status_code == 201
    application = _application(owner, circle, applicant)
    path = f"{P}/groups/{circle['id']}/members/{application['id']}/audit"
    send = {"data": {"status": "1"}} if encoding == "form" else {"files": {"status": (None, "1")}}
    reply = api.request("PATCH", path, headers=owner.bearer, **send)
    assert reply.status_code == 201, reply.text
    assert reply.json() == {"message": "审核成功"}
    assert applicant.get(f"{P}/groups/{circle['id']}").json()["joined"]["audit"] == 1


def test_member_audit_refuses_a_bad_status_in_a_form_with_the_field_named(api, seeded):
    owner, applicant = api.user(), api.user()
    circle = create_circle(owner, seeded["category"], seeded["tag"], mode="private")
    assert put(applicant, f"{P}/groups/{circle['id']}").status_code == 201
    path = f"{P}/groups/{circle['id']}/members/{_application(owner, circle, applicant)['id']}/audit"
    for body in ({"status": "abc"}, {"status": "7"}, {}):
        body = assert_circles_error(api.request("PATCH", path, headers=owner.bearer, data=body or {"x": "1"}), 422)
        assert set(body["errors"]) == {"status"}, body
    body = assert_circles_error(owner.patch(path, {"status": "abc"}), 422)
    assert set(body["errors"]) == {"status"}, body
    assert_circles_error(api.request("PATCH", path, data={"status": "1"}), 401, "Unauthenticated.")


def test_create_lists_every_invalid_field_at_once_as_laravel_does(api, seeded):
    """A client's create form shows each field's error: Laravel's validator reports them all."""
    user = api.user()
    path = f"{P}/categories/{seeded['category']}/groups"
    body = assert_circles_error(user.post(path, {}), 422)
    assert {"avatar", "name", "tags", "mode"} <= set(body["errors"]), body
    assert body["errors"]["avatar"] == ["必须上传头像"] and body["errors"]["name"] == ["圈子名称不能为空"]
    assert body["errors"]["tags"] == ["请选择标签"]
    assert all(isinstance(v, list) and len(v) == 1 and isinstance(v[0], str) for v in body["errors"].values())
    # location alone: the other three geo fields are each required with it (reference §7 #10)
    form = {"name": "位置圈", "mode": "public", "tags[0][id]": str(seeded["tag"]), "location": "成都"}
    reply = api.request("POST", path, headers=user.bearer, data=form, files={"avatar": ("a.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 8)})
    body = assert_circles_error(reply, 422)
    assert set(body["errors"]) == {"longitude", "latitude", "geo_hash"}, body
    # a taken name and an unknown mode together
    taken = create_circle(user, seeded["category"], seeded["tag"])
    body = assert_circles_error(user.post(path, {"name": taken["name"], "avatar": "https://img.example.com/a.png",
                                                 "tags": [{"id": seeded["tag"]}], "mode": "vip"}), 422)
    assert body["errors"] == {"name": ["圈子名称已存在"], "mode": ["选定的 mode 是无效的"]}, body
    # nothing was created by the refused calls
    assert [c["name"] for c in user.get(f"{P}/user-groups").json()] == [taken["name"]]


# Key order of the reference's rows (its groups columns, as doc 002's user-groups and detail
# examples print them): mode, money, summary, notice, permissions.
ROW_ORDER = ["id", "name", "user_id", "category_id", "location", "longitude", "latitude", "geo_hash", "allow_feed",
             "mode", "money", "summary", "notice", "permissions", "users_count", "posts_count", "audit"]


def test_circle_keys_come_in_the_documents_order(api, seeded):
    owner = api.user()
    circle = create_circle(owner, seeded["category"], seeded["tag"])
    assert list(circle)[:len(ROW_ORDER)] == ROW_ORDER
    detail = api.request("GET", f"{P}/groups/{circle['id']}").json()
    assert list(detail)[:len(ROW_ORDER)] == ROW_ORDER
    listed = api.request("GET", f"{P}/groups", params={"id": str(circle["id"])}).json()
    assert list(listed[0])[:len(ROW_ORDER)] == ROW_ORDER
    assert list(detail)[-5:] == ["joined", "avatar", "user", "tags", "category", "founder"][-5:]


def test_a_users_circles_are_public_like_every_circle_list(api, seeded):
    """CONTRACT: circle lists are read without a token; the reference's othersGroups has no auth
    (a guest opening a profile sees that user's circles)."""
    owner, member = api.user(), api.user()
    circle = create_circle(owner, seeded["category"], seeded["tag"])
    assert put(member, f"{P}/groups/{circle['id']}").status_code == 201
    reply = api.request("GET", f"{P}/groups/users", params={"user_id": member.id, "type": "join"})
    assert reply.status_code == 200, reply.text
    assert [c["id"] for c in reply.json()] == [circle["id"]]
    assert reply.json()[0]["joined"]["user_id"] == member.id
    body = assert_circles_error(api.request("GET", f"{P}/groups/users"), 422)
    assert set(body["errors"]) == {"user_id"}
    # another app's token sees that app's circles only
    stranger = api.user(app="other-app")
    assert stranger.get(f"{P}/groups/users", params={"user_id": member.id}).json() == []
    # a bad token is still refused, as on every public route
    assert_circles_error(api.request("GET", f"{P}/groups/users", params={"user_id": member.id},
                                     headers={"authorization": "Bearer nope"}), 401, "Unauthenticated.")


def test_update_lists_every_invalid_field_at_once(api, seeded):
    owner = api.user()
    circle = create_circle(owner, seeded["category"], seeded["tag"])
    body = assert_circles_error(owner.post(f"{P}/groups/{circle['id']}", {
        "category_id": "abc", "mode": "vip", "tags": [{"id": "x"}], "summary": ["a"]}), 422)
    assert body["errors"] == {"category_id": ["category_id 必须是个整数"], "mode": ["选定的 mode 是无效的"],
                              "tags.0.id": ["tags.0.id 必须是个整数"], "summary": ["summary 必须是一个字符串"]}, body
    # nothing changed
    assert api.request("GET", f"{P}/groups/{circle['id']}").json()["summary"] == circle["summary"]


def test_the_user_objects_carry_every_documented_key(api, seeded):
    """Doc 001/002's user object ends with extra (the reference's user_extras relation, null for a
    user without that row): present, null, since this service keeps none of those counts."""
    owner = api.user()
    circle = create_circle(owner, seeded["category"], seeded["tag"])
    detail = api.request("GET", f"{P}/groups/{circle['id']}").json()
    for user in (detail["user"], detail["founder"]["user"]):
        assert "extra" in user and user["extra"] is None, user
    members = owner.get(f"{P}/groups/{circle['id']}/members").json()
    assert members[0]["user"]["extra"] is None


def test_income_totals_are_the_founders_in_the_detail_not_in_list_items(api, seeded):
    """Anchor §5 #10: the reference never lists the income totals; the detail shows them to the
    founder alone (doc: 当前用户为圈主时存在该字段)."""
    owner, other = api.user(), api.user()
    circle = create_circle(owner, seeded["category"], seeded["tag"])
    for user in (owner, other):
        for path, params in ((f"{P}/user-groups", {}), (f"{P}/groups", {"id": str(circle["id"])})):
            for item in user.get(path, params=params).json():
                assert "join_income_count" not in item and "pinned_income_count" not in item, item
    assert owner.get(f"{P}/groups/{circle['id']}").json()["join_income_count"] == 0
    assert "join_income_count" not in other.get(f"{P}/groups/{circle['id']}").json()


def test_an_administrator_is_demoted_before_being_blacklisted(api, seeded):
    """slimkit/plus#527: the founder first removes an administrator's role, then may blacklist
    them (a blacklisted administrator stayed in the manager list and the cap of five)."""
    owner, helper = api.user(), api.user()
    circle = create_circle(owner, seeded["category"], seeded["tag"])
    path = f"{P}/groups/{circle['id']}"
    assert put(helper, path).status_code == 201
    member = next(m for m in owner.get(f"{path}/members").json() if m["user_id"] == helper.id)
    assert put(owner, f"{path}/managers/{member['id']}").status_code == 201
    assert_circles_error(put(owner, f"{path}/blacklist/{member['id']}"), 403, "请先撤销该成员的管理员身份")
    assert owner.get(f"{path}/members", params={"type": "blacklist"}).json() == []
    assert api.request("DELETE", f"{path}/managers/{member['id']}", headers=owner.bearer).status_code == 204
    assert put(owner, f"{path}/blacklist/{member['id']}").status_code == 201
    assert [m["user_id"] for m in owner.get(f"{path}/members", params={"type": "manager"}).json()] == [owner.id]
