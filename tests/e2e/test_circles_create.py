"""Circles: create and update, with JSON, form-urlencoded and multipart bodies (avatar files)."""

import pytest

from tests.support import documented_circles as doc
from tests.support.circles_setup import PNG, CircleAdmin, P, assert_circles_error, create_circle, put, unique_name
from tests.support.shapes import TEXT, assert_shape


@pytest.fixture(scope="module")
def admin(api):
    return CircleAdmin(api)


@pytest.fixture(scope="module")
def seeded(admin):
    return {"category": admin.category(), "tag": admin.tag(), "tag2": admin.tag()}


def _json_body(seeded, **fields):
    return {"name": unique_name(), "avatar": "https://img.example.com/a.png", "tags": [{"id": seeded["tag"]}],
            "mode": "public", **fields}


def test_create_with_json_is_201_with_the_new_circle(api, seeded):
    owner = api.user()
    reply = owner.post(f"{P}/categories/{seeded['category']}/groups", _json_body(
        seeded, summary="简介", notice="公告", allow_feed=1, location="成都", latitude="30.66", longitude="104.06",
        geo_hash="wm3yr",
    ))
    assert reply.status_code == 201, reply.text
    assert_shape(reply.json(), doc.CREATED)
    group = reply.json()["group"]
    assert reply.json()["message"] == "创建成功"
    assert (group["user_id"], group["category_id"], group["audit"], group["users_count"]) == (
        owner.id, seeded["category"], 1, 1)
    assert (group["allow_feed"], group["permissions"], group["money"]) == (1, "member,administrator,founder", 0)
    assert (group["latitude"], group["longitude"], group["geo_hash"]) == ("30.66", "104.06", "wm3yr")
    assert group["avatar"] == "https://img.example.com/a.png"
    assert group["joined"]["role"] == "founder"


def test_create_with_a_form_and_php_brackets(api, seeded):
    owner = api.user()
    name = unique_name()
    reply = api.request("POST", f"{P}/categories/{seeded['category']}/groups", headers=owner.bearer, data={
        "name": name, "avatar": "http://img.example.com/b.jpg", "tags[0][id]": str(seeded["tag"]),
        "tags[1][id]": str(seeded["tag2"]), "mode": "paid", "money": "300", "permissions": "administrator,founder",
    })
    assert reply.status_code == 201, reply.text
    group = reply.json()["group"]
    assert (group["name"], group["mode"], group["money"], group["permissions"]) == (
        name, "paid", 300, "administrator,founder")
    assert [t["id"] for t in group["tags"]] == [seeded["tag"], seeded["tag2"]]


def test_create_with_multipart_stores_the_avatar_and_serves_it(api, seeded):
    owner = api.user()
    reply = api.request(
        "POST", f"{P}/categories/{seeded['category']}/groups", headers=owner.bearer,
        data={"name": unique_name(), "tags[][id]": str(seeded["tag"]), "mode": "private",
              "permissions[]": ["founder", "administrator"]},
        files={"avatar": ("a.png", PNG, "image/png")},
    )
    assert reply.status_code == 201, reply.text
    group = reply.json()["group"]
    assert group["mode"] == "private" and group["permissions"] == "founder,administrator"
    url = group["avatar"]
    assert url.startswith(api.stack.base_url + f"{P}/avatars/") and url.endswith(".png")
    served = api.session.get(url, timeout=10)
    assert served.status_code == 200 and served.content == PNG
    assert served.headers["content-type"] == "image/png"
    assert_circles_error(api.request("GET", f"{P}/avatars/../../etc.png"), 404)
    assert_circles_error(api.request("GET", f"{P}/avatars/{'0' * 32}.png"), 404)


def test_create_refuses_a_file_that_is_not_an_image_or_too_large(api, seeded):
    owner = api.user()
    path = f"{P}/categories/{seeded['category']}/groups"
    fields = {"name": unique_name(), "tags[0][id]": str(seeded["tag"]), "mode": "public"}
    reply = api.request("POST", path, headers=owner.bearer, data=fields,
                        files={"avatar": ("a.png", b"#!/bin/sh\necho not an image\n", "image/png")})
    assert list(assert_circles_error(reply, 422)["errors"]) == ["avatar"]
    big = PNG + b"\x00" * (2 * 1024 * 1024)
    reply = api.request("POST", path, headers=owner.bearer, data=fields, files={"avatar": ("a.png", big, "image/png")})
    assert_circles_error(reply, 413)
    assert api.request("GET", f"{P}/groups", params={"keyword": fields["name"]}).json() == []


def test_create_needs_a_token_and_a_known_category(api, seeded):
    reply = api.request("POST", f"{P}/categories/{seeded['category']}/groups", json=_json_body(seeded))
    assert_circles_error(reply, 401, "Unauthenticated.")
    owner = api.user()
    assert_circles_error(owner.post(f"{P}/categories/99999999/groups", _json_body(seeded)), 404, "内容不存在")
    stranger = api.user(app="other-app")
    assert_circles_error(stranger.post(f"{P}/categories/{seeded['category']}/groups", _json_body(seeded)), 404)


@pytest.mark.parametrize(("change", "field", "reason"), [
    ({"avatar": None}, "avatar", "必须上传头像"),
    ({"name": None}, "name", "圈子名称不能为空"),
    ({"name": "x" * 101}, "name", None),
    ({"tags": None}, "tags", "请选择标签"),
    ({"tags": []}, "tags", "请选择标签"),
    ({"tags": "1"}, "tags", None),
    ({"tags": [{"id": 99999999}]}, "tags.0.id", "选定的 tags.0.id 是无效的."),
    ({"mode": None}, "mode", None),
    ({"mode": "vip"}, "mode", "选定的 mode 是无效的"),
    ({"mode": "paid"}, "money", None),
    ({"mode": "paid", "money": "abc"}, "money", "money 必须是个整数"),
    ({"mode": "paid", "money": 0}, "money", None),
    ({"location": "成都"}, ["longitude", "latitude", "geo_hash"], None),  # each required with location
    ({"location": "成都", "longitude": "104", "latitude": "x", "geo_hash": "w"}, "latitude", None),
    ({"location": "成都", "longitude": "204", "latitude": "30", "geo_hash": "w"}, "longitude", None),
    ({"permissions": ["founder", "owner"]}, "permissions", "无效的发帖权限参数"),
    ({"permissions": []}, "permissions", "无效的参数"),
    ({"avatar": "ftp://x/y.png"}, "avatar", None),
    ({"summary": ["a"]}, "summary", None),
])
def test_create_validation_is_422_naming_the_field(api, seeded, change, field, reason):
    owner = api.user()
    body = {k: v for k, v in {**_json_body(seeded), **change}.items() if v is not None}
    reply = owner.post(f"{P}/categories/{seeded['category']}/groups", body)
    errors = assert_circles_error(reply, 422)["errors"]
    assert list(errors) == (field if isinstance(field, list) else [field]), errors
    if reason is not None:
        assert errors[field] == [reason]


def test_create_refuses_a_name_in_use(api, seeded):
    owner = api.user()
    taken = create_circle(owner, seeded["category"], seeded["tag"])["name"]
    reply = api.user().post(f"{P}/categories/{seeded['category']}/groups", _json_body(seeded, name=taken))
    assert assert_circles_error(reply, 422)["errors"] == {"name": ["圈子名称已存在"]}


def test_create_refuses_bodies_that_are_not_objects(api, seeded):
    owner = api.user()
    path = f"{P}/categories/{seeded['category']}/groups"
    reply = api.request("POST", path, headers={**owner.bearer, "content-type": "application/json"}, data=b"[1,2]")
    assert list(assert_circles_error(reply, 422)["errors"]) == ["body"]
    reply = api.request("POST", path, headers={**owner.bearer, "content-type": "application/json"}, data=b"{bad")
    assert reply.status_code == 400 and list(reply.json()) == ["message"]  # malformed JSON: refused at the edge


def test_update_by_founder_and_administrator_and_refusals(api, admin, seeded):
    owner, member, other = api.user(), api.user(), api.user()
    circle = create_circle(owner, seeded["category"], seeded["tag"], mode="private", allow_feed=1)
    path = f"{P}/groups/{circle['id']}"
    reply = owner.post(path, {"summary": "新的简介", "name": unique_name("改名")})
    assert reply.status_code == 201, reply.text
    assert reply.json()["message"] == "修改成功"
    assert_shape(reply.json(), {"message": TEXT, "group": doc.FOUNDER_DETAIL})
    assert reply.json()["group"]["summary"] == "新的简介"
    assert reply.json()["group"]["allow_feed"] == 1  # left as it was when absent
    assert_circles_error(owner.post(path, {"mode": "public"}), 422)
    # a member may not edit; an administrator edits summary but not the name
    assert put(member, path).status_code == 201
    members = owner.get(f"{path}/members", params={"type": "audit"}).json()
    application = next(m for m in members if m["user_id"] == member.id)
    assert owner.patch(f"{path}/members/{application['id']}/audit", {"status": 1}).status_code == 201
    assert_circles_error(member.post(path, {"summary": "x"}), 403, "无权限操作")
    assert put(owner, f"{path}/managers/{application['id']}").status_code == 201
    before = owner.get(path).json()["name"]
    reply = member.post(path, {"summary": "管理员改的", "name": unique_name()})
    assert reply.status_code == 201, reply.text
    assert (reply.json()["group"]["summary"], reply.json()["group"]["name"]) == ("管理员改的", before)
    assert "join_income_count" not in reply.json()["group"]
    assert_circles_error(other.post(path, {"summary": "x"}), 403)
    assert_circles_error(api.request("POST", path, json={"summary": "x"}), 401)
    assert_circles_error(owner.post(f"{P}/groups/99999999", {"summary": "x"}), 404)
    # paid upgrade with a money amount; a paid circle's mode and money are then fixed
    reply = owner.post(path, {"mode": "paid", "money": 500})
    assert reply.status_code == 201 and (reply.json()["group"]["mode"], reply.json()["group"]["money"]) == ("paid", 500)
    assert_circles_error(owner.post(path, {"mode": "paid", "money": 1}), 422)
    # a closed circle cannot be edited
    admin.review(circle["id"], 3)
    assert_circles_error(owner.post(path, {"summary": "x"}), 403)
    assert_circles_error(owner.get(path), 403, "圈子审核被驳回或已关闭无法访问")


def test_update_with_multipart_avatar_and_tags(api, seeded):
    owner = api.user()
    circle = create_circle(owner, seeded["category"], seeded["tag"])
    reply = api.request("POST", f"{P}/groups/{circle['id']}", headers=owner.bearer,
                        data={"tags[0][id]": str(seeded["tag2"])}, files={"avatar": ("x.gif", b"GIF89a" + b"\x00" * 10, "image/gif")})
    assert reply.status_code == 201, reply.text
    group = reply.json()["group"]
    assert [t["id"] for t in group["tags"]] == [seeded["tag2"]]
    assert group["avatar"].endswith(".gif")


@pytest.mark.parametrize(("change", "field"), [
    ({"category_id": "abc"}, "category_id"),
    ({"category_id": 99999999}, "category_id"),
    ({"mode": "vip"}, "mode"),
    ({"tags": [{"id": "x"}]}, "tags.0.id"),
    ({"permissions": ["root"]}, "permissions"),
    ({"latitude": "30.1"}, ["location", "longitude", "geo_hash"]),
    ({"name": ["x"]}, "name"),
])
def test_update_validation_is_422_naming_the_field(api, seeded, change, field):
    owner = api.user()
    circle = create_circle(owner, seeded["category"], seeded["tag"])
    errors = assert_circles_error(owner.post(f"{P}/groups/{circle['id']}", change), 422)["errors"]
    assert list(errors) == (field if isinstance(field, list) else [field]), errors
