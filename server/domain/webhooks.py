"""Webhook and veto-callback rules: what an endpoint may subscribe to, the retry schedule,
and the settings of a callback. No I/O here."""

import random
import re

from server.domain import errors
from server.domain.events import encode_ulid

# Standard Webhooks' schedule after the first, immediate attempt: 5 s, 5 min, 30 min, 2 h,
# 5 h, 10 h, 14 h, 20 h, 24 h (about 3.1 days in all), each with ±JITTER.
RETRY_SCHEDULE = (5, 300, 1800, 7200, 18000, 36000, 50400, 72000, 86400)
JITTER = 0.1
MAX_RETRY_AFTER = 86400  # a Retry-After is honoured up to a day
DISABLE_AFTER_SECONDS = 3 * 86400  # an endpoint failing this long without a success is disabled
ROTATION_GRACE_SECONDS = 86400  # both secrets sign this long after a rotation

# A dotted type (group.member.joined), a prefix of types (group.member.*), or * (every type).
EVENT_TYPE = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*(\.\*)?$|^\*$")
MAX_EVENT_TYPES = 100
MAX_DESCRIPTION = 256

# Veto hooks: asked before these writes (the edge maps each RPC to its hook).
HOOKS = ("group.create", "circle.create", "group.join", "circle.join", "group.invite", "notice.publish",
         "file.upload")
FAILURE_POLICIES = ("allow", "deny")
DEFAULT_CALLBACK_TIMEOUT_MS = 2000
MAX_CALLBACK_TIMEOUT_MS = 10000


def check_event_types(types) -> list[str]:
    types = list(dict.fromkeys(types))
    if len(types) > MAX_EVENT_TYPES:
        raise errors.InvalidArgument(f"event_types 最多 {MAX_EVENT_TYPES} 个", field="event_types")
    for name in types:
        if len(name) > 64 or not EVENT_TYPE.match(name):
            raise errors.InvalidArgument(f"事件类型无效：{name[:64]}", field="event_types")
    return [] if "*" in types else types


def check_description(text: str) -> str:
    if len(text) > MAX_DESCRIPTION or "\x00" in text:
        raise errors.InvalidArgument(f"description 最多 {MAX_DESCRIPTION} 个字符", field="description")
    return text


def matches(event_types: list[str], event_type: str) -> bool:
    return not event_types or any(
        event_type == name or (name.endswith("*") and event_type.startswith(name[:-1])) for name in event_types
    )


def retry_delay(attempts_made: int, schedule=RETRY_SCHEDULE, retry_after: float | None = None,
                rand=random.random) -> float | None:
    """Seconds until the next attempt after attempts_made failed ones, or None: give up.
    Retry-After (429, 503, any status) is honoured: the wait is at least what it asks."""
    if attempts_made > len(schedule):
        return None
    delay = schedule[attempts_made - 1] * (1 + JITTER * (2 * rand() - 1))
    if retry_after is not None:
        delay = max(delay, min(retry_after, MAX_RETRY_AFTER))
    return delay


def check_callback(hook: str, timeout_ms: int, failure_policy: str) -> tuple[int, str]:
    if hook not in HOOKS:
        raise errors.InvalidArgument(f"hook 必须是 {', '.join(HOOKS)} 之一", field="hook")
    timeout_ms = timeout_ms or DEFAULT_CALLBACK_TIMEOUT_MS
    if not 1 <= timeout_ms <= MAX_CALLBACK_TIMEOUT_MS:
        raise errors.InvalidArgument("timeout_ms 必须在 1–10000 之间", field="timeout_ms")
    failure_policy = failure_policy or "allow"
    if failure_policy not in FAILURE_POLICIES:
        raise errors.InvalidArgument("failure_policy 必须是 allow 或 deny", field="failure_policy")
    return timeout_ms, failure_policy


def ulid(now_ms: int, random_bits: int) -> str:
    """A ULID: 48 bits of milliseconds, then 80 random bits, in Crockford base32 (26 characters)."""
    return encode_ulid(now_ms, random_bits)  # one encoder for event, endpoint and callback ids
