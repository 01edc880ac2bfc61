"""The SQLite outbox on a real file (issue 18, point 7): a write's events and audit entries go
out in one statement, through the view whose trigger numbers them (migration 0065), and the
writes of every thread share one connection, taken in turn."""

import threading

from server.storage import event_queries
from server.storage.models import database
from server.storage.sql import fetch_all


def outbox_statements(uow, write):
    """The texts of the statements the shared writer connection ran during write() (SQLite's
    trace names the outer statement again for each statement of a trigger it fires)."""
    seen = []
    uow._sqlite_write_db.connect(reuse_if_open=True)
    connection = uow._sqlite_write_db.connection()
    connection.set_trace_callback(seen.append)
    try:
        write()
    finally:
        connection.set_trace_callback(None)
    return list(dict.fromkeys(seen))


def test_a_writes_events_and_audit_entries_are_one_statement_numbered_in_sqlite(uow):
    def write():
        with uow.write("default") as store:
            store.record_event("group.created", target="group:7", group_id=7, data={"name": "x"}, audit=True)
            store.record_event("group.member.joined", target="user:5", group_id=7, data={"user_ids": [5]})
            store.record_event("circle.updated", target="circle:3", circle_id=3, audit=True,
                               data={"changes": [{"key": "name", "old": "a", "new": "b"}]})

    statements = outbox_statements(uow, write)
    outbox = [s for s in statements if "event" in s or "audit_entry" in s]
    assert len(outbox) == 1 and outbox[0].startswith('INSERT INTO "event_write"'), statements
    assert outbox[0].count("'evt_") == 3  # the three events, as the rows of that one statement
    with uow.read("default"):
        events = fetch_all('SELECT "seq", "type", "group_id", "circle_id", "version" FROM "event" ORDER BY "id"')
        audits = fetch_all('SELECT "action", "target", "group_id", "circle_id", "changes", "created_at" FROM "audit_entry" '
                           'ORDER BY "id"')
        occurred = fetch_all('SELECT "occurred_at" FROM "event" ORDER BY "id"')[0][0]
        assert event_queries.cursor("default") == (3, 1)
    assert events == [(1, "group.created", 7, None, 1), (2, "group.member.joined", 7, None, 2),
                      (3, "circle.updated", None, 3, 1)]
    assert audits == [
        ("group.created", "group:7", 7, None, "[]", occurred),
        ("circle.updated", "circle:3", None, 3, '[{"key": "name", "old": "a", "new": "b"}]', occurred),
    ]


def test_writers_on_many_threads_share_one_connection_and_number_without_gaps(uow):
    used, lock = set(), threading.Lock()

    def writer(group_id):
        for _ in range(25):
            with uow.write("default") as store:
                with lock:
                    used.add(id(database.connection()))
                store.record_event("group.updated", target=f"group:{group_id}", group_id=group_id, data={})

    threads = [threading.Thread(target=writer, args=(group_id,)) for group_id in (1, 2, 3, 4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert used == {id(uow._sqlite_write_db.connection())}
    with uow.read("default"):
        assert id(database.connection()) not in used  # reads keep the thread's own connection
        seqs = [seq for (seq,) in fetch_all('SELECT "seq" FROM "event" ORDER BY "seq"')]
        versions = fetch_all('SELECT "group_id", "version" FROM "event" ORDER BY "seq"')
    assert seqs == list(range(1, 101))
    for group_id in (1, 2, 3, 4):
        assert [v for g, v in versions if g == group_id] == list(range(1, 26))


def test_a_write_that_fails_leaves_the_shared_connection_ready_for_the_next(uow):
    try:
        with uow.write("default") as store:
            store.record_event("group.updated", target="group:1", group_id=1, data={})
            raise RuntimeError("the use case failed")
    except RuntimeError:
        pass
    with uow.write("default") as store:
        store.record_event("group.updated", target="group:1", group_id=1, data={})
    with uow.read("default"):
        assert fetch_all('SELECT "seq", "version" FROM "event"') == [(1, 1)]  # the failed write left nothing
