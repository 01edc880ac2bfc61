"""Arranging state for the exits tests straight in the stack's database, where no endpoint
sets it up yet (making admins, putting groups into a community), and the small REST
helpers those tests share."""

import sqlite3
from contextlib import closing

import psycopg2

from tests.support.client import User


def _execute(stack, statements: list[tuple[str, tuple]]) -> None:
    """Runs statements (written with %s placeholders) in one transaction."""
    url = stack.database_url
    if url.startswith("sqlite:///"):
        with closing(sqlite3.connect(url[len("sqlite:///"):], timeout=10)) as conn, conn:
            for sql, args in statements:
                conn.execute(sql.replace("%s", "?"), args)
        return
    with closing(psycopg2.connect(url)) as conn, conn, conn.cursor() as cursor:
        for sql, args in statements:
            cursor.execute(sql, args)


def make_admins(api, group_pk: int, *users: User) -> None:
    _execute(
        api.stack,
        [('UPDATE "member" SET role = 1 WHERE group_id = %s AND user_id = %s', (group_pk, u.id)) for u in users],
    )


def put_in_community(api, community_pk: int, *group_pks: int) -> None:
    _execute(
        api.stack,
        [('UPDATE "group" SET comm_id = %s WHERE id = %s', (community_pk, pk)) for pk in group_pks]
        + [('UPDATE "group" SET group_count = group_count + %s WHERE id = %s', (len(group_pks), community_pk))],
    )


def delete(user: User, path: str, json=None, headers=None):
    """A community-dialect DELETE with the user's bearer token."""
    return user.api.request("DELETE", path, headers={**user.bearer, **(headers or {})}, json=json)


def membership_ids(owner: User, group_pk: int) -> dict[int, int]:
    """Membership id of each member, by user id (GET /api/members)."""
    reply = owner.get("/api/members", params={"group_id": group_pk})
    assert reply.status_code == 200, reply.text
    return {m["user_id"]: m["id"] for m in reply.json()["data"]}


def im_members(viewer: User, im_id: int) -> tuple[set[int], int]:
    """(user ids, total) of GET /group/member_list."""
    reply = viewer.im("GET", "/group/member_list", params={"group_id": im_id})
    assert reply.status_code == 200, reply.text
    body = reply.json()
    return {m["user_id"] for m in body["data"]}, body["total"]


def community_view(viewer: User, groupid) -> dict:
    """GET /api/groups/{groupid} data."""
    reply = viewer.get(f"/api/groups/{groupid}")
    assert reply.status_code == 200, reply.text
    return reply.json()["data"]
