"""Veto ("before") callbacks: asked synchronously, before the use case opens its write
transaction, whether a write may happen. The use case then checks its own rules as always.

The hook's endpoint gets a signed POST (Standard Webhooks headers, the hook's own whsec_
secret) with {type: "before.<hook>", timestamp, data: {hook, app, actor, method, request}}
and answers {"allow": true} or {"allow": false, "code": n, "message": "..."}. A refusal is
errors.CallbackDenied (403 in the dialect's envelope, PERMISSION_DENIED over gRPC).

A timeout (2 s by default, at most 10), a transport error, a non-2xx answer or an answer
that is not that JSON is a failure: the hook's failure_policy decides (allow by default, or
deny), and each such fallback writes an audit entry callback.fallback. A circuit breaker
per app and hook opens after CALLBACK_BREAKER_FAILURES failures in a row: for
CALLBACK_BREAKER_SECONDS no request is made and the policy decides at once (each a fallback
too); then one request is let through, whose outcome closes or reopens it."""

import json
import logging
import secrets as _secrets
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from server.delivery import http, metrics
from server.domain import errors
from server.domain import webhooks as rules

log = logging.getLogger("groupkit.callbacks")

# RPC (full method name) → the hook asked before it.
HOOK_OF_METHOD = {
    "/groupkit.group.v1.GroupService/CreateGroup": "group.create",
    "/groupkit.group.v1.GroupService/CreateImGroup": "group.create",
    "/groupkit.circle.v1.CircleService/CreateCircle": "circle.create",
    "/groupkit.group.v1.GroupService/JoinGroup": "group.join",
    "/groupkit.group.v1.GroupService/ApplyImGroup": "group.join",
    "/groupkit.group.v1.GroupService/JoinImGroupByQrCode": "group.join",
    "/groupkit.circle.v1.CircleService/JoinCircle": "circle.join",
    "/groupkit.group.v1.GroupService/InviteToGroup": "group.invite",
    "/groupkit.group.v1.GroupService/InviteImMembers": "group.invite",
    "/groupkit.notice.v1.NoticeService/CreateNotice": "notice.publish",
    "/groupkit.notice.v1.NoticeService/EditImAnnouncement": "notice.publish",
    "/groupkit.file.v1.FileService/UploadImGroupFile": "file.upload",
}
DENIED_MESSAGE = "操作被回调拒绝"
MAX_MESSAGE = 512


@dataclass
class Breaker:
    failures: int = 0
    open_until: float = 0.0
    probing: bool = False


@dataclass
class CallbackSettings:
    breaker_failures: int = 5
    breaker_seconds: float = 30.0
    config_ttl_seconds: float = 2.0


@dataclass
class Veto:
    """load(app) → {hook: {url, secret, timeout_ms, failure_policy}}; audit(app, actor, hook,
    policy, why, request_id) writes the fallback's audit entry (its own transaction)."""

    load: Callable[[str], dict]
    audit: Callable[..., None]
    settings: CallbackSettings = field(default_factory=CallbackSettings)

    def __post_init__(self):
        self._lock = threading.Lock()
        self._configs: dict[str, tuple[float, dict]] = {}
        self._breakers: dict[tuple[str, str], Breaker] = {}

    def forget(self, app: str) -> None:
        """The app's callbacks changed (in this process): read them again at the next call."""
        with self._lock:
            self._configs.pop(app, None)

    def _config(self, app: str) -> dict:
        now = time.monotonic()
        with self._lock:
            cached = self._configs.get(app)
        if cached is not None and cached[0] > now:
            return cached[1]
        config = self.load(app)
        with self._lock:
            self._configs[app] = (now + self.settings.config_ttl_seconds, config)
        return config

    def check(self, method: str, principal, describe: Callable[[], dict], request_id: str = "") -> None:
        """Raises errors.CallbackDenied when the method's hook refuses (or fails under deny).
        describe() gives the request as the callback sees it (called only for a hooked method)."""
        hook = HOOK_OF_METHOD.get(method)
        if hook is None or principal is None:
            return
        config = self._config(principal.app).get(hook)
        if config is None:
            return
        key = (principal.app, hook, config["url"])
        if not self._may_call(key):
            return self._fallback(principal, hook, config, "circuit breaker open", request_id)
        body = json.dumps({
            "type": f"before.{hook}",
            "timestamp": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            "data": {
                "hook": hook, "app": principal.app, "method": method,
                "actor": {"user_id": principal.user_id, "admin": bool(principal.is_app_admin)},
                "request": describe(),
            },
        }, ensure_ascii=False, separators=(",", ":")).encode()
        msg_id = "cb_" + rules.ulid(int(time.time() * 1000), _secrets.randbits(80))
        answer = http.post(config["url"], [config["secret"]], msg_id, body, config["timeout_ms"] / 1000)
        verdict = _verdict(answer)
        if verdict is None:
            self._record(key, ok=False)
            if answer.error:
                why = answer.error
            elif not 200 <= answer.status < 300:
                why = f"HTTP {answer.status}"
            else:
                why = 'the answer is not {"allow": bool}'
            return self._fallback(principal, hook, config, why, request_id)
        self._record(key, ok=True)
        allow, code, message = verdict
        metrics.CALLBACKS.labels(hook, "allowed" if allow else "denied").inc()
        if not allow:
            raise errors.CallbackDenied(message or DENIED_MESSAGE, code=code)

    def _may_call(self, key) -> bool:
        now = time.monotonic()
        with self._lock:
            breaker = self._breakers.setdefault(key, Breaker())
            if breaker.open_until == 0.0:
                return True
            if now < breaker.open_until or breaker.probing:
                return False
            breaker.probing = True  # half open: this one request finds out
            return True

    def _record(self, key, ok: bool) -> None:
        with self._lock:
            breaker = self._breakers.setdefault(key, Breaker())
            breaker.probing = False
            if ok:
                breaker.failures, breaker.open_until = 0, 0.0
                return
            breaker.failures += 1
            if breaker.open_until or breaker.failures >= self.settings.breaker_failures:
                breaker.open_until = time.monotonic() + self.settings.breaker_seconds
                log.warning(json.dumps({"callback_breaker": "open", "app": key[0], "hook": key[1]}))

    def _fallback(self, principal, hook: str, config: dict, why: str, request_id: str) -> None:
        policy = config["failure_policy"]
        metrics.CALLBACKS.labels(hook, f"fallback_{policy}").inc()
        try:
            self.audit(principal, hook, policy, why, request_id)
        except Exception:
            log.exception("could not write the callback.fallback audit entry")
        if policy == "deny":
            raise errors.CallbackDenied("回调不可用，操作被拒绝", code=0)


def _verdict(answer) -> tuple[bool, int, str] | None:
    if not 200 <= answer.status < 300:
        return None
    try:
        data = json.loads(answer.body)
    except ValueError:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("allow"), bool):
        return None
    code = data.get("code")
    message = data.get("message")
    return (
        data["allow"],
        code if isinstance(code, int) and not isinstance(code, bool) else 0,
        message[:MAX_MESSAGE] if isinstance(message, str) else "",
    )
