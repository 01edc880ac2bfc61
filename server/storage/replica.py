"""Reads from a streaming standby, and nobody misses their own write (issue 19).

With DATABASE_READ_URL, UnitOfWork.read may run a read on the standby; writes always run on the
primary. The rule that keeps a caller's own writes visible, through any Envoy and any server host:

- After a caller's write transaction that changed a row has COMMITTED, the primary's WAL insert position
  (pg_current_wal_insert_lsn(), which is past the commit record then) is stored for the caller
  (app, user id) in the primary's read_floor table: their floor. Not before COMMIT: a position
  read inside the transaction precedes its commit record, and a standby that replayed up to it
  can still miss the row (measured 1 read in 100). Not pg_current_wal_lsn(): with
  synchronous_commit=off the commit record may not be written out yet. If storing the floor
  fails, the write is answered as an error (503), so no write is acknowledged without it.
- A caller's read looks up their floor on the primary (a lookup by key) and goes to the standby
  only if the standby's pg_last_wal_replay_lsn(), read on the very connection that will serve the
  read, is at or past it; else it runs on the primary. Replay only moves forward, so a replay
  position seen earlier on that connection is a safe lower bound: the standby is asked again only
  when that bound is below the floor. Each read checks the standby it will use, so a caught-up
  standby never vouches for a lagging one (GitLab's bug, gitlab-org/gitlab#413203).
- Callers without a token (public reads) have no writes to miss: the standby serves them.
- A standby that cannot be reached is skipped for STANDBY_RETRY_SECONDS: reads go to the primary."""

import contextvars
import threading
import time

import peewee as pw

from server.storage import sql

STANDBY_RETRY_SECONDS = 2.0
RECORD_FLOOR = (
    "INSERT INTO read_floor (app, user_id, lsn) VALUES (%s, %s, pg_current_wal_insert_lsn()) "
    "ON CONFLICT (app, user_id) DO UPDATE SET lsn = GREATEST(read_floor.lsn, EXCLUDED.lsn)"
)
# Whose write this is when no call's caller is set yet (the profile kept from a token's claims).
acting_for: contextvars.ContextVar[tuple[str, int] | None] = contextvars.ContextVar("acting_for", default=None)
FLOOR_OF = "SELECT lsn FROM read_floor WHERE app = ? AND user_id = ?"


def lsn_value(text: str | None) -> int | None:
    """A pg_lsn's text (X/Y, hexadecimal) as a number."""
    if text is None:
        return None
    high, _, low = str(text).partition("/")
    return (int(high, 16) << 32) | int(low, 16)


class Standby:
    """DATABASE_READ_URL's database and what this process knows of it."""

    def __init__(self, db: pw.Database, caller):
        self.db = db
        self._caller = caller  # () -> (app, user_id) of the current call, or None
        self._seen = threading.local()  # (connection, replay position seen on it)
        self._down_until = 0.0

    @staticmethod
    def changed_anything(primary: pw.Database) -> bool:
        """Inside the write transaction, before COMMIT: whether it changed a row (PostgreSQL gives
        a transaction an id at its first change). One that changed nothing raises no floor, so a
        caller's no-op (a profile already kept, a repeated join) does not keep their reads off the
        standby."""
        cursor = primary.execute_sql("SELECT pg_current_xact_id_if_assigned() IS NOT NULL")
        changed = cursor.fetchone()[0]
        cursor.close()
        return bool(changed)

    def record_write(self, primary: pw.Database) -> None:
        """After the caller's write committed, on the primary: raise their floor."""
        key = self._caller()
        if key is not None:
            primary.execute_sql(RECORD_FLOOR, key).close()

    def floor(self) -> int | None:
        """The caller's floor, read on the primary (the thread's models' database) by a prepared statement."""
        key = self._caller()
        if key is None:
            return None
        row = sql.fetch_one(FLOOR_OF, key)
        return lsn_value(row[0]) if row else None

    @property
    def down(self) -> bool:
        return time.monotonic() < self._down_until

    def mark_down(self) -> None:
        self._down_until = time.monotonic() + STANDBY_RETRY_SECONDS

    def replayed_past(self, floor: int | None) -> bool:
        """Whether the thread's standby connection has replayed the floor (None: no floor)."""
        if floor is None:
            return True
        connection = self.db.connection()
        seen = getattr(self._seen, "at", None)
        if seen is not None and seen[0] is connection and seen[1] >= floor:
            return True
        cursor = self.db.execute_sql("SELECT pg_last_wal_replay_lsn()")
        replayed = lsn_value(cursor.fetchone()[0])
        cursor.close()
        if replayed is None:  # not a standby (promoted, or a primary by mistake): trust only the primary
            return False
        self._seen.at = (connection, replayed)
        return replayed >= floor
