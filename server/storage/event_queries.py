"""The outbox and the audit log: recording events in the unit of work, publishing their seq in
commit order, reading them back, and purging them after retention.

Why seq is not the row id. On PostgreSQL an id (a sequence) is taken at INSERT but seen at
COMMIT, so transactions commit out of id order: a reader that has seen id 101 and moves on
never sees id 100 committing after it. So a write inserts its events with seq NULL, and a
publisher (server/services/events.py, in every server process) gives committed rows their seq
in one short transaction of its own, one call of the function of migration 0066: it locks the
app's event_counter row, takes the rows still without a seq (a committed row only: an open
transaction's rows are invisible to it), numbers them after the counter and commits. Two
publishers queue on that row lock, and the second sees the first's numbers, so seqs grow in
publication order and a reader, who reads only published rows, never sees a gap that fills in
later. Writers take no shared lock and send no NOTIFY; the
publisher sends at most one NOTIFY (the seq, a hint) per publication.

SQLite has one writer at a time, so commit order is transaction order: a write's event rows
are numbered as they are inserted, from the same counter row, by the trigger of the view they
are written through (migration 0065)."""

import functools
import json
from collections.abc import Sequence

from server.domain import events as de
from server.domain.events import EventRecord
from server.storage.event_models import AuditEntry, Event
from server.storage.models import database
from server.storage.sql import Inserter, execute, fetch_all, fetch_one, marks

_EVENTS = Inserter(Event)
_AUDITS = Inserter(AuditEntry)
_NEXT_VERSION = (
    'INSERT INTO "event_version" ("app", "scope", "ref", "version") VALUES (?, ?, ?, ?) '
    'ON CONFLICT ("app", "scope", "ref") DO UPDATE SET "version" = "event_version"."version" + excluded."version" '
    'RETURNING "version"'
)
_EVENT_COLUMNS = (
    '"event_id", "seq", "type", "occurred_at", "app", "group_id", "circle_id", "version", "actor", "target", '
    '"reason", "request_id", "data"'
)
NOTIFY_CHANNEL = "groupkit_events"
# Called with (app, count) after a unit of work wrote its events (the metrics; set by the event hub).
on_written = None
PUBLISH_BATCH = 1000
_json = json.JSONEncoder(ensure_ascii=False).encode  # json.dumps(ensure_ascii=False) builds an encoder per call


def _is_sqlite() -> bool:
    return database.param == "?"


class EventQueries:
    """Store's part: record_event collects; the unit of work calls flush_events before it commits."""

    app: str

    def record_event(
        self, type_: str, *, target: str, group_id: int | None = None, circle_id: int | None = None,
        data: dict | None = None, audit: bool | None = None,
    ) -> None:
        """Records a change event in this unit of work (written at its commit, with it). With
        audit (by default: the type is in server.domain.events.AUDITED), the change is also an
        administrative action: an audit entry is written too, with action type_ and data["changes"]."""
        pending = self.__dict__.setdefault("_events", [])
        pending.append(de.PendingEvent(type_, group_id, circle_id, target, dict(data or {}), audit))

    @property
    def pending_events(self) -> list:
        return self.__dict__.get("_events", [])

    def flush_events(self, now: int) -> int:
        """Writes the recorded events (and their audit entries); returns how many."""
        pending = self.__dict__.pop("_events", [])
        if not pending:
            return 0
        if _is_sqlite():  # seq, version and the audit entries: the view's trigger (migration 0065)
            _write_through_view(_rows(self.app, pending, now, lambda scope: 0))
        elif len(scopes := {_scope(event) for event in pending}) == 1 and None not in scopes:
            _write_in_one_statement(self.app, *scopes, *_split(_rows(self.app, pending, now, _ranks())))
        else:
            versions: dict[tuple[str, int], int] = {}
            for event in pending:
                scope = _scope(event)
                if scope is not None:
                    versions[scope] = versions.get(scope, 0) + 1
            next_version = {}
            for (kind, ref), count in sorted(versions.items()):  # one lock order: no deadlock between writers
                last = fetch_one(_NEXT_VERSION, (self.app, kind, ref, count))[0]
                next_version[(kind, ref)] = last - count + 1
            rows, audits = _split(_rows(self.app, pending, now, lambda scope: _take(next_version, scope)))
            _EVENTS.insert(rows)
            _AUDITS.insert(audits)
        if on_written is not None:
            on_written(self.app, len(pending))
        return len(pending)

    def insert_audit(
        self, *, actor: str, action: str, target: str, changes: list, reason: str, request_id: str,
        group_id: int | None, circle_id: int | None, now: int,
    ) -> None:
        _AUDITS.insert([_audit_row(self.app, actor, action, target, _json(changes), reason, request_id, group_id, circle_id, now)])


def _scope(event) -> tuple[str, int] | None:
    if event.group_id is not None:
        return ("group", event.group_id)
    if event.circle_id is not None:
        return ("circle", event.circle_id)
    return None


def _ranks():
    """Each row's rank within its scope (1, 2, ...), for _write_in_one_statement to add to the scope's base."""
    ranks: dict[tuple[str, int], int] = {}

    def rank(scope: tuple[str, int]) -> int:
        ranks[scope] = ranks.get(scope, 0) + 1
        return ranks[scope]
    return rank


def _take(next_version: dict, scope: tuple[str, int]) -> int:
    version = next_version[scope]
    next_version[scope] += 1
    return version


def _rows(app: str, pending: list, now: int, version_of) -> list[dict]:
    """The event rows (seq NULL) of pending; version_of(scope) gives each row's "version" in its
    group or circle (called in order, for rows that have one; others get 0). A row's
    "audit_changes" is its audit entry's changes (JSON), None when the change is not audited."""
    rows = []
    for event in pending:
        scope = _scope(event)
        context = event.context
        audited = event.audit or (event.audit is None and event.type in de.AUDITED)
        rows.append({
            "event_id": de.new_event_id(now), "app": app, "seq": None, "type": event.type,
            "occurred_at": now, "group_id": event.group_id, "circle_id": event.circle_id,
            "version": 0 if scope is None else version_of(scope),
            "actor": context.actor, "target": event.target, "reason": context.reason,
            "request_id": context.request_id, "data": _json(event.data),
            "audit_changes": _json(event.data.get("changes", [])) if audited else None,
        })
    return rows


def _split(rows: list[dict]) -> tuple[list, list]:
    """The event rows (without audit_changes) and the audit rows of _rows' rows."""
    audits = []
    for row in rows:
        changes = row.pop("audit_changes")
        if changes is not None:
            audits.append(_audit_row(
                row["app"], row["actor"], row["type"], row["target"], changes, row["reason"], row["request_id"],
                row["group_id"], row["circle_id"], row["occurred_at"],
            ))
    return rows, audits


# SQLite: the rows go into a view, whose trigger (migration 0065) numbers each, writes it and its
# audit entry: one statement for a write's whole outbox. Each statement costs the thread the
# interpreter lock, given up while SQLite works and taken back among busy threads.
_VIEW_COLUMNS = ("event_id", "app", "type", "occurred_at", "group_id", "circle_id", "actor", "target", "reason",
                 "request_id", "data", "audit_changes")
_VIEW_INSERT = f'INSERT INTO "event_write" ({", ".join(chr(34) + c + chr(34) for c in _VIEW_COLUMNS)}) VALUES '
_VIEW_ROW = f"({marks(len(_VIEW_COLUMNS))})"


def _write_through_view(rows: list[dict]) -> None:
    execute(_VIEW_INSERT + ", ".join([_VIEW_ROW] * len(rows)), [row[c] for row in rows for c in _VIEW_COLUMNS])


# PostgreSQL, the usual write (one group or circle changed): the version upsert, the event rows
# and the audit rows in one statement, so one round trip. Each round trip costs the thread the
# interpreter lock and a wake-up to take it back, which cost more than the statements.
_ROW_COLUMNS = ("event_id", "type", "occurred_at", "group_id", "circle_id", "version", "actor", "target", "reason",
                "request_id", "data")
_ROW_CASTS = ("text", "text", "bigint", "bigint", "bigint", "bigint", "text", "text", "text", "text", "text")
_AUDIT_COLUMNS = ("app", "group_id", "circle_id", "actor", "action", "target", "changes", "reason", "request_id",
                  "created_at")
_AUDIT_CASTS = ("text", "bigint", "bigint", "text", "text", "text", "text", "text", "text", "bigint")


def _values(count: int, casts: tuple) -> str:
    first = "(" + ", ".join(f"%s::{cast}" for cast in casts) + ")"
    return ", ".join([first] + ["(" + ", ".join(["%s"] * len(casts)) + ")"] * (count - 1))


def _write_in_one_statement(app: str, scope: tuple[str, int], rows: list[dict], audits: list[dict]) -> None:
    kind, ref = scope
    params: list = [app, kind, ref, len(rows), app, len(rows)]
    params += [row[c] for row in rows for c in _ROW_COLUMNS]
    params += [audit[c] for audit in audits for c in _AUDIT_COLUMNS]
    database.execute_sql(_one_statement(len(rows), len(audits)), params)


@functools.lru_cache(maxsize=64)
def _one_statement(row_count: int, audit_count: int) -> str:
    """_write_in_one_statement's text for so many rows (built once per count: a write makes one or two)."""
    columns = ", ".join(f'"{c}"' for c in _ROW_COLUMNS if c != "version")
    picked = ", ".join(f'x."{c}"' for c in _ROW_COLUMNS if c != "version")
    sql = [
        'WITH v AS (INSERT INTO "event_version" ("app", "scope", "ref", "version") VALUES (%s, %s, %s, %s) '
        'ON CONFLICT ("app", "scope", "ref") DO UPDATE SET "version" = "event_version"."version" + excluded."version" '
        'RETURNING "version"), '
        f'e AS (INSERT INTO "event" ("app", "seq", "version", {columns}) '
        f'SELECT %s, NULL, v."version" - %s + x."version", {picked} FROM v, (VALUES {_values(row_count, _ROW_CASTS)}) '
        f'AS x({", ".join(chr(34) + c + chr(34) for c in _ROW_COLUMNS)})) ',
    ]
    if audit_count:
        sql.append(f'INSERT INTO "audit_entry" ({", ".join(chr(34) + c + chr(34) for c in _AUDIT_COLUMNS)}) '
                   f'VALUES {_values(audit_count, _AUDIT_CASTS)}')
    else:
        sql.append("SELECT 1")
    return "".join(sql)


def _audit_row(app, actor, action, target, changes_json, reason, request_id, group_id, circle_id, now) -> dict:
    return {
        "app": app, "group_id": group_id, "circle_id": circle_id, "actor": actor, "action": action,
        "target": target, "changes": changes_json, "reason": reason or "",
        "request_id": request_id or "", "created_at": now,
    }


def _record(row) -> EventRecord:
    return EventRecord(
        id=row[0], seq=row[1], type=row[2], occurred_at=row[3], app=row[4], group_id=row[5], circle_id=row[6],
        version=row[7], actor=row[8], target=row[9], reason=row[10], request_id=row[11], data=json.loads(row[12]),
    )


def _type_filter(types: Sequence[str]) -> tuple[str, list]:
    """types: exact names, or prefixes ending in "*" (`group.member.*`)."""
    exact = [t for t in types if not t.endswith("*")]
    prefixes = [t[:-1] for t in types if t.endswith("*")]
    parts, params = [], []
    if exact:
        parts.append(f'"type" IN ({marks(len(exact))})')
        params += exact
    for prefix in prefixes:
        parts.append('"type" LIKE ? ESCAPE \'\\\'')
        params.append(prefix.replace("\\", "").replace("%", "").replace("_", "\\_") + "%")
    return "(" + " OR ".join(parts) + ")", params


def events_after(
    app: str, after_seq: int, limit: int, types: Sequence[str] | None = None, group_ids: Sequence[int] | None = None,
) -> list[EventRecord]:
    """Published events of app with seq > after_seq, in seq order, at most limit; optionally only
    these types (exact, or a prefix ending in "*") and these groups. Runs on the calling
    thread's connection (its own transaction or autocommit)."""
    sql = [f'SELECT {_EVENT_COLUMNS} FROM "event" WHERE "app" = ? AND "seq" > ?']
    params: list = [app, after_seq]
    if types:
        clause, values = _type_filter(types)
        sql.append(" AND " + clause)
        params += values
    if group_ids:
        sql.append(f' AND "group_id" IN ({marks(len(group_ids))})')
        params += list(group_ids)
    sql.append(' ORDER BY "seq" LIMIT ?')
    params.append(limit)
    text = "".join(sql)
    if not _is_sqlite():
        text = text.replace("?", "%s")
    return [_record(r) for r in database.execute_sql(text, params).fetchall()]


def cursor(app: str) -> tuple[int, int]:
    """(last published seq, oldest seq still kept: a cursor below oldest - 1 is expired)."""
    row = fetch_one('SELECT "last_seq", "purged_through" FROM "event_counter" WHERE "app" = ?', (app,))
    if row is None:
        return 0, 1
    return row[0], row[1] + 1


def last_seqs() -> dict[str, int]:
    return dict(fetch_all('SELECT "app", "last_seq" FROM "event_counter"'))


def publish_pending(apps: Sequence[str] | None = None) -> dict[str, int]:
    """PostgreSQL: gives committed events without a seq theirs, one transaction per app (see the
    module's doc): lock the app's counter, number its pending rows after it, move it, NOTIFY.
    apps: the apps to look at (a commit in this process names its own); None: every app with
    pending rows. Returns {app: how many it published} (PUBLISH_BATCH at most: call again for more)."""
    if apps is None:
        apps = [r[0] for r in fetch_all('SELECT DISTINCT "app" FROM "event" WHERE "seq" IS NULL')]
    published = {}
    for app in sorted(set(apps)):
        # One call, one transaction: lock the counter, number, move it, NOTIFY (migration 0066).
        count, _ = fetch_all('SELECT * FROM groupkit_publish_events(?, ?, ?)', (app, PUBLISH_BATCH, NOTIFY_CHANNEL))[0]
        if count:
            published[app] = count
    return published


def has_pending() -> bool:
    return fetch_one('SELECT 1 FROM "event" WHERE "seq" IS NULL LIMIT 1') is not None


def _last_seq_older_than(app: str, after: int, last: int, horizon: int) -> int:
    """The highest seq in (after, last] whose event occurred before horizon, found by bisecting
    seq on the (app, seq) index: events are published about in the order they occur, so a few
    index lookups find the cut that a scan of occurred_at would (retention is not to the ms)."""
    low, high = after, last
    while low < high:
        middle = (low + high + 1) // 2
        row = fetch_one('SELECT "seq", "occurred_at" FROM "event" WHERE "app" = ? AND "seq" >= ? ORDER BY "seq" LIMIT 1',
                        (app, middle))
        if row is not None and row[1] < horizon:
            low = min(row[0], high)
        else:
            high = middle - 1
    return low


def purge(now: int, event_retention_ms: int, audit_retention_ms: int) -> tuple[int, int]:
    """Deletes published events and audit entries older than their retention; an app's
    purged_through moves to the highest seq deleted. Returns (events, audit entries) deleted."""
    event_horizon, audit_horizon = now - event_retention_ms, now - audit_retention_ms
    deleted_events = 0
    with database.atomic():
        for app, purged_through, last_seq in fetch_all('SELECT "app", "purged_through", "last_seq" FROM "event_counter"'):
            through = _last_seq_older_than(app, purged_through, last_seq, event_horizon)
            if through <= purged_through:
                continue
            execute('UPDATE "event_counter" SET "purged_through" = ? WHERE "app" = ? AND "purged_through" < ?',
                    (through, app, through))
            deleted_events += execute('DELETE FROM "event" WHERE "app" = ? AND "seq" > ? AND "seq" <= ?',
                                      (app, purged_through, through))
        deleted_audits = execute('DELETE FROM "audit_entry" WHERE "created_at" < ?', (audit_horizon,))
    return deleted_events, deleted_audits


def audit_entries(
    app: str, *, before: int = 0, after: int = 0, limit: int = 50, group_id: int | None = None,
    circle_id: int | None = None, actor: str = "", action: str = "", target: str = "",
) -> list[de.AuditEntry]:
    """Entries newest first below before (or from the newest when before and after are 0), or
    oldest first above after."""
    sql = ['SELECT "id", "app", "group_id", "circle_id", "actor", "action", "target", "changes", "reason", '
           '"request_id", "created_at" FROM "audit_entry" WHERE "app" = ?']
    params: list = [app]
    for column, value in (("group_id", group_id), ("circle_id", circle_id)):
        if value is not None:
            sql.append(f' AND "{column}" = ?')
            params.append(value)
    for column, value in (("actor", actor), ("action", action), ("target", target)):
        if value:
            sql.append(f' AND "{column}" = ?')
            params.append(value)
    if after:
        sql.append(' AND "id" > ? ORDER BY "id" LIMIT ?')
        params += [after, limit]
    else:
        if before:
            sql.append(' AND "id" < ?')
            params.append(before)
        sql.append(' ORDER BY "id" DESC LIMIT ?')
        params.append(limit)
    return [
        de.AuditEntry(r[0], r[1], r[2], r[3], r[4], r[5], r[6], json.loads(r[7]), r[8], r[9], r[10])
        for r in fetch_all("".join(sql), params)
    ]
