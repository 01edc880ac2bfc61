"""The audit log's use cases: writing an entry for an administrative action, and reading them.

Most entries come from Store.record_event(..., audit=True) in the use case that makes the change.
record_audit is for actions that are not a change of a group (webhook endpoint changes, veto
callback fallbacks): call it inside a `uow.write(app)` block, so the entry commits with the
rest of that unit of work."""

from server.domain import errors
from server.domain.events import MAX_REASON
from server.services.clock import now_ms
from server.storage import event_queries

MAX_LIMIT = 100
DEFAULT_LIMIT = 50


def record_audit(
    store, *, app: str, actor: str, action: str, target: str, changes: list, reason: str, request_id: str,
    group_id: int | None = None,
) -> None:
    """Appends an audit entry in store's unit of work. actor and target are "kind:id" strings
    (`admin:5`, `system`; `webhook:wh_…`), action a dotted name (`webhook.endpoint.created`,
    `callback.fallback`), changes a list of {key, old, new}."""
    if app != store.app:
        raise ValueError(f"record_audit: app {app!r} is not the unit of work's ({store.app!r})")
    store.insert_audit(
        actor=actor, action=action, target=target, changes=list(changes), reason=(reason or "")[:MAX_REASON],
        request_id=request_id or "", group_id=group_id, circle_id=None, now=now_ms(),
    )


def list_entries(uow, app: str, *, before: int, after: int, limit: int, **filters):
    if before and after:
        raise errors.InvalidArgument("before 与 after 只能给一个", field="before")
    if limit == 0:
        limit = DEFAULT_LIMIT
    if not 1 <= limit <= MAX_LIMIT:
        raise errors.InvalidArgument(f"limit 必须在 1 到 {MAX_LIMIT} 之间", field="limit")
    with uow.read(app):
        return event_queries.audit_entries(app, before=before, after=after, limit=limit, **filters)
