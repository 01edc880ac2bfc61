"""Goodput under overload (issue 20): `python -m bench.overload` (make bench-overload).

One stack (SQLite, one server process, the product's default limits: RATE_LIMIT_* and MAX_* as
an operator gets them), the small group seeded, and `GET /api/user/groups` driven by h2load:

1. unloaded: 16 connections, one request in flight each: the stack's capacity;
2. one caller: OVERLOAD_FACTOR × that capacity offered at a fixed rate (h2load --rps, an open
   loop: a slow answer does not slow the offered load), OVERLOAD_CONNECTIONS connections with up
   to OVERLOAD_STREAMS streams each, one token;
3. many callers: the same load from OVERLOAD_CALLERS h2load processes, each its own token.

For each: answers per second by status, p99 of the served and of the refused (429/503) answers,
and Envoy's resident memory at its peak. Goodput is the served answers per second over the
unloaded capacity. Settings: OVERLOAD_SECONDS (5), OVERLOAD_FACTOR (10), OVERLOAD_CONNECTIONS (60),
OVERLOAD_STREAMS (20), OVERLOAD_CALLERS (20).
"""

import math
import os
import subprocess
import sys
import tempfile
import threading
from collections import Counter
from pathlib import Path

from bench.run import WARM_UP_SECONDS, BenchFailed, find_h2load, percentile, running_stack
from bench.seed import Seed
from server.api.tokens import mint

SECONDS = int(os.environ.get("OVERLOAD_SECONDS", "5"))
FACTOR = float(os.environ.get("OVERLOAD_FACTOR", "10"))
CONNECTIONS = int(os.environ.get("OVERLOAD_CONNECTIONS", "60"))
STREAMS = int(os.environ.get("OVERLOAD_STREAMS", "20"))
CALLERS = int(os.environ.get("OVERLOAD_CALLERS", "20"))
PATH = "/api/user/groups"
REFUSED = {429, 503}


def _rss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def drive(base: str, tokens: list[str], connections: int, streams: int, work_dir: Path, envoy_pid: int, label: str,
          rate: float = 0) -> dict:
    """h2load processes (one per token) sharing `connections` (and `rate` requests per second, if
    given: an open loop); returns the scenario's figures."""
    per = max(1, connections // len(tokens))
    pace = ["--rps", str(max(1, math.ceil(rate / (per * len(tokens)))))] if rate else []
    logs, processes = [], []
    for i, token in enumerate(tokens):
        log = work_dir / f"overload-{label}-{i}.log"
        log.unlink(missing_ok=True)
        logs.append(log)
        processes.append(subprocess.Popen(
            [find_h2load(), "-D", str(SECONDS), "--warm-up-time", str(WARM_UP_SECONDS), "-c", str(per), "-m", str(streams), *pace,
             "-H", f"authorization: Bearer {token}", "-H", "app_id: default", "--log-file", str(log), base + PATH],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True))
    peak = [_rss_kb(envoy_pid)]
    done = threading.Event()

    def sample():
        while not done.wait(0.2):
            peak.append(_rss_kb(envoy_pid))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    for process in processes:
        output, _ = process.communicate()
        if process.returncode != 0:
            raise BenchFailed(f"h2load failed ({label}):\n{output[-2000:]}")
    done.set()
    sampler.join()
    answered = [(int(s), int(us)) for log in logs for _, s, us in (line.split("\t") for line in log.read_text().splitlines())
                if s != "0"]
    statuses = Counter(s for s, _ in answered)
    served = sorted(us for s, us in answered if 200 <= s < 300)
    refused = sorted(us for s, us in answered if s in REFUSED)
    return {
        "scenario": label, "in_flight": per * len(tokens) * streams, "offered_per_s": round(rate),
        "served_per_s": round(len(served) / SECONDS, 1),
        "served_p99_ms": percentile(served, 0.99), "refused_per_s": round(len(refused) / SECONDS, 1),
        "refused_p99_ms": percentile(refused, 0.99), "statuses": dict(sorted(statuses.items())),
        "envoy_peak_rss_mb": round(max(peak) / 1024, 1),
    }


def main() -> int:
    os.environ.setdefault("RATE_LIMIT_READS", "1000")  # the product's defaults (bench.run lifts them)
    os.environ.setdefault("RATE_LIMIT_WRITES", "200")
    os.environ.setdefault("RATE_LIMIT_TOTAL", "20000")
    work_dir = Path(tempfile.mkdtemp(prefix="groupkit-overload-"))
    url = f"sqlite:///{work_dir / 'bench.db'}"
    seed = Seed(url, work_dir)
    seed.token("reader")
    results = []
    with running_stack(work_dir, url, 1) as stack:
        base = f"http://127.0.0.1:{stack.port}"
        seed.small_group(base)
        (envoy_pid,) = stack.envoy_pids()
        callers = [mint(work_dir, 2000 + i, name=f"caller{i}") for i in range(CALLERS)]
        results.append(drive(base, [seed.token("reader")], 16, 1, work_dir, envoy_pid, "unloaded (16 × 1)"))
        capacity = results[0]["served_per_s"] or float("nan")
        rate = FACTOR * capacity
        results.append(drive(base, [seed.token("reader")], CONNECTIONS, STREAMS, work_dir, envoy_pid,
                             "one caller", rate))
        results.append(drive(base, callers, CONNECTIONS, STREAMS, work_dir, envoy_pid, f"{CALLERS} callers", rate))
    print("| scenario | offered/s | served/s | goodput | served p99 ms | refused/s | refused p99 ms | statuses "
          "| Envoy peak RSS MB |")
    print("|---|---|---|---|---|---|---|---|---|")
    for r in results:
        print(f"| {r['scenario']} | {r['offered_per_s'] or '–'} | {r['served_per_s']:.0f} | "
              f"{100 * r['served_per_s'] / capacity:.0f} % | "
              f"{r['served_p99_ms']:.1f} | {r['refused_per_s']:.0f} | {r['refused_p99_ms']:.1f} | "
              f"{', '.join(f'{s}×{n}' for s, n in r['statuses'].items())} | {r['envoy_peak_rss_mb']:.0f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
