# Ids that are never reused. SQLite gives a new row the largest rowid + 1, so once the last
# row is deleted its id is handed out again and a stale id (a client's cache, a log line, an
# event) addresses the newer row. AUTOINCREMENT makes SQLite keep the largest id ever given
# (sqlite_sequence). SQLite cannot add it to a table, so every table whose primary key is one
# INTEGER column is rebuilt the way SQLite's documentation says (create the new table, copy,
# drop the old, rename the new; its indexes made again), inside the migration's transaction
# with foreign keys off (the SqliteMigrator turns them off around it). The copy keeps every id,
# and sqlite_sequence starts at the largest one kept. PostgreSQL's SERIAL/BIGSERIAL sequences
# never go back, so nothing changes there. Tables made after this migration declare
# IdField/SmallIdField (server/storage/models.py), which adds AUTOINCREMENT on SQLite.
import re

from peewee import *

HISTORY_TABLE = 'schema_migration'  # the runner's own


def _integer_key(db, table):
    """The name of the table's primary key when it is one INTEGER column, else None."""
    keys = [row for row in db.execute_sql(f'PRAGMA table_info("{table}")').fetchall() if row[5]]
    if len(keys) == 1 and keys[0][2].upper() == 'INTEGER':
        return keys[0][1]
    return None


def _rebuild(db, table, key, create_sql):
    column = re.compile(rf'("{re.escape(key)}"|\b{re.escape(key)}\b) INTEGER NOT NULL PRIMARY KEY', re.IGNORECASE)
    if len(column.findall(create_sql)) != 1:
        raise RuntimeError(f'cannot find the primary key of {table} in: {create_sql}')
    head = re.compile(rf'^CREATE TABLE (IF NOT EXISTS )?("{re.escape(table)}"|{re.escape(table)})\s*\(', re.IGNORECASE)
    if not head.match(create_sql):
        raise RuntimeError(f'unexpected definition of {table}: {create_sql}')
    fresh = f'{table}__ids_never_reused'
    new_sql = head.sub(f'CREATE TABLE "{fresh}" (', create_sql, count=1)
    new_sql = column.sub(lambda m: m.group(0) + ' AUTOINCREMENT', new_sql, count=1)
    indexes = [sql for (sql,) in db.execute_sql(
        "SELECT sql FROM sqlite_master WHERE type IN ('index', 'trigger') AND tbl_name = ? AND sql IS NOT NULL",
        (table,)).fetchall()]
    db.execute_sql(new_sql)
    db.execute_sql(f'INSERT INTO "{fresh}" SELECT * FROM "{table}"')
    db.execute_sql(f'DROP TABLE "{table}"')
    db.execute_sql(f'ALTER TABLE "{fresh}" RENAME TO "{table}"')
    for sql in indexes:
        db.execute_sql(sql)


def up(migrator, db):
    if not isinstance(db, SqliteDatabase):
        return  # PostgreSQL: sequences never hand out an id twice
    tables = db.execute_sql(
        "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' "
        'ORDER BY name').fetchall()
    for table, create_sql in tables:
        if table == HISTORY_TABLE or 'AUTOINCREMENT' in create_sql.upper():
            continue
        key = _integer_key(db, table)
        if key is not None:
            _rebuild(db, table, key, create_sql)
    broken = db.execute_sql('PRAGMA foreign_key_check').fetchall()
    if broken:
        raise RuntimeError(f'foreign keys broken by the rebuild: {broken[:5]}')


def down(migrator, db):
    pass  # ids that are never reused stay so
