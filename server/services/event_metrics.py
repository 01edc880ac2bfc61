"""Change-event metrics (issue 18), beside the per-RPC ones of server/api/metrics.py; delivery
metrics are server/delivery/metrics.py's."""

from prometheus_client import Counter, Gauge

EVENTS_WRITTEN = Counter("groupkit_events_written", "Change events written to the outbox, by app", ("app",))
WATCHERS = Gauge("groupkit_event_watchers", "EventService/Watch streams open", multiprocess_mode="livesum")
