"""The floor of the Python server (issue 20): a bare grpcio server with only grpc.health.v1, the
server's worker count and options, no interceptor. `make bench` drives it with h2load directly
(no Envoy) and reports every row's server CPU per request over this one's.

python -m bench.floor PORT WORKERS"""

import sys
from concurrent import futures

import grpc
from grpc_health.v1 import health, health_pb2, health_pb2_grpc

from server.api.app import MAX_MESSAGE_BYTES

READY_LINE = "floor ready"


def main() -> None:
    port, workers = int(sys.argv[1]), int(sys.argv[2])
    server = grpc.server(
        futures.ThreadPoolExecutor(max_workers=workers),
        options=[
            ("grpc.max_receive_message_length", MAX_MESSAGE_BYTES),
            ("grpc.max_send_message_length", MAX_MESSAGE_BYTES),
            ("grpc.so_reuseport", 0),
        ],
    )
    servicer = health.HealthServicer()
    health_pb2_grpc.add_HealthServicer_to_server(servicer, server)
    servicer.set("", health_pb2.HealthCheckResponse.SERVING)
    if server.add_insecure_port(f"127.0.0.1:{port}") == 0:
        raise SystemExit(f"cannot bind 127.0.0.1:{port}")
    server.start()
    print(READY_LINE, flush=True)
    server.wait_for_termination()


if __name__ == "__main__":
    main()
