"""The unit of work: one transaction per use case, rolled back unless it completes."""

from contextlib import contextmanager

import peewee as pw

from server.storage.db import is_sqlite
from server.storage.repository import Store


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
            with self._connection(), self.db.atomic():
                yield Store(app, for_update=False)
        else:
            with self._connection():
                yield Store(app, for_update=False)

    @contextmanager
    def write(self, app: str):
        """A write transaction. SQLite takes the write lock up front (IMMEDIATE), so two writers never deadlock on a lock
        upgrade; PostgreSQL locks the rows it reads for update."""
        with self._connection():
            tx = self.db.atomic("IMMEDIATE") if self._sqlite else self.db.atomic()
            with tx:
                yield Store(app, for_update=not self._sqlite)
