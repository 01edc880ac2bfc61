"""DATABASE_READ_URL on one box (issue 19): the stack (two server processes) on a PostgreSQL
primary and a streaming standby that applies WAL LAG_SECONDS late. A caller's reads right after
their own writes never miss them; other callers' reads are served by the lagging standby.
Runs without root (the multi-host suite, tests/multihost, proves the same across hosts)."""

import shutil
import time

import psycopg2
import pytest

from tests.support.client import Api, User
from tests.support.processes import Postgres, Stack, free_port

LAG_SECONDS = 2


class Standby:
    def __init__(self, primary: Postgres):
        self.primary = primary
        self.port = free_port()
        self.data = primary.base / "standby"
        self.url = f"postgresql://postgres@127.0.0.1:{self.port}/groupkit"

    def start(self) -> "Standby":
        p = self.primary
        p._run(str(p.bin_dir / "pg_basebackup"), "-h", "127.0.0.1", "-p", str(p.port), "-U", "postgres",
               "-D", str(self.data), "-R", "-X", "stream", "-c", "fast")
        with open(self.data / "postgresql.auto.conf", "a") as conf:
            conf.write(f"recovery_min_apply_delay = '{LAG_SECONDS}s'\n")
        p._run(str(p.bin_dir / "pg_ctl"), "-D", str(self.data), "-w", "-l", str(p.base / "standby.log"), "start",
               "-o", f"-c listen_addresses=127.0.0.1 -p {self.port} -k {p.base} -c fsync=off -c max_connections=200")
        return self

    def stop(self) -> None:
        p = self.primary
        p._run(str(p.bin_dir / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "stop")

    def has_group(self, group_id: int) -> bool:
        connection = psycopg2.connect(host="127.0.0.1", port=self.port, user="postgres", dbname="groupkit")
        try:
            with connection.cursor() as cursor:
                cursor.execute('SELECT 1 FROM "group" WHERE id = %s', (group_id,))
                return cursor.fetchone() is not None
        finally:
            connection.close()


@pytest.fixture(scope="module")
def api(tmp_path_factory):
    primary = Postgres()
    if not primary.available:
        pytest.skip("PostgreSQL is not installed here (CI installs it)")
    primary.start()
    standby = Standby(primary).start()
    data_dir = tmp_path_factory.mktemp("standby-stack")
    stack = Stack(data_dir, primary.url, {"SERVER_PROCESSES": "2", "DATABASE_READ_URL": standby.url})
    try:
        stack.start()
        api = Api(stack)
        api.standby = standby
        yield api
    finally:
        stack.stop()
        standby.stop()
        primary.stop()
    assert "Traceback" not in stack.log(), stack.log()[-4000:]
    shutil.rmtree(data_dir, ignore_errors=True)


def test_own_writes_are_read_back_at_once_while_others_read_the_lagging_standby(api):
    owner = api.user()
    # No profile claims: after their first call (their row) their calls change no row.
    stranger = User(api, owner.id + 1_000_000, api.token(owner.id + 1_000_000), "default")
    stranger.get("/api/user/groups")
    stranger.get("/api/user/groups")  # the other server process has seen them too
    time.sleep(LAG_SECONDS + 0.5)
    missed, standby_behind, stranger_saw = 0, 0, 0
    for i in range(5):
        group = api.community_group(owner, name=f"lag{i}")
        mine = owner.get("/api/user/groups").json()["data"]
        missed += group["id"] not in [g["id"] for g in mine]
        standby_behind += not api.standby.has_group(group["id"])
        stranger_saw += stranger.get(f"/api/groups/{group['id']}").status_code == 200
    assert missed == 0
    assert standby_behind == 5
    assert stranger_saw < 5
