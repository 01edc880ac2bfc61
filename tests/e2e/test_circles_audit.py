"""CIRCLE_REQUIRE_AUDIT=1: a new circle is pending (audit 0), hidden from lists and counts,
visible to its creator under user-groups?type=audit, until CircleAdminService reviews it.
Runs its own stack, on SQLite and on PostgreSQL."""

import tempfile
from pathlib import Path

import pytest

from tests.support.circles_setup import CircleAdmin, P, assert_circles_error, put, unique_name
from tests.support.client import Api
from tests.support.processes import Postgres, Stack


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def audited(request):
    data_dir = Path(tempfile.mkdtemp(prefix=f"groupkit-circle-audit-{request.param}-"))
    postgres = None
    if request.param == "sqlite":
        url = f"sqlite:///{data_dir}/groups.db"
    else:
        postgres = Postgres()
        if not postgres.available:
            pytest.skip("PostgreSQL is not installed here (CI installs it)")
        url = postgres.start().url
    stack = Stack(data_dir, url, {"CIRCLE_REQUIRE_AUDIT": "1"}).start()
    yield Api(stack)
    stack.stop()
    if postgres is not None:
        postgres.stop()
    assert "Traceback" not in stack.log()


def test_pending_circle_waits_for_review(audited):
    api = audited
    admin = CircleAdmin(api)
    category, tag = admin.category(), admin.tag()
    owner, other = api.user(), api.user()
    count = api.request("GET", f"{P}/groups/count").json()["count"]
    name = unique_name()
    reply = owner.post(f"{P}/categories/{category}/groups", {
        "name": name, "avatar": "https://img.example.com/a.png", "tags": [{"id": tag}], "mode": "public"})
    assert reply.status_code == 201, reply.text
    assert reply.json()["message"] == "创建成功，等待审核"
    group = reply.json()["group"]
    assert (group["audit"], group["users_count"], group["founder"], group["joined"]) == (0, 0, None, None)
    circle_id = group["id"]
    admin.recommend(circle_id)
    for path, params in ((f"{P}/groups", {"keyword": name}), (f"{P}/categories/{category}/groups", {}),
                         (f"{P}/recommend/groups", {}), (f"{P}/groups", {"id": str(circle_id)})):
        assert circle_id not in [c["id"] for c in api.request("GET", path, params=params).json()], path
    assert api.request("GET", f"{P}/groups/count").json()["count"] == count
    assert owner.get(f"{P}/groups/{circle_id}").json()["audit"] == 0  # viewable by id
    mine = owner.get(f"{P}/user-groups", params={"type": "audit"}).json()
    assert [c["id"] for c in mine] == [circle_id] and mine[0]["joined"] is None and "join_at" not in mine[0]
    assert other.get(f"{P}/user-groups", params={"type": "audit"}).json() == []
    assert_circles_error(put(other, f"{P}/groups/{circle_id}"), 403)  # cannot join a pending circle
    assert_circles_error(owner.post(f"{P}/groups/{circle_id}", {"summary": "x"}), 403)

    admin.review(circle_id, 1)
    detail = owner.get(f"{P}/groups/{circle_id}").json()
    assert (detail["audit"], detail["users_count"], detail["founder"]["user_id"]) == (1, 1, owner.id)
    assert api.request("GET", f"{P}/groups/count").json()["count"] == count + 1
    assert [c["id"] for c in api.request("GET", f"{P}/groups", params={"keyword": name}).json()] == [circle_id]
    assert owner.get(f"{P}/user-groups", params={"type": "audit"}).json() == []
    assert put(other, f"{P}/groups/{circle_id}").status_code == 201

    admin.review(circle_id, 2)
    assert_circles_error(other.get(f"{P}/groups/{circle_id}"), 403, "圈子审核被驳回或已关闭无法访问")
    assert api.request("GET", f"{P}/groups/count").json()["count"] == count
