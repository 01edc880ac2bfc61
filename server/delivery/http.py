"""One signed POST and its outcome. http.client, no pooling: each request is its own
connection, so a slow or dead receiver only ever holds the thread that called it."""

import email.utils
import http.client
import socket
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

from server.delivery import signing, targets
from server.domain import errors

USER_AGENT = "groupkit-webhooks/1"
MAX_ANSWER_BYTES = 64 * 1024


@dataclass(frozen=True)
class Answer:
    status: int  # 0: no answer (refused, timed out, target not allowed)
    body: bytes
    error: str
    retry_after: float | None  # seconds, from Retry-After
    duration_ms: int


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


class _PinnedHTTP(http.client.HTTPConnection):
    """Connects to the address the target check resolved (Host stays the URL's name)."""

    pinned: str | None = None

    def connect(self):
        if self.pinned is None:
            return super().connect()
        self.sock = socket.create_connection((self.pinned, self.port), self.timeout)


class _PinnedHTTPS(http.client.HTTPSConnection):
    """Likewise over TLS: the certificate is still checked against the URL's name (SNI too)."""

    pinned: str | None = None

    def connect(self):
        if self.pinned is None:
            return super().connect()
        sock = socket.create_connection((self.pinned, self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)


def post(url: str, secrets: list[str], msg_id: str, body: bytes, timeout: float) -> Answer:
    started = time.monotonic()

    def answer(status=0, data=b"", error="", retry_after=None):
        return Answer(status, data, error[:256], retry_after, int((time.monotonic() - started) * 1000))

    try:
        pinned = targets.address(url)
    except errors.InvalidArgument as exc:
        return answer(error=exc.message)
    parts = urlsplit(url)
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    kind = _PinnedHTTPS if parts.scheme == "https" else _PinnedHTTP
    connection = kind(parts.hostname, parts.port, timeout=timeout)
    connection.pinned = pinned
    headers = {
        "content-type": "application/json",
        "user-agent": USER_AGENT,
        **signing.headers(secrets, msg_id, int(time.time()), body),
    }
    try:
        connection.request("POST", path, body=body, headers=headers)
        response = connection.getresponse()
        data = response.read(MAX_ANSWER_BYTES)
        return answer(response.status, data, retry_after=_retry_after(response.getheader("retry-after")))
    except TimeoutError:
        return answer(error="timeout")
    except (OSError, http.client.HTTPException) as exc:
        return answer(error=f"{type(exc).__name__}: {exc}")
    finally:
        connection.close()
