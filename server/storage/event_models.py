"""Peewee models of the outbox (change events) and the audit log. Times are milliseconds."""

import peewee as pw

from server.storage.models import BaseModel, IdField


class Event(BaseModel):
    """An outbox row, written in the transaction of the change it records. seq is NULL until
    published (PostgreSQL: see server/storage/event_queries.py); id is insertion order only,
    read by nothing but the PostgreSQL publisher and never sent out, so on SQLite it may come
    back (no AUTOINCREMENT: see migration 0055)."""

    id = pw.BigAutoField()
    event_id = pw.CharField(max_length=32)  # a ULID: unique by construction (migration 0060)
    app = pw.CharField(max_length=64)
    seq = pw.BigIntegerField(null=True)
    type = pw.CharField(max_length=64)
    occurred_at = pw.BigIntegerField()
    group_id = pw.BigIntegerField(null=True)
    circle_id = pw.BigIntegerField(null=True)
    version = pw.BigIntegerField(default=0)
    actor = pw.CharField(max_length=64)
    target = pw.CharField(max_length=128)
    reason = pw.TextField(default="")
    request_id = pw.CharField(max_length=128, default="")
    data = pw.TextField()

    class Meta:
        table_name = "event"


class EventCounter(BaseModel):
    """Per app: the last published seq, and the last seq purged by retention (older cursors
    are OUT_OF_RANGE)."""

    app = pw.CharField(max_length=64, primary_key=True)
    last_seq = pw.BigIntegerField(default=0)
    purged_through = pw.BigIntegerField(default=0)

    class Meta:
        table_name = "event_counter"


class EventVersion(BaseModel):
    """Per group or circle: the version of its last event. Rows are never deleted and id is read
    by nothing: no AUTOINCREMENT (see migration 0055)."""

    id = pw.BigAutoField()
    app = pw.CharField(max_length=64)
    scope = pw.CharField(max_length=8)  # group | circle
    ref = pw.BigIntegerField()
    version = pw.BigIntegerField(default=0)

    class Meta:
        table_name = "event_version"
        indexes = ((("app", "scope", "ref"), True),)


class AuditEntry(BaseModel):
    """An append-only record of an administrative action."""

    id = IdField()
    app = pw.CharField(max_length=64)
    group_id = pw.BigIntegerField(null=True)
    circle_id = pw.BigIntegerField(null=True)
    actor = pw.CharField(max_length=64)
    action = pw.CharField(max_length=64)
    target = pw.CharField(max_length=128)
    changes = pw.TextField(default="[]")
    reason = pw.TextField(default="")
    request_id = pw.CharField(max_length=128, default="")
    created_at = pw.BigIntegerField()

    class Meta:
        table_name = "audit_entry"
