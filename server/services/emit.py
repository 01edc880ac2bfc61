"""Shortcuts the use cases use to record their events (Store.record_event) in their unit of work.
Whether an event is also an audit entry comes from its type (EventType's `audited` option in
protos/groupkit/event/v1/event.proto, loaded into server.domain.events.AUDITED)."""

from server.domain.events import change, changes_of


def group_event(store, type_: str, group, *, target: str | None = None, changes: list | None = None, **data) -> None:
    """An event of a group: group_id is its id, data carries its IM id."""
    payload = {"im_group_id": group.im_id, **data}
    if changes:
        payload["changes"] = changes
    store.record_event(type_, target=target or f"group:{group.id}", group_id=group.id, data=payload)


def circle_event(store, type_: str, circle_id: int, *, target: str | None = None, changes: list | None = None,
                 **data) -> None:
    payload = dict(data)
    if changes:
        payload["changes"] = changes
    store.record_event(type_, target=target or f"circle:{circle_id}", circle_id=circle_id, data=payload)


def app_event(store, type_: str, *, target: str, changes: list | None = None, **data) -> None:
    payload = dict(data)
    if changes:
        payload["changes"] = changes
    store.record_event(type_, target=target, data=payload)


def users(ids) -> str:
    """The target of an event about several users: "user:<id>" for one, else "users"."""
    ids = list(ids)
    return f"user:{ids[0]}" if len(ids) == 1 else "users"


__all__ = ["app_event", "change", "changes_of", "circle_event", "group_event", "users"]
