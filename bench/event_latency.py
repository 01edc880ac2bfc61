"""Commit → delivery latency of change events (issue 18): `python -m bench.event_latency`.

One Watch stream on the first server process; one writer creates groups through Envoy, one at a
time, BENCH_EVENT_WRITES of them (default 200). A delivery's latency is its arrival at the
watcher minus the event's occurred_at (stamped in the write transaction just before commit; same
machine, same clock). With two server processes Envoy spreads the writes over both, so about
half of them cross processes (PostgreSQL: the writer's publisher, then NOTIFY; SQLite: the
watcher's process sees `PRAGMA data_version` change)."""

import os
import statistics
import sys
import threading
import time

import grpc
import requests

from groupkit.event.v1 import event_service_pb2 as ev
from groupkit.event.v1 import event_service_pb2_grpc as ev_grpc
from tests.support.client import Api
from tests.support.processes import running_stack

WRITES = int(os.environ.get("BENCH_EVENT_WRITES", "200"))


def measure(database: str, processes: int) -> dict:
    with running_stack(database, {"SERVER_PROCESSES": str(processes)}) as stack:
        api = Api(stack)
        owner = api.user()
        admin = [("authorization", f"Bearer {api.token(1, admin=True)}")]
        stub = ev_grpc.EventServiceStub(grpc.insecure_channel(f"127.0.0.1:{stack.grpc_port}"))
        start = stub.GetCursor(ev.GetCursorRequest(), metadata=admin).seq
        stream = stub.Watch(ev.WatchRequest(after_seq=start, types=["group.created"]), metadata=admin)
        latencies: list[float] = []
        done = threading.Event()

        def consume():
            try:
                for frame in stream:
                    arrived = time.time() * 1000
                    latencies.extend(arrived - _occurred_ms(e.occurred_at) for e in frame.events)
                    if len(latencies) >= WRITES:
                        done.set()
                        return
            except grpc.RpcError:
                done.set()

        reader = threading.Thread(target=consume, daemon=True)
        reader.start()
        time.sleep(0.5)
        session = requests.Session()
        for _ in range(WRITES):
            reply = session.post(f"{stack.base_url}/api/groups", headers=owner.bearer,
                                 json={"type": "group", "name": "bench"}, timeout=30)
            reply.raise_for_status()
            time.sleep(0.01)
        done.wait(30)
        stream.cancel()
    ordered = sorted(latencies)
    return {
        "database": database, "processes": processes, "delivered": len(ordered),
        "p50_ms": statistics.median(ordered), "p99_ms": ordered[max(0, int(len(ordered) * 0.99) - 1)],
    }


def _occurred_ms(text: str) -> float:
    from datetime import datetime

    return datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp() * 1000


def table(databases: list[str], process_counts: list[int]) -> tuple[list[str], list[dict]]:
    """The markdown rows (and the figures) for each database and server process count."""
    lines = ["| commit → Watch delivery | processes | events | p50 ms | p99 ms |", "|---|---|---|---|---|"]
    figures = []
    for database in databases:
        for processes in process_counts:
            r = measure(database, processes)
            figures.append(r)
            lines.append(f"| {database} | {processes} | {r['delivered']} | {r['p50_ms']:.1f} | {r['p99_ms']:.1f} |")
            print(lines[-1], flush=True)
    return lines, figures


def main() -> int:
    databases = [d for d in os.environ.get("BENCH_DATABASES", "sqlite,postgresql").split(",") if d]
    table(databases, [1, 2])
    return 0


if __name__ == "__main__":
    sys.exit(main())
