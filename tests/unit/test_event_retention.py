"""Retention of the outbox on a real SQLite file: the cut is found by bisecting seq (the outbox
keeps no occurred_at index, migration 0060), and an app's purged_through follows it."""

from server.storage import event_queries
from server.storage.sql import execute, fetch_all


def record(uow, count):
    for n in range(count):
        with uow.write("default") as store:
            store.record_event("group.created", target=f"group:{n + 1}", group_id=n + 1, data={})
    with uow.write("default"):  # seq n occurred at n seconds
        execute('UPDATE "event" SET "occurred_at" = "seq" * 1000')


def kept(uow):
    with uow.read("default"):
        return [seq for (seq,) in fetch_all('SELECT "seq" FROM "event" ORDER BY "seq"')]


def purge(uow, horizon_ms):
    with uow.write("default"):
        return event_queries.purge(horizon_ms, 0, 10**12)


def test_events_older_than_the_horizon_go_and_the_cursor_floor_moves(uow):
    record(uow, 10)
    assert purge(uow, 5_500) == (5, 0)  # seq 1–5 occurred before 5.5 s
    assert kept(uow) == [6, 7, 8, 9, 10]
    with uow.read("default"):
        assert event_queries.cursor("default") == (10, 6)  # a cursor below 5 is out of range now
    assert purge(uow, 5_500) == (0, 0)
    assert purge(uow, 1_000_000) == (5, 0)
    assert kept(uow) == []


def test_the_cut_is_exact_on_any_boundary(uow):
    record(uow, 37)
    for horizon_ms, first_kept in [(1_000, 1), (1_001, 2), (17_000, 17), (36_999, 37), (37_001, None)]:
        purge(uow, horizon_ms)
        assert (kept(uow) or [None])[0] == first_kept, horizon_ms
