"""Indexes for the member pages (keyset in join order) and a user's owned groups."""
from peewee import *


def up(migrator, db):
    migrator.migrate(
        migrator.add_index('member', ('group_id', 'id'), False),
        migrator.add_index('group', ('app', 'owner_id'), False),
    )


def down(migrator, db):
    migrator.migrate(
        migrator.drop_index('member', 'member_group_id_id'),
        migrator.drop_index('group', 'group_app_owner_id'),
    )
