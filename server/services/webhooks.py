"""Use cases of WebhookAdminService: webhook endpoints and veto callbacks of the caller's app.
Every change is an audit entry (webhook.* / callback.*) in the same transaction."""

import logging

from server.delivery import signing, targets
from server.domain import errors
from server.domain import webhooks as rules
from server.domain.events import current_request
from server.domain.model import Principal
from server.services.audit import record_audit
from server.services.clock import now_ms
from server.storage import webhook_queries as queries

log = logging.getLogger(__name__)
DELIVERY_STATUSES = ("", "pending", "delivered", "failed")


class WebhookSettings:
    rotation_grace_seconds: float = rules.ROTATION_GRACE_SECONDS
    on_callbacks_changed = staticmethod(lambda app: None)  # the veto client forgets its cache


SETTINGS = WebhookSettings()


def _require_admin(principal: Principal) -> None:
    if not principal.is_app_admin:
        raise errors.PermissionDenied("仅应用管理员可以管理 webhook 与回调")


def actor_of(principal: Principal) -> str:
    return f"{'admin' if principal.is_app_admin else 'user'}:{principal.user_id}"


def _audit(store, principal: Principal, action: str, target: str, changes: list, reason: str,
           request_id: str) -> None:
    context = current_request()
    record_audit(store, app=principal.app, actor=actor_of(principal), action=action, target=target,
                 changes=changes, reason=reason or context.reason, request_id=request_id or context.request_id)


def _changes(before: dict | None, after: dict | None, keys) -> list[dict]:
    before, after = before or {}, after or {}
    return [{"key": key, "old": before.get(key), "new": after.get(key)} for key in keys
            if before.get(key) != after.get(key)]


ENDPOINT_KEYS = ("url", "event_types", "enabled", "description")
CALLBACK_KEYS = ("url", "timeout_ms", "failure_policy")


def create_endpoint(uow, principal: Principal, url: str, event_types, description: str, *, reason="",
                    request_id="") -> tuple[dict, str]:
    _require_admin(principal)
    url = targets.check_url(url)
    types = rules.check_event_types(event_types)
    description = rules.check_description(description)
    secret = signing.new_secret()
    with uow.write(principal.app) as store:
        endpoint = queries.create_endpoint(principal.app, url, types, description, secret, now_ms())
        _audit(store, principal, "webhook.endpoint.created", f"webhook:{endpoint['id']}",
               _changes(None, endpoint, ENDPOINT_KEYS), reason, request_id)
    return endpoint, secret


def list_endpoints(uow, principal: Principal) -> list[dict]:
    _require_admin(principal)
    with uow.read(principal.app):
        return queries.list_endpoints(principal.app)


def update_endpoint(uow, principal: Principal, endpoint_id: str, changes: dict, *, reason="", request_id="") -> dict:
    _require_admin(principal)
    if "url" in changes:
        changes["url"] = targets.check_url(changes["url"])
    if "event_types" in changes:
        changes["event_types"] = rules.check_event_types(changes["event_types"])
    if "description" in changes:
        changes["description"] = rules.check_description(changes["description"])
    with uow.write(principal.app) as store:
        before, after = queries.update_endpoint(principal.app, endpoint_id, changes, now_ms())
        _audit(store, principal, "webhook.endpoint.updated", f"webhook:{endpoint_id}",
               _changes(before, after, ENDPOINT_KEYS), reason, request_id)
    return after


def delete_endpoint(uow, principal: Principal, endpoint_id: str, *, reason="", request_id="") -> None:
    _require_admin(principal)
    with uow.write(principal.app) as store:
        before = queries.delete_endpoint(principal.app, endpoint_id)
        _audit(store, principal, "webhook.endpoint.deleted", f"webhook:{endpoint_id}",
               _changes(before, None, ENDPOINT_KEYS), reason, request_id)


def rotate_secret(uow, principal: Principal, endpoint_id: str, *, reason="", request_id="") -> tuple[str, int]:
    _require_admin(principal)
    secret = signing.new_secret()
    with uow.write(principal.app) as store:
        until = queries.rotate_secret(principal.app, endpoint_id, secret, now_ms(),
                                      int(SETTINGS.rotation_grace_seconds * 1000))
        _audit(store, principal, "webhook.secret.rotated", f"webhook:{endpoint_id}",
               [], reason, request_id)
    return secret, until


def list_deliveries(uow, principal: Principal, endpoint_id: str, status: str, before_id: int,
                    limit: int) -> list[dict]:
    _require_admin(principal)
    if status not in DELIVERY_STATUSES:
        raise errors.InvalidArgument("status 必须是 pending、delivered 或 failed", field="status")
    limit = limit or 50
    if not 1 <= limit <= 100:
        raise errors.InvalidArgument("limit 必须在 1–100 之间", field="limit")
    with uow.read(principal.app):
        return queries.list_deliveries(principal.app, endpoint_id, status, before_id, limit)


def redeliver(uow, principal: Principal, delivery_id: int, *, reason="", request_id="") -> dict:
    _require_admin(principal)
    with uow.write(principal.app) as store:
        delivery = queries.redeliver(principal.app, delivery_id, now_ms())
        _audit(store, principal, "webhook.delivery.redelivered", f"webhook_delivery:{delivery_id}",
               [], reason, request_id)
    return delivery


def put_callback(uow, principal: Principal, hook: str, url: str, timeout_ms: int, failure_policy: str, *,
                 reason="", request_id="") -> tuple[dict, str]:
    _require_admin(principal)
    timeout_ms, failure_policy = rules.check_callback(hook, timeout_ms, failure_policy)
    url = targets.check_url(url)
    with uow.write(principal.app) as store:
        before, after, secret = queries.put_callback(principal.app, hook, url, timeout_ms, failure_policy,
                                                     signing.new_secret(), now_ms())
        _audit(store, principal, "callback.created" if before is None else "callback.updated",
               f"callback:{hook}", _changes(before, after, CALLBACK_KEYS), reason, request_id)
    SETTINGS.on_callbacks_changed(principal.app)
    return after, secret


def list_callbacks(uow, principal: Principal) -> list[dict]:
    _require_admin(principal)
    with uow.read(principal.app):
        return queries.list_callbacks(principal.app)


def delete_callback(uow, principal: Principal, hook: str, *, reason="", request_id="") -> None:
    _require_admin(principal)
    with uow.write(principal.app) as store:
        before = queries.delete_callback(principal.app, hook)
        _audit(store, principal, "callback.deleted", f"callback:{hook}",
               _changes(before, None, CALLBACK_KEYS), reason, request_id)
    SETTINGS.on_callbacks_changed(principal.app)


def load_callbacks(uow, app: str) -> dict:
    with uow.read(app):
        return queries.callbacks_with_secrets(app)


def record_fallback(uow, principal: Principal, hook: str, policy: str, why: str, request_id: str) -> None:
    """The audit entry of one callback fallback (its own transaction, before the write's)."""
    with uow.write(principal.app) as store:
        _audit(store, principal, "callback.fallback", f"callback:{hook}",
               [{"key": "failure_policy", "old": None, "new": policy}], why[:512], request_id)
