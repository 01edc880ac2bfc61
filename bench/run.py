"""make bench: what the hot requests cost, side by side with what the same edge serves for nothing.

For each database (SQLite, a throwaway PostgreSQL cluster) and each server process count, it
starts the whole stack (server.cli.run: Envoy in front of SERVER_PROCESSES Python gRPC
servers) on free ports, seeds it (bench.seed), and drives every row of bench.rows.ROWS
through Envoy with h2load (16 connections, one request in flight each). One table: req/s,
p50, p99, errors, CPU per request of the servers and of Envoy, and each row's req/s over the
authenticated ceiling measured right before and right after it (the ceiling runs again after
every row, for half the seconds).
Results go to data/bench-results.json; BENCH_README=1 also writes the table into README.md.

Settings (environment):
  BENCH_SECONDS      measured seconds per row (default 10), after a 2 s warm-up
  BENCH_CONCURRENCY  connections (default 16)
  BENCH_DATABASES    sqlite,postgresql (default both)
  BENCH_PROCESSES    server process counts, e.g. 1,2 (default 1,2)
  BENCH_ROWS         row keys to run (default all; the two ceilings always run)
  BENCH_BIG_MEMBERS  members of the big group on PostgreSQL (default 100000)
  BENCH_PROFILE      a row key: py-spy records the (first) server process during that row;
                     the collapsed stacks go to data/profile-<row>-<database>-<processes>.txt
  BENCH_README       1: replace the table in README.md between the bench markers
  BENCH_EVENT_LATENCY 0: skip the commit → Watch delivery rows (bench/event_latency.py, issue 18)
"""

import contextlib
import json
import math
import os
import platform
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path

from bench import event_latency, floor, profile
from bench.rows import AUTH_CEILING, BUSY_GROUPS, CEILING, FLOOR, ROWS, Row
from bench.seed import Seed

PROJECT_ROOT = Path(__file__).resolve().parent.parent
RESULTS_FILE = PROJECT_ROOT / "data" / "bench-results.json"
README = PROJECT_ROOT / "README.md"
README_START, README_END = "<!-- bench-table:start -->", "<!-- bench-table:end -->"
SECONDS = int(os.environ.get("BENCH_SECONDS", "10"))
CONCURRENCY = int(os.environ.get("BENCH_CONCURRENCY", "16"))
DATABASES = [d for d in os.environ.get("BENCH_DATABASES", "sqlite,postgresql").split(",") if d]
PROCESSES = [int(p) for p in os.environ.get("BENCH_PROCESSES", "1,2").split(",") if p]
ONLY_ROWS = {r for r in os.environ.get("BENCH_ROWS", "").split(",") if r}
BIG_MEMBERS = int(os.environ.get("BENCH_BIG_MEMBERS", "100000"))
PROFILE_ROW = os.environ.get("BENCH_PROFILE", "")
WARM_UP_SECONDS = 2
RECHECK_SECONDS = max(2, SECONDS // 2)  # the authenticated ceiling again, after every row
START_TIMEOUT = 90
STOP_TIMEOUT = 20
READY_LINE = "Ctrl-C stops both."
FRESH_PER_SECOND = 2_500  # writes that need a fresh target get this many per second of the run
# One gRPC frame: not compressed, length 0, i.e. an empty HealthCheckRequest.
EMPTY_HEALTH_CHECK_FRAME = b"\x00" + (0).to_bytes(4, "big")


class BenchFailed(Exception):
    pass


@dataclass
class Result:
    database: str
    processes: int
    row: str
    label: str
    kind: str
    request: str
    concurrency: int
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    errors: int
    ratio: float = math.nan  # req/s over the authenticated ceiling's
    server_cpu_us: float = math.nan  # CPU of the server process(es) per request, measured window
    envoy_cpu_us: float = math.nan  # CPU of Envoy per request, measured window
    database_cpu_us: float = math.nan  # CPU of PostgreSQL's processes per request, measured window
    error_statuses: dict = field(default_factory=dict)  # HTTP status → count, of the errors
    ceiling_rps: float = math.nan  # the authenticated ceiling the ratio is over (mean of before and after)
    over_floor: float = math.nan  # server CPU per request over the bare grpcio server's (the floor row)


def percentile(ordered: list[int], p: float) -> float:
    return ordered[max(0, math.ceil(p * len(ordered)) - 1)] / 1000 if ordered else math.nan


def free_ports(count: int) -> list[int]:
    with contextlib.ExitStack() as stack:
        sockets = [stack.enter_context(socket.socket()) for _ in range(count)]
        for sock in sockets:
            sock.bind(("127.0.0.1", 0))
        return [sock.getsockname()[1] for sock in sockets]


@contextlib.contextmanager
def postgres_cluster():
    """A throwaway cluster, as the tests start one (tests/support/processes.Postgres)."""
    from tests.support.processes import Postgres

    cluster = Postgres()
    if not cluster.available:
        raise BenchFailed("PostgreSQL is not installed (apt-get install postgresql)")
    cluster.start()
    try:
        yield cluster
    finally:
        cluster.stop()


@dataclass
class RunningStack:
    port: int
    process: subprocess.Popen
    database_pid: int | None = None  # PostgreSQL's postmaster: its children are the database's processes

    def server_pids(self) -> list[int]:
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children").read_text().split()
        return [int(pid) for pid in children if b"server" in Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")]

    def database_pids(self) -> list[int]:
        if self.database_pid is None:
            return []
        return [int(p) for p in Path(f"/proc/{self.database_pid}/task/{self.database_pid}/children").read_text().split()]

    def envoy_pids(self) -> list[int]:
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children").read_text().split()
        return [int(pid) for pid in children
                if Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")[0].endswith(b"envoy")]


def cpu_seconds(pids: list[int], reaped_children_of: int | None = None) -> float:
    """User + system CPU of processes (all their threads), from /proc/<pid>/stat; with
    reaped_children_of, also that process's own and its exited children's (a PostgreSQL backend
    that ends mid-row takes its CPU out of the live children's sum, into the postmaster's)."""
    total = 0
    for pid in pids:
        total += sum(_stat_ticks(pid)[:2])
    if reaped_children_of is not None:
        total += sum(_stat_ticks(reaped_children_of))
    return total / os.sysconf("SC_CLK_TCK")


def _stat_ticks(pid: int) -> tuple[int, int, int, int]:
    """utime, stime, cutime, cstime (fields 14 to 17 of /proc/<pid>/stat); zeros once it is gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    except OSError:
        return 0, 0, 0, 0
    return int(fields[11]), int(fields[12]), int(fields[13]), int(fields[14])


@contextlib.contextmanager
def running_stack(data_dir: Path, database_url: str, processes: int):
    """Yields once server.cli.run reports Envoy and the servers ready; stops them after."""
    http_port, grpc_port, admin_port, metrics_port = free_ports(4)
    env = {
        **os.environ, "HTTP_PORT": str(http_port), "GRPC_PORT": str(grpc_port), "ADMIN_PORT": str(admin_port),
        "METRICS_PORT": str(metrics_port), "DATA_DIR": str(data_dir), "DATABASE_URL": database_url, "SERVER_PROCESSES": str(processes),
        # One token drives the whole load: the per-caller rate limits would measure themselves.
        "RATE_LIMIT_READS": os.environ.get("RATE_LIMIT_READS", "1000000"),
        "RATE_LIMIT_WRITES": os.environ.get("RATE_LIMIT_WRITES", "1000000"),
        "RATE_LIMIT_TOTAL": os.environ.get("RATE_LIMIT_TOTAL", "1000000"),
    }
    log_file = data_dir / f"stack-{processes}.log"
    with log_file.open("w") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "server.cli.run"], cwd=PROJECT_ROOT, env=env,
            stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        )
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while READY_LINE not in log_file.read_text():
            if process.poll() is not None or time.monotonic() > deadline:
                raise BenchFailed(f"the stack did not start; its output:\n{log_file.read_text()[-3000:]}")
            time.sleep(0.2)
        yield RunningStack(http_port, process)
    finally:
        process.terminate()  # server.cli.run stops Envoy, then the gRPC servers
        try:
            process.wait(STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@dataclass
class FloorServer:
    """bench/floor.py: a bare grpcio server (Health only, the server's worker count), measured like a
    stack whose only process is the server; h2load calls it directly."""

    port: int
    process: subprocess.Popen
    database_pid: None = None

    def server_pids(self) -> list[int]:
        return [self.process.pid]

    def envoy_pids(self) -> list[int]:
        return []

    def database_pids(self) -> list[int]:
        return []


@contextlib.contextmanager
def floor_server():
    (port,) = free_ports(1)
    workers = os.environ.get("GRPC_WORKERS", "4")
    process = subprocess.Popen([sys.executable, "-m", "bench.floor", str(port), workers], cwd=PROJECT_ROOT,
                               stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        if process.stdout.readline().strip() != floor.READY_LINE:
            raise BenchFailed(f"the floor server did not start: {process.stdout.read()[-2000:]}")
        yield FloorServer(port, process)
    finally:
        process.terminate()
        process.wait(STOP_TIMEOUT)


def find_h2load() -> str:
    """h2load from PATH, else installed from Debian's nghttp2-client."""
    if not shutil.which("h2load"):
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        install = ["apt-get", "install", "-y", "-q", "nghttp2-client"]
        if subprocess.run(install, capture_output=True, env=env, check=False).returncode != 0:
            subprocess.run(["apt-get", "update", "-q"], capture_output=True, env=env, check=False)
            subprocess.run(install, capture_output=True, env=env, check=False)
    found = shutil.which("h2load")
    if not found:
        raise BenchFailed("h2load is missing and apt-get install nghttp2-client failed")
    return found


def h2load(row: Row, seed: Seed, stack: "RunningStack", work_dir: Path,
           seconds: int = SECONDS) -> tuple[list[int], Counter, str, tuple[float, float, float]]:
    """Latencies (µs) of the successful requests of the measured window, the errors by status, the request,
    and the CPU seconds the servers, Envoy and the database (PostgreSQL) spent in the measured window.

    A row with fresh targets runs one h2load per connection, each with its own share of the
    paths: h2load's clients each walk an input file from its first line."""
    base = f"http://127.0.0.1:{stack.port}"
    concurrency = row.concurrency or CONCURRENCY
    common = [find_h2load(), "-D", str(seconds), "--warm-up-time", str(WARM_UP_SECONDS), "-m", "1"]
    if row.grpc:
        body = work_dir / "health.grpc"
        body.write_bytes(EMPTY_HEALTH_CHECK_FRAME)
        common += ["-d", str(body), "-H", "content-type: application/grpc", "-H", "te: trailers"]
    else:
        common += ["-H", f"authorization: Bearer {seed.token(row.user)}", "-H", "app_id: default"]
        if row.body is not None:
            body = work_dir / f"{row.key}.json"
            body.write_text(row.body.format(**seed.values))
            common += ["-d", str(body), "-H", "content-type: application/json"]
    runs: list[list[str]] = []
    if row.fresh:
        paths = getattr(seed, row.fresh)(FRESH_PER_SECOND * (seconds + WARM_UP_SECONDS))
        for client in range(concurrency):
            uris = work_dir / f"{row.key}-{client}.uris"
            uris.write_text("".join(f"{base}{path}\n" for path in paths[client::concurrency]))
            runs.append([*common, "-c", "1", "-i", str(uris)])
        request = f"{row.method} {paths[0]} (a fresh group each)"
    else:
        runs.append([*common, "-c", str(concurrency), base + row.path.format(**seed.values)])
        request = f"{row.method} {row.path}"
    logs = [work_dir / f"h2load-{row.key}-{i}.log" for i in range(len(runs))]
    for log in logs:
        log.unlink(missing_ok=True)  # h2load appends, and the ceiling runs again after every row
    processes = [
        subprocess.Popen([*args, "--log-file", str(log)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        for args, log in zip(runs, logs, strict=True)
    ]
    # Listed again at each end (backends come and go); the postmaster reaps those that end.
    groups = ((stack.server_pids, None), (stack.envoy_pids, None), (stack.database_pids, stack.database_pid))
    time.sleep(WARM_UP_SECONDS)
    measured_from = [cpu_seconds(pids(), reaper) for pids, reaper in groups]
    time.sleep(seconds)
    measured = tuple(
        cpu_seconds(pids(), reaper) - before for (pids, reaper), before in zip(groups, measured_from, strict=True)
    )
    for process in processes:
        output, _ = process.communicate()
        if process.returncode != 0:
            raise BenchFailed(f"h2load failed on {row.key}:\n{output}")
    lines = [line.split("\t") for log in logs for line in log.read_text().splitlines()]
    # Status 0: a request still in flight when the measured seconds ended (h2load logs it unanswered).
    answered = [(int(status), int(latency)) for _, status, latency in lines if status != "0"]
    latencies = sorted(latency for status, latency in answered if 200 <= status < 300)
    errors = Counter(status for status, _ in answered if not 200 <= status < 300)
    return latencies, errors, request, measured


@contextlib.contextmanager
def profiling(row: Row, stack: RunningStack, database: str, processes: int):
    """py-spy records one server process while the row runs, when BENCH_PROFILE names the row."""
    if row.key != PROFILE_ROW or not shutil.which("py-spy", path=f"{Path(sys.executable).parent}:{os.environ['PATH']}"):
        yield
        return
    py_spy = shutil.which("py-spy", path=f"{Path(sys.executable).parent}:{os.environ['PATH']}")
    RESULTS_FILE.parent.mkdir(exist_ok=True)
    out = RESULTS_FILE.parent / f"profile-{row.key}-{database}-{processes}.txt"
    recorder = subprocess.Popen(
        [py_spy, "record", "--pid", str(stack.server_pids()[0]), "--duration", str(SECONDS + WARM_UP_SECONDS),
         "--rate", "250", "--gil", "--format", "raw", "--output", str(out), "--nonblocking"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        yield
    finally:
        recorder.wait(60)
        if out.exists():
            print(f"\nprofile of {row.key} ({database}, {processes} process(es)) → {out.relative_to(PROJECT_ROOT)}")
            print(profile.render(out), flush=True)


def measure(row: Row, seed: Seed, stack: RunningStack, database: str, processes: int, work_dir: Path,
            seconds: int = SECONDS) -> Result:
    if stack.process.poll() is not None:
        log = (work_dir / f"stack-{processes}.log").read_text()
        (RESULTS_FILE.parent / "bench-stack.log").write_text(log)
        raise BenchFailed(f"the stack stopped (exit {stack.process.returncode}) before {row.key}; "
                          f"its output is in data/bench-stack.log:\n{log[-1500:]}")
    with profiling(row, stack, database, processes):
        latencies, errors, request, (server_cpu, envoy_cpu, database_cpu) = h2load(row, seed, stack, work_dir, seconds)
    answered = len(latencies) + errors.total()
    return Result(
        database, processes, row.key, row.label, row.kind, request, row.concurrency or CONCURRENCY,
        round(len(latencies) / seconds, 1), percentile(latencies, 0.5), percentile(latencies, 0.99), errors.total(),
        server_cpu_us=round(1e6 * server_cpu / answered) if answered else math.nan,
        envoy_cpu_us=round(1e6 * envoy_cpu / answered) if answered else math.nan,
        database_cpu_us=round(1e6 * database_cpu / answered) if answered and stack.database_pid else math.nan,
        error_statuses={str(status): count for status, count in sorted(errors.items())},
    )


def errors_text(result: Result) -> str:
    """The error count, with the statuses: "3 (503×3)"."""
    if not result.errors:
        return "0"
    return f"{result.errors} ({', '.join(f'{status}×{n}' for status, n in result.error_statuses.items())})"


def report(result: Result) -> None:
    ratio = f"  ratio {100 * result.ratio:3.0f} %" if not math.isnan(result.ratio) else ""
    print(f"  {result.database:<10} {result.processes}p  {result.row:<14} {result.requests_per_second:>8.1f} req/s  "
          f"p50 {result.p50_ms:6.2f}  p99 {result.p99_ms:6.2f}  errors {errors_text(result)}  CPU/request: server "
          f"{result.server_cpu_us:.0f} µs, Envoy {result.envoy_cpu_us:.0f} µs, database {result.database_cpu_us:.0f} µs"
          f"{ratio}", flush=True)


def run_rows(database: str, database_url: str, processes: int, seed: Seed, work_dir: Path,
             database_pid: int | None = None) -> list[Result]:
    """The ceilings, then each row followed by the authenticated ceiling again: a row's ratio is
    over the mean of the ceiling measured right before and right after it, so a machine whose
    load drifts during the run (it is shared) moves both sides of the ratio alike."""
    rows = [r for r in ROWS if database in r.databases
            and (r.kind in (CEILING, FLOOR) or not ONLY_ROWS or r.key in ONLY_ROWS)]
    auth_ceiling = next(r for r in rows if r.key == AUTH_CEILING)
    results = []
    with running_stack(work_dir, database_url, processes) as stack:
        stack.database_pid = database_pid
        base_url = f"http://127.0.0.1:{stack.port}"
        seed.small_group(base_url)
        seed.circles(base_url)
        if database == "postgresql" and any(r.key.startswith("big-") for r in rows):
            seed.big_group(BIG_MEMBERS)
        if any(r.key.startswith("busy-") for r in rows):
            seed.busy_user(BUSY_GROUPS)
        seed.settle()
        for row in (r for r in rows if r.kind == FLOOR):
            with floor_server() as bare:
                results.append(measure(row, seed, bare, database, processes, work_dir))
            report(results[-1])
        for row in (r for r in rows if r.kind == CEILING):
            results.append(measure(row, seed, stack, database, processes, work_dir))
            report(results[-1])
        before = next(r.requests_per_second for r in results if r.row == AUTH_CEILING)
        for ceiling_result in results:  # the native ceiling over the authenticated one; that one is 100 %
            ceiling_result.ratio = round(ceiling_result.requests_per_second / before, 3) if before else math.nan
        for row in (r for r in rows if r.kind not in (CEILING, FLOOR)):
            result = measure(row, seed, stack, database, processes, work_dir)
            after = measure(auth_ceiling, seed, stack, database, processes, work_dir, RECHECK_SECONDS)
            ceiling = (before + after.requests_per_second) / 2
            result.ratio = round(result.requests_per_second / ceiling, 3) if ceiling else math.nan
            result.ceiling_rps = round(ceiling, 1)
            results.append(result)
            report(result)
            before = after.requests_per_second
    floor_us = next((r.server_cpu_us for r in results if r.kind == FLOOR), math.nan)
    for result in results:
        result.over_floor = round(result.server_cpu_us / floor_us, 2) if floor_us else math.nan
    return results


def machine() -> dict:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    memory_kb = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                     if line.startswith("MemTotal"))
    return {
        "cpus": os.cpu_count(), "cpu": cpu, "memory_gib": round(memory_kb / 2**20, 1),
        "kernel": platform.release(), "python": platform.python_version(),
        "load_average_at_start": os.getloadavg(), "date_utc": time.strftime("%Y-%m-%d %H:%M", time.gmtime()),
    }


def table(results: list[Result]) -> str:
    lines = [
        "| database | proc | row | req/s | p50 ms | p99 ms | errors | ratio | CPU µs/req: server | Envoy | PostgreSQL "
        "| server / floor |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        concurrency = f" (c={r.concurrency})" if r.concurrency != CONCURRENCY else ""
        lines.append(f"| {r.database} | {r.processes} | {r.label}{concurrency} | {r.requests_per_second:.0f} | "
                     f"{r.p50_ms:.1f} | {r.p99_ms:.1f} | {errors_text(r)} | {100 * r.ratio:.0f} % | "
                     f"{r.server_cpu_us:.0f} | {r.envoy_cpu_us:.0f} | "
                     f"{'–' if math.isnan(r.database_cpu_us) else f'{r.database_cpu_us:.0f}'} | "
                     f"{'–' if math.isnan(r.over_floor) else f'{r.over_floor:.2f}×'} |")
    return "\n".join(lines)


def scaling(results: list[Result]) -> list[str]:
    """Two processes over one, per read row, where both ran."""
    lines = []
    for database in DATABASES:
        one = {r.row: r.requests_per_second for r in results if r.database == database and r.processes == 1}
        two = {r.row: r.requests_per_second for r in results if r.database == database and r.processes == 2}
        shared = [key for key in one if key in two and one[key]]
        if shared:
            lines.append(f"{database}, 2 processes / 1: " + ", ".join(f"{k} {two[k] / one[k]:.2f}×" for k in shared))
    return lines


def write_readme(text: str) -> None:
    readme = README.read_text()
    start, end = readme.find(README_START), readme.find(README_END)
    if start < 0 or end < 0:
        print("README.md has no bench markers: not updated", file=sys.stderr)
        return
    README.write_text(readme[: start + len(README_START)] + "\n" + text + "\n" + readme[end:])


def main() -> int:
    facts = {**machine(), "concurrency": CONCURRENCY, "seconds": SECONDS, "warm_up_seconds": WARM_UP_SECONDS,
             "load_generator": "h2load (HTTP/2 cleartext to Envoy), one request in flight per connection",
             "postgresql": "throwaway cluster, fsync=off (as the tests start one)"}
    results: list[Result] = []
    try:
        find_h2load()
        for database in DATABASES:
            with contextlib.ExitStack() as cleanup:
                work_dir = Path(cleanup.enter_context(tempfile.TemporaryDirectory(prefix=f"groupkit-bench-{database}-")))
                database_pid = None
                if database == "sqlite":
                    url = f"sqlite:///{work_dir / 'bench.db'}"
                else:
                    cluster = cleanup.enter_context(postgres_cluster())
                    url = cluster.url
                    database_pid = int((cluster.data / "postmaster.pid").read_text().split()[0])
                seed = Seed(url, work_dir)
                seed.token("reader")  # creates the signing key the servers verify with
                for processes in PROCESSES:
                    results += run_rows(database, url, processes, seed, work_dir, database_pid)
    except (BenchFailed, OSError) as exc:
        print(f"bench failed: {exc}", file=sys.stderr)
        return 1
    text = "\n".join([
        table(results), "",
        *(f"{line}  " for line in scaling(results)),
        f"Machine: {facts['cpus']} × {facts['cpu']}, {facts['memory_gib']} GiB, Linux {facts['kernel']}, "
        f"Python {facts['python']}, load average at start {facts['load_average_at_start'][0]:.2f}; "
        f"{facts['date_utc']} UTC; h2load {CONCURRENCY} connections × 1 request, {SECONDS} s per row after "
        f"{WARM_UP_SECONDS} s warm-up; the authenticated ceiling runs again ({RECHECK_SECONDS} s) after every row "
        "and a row's ratio is over the mean of the ceilings before and after it. CPU/request is the CPU time of "
        "the server processes, of Envoy and of PostgreSQL's processes over the measured seconds, divided by the requests answered. The "
        "machine is shared: compare ratios within one run.",
    ])
    latency = []
    if os.environ.get("BENCH_EVENT_LATENCY", "1") != "0":
        print("\ncommit → Watch delivery (bench/event_latency.py):", flush=True)
        latency_lines, latency = event_latency.table(DATABASES, PROCESSES)
        text += "\n\n" + "\n".join(latency_lines)
    print("\n" + text)
    RESULTS_FILE.parent.mkdir(exist_ok=True)
    RESULTS_FILE.write_text(json.dumps({"machine": facts, "results": [asdict(r) for r in results],
                                        "event_latency": latency}, indent=2) + "\n")
    print(f"written to {RESULTS_FILE.relative_to(PROJECT_ROOT)}")
    if os.environ.get("BENCH_README") == "1":
        write_readme(text)
    failed = [r.row for r in results if r.requests_per_second == 0]
    if failed:
        print(f"bench failed: no successful request on {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
