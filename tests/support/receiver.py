"""A webhook and callback receiver for the tests: a small HTTP server on 127.0.0.1 that
verifies every request with the standardwebhooks library (the secret of its path), records
it, and answers as the test tells it to, per path."""

import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from standardwebhooks import Webhook

from tests.support.processes import free_port


@dataclass
class Received:
    path: str
    headers: dict
    body: bytes
    verified: object  # the parsed JSON when the signature verified, else the exception
    at: float = field(default_factory=time.monotonic)

    @property
    def ok(self) -> bool:
        return not isinstance(self.verified, Exception)


class Receiver:
    """answers[path] = callable(Received) -> (status, headers, body-dict-or-bytes); default 200 {}."""

    def __init__(self):
        self.port = free_port()
        self.secrets: dict[str, str] = {}
        self.answers: dict = {}
        self.received: list[Received] = []
        self._lock = threading.Condition()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("content-length", 0)))
                headers = {k.lower(): v for k, v in self.headers.items()}
                secret = receiver.secrets.get(self.path)
                try:
                    verified = Webhook(secret).verify(body, headers) if secret else ValueError("no secret")
                except Exception as exc:  # the library's verdict, kept for the test to assert on
                    verified = exc
                item = Received(self.path, headers, body, verified)
                with receiver._lock:
                    receiver.received.append(item)
                    receiver._lock.notify_all()
                answer = receiver.answers.get(self.path)
                status, extra, data = answer(item) if answer else (200, {}, {})
                payload = data if isinstance(data, bytes) else json.dumps(data).encode()
                try:
                    self.send_response(status)
                    for key, value in extra.items():
                        self.send_header(key, value)
                    self.send_header("content-type", "application/json")
                    self.send_header("content-length", str(len(payload)))
                    self.end_headers()
                    self.wfile.write(payload)
                except OSError:
                    pass  # the caller gave up (timeout)

        self.server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        self.server.daemon_threads = True
        self._thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def start(self) -> "Receiver":
        self._thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def at(self, path: str) -> list[Received]:
        with self._lock:
            return [r for r in self.received if r.path == path]

    def wait_for(self, path: str, count: int = 1, timeout: float = 20) -> list[Received]:
        deadline = time.monotonic() + timeout
        with self._lock:
            while True:
                got = [r for r in self.received if r.path == path]
                if len(got) >= count:
                    return got
                left = deadline - time.monotonic()
                assert left > 0, f"{path}: {len(got)} requests, expected {count}"
                self._lock.wait(left)
