# Generated from a schema diff on 2026-11-23 12:54.
from peewee import *


def up(migrator, db):
    class Group(Model):
        id = BigAutoField()
        app = CharField(max_length=64)
        im_id = BigIntegerField(unique=True)
        number = IntegerField()
        kind = CharField(max_length=16)
        im_type = SmallIntegerField(default=0)
        name = CharField(null=True, max_length=128)
        avatar = CharField(null=True, max_length=512)
        describe = TextField(null=True)
        background = CharField(null=True, max_length=512)
        ext = TextField(default='')
        owner_id = BigIntegerField()
        grade = SmallIntegerField(default=1)
        max_members = IntegerField()
        max_admins = IntegerField()
        member_count = IntegerField(default=0)
        group_count = IntegerField(default=0)
        comm_id = BigIntegerField(default=0)
        apply_approval = SmallIntegerField(default=0)
        member_invite = BooleanField(default=False)
        member_modify = BooleanField(default=False)
        history_visible = BooleanField(default=True)
        read_ack = BooleanField(default=False)
        ban_all_until = BigIntegerField(default=0)
        origin = SmallIntegerField(default=1)
        excellent = SmallIntegerField(default=0)
        dynamic_count = IntegerField(default=0)
        status = SmallIntegerField(default=0)
        created_at = BigIntegerField()
        updated_at = BigIntegerField()
        class Meta:
            database = db
            table_name = 'group'
            indexes = ((('app', 'number'), True), (('app', 'comm_id'), False))
    db.create_tables([Group])

    class Member(Model):
        id = BigAutoField()
        app = CharField(max_length=64)
        group = ForeignKeyField(Group, on_delete='CASCADE')
        user_id = BigIntegerField()
        role = SmallIntegerField(default=0)
        grade = SmallIntegerField(default=0)
        nickname = CharField(null=True, max_length=128)
        chat_bgd = CharField(null=True, max_length=512)
        msg_top = SmallIntegerField(default=0)
        msg_disturb = SmallIntegerField(default=0)
        disturb_accept = SmallIntegerField(default=0)
        disturb_shielding = SmallIntegerField(default=0)
        msg_mute_mode = SmallIntegerField(default=0)
        msg_push_mode = SmallIntegerField(default=0)
        muted_until = BigIntegerField(default=0)
        status = SmallIntegerField(default=0)
        created_at = BigIntegerField()
        updated_at = BigIntegerField()
        class Meta:
            database = db
            table_name = 'member'
            indexes = ((('group', 'user_id'), True), (('group', 'role', 'id'), False), (('app', 'user_id'), False))
    db.create_tables([Member])

    class User(Model):
        id = BigAutoField()
        app = CharField(max_length=64)
        user_id = BigIntegerField()
        name = CharField(max_length=128, default='')
        avatar = CharField(null=True, max_length=512)
        created_at = BigIntegerField()
        updated_at = BigIntegerField()
        class Meta:
            database = db
            table_name = 'user'
            indexes = ((('app', 'user_id'), True),)
    db.create_tables([User])


def down(migrator, db):
    migrator.migrate(migrator.drop_table('user'))
    migrator.migrate(migrator.drop_table('member'))
    migrator.migrate(migrator.drop_table('group'))
