# PostgreSQL's publisher (server/storage/event_queries.py) in one round trip (issue 18, point 7).
# A publication was five: BEGIN, lock and read the app's counter, number the pending rows, move
# the counter and NOTIFY, COMMIT. Under a stream of writes a publication serves a commit or two,
# so each write paid about one whole publication in the server's CPU. The same three steps now
# run in this function, one call in its own transaction. Each statement of a volatile PL/pgSQL
# function takes a fresh snapshot (READ COMMITTED), so once the counter's row lock is granted the
# numbering sees what a publisher that held it before committed: the order the module's doc
# explains is kept.
from peewee import *


def up(migrator, db):
    if isinstance(db, SqliteDatabase):
        return
    db.execute_sql('''
        CREATE OR REPLACE FUNCTION groupkit_publish_events(p_app text, p_batch integer, p_channel text)
        RETURNS TABLE (published_count integer, published_through bigint)
        LANGUAGE plpgsql VOLATILE
        -- PL/pgSQL caches its statements' plans and may switch to a generic one, blind to the app and
        -- batch: the numbering's join by id turned into a scan of the whole outbox. Planned per call.
        SET plan_cache_mode = force_custom_plan
        AS $fn$
        DECLARE
            base bigint;
            top bigint;
            n integer;
        BEGIN
            -- Locks the app's counter until commit: a second publisher waits here.
            INSERT INTO "event_counter" ("app", "last_seq", "purged_through") VALUES (p_app, 0, 0)
                ON CONFLICT ("app") DO UPDATE SET "last_seq" = "event_counter"."last_seq"
                RETURNING "event_counter"."last_seq" INTO base;
            WITH numbered AS (
                UPDATE "event" SET "seq" = base + ranked.n FROM (
                    SELECT "id", row_number() OVER (ORDER BY "id") AS n FROM (
                        SELECT "id" FROM "event" WHERE "app" = p_app AND "seq" IS NULL
                        ORDER BY "id" LIMIT p_batch FOR UPDATE
                    ) AS pending
                ) AS ranked WHERE "event"."id" = ranked."id" RETURNING "event"."seq"
            )
            SELECT count(*), max("seq") INTO n, top FROM numbered;
            IF n > 0 THEN
                UPDATE "event_counter" SET "last_seq" = top WHERE "app" = p_app;
                PERFORM pg_notify(p_channel, top::text);
            END IF;
            RETURN QUERY SELECT n, COALESCE(top, base);
        END
        $fn$''')


def down(migrator, db):
    if isinstance(db, SqliteDatabase):
        return
    db.execute_sql("DROP FUNCTION IF EXISTS groupkit_publish_events(text, integer, text)")
