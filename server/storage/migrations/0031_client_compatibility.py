"""Issue 17 (the vendors' own clients): the im setting hide_member_info (upstream MaxIM), and a
file's type up to 255 characters (Office MIME types are 71-73; SQLite does not enforce lengths)."""
from peewee import *


def up(migrator, db):
    migrator.migrate(migrator.add_column('group', 'hide_member_info', BooleanField(default=False)))
    if isinstance(db, PostgresqlDatabase):
        db.execute_sql('ALTER TABLE "group_file" ALTER COLUMN "type" TYPE VARCHAR(255)')


def down(migrator, db):
    if isinstance(db, PostgresqlDatabase):
        db.execute_sql('ALTER TABLE "group_file" ALTER COLUMN "type" TYPE VARCHAR(64)')
    migrator.migrate(migrator.drop_column('group', 'hide_member_info'))
