"""Notices (both dialects), who read each one (unique per user), and shared group files."""
from peewee import *


def up(migrator, db):
    class Group(Model):
        id = BigAutoField()
        class Meta:
            database = db
            table_name = 'group'

    class Notice(Model):
        id = BigAutoField()
        app = CharField(max_length=64)
        group = ForeignKeyField(Group, on_delete='CASCADE')
        user_id = BigIntegerField()
        title = TextField()
        content = TextField()
        image = TextField(null=True)
        image_width = IntegerField(null=True)
        image_height = IntegerField(null=True)
        read_count = IntegerField(default=0)
        created_at = BigIntegerField()
        updated_at = BigIntegerField()
        class Meta:
            database = db
            table_name = 'notice'
            indexes = ((('group', 'created_at', 'id'), False),)

    class NoticeRead(Model):
        id = BigAutoField()
        notice = ForeignKeyField(Notice, on_delete='CASCADE')
        user_id = BigIntegerField()
        created_at = BigIntegerField()
        class Meta:
            database = db
            table_name = 'notice_read'
            indexes = ((('notice', 'user_id'), True),)

    class GroupFile(Model):
        id = BigAutoField()
        app = CharField(max_length=64)
        group = ForeignKeyField(Group, on_delete='CASCADE')
        uploader_id = BigIntegerField()
        name = TextField()
        size = BigIntegerField()
        type = CharField(max_length=64, default='')
        url = TextField()
        created_at = BigIntegerField()
        updated_at = BigIntegerField()
        class Meta:
            database = db
            table_name = 'group_file'
            indexes = ((('group', 'created_at', 'id'), False),)

    db.create_tables([Notice, NoticeRead, GroupFile])


def down(migrator, db):
    for table in ('group_file', 'notice_read', 'notice'):
        migrator.migrate(migrator.drop_table(table))
