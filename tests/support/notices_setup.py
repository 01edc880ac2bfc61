"""Arranging groups, notices and files for the notice and file tests."""

import sqlite3
from contextlib import closing

import psycopg2

from tests.support.client import User
from tests.support.exits_setup import _execute, community_view, make_admins


class Ranked:
    """A group with an owner, an admin and a member, named both ways (pk, IM id)."""

    def __init__(self, pk: int, im_id: int, owner: User, admin: User, member: User):
        self.pk, self.im_id, self.owner, self.admin, self.member = pk, im_id, owner, admin, member


def ranked_group(api, dialect: str = "community") -> Ranked:
    owner, admin, member = api.user(), api.user(), api.user()
    if dialect == "community":
        pk = api.community_group(owner, [admin, member])["id"]
        im_id = int(api.groupid_of(owner, pk))
    else:
        im_id = int(api.im_group(owner, [admin, member])["group_id"])
        pk = community_view(owner, im_id)["id"]
    make_admins(api, pk, admin)
    return Ranked(pk, im_id, owner, admin, member)


def publish(user: User, group_ref: int, title="公告标题", content="公告内容", **extra) -> dict:
    reply = user.post("/api/group/notices", {"group_id": group_ref, "title": title, "content": content, **extra})
    assert reply.status_code == 200, reply.text
    return reply.json()["data"]


def announce(user: User, im_id: int, title="群公告", content="内容") -> dict:
    reply = user.im("POST", "/group/announcement/edit", {"group_id": im_id, "title": title, "content": content})
    assert reply.status_code == 200, reply.text
    return reply.json()["data"]


def upload(user: User, im_id: int, name="报告.pdf", size=1024, url="https://files.example.com/a.pdf", **extra) -> dict:
    reply = user.im("POST", "/group/file/upload", {"group_id": im_id, "name": name, "size": size, "url": url, **extra})
    assert reply.status_code == 200, reply.text
    return reply.json()["data"]


def set_times(api, table: str, ids: list[int], created_at: int) -> None:
    """Gives rows one creation time, as if published in the same millisecond."""
    _execute(api.stack, [(f'UPDATE "{table}" SET created_at = %s WHERE id = %s', (created_at, i)) for i in ids])


def count_rows(api, table: str, column: str, value: int) -> int:
    """Rows of a table where column = value, read straight from the stack's database."""
    url = api.stack.database_url
    sql = f'SELECT COUNT(*) FROM "{table}" WHERE {column} = %s'
    if url.startswith("sqlite:///"):
        with closing(sqlite3.connect(url[len("sqlite:///"):], timeout=10)) as conn:
            return conn.execute(sql.replace("%s", "?"), (value,)).fetchone()[0]
    with closing(psycopg2.connect(url)) as conn, conn.cursor() as cursor:
        cursor.execute(sql, (value,))
        return cursor.fetchone()[0]
