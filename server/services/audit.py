"""The audit log's use cases: writing an entry for an administrative action, and reading them.

Most entries come from Store.record_event(..., audit=True) in the use case that makes the change.
record_audit is for actions that are not a change of a group (webhook endpoint changes, veto
callback fallbacks): call it inside a `uow.write(app)` block, so the entry commits with the
rest of that unit of work."""

from server.domain import errors
from server.domain import policies as rules
from server.domain.events import MAX_REASON
from server.services.clock import now_ms
from server.services.lookup import group_or_404, role_of
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


def list_entries(
    uow, actor, *, before: int, after: int, limit: int, group_ref: int = 0, circle_id: int = 0,
    actor_filter: str = "", action: str = "", target: str = "",
):
    """Entries of the caller's app (app admin), or of one group its owner or admins name."""
    if before < 0 or after < 0:
        raise errors.InvalidArgument("before 与 after 不能小于 0", field="before" if before < 0 else "after")
    if before and after:
        raise errors.InvalidArgument("before 与 after 只能给一个", field="before")
    limit = limit or DEFAULT_LIMIT
    if not 1 <= limit <= MAX_LIMIT:
        raise errors.InvalidArgument(f"limit 必须在 1 到 {MAX_LIMIT} 之间", field="limit")
    with uow.read(actor.app) as store:
        group_id = None
        if group_ref:
            group = group_or_404(store.group_by_ref(group_ref))
            group_id = group.id
            if not actor.is_app_admin:
                rules.require_manager(role_of(store, actor, group))
        elif not actor.is_app_admin:
            raise errors.PermissionDenied("仅应用管理员可以读取整个应用的审计日志；群主和管理员请指定 group_id")
        if circle_id and not actor.is_app_admin:
            raise errors.PermissionDenied("仅应用管理员可以按圈子读取审计日志")
        return event_queries.audit_entries(
            actor.app, before=before, after=after, limit=limit, group_id=group_id, circle_id=circle_id or None,
            actor=actor_filter, action=action, target=target,
        )
