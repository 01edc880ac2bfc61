# Read-your-writes with a standby (issue 19, DATABASE_READ_URL): per caller, the primary's WAL
# insert position taken after their last write committed. A read of theirs may go to a standby
# only once it has replayed that far. PostgreSQL only (SQLite has no standby).
from peewee import *


def up(migrator, db):
    if isinstance(db, PostgresqlDatabase):
        db.execute_sql(
            "CREATE TABLE read_floor (app varchar(64) NOT NULL, user_id bigint NOT NULL, lsn pg_lsn NOT NULL,"
            " PRIMARY KEY (app, user_id))"
        )


def down(migrator, db):
    if isinstance(db, PostgresqlDatabase):
        db.execute_sql("DROP TABLE read_floor")
