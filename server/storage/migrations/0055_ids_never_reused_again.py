# Ids that are never reused, for the tables made after migration 0030 (see 0030 for why).
# Migrations 0040 (events) and 0045 (webhooks) made their integer primary keys with a plain
# BigAutoField, so on SQLite a deleted last row's id was handed out again. Each of them is
# rebuilt here with 0030's helper (SQLite's documented procedure: new table, copy, drop, rename,
# indexes made again; foreign keys are off around the migration), keeping every row and id;
# sqlite_sequence starts at the largest id kept. Their models now declare IdField.
# Per table, why:
#   audit_entry       its id is the audit log's paging cursor (after/before), and retention
#                     deletes rows by age, the newest too after a quiet spell
#   webhook_delivery  its id is exposed (the listing cursor, a redelivery names it), and rows
#                     go with their endpoint
#   webhook_attempt   internal (listed under its delivery), ordered by id; goes with its delivery
#   callback_hook     internal (keyed by app and hook), deleted and made again
# Left as they are, the two exemptions of tests/e2e/test_ids_never_reused.py, ids that nothing
# outside the table reads and that every evented write touches:
#   event             read by nothing on SQLite and never sent out (readers and webhooks name an
#                     event by seq, which the per-app counter hands out and never takes back, and
#                     by event_id, a ULID); on PostgreSQL the publisher orders pending rows by it,
#                     a sequence there. It is also the largest table, which a rebuild copies whole.
#   event_version     keyed by (app, scope, ref), never deleted (so the largest id never goes and
#                     none comes back), upserted by every write to a group or circle.
# With AUTOINCREMENT each of their INSERTs (an upsert too: the rowid is taken before the conflict)
# writes sqlite_sequence, one more page in a commit that would not dirty it otherwise (measured,
# SQLite WAL: 2 WAL frames per upsert commit instead of 1; an UPDATE plus one event 155 us
# instead of 125 us).
# Tables with a text key (event_counter: the app; webhook_endpoint: ep_ + ULID) have nothing to
# hand out twice. 0050 (read_floor) makes nothing on SQLite, and its key on PostgreSQL is
# (app, user_id), given by the caller. PostgreSQL's BIGSERIAL sequences never go back: nothing
# changes there.
import importlib.util
from pathlib import Path

from peewee import *

TABLES = ('audit_entry', 'callback_hook', 'webhook_attempt', 'webhook_delivery')


def _ids_never_reused():
    path = Path(__file__).with_name('0030_ids_never_reused.py')
    spec = importlib.util.spec_from_file_location('0030_ids_never_reused', path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def up(migrator, db):
    if not isinstance(db, SqliteDatabase):
        return
    helper = _ids_never_reused()
    for table in TABLES:
        row = db.execute_sql("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)).fetchone()
        if row is None or 'AUTOINCREMENT' in row[0].upper():
            continue  # not made here, or made with IdField already
        key = helper._integer_key(db, table)
        if key is None:
            raise RuntimeError(f'{table} has no one-column integer primary key: {row[0]}')
        helper._rebuild(db, table, key, row[0])
    broken = db.execute_sql('PRAGMA foreign_key_check').fetchall()
    if broken:
        raise RuntimeError(f'foreign keys broken by the rebuild: {broken[:5]}')


def down(migrator, db):
    pass  # ids that are never reused stay so
