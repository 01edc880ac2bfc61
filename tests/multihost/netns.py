"""A LAN of network namespaces on one box (the pg_auto_failover tests' pattern, with `ip`): a
bridge in a namespace of its own, and one namespace per host joined to it by a veth pair, with an
address from 198.18.0.0/24 (RFC 2544's benchmark range). Processes run in a host with
`ip netns exec`; this process's own calls go in with setns(2), which moves only the calling
thread (and threads it starts afterwards). Everything is removed by close()."""

import contextlib
import ctypes
import os
import secrets
import shutil
import signal
import subprocess
from pathlib import Path

CLONE_NEWNET = 0x40000000
_libc = ctypes.CDLL("libc.so.6", use_errno=True)


def unavailable_reason() -> str | None:
    """Why this box cannot build the LAN, or None."""
    if os.geteuid() != 0:
        return "the multi-host suite builds network namespaces: run it as root (CI does)"
    if shutil.which("ip") is None:
        return "iproute2 (`ip`) is not installed"
    name = f"gkprobe{secrets.token_hex(3)}"
    probe = subprocess.run(["ip", "netns", "add", name], capture_output=True, text=True)
    if probe.returncode != 0:
        return f"`ip netns` is unavailable here: {probe.stderr.strip()}"
    subprocess.run(["ip", "netns", "del", name], capture_output=True)
    return None


def _parent(pid: int) -> int:
    try:
        return int(Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[1])
    except (FileNotFoundError, ProcessLookupError):
        return -1


def descendants(pid: int) -> list[int]:
    """Every living process below pid (children, theirs, ...)."""
    parents = {int(p.name): _parent(int(p.name)) for p in Path("/proc").iterdir() if p.name.isdigit()}
    found, frontier = [], {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier}
        found.extend(frontier)
    return found


def _ip(*args: str) -> None:
    result = subprocess.run(["ip", *args], capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"ip {' '.join(args)}: {result.stderr.strip()}")


@contextlib.contextmanager
def inside(namespace: str):
    """The calling thread in namespace's network (sockets it opens live there), then back."""
    own = os.open("/proc/thread-self/ns/net", os.O_RDONLY)
    target = os.open(f"/run/netns/{namespace}", os.O_RDONLY)
    try:
        if _libc.setns(target, CLONE_NEWNET) != 0:
            raise OSError(ctypes.get_errno(), f"setns into {namespace}")
        yield
    finally:
        _libc.setns(own, CLONE_NEWNET)
        os.close(own)
        os.close(target)


class Lan:
    def __init__(self, work: Path):
        self.work = work
        self.prefix = f"gk{secrets.token_hex(3)}"
        self.switch = f"{self.prefix}-lan"
        self.hosts: dict[str, str] = {}  # name → address
        self.processes: list[subprocess.Popen] = []
        _ip("netns", "add", self.switch)
        _ip("-n", self.switch, "link", "add", "br0", "type", "bridge")
        _ip("-n", self.switch, "link", "set", "br0", "up")

    def ns(self, host: str) -> str:
        return f"{self.prefix}-{host}"

    def add_host(self, host: str, address: str) -> str:
        ns, port = self.ns(host), f"p{len(self.hosts)}"
        _ip("netns", "add", ns)
        _ip("-n", ns, "link", "set", "lo", "up")
        _ip("link", "add", "eth0", "netns", ns, "type", "veth", "peer", "name", port, "netns", self.switch)
        _ip("-n", self.switch, "link", "set", port, "master", "br0", "up")
        _ip("-n", ns, "addr", "add", f"{address}/24", "dev", "eth0")
        _ip("-n", ns, "link", "set", "eth0", "up")
        self.hosts[host] = address
        return address

    def start(self, host: str, args: list[str], *, env: dict, log: Path, cwd: Path | None = None) -> subprocess.Popen:
        """args run in host's namespace, in a process group of their own (kill() ends the group)."""
        process = subprocess.Popen(
            ["ip", "netns", "exec", self.ns(host), *args], env=env, cwd=cwd, stdout=open(log, "w"),
            stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True,
        )
        self.processes.append(process)
        return process

    @staticmethod
    def kill(process: subprocess.Popen, sig=signal.SIGKILL) -> None:
        """The process and every process it started, at once: a host's power cut."""
        for pid in [process.pid, *descendants(process.pid)]:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, sig)
        process.wait(15)

    def run(self, host: str, args: list[str], **kw) -> subprocess.CompletedProcess:
        return subprocess.run(["ip", "netns", "exec", self.ns(host), *args], check=True, capture_output=True, **kw)

    def stop_processes(self) -> None:
        for process in reversed(self.processes):
            if process.poll() is None:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGTERM)
                try:
                    process.wait(10)
                except subprocess.TimeoutExpired:
                    self.kill(process)

    def close(self) -> None:
        self.stop_processes()
        for host in self.hosts:
            subprocess.run(["ip", "netns", "del", self.ns(host)], capture_output=True)
        subprocess.run(["ip", "netns", "del", self.switch], capture_output=True)
