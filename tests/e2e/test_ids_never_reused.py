"""Ids are never handed out twice (migration 0030): create, delete the newest row, create again,
and the new row has a new id, through the API on SQLite and on PostgreSQL (whose sequences
never go back: the same test proves it). A stale id then answers 404 instead of a newer row.
The schema says so for every integer primary key, and an old SQLite database is migrated
with its rows, ids and indexes kept."""

import sqlite3
import tempfile
from contextlib import closing
from pathlib import Path

import psycopg2
from playhouse.migrations import Runner

from server.storage.db import MIGRATIONS_DIR, migrate, open_database
from tests.support.circles_setup import CircleAdmin, P, create_circle, delete, put
from tests.support.notices_setup import publish, ranked_group, upload


def test_a_left_circles_membership_id_is_not_given_to_the_next_member(api):
    admin = CircleAdmin(api)
    founder, member = api.user(), api.user()
    circle = create_circle(founder, admin.category(), admin.tag())["id"]

    def membership_id():
        rows = founder.get(f"{P}/groups/{circle}/members", params={"type": "member"}).json()
        return next(row["id"] for row in rows if row["user_id"] == member.id)

    assert put(member, f"{P}/groups/{circle}").status_code == 201
    first = membership_id()
    assert delete(member, f"{P}/groups/{circle}/exit").status_code == 204  # the newest row goes
    assert put(member, f"{P}/groups/{circle}").status_code == 201
    second = membership_id()
    assert second > first
    stale = delete(founder, f"{P}/groups/{circle}/members/{first}")  # the old id names nobody now
    assert stale.status_code == 404 and stale.json() == {"message": "内容不存在"}


def test_a_deleted_notices_id_is_not_given_to_the_next_notice(api):
    ranked = ranked_group(api)
    first = publish(ranked.owner, ranked.pk, title="第一条")["id"]
    assert api.request("DELETE", f"/api/group/notices/{first}", headers=ranked.owner.bearer).status_code == 200
    second = publish(ranked.owner, ranked.pk, title="第二条")["id"]
    assert second > first
    stale = api.request("DELETE", f"/api/group/notices/{first}", headers=ranked.owner.bearer)
    assert stale.status_code == 404


def test_a_deleted_files_id_is_not_given_to_the_next_file(api):
    ranked = ranked_group(api, "im")
    first = upload(ranked.owner, ranked.im_id, name="一.pdf")["file_id"]
    reply = ranked.owner.im("POST", "/group/file/delete", {"group_id": ranked.im_id, "file_list": [first]})
    assert reply.json()["data"][0]["result"] == "success", reply.text
    second = upload(ranked.owner, ranked.im_id, name="二.pdf")["file_id"]
    assert second > first
    stale = ranked.owner.im("GET", "/group/file", params={"group_id": ranked.im_id, "file_id": first})
    assert stale.status_code == 404


def _integer_keys_without_a_never_reused_source(database_url: str) -> list[str]:
    """Tables whose one-column integer primary key could hand out an id twice."""
    if database_url.startswith("sqlite:///"):
        with closing(sqlite3.connect(database_url[len("sqlite:///"):], timeout=10)) as conn:
            found = []
            for table, sql in conn.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%'"
            ):
                keys = [row for row in conn.execute(f'PRAGMA table_info("{table}")') if row[5]]
                integer = len(keys) == 1 and keys[0][2].upper() == "INTEGER"
                if integer and table != "schema_migration" and "AUTOINCREMENT" not in sql.upper():
                    found.append(table)
            return found
    with closing(psycopg2.connect(database_url)) as conn, conn.cursor() as cursor:
        cursor.execute(
            "SELECT c.table_name FROM information_schema.table_constraints t "
            "JOIN information_schema.key_column_usage k ON k.constraint_name = t.constraint_name "
            "AND k.table_schema = t.table_schema "
            "JOIN information_schema.columns c ON c.table_schema = k.table_schema AND c.table_name = k.table_name "
            "AND c.column_name = k.column_name "
            "WHERE t.constraint_type = 'PRIMARY KEY' AND t.table_schema = current_schema() "
            "AND c.data_type IN ('integer', 'bigint') "
            "AND coalesce(c.column_default, '') NOT LIKE 'nextval(%%' AND c.is_identity = 'NO'"
        )
        return sorted(row[0] for row in cursor.fetchall())


def test_every_integer_primary_key_draws_from_a_source_that_never_goes_back(api):
    assert _integer_keys_without_a_never_reused_source(api.stack.database_url) == []


def _insert(conn, table: str, **values) -> None:
    """A row with the given values and a zero or "" in every other required column (the
    models' defaults are Python-side), whatever columns later migrations added."""
    for _, name, kind, notnull, default, pk in conn.execute(f'PRAGMA table_info("{table}")').fetchall():
        if notnull and default is None and not pk and name not in values:
            values[name] = 0 if "INT" in kind.upper() else ""
    names = ", ".join(f'"{n}"' for n in values)
    conn.execute(f'INSERT INTO "{table}" ({names}) VALUES ({", ".join("?" for _ in values)})', tuple(values.values()))


def test_an_old_sqlite_database_is_migrated_with_its_rows_and_ids():
    """A database made before migration 0030, with rows and a deleted last row, is rebuilt:
    every row and index kept, foreign keys whole, and the next id after the largest kept."""
    path = Path(tempfile.mkdtemp(prefix="groupkit-ids-")) / "old.db"
    db = open_database(f"sqlite:///{path}")
    with db.connection_context():
        runner = Runner(db, str(MIGRATIONS_DIR))
        runner.up(target=[m.name for m in runner.migrations() if m.idx < 30][-1])  # the schema before 0030
    with closing(sqlite3.connect(path)) as conn, conn:
        for pk in (1, 2, 3):
            _insert(conn, "group", id=pk, app="default", im_id=100 + pk, number=100 + pk, kind="group")
            _insert(conn, "member", app="default", group_id=pk, user_id=5, role=2)
        conn.execute('DELETE FROM "member" WHERE group_id = 3')
        conn.execute('DELETE FROM "group" WHERE id = 3')
        indexes = sorted(conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index'").fetchall())
    migrate(db)
    db.close()
    with closing(sqlite3.connect(path)) as conn, conn:
        assert conn.execute('SELECT id, im_id FROM "group" ORDER BY id').fetchall() == [(1, 101), (2, 102)]
        assert conn.execute('SELECT group_id FROM "member" ORDER BY id').fetchall() == [(1,), (2,)]
        assert sorted(conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index'").fetchall()) == indexes
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        _insert(conn, "group", app="default", im_id=104, number=104, kind="group")
        assert conn.execute('SELECT max(id) FROM "group"').fetchone() == (3,)  # 3 was never kept: it is new
        conn.execute('DELETE FROM "group" WHERE id = 3')
        _insert(conn, "group", app="default", im_id=105, number=105, kind="group")
        assert conn.execute('SELECT max(id) FROM "group"').fetchone() == (4,)
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("PRAGMA foreign_keys = ON")  # outside a transaction, as the server's connections
        with conn:
            conn.execute('DELETE FROM "group" WHERE id = 1')  # cascades still reach the rebuilt member table
        assert conn.execute('SELECT group_id FROM "member" ORDER BY id').fetchall() == [(2,)]
    assert _integer_keys_without_a_never_reused_source(f"sqlite:///{path}") == []
