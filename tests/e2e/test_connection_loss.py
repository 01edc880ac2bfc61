"""PostgreSQL connections are kept by the server's worker threads between requests (no
liveness round trip per request). When the database drops them (a restart, an administrator
terminating backends), no client sees it: a read that meets a dead connection is run again on
a fresh one, and a write tests its connection before it begins."""

import pytest


def _terminate_server_connections(stack) -> int:
    import psycopg2

    connection = psycopg2.connect(stack.database_url)
    connection.autocommit = True
    try:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'"
            )
            return cursor.fetchone()[0]
    finally:
        connection.close()


def test_reads_and_writes_after_the_database_dropped_every_connection(api, stack):
    if not stack.database_url.startswith("postgresql"):
        pytest.skip("SQLite has no connections to lose")
    owner = api.user()
    group = api.community_group(owner, name="断线前")
    im_group = api.im_group(owner)
    groupid = api.groupid_of(owner, group["id"])
    for _ in range(20):  # every worker thread holds a connection now
        assert owner.get(f"/api/groups/{groupid}").status_code == 200

    assert _terminate_server_connections(stack) > 0

    for _ in range(20):
        detail = owner.get(f"/api/groups/{groupid}")
        info = owner.im("GET", f"/group/info?group_id={im_group['group_id']}")
        assert detail.status_code == 200, detail.text
        assert detail.json()["data"]["name"] == "断线前"
        assert info.status_code == 200, info.text
    assert _terminate_server_connections(stack) > 0
    renamed = owner.patch(f"/api/groups/{group['id']}", {"name": "断线后"})
    assert renamed.status_code == 200, renamed.text
    assert owner.get(f"/api/groups/{groupid}").json()["data"]["name"] == "断线后"
