# Ranked member lists (owner, admins, then members, each in join order: ORDER BY role DESC, id)
# read straight off an index. With role ascending in it, SQLite read every member of the group,
# joined each to its profile and sorted them before cutting the first page (a temporary B-tree
# in the plan); with role descending the first rows are the page.
from peewee import *


def up(migrator, db):
    db.execute_sql('CREATE INDEX "member_group_id_role_desc_id" ON "member" ("group_id", "role" DESC, "id")')
    db.execute_sql('DROP INDEX "member_group_id_role_id"')


def down(migrator, db):
    db.execute_sql('CREATE INDEX "member_group_id_role_id" ON "member" ("group_id", "role", "id")')
    db.execute_sql('DROP INDEX "member_group_id_role_desc_id"')
