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


# Integer keys that may come back on SQLite, each for a reason (migration 0055 says more): an
# id read by nothing outside its table, never sent out, on a table every evented write inserts
# into, where AUTOINCREMENT would cost each commit a sqlite_sequence page. A new table is not
# here, so it fails the test until it declares IdField/SmallIdField or earns a line here.
MAY_COME_BACK = {
    "event": "the outbox: events are named by seq (the per-app counter) and event_id (a ULID)",
    "event_version": "keyed by (app, scope, ref), never deleted, upserted by every evented write",
}


def _integer_keys_without_a_never_reused_source(database_url: str) -> list[str]:
    """Tables whose one-column integer primary key could hand out an id twice (but those in
    MAY_COME_BACK)."""
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
            assert set(MAY_COME_BACK) <= set(found), "an exemption names no such table: drop it"
            return sorted(set(found) - set(MAY_COME_BACK))
    with closing(psycopg2.connect(database_url)) as conn, conn.cursor() as cursor:
        # As on SQLite, one-column keys only: a key of several columns (read_floor's app and
        # user_id) holds values given by the caller, and nothing hands one out.
        cursor.execute(
            "SELECT c.table_name FROM information_schema.table_constraints t "
            "JOIN information_schema.key_column_usage k ON k.constraint_name = t.constraint_name "
            "AND k.table_schema = t.table_schema "
            "JOIN information_schema.columns c ON c.table_schema = k.table_schema AND c.table_name = k.table_name "
            "AND c.column_name = k.column_name "
            "WHERE t.constraint_type = 'PRIMARY KEY' AND t.table_schema = current_schema() "
            "AND c.data_type IN ('integer', 'bigint') "
            "AND coalesce(c.column_default, '') NOT LIKE 'nextval(%%' AND c.is_identity = 'NO' "
            "AND (SELECT count(*) FROM information_schema.key_column_usage o "
            "WHERE o.constraint_name = t.constraint_name AND o.table_schema = t.table_schema) = 1"
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


def _schema(conn) -> list[tuple]:
    return sorted(conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name != 'sqlite_sequence'"))


def test_an_old_sqlite_database_is_migrated_with_its_rows_and_ids():
    """A database made before migration 0030, with rows and a deleted last row, is rebuilt:
    every row and index kept, foreign keys whole, and the next id after the largest kept. Its
    schema ends as a new database's (the tables and indexes later migrations add included)."""
    folder = Path(tempfile.mkdtemp(prefix="groupkit-ids-"))
    fresh = open_database(f"sqlite:///{folder / 'fresh.db'}")
    migrate(fresh)
    fresh.close()
    with closing(sqlite3.connect(folder / "fresh.db")) as conn:
        new_schema = _schema(conn)
    path = folder / "old.db"
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
        kept = sorted(conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index'").fetchall())
        assert set(indexes) <= set(kept), set(indexes) - set(kept)  # the old tables' indexes, each as it was
        assert _schema(conn) == new_schema
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



def _row_values(table: str, n: int) -> dict:
    """What a row of table needs beyond zeros: its unique columns told apart by n."""
    return {
        "audit_entry": {"app": "default"},
        "webhook_delivery": {"app": "default", "endpoint_id": "ep", "event_id": f"ev{n}"},
        "webhook_attempt": {"delivery_id": 1, "attempt": n},
        "callback_hook": {"app": "default", "hook": f"hook{n}"},
    }[table]


def test_a_database_made_before_0055_keeps_its_audit_and_webhook_rows_and_ids():
    """The tables of migrations 0040 and 0045 made without AUTOINCREMENT, with rows and a deleted
    last row, are rebuilt by 0055: rows, ids and indexes kept, the next id after the largest kept."""
    path = Path(tempfile.mkdtemp(prefix="groupkit-ids-")) / "0050.db"
    db = open_database(f"sqlite:///{path}")
    with db.connection_context():
        runner = Runner(db, str(MIGRATIONS_DIR))
        runner.up(target=[m.name for m in runner.migrations() if m.idx < 55][-1])
    tables = ("audit_entry", "webhook_delivery", "webhook_attempt", "callback_hook")
    with closing(sqlite3.connect(path)) as conn, conn:
        for table in tables:
            assert "AUTOINCREMENT" not in conn.execute(
                "SELECT sql FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0].upper()
            for pk in (1, 2, 3):
                _insert(conn, table, id=pk, **_row_values(table, pk))
            conn.execute(f'DELETE FROM "{table}" WHERE id = 3')
        indexes = sorted(conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index'").fetchall())
        rows = {table: conn.execute(f'SELECT * FROM "{table}" ORDER BY id').fetchall() for table in tables}
    migrate(db)
    db.close()
    with closing(sqlite3.connect(path)) as conn, conn:
        dropped_on_purpose = {"event_event_id", "event_occurred_at", "event_app_seq",  # migration 0060
                              "event_pending"}  # migration 0065 (SQLite)
        kept = {index for index in indexes if index[0] not in dropped_on_purpose}
        assert kept <= set(conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index'"))
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        for table in tables:
            assert conn.execute(f'SELECT * FROM "{table}" ORDER BY id').fetchall() == rows[table], table
            assert [row[0] for row in rows[table]] == [1, 2]
            _insert(conn, table, **_row_values(table, 4))
            assert conn.execute(f'SELECT max(id) FROM "{table}"').fetchone() == (3,), table  # 3 is new
            conn.execute(f'DELETE FROM "{table}" WHERE id = 3')
            _insert(conn, table, **_row_values(table, 5))
            assert conn.execute(f'SELECT max(id) FROM "{table}"').fetchone() == (4,), table
    assert _integer_keys_without_a_never_reused_source(f"sqlite:///{path}") == []
