"""One domain behind two dialects: a group made in one is the same group in the other."""

from tests.support.documented import GROUP_DETAIL, IM_GROUP_INFO
from tests.support.shapes import assert_shape


def test_a_community_group_reads_the_same_through_the_im_dialect(api):
    owner, a, b = api.user(), api.user(), api.user()
    group = api.community_group(owner, [a, b], name="同一个群")
    groupid = int(api.groupid_of(owner, group["id"]))
    body = a.im("GET", "/group/info", params={"group_id": groupid}).json()
    assert_shape(body, IM_GROUP_INFO)
    info = body["data"]
    assert (info["owner_id"], info["count"], info["capacity"], info["name"]) == (owner.id, 3, 500, "同一个群")
    listed = a.im("GET", "/group/member_list", params={"group_id": groupid}).json()
    assert [m["user_id"] for m in listed["data"]] == [owner.id, a.id, b.id] and listed["total"] == 3
    assert groupid in b.im("GET", "/group/user_joined").json()["data"]


def test_an_im_group_reads_the_same_through_the_community_dialect(api):
    owner, a = api.user(), api.user()
    group = api.im_group(owner, [a], name="im建的群")
    groupid = str(int(group["group_id"]))
    body = a.get(f"/api/groups/{groupid}").json()
    assert_shape(body, GROUP_DETAIL)
    detail = body["data"]
    assert (detail["owner"]["id"], detail["member_count"], detail["name"]) == (owner.id, 2, "im建的群")
    assert [(m["user_id"], m["role"]) for m in detail["members"]] == [(owner.id, 2), (a.id, 0)]
    assert detail["member"]["role"] == 0
    mine = a.get("/api/user/groups").json()["data"]
    assert [(g["groupid"], g["role"]) for g in mine] == [(groupid, 0)]


def test_a_rename_in_one_dialect_shows_in_the_other(api):
    owner = api.user()
    group = api.community_group(owner)
    groupid = int(api.groupid_of(owner, group["id"]))
    assert owner.im("POST", "/group/info/name", {"group_id": groupid, "value": "改过的名字"}).status_code == 200
    assert owner.get(f"/api/groups/{groupid}").json()["data"]["name"] == "改过的名字"
    assert owner.patch(f"/api/groups/{group['id']}", {"name": "又改了"}).status_code == 200
    assert owner.im("GET", "/group/info", params={"group_id": groupid}).json()["data"]["name"] == "又改了"
