"""Starting the real parts for tests: the stack (gRPC server + Envoy) and a throwaway PostgreSQL."""

import contextlib
import glob
import os
import pwd
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
READY_LINE = "Ctrl-C stops both."
ENVOY = Path(sys.executable).parent / "envoy"
# For stacks whose tests drive many calls with one token: the per-caller rate limits have their
# own tests (tests/e2e/test_load_bounds.py) and would otherwise answer 429 on a fast machine.
NO_RATE_LIMITS = dict.fromkeys(("RATE_LIMIT_READS", "RATE_LIMIT_WRITES", "RATE_LIMIT_TOTAL"), "1000000")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def free_ports(count: int, avoid: tuple = ()) -> int:
    """The first of count consecutive free ports (SERVER_PROCESSES servers listen on GRPC_PORT, GRPC_PORT+1, ...)."""
    while True:
        first = free_port()
        block = range(first, first + count)
        if any(port in avoid for port in block):
            continue
        try:
            for port in block[1:]:
                with socket.socket() as s:
                    s.bind(("127.0.0.1", port))
        except OSError:
            continue
        return first


def stop(process: subprocess.Popen, timeout: float = 15) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@contextlib.contextmanager
def running_envoy(work: Path, **config):
    """Envoy alone, on free ports, with server.cli.envoy_config.render(**config) (grpc_port and
    jwks at least): yields its base URL once ready, and stops it afterwards."""
    import requests

    from server.cli.envoy_config import render

    http_port, admin_port = free_port(), free_port()
    path = work / f"envoy-{http_port}.yaml"
    path.write_text(render(http_port=http_port, admin_port=admin_port, **config))
    envoy = subprocess.Popen(
        [str(ENVOY), "-c", str(path), "--use-dynamic-base-id", "--log-level", "error"],
        stdin=subprocess.DEVNULL, start_new_session=True,
    )
    try:
        for _ in range(300):
            try:
                if requests.get(f"http://127.0.0.1:{admin_port}/ready", timeout=1).status_code == 200:
                    break
            except requests.ConnectionError:
                pass
            time.sleep(0.1)
        yield f"http://127.0.0.1:{http_port}"
    finally:
        stop(envoy)


ENVOY_ABORTED_AT_START = re.compile(r"Envoy exited during start-up \(code -\d+\)")


class Stack:
    """`python -m server.cli.run` (what `make run` starts) on free ports."""

    def __init__(self, data_dir: Path, database_url: str | None, extra_env: dict | None = None):
        self.data_dir = data_dir
        self.database_url = database_url
        self.extra_env = extra_env or {}
        self.http_port, self.admin_port = free_port(), free_port()
        processes = int(self.extra_env.get("SERVER_PROCESSES", "1"))
        self.grpc_port = free_ports(processes, avoid=(self.http_port, self.admin_port))
        self.metrics_port = free_port()
        self.base_url = f"http://127.0.0.1:{self.http_port}"
        self.log_path = data_dir / "stack.log"
        self.process: subprocess.Popen | None = None

    def env(self) -> dict:
        env = {
            **os.environ,
            "HTTP_PORT": str(self.http_port),
            "GRPC_PORT": str(self.grpc_port),
            "ADMIN_PORT": str(self.admin_port),
            "METRICS_PORT": str(self.metrics_port),
            "DATA_DIR": str(self.data_dir),
            "DATABASE_URL": self.database_url or "",  # none: the default, in DATA_DIR
            # Test stacks note themselves here, not in the checkout's .stacks/ (make token reads it).
            "GROUPKIT_STACKS_DIR": str(self.data_dir / "stacks"),
            **self.extra_env,
        }
        return env

    def start(self, timeout: float = 60, *, attempts: int = 2) -> "Stack":
        log = open(self.log_path, "w")
        self.process = subprocess.Popen(
            [sys.executable, "-u", "-m", "server.cli.run"], cwd=ROOT, env=self.env(),
            stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if READY_LINE in self.log_path.read_text():
                return self
            if self.process.poll() is not None:
                break
            time.sleep(0.1)
        output = self.log_path.read_text()
        self.stop()
        # Envoy itself now and then aborts while it starts, in gRPC's epoll wake-up
        # (ev_epoll1_linux.cc, ConsumeWakeup), before any request: a third-party crash, seen once
        # in a full parallel run. The start is tried once more; anything else fails at once.
        if attempts > 1 and ENVOY_ABORTED_AT_START.search(output):
            return self.start(timeout, attempts=attempts - 1)
        raise RuntimeError(f"the stack did not start:\n{output}")

    def stop(self) -> None:
        if self.process is not None:
            stop(self.process)

    def log(self) -> str:
        return self.log_path.read_text()


class Postgres:
    """A throwaway PostgreSQL cluster from the Debian packages, on a free port."""

    def __init__(self):
        self.bin_dir = self._find_bin_dir()
        self.port = free_port()
        self.base = Path(tempfile.mkdtemp(prefix="groupkit-pg-"))
        self.data = self.base / "data"
        self.url = f"postgresql://postgres@127.0.0.1:{self.port}/groupkit"

    @staticmethod
    def _find_bin_dir() -> Path | None:
        found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
        if found:
            return Path(found[-1]).parent
        initdb = shutil.which("initdb")
        return Path(initdb).resolve().parent if initdb else None

    @property
    def available(self) -> bool:
        return self.bin_dir is not None

    def _run(self, *args) -> None:
        # initdb refuses to run as root: run the server as the postgres user then.
        user = None
        if os.geteuid() == 0:
            user = pwd.getpwnam("postgres")
        def demote():
            if user is not None:
                os.setgid(user.pw_gid)
                os.setuid(user.pw_uid)
        subprocess.run(args, check=True, preexec_fn=demote, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)

    def start(self) -> "Postgres":
        if os.geteuid() == 0:
            user = pwd.getpwnam("postgres")
            os.chmod(self.base, 0o755)
            os.chown(self.base, user.pw_uid, user.pw_gid)
        self._run(str(self.bin_dir / "initdb"), "-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync")
        self._run(
            str(self.bin_dir / "pg_ctl"), "-D", str(self.data), "-w", "-l", str(self.base / "pg.log"), "start",
            "-o",
            f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.base} "
            "-c fsync=off -c synchronous_commit=off -c max_connections=200",
        )
        import psycopg2

        conn = psycopg2.connect(host="127.0.0.1", port=self.port, user="postgres", dbname="postgres")
        conn.autocommit = True
        conn.cursor().execute("CREATE DATABASE groupkit")
        conn.close()
        return self

    def stop(self) -> None:
        try:
            self._run(str(self.bin_dir / "pg_ctl"), "-D", str(self.data), "-m", "fast", "stop")
        finally:
            shutil.rmtree(self.base, ignore_errors=True)


@contextlib.contextmanager
def running_stack(database: str, extra_env: dict | None = None):
    """A stack on a fresh SQLite file or a throwaway PostgreSQL cluster (the test is skipped
    where PostgreSQL is not installed), stopped afterwards. Bad input must never have reached
    the server as an unexpected exception."""
    import pytest

    data_dir = Path(tempfile.mkdtemp(prefix=f"groupkit-{database}-"))
    postgres = None
    if database == "sqlite":
        url = f"sqlite:///{data_dir}/groups.db"
    else:
        postgres = Postgres()
        if not postgres.available:
            pytest.skip("PostgreSQL is not installed here (CI installs it)")
        url = postgres.start().url
    stack = Stack(data_dir, url, {**NO_RATE_LIMITS, **(extra_env or {})})
    try:
        yield stack.start()
    finally:
        stack.stop()
        if postgres is not None:
            postgres.stop()
    log = stack.log()
    assert "Traceback" not in log, log[-4000:]
    shutil.rmtree(data_dir, ignore_errors=True)  # kept, with its log, when the assertion fails
