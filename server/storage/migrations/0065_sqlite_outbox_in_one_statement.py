# SQLite writes a unit of work's whole outbox in one statement (issue 18, point 7: the write's
# cost). A write used to run up to four statements for its events: the group's or circle's
# version upsert, the app's seq counter upsert, the event rows, the audit rows. Each statement is
# a round trip through the sqlite3 module, which gives up the interpreter lock while SQLite works
# and takes it back among busy worker threads: under load that cost more than the statements.
# Now the server inserts into the view event_write (the event's columns and its audit entry's
# changes, NULL when the change is not audited) and the view's trigger, inside that statement,
# moves both counters, writes the event with its seq and version, and the audit entry.
#
# SQLite only: one writer at a time, so numbering at insert is numbering in commit order.
# PostgreSQL's publisher numbers committed rows (server/storage/event_queries.py): its rows carry
# a NULL seq until then. The publisher's index of rows still without a seq serves nothing on
# SQLite, where no row is ever without one: dropped, one b-tree less in every write.
from peewee import *

_SCOPE = "CASE WHEN NEW.\"group_id\" IS NOT NULL THEN 'group' ELSE 'circle' END"
_REF = 'COALESCE(NEW."group_id", NEW."circle_id")'


def up(migrator, db):
    if not isinstance(db, SqliteDatabase):
        return
    db.execute_sql('DROP INDEX IF EXISTS "event_pending"')
    db.execute_sql('''
        CREATE VIEW "event_write" AS
        SELECT "event_id", "app", "type", "occurred_at", "group_id", "circle_id", "actor", "target", "reason",
               "request_id", "data", NULL AS "audit_changes"
        FROM "event" WHERE 0''')
    db.execute_sql(f'''
        CREATE TRIGGER "event_write_insert" INSTEAD OF INSERT ON "event_write" FOR EACH ROW
        BEGIN
            INSERT INTO "event_counter" ("app", "last_seq", "purged_through") VALUES (NEW."app", 1, 0)
                ON CONFLICT ("app") DO UPDATE SET "last_seq" = "last_seq" + 1;
            INSERT INTO "event_version" ("app", "scope", "ref", "version")
                SELECT NEW."app", {_SCOPE}, {_REF}, 1 WHERE {_REF} IS NOT NULL
                ON CONFLICT ("app", "scope", "ref") DO UPDATE SET "version" = "version" + 1;
            INSERT INTO "event" ("event_id", "app", "seq", "type", "occurred_at", "group_id", "circle_id", "version",
                                 "actor", "target", "reason", "request_id", "data")
            VALUES (
                NEW."event_id", NEW."app", (SELECT "last_seq" FROM "event_counter" WHERE "app" = NEW."app"),
                NEW."type", NEW."occurred_at", NEW."group_id", NEW."circle_id",
                COALESCE((SELECT "version" FROM "event_version"
                          WHERE "app" = NEW."app" AND "scope" = {_SCOPE} AND "ref" = {_REF}), 0),
                NEW."actor", NEW."target", NEW."reason", NEW."request_id", NEW."data");
            INSERT INTO "audit_entry" ("app", "group_id", "circle_id", "actor", "action", "target", "changes",
                                       "reason", "request_id", "created_at")
                SELECT NEW."app", NEW."group_id", NEW."circle_id", NEW."actor", NEW."type", NEW."target",
                       NEW."audit_changes", NEW."reason", NEW."request_id", NEW."occurred_at"
                WHERE NEW."audit_changes" IS NOT NULL;
        END''')


def down(migrator, db):
    if not isinstance(db, SqliteDatabase):
        return
    db.execute_sql('DROP TRIGGER IF EXISTS "event_write_insert"')
    db.execute_sql('DROP VIEW IF EXISTS "event_write"')
    db.execute_sql('CREATE INDEX IF NOT EXISTS "event_pending" ON "event" ("id") WHERE "seq" IS NULL')
