"""A lost server process costs only its in-flight calls: the supervisor starts it again, Envoy
stops sending to it at once and retries on the other process what never reached a server.
A process that keeps dying at start is given up on, with a message, and nothing is left running."""

import os
import signal
import socket
import tempfile
import threading
import time
from pathlib import Path

import grpc
import pytest
import requests
from grpc_health.v1 import health_pb2, health_pb2_grpc

from tests.e2e.test_run import children, wait_gone
from tests.support.client import Api
from tests.support.processes import NO_RATE_LIMITS, Stack

THREADS = 4


def server_pids(stack) -> dict[int, int]:
    """GRPC_PORT of each server process: pid."""
    found = {}
    for pid in children(stack.process.pid):
        try:
            environ = Path(f"/proc/{pid}/environ").read_bytes().split(b"\0")
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
        except OSError:  # gone meanwhile
            continue
        if b"server" in cmdline and b"-m" in cmdline:
            port = next(int(v.split(b"=", 1)[1]) for v in environ if v.startswith(b"GRPC_PORT="))
            found[port] = pid
    return found


def serving(port: int) -> bool:
    try:
        with grpc.insecure_channel(f"127.0.0.1:{port}") as channel:
            reply = health_pb2_grpc.HealthStub(channel).Check(health_pb2.HealthCheckRequest(), timeout=0.5)
            return reply.status == health_pb2.HealthCheckResponse.SERVING
    except grpc.RpcError:
        return False


@pytest.fixture(scope="module")
def two_processes():
    data_dir = Path(tempfile.mkdtemp(prefix="groupkit-failover-"))
    # One token drives the load: the per-caller rate limits (test_load_bounds.py) are out of the way here.
    stack = Stack(data_dir, f"sqlite:///{data_dir}/groups.db", extra_env={"SERVER_PROCESSES": "2", **NO_RATE_LIMITS}).start()
    yield stack
    stack.stop()


def test_a_killed_server_process_costs_only_its_in_flight_calls(two_processes):
    stack = two_processes
    api = Api(stack)
    owner = api.user()
    group = api.community_group(owner)
    groupid = api.groupid_of(owner, group["id"])
    calls, stop = [], threading.Event()  # (started, ended, status)

    def load(worker: int):
        session = requests.Session()
        n = 0
        while not stop.is_set():
            n += 1
            started = time.monotonic()
            try:
                if n % 2:
                    reply = session.get(f"{stack.base_url}/api/groups/{groupid}", headers=owner.bearer, timeout=10)
                else:
                    reply = session.patch(
                        f"{stack.base_url}/api/groups/{group['id']}", headers=owner.bearer, timeout=10,
                        json={"name": f"名{worker}-{n}"},
                    )
                status = reply.status_code
            except requests.RequestException:
                status = 0
            calls.append((started, time.monotonic(), status))

    workers = [threading.Thread(target=load, args=(i,)) for i in range(THREADS)]
    for worker in workers:
        worker.start()
    time.sleep(1.5)
    port, victim = sorted(server_pids(stack).items())[0]
    killed_at = time.monotonic()
    os.kill(victim, signal.SIGKILL)
    # It serves again within seconds: a new process on the same port.
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline and not (server_pids(stack).get(port, victim) != victim and serving(port)):
        time.sleep(0.1)
    back_after = time.monotonic() - killed_at
    time.sleep(2)  # load keeps going with both processes
    stop.set()
    for worker in workers:
        worker.join(15)

    assert back_after < 10, f"the killed process served again only after {back_after:.1f} s"
    failed = [(s - killed_at, e - killed_at, status) for s, e, status in calls if status != 200]
    # Only calls that were in flight when it died (or raced with the kill, within 0.5 s) may fail:
    # at most one per client thread, and as a 503, never a 500.
    assert all(start < 0.5 for start, _, _ in failed), failed
    assert len(failed) <= THREADS, failed
    assert all(status == 503 for _, _, status in failed), failed
    after = [c for c in calls if c[0] > killed_at + 0.5]
    assert len(after) > 50 and all(status == 200 for _, _, status in after)
    assert "restarting in" in stack.log()
    # The restarted process takes its share of the traffic again.
    before = stack_host_requests(stack, port)
    for _ in range(40):
        assert owner.get(f"/api/groups/{groupid}").status_code == 200
    assert stack_host_requests(stack, port) > before


def stack_host_requests(stack, port: int) -> int:
    clusters = requests.get(f"http://127.0.0.1:{stack.admin_port}/clusters", timeout=5).text
    line = next(line for line in clusters.splitlines() if line.startswith(f"groupkit_grpc::127.0.0.1:{port}::rq_total::"))
    return int(line.rsplit("::", 1)[1])


def test_a_process_that_keeps_dying_at_start_is_given_up_with_a_message(two_processes):
    stack = two_processes
    pids = children(stack.process.pid)
    port, victim = sorted(server_pids(stack).items())[0]
    squatter = socket.socket()
    squatter.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # past the port's TIME_WAIT connections
    try:
        os.kill(victim, signal.SIGKILL)
        # Its port taken, the restarted process fails at once, every time.
        deadline = time.monotonic() + 5
        while True:
            try:
                squatter.bind(("127.0.0.1", port))
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.01)
        squatter.listen()
        assert stack.process.wait(60) == 1
    finally:
        squatter.close()
    log = stack.log()
    assert f"the server on port {port} died 5 times in a row before it could serve" in log and "giving up" in log
    assert wait_gone(pids) == []
