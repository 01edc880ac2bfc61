"""Moderation: how a group can be found (the community 查找方式), and indexes for the
banned list (muted members of a group) and the public list (keyword-searchable groups)."""
from peewee import *


def up(migrator, db):
    migrator.migrate(
        migrator.add_column('group', 'search_mode', SmallIntegerField(default=1)),
        migrator.add_index('group', ('app', 'search_mode', 'id'), False),
        migrator.add_index('member', ('group_id', 'muted_until'), False),
    )


def down(migrator, db):
    migrator.migrate(
        migrator.drop_index('member', 'member_group_id_muted_until'),
        migrator.drop_index('group', 'group_app_search_mode_id'),
        migrator.drop_column('group', 'search_mode'),
    )
