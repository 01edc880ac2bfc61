"""Opening the database named by DATABASE_URL and bringing its schema up to date."""

import logging
from pathlib import Path
from urllib.parse import urlparse

import peewee as pw
from playhouse.migrations import Runner
from playhouse.pool import PooledPostgresqlDatabase

from server.config import PROJECT_ROOT
from server.storage.models import database

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
log = logging.getLogger(__name__)
MIGRATION_LOCK_KEY = 7_150_001
STATEMENT_TIMEOUT_MS = 25_000


def open_database(url: str, *, bind: bool = True) -> pw.Database:
    """Binds the models to the database at url (sqlite:///relative/path,
    sqlite:////absolute/path or postgresql://...) and returns it. bind=False: only opens it
    (a standby for reads, DATABASE_READ_URL: the unit of work routes to it per read)."""
    parsed = urlparse(url)
    if parsed.scheme == "sqlite":
        path = Path(url[len("sqlite:///"):])
        if not path.is_absolute():
            path = PROJECT_ROOT / path
        path.parent.mkdir(parents=True, exist_ok=True)
        db = pw.SqliteDatabase(
            str(path),
            pragmas={
                "journal_mode": "wal",
                "synchronous": "normal",
                "foreign_keys": 1,
                "cache_size": -64000,
                "busy_timeout": 10000,
            },
            check_same_thread=False,
        )
    elif parsed.scheme in ("postgres", "postgresql"):
        db = PooledPostgresqlDatabase(
            parsed.path.lstrip("/"),
            user=parsed.username,
            password=parsed.password,
            host=parsed.hostname or "127.0.0.1",
            port=parsed.port or 5432,
            max_connections=32,
            stale_timeout=300,
            # No statement outlives Envoy's upstream timeout (30 s): a stuck one ends as an error.
            options=f"-c statement_timeout={STATEMENT_TIMEOUT_MS}",
        )
    else:
        raise ValueError(f"unsupported DATABASE_URL scheme: {parsed.scheme!r}")
    if bind:
        database.initialize(db)
    return db


def migrate(db: pw.Database) -> None:
    """Applies pending migrations from server/storage/migrations, in order."""
    with db.connection_context():
        if not is_sqlite(db):
            # Several server processes may start together against one PostgreSQL.
            db.execute_sql("SET statement_timeout = 0")  # a migration may take long; requests may not
            db.execute_sql("SELECT pg_advisory_lock(%s)", (MIGRATION_LOCK_KEY,))
        try:
            applied = Runner(db, str(MIGRATIONS_DIR)).up()
        finally:
            if not is_sqlite(db):
                db.execute_sql("SELECT pg_advisory_unlock(%s)", (MIGRATION_LOCK_KEY,))
                db.execute_sql("RESET statement_timeout")  # the pooled connection goes back as it came
    if applied:
        log.info("applied migrations: %s", ", ".join(applied))


def is_sqlite(db: pw.Database) -> bool:
    return isinstance(db, pw.SqliteDatabase)
