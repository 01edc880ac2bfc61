"""Following changes: the process's event hub (publisher, wake-ups, retention) and the
EventService use cases (Watch, GetCursor, ListEvents).

Wake-ups, commit → watcher:
- same process: the unit of work calls EventHub.committed after a write with events commits;
- PostgreSQL: that wakes this process's publisher (server/storage/event_queries.py), which
  numbers the committed rows and sends one NOTIFY (payload: the seq, a hint only); a LISTEN
  connection in every process wakes its watchers. Publishers and watchers also poll once a
  second, so a lost NOTIFY or a process killed between commit and publication delays events,
  never loses them;
- SQLite: a write numbers its own events; other processes see a commit through
  `PRAGMA data_version`, polled every 50 ms while a watcher is open."""

import logging
import select
import sqlite3
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass

import peewee as pw

from server.domain import errors
from server.domain.events import EventRecord
from server.services import event_metrics as metrics
from server.storage import event_queries
from server.storage.db import is_sqlite

log = logging.getLogger(__name__)

DAY_MS = 86_400_000
POLL_SECONDS = 1.0  # the fallback when no wake-up comes
DATA_VERSION_POLL_SECONDS = 0.05
PUBLISH_GATHER_SECONDS = 0.002
PROGRESS_SECONDS = 10.0
WATCH_BATCH = 500
LIST_DEFAULT, LIST_MAX = 100, 1000


@dataclass(frozen=True)
class EventSettings:
    event_retention_days: float = 7
    audit_retention_days: float = 90
    max_watchers: int = 64  # Watch streams per process, each holding a server thread
    progress_seconds: float = PROGRESS_SECONDS

    @classmethod
    def from_env(cls, env) -> "EventSettings":
        return cls(
            event_retention_days=float(env.get("EVENT_RETENTION_DAYS", "7")),
            audit_retention_days=float(env.get("AUDIT_RETENTION_DAYS", "90")),
            max_watchers=int(env.get("EVENT_MAX_WATCHERS", "64")),
            progress_seconds=float(env.get("EVENT_PROGRESS_SECONDS", str(PROGRESS_SECONDS))),
        )

    def purge_interval(self) -> float:
        """How often retention runs: hourly, or sooner for a retention under a few hours."""
        shortest = min(self.event_retention_days, self.audit_retention_days) * 86_400
        return max(0.5, min(3600.0, shortest / 10))


class EventHub:
    def __init__(self, db, settings: EventSettings):
        self.db = db
        self.settings = settings
        self._sqlite = is_sqlite(db)
        self._changed = threading.Condition()
        self._generation = 0
        self._publish = threading.Event()
        self._committed_apps: set[str] = set()
        self._apps_lock = threading.Lock()
        self._stop = threading.Event()
        self._watchers = 0
        self._watchers_lock = threading.Lock()
        self._threads: list[threading.Thread] = []

    # wake-ups

    def committed(self, app: str) -> None:
        """UnitOfWork.after_commit: a write with events committed in this process."""
        if self._sqlite:
            self.wake()
        else:
            with self._apps_lock:
                self._committed_apps.add(app)
            self._publish.set()

    def wake(self) -> None:
        with self._changed:
            self._generation += 1
            self._changed.notify_all()

    def generation(self) -> int:
        return self._generation

    def wait(self, generation: int, timeout: float) -> None:
        """Returns when something may have changed since generation, or after timeout."""
        with self._changed:
            self._changed.wait_for(lambda: self._generation != generation or self._stop.is_set(), timeout)

    # background threads

    def start(self) -> None:
        event_queries.on_written = _count_written
        loops = [self._purge_loop]
        loops += [self._data_version_loop] if self._sqlite else [self._publish_loop, self._listen_loop]
        for loop in loops:
            thread = threading.Thread(target=loop, name=f"events-{loop.__name__.strip('_')}", daemon=True)
            thread.start()
            self._threads.append(thread)

    def stop(self) -> None:
        self._stop.set()
        self._publish.set()
        self.wake()

    def _publish_loop(self) -> None:
        while not self._stop.is_set():
            woken = self._publish.wait(POLL_SECONDS)
            if woken:
                time.sleep(PUBLISH_GATHER_SECONDS)  # commits close together go out in one publication
            self._publish.clear()
            with self._apps_lock:
                apps, self._committed_apps = self._committed_apps, set()
            try:
                self.db.connect(reuse_if_open=True)
                # Woken by this process's commits: their apps. Otherwise (each second) every app with
                # rows left unpublished: another process's, or one killed between commit and publication.
                published = event_queries.publish_pending(apps if woken else None)
                while published:
                    self.wake()
                    full = [app for app, count in published.items() if count >= event_queries.PUBLISH_BATCH]
                    published = event_queries.publish_pending(full) if full else {}
            except Exception as exc:
                _log_failure("publishing events failed; retrying", exc)
                self._drop_connection()
                self._stop.wait(POLL_SECONDS)

    def _listen_loop(self) -> None:
        import psycopg2

        params = self.db.connect_params
        while not self._stop.is_set():
            connection = None
            try:
                connection = psycopg2.connect(dbname=self.db.database, **params)
                connection.autocommit = True
                connection.cursor().execute(f"LISTEN {event_queries.NOTIFY_CHANNEL}")
                while not self._stop.is_set():
                    if select.select([connection], [], [], POLL_SECONDS) != ([], [], []):
                        connection.poll()
                        if connection.notifies:
                            connection.notifies.clear()
                            self.wake()
            except Exception as exc:
                _log_failure("LISTEN connection lost; watchers poll until it is back", exc)
                self._stop.wait(POLL_SECONDS)
            finally:
                if connection is not None:
                    connection.close()

    def _data_version_loop(self) -> None:
        connection = sqlite3.connect(self.db.database, check_same_thread=False)
        try:
            last = None
            while not self._stop.is_set():
                if self._watchers:
                    version = connection.execute("PRAGMA data_version").fetchone()[0]
                    if last is not None and version != last:
                        self.wake()
                    last = version
                    self._stop.wait(DATA_VERSION_POLL_SECONDS)
                else:
                    last = None
                    self._stop.wait(POLL_SECONDS)
        finally:
            connection.close()

    def _purge_loop(self) -> None:
        interval = self.settings.purge_interval()
        while not self._stop.wait(interval):
            try:
                self.db.connect(reuse_if_open=True)
                now = int(time.time() * 1000)
                deleted = event_queries.purge(
                    now, int(self.settings.event_retention_days * DAY_MS), int(self.settings.audit_retention_days * DAY_MS)
                )
                if any(deleted):
                    log.info("retention purged %d events and %d audit entries", *deleted)
            except Exception as exc:
                _log_failure("retention purge failed; retrying later", exc)
                self._drop_connection()

    def _drop_connection(self) -> None:
        try:
            self.db.close()
        except Exception:  # noqa: BLE001 - a broken connection may fail to close
            pass

    # watchers

    def open_watcher(self) -> None:
        with self._watchers_lock:
            if self._watchers >= self.settings.max_watchers:
                raise errors.LimitReached(f"本进程的 Watch 已达上限 ({self.settings.max_watchers})")
            self._watchers += 1
        metrics.WATCHERS.inc()

    def close_watcher(self) -> None:
        with self._watchers_lock:
            self._watchers -= 1
        metrics.WATCHERS.dec()


def _connection_fault(exc: BaseException) -> bool:
    """A dropped or refused database connection (a restart, pg_terminate_backend, a network cut):
    expected now and then in a background loop, which retries."""
    if isinstance(exc, (pw.OperationalError, pw.InterfaceError)):
        return True
    try:
        import psycopg2
    except ImportError:  # pragma: no cover - psycopg2 is a requirement
        return False
    return isinstance(exc, (psycopg2.OperationalError, psycopg2.InterfaceError))


def _log_failure(message: str, exc: BaseException) -> None:
    """One warning line for a lost connection (as the webhook worker logs it); anything else is a
    fault and keeps its traceback."""
    if _connection_fault(exc):
        log.warning("%s: %s", message, " ".join(str(exc).split())[:300])
    else:
        log.warning(message, exc_info=exc)


_written_by_app: dict = {}


def _count_written(app: str, count: int) -> None:
    """events_written (counted at flush, just before commit: a failed commit after it is rare)."""
    child = _written_by_app.get(app)
    if child is None:  # labels() takes a lock and builds a key: once per app
        child = _written_by_app.setdefault(app, metrics.EVENTS_WRITTEN.labels(app))
    child.inc(count)


def CursorExpired(oldest_seq: int) -> errors.OutOfRange:  # noqa: N802 - raised like a class
    """A cursor older than retention: OUT_OF_RANGE, with the oldest seq kept."""
    return errors.OutOfRange(f"游标已过期：最早保留的事件 seq 为 {oldest_seq}", {"oldest_seq": str(oldest_seq)})


def _require_service(actor) -> None:
    if actor is None or not actor.is_app_admin:
        raise errors.PermissionDenied("仅应用管理员或服务令牌可以读取事件")


def _check_cursor(app: str, after_seq: int) -> tuple[int, int]:
    if after_seq < 0:
        raise errors.InvalidArgument("after_seq 不能小于 0", field="after_seq")
    last, oldest = event_queries.cursor(app)
    if after_seq < oldest - 1:
        raise CursorExpired(oldest)
    return last, oldest


def get_cursor(uow, actor) -> tuple[int, int]:
    _require_service(actor)
    with uow.read(actor.app):
        return event_queries.cursor(actor.app)


def list_events(uow, actor, after_seq: int, page_size: int, types, group_ids) -> tuple[list[EventRecord], int, bool]:
    """A page of events, the next after_seq, and whether more follow now."""
    _require_service(actor)
    page_size = page_size or LIST_DEFAULT
    if not 1 <= page_size <= LIST_MAX:
        raise errors.InvalidArgument(f"page_size 必须在 1 到 {LIST_MAX} 之间", field="page_size")
    with uow.read(actor.app):
        last, _ = _check_cursor(actor.app, after_seq)
        rows = event_queries.events_after(actor.app, after_seq, page_size + 1, types, group_ids)
    more = len(rows) > page_size
    rows = rows[:page_size]
    next_after = rows[-1].seq if more else max(after_seq, last, rows[-1].seq if rows else 0)
    return rows, next_after, more


@dataclass(frozen=True)
class Frame:
    events: list[EventRecord]
    seq: int
    progress: bool


def watch(uow, hub: EventHub, actor, after_seq: int, types, group_ids, is_active) -> Iterator[Frame]:
    """Batches of events after after_seq as they are published; a progress frame after
    progress_seconds without one. Ends when is_active() turns false."""
    _require_service(actor)
    with uow.read(actor.app):
        _check_cursor(actor.app, after_seq)
    hub.open_watcher()
    try:
        cursor = after_seq
        last_sent = time.monotonic()
        while is_active():
            generation = hub.generation()
            with uow.read(actor.app):
                rows = event_queries.events_after(actor.app, cursor, WATCH_BATCH, types, group_ids)
                last, oldest = event_queries.cursor(actor.app) if not rows else (0, 0)
            if rows:
                cursor = rows[-1].seq
                last_sent = time.monotonic()
                yield Frame(rows, cursor, False)
                continue
            if cursor < oldest - 1:  # the watcher fell behind retention while idle (filtered)
                raise CursorExpired(oldest)
            if time.monotonic() - last_sent >= hub.settings.progress_seconds:
                cursor = max(cursor, last)
                last_sent = time.monotonic()
                yield Frame([], cursor, True)
                continue
            remaining = hub.settings.progress_seconds - (time.monotonic() - last_sent)
            hub.wait(generation, min(POLL_SECONDS, max(0.0, remaining)))
    finally:
        hub.close_watcher()
