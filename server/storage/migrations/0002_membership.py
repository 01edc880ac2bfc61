# Membership: applications, invitations, block lists and the per-app QR signing secret.
from peewee import *


def up(migrator, db):
    class Group(Model):
        id = BigAutoField()
        class Meta:
            database = db
            table_name = 'group'

    class JoinRequest(Model):
        id = BigAutoField()
        app = CharField(max_length=64)
        group = ForeignKeyField(Group, on_delete='CASCADE')
        applicant_id = BigIntegerField()
        reason = TextField(default='')
        source = CharField(max_length=128, default='')
        group_ids = TextField(default='')
        status = SmallIntegerField(default=0)
        expired_time = BigIntegerField()
        created_at = BigIntegerField()
        updated_at = BigIntegerField()
        class Meta:
            database = db
            table_name = 'join_request'
            indexes = ((('group', 'applicant_id', 'status'), False), (('group', 'id'), False))

    class Invitation(Model):
        id = BigAutoField()
        app = CharField(max_length=64)
        group = ForeignKeyField(Group, on_delete='CASCADE')
        inviter_id = BigIntegerField()
        invitee_id = BigIntegerField()
        reason = TextField(default='')
        status = SmallIntegerField(default=0)
        expired_time = BigIntegerField()
        created_at = BigIntegerField()
        updated_at = BigIntegerField()
        class Meta:
            database = db
            table_name = 'invitation'
            indexes = ((('app', 'invitee_id', 'id'), False), (('group', 'invitee_id', 'status'), False))

    class BlockedUser(Model):
        id = BigAutoField()
        app = CharField(max_length=64)
        group = ForeignKeyField(Group, on_delete='CASCADE')
        user_id = BigIntegerField()
        created_at = BigIntegerField()
        class Meta:
            database = db
            table_name = 'blocked_user'
            indexes = ((('group', 'user_id'), True), (('group', 'id'), False))

    class AppSecret(Model):
        app = CharField(max_length=64, primary_key=True)
        secret = CharField(max_length=128)
        created_at = BigIntegerField()
        class Meta:
            database = db
            table_name = 'app_secret'

    db.create_tables([JoinRequest, Invitation, BlockedUser, AppSecret])


def down(migrator, db):
    migrator.migrate(migrator.drop_table('app_secret'))
    migrator.migrate(migrator.drop_table('blocked_user'))
    migrator.migrate(migrator.drop_table('invitation'))
    migrator.migrate(migrator.drop_table('join_request'))
