"""Issue 19, proven on one box: many machines as network namespaces on a bridge (netns.py).

    client 198.18.0.50 ──┬── edge-a 198.18.0.21 (Envoy) ──┬── srv-1 198.18.0.31 ─┐
                         └── edge-b 198.18.0.22 (Envoy) ──┼── srv-2 198.18.0.32 ─┼── pg-primary 198.18.0.10
                                                           └── srv-3 198.18.0.33 ─┘   pg-standby 198.18.0.11

Both Envoys find the servers in one EDS file (each host could have its own copy: it is a file
rewritten atomically) and share the callers' limits (each other in EDGE_PEERS_FILE). Every
server host reads from the standby (DATABASE_READ_URL), which applies WAL LAG_SECONDS late
(recovery_min_apply_delay). edge-b adds FAULT_DELAY_MS to every call (Envoy's fault filter:
tc netem does not work on this kernel).

The box has 2 cores: these tests prove properties (nobody misses their own write, limits hold
across Envoys, a dead host costs only its calls in flight, hosts join and leave with no restart),
not throughput. Root only (network namespaces); skipped elsewhere, with the reason."""

import json
import os
import pwd
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import requests
from cryptography.hazmat.primitives import serialization

from server.api.tokens import ensure_local_key, mint
from server.cli.topology import EDGE_CLUSTER, write_endpoints
from tests.multihost.netns import Lan, descendants, inside, unavailable_reason
from tests.support.processes import ROOT, Postgres

_why_not = unavailable_reason()
pytestmark = pytest.mark.skipif(_why_not is not None, reason=_why_not or "")

LAG_SECONDS = 3
FAULT_DELAY_MS = 5
READS_PER_SECOND = 40  # the per-caller read limit the two Envoys share
PRIMARY, STANDBY = "198.18.0.10", "198.18.0.11"
EDGES = {"edge-a": "198.18.0.21", "edge-b": "198.18.0.22"}
SERVERS = {"srv-1": "198.18.0.31", "srv-2": "198.18.0.32", "srv-3": "198.18.0.33"}
GRPC_PORT, HTTP_PORT, ADMIN_PORT = 50051, 8080, 9901
PG_BIN = Postgres._find_bin_dir()


def _as_postgres(*args) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *map(str, args)]


def _wait_for(log: Path, line: str, process, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if line in log.read_text():
            return
        if process.poll() is not None:
            break
        time.sleep(0.1)
    raise RuntimeError(f"{log.name} did not get to {line!r}:\n{log.read_text()[-3000:]}")


class Cluster:
    """The layout above, built once for the module."""

    def __init__(self, work: Path):
        self.work = work
        self.lan = Lan(work)
        self.keys = work / "keys"
        ensure_local_key(self.keys)
        self.public_key = work / "jwt-public.pem"
        self.public_key.write_bytes(ensure_local_key(self.keys).public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo))
        self.eds = work / "eds"
        self.eds.mkdir()
        self.servers_file = self.eds / "servers.json"
        self.processes: dict[str, object] = {}
        self.pg_dirs: list[tuple[str, Path]] = []

    # --- PostgreSQL: a primary and a streaming standby that applies LAG_SECONDS late ---
    def start_postgres(self) -> None:
        postgres = pwd.getpwnam("postgres")
        pg = self.work / "pg"
        pg.mkdir()
        os.chown(pg, postgres.pw_uid, postgres.pw_gid)
        self.lan.add_host("pg-primary", PRIMARY)
        self.lan.add_host("pg-standby", STANDBY)
        primary, standby = pg / "primary", pg / "standby"
        self.lan.run("pg-primary", _as_postgres(PG_BIN / "initdb", "-D", primary, "-U", "postgres", "--auth=trust",
                                                 "-E", "UTF8", "--no-sync"))
        with open(primary / "pg_hba.conf", "a") as hba:
            hba.write("host all all 198.18.0.0/24 trust\nhost replication all 198.18.0.0/24 trust\n")
        options = "-c fsync=off -c synchronous_commit=off -c max_connections=200"
        self._pg_ctl("pg-primary", primary, f"-c listen_addresses={PRIMARY} -p 5432 {options}")
        self.lan.run("pg-primary", _as_postgres(PG_BIN / "psql", "-h", PRIMARY, "-U", "postgres", "-c",
                                                 "CREATE DATABASE groupkit"))
        self.lan.run("pg-standby", _as_postgres(PG_BIN / "pg_basebackup", "-h", PRIMARY, "-U", "postgres", "-D",
                                                 standby, "-R", "-X", "stream", "-c", "fast"))
        with open(standby / "postgresql.auto.conf", "a") as conf:
            conf.write(f"recovery_min_apply_delay = '{LAG_SECONDS}s'\n")
        self._pg_ctl("pg-standby", standby, f"-c listen_addresses={STANDBY} -p 5432 {options}")

    def _pg_ctl(self, host: str, data: Path, options: str) -> None:
        sockets = data.parent / f"{host}-sockets"  # not in the data directory: pg_basebackup would copy its lock
        sockets.mkdir()
        postgres = pwd.getpwnam("postgres")
        os.chown(sockets, postgres.pw_uid, postgres.pw_gid)
        options += f" -k {sockets}"
        self.lan.run(host, _as_postgres(PG_BIN / "pg_ctl", "-D", data, "-w", "-l", data.parent / f"{host}.log",
                                        "start", "-o", options))
        self.pg_dirs.append((host, data))

    # --- the server hosts and the Envoys ---
    def env(self, **extra) -> dict:
        return {
            **os.environ, "JWT_PUBLIC_KEY": str(self.public_key), "ENVOY_LOG_LEVEL": "error",
            "DATABASE_URL": f"postgresql://postgres@{PRIMARY}:5432/groupkit",
            "DATABASE_READ_URL": f"postgresql://postgres@{STANDBY}:5432/groupkit",
            **{k: str(v) for k, v in extra.items()},
        }

    def start_server(self, host: str) -> None:
        log = self.work / f"{host}.log"
        process = self.lan.start(host, [sys.executable, "-u", "-m", "server.cli.serve"], cwd=ROOT, log=log, env=self.env(
            GRPC_BIND_ADDRESS=SERVERS[host], GRPC_PORT=GRPC_PORT, SERVER_PROCESSES=1, GRPC_WORKERS=4,
            DATA_DIR=self.work / host))
        self.processes[host] = process

    def start_edge(self, host: str, **extra) -> None:
        log = self.work / f"{host}.log"
        process = self.lan.start(host, [sys.executable, "-u", "-m", "server.cli.edge"], cwd=ROOT, log=log, env=self.env(
            EDGE_LISTEN_ADDRESS=EDGES[host], HTTP_PORT=HTTP_PORT, ADMIN_PORT=ADMIN_PORT, DATA_DIR=self.work / host,
            SERVER_ENDPOINTS_FILE=self.servers_file, EDGE_PEERS_FILE=self.eds / "edges.json",
            RATE_LIMIT_READS=READS_PER_SECOND, RATE_LIMIT_WRITES=100000, RATE_LIMIT_TOTAL=1000000, **extra))
        self.processes[host] = process

    def set_servers(self, hosts: list[str]) -> None:
        write_endpoints(self.servers_file, [f"{SERVERS[h]}:{GRPC_PORT}" for h in hosts])

    def start(self) -> "Cluster":
        self.start_postgres()
        for host, address in {**SERVERS, **EDGES}.items():
            self.lan.add_host(host, address)
        self.lan.add_host("client", "198.18.0.50")
        for host in SERVERS:
            self.start_server(host)
        self.set_servers(["srv-1", "srv-2"])  # srv-3 joins in a test
        write_endpoints(self.eds / "edges.json", [f"{a}:{HTTP_PORT}" for a in EDGES.values()], EDGE_CLUSTER)
        self.start_edge("edge-a")
        self.start_edge("edge-b", EDGE_FAULT_DELAY_MS=FAULT_DELAY_MS)
        for host, process in self.processes.items():
            _wait_for(self.work / f"{host}.log", "serving.", process)
        self.wait_healthy(["srv-1", "srv-2"])
        return self

    def health(self, edge: str) -> dict[str, str]:
        flags = {}
        for line in self.admin(edge, "/clusters").splitlines():
            parts = line.split("::")
            if len(parts) == 4 and parts[0] == "groupkit_grpc" and parts[2] == "health_flags":
                flags[next(h for h, a in SERVERS.items() if parts[1] == f"{a}:{GRPC_PORT}")] = parts[3]
        return flags

    def wait_healthy(self, hosts: list[str], seconds: float = 15) -> None:
        """Until both Envoys' health checks pass on the hosts (Envoy is ready before its first checks)."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            states = {edge: self.health(edge) for edge in EDGES}
            if all(states[edge].get(h) == "healthy" for edge in EDGES for h in hosts):
                return
            time.sleep(0.1)
        raise RuntimeError(f"the servers are not healthy at the Envoys: {states}")

    def close(self) -> None:
        try:
            self.lan.stop_processes()
            for host, data in reversed(self.pg_dirs):
                self.lan.run(host, _as_postgres(PG_BIN / "pg_ctl", "-D", data, "-m", "immediate", "stop"))
        finally:
            self.lan.close()

    # --- calls ---
    def url(self, edge: str, path: str) -> str:
        return f"http://{EDGES[edge]}:{HTTP_PORT}{path}"

    def token(self, user_id: int, *, name: bool = True) -> dict:
        return {"authorization": f"Bearer {mint(self.keys, user_id, name=f'u{user_id}' if name else '')}"}

    def admin(self, edge: str, path: str) -> str:
        with inside(self.lan.ns(edge)):
            return requests.get(f"http://127.0.0.1:{ADMIN_PORT}{path}", timeout=5).text

    def served_by(self, edge: str) -> dict[str, int]:
        """Calls each server host got from this Envoy (its admin's /clusters)."""
        text = self.admin(edge, "/clusters")
        counts = {}
        for line in text.splitlines():
            parts = line.split("::")
            if len(parts) == 4 and parts[0] == "groupkit_grpc" and parts[2] == "rq_total":
                host = next(h for h, a in SERVERS.items() if parts[1] == f"{a}:{GRPC_PORT}")
                counts[host] = int(parts[3])
        return counts

    def standby_rows(self, sql: str, params=()) -> list:
        import psycopg2

        with inside(self.lan.ns("client")):
            connection = psycopg2.connect(host=STANDBY, port=5432, user="postgres", dbname="groupkit")
        try:
            with connection.cursor() as cursor:
                cursor.execute(sql, params)
                return cursor.fetchall()
        finally:
            connection.close()

    def primary_rows(self, sql: str, params=()) -> list:
        import psycopg2

        with inside(self.lan.ns("client")):
            connection = psycopg2.connect(host=PRIMARY, port=5432, user="postgres", dbname="groupkit")
        try:
            with connection.cursor() as cursor:
                cursor.execute(sql, params)
                return cursor.fetchall()
        finally:
            connection.close()


@pytest.fixture(scope="module")
def cluster():
    if PG_BIN is None:
        pytest.skip("PostgreSQL is not installed here (CI installs it)")
    work = Path(tempfile.mkdtemp(prefix="groupkit-multihost-"))
    os.chmod(work, 0o755)
    built = Cluster(work)
    try:
        built.start()
        with inside(built.lan.ns("client")):  # this thread, and the threads it starts, call from the client host
            yield built
    finally:
        built.close()
    for host in [*SERVERS, *EDGES]:
        assert "Traceback" not in (work / f"{host}.log").read_text(), (work / f"{host}.log").read_text()[-3000:]
    # work is inside the run's temporary directory: removed when the run passes, kept when not.


_next_user = iter(range(7_000_000 + int(time.time()) % 100_000 * 10, 10**12))


def _user(cluster, *, name: bool = True) -> dict:
    """A registered caller; without a name claim, calls on other hosts change no row (no profile to keep)."""
    headers = cluster.token(next(_next_user), name=name)
    reply = requests.get(cluster.url("edge-a", "/api/user/groups"), headers=headers, timeout=10)
    assert reply.status_code == 200, (reply.text, cluster.health("edge-a"))
    return headers


def test_a_write_through_one_envoy_is_read_through_the_other_while_the_standby_lags(cluster):
    owner = _user(cluster)
    stranger = _user(cluster, name=False)
    time.sleep(LAG_SECONDS + 0.5)  # the stranger's first call (their row) is replayed: no floor holds them
    missed, standby_behind, stranger_saw = 0, 0, 0
    for i in range(8):
        reply = requests.post(cluster.url("edge-a", "/api/groups"), json={"type": "group", "name": f"lag{i}"},
                              headers=owner, timeout=10)
        assert reply.status_code == 200, reply.text
        group_id = reply.json()["data"]["id"]
        mine = requests.get(cluster.url("edge-b", "/api/user/groups"), headers=owner, timeout=10)
        assert mine.status_code == 200, mine.text
        missed += group_id not in [g["id"] for g in mine.json()["data"]]
        standby_behind += not cluster.standby_rows('SELECT 1 FROM "group" WHERE id = %s', (group_id,))
        seen = requests.get(cluster.url("edge-b", f"/api/groups/{group_id}"), headers=stranger, timeout=10)
        stranger_saw += seen.status_code == 200
    assert missed == 0
    assert standby_behind == 8  # the standby really lagged at every read
    assert stranger_saw < 8  # and serves the others' reads: they may see an older state
    # Every host served some of it (LEAST_REQUEST over srv-1 and srv-2 from each Envoy).
    assert all(cluster.served_by(edge).get(h, 0) > 0 for edge in EDGES for h in ("srv-1", "srv-2"))


def test_a_callers_limit_holds_across_the_two_envoys(cluster):
    """One caller, calls spread over both Envoys as fast as 6 clients go: the answers with 200
    inside a window of whole seconds (after 1.5 s of emptying the buckets) are the limit's."""
    caller = _user(cluster)
    edges, answers = list(EDGES), []
    started = time.monotonic()
    window = (started + 1.5, started + 7.5)  # 6 s: a stalled client (a busy box) lets a bucket fill for a moment

    def hammer(index: int) -> None:
        session, n = requests.Session(), index
        while time.monotonic() < window[1] + 0.3:
            reply = session.get(cluster.url(edges[n % 2], "/api/user/groups"), headers=caller, timeout=10)
            answers.append((time.monotonic(), reply.status_code))
            n += 1

    with ThreadPoolExecutor(6) as pool:
        list(pool.map(hammer, range(6)))
    assert {status for _, status in answers} <= {200, 429}
    admitted = sum(1 for at, status in answers if status == 200 and window[0] <= at < window[1])
    expected = READS_PER_SECOND * (window[1] - window[0])
    assert abs(admitted - expected) <= 0.1 * expected, (admitted, expected)


def _cpu(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    except (FileNotFoundError, ProcessLookupError):
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime


def _tree(pid: int) -> list[int]:
    return [pid, *descendants(pid)]


@pytest.mark.skipif(not os.environ.get("MULTIHOST_MEASURE"), reason="a measurement, not a property: MULTIHOST_MEASURE=1")
def test_cpu_per_request_of_each_role(cluster):
    """Not a bound: the measurement the README's sizing table quotes (2 cores, every role on them).
    Off in make test (a measurement belongs to a benchmark run, and it takes 18 s):
    MULTIHOST_MEASURE=1 make test-multihost runs it."""
    users = [_user(cluster) for _ in range(8)]
    for user in users:  # each server host keeps each user's profile once (a write: the user's reads then use the primary a while)
        for n in range(8):
            requests.get(cluster.url(list(EDGES)[n % 2], "/api/user/groups"), headers=user, timeout=10)
    time.sleep(LAG_SECONDS + 0.5)  # those writes replayed: their reads may use the standby
    roots = {
        "edge (Envoy)": [cluster.processes[e].pid for e in EDGES],
        "server": [cluster.processes[h].pid for h in ("srv-1", "srv-2")],
        "PostgreSQL primary": [_postmaster(cluster.pg_dirs[0][1])],
        "PostgreSQL standby": [_postmaster(cluster.pg_dirs[1][1])],
    }

    def cpu_by_pid() -> dict[str, dict[int, float]]:  # processes started during the window count from 0
        return {role: {p: _cpu(p) for root in pids for p in _tree(root)} for role, pids in roots.items()}
    measured = {}
    for kind, method, path, body in [("read", "GET", "/api/user/groups", None),
                                     ("write", "POST", "/api/groups", {"type": "group", "name": "cpu"})]:
        count, stop = [0], threading.Event()

        def work(index: int, method=method, path=path, body=body, count=count, stop=stop) -> None:
            session, edge = requests.Session(), list(EDGES)[index % 2]
            while not stop.is_set():
                reply = session.request(method, cluster.url(edge, path), json=body, headers=users[index], timeout=10)
                if reply.status_code == 200:
                    count[0] += 1

        with ThreadPoolExecutor(len(users)) as pool:
            for i in range(len(users)):
                pool.submit(work, i)
            time.sleep(1.5)  # warm: every worker thread's connections opened (a backend's start costs ms)
            before, count[0] = cpu_by_pid(), 0
            time.sleep(3)
            after, answered = cpu_by_pid(), count[0]
            stop.set()
        count[0] = answered
        measured[kind] = {role: round(sum(cpu - before[role].get(p, 0.0) for p, cpu in after[role].items())
                                      / max(count[0], 1) * 1e6) for role in roots}
        measured[kind]["requests"] = count[0]
    (cluster.work.parent / "multihost-cpu.json").write_text(json.dumps(measured, indent=1))
    print("CPU µs per request by role:", json.dumps(measured))
    assert measured["read"]["requests"] > 0 and measured["write"]["requests"] > 0


def _load(cluster, stop: threading.Event, results: list, writer: dict, edge_index: int) -> None:
    session = requests.Session()
    edges = list(EDGES)
    n = edge_index
    while not stop.is_set():
        edge = edges[n % 2]
        n += 1
        try:
            reply = session.post(cluster.url(edge, "/api/groups"), json={"type": "group", "name": f"w{n}"},
                                 headers=writer, timeout=10)
            results.append((reply.status_code, reply.json()["data"]["id"] if reply.status_code == 200 else reply.text))
        except requests.RequestException as exc:
            results.append((0, str(exc)))


def _under_load(cluster, seconds_before: float, action, seconds_after: float, threads: int = 4):
    writer = _user(cluster)
    stop, results = threading.Event(), []
    workers = [threading.Thread(target=_load, args=(cluster, stop, results, writer, i)) for i in range(threads)]
    for worker in workers:
        worker.start()
    try:
        time.sleep(seconds_before)
        outcome = action()
        time.sleep(seconds_after)
    finally:
        stop.set()
        for worker in workers:
            worker.join(30)
    return outcome, results


def test_a_host_added_to_the_file_takes_traffic_within_2_s(cluster):
    before = {edge: cluster.served_by(edge).get("srv-3", 0) for edge in EDGES}

    def add():
        cluster.set_servers(["srv-1", "srv-2", "srv-3"])
        added = time.monotonic()
        while time.monotonic() - added < 5:
            if all(cluster.served_by(edge).get("srv-3", 0) > before[edge] for edge in EDGES):
                return time.monotonic() - added
            time.sleep(0.05)
        return None

    took, results = _under_load(cluster, 0.3, add, 0.2)
    assert took is not None and took <= 2.0, took
    assert all(status == 200 for status, _ in results), [r for r in results if r[0] != 200][:5]


def test_a_host_removed_from_the_file_drains_without_errors(cluster):
    def remove():
        cluster.set_servers(["srv-1", "srv-2"])
        time.sleep(1.0)  # Envoy picks the file up; srv-3's calls in flight finish
        return {edge: cluster.served_by(edge).get("srv-3", 0) for edge in EDGES}

    drained, results = _under_load(cluster, 0.5, remove, 1.0)
    assert all(status == 200 for status, _ in results), [r for r in results if r[0] != 200][:5]
    assert len(results) > 20
    after = {edge: cluster.served_by(edge).get("srv-3", 0) for edge in EDGES}
    assert after == drained  # no call reached srv-3 once it was out of the file


def test_kill_9_of_a_host_costs_only_its_calls_in_flight_and_loses_no_acknowledged_write(cluster):
    threads = 4

    def power_cut():
        cluster.lan.kill(cluster.processes["srv-2"])
        return time.monotonic()

    _, results = _under_load(cluster, 1.0, power_cut, 2.5, threads=threads)
    failed = [r for r in results if r[0] != 200]
    acknowledged = [group_id for status, group_id in results if status == 200]
    # At most one call in flight per client thread can have been on srv-2 when it died.
    assert len(failed) <= threads, failed
    assert len(acknowledged) > 20
    # The last second: every call answered (Envoy's health check took srv-2 out).
    assert all(status == 200 for status, _ in results[-10:]), results[-10:]
    stored = {row[0] for row in cluster.primary_rows('SELECT id FROM "group" WHERE id = ANY(%s)', (acknowledged,))}
    assert stored == set(acknowledged)
    print(json.dumps({"acknowledged": len(acknowledged), "failed": failed}, ensure_ascii=False))


def _postmaster(data: Path) -> int:
    return int((data / "postmaster.pid").read_text().split()[0])
