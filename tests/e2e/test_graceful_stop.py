"""SIGTERM stops the stack cleanly: Envoy stops taking new connections at once, the calls in
flight at that moment finish (within DRAIN_SECONDS) with their real answers, then the servers stop."""

import signal
import socket
import sqlite3
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import requests

from tests.e2e.test_run import children, wait_gone
from tests.support.client import Api
from tests.support.processes import Stack


def _refused(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=2) as s:
            s.sendall(b"GET /api/user/groups HTTP/1.1\r\nHost: x\r\n\r\n")
            return s.recv(16) == b""
    except OSError:
        return True


def test_calls_in_flight_at_sigterm_complete_and_new_connections_are_refused():
    data_dir = Path(tempfile.mkdtemp(prefix="groupkit-drain-"))
    stack = Stack(data_dir, f"sqlite:///{data_dir}/groups.db", extra_env={"DRAIN_SECONDS": "10"}).start()
    try:
        api = Api(stack)
        owner = api.user()
        group = api.community_group(owner)
        pids = children(stack.process.pid)
        # Writes wait for SQLite's write lock, held here: they are in flight when SIGTERM comes.
        lock = sqlite3.connect(data_dir / "groups.db", timeout=10, check_same_thread=False)
        lock.execute("BEGIN IMMEDIATE")
        in_flight = 3
        with ThreadPoolExecutor(in_flight) as pool:
            calls = [
                pool.submit(
                    requests.patch, f"{stack.base_url}/api/groups/{group['id']}", headers=owner.bearer,
                    json={"name": f"停机前{i}"}, timeout=30,
                )
                for i in range(in_flight)
            ]
            time.sleep(1.0)
            assert not any(call.done() for call in calls)
            stack.process.send_signal(signal.SIGTERM)
            time.sleep(0.5)
            refused = _refused(stack.http_port)
            threading.Timer(1.0, lock.rollback).start()
            replies = [call.result(timeout=30) for call in calls]
        lock.close()
        assert refused, "Envoy still took a new connection while draining"
        assert [r.status_code for r in replies] == [200] * in_flight, [r.text for r in replies]
        assert all(r.json()["code"] == 0 for r in replies)
        assert stack.process.wait(20) == 0
        assert wait_gone(pids) == []
        assert "finishing the calls in flight" in stack.log()
    finally:
        stack.stop()
