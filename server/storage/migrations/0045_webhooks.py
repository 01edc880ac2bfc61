# Webhook endpoints, their deliveries (the durable retry table: any server process claims
# due rows) and attempts, and the veto callbacks asked before some writes.
from peewee import *


def up(migrator, db):
    class WebhookEndpoint(Model):
        id = CharField(max_length=40, primary_key=True)
        app = CharField(max_length=64)
        url = CharField(max_length=2048)
        event_types = TextField(default='')
        description = CharField(max_length=256, default='')
        secret = CharField(max_length=80)
        previous_secret = CharField(max_length=80, default='')
        previous_secret_until = BigIntegerField(default=0)
        secret_rotated_at = BigIntegerField(default=0)
        enabled = BooleanField(default=True)
        disabled_reason = CharField(max_length=128, default='')
        cursor_seq = BigIntegerField(default=0)
        failing_since = BigIntegerField(default=0)
        created_at = BigIntegerField()
        updated_at = BigIntegerField()
        class Meta:
            database = db
            table_name = 'webhook_endpoint'
            indexes = ((('app', 'created_at'), False),)

    class WebhookDelivery(Model):
        id = BigAutoField()
        app = CharField(max_length=64)
        endpoint_id = CharField(max_length=40)
        event_id = CharField(max_length=40)
        event_type = CharField(max_length=64)
        seq = BigIntegerField()
        payload = TextField()
        status = CharField(max_length=16, default='pending')
        attempts = IntegerField(default=0)
        next_attempt_at = BigIntegerField()
        lease_until = BigIntegerField(default=0)
        created_at = BigIntegerField()
        finished_at = BigIntegerField(default=0)
        class Meta:
            database = db
            table_name = 'webhook_delivery'
            indexes = (
                (('endpoint_id', 'event_id'), True),
                (('status', 'next_attempt_at'), False),
                (('endpoint_id', 'id'), False),
            )

    class WebhookAttempt(Model):
        id = BigAutoField()
        delivery_id = BigIntegerField(index=True)
        attempt = IntegerField()
        at = BigIntegerField()
        status_code = IntegerField(default=0)
        error = CharField(max_length=256, default='')
        duration_ms = BigIntegerField(default=0)
        class Meta:
            database = db
            table_name = 'webhook_attempt'

    class CallbackHook(Model):
        id = BigAutoField()
        app = CharField(max_length=64)
        hook = CharField(max_length=32)
        url = CharField(max_length=2048)
        secret = CharField(max_length=80)
        timeout_ms = IntegerField(default=2000)
        failure_policy = CharField(max_length=8, default='allow')
        created_at = BigIntegerField()
        updated_at = BigIntegerField()
        class Meta:
            database = db
            table_name = 'callback_hook'
            indexes = ((('app', 'hook'), True),)

    db.create_tables([WebhookEndpoint, WebhookDelivery, WebhookAttempt, CallbackHook])


def down(migrator, db):
    for table in ('callback_hook', 'webhook_attempt', 'webhook_delivery', 'webhook_endpoint'):
        db.execute_sql(f'DROP TABLE "{table}"')
