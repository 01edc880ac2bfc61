# The outbox row is written by every write (issue 18, point 7: the write's cost). Two of its
# indexes served nothing hot: event_id is a ULID made by the server (unique by construction,
# looked up by nothing), and retention finds its cut by seq (server/storage/event_queries.purge),
# not by scanning occurred_at. Each index was one more b-tree insert per event, and on PostgreSQL
# one more when the publisher gives the row its seq.
from peewee import *


def up(migrator, db):
    db.execute_sql('DROP INDEX IF EXISTS "event_event_id"')
    db.execute_sql('DROP INDEX IF EXISTS "event_occurred_at"')
    # PostgreSQL inserts events without a seq (the publisher numbers them): every concurrent
    # insert put its (app, NULL) entry at the same end of the unique index, a page all writers
    # fought over (creates: 218 -> 333 a second once gone). Published rows only; reads and
    # retention ask for seq > x, which the partial index serves on both databases.
    db.execute_sql('DROP INDEX IF EXISTS "event_app_seq"')
    db.execute_sql('CREATE UNIQUE INDEX "event_app_seq" ON "event" ("app", "seq") WHERE "seq" IS NOT NULL')


def down(migrator, db):
    db.execute_sql('DROP INDEX "event_app_seq"')
    db.execute_sql('CREATE UNIQUE INDEX "event_app_seq" ON "event" ("app", "seq")')
    db.execute_sql('CREATE UNIQUE INDEX "event_event_id" ON "event" ("event_id")')
    db.execute_sql('CREATE INDEX "event_occurred_at" ON "event" ("occurred_at")')
