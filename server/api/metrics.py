"""Per-RPC Prometheus metrics: a request counter and a latency histogram, labelled by method,
gRPC code and HTTP status. The interceptor calls observe() once per RPC.

With several server processes (SERVER_PROCESSES > 1) each process writes its values to files
in PROMETHEUS_MULTIPROC_DIR (prometheus_client's multiprocess mode, chosen from that variable
when prometheus_client is first imported); the supervisor (server/cli/run.py) sets the variable
for its children and serves the sum of all of them on 127.0.0.1:METRICS_PORT."""

from prometheus_client import Counter, Histogram

LABELS = ("method", "grpc_code", "http_status")
REQUESTS = Counter("groupkit_rpc_requests", "RPCs served, by method, gRPC code and HTTP status", LABELS)
LATENCY = Histogram(
    "groupkit_rpc_duration_seconds", "Time spent serving an RPC, in seconds", LABELS,
    buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0),
)
_children: dict[tuple[str, str, int], tuple] = {}


def observe(method: str, grpc_code: str, http_status: int, seconds: float) -> None:
    key = (method, grpc_code, http_status)
    children = _children.get(key)
    if children is None:  # labels() takes a lock and builds a key: once per label set
        labels = (method, grpc_code, str(http_status))
        children = _children.setdefault(key, (REQUESTS.labels(*labels), LATENCY.labels(*labels)))
    children[0].inc()
    children[1].observe(seconds)


def serve(port: int, directory: str):
    """The metrics endpoint of every server process writing to directory, on 127.0.0.1:port."""
    from prometheus_client import CollectorRegistry, multiprocess, start_http_server

    registry = CollectorRegistry()
    multiprocess.MultiProcessCollector(registry, path=directory)
    server, _thread = start_http_server(port, addr="127.0.0.1", registry=registry)
    return server

