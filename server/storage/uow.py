"""The unit of work: one transaction per use case, rolled back unless it completes.

A transaction that loses to another (PostgreSQL serialization failure or deadlock, SQLite
still locked after its busy timeout) raises errors.Contention: it was rolled back whole, and
the interceptor runs the use case again, a bounded number of times (errors.Contention.ATTEMPTS)."""

from contextlib import contextmanager

import peewee as pw

from server.domain import errors
from server.storage.db import is_sqlite
from server.storage.repository import Store

# SQLSTATE serialization_failure, deadlock_detected, lock_not_available.
RETRYABLE_SQLSTATES = frozenset({"40001", "40P01", "55P03"})
BUSY_MESSAGE = "服务繁忙，请稍后重试"


def is_contention(exc: BaseException) -> bool:
    """A database error that means "lost a race, nothing changed": retrying is safe."""
    seen = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        if getattr(exc, "pgcode", None) in RETRYABLE_SQLSTATES:
            return True
        if isinstance(exc, pw.OperationalError | pw.DatabaseError) and "database is locked" in str(exc):
            return True
        inner = exc.args[0] if exc.args and isinstance(exc.args[0], BaseException) else None
        exc = inner or exc.__cause__ or exc.__context__
    return False


@contextmanager
def _contention_as_error():
    try:
        yield
    except errors.DomainError:
        raise
    except Exception as exc:
        if is_contention(exc):
            raise errors.Contention(BUSY_MESSAGE) from exc
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
        """A read transaction, so a use case's queries see one state (a counter and the rows it counts)."""
        with _contention_as_error(), self._connection(), self.db.atomic():
            yield Store(app, for_update=False)

    @contextmanager
    def write(self, app: str):
        """A write transaction. SQLite takes the write lock up front (IMMEDIATE), so two writers never deadlock on a lock
        upgrade; PostgreSQL locks the rows it reads for update."""
        with _contention_as_error(), self._connection():
            tx = self.db.atomic("IMMEDIATE") if self._sqlite else self.db.atomic()
            with tx:
                yield Store(app, for_update=not self._sqlite)
