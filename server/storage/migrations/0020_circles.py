# Circles (ThinkSNS+ 圈子): categories, tags, circles, memberships and applications,
# the blacklist apart from memberships, recommendations, incomes and the protocol text.
import time

from peewee import *


def up(migrator, db):
    class CircleCategory(Model):
        id = AutoField()
        app = CharField(max_length=64)
        name = CharField(max_length=100)
        sort_by = IntegerField(default=1000)
        status = SmallIntegerField(default=0)
        created_at = BigIntegerField()
        updated_at = BigIntegerField()
        class Meta:
            database = db
            table_name = 'circle_category'
            indexes = ((('app', 'name'), True), (('app', 'sort_by'), False))

    class CircleTag(Model):
        id = AutoField()
        app = CharField(max_length=64)
        name = CharField(max_length=150)
        tag_category_id = IntegerField(default=0)
        weight = IntegerField(default=0)
        class Meta:
            database = db
            table_name = 'circle_tag'

    class Circle(Model):
        id = AutoField()
        app = CharField(max_length=64)
        name = CharField(max_length=100)
        user_id = BigIntegerField()
        category_id = IntegerField()
        location = CharField(max_length=255, null=True)
        longitude = CharField(max_length=32, null=True)
        latitude = CharField(max_length=32, null=True)
        geo_hash = CharField(max_length=100, null=True)
        geo_cell = CharField(max_length=12, null=True)
        allow_feed = SmallIntegerField(default=0)
        mode = CharField(max_length=16, default='public')
        money = IntegerField(default=0)
        summary = TextField(null=True)
        notice = TextField(null=True)
        permissions = CharField(max_length=64, default='member,administrator,founder')
        users_count = IntegerField(default=0)
        audit = SmallIntegerField(default=1)
        im_group_id = CharField(max_length=32, null=True)
        avatar = CharField(max_length=512, null=True)
        created_at = BigIntegerField()
        updated_at = BigIntegerField()
        class Meta:
            database = db
            table_name = 'circle'
            indexes = (
                (('app', 'name'), True),
                (('app', 'audit', 'id'), False),
                (('app', 'category_id', 'audit', 'id'), False),
                (('app', 'geo_cell'), False),
                (('app', 'user_id'), False),
            )

    class CircleTagLink(Model):
        id = AutoField()
        circle = ForeignKeyField(Circle, on_delete='CASCADE')
        tag = ForeignKeyField(CircleTag, on_delete='CASCADE')
        class Meta:
            database = db
            table_name = 'circle_tag_link'
            indexes = ((('circle', 'tag'), True),)

    class CircleMember(Model):
        id = AutoField()
        app = CharField(max_length=64)
        circle = ForeignKeyField(Circle, on_delete='CASCADE')
        user_id = BigIntegerField()
        role = CharField(max_length=16, default='member')
        audit = SmallIntegerField(default=0)
        paid = IntegerField(default=0)
        created_at = BigIntegerField()
        updated_at = BigIntegerField()
        class Meta:
            database = db
            table_name = 'circle_member'
            indexes = ((('circle', 'user_id'), True), (('circle', 'audit', 'role'), False), (('app', 'user_id'), False))

    class CircleBlacklist(Model):
        id = AutoField()
        circle = ForeignKeyField(Circle, on_delete='CASCADE')
        user_id = BigIntegerField()
        created_at = BigIntegerField()
        class Meta:
            database = db
            table_name = 'circle_blacklist'
            indexes = ((('circle', 'user_id'), True),)

    class CircleRecommend(Model):
        id = AutoField()
        circle = ForeignKeyField(Circle, on_delete='CASCADE', unique=True)
        sort_by = IntegerField(default=1000)
        created_at = BigIntegerField()
        class Meta:
            database = db
            table_name = 'circle_recommend'

    class CircleIncome(Model):
        id = AutoField()
        circle = ForeignKeyField(Circle, on_delete='CASCADE')
        kind = SmallIntegerField(default=1)
        amount = IntegerField()
        user_id = BigIntegerField()
        created_at = BigIntegerField()
        class Meta:
            database = db
            table_name = 'circle_income'

    class CircleProtocol(Model):
        app = CharField(max_length=64, primary_key=True)
        protocol = TextField(default='')
        updated_at = BigIntegerField()
        class Meta:
            database = db
            table_name = 'circle_protocol'

    db.create_tables([CircleCategory, CircleTag, Circle, CircleTagLink, CircleMember, CircleBlacklist,
                      CircleRecommend, CircleIncome, CircleProtocol])

    # Seeds for the default app, so a fresh `make run` can create circles; CircleAdminService manages them.
    now = int(time.time() * 1000)
    CircleCategory.insert_many([
        {'app': 'default', 'name': name, 'sort_by': sort_by, 'status': 0, 'created_at': now, 'updated_at': now}
        for name, sort_by in (('兴趣', 1000), ('生活', 1010), ('科技', 1020), ('体育', 1030))
    ]).execute()
    CircleTag.insert_many([
        {'app': 'default', 'name': name, 'tag_category_id': 1, 'weight': weight}
        for name, weight in (('动漫', 15), ('旅行', 14), ('美食', 13), ('摄影', 12), ('赛事', 11))
    ]).execute()


def down(migrator, db):
    for table in ('circle_protocol', 'circle_income', 'circle_recommend', 'circle_blacklist', 'circle_member',
                  'circle_tag_link', 'circle', 'circle_tag', 'circle_category'):
        migrator.migrate(migrator.drop_table(table))
