"""make bench: what a real REST read costs, measured against the most this stack can serve.

Starts the whole stack (server.cli.run: Envoy in front of the Python gRPC server) on free
ports over a fresh SQLite database, creates a group of 20 members, then drives two targets
through the same Envoy listener with the same load generator and the same concurrency:

  GET /api/groups/{id}          REST → Envoy (Lua, gRPC-JSON transcoder) → Python gRPC → auth, SQLite, JSON
  grpc.health.v1.Health/Check   native gRPC → Envoy → Python gRPC, nothing else

The health check is the ceiling: it crosses the same Envoy and the same Python gRPC server
with an empty request and does no work of its own (no token, no database, no transcoding),
so no endpoint of this stack can be faster. The ratio of the two says how much of that
capacity GET /api/groups/{id} keeps. Prints a table and writes data/bench-results.json.

SERVER_PROCESSES (default 1) is passed to the stack. BENCH_SECONDS (default 10) and
BENCH_CONCURRENCY (default 16) set the measured duration per target and the number of
connections, each with one request in flight; a 2 s warm-up precedes each measurement and
is not counted.
"""

import contextlib
import http.client
import json
import math
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from dataclasses import asdict, dataclass
from pathlib import Path

import grpc
from grpc_health.v1 import health_pb2, health_pb2_grpc

from server.api.tokens import mint

PROJECT_ROOT = Path(__file__).resolve().parent.parent
RESULTS_FILE = PROJECT_ROOT / "data" / "bench-results.json"
SECONDS = int(os.environ.get("BENCH_SECONDS", "10"))
CONCURRENCY = int(os.environ.get("BENCH_CONCURRENCY", "16"))
WARM_UP_SECONDS = 2
START_TIMEOUT = 60
STOP_TIMEOUT = 20
READY_LINE = "Ctrl-C stops both."
OWNER = 5
MEMBERS = list(range(100, 120))
HEALTH_PATH = "/grpc.health.v1.Health/Check"
# One gRPC frame: not compressed, length 0, i.e. an empty HealthCheckRequest.
EMPTY_HEALTH_CHECK_FRAME = b"\x00" + (0).to_bytes(4, "big")


class BenchFailed(Exception):
    pass


@dataclass
class Result:
    target: str
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    succeeded: int
    errors: int


def summarize(target: str, latencies_us: list[int], errors: int) -> Result:
    """Latencies of the successful requests of the measured window, in microseconds."""
    ordered = sorted(latencies_us)

    def percentile(p: float) -> float:
        return ordered[max(0, math.ceil(p * len(ordered)) - 1)] / 1000 if ordered else math.nan

    return Result(target, len(ordered) / SECONDS, percentile(0.50), percentile(0.99), len(ordered), errors)


def free_ports(count: int) -> list[int]:
    with contextlib.ExitStack() as stack:
        sockets = [stack.enter_context(socket.socket()) for _ in range(count)]
        for sock in sockets:
            sock.bind(("127.0.0.1", 0))
        return [sock.getsockname()[1] for sock in sockets]


@contextlib.contextmanager
def running_stack(data_dir: Path):
    """Yields the Envoy port once server.cli.run reports both processes ready; stops it after."""
    http_port, grpc_port, admin_port, metrics_port = free_ports(4)
    env = {
        **os.environ, "HTTP_PORT": str(http_port), "GRPC_PORT": str(grpc_port), "ADMIN_PORT": str(admin_port),
        "METRICS_PORT": str(metrics_port),
        "DATA_DIR": str(data_dir), "DATABASE_URL": f"sqlite:///{data_dir / 'bench.db'}",
        # One token drives the whole load: the per-caller rate limits would measure themselves.
        "RATE_LIMIT_READS": os.environ.get("RATE_LIMIT_READS", "1000000"),
        "RATE_LIMIT_TOTAL": os.environ.get("RATE_LIMIT_TOTAL", "1000000"),
    }
    log_file = data_dir / "stack.log"
    with log_file.open("w") as log:
        stack = subprocess.Popen(
            [sys.executable, "-m", "server.cli.run"], cwd=PROJECT_ROOT, env=env,
            stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        )
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while not any(line.startswith(READY_LINE) for line in log_file.read_text().splitlines()):
            if stack.poll() is not None or time.monotonic() > deadline:
                raise BenchFailed(f"the stack did not start; its output:\n{log_file.read_text()}")
            time.sleep(0.2)
        yield http_port
    finally:
        stack.terminate()  # server.cli.run stops Envoy, then the gRPC server
        try:
            stack.wait(STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            stack.kill()
            stack.wait()


def call(base_url: str, method: str, path: str, token: str, body: dict | None = None) -> dict:
    request = urllib.request.Request(
        base_url + path, method=method, data=None if body is None else json.dumps(body).encode(),
        headers={"authorization": f"Bearer {token}", "content-type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=10) as reply:
        return json.load(reply)


def create_group(base_url: str, data_dir: Path, token: str) -> str:
    """The IM groupid of a new group whose members are MEMBERS; users become known on their first call."""
    for user_id in MEMBERS:
        call(base_url, "GET", "/api/user/groups", mint(data_dir, user_id))
    call(base_url, "POST", "/api/groups", token, {"type": "group", "name": "bench", "members": MEMBERS})
    (group,) = call(base_url, "GET", "/api/user/groups", token)["data"]
    return group["groupid"]


def check_health_through_envoy(port: int) -> None:
    with grpc.insecure_channel(f"127.0.0.1:{port}") as channel:
        status = health_pb2_grpc.HealthStub(channel).Check(health_pb2.HealthCheckRequest(), timeout=5).status
    if status != health_pb2.HealthCheckResponse.SERVING:
        raise BenchFailed(f"the health check through Envoy answered {status}, not SERVING")


def quiet(args: list[str]) -> bool:
    try:
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        return subprocess.run(args, check=False, capture_output=True, env=env).returncode == 0
    except OSError:
        return False


def find_h2load() -> str | None:
    """h2load from PATH, else installed from Debian's nghttp2-client."""
    if not shutil.which("h2load"):
        install = ["apt-get", "install", "-y", "-q", "nghttp2-client"]
        if not quiet(install) and quiet(["apt-get", "update", "-q"]):
            quiet(install)
    return shutil.which("h2load")


def h2load(h2load_bin: str, target: str, url: str, options: list[str], log_file: Path) -> Result:
    """One h2load run; its log file holds one line per request of the measured window
    (start time µs, HTTP status or 0 on a stream error, latency µs)."""
    run = subprocess.run(
        [h2load_bin, "-D", str(SECONDS), "--warm-up-time", str(WARM_UP_SECONDS), "-c", str(CONCURRENCY), "-m", "1",
         "--log-file", str(log_file), *options, url],
        check=False, capture_output=True, text=True,
    )
    if run.returncode != 0:
        raise BenchFailed(f"h2load failed on {target}:\n{run.stdout}{run.stderr}")
    rows = [line.split("\t") for line in log_file.read_text().splitlines()]
    latencies = [int(latency) for _, status, latency in rows if 200 <= int(status) < 300]
    return summarize(target, latencies, len(rows) - len(latencies))


def python_load(target: str, connect) -> Result:
    """CONCURRENCY threads, each with its own connection from connect(), which returns a
    send() -> bool; requests back to back, only those started after the warm-up counted."""
    measure_from = time.monotonic() + WARM_UP_SECONDS
    stop_at = measure_from + SECONDS
    latencies, errors, lock = [], [0], threading.Lock()

    def client():
        send = connect()
        while (started := time.monotonic()) < stop_at:
            ok = send()
            if started >= measure_from:
                with lock:
                    if ok:
                        latencies.append(int((time.monotonic() - started) * 1e6))
                    else:
                        errors[0] += 1

    threads = [threading.Thread(target=client) for _ in range(CONCURRENCY)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return summarize(target, latencies, errors[0])


def rest_connection(port: int, path: str, token: str):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)

    def send() -> bool:
        try:
            connection.request("GET", path, headers={"authorization": f"Bearer {token}"})
            reply = connection.getresponse()
            reply.read()
            return 200 <= reply.status < 300
        except (OSError, http.client.HTTPException):
            connection.close()
            return False

    return send


def health_connection(port: int):
    # A channel per thread, so each holds its own HTTP/2 connection to Envoy.
    stub = health_pb2_grpc.HealthStub(grpc.insecure_channel(f"127.0.0.1:{port}", options=[("grpc.use_local_subchannel_pool", 1)]))

    def send() -> bool:
        try:
            return stub.Check(health_pb2.HealthCheckRequest(), timeout=30).status == health_pb2.HealthCheckResponse.SERVING
        except grpc.RpcError:
            return False

    return send


def measure(h2load_bin: str | None, port: int, group_path: str, token: str, work_dir: Path) -> tuple[str, list[Result]]:
    group_target = "GET /api/groups/{id}"
    ceiling_target = "gRPC Health/Check (ceiling)"
    if h2load_bin:
        body_file = work_dir / "health-check.grpc"
        body_file.write_bytes(EMPTY_HEALTH_CHECK_FRAME)
        base_url = f"http://127.0.0.1:{port}"
        return "h2load (HTTP/2 cleartext)", [
            h2load(h2load_bin, group_target, base_url + group_path, ["-H", f"authorization: Bearer {token}"],
                   work_dir / "h2load-group.log"),
            h2load(h2load_bin, ceiling_target, base_url + HEALTH_PATH,
                   ["-d", str(body_file), "-H", "content-type: application/grpc", "-H", "te: trailers"], work_dir / "h2load-ceiling.log"),
        ]
    print("h2load is not available (apt-get install nghttp2-client failed): using the Python load generator", flush=True)
    return "Python threads (http.client HTTP/1.1 keep-alive; grpc sync stubs)", [
        python_load(group_target, lambda: rest_connection(port, group_path, token)),
        python_load(ceiling_target, lambda: health_connection(port)),
    ]


def report(load_generator: str, results: list[Result]) -> dict:
    group, ceiling = results
    share = 100 * group.requests_per_second / ceiling.requests_per_second if ceiling.requests_per_second else math.nan
    facts = {
        "nproc": os.cpu_count(), "concurrency": CONCURRENCY, "duration_seconds": SECONDS,
        "warm_up_seconds": WARM_UP_SECONDS, "database": "SQLite (file in a temporary directory)",
        "server_processes": int(os.environ.get("SERVER_PROCESSES", "1")),
        "load_generator": load_generator,
    }
    print(f"\n{'target':<30}{'req/s':>10}{'p50 ms':>10}{'p99 ms':>10}{'errors':>8}")
    for r in results:
        print(f"{r.target:<30}{r.requests_per_second:>10.1f}{r.p50_ms:>10.2f}{r.p99_ms:>10.2f}{r.errors:>8}")
    print(f"\n{group.target} / ceiling: {share:.1f}% of the req/s")
    print(", ".join(f"{key} {value}" for key, value in facts.items()))
    return {"results": [asdict(r) for r in results], "group_share_of_ceiling_percent": share, **facts}


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="groupkit-bench-") as tmp:
        data_dir = Path(tmp)
        token = mint(data_dir, OWNER, name="bench")  # creates the signing key the server will verify with
        h2load_bin = find_h2load()
        try:
            with running_stack(data_dir) as port:
                groupid = create_group(f"http://127.0.0.1:{port}", data_dir, token)
                check_health_through_envoy(port)
                load_generator, results = measure(h2load_bin, port, f"/api/groups/{groupid}", token, data_dir)
        except (BenchFailed, OSError, grpc.RpcError) as exc:
            print(f"bench failed: {exc}", file=sys.stderr)
            return 1
    summary = report(load_generator, results)
    RESULTS_FILE.parent.mkdir(exist_ok=True)
    RESULTS_FILE.write_text(json.dumps(summary, indent=2) + "\n")
    print(f"written to {RESULTS_FILE.relative_to(PROJECT_ROOT)}")
    if any(r.succeeded == 0 for r in results):
        print("bench failed: a target had no successful request", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
