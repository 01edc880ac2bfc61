"""Peewee models of circles (ThinkSNS+ 圈子). Times are integer milliseconds (UTC)."""

import peewee as pw

from server.storage.models import BaseModel, SmallIdField


class CircleCategory(BaseModel):
    id = SmallIdField()
    app = pw.CharField(max_length=64)
    name = pw.CharField(max_length=100)
    sort_by = pw.IntegerField(default=1000)
    status = pw.SmallIntegerField(default=0)  # 0 enabled, 1 disabled
    created_at = pw.BigIntegerField()
    updated_at = pw.BigIntegerField()

    class Meta:
        indexes = ((("app", "name"), True), (("app", "sort_by"), False))


class CircleTag(BaseModel):
    id = SmallIdField()
    app = pw.CharField(max_length=64)
    name = pw.CharField(max_length=150)
    tag_category_id = pw.IntegerField(default=0)
    weight = pw.IntegerField(default=0)


class Circle(BaseModel):
    id = SmallIdField()
    app = pw.CharField(max_length=64)
    name = pw.CharField(max_length=100)
    user_id = pw.BigIntegerField()  # the creator; never changes
    category_id = pw.IntegerField()
    location = pw.CharField(max_length=255, null=True)
    longitude = pw.CharField(max_length=32, null=True)
    latitude = pw.CharField(max_length=32, null=True)
    geo_hash = pw.CharField(max_length=100, null=True)  # as the client sent it
    geo_cell = pw.CharField(max_length=12, null=True)  # computed from latitude/longitude: the nearby prefilter
    allow_feed = pw.SmallIntegerField(default=0)
    mode = pw.CharField(max_length=16, default="public")
    money = pw.IntegerField(default=0)
    summary = pw.TextField(null=True)
    notice = pw.TextField(null=True)
    permissions = pw.CharField(max_length=64, default="member,administrator,founder")
    users_count = pw.IntegerField(default=0)
    audit = pw.SmallIntegerField(default=1)
    im_group_id = pw.CharField(max_length=32, null=True)
    avatar = pw.CharField(max_length=512, null=True)
    created_at = pw.BigIntegerField()
    updated_at = pw.BigIntegerField()

    class Meta:
        indexes = (
            (("app", "name"), True),
            (("app", "audit", "id"), False),
            (("app", "category_id", "audit", "id"), False),
            (("app", "geo_cell"), False),
            (("app", "user_id"), False),
        )


class CircleTagLink(BaseModel):
    id = SmallIdField()
    circle = pw.ForeignKeyField(Circle, on_delete="CASCADE")
    tag = pw.ForeignKeyField(CircleTag, on_delete="CASCADE")

    class Meta:
        indexes = ((("circle", "tag"), True),)


class CircleMember(BaseModel):
    """A membership (audit 1) or a pending application (audit 0): one row per circle and user."""

    id = SmallIdField()
    app = pw.CharField(max_length=64)
    circle = pw.ForeignKeyField(Circle, on_delete="CASCADE")
    user_id = pw.BigIntegerField()
    role = pw.CharField(max_length=16, default="member")
    audit = pw.SmallIntegerField(default=0)
    paid = pw.IntegerField(default=0)  # 分 charged with a pending paid application
    created_at = pw.BigIntegerField()
    updated_at = pw.BigIntegerField()

    class Meta:
        indexes = (
            (("circle", "user_id"), True),
            (("circle", "audit", "role"), False),
            (("app", "user_id"), False),
        )


class CircleBlacklist(BaseModel):
    """Kept apart from memberships: exiting and joining again does not clear it."""

    id = SmallIdField()
    circle = pw.ForeignKeyField(Circle, on_delete="CASCADE")
    user_id = pw.BigIntegerField()
    created_at = pw.BigIntegerField()

    class Meta:
        indexes = ((("circle", "user_id"), True),)


class CircleRecommend(BaseModel):
    id = SmallIdField()
    circle = pw.ForeignKeyField(Circle, on_delete="CASCADE", unique=True)
    sort_by = pw.IntegerField(default=1000)
    created_at = pw.BigIntegerField()


class CircleIncome(BaseModel):
    id = SmallIdField()
    circle = pw.ForeignKeyField(Circle, on_delete="CASCADE")
    kind = pw.SmallIntegerField(default=1)  # 1 join fee, 2 pinned fee
    amount = pw.IntegerField()
    user_id = pw.BigIntegerField()
    created_at = pw.BigIntegerField()


class CircleProtocol(BaseModel):
    app = pw.CharField(max_length=64, primary_key=True)
    protocol = pw.TextField(default="")
    updated_at = pw.BigIntegerField()


CIRCLE_MODELS = [
    CircleCategory, CircleTag, Circle, CircleTagLink, CircleMember, CircleBlacklist, CircleRecommend,
    CircleIncome, CircleProtocol,
]
