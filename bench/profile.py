"""Where a server's time goes: py-spy's collapsed stacks (`py-spy record -f raw`) summed by layer.

Each sample is charged to the innermost frame that belongs to a known layer, so "peewee"
is time spent inside peewee (building SQL, running it through the driver, making model
instances) and not in the code that called it. The bench records with `--gil`: only the
thread holding the GIL is sampled, so the shares are of the Python CPU time of the server
(a thread waiting for the GIL, the database or the network is not counted)."""

import sys
from collections import Counter
from pathlib import Path

# (layer, substring of a frame "function (file:line)"), innermost match wins; the order breaks ties.
LAYERS = [
    ("database driver (running SQL, fetching rows)", "Database._execute_cursor"),
    ("database driver (running SQL, fetching rows)", "CursorWrapper.iterate"),
    ("database driver (running SQL, fetching rows)", "fetch_all (server/storage/sql.py"),
    ("database driver (running SQL, fetching rows)", "fetch_one (server/storage/sql.py"),
    ("database driver (running SQL, fetching rows)", "execute (server/storage/sql.py"),
    ("peewee (SQL building, execution, rows)", "peewee.py"),
    ("peewee (SQL building, execution, rows)", "playhouse/"),
    ("peewee (SQL building, execution, rows)", "server/storage/uow.py"),
    ("database driver (running SQL, fetching rows)", "psycopg2"),
    ("database driver (running SQL, fetching rows)", "sqlite3"),
    ("token verification (jwt)", "/jwt/"),
    ("token verification (jwt)", "tokens.py"),
    ("access log (logging, json)", "logging/"),
    ("access log (logging, json)", "json/"),
    ("protobuf / views", "protobuf"),
    ("protobuf / views", "_views.py"),
    ("protobuf / views", "servicers.py"),
    ("protobuf / views", "_methods.py"),
    ("storage layer (ours)", "server/storage/"),
    ("use cases and domain", "server/services/"),
    ("use cases and domain", "server/domain/"),
    ("edge interceptor and caller", "server/api/"),
    ("grpc (Python layer)", "grpc/"),
    ("thread pool: waiting for work or the GIL", "concurrent/futures"),
    ("thread pool: waiting for work or the GIL", "threading.py"),
]


def layer_of(stack: list[str]) -> str:
    for frame in reversed(stack):
        for layer, marker in LAYERS:
            if marker in frame:
                return layer
    return "other"


def summarize(collapsed: Path) -> list[tuple[str, float]]:
    counts: Counter[str] = Counter()
    for line in collapsed.read_text().splitlines():
        stack_text, _, count = line.rpartition(" ")
        if not stack_text or not count.isdigit():
            continue
        counts[layer_of(stack_text.split(";"))] += int(count)
    total = sum(counts.values()) or 1
    return [(layer, 100 * n / total) for layer, n in counts.most_common()]


def render(collapsed: Path) -> str:
    lines = [f"{share:5.1f} %  {layer}" for layer, share in summarize(collapsed)]
    return "\n".join(lines)


if __name__ == "__main__":
    print(render(Path(sys.argv[1])))
