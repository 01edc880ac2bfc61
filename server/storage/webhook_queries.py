"""Queries of webhook endpoints, deliveries, attempts and veto callbacks.

The admin use cases call the app-scoped functions inside their unit of work. The delivery
worker calls fan_out, claim and finish, each in its own short transaction: the delivery
rows are the durable retry table, so any server process sends any due delivery, and a
process killed mid-send leaves a lease that simply runs out."""

import json
import secrets as _secrets
from dataclasses import dataclass

import peewee as pw

from server.domain import errors
from server.domain import webhooks as rules
from server.storage.db import is_sqlite
from server.storage.event_models import EventCounter
from server.storage.models import database
from server.storage.sql import fetch_all
from server.storage.webhook_models import CallbackHook, WebhookAttempt, WebhookDelivery, WebhookEndpoint

ENDPOINT_NOT_FOUND = "webhook 端点不存在"


def _sqlite() -> bool:
    return is_sqlite(database.obj)


# ----- admin (inside the caller's unit of work) -----

def _types(row) -> list[str]:
    return row.event_types.split() if row.event_types else []


def endpoint_dict(row) -> dict:
    return {
        "id": row.id, "url": row.url, "event_types": _types(row), "enabled": bool(row.enabled),
        "disabled_reason": row.disabled_reason, "created_at": row.created_at,
        "secret_rotated_at": row.secret_rotated_at, "description": row.description,
    }


def create_endpoint(app: str, url: str, event_types: list[str], description: str, secret: str, now: int) -> dict:
    published = EventCounter.select(EventCounter.last_seq).where(EventCounter.app == app).scalar() or 0
    row = WebhookEndpoint.create(  # it receives the events from its creation on
        id="ep_" + rules.ulid(now, _secrets.randbits(80)), app=app, url=url, event_types=" ".join(event_types),
        description=description, secret=secret, cursor_seq=published, created_at=now, updated_at=now,
    )
    _endpoints_changed()
    return endpoint_dict(row)


def _endpoint(app: str, endpoint_id: str, for_update: bool = False):
    query = WebhookEndpoint.select().where(WebhookEndpoint.app == app, WebhookEndpoint.id == endpoint_id)
    if for_update and not _sqlite():
        query = query.for_update()
    row = query.first()
    if row is None:
        raise errors.NotFound(ENDPOINT_NOT_FOUND, field="id")
    return row


def list_endpoints(app: str) -> list[dict]:
    rows = WebhookEndpoint.select().where(WebhookEndpoint.app == app).order_by(WebhookEndpoint.created_at,
                                                                              WebhookEndpoint.id)
    return [endpoint_dict(row) for row in rows]


def update_endpoint(app: str, endpoint_id: str, changes: dict, now: int) -> tuple[dict, dict]:
    """changes: url, event_types (list), enabled, description. Returns (before, after)."""
    row = _endpoint(app, endpoint_id, for_update=True)
    before = endpoint_dict(row)
    if "url" in changes:
        row.url = changes["url"]
    if "event_types" in changes:
        row.event_types = " ".join(changes["event_types"])
    if "description" in changes:
        row.description = changes["description"]
    if "enabled" in changes and bool(changes["enabled"]) != bool(row.enabled):
        row.enabled = bool(changes["enabled"])
        row.disabled_reason = "" if row.enabled else "disabled by an administrator"
        row.failing_since = 0
    row.updated_at = now
    row.save()
    _endpoints_changed()
    return before, endpoint_dict(row)


def delete_endpoint(app: str, endpoint_id: str) -> dict:
    row = _endpoint(app, endpoint_id, for_update=True)
    deliveries = WebhookDelivery.select(WebhookDelivery.id).where(WebhookDelivery.endpoint_id == row.id)
    WebhookAttempt.delete().where(WebhookAttempt.delivery_id.in_(deliveries)).execute()
    WebhookDelivery.delete().where(WebhookDelivery.endpoint_id == row.id).execute()
    row.delete_instance()
    return endpoint_dict(row)


def rotate_secret(app: str, endpoint_id: str, secret: str, now: int, grace_ms: int) -> int:
    row = _endpoint(app, endpoint_id, for_update=True)
    row.previous_secret, row.previous_secret_until = row.secret, now + grace_ms
    row.secret, row.secret_rotated_at, row.updated_at = secret, now, now
    row.save()
    return row.previous_secret_until


def _delivery_dict(row, attempts) -> dict:
    return {
        "id": row.id, "event_id": row.event_id, "event_type": row.event_type, "seq": row.seq,
        "status": row.status, "next_attempt_at": row.next_attempt_at if row.status == "pending" else 0,
        "created_at": row.created_at,
        "attempts": [
            {"attempt": a.attempt, "at": a.at, "status_code": a.status_code, "error": a.error,
             "duration_ms": a.duration_ms}
            for a in attempts
        ],
    }


def list_deliveries(app: str, endpoint_id: str, status: str, before_id: int, limit: int) -> list[dict]:
    _endpoint(app, endpoint_id)
    query = WebhookDelivery.select().where(WebhookDelivery.endpoint_id == endpoint_id)
    if status:
        query = query.where(WebhookDelivery.status == status)
    if before_id:
        query = query.where(WebhookDelivery.id < before_id)
    rows = list(query.order_by(WebhookDelivery.id.desc()).limit(limit))
    attempts: dict[int, list] = {row.id: [] for row in rows}
    if rows:
        for attempt in (WebhookAttempt.select().where(WebhookAttempt.delivery_id.in_(list(attempts)))
                        .order_by(WebhookAttempt.attempt, WebhookAttempt.id)):
            attempts[attempt.delivery_id].append(attempt)
    return [_delivery_dict(row, attempts[row.id]) for row in rows]


def redeliver(app: str, delivery_id: int, now: int) -> dict:
    row = WebhookDelivery.select().where(WebhookDelivery.app == app, WebhookDelivery.id == delivery_id).first()
    if row is None:
        raise errors.NotFound("投递记录不存在", field="delivery_id")
    WebhookDelivery.update(status="pending", next_attempt_at=now, lease_until=0, finished_at=0).where(
        WebhookDelivery.id == row.id).execute()
    _endpoints_changed()
    row = WebhookDelivery.get_by_id(row.id)
    attempts = WebhookAttempt.select().where(WebhookAttempt.delivery_id == row.id).order_by(WebhookAttempt.attempt)
    return _delivery_dict(row, list(attempts))


def callback_dict(row) -> dict:
    return {"hook": row.hook, "url": row.url, "timeout_ms": row.timeout_ms, "failure_policy": row.failure_policy}


def put_callback(app: str, hook: str, url: str, timeout_ms: int, failure_policy: str, new_secret: str,
                 now: int) -> tuple[dict | None, dict, str]:
    row = CallbackHook.select().where(CallbackHook.app == app, CallbackHook.hook == hook).first()
    before = callback_dict(row) if row is not None else None
    if row is None:
        row = CallbackHook(app=app, hook=hook, secret=new_secret, created_at=now)
    row.url, row.timeout_ms, row.failure_policy, row.updated_at = url, timeout_ms, failure_policy, now
    row.save()
    return before, callback_dict(row), row.secret


def list_callbacks(app: str) -> list[dict]:
    return [callback_dict(row) for row in CallbackHook.select().where(CallbackHook.app == app)
            .order_by(CallbackHook.hook)]


def delete_callback(app: str, hook: str) -> dict:
    row = CallbackHook.select().where(CallbackHook.app == app, CallbackHook.hook == hook).first()
    if row is None:
        raise errors.NotFound("该 hook 没有回调", field="hook")
    row.delete_instance()
    return callback_dict(row)


def callbacks_with_secrets(app: str) -> dict[str, dict]:
    """hook → {url, secret, timeout_ms, failure_policy}: what the veto client needs."""
    return {row.hook: {**callback_dict(row), "secret": row.secret}
            for row in CallbackHook.select().where(CallbackHook.app == app)}


# ----- the delivery worker (each function its own transaction, opened by the caller) -----

# The worker runs these two every round (up to 50 a second under a stream of writes, in every
# process): plain SQL, since building them with peewee cost more than the writes they follow.
_ENDPOINTS_BEHIND = (
    f'SELECT "e"."id" FROM "{WebhookEndpoint._meta.table_name}" AS "e" '
    f'JOIN "{EventCounter._meta.table_name}" AS "c" ON "c"."app" = "e"."app" '
    'WHERE "e"."enabled" AND "c"."last_seq" > "e"."cursor_seq"'
)
_ENDPOINTS_DUE = (
    f'SELECT DISTINCT "endpoint_id" FROM "{WebhookDelivery._meta.table_name}" '
    'WHERE "status" = \'pending\' AND "next_attempt_at" <= ? AND "lease_until" <= ? LIMIT 1000'
)


_ANY_WORK = (
    f'SELECT 1 FROM "{WebhookEndpoint._meta.table_name}" WHERE "enabled" '
    f'UNION ALL SELECT 1 FROM "{WebhookDelivery._meta.table_name}" WHERE "status" = \'pending\' LIMIT 1'
)
# Bumped by this process's endpoint changes, so its worker looks again at once (another
# process's worker notices within its poll interval).
endpoint_changes = 0


def _endpoints_changed() -> None:
    global endpoint_changes
    endpoint_changes += 1


def any_work() -> bool:
    """An enabled endpoint, or a delivery still pending: without either a round has nothing to do."""
    return bool(fetch_all(_ANY_WORK))


def endpoints_behind() -> list[str]:
    """Ids of the enabled endpoints whose app has published events past their cursor: one
    query, so an idle round costs next to nothing."""
    return [row[0] for row in fetch_all(_ENDPOINTS_BEHIND)]


def endpoints_due(now: int) -> list[str]:
    """Ids of the endpoints with a delivery due and not leased (the (status, next_attempt_at) index)."""
    return [row[0] for row in fetch_all(_ENDPOINTS_DUE, (now, now))]


def _lock_skip(query):
    if _sqlite():
        return query  # one writer at a time: the IMMEDIATE transaction is the lock
    return query.for_update("FOR UPDATE SKIP LOCKED")


def _occurred_ms(value) -> int:
    if isinstance(value, int | float):
        return int(value)
    if hasattr(value, "timestamp"):
        return int(value.timestamp() * 1000)
    if isinstance(value, str):
        from datetime import datetime
        return int(datetime.fromisoformat(value.replace("Z", "+00:00")).timestamp() * 1000)
    return 0


def event_body(event) -> tuple[str, str]:
    """(occurred_at as RFC 3339, the Standard Webhooks body {type, timestamp, data: envelope})."""
    from datetime import UTC, datetime

    occurred = _occurred_ms(event.occurred_at)
    stamp = datetime.fromtimestamp(occurred / 1000, UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
    envelope = {
        "id": event.id, "seq": event.seq, "type": event.type, "occurred_at": stamp, "app": event.app,
        "group_id": event.group_id, "circle_id": event.circle_id, "version": event.version,
        "actor": event.actor, "target": event.target, "reason": event.reason, "request_id": event.request_id,
        "data": event.data,
    }
    body = json.dumps({"type": event.type, "timestamp": stamp, "data": envelope}, ensure_ascii=False,
                      separators=(",", ":"), default=str)
    return stamp, body


def fan_out(endpoint_id: str, events_after, now: int, batch: int) -> int:
    """Turns the endpoint's next events into delivery rows and moves its cursor past them.
    The endpoint row is locked (SKIP LOCKED: another process is doing it); events that occurred
    before the endpoint existed only move the cursor. Returns the rows made."""
    row = _lock_skip(WebhookEndpoint.select().where(WebhookEndpoint.id == endpoint_id,
                                                   WebhookEndpoint.enabled == True)).first()  # noqa: E712
    if row is None:
        return 0
    types = _types(row)
    # Read before the events: every event up to it is published and visible, so when fewer than
    # a batch match, the cursor can move that far even past events of other types.
    published = EventCounter.select(EventCounter.last_seq).where(EventCounter.app == row.app).scalar() or 0
    events = events_after(row.app, row.cursor_seq, batch, types=types or None)
    cursor = max([e.seq for e in events] + ([published] if len(events) < batch else []) + [row.cursor_seq])
    if cursor != row.cursor_seq:
        WebhookEndpoint.update(cursor_seq=cursor).where(WebhookEndpoint.id == row.id).execute()
    if not events:
        return 0
    made = []
    for event in events:
        if _occurred_ms(event.occurred_at) < row.created_at or not rules.matches(types, event.type):
            continue
        _stamp, body = event_body(event)
        made.append({
            "app": row.app, "endpoint_id": row.id, "event_id": event.id, "event_type": event.type,
            "seq": event.seq, "payload": body, "status": "pending", "attempts": 0, "next_attempt_at": now,
            "lease_until": 0, "created_at": now, "finished_at": 0,
        })
    if made:
        WebhookDelivery.insert_many(made).on_conflict_ignore().execute()
    return len(made)


@dataclass(frozen=True)
class Claimed:
    id: int
    endpoint_id: str
    url: str
    secrets: list[str]
    event_id: str
    payload: str
    attempt: int


def claim(endpoint_ids: list[str], now: int, lease_ms: int, per_endpoint: int, limit: int) -> list[Claimed]:
    """Due deliveries of these endpoints, leased to this process until now + lease_ms: at most
    per_endpoint in flight for any endpoint (across processes: the leases are rows; the endpoint
    row is locked while claiming, and one another process is claiming for is skipped) and
    limit in all."""
    claimed: list[Claimed] = []
    endpoints = list(_lock_skip(WebhookEndpoint.select().where(
        WebhookEndpoint.id.in_(endpoint_ids), WebhookEndpoint.enabled == True)  # noqa: E712
        .order_by(WebhookEndpoint.id)))
    for endpoint in endpoints:
        if len(claimed) >= limit:
            break
        in_flight = (WebhookDelivery.select().where(
            WebhookDelivery.endpoint_id == endpoint.id, WebhookDelivery.status == "pending",
            WebhookDelivery.lease_until > now).count())
        free = min(per_endpoint - in_flight, limit - len(claimed))
        if free <= 0:
            continue
        due = list(_lock_skip(
            WebhookDelivery.select().where(
                WebhookDelivery.endpoint_id == endpoint.id, WebhookDelivery.status == "pending",
                WebhookDelivery.next_attempt_at <= now, WebhookDelivery.lease_until <= now,
            ).order_by(WebhookDelivery.next_attempt_at, WebhookDelivery.id).limit(free)
        ))
        if not due:
            continue
        WebhookDelivery.update(lease_until=now + lease_ms, attempts=WebhookDelivery.attempts + 1).where(
            WebhookDelivery.id.in_([d.id for d in due])).execute()
        secrets = [endpoint.secret]
        if endpoint.previous_secret and endpoint.previous_secret_until > now:
            secrets.append(endpoint.previous_secret)
        claimed.extend(
            Claimed(d.id, endpoint.id, endpoint.url, secrets, d.event_id, d.payload, d.attempts + 1) for d in due
        )
    return claimed


def finish(delivery: Claimed, now: int, status_code: int, error: str, duration_ms: int, outcome: str,
           next_attempt_at: int, disable_after_ms: int) -> str:
    """Records one attempt and its outcome: delivered, retry (at next_attempt_at), failed (gave
    up) or gone (410: the endpoint is disabled). A retry of an endpoint failing for
    disable_after_ms is failed and disables it. Returns the outcome as recorded."""
    WebhookAttempt.create(delivery_id=delivery.id, attempt=delivery.attempt, at=now - duration_ms,
                          status_code=status_code, error=error[:256], duration_ms=duration_ms)
    endpoint = WebhookEndpoint.get_or_none(WebhookEndpoint.id == delivery.endpoint_id)
    if endpoint is None:  # deleted meanwhile, with its deliveries
        return outcome
    if outcome == "delivered":
        if endpoint.failing_since:
            WebhookEndpoint.update(failing_since=0).where(WebhookEndpoint.id == endpoint.id).execute()
        WebhookDelivery.update(status="delivered", lease_until=0, finished_at=now).where(
            WebhookDelivery.id == delivery.id).execute()
        return outcome
    disable_reason = ""
    if outcome == "gone":
        disable_reason = "the endpoint answered 410 Gone"
    elif endpoint.failing_since and now - endpoint.failing_since >= disable_after_ms:
        disable_reason = "failing without a success for 3 days"
    if disable_reason:
        WebhookEndpoint.update(enabled=False, disabled_reason=disable_reason, updated_at=now).where(
            WebhookEndpoint.id == endpoint.id).execute()
    elif not endpoint.failing_since:
        WebhookEndpoint.update(failing_since=now).where(WebhookEndpoint.id == endpoint.id).execute()
    if outcome == "retry" and not disable_reason:
        WebhookDelivery.update(lease_until=0, next_attempt_at=next_attempt_at).where(
            WebhookDelivery.id == delivery.id).execute()
        return outcome
    if outcome == "retry" and disable_reason and outcome != "gone":
        # The endpoint is disabled: the delivery stays pending, sent again if it is enabled again.
        WebhookDelivery.update(lease_until=0, next_attempt_at=next_attempt_at).where(
            WebhookDelivery.id == delivery.id).execute()
        return "disabled"
    WebhookDelivery.update(status="failed", lease_until=0, finished_at=now).where(
        WebhookDelivery.id == delivery.id).execute()
    return outcome


def oldest_undelivered(now: int) -> float:
    """Seconds since the oldest pending delivery was made; 0 when none."""
    oldest = WebhookDelivery.select(pw.fn.MIN(WebhookDelivery.created_at)).where(
        WebhookDelivery.status == "pending").scalar()
    return max(0.0, (now - oldest) / 1000) if oldest else 0.0
