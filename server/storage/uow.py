"""The unit of work: one transaction per use case, rolled back unless it completes.

A transaction that loses to another (PostgreSQL serialization failure, deadlock, lock timeout)
raises errors.Contention: it was rolled back whole, and the interceptor runs the use case again,
a bounded number of times (errors.Contention.ATTEMPTS), then answers 503. SQLite still locked
after its busy timeout is errors.Unavailable: 503 at once.

Each worker thread keeps its connection open between requests. On PostgreSQL, checking one out
of the pool for every request cost a `SELECT 1` round trip (the pool's liveness test) besides
the request's own query: half the statements of a hot read. A kept connection is tested that
way only before a write and after a quiet spell; a read that finds its connection dead (the
server restarted, the backend was terminated) drops it and runs again on a fresh one."""

import threading
import time
from contextlib import contextmanager, nullcontext, suppress

import peewee as pw
from psycopg2.extensions import TRANSACTION_STATUS_UNKNOWN

from server.domain import errors
from server.storage.db import is_sqlite
from server.storage.models import database
from server.storage.replica import Standby
from server.storage.repository import Store

# SQLSTATE serialization_failure, deadlock_detected, lock_not_available.
RETRYABLE_SQLSTATES = frozenset({"40001", "40P01", "55P03"})
BUSY_MESSAGE = "服务繁忙，请稍后再试"


def _causes(exc: BaseException | None):
    seen = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        yield exc
        exc = getattr(exc, "orig", None) or exc.__cause__ or exc.__context__  # peewee keeps the driver's in orig


def is_contention(exc: BaseException) -> bool:
    """A PostgreSQL error that means "lost a race, nothing changed": running again is safe."""
    return any(getattr(cause, "pgcode", None) in RETRYABLE_SQLSTATES for cause in _causes(exc))


def is_busy(exc: BaseException) -> bool:
    """SQLite still locked after its busy_timeout (10 s): rolled back, but not worth waiting again."""
    return any("database is locked" in str(cause) for cause in _causes(exc))


@contextmanager
def _contention_as_error():
    try:
        yield
    except errors.DomainError:
        raise
    except Exception as exc:
        if is_contention(exc):
            raise errors.Contention(BUSY_MESSAGE) from exc
        if is_busy(exc):
            raise errors.Unavailable(BUSY_MESSAGE) from exc
        raise


IDLE_RECHECK_SECONDS = 5.0  # a kept PostgreSQL connection quiet this long is tested before use


def _connection_lost(db: pw.Database) -> bool:
    """The thread's PostgreSQL connection broke (psycopg2 marks it closed, its state unknown)."""
    if db.is_closed():
        return False
    connection = db.connection()
    return bool(connection.closed) or connection.get_transaction_status() == TRANSACTION_STATUS_UNKNOWN


def _shared_connection_twin(db: pw.SqliteDatabase) -> pw.SqliteDatabase:
    """The same SQLite file and pragmas, with one connection for every thread (thread_safe=False:
    peewee keeps one connection state, not one per thread); its users take turns."""
    return type(db)(db.database, thread_safe=False, pragmas=list(db._pragmas), **db.connect_params)


class UnitOfWork:
    def __init__(self, db: pw.Database, standby: Standby | None = None):
        self.db = db
        self._sqlite = is_sqlite(db)
        # SQLite has one writer at a time. The threads of this process queue for it here: one that
        # found the database locked would sleep in SQLite's busy handler (1, 2, 5, 10 ms...) while
        # the lock went free, so under a burst of writes the lock stood idle between holders.
        self._sqlite_writer = threading.Lock() if self._sqlite else nullcontext()
        # ...and write through one connection, shared by them in turn. In WAL mode a connection
        # drops its whole page cache when another one has committed since its last transaction,
        # so with a connection per thread every write read its pages (the group, the member
        # index, the outbox's b-trees) from the file again; this one stays warm between writes.
        self._sqlite_write_db = _shared_connection_twin(db) if self._sqlite else None
        self._last_use = threading.local()
        # Called with the app after a write that recorded events commits (wakes the publisher
        # and the watchers of this process: server/services/events.py).
        self.after_commit = None
        self.standby = None if self._sqlite else standby  # DATABASE_READ_URL: server/storage/replica.py
        self._standby_last_use = threading.local()

    @contextmanager
    def _connection(self, *, tested: bool, rerun_if_lost: bool = False, on_standby: bool = False):
        """The thread's connection, kept open (opening SQLite and its pragmas per request costs more
        than the query). PostgreSQL: with tested, or after IDLE_RECHECK_SECONDS unused, it goes back
        to the pool first, whose check-out tests it with a round trip. A connection that breaks is
        dropped; the use case is run again (rerun_if_lost: a read, which changed nothing) or
        answered 503 (a write: whether its commit landed may be unknown, so the client decides)."""
        if self._sqlite:
            self.db.connect(reuse_if_open=True)
            yield
            return
        db, last_use = (self.standby.db, self._standby_last_use) if on_standby else (self.db, self._last_use)
        now = time.monotonic()
        if not db.is_closed() and (tested or now - getattr(last_use, "at", now) > IDLE_RECHECK_SECONDS):
            db.close()
        db.connect(reuse_if_open=True)
        try:
            yield
        except errors.DomainError:
            raise
        except Exception as exc:
            if not _connection_lost(db):
                raise
            with suppress(pw.PeeweeException):
                db.close()  # the pool sees it broken and discards it
            if on_standby:
                self.standby.mark_down()
            lost = errors.Contention if rerun_if_lost else errors.Unavailable
            raise lost(BUSY_MESSAGE) from exc
        finally:
            last_use.at = time.monotonic()

    @contextmanager
    def _write_connection(self):
        """The database a write runs on: SQLite's shared writer connection (taken under
        _sqlite_writer), the models routed to it for this thread; PostgreSQL's tested connection."""
        if not self._sqlite:
            with self._connection(tested=True):
                yield self.db
            return
        writer = self._sqlite_write_db
        writer.connect(reuse_if_open=True)
        with database.routed_to(writer):
            yield writer

    def _standby_serves_this_read(self) -> bool:
        """With a standby: whether it has replayed the caller's last write (replica.py)."""
        if self.standby is None or self.standby.down:
            return False
        with self._connection(tested=False, rerun_if_lost=True):
            floor = self.standby.floor()
        try:
            with self._connection(tested=False, rerun_if_lost=True, on_standby=True):
                return self.standby.replayed_past(floor)
        except (pw.OperationalError, pw.InterfaceError, errors.Contention):
            self.standby.mark_down()  # unreachable: the primary serves until it is retried
            return False

    @contextmanager
    def read(self, app: str):
        """SQLite: a read transaction, so a use case's queries see one state (a counter and the rows it counts).
        PostgreSQL: statements in autocommit. Its transactions are READ COMMITTED, where each statement takes its
        own snapshot anyway, so BEGIN and COMMIT bought nothing but two round trips per read."""
        if self._sqlite:
            with _contention_as_error(), self._connection(tested=False), self.db.atomic():
                yield Store(app, for_update=False)
        else:
            with _contention_as_error():
                on_standby = self._standby_serves_this_read()
            if on_standby:
                with _contention_as_error(), self._connection(tested=False, rerun_if_lost=True, on_standby=True), \
                        database.routed_to(self.standby.db):
                    yield Store(app, for_update=False)
            else:
                with _contention_as_error(), self._connection(tested=False, rerun_if_lost=True):
                    yield Store(app, for_update=False)

    @contextmanager
    def write(self, app: str):
        """A write transaction. SQLite takes the write lock up front (IMMEDIATE), so two writers never deadlock on a lock
        upgrade; PostgreSQL locks the rows it reads for update. The events the use case recorded
        (Store.record_event) are written last, in the same transaction: the outbox."""
        with _contention_as_error(), self._sqlite_writer, self._write_connection() as db:
            tx = db.atomic("IMMEDIATE") if self._sqlite else db.atomic()
            with tx:
                store = Store(app, for_update=not self._sqlite)
                yield store
                written = store.flush_events(int(time.time() * 1000))
                wrote = self.standby is not None and self.standby.changed_anything(self.db)
            if wrote:
                self.standby.record_write(self.db)  # after COMMIT, or the write is not acknowledged
        if written and self.after_commit is not None:
            self.after_commit(app)
