# Change events (issue 18): the outbox, per-app seq counters, per-group/circle versions, the audit log.
from peewee import *


def up(migrator, db):
    class Event(Model):
        id = BigAutoField()
        event_id = CharField(max_length=32, unique=True)
        app = CharField(max_length=64)
        seq = BigIntegerField(null=True)
        type = CharField(max_length=64)
        occurred_at = BigIntegerField()
        group_id = BigIntegerField(null=True)
        circle_id = BigIntegerField(null=True)
        version = BigIntegerField(default=0)
        actor = CharField(max_length=64)
        target = CharField(max_length=128)
        reason = TextField(default='')
        request_id = CharField(max_length=128, default='')
        data = TextField()
        class Meta:
            database = db
            table_name = 'event'
            indexes = ((('app', 'seq'), True), (('occurred_at',), False))

    class EventCounter(Model):
        app = CharField(max_length=64, primary_key=True)
        last_seq = BigIntegerField(default=0)
        purged_through = BigIntegerField(default=0)
        class Meta:
            database = db
            table_name = 'event_counter'

    class EventVersion(Model):
        id = BigAutoField()
        app = CharField(max_length=64)
        scope = CharField(max_length=8)
        ref = BigIntegerField()
        version = BigIntegerField(default=0)
        class Meta:
            database = db
            table_name = 'event_version'
            indexes = ((('app', 'scope', 'ref'), True),)

    class AuditEntry(Model):
        id = BigAutoField()
        app = CharField(max_length=64)
        group_id = BigIntegerField(null=True)
        circle_id = BigIntegerField(null=True)
        actor = CharField(max_length=64)
        action = CharField(max_length=64)
        target = CharField(max_length=128)
        changes = TextField(default='[]')
        reason = TextField(default='')
        request_id = CharField(max_length=128, default='')
        created_at = BigIntegerField()
        class Meta:
            database = db
            table_name = 'audit_entry'
            indexes = ((('app', 'id'), False), (('app', 'group_id', 'id'), False), (('created_at',), False))

    db.create_tables([Event, EventCounter, EventVersion, AuditEntry])
    # The publisher's queue on PostgreSQL: rows not yet given a seq, in insertion order.
    db.execute_sql('CREATE INDEX "event_pending" ON "event" ("id") WHERE "seq" IS NULL')


def down(migrator, db):
    db.execute_sql('DROP TABLE "audit_entry"')
    db.execute_sql('DROP TABLE "event_version"')
    db.execute_sql('DROP TABLE "event_counter"')
    db.execute_sql('DROP TABLE "event"')
