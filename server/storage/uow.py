"""The unit of work: one transaction per use case, rolled back unless it completes.

A transaction that loses to another (PostgreSQL serialization failure, deadlock, lock timeout)
raises errors.Contention: it was rolled back whole, and the interceptor runs the use case again,
a bounded number of times (errors.Contention.ATTEMPTS), then answers 503. SQLite still locked
after its busy timeout is errors.Unavailable: 503 at once."""

from contextlib import contextmanager

import peewee as pw

from server.domain import errors
from server.storage.db import is_sqlite
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


class UnitOfWork:
    def __init__(self, db: pw.Database):
        self.db = db
        self._sqlite = is_sqlite(db)

    @contextmanager
    def _connection(self):
        if self._sqlite:
            # One connection per worker thread, kept open: opening SQLite (and its pragmas) per request costs more than the query.
            self.db.connect(reuse_if_open=True)
            yield
        else:
            with self.db.connection_context():  # borrowed from the pool, given back
                yield

    @contextmanager
    def read(self, app: str):
        """SQLite: a read transaction, so a use case's queries see one state (a counter and the rows it counts).
        PostgreSQL: statements in autocommit. Its transactions are READ COMMITTED, where each statement takes its
        own snapshot anyway, so BEGIN and COMMIT bought nothing but two round trips per read."""
        if self._sqlite:
            with _contention_as_error(), self._connection(), self.db.atomic():
                yield Store(app, for_update=False)
        else:
            with _contention_as_error(), self._connection():
                yield Store(app, for_update=False)

    @contextmanager
    def write(self, app: str):
        """A write transaction. SQLite takes the write lock up front (IMMEDIATE), so two writers never deadlock on a lock
        upgrade; PostgreSQL locks the rows it reads for update."""
        with _contention_as_error(), self._connection():
            tx = self.db.atomic("IMMEDIATE") if self._sqlite else self.db.atomic()
            with tx:
                yield Store(app, for_update=not self._sqlite)
