"""server/api/call_pools.py on a real grpcio server: unary calls run on the worker threads and
streams on their own, so streams left open (Watch) never hold a worker."""

import threading
from concurrent import futures

import grpc
import pytest

from server.api.call_pools import CallPools


@pytest.fixture
def server_with_pools():
    release = threading.Event()
    threads = {"unary": set(), "stream": set()}

    def unary(request, context):
        threads["unary"].add(threading.current_thread().name)
        return b"ok"

    def stream(request, context):
        threads["stream"].add(threading.current_thread().name)
        yield b"open"
        release.wait(10)

    handler = grpc.method_handlers_generic_handler("test.Pools", {
        "Unary": grpc.unary_unary_rpc_method_handler(unary),
        "Stream": grpc.unary_stream_rpc_method_handler(stream),
    })
    server = grpc.server(CallPools(1, streams=4))
    server.add_generic_rpc_handlers((handler,))
    port = server.add_insecure_port("127.0.0.1:0")
    server.start()
    channel = grpc.insecure_channel(f"127.0.0.1:{port}")
    yield channel, threads
    release.set()
    channel.close()
    server.stop(None)


def test_open_streams_leave_the_one_worker_free(server_with_pools):
    channel, threads = server_with_pools
    streams = [channel.unary_stream("/test.Pools/Stream")(b"") for _ in range(3)]
    assert [next(s) for s in streams] == [b"open"] * 3  # three streams open at once
    assert channel.unary_unary("/test.Pools/Unary")(b"", timeout=5) == b"ok"
    assert threads["unary"] and all(name.startswith("grpc-worker") for name in threads["unary"])
    assert len(threads["stream"]) == 3 and all(name.startswith("grpc-stream") for name in threads["stream"])
    for s in streams:
        s.cancel()


def test_a_burst_of_unary_calls_queues_for_the_workers(server_with_pools):
    channel, threads = server_with_pools
    call = channel.unary_unary("/test.Pools/Unary")
    with futures.ThreadPoolExecutor(16) as pool:
        answers = list(pool.map(lambda _: call(b"", timeout=5), range(32)))
    assert answers == [b"ok"] * 32
    assert threads["unary"] == {"grpc-worker_0"}  # one worker thread served them all, in turn
