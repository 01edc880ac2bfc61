#!/bin/sh
# The streaming standby (DATABASE_READ_URL): cloned from the primary on first start, then
# replaying its WAL. Run as the postgres user in the official postgres image.
set -eu
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  until pg_basebackup -h "$PRIMARY_HOST" -U "$POSTGRES_USER" -D "$PGDATA" -R -X stream -c fast; do sleep 1; done
  chmod 700 "$PGDATA"
fi
exec postgres -c hot_standby=on
