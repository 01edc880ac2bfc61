"""Change events and audit entries: the envelope every state-changing use case records in its
own unit of work (the outbox), the request context they carry, and the list of event types.

An event is recorded with Store.record_event inside `uow.write(...)`; the unit of work writes it
in the same transaction as the change, so a change and its event commit or roll back together.
`seq` (the per-app resume cursor) is published in commit order: see server/storage/event_queries.py."""

import contextvars
import os
import time
from dataclasses import dataclass, field

_CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_PAIRS = [a + b for a in _CROCKFORD for b in _CROCKFORD]  # 10 bits → 2 characters: every write makes one


def encode_ulid(now_ms: int, random_bits: int) -> str:
    """A ULID: 48 bits of milliseconds, then 80 random bits, in Crockford base32 (26 characters)."""
    value = (now_ms << 80) | (random_bits & ((1 << 80) - 1))
    return "".join([_PAIRS[(value >> shift) & 1023] for shift in range(120, -1, -10)])


def ulid(now_ms: int | None = None) -> str:
    """A ULID, sortable by time, with random bits from os.urandom."""
    ms = int(time.time() * 1000) if now_ms is None else now_ms
    return encode_ulid(ms, int.from_bytes(os.urandom(10), "big"))


def new_event_id(now_ms: int | None = None) -> str:
    return "evt_" + ulid(now_ms)


@dataclass(frozen=True)
class EventRecord:
    """One published event, as the outbox holds it. actor and target are "kind:id" strings
    (`user:5`, `admin:5`, `system`; `user:7`, `group:12`, `notice:3`); data is the thin payload:
    ids plus `changes`, a list of {key, old, new}."""

    id: str
    seq: int
    type: str
    occurred_at: int  # milliseconds since the epoch, UTC
    app: str
    group_id: int | None
    circle_id: int | None
    version: int  # per group or circle: +1 for each of its events; 0 for app-wide events
    actor: str
    target: str
    reason: str
    request_id: str
    data: dict


@dataclass(frozen=True)
class AuditEntry:
    id: int  # increasing: the before/after cursor
    app: str
    group_id: int | None
    circle_id: int | None
    actor: str
    action: str
    target: str
    changes: list  # [{key, old, new}]
    reason: str
    request_id: str
    created_at: int


@dataclass(frozen=True)
class RequestContext:
    """Who asked for the change and why: set by the gRPC interceptor for each call."""

    actor: str = "system"
    request_id: str = ""
    reason: str = ""  # x-audit-log-reason, at most MAX_REASON characters


MAX_REASON = 512
# Types whose events are also audit entries: filled from the proto at startup (server/services/event_types.py).
AUDITED: set[str] = set()
SYSTEM = RequestContext()
REQUEST: contextvars.ContextVar[RequestContext | None] = contextvars.ContextVar("event_request", default=None)


def current_request() -> RequestContext:
    return REQUEST.get() or SYSTEM


def actor_of(principal) -> str:
    """"admin:5" for an app admin token, else "user:5"."""
    if principal is None:
        return "system"
    return f"{'admin' if principal.is_app_admin else 'user'}:{principal.user_id}"


def change(key: str, old, new) -> dict:
    return {"key": key, "old": old, "new": new}


def changes_of(old: dict, new: dict) -> list[dict]:
    """{key, old, new} for each key of new whose value differs from old's."""
    return [change(key, old.get(key), value) for key, value in new.items() if old.get(key) != value]


@dataclass
class PendingEvent:
    """An event recorded in an open unit of work, written when it commits."""

    type: str
    group_id: int | None
    circle_id: int | None
    target: str
    data: dict
    audit: bool | None
    context: RequestContext = field(default_factory=current_request)
