"""The threads the gRPC server runs calls on.

grpc's sync server hands every call to its executor's submit(). One plain pool would have to be
as big as the workers plus every Watch stream that may stay open (64 per process), and a burst of
unary calls would then each take a thread and wait on a gate there: 16 concurrent callers meant
16 threads trading the interpreter lock. Here unary calls queue in a pool of exactly the worker
count (a burst waits in the pool's queue, which costs nothing), and server streams run on threads
of their own, so open streams never hold a worker."""

from concurrent import futures

# grpc._server submits (contextvars run, handler, rpc_event, ...): the handler's name tells a
# response stream from a unary answer. An unknown name runs on the workers, which stays correct.
_STREAM_HANDLERS = frozenset({"_stream_response_in_pool"})


class CallPools(futures.Executor):
    def __init__(self, workers: int, streams: int):
        self.workers = futures.ThreadPoolExecutor(max_workers=workers, thread_name_prefix="grpc-worker")
        self.streams = futures.ThreadPoolExecutor(max_workers=streams, thread_name_prefix="grpc-stream")

    def submit(self, fn, /, *args, **kwargs):
        handler = args[0] if args else None
        pool = self.streams if getattr(handler, "__name__", "") in _STREAM_HANDLERS else self.workers
        return pool.submit(fn, *args, **kwargs)

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        self.workers.shutdown(wait, cancel_futures=cancel_futures)
        self.streams.shutdown(wait, cancel_futures=cancel_futures)
