"""`make run`'s supervisor (server.cli.run): Ctrl-C stops both processes, and no Envoy
outlives a supervisor that is killed outright."""

import os
import signal
import subprocess
import tempfile
import time
from pathlib import Path

import grpc
import pytest
from grpc_health.v1 import health_pb2, health_pb2_grpc

from tests.support.client import Api
from tests.support.processes import READY_LINE, ROOT, Stack


def children(pid: int) -> list[int]:
    out = subprocess.run(["ps", "-o", "pid=", "--ppid", str(pid)], capture_output=True, text=True).stdout
    return [int(p) for p in out.split()]


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    state = subprocess.run(["ps", "-o", "stat=", "-p", str(pid)], capture_output=True, text=True).stdout.strip()
    return bool(state) and not state.startswith("Z")


def wait_gone(pids: list[int], timeout: float = 20) -> list[int]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and any(alive(p) for p in pids):
        time.sleep(0.1)
    return [p for p in pids if alive(p)]


@pytest.fixture
def running_stack():
    data_dir = Path(tempfile.mkdtemp(prefix="groupkit-run-"))
    stack = Stack(data_dir, f"sqlite:///{data_dir}/groups.db").start()
    yield stack
    stack.stop()


def test_ctrl_c_stops_the_server_and_envoy(running_stack):
    supervisor = running_stack.process
    pids = children(supervisor.pid)
    assert len(pids) == 2  # the gRPC server and Envoy
    supervisor.send_signal(signal.SIGINT)
    assert supervisor.wait(30) == 0
    assert wait_gone(pids) == []
    assert "Ctrl-C stops both." in running_stack.log()


def test_a_killed_supervisor_leaves_no_orphans(running_stack):
    supervisor = running_stack.process
    pids = children(supervisor.pid)
    assert len(pids) == 2
    supervisor.kill()
    supervisor.wait(10)
    assert wait_gone(pids) == []


def test_several_server_processes_serve_behind_one_envoy():
    data_dir = Path(tempfile.mkdtemp(prefix="groupkit-procs-"))
    stack = Stack(data_dir, f"sqlite:///{data_dir}/groups.db", extra_env={"SERVER_PROCESSES": "2"}).start()
    try:
        pids = children(stack.process.pid)
        assert len(pids) == 3  # two servers and Envoy
        for port in (stack.grpc_port, stack.grpc_port + 1):
            with grpc.insecure_channel(f"127.0.0.1:{port}") as channel:
                reply = health_pb2_grpc.HealthStub(channel).Check(health_pb2.HealthCheckRequest(), timeout=5)
                assert reply.status == health_pb2.HealthCheckResponse.SERVING
        api = Api(stack)
        owner = api.user()
        group = api.community_group(owner, [api.user() for _ in range(3)])
        for _ in range(10):  # whichever process answers, it reads the same database
            assert owner.get(f"/api/groups/{api.groupid_of(owner, group['id'])}").json()["data"]["member_count"] == 4
        stack.process.send_signal(signal.SIGINT)
        assert stack.process.wait(30) == 0
        assert wait_gone(pids) == []
    finally:
        stack.stop()


def test_ctrl_c_on_make_run_in_a_terminal_exits_0(tmp_path):
    """Issue 21: the README's `make run` in a terminal, then Ctrl-C: make itself must exit 0 (it
    used to die of the SIGINT the terminal sends its whole process group: 130)."""
    import pty
    import select

    env = Stack(tmp_path, None).env()
    pid, terminal = pty.fork()
    if pid == 0:  # the child: make, the session leader of a fresh terminal
        os.chdir(ROOT)
        os.execvpe("make", ["make", "-s", "-o", "gen", "run"], env)  # -o gen: gen/ is current, leave it
    output, deadline, interrupted = b"", time.monotonic() + 90, False
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([terminal], [], [], 0.5)
            if ready:
                try:
                    chunk = os.read(terminal, 65536)
                except OSError:  # EIO: the terminal's last process is gone
                    break
                if not chunk:
                    break
                output += chunk
            if not interrupted and READY_LINE.encode() in output:
                os.write(terminal, b"\x03")  # Ctrl-C, as a user types it
                interrupted = True
        _, status = os.waitpid(pid, 0)
    finally:
        os.close(terminal)
    assert interrupted, output.decode(errors="replace")[-3000:]
    assert os.waitstatus_to_exitcode(status) == 0, output.decode(errors="replace")[-3000:]
    assert b"Traceback" not in output
