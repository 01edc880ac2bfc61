"""Peewee models. Times are integer milliseconds since the epoch (UTC)."""

import peewee as pw

from server.storage.routing import RoutingDatabaseProxy

# The primary; a read the unit of work sends to a standby (DATABASE_READ_URL) is routed there for its thread.
database = RoutingDatabaseProxy()


def _on_sqlite(db) -> bool:
    return isinstance(getattr(db, "obj", db), pw.SqliteDatabase)  # a DatabaseProxy or the database


class _NeverReused:
    """An auto-incrementing primary key whose values never come back. SQLite hands out the
    largest rowid + 1, so without AUTOINCREMENT a deleted last row's id is given to the next
    row (and a stale id addresses it); a PostgreSQL sequence never goes back by itself.
    Migration 0030 rebuilt the tables made before it; tables made after declare these."""

    def ddl(self, ctx):
        nodes = super().ddl(ctx)
        return pw.NodeList((nodes, pw.SQL("AUTOINCREMENT"))) if _on_sqlite(self.model._meta.database) else nodes


class IdField(_NeverReused, pw.BigAutoField):
    """BIGSERIAL on PostgreSQL, INTEGER PRIMARY KEY AUTOINCREMENT on SQLite."""


class SmallIdField(_NeverReused, pw.AutoField):
    """SERIAL on PostgreSQL, INTEGER PRIMARY KEY AUTOINCREMENT on SQLite."""


class BaseModel(pw.Model):
    class Meta:
        database = database
        legacy_table_names = False


class User(BaseModel):
    """A user's profile in one app, kept from token claims and the internal RPC."""

    id = IdField()
    app = pw.CharField(max_length=64)
    user_id = pw.BigIntegerField()
    name = pw.CharField(max_length=128, default="")
    avatar = pw.CharField(max_length=512, null=True)
    created_at = pw.BigIntegerField()
    updated_at = pw.BigIntegerField()

    class Meta:
        indexes = ((("app", "user_id"), True),)


class Group(BaseModel):
    """One group, seen as a 社群/社区 by the community dialect and a 群 by the im dialect."""

    id = IdField()
    app = pw.CharField(max_length=64)
    im_id = pw.BigIntegerField(unique=True)
    number = pw.IntegerField()
    kind = pw.CharField(max_length=16)  # group | community
    im_type = pw.SmallIntegerField(default=0)  # 0 private, 1 public, 2 chat room, 3 session
    name = pw.CharField(max_length=128, null=True)
    avatar = pw.CharField(max_length=512, null=True)
    describe = pw.TextField(null=True)
    background = pw.CharField(max_length=512, null=True)
    ext = pw.TextField(default="")
    owner_id = pw.BigIntegerField()
    grade = pw.SmallIntegerField(default=1)
    max_members = pw.IntegerField()
    max_admins = pw.IntegerField()
    member_count = pw.IntegerField(default=0)
    group_count = pw.IntegerField(default=0)
    comm_id = pw.BigIntegerField(default=0)
    apply_approval = pw.SmallIntegerField(default=0)
    member_invite = pw.BooleanField(default=False)
    member_modify = pw.BooleanField(default=False)
    history_visible = pw.BooleanField(default=True)
    read_ack = pw.BooleanField(default=False)
    hide_member_info = pw.BooleanField(default=False)
    ban_all_until = pw.BigIntegerField(default=0)  # ms; 0 none, -1 permanent
    origin = pw.SmallIntegerField(default=1)  # 1 user, 2 back office, 3 third party
    excellent = pw.SmallIntegerField(default=0)
    dynamic_count = pw.IntegerField(default=0)
    status = pw.SmallIntegerField(default=0)  # 0 normal, 1 dissolved
    created_at = pw.BigIntegerField()
    updated_at = pw.BigIntegerField()
    search_mode = pw.SmallIntegerField(default=1)  # 0 hidden, 1 by number or keyword, 2 by number only

    class Meta:
        indexes = (
            (("app", "number"), True),
            (("app", "comm_id"), False),
            (("app", "search_mode", "id"), False),
            (("app", "owner_id"), False),
        )


class Member(BaseModel):
    """A user's membership of a group, with the member's own settings."""

    id = IdField()
    app = pw.CharField(max_length=64)
    group = pw.ForeignKeyField(Group, backref="members", on_delete="CASCADE")
    user_id = pw.BigIntegerField()
    role = pw.SmallIntegerField(default=0)  # 0 member, 1 admin, 2 owner
    grade = pw.SmallIntegerField(default=0)
    nickname = pw.CharField(max_length=128, null=True)
    chat_bgd = pw.CharField(max_length=512, null=True)
    msg_top = pw.SmallIntegerField(default=0)
    msg_disturb = pw.SmallIntegerField(default=0)
    disturb_accept = pw.SmallIntegerField(default=0)
    disturb_shielding = pw.SmallIntegerField(default=0)
    msg_mute_mode = pw.SmallIntegerField(default=0)
    msg_push_mode = pw.SmallIntegerField(default=0)
    muted_until = pw.BigIntegerField(default=0)  # ms; 0 none, -1 until lifted
    status = pw.SmallIntegerField(default=0)
    created_at = pw.BigIntegerField()
    updated_at = pw.BigIntegerField()

    class Meta:
        indexes = (
            (("group", "user_id"), True),
            # (group, role DESC, id) for ranked lists: raw SQL in migration 0021
            (("group", "muted_until"), False),
            (("group", "id"), False),  # keyset pages in join order
            (("app", "user_id"), False),
        )


ALL_MODELS = [User, Group, Member]


# ---- membership ----


class JoinRequest(BaseModel):
    """An application to join a group; for a community, the applicant's own groups apply (group_ids)."""

    id = IdField()
    app = pw.CharField(max_length=64)
    group = pw.ForeignKeyField(Group, on_delete="CASCADE")
    applicant_id = pw.BigIntegerField()
    reason = pw.TextField(default="")
    source = pw.CharField(max_length=128, default="")  # the community dialect's `from`
    group_ids = pw.TextField(default="")  # community applications: comma-separated group ids
    status = pw.SmallIntegerField(default=0)  # 0 pending, 1 approved, 2 refused
    expired_time = pw.BigIntegerField()
    created_at = pw.BigIntegerField()
    updated_at = pw.BigIntegerField()

    class Meta:
        indexes = (
            (("group", "applicant_id", "status"), False),
            (("group", "id"), False),
        )


class Invitation(BaseModel):
    """An invitation to join a group, waiting for the invitee."""

    id = IdField()
    app = pw.CharField(max_length=64)
    group = pw.ForeignKeyField(Group, on_delete="CASCADE")
    inviter_id = pw.BigIntegerField()
    invitee_id = pw.BigIntegerField()
    reason = pw.TextField(default="")
    status = pw.SmallIntegerField(default=0)  # 0 pending, 1 accepted, 2 declined
    expired_time = pw.BigIntegerField()
    created_at = pw.BigIntegerField()
    updated_at = pw.BigIntegerField()

    class Meta:
        indexes = (
            (("app", "invitee_id", "id"), False),
            (("group", "invitee_id", "status"), False),
        )


class BlockedUser(BaseModel):
    """A user a group has blocked: no applying, invitations or QR codes until unblocked."""

    id = IdField()
    app = pw.CharField(max_length=64)
    group = pw.ForeignKeyField(Group, on_delete="CASCADE")
    user_id = pw.BigIntegerField()
    created_at = pw.BigIntegerField()

    class Meta:
        indexes = (
            (("group", "user_id"), True),
            (("group", "id"), False),
        )


class AppSecret(BaseModel):
    """A per-app secret that signs QR invitations."""

    app = pw.CharField(max_length=64, primary_key=True)
    secret = pw.CharField(max_length=128)
    created_at = pw.BigIntegerField()


class UpgradeRule(BaseModel):
    """A grade a group may buy in one app: its limits and its price in ore."""

    id = IdField()
    app = pw.CharField(max_length=64)
    level = pw.SmallIntegerField()
    max_members = pw.IntegerField()
    max_admins = pw.IntegerField()
    coin = pw.CharField(max_length=16, default="ore")
    price = pw.BigIntegerField()
    created_at = pw.BigIntegerField()
    updated_at = pw.BigIntegerField()

    class Meta:
        indexes = ((("app", "level"), True),)


class UpgradeText(BaseModel):
    """An app's texts shown beside its upgrade rules."""

    app = pw.CharField(max_length=64, primary_key=True)
    upgrade_desc = pw.TextField(default="")
    transfer_desc = pw.TextField(default="")
    updated_at = pw.BigIntegerField()


class Wallet(BaseModel):
    """A user's ore balance and hashed pay password."""

    id = IdField()
    app = pw.CharField(max_length=64)
    user_id = pw.BigIntegerField()
    balance = pw.BigIntegerField(default=0)
    pay_pass_hash = pw.CharField(max_length=256, null=True)
    updated_at = pw.BigIntegerField()

    class Meta:
        indexes = ((("app", "user_id"), True),)


class WalletEntry(BaseModel):
    """One change of a balance: positive credits, negative debits."""

    id = IdField()
    app = pw.CharField(max_length=64)
    user_id = pw.BigIntegerField()
    amount = pw.BigIntegerField()
    balance_after = pw.BigIntegerField()
    reason = pw.CharField(max_length=256)
    created_at = pw.BigIntegerField()

    class Meta:
        indexes = ((("app", "user_id", "id"), False),)


class UserStats(BaseModel):
    """What the group creation conditions are computed from, as the internal RPC sets it."""

    id = IdField()
    app = pw.CharField(max_length=64)
    user_id = pw.BigIntegerField()
    invites = pw.IntegerField(default=0)
    level = pw.IntegerField(default=0)
    ore = pw.IntegerField(default=0)
    invited_group_creators = pw.IntegerField(default=0)
    invited_group_member_counts = pw.TextField(default="[]")  # JSON array of ints
    updated_at = pw.BigIntegerField()

    class Meta:
        indexes = ((("app", "user_id"), True),)


# ---- notices and files ----


class Notice(BaseModel):
    """A group's notice: the community dialect's 公告 and the im dialect's announcement."""

    id = IdField()
    app = pw.CharField(max_length=64)
    group = pw.ForeignKeyField(Group, on_delete="CASCADE")
    user_id = pw.BigIntegerField()  # the publisher
    title = pw.TextField()
    content = pw.TextField()
    image = pw.TextField(null=True)  # the image's file name
    image_width = pw.IntegerField(null=True)  # as the publisher gave them; null when not
    image_height = pw.IntegerField(null=True)
    read_count = pw.IntegerField(default=0)
    created_at = pw.BigIntegerField()
    updated_at = pw.BigIntegerField()

    class Meta:
        indexes = ((("group", "created_at", "id"), False),)


class NoticeRead(BaseModel):
    """One user's reading of a notice: one row per user, so reads count once."""

    id = IdField()
    notice = pw.ForeignKeyField(Notice, on_delete="CASCADE")
    user_id = pw.BigIntegerField()
    created_at = pw.BigIntegerField()

    class Meta:
        indexes = ((("notice", "user_id"), True),)


class GroupFile(BaseModel):
    """A file shared in a group: its metadata; the bytes live at url."""

    id = IdField()
    app = pw.CharField(max_length=64)
    group = pw.ForeignKeyField(Group, on_delete="CASCADE")
    uploader_id = pw.BigIntegerField()
    name = pw.TextField()
    size = pw.BigIntegerField()
    type = pw.CharField(max_length=255, default="")
    url = pw.TextField()
    created_at = pw.BigIntegerField()
    updated_at = pw.BigIntegerField()

    class Meta:
        indexes = ((("group", "created_at", "id"), False),)
