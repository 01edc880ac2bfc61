"""Peewee models of webhook endpoints, their deliveries and attempts, and veto callbacks.
Times are integer milliseconds since the epoch (UTC)."""

import peewee as pw

from server.storage.models import BaseModel, IdField


class WebhookEndpoint(BaseModel):
    id = pw.CharField(max_length=40, primary_key=True)  # ep_ + ULID
    app = pw.CharField(max_length=64)
    url = pw.CharField(max_length=2048)
    event_types = pw.TextField(default="")  # space-separated; empty: every type
    description = pw.CharField(max_length=256, default="")
    secret = pw.CharField(max_length=80)
    previous_secret = pw.CharField(max_length=80, default="")
    previous_secret_until = pw.BigIntegerField(default=0)
    secret_rotated_at = pw.BigIntegerField(default=0)
    enabled = pw.BooleanField(default=True)
    disabled_reason = pw.CharField(max_length=128, default="")
    cursor_seq = pw.BigIntegerField(default=0)  # events up to here are fanned out into deliveries
    failing_since = pw.BigIntegerField(default=0)  # first failure of the current run; 0 none
    created_at = pw.BigIntegerField()
    updated_at = pw.BigIntegerField()

    class Meta:
        indexes = ((("app", "created_at"), False),)


class WebhookDelivery(BaseModel):
    id = IdField()
    app = pw.CharField(max_length=64)
    endpoint_id = pw.CharField(max_length=40)
    event_id = pw.CharField(max_length=40)  # sent as webhook-id on every attempt
    event_type = pw.CharField(max_length=64)
    seq = pw.BigIntegerField()
    payload = pw.TextField()  # the body, fixed once: every attempt sends the same bytes
    status = pw.CharField(max_length=16, default="pending")  # pending | delivered | failed
    attempts = pw.IntegerField(default=0)
    next_attempt_at = pw.BigIntegerField()
    lease_until = pw.BigIntegerField(default=0)  # a process is sending it until then
    created_at = pw.BigIntegerField()
    finished_at = pw.BigIntegerField(default=0)

    class Meta:
        indexes = (
            (("endpoint_id", "event_id"), True),
            (("status", "next_attempt_at"), False),
            (("endpoint_id", "id"), False),
        )


class WebhookAttempt(BaseModel):
    id = IdField()
    delivery_id = pw.BigIntegerField(index=True)
    attempt = pw.IntegerField()
    at = pw.BigIntegerField()
    status_code = pw.IntegerField(default=0)
    error = pw.CharField(max_length=256, default="")
    duration_ms = pw.BigIntegerField(default=0)


class CallbackHook(BaseModel):
    id = IdField()
    app = pw.CharField(max_length=64)
    hook = pw.CharField(max_length=32)
    url = pw.CharField(max_length=2048)
    secret = pw.CharField(max_length=80)
    timeout_ms = pw.IntegerField(default=2000)
    failure_policy = pw.CharField(max_length=8, default="allow")
    created_at = pw.BigIntegerField()
    updated_at = pw.BigIntegerField()

    class Meta:
        indexes = ((("app", "hook"), True),)
