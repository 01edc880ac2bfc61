"""kill -9 of the whole stack under write load, then a fresh start on the same database: no
acknowledged write is lost and the counters agree with the rows (member_count equals the member
rows of every group), on SQLite and on PostgreSQL."""

import os
import signal
import sqlite3
import tempfile
import threading
import time
from pathlib import Path

import pytest
import requests

from tests.e2e.test_run import children, wait_gone
from tests.support.client import Api
from tests.support.processes import Postgres, Stack

THREADS = 3
LOAD_SECONDS = 2.5


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request):
    data_dir = Path(tempfile.mkdtemp(prefix=f"groupkit-crash-{request.param}-"))
    if request.param == "sqlite":
        yield data_dir, f"sqlite:///{data_dir}/groups.db"
        return
    postgres = Postgres()
    if not postgres.available:
        pytest.skip("PostgreSQL is not installed here (CI installs it)")
    postgres.start()
    try:
        yield data_dir, postgres.url
    finally:
        postgres.stop()


def _rows(url: str, sql: str) -> list[tuple]:
    if url.startswith("sqlite"):
        connection = sqlite3.connect(url[len("sqlite:///"):])
    else:
        import psycopg2

        connection = psycopg2.connect(url)
    try:
        cursor = connection.cursor()
        cursor.execute(sql)
        return cursor.fetchall()
    finally:
        connection.close()


def _crash(stack: Stack) -> None:
    """Every process of the stack dies at once, as in a power cut of the processes: the supervisor
    is frozen first so it neither restarts nor stops anything cleanly."""
    supervisor = stack.process
    pids = children(supervisor.pid)
    os.kill(supervisor.pid, signal.SIGSTOP)
    for pid in pids:
        os.kill(pid, signal.SIGKILL)
    os.kill(supervisor.pid, signal.SIGKILL)
    supervisor.wait(10)
    assert wait_gone(pids) == []


def test_kill_9_under_write_load_loses_no_acknowledged_write(database):
    data_dir, url = database
    stack = Stack(data_dir, url).start()
    try:
        api = Api(stack)
        members = [api.user() for _ in range(THREADS)]
        created, joined, stop = [], [], threading.Event()  # acknowledged: (group pk), (group pk, user id)

        def load(worker: int):
            session = requests.Session()
            owner = api.user(register=False)
            while not stop.is_set():
                try:
                    reply = session.post(
                        f"{stack.base_url}/api/groups", headers=owner.bearer, timeout=10,
                        json={"type": "group", "name": "崩溃前", "members": [members[worker].id]},
                    )
                    if reply.status_code != 200:
                        continue
                    group_pk = reply.json()["data"]["id"]
                    created.append(group_pk)
                    joiner = api.user(register=False)
                    reply = session.post(f"{stack.base_url}/api/groups/{group_pk}/join", headers=joiner.bearer,
                                         json={}, timeout=10)
                    if reply.status_code == 200:
                        joined.append((group_pk, joiner.id))
                except requests.RequestException:
                    time.sleep(0.05)  # the stack is gone

        workers = [threading.Thread(target=load, args=(i,)) for i in range(THREADS)]
        for worker in workers:
            worker.start()
        time.sleep(LOAD_SECONDS)
        _crash(stack)
        stop.set()
        for worker in workers:
            worker.join(30)
        assert len(created) >= 10 and len(joined) >= 5, (len(created), len(joined))

        # Started again on the same data directory and database (fresh ports: the old ones may have
        # been taken meanwhile by the clients' outgoing connections).
        stack = Stack(data_dir, url).start()
        groups = dict(_rows(url, 'SELECT id, status FROM "group"'))
        lost_groups = [pk for pk in created if groups.get(pk) != 0]
        members_of = {}
        for group_pk, user_id in _rows(url, "SELECT group_id, user_id FROM member"):
            members_of.setdefault(group_pk, set()).add(user_id)
        lost_joins = [(pk, uid) for pk, uid in joined if uid not in members_of.get(pk, set())]
        counts = _rows(
            url, 'SELECT g.id, g.member_count, (SELECT count(*) FROM member m WHERE m.group_id = g.id) FROM "group" g'
        )
        wrong_counts = [row for row in counts if row[1] != row[2]]
        assert lost_groups == [] and lost_joins == [], (lost_groups, lost_joins)
        assert wrong_counts == []
        # And the restarted stack serves them.
        owner_view = Api(stack).user()
        assert owner_view.get("/api/user/groups").status_code == 200
    finally:
        stack.stop()
