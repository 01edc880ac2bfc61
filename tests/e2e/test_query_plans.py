"""Every hot query uses an index, on both databases: its plan (EXPLAIN QUERY PLAN on SQLite,
EXPLAIN on PostgreSQL) has no full table scan. PostgreSQL plans a sequential scan of a small
table whatever its indexes, so the session forbids them where it can (enable_seqscan off):
a query without a usable index still scans, and fails here."""

import peewee as pw
import pytest

from server.storage.circle_queries import CIRCLE_HOT_QUERIES
from server.storage.db import open_database
from server.storage.repository import HOT_QUERIES, RANKED_IN_INDEX_ORDER


@pytest.fixture(scope="module")
def database(stack):
    db = open_database(stack.database_url)
    with db.connection_context():
        yield db
    db.close()


def plan(db: pw.Database, sql: str, params) -> list[str]:
    if isinstance(db, pw.SqliteDatabase):
        sql = sql.removesuffix(" FOR UPDATE")
        return [row[-1] for row in db.execute_sql("EXPLAIN QUERY PLAN " + sql, params).fetchall()]
    db.execute_sql("SET enable_seqscan = off")
    return [row[0] for row in db.execute_sql("EXPLAIN " + sql.replace("?", "%s"), params).fetchall()]


def full_scans(db: pw.Database, lines: list[str]) -> list[str]:
    if isinstance(db, pw.SqliteDatabase):
        # "SCAN t" reads the whole table (or a whole index); "SEARCH t USING ..." does not.
        return [line for line in lines if line.lstrip().startswith("SCAN ") and "CONSTANT ROW" not in line]
    return [line for line in lines if "Seq Scan" in line]


ALL_HOT_QUERIES = {**HOT_QUERIES, **{f"circles: {name}": query for name, query in CIRCLE_HOT_QUERIES.items()}}


@pytest.mark.parametrize("name", sorted(ALL_HOT_QUERIES))
def test_hot_query_uses_an_index(database, name):
    sql, params = ALL_HOT_QUERIES[name]
    lines = plan(database, sql, params)
    assert lines, f"no plan for {name}"
    assert not full_scans(database, lines), f"{name} scans a whole table:\n" + "\n".join(lines)


@pytest.mark.parametrize("name", RANKED_IN_INDEX_ORDER)
def test_ranked_members_come_in_index_order_without_a_sort(database, name):
    """Owner, admins, members: the index (group_id, role DESC, id) gives that order, so a page is
    its first rows, not every member joined to a profile and sorted. SQLite's plan says so
    ("USE TEMP B-TREE" when it sorts); PostgreSQL may still sort a small table whatever its indexes."""
    if not isinstance(database, pw.SqliteDatabase):
        pytest.skip("PostgreSQL picks a sort or the index by the table's size")
    sql, params = HOT_QUERIES[name]
    lines = plan(database, sql, params)
    assert not [line for line in lines if "TEMP B-TREE" in line], f"{name} sorts:\n" + "\n".join(lines)


def test_the_check_sees_a_full_scan(database):
    """The check itself: a query on a column without an index is caught."""
    lines = plan(database, 'SELECT "id" FROM "member" WHERE "nickname" = ?', ("x",))
    assert full_scans(database, lines), "\n".join(lines)
