"""Delivery metrics, beside the per-RPC ones (summed over the server processes)."""

from prometheus_client import Counter, Gauge

DELIVERIES = Counter(
    "groupkit_webhook_deliveries", "Webhook delivery attempts by outcome: delivered, retry, failed, gone, disabled",
    ("outcome",),
)
OLDEST_UNDELIVERED = Gauge(
    "groupkit_webhook_oldest_undelivered_seconds", "Age of the oldest pending webhook delivery, in seconds",
    multiprocess_mode="livemax",
)
CALLBACKS = Counter(
    "groupkit_callback_requests", "Veto callbacks by outcome: allowed, denied, fallback_allow, fallback_deny",
    ("hook", "outcome"),
)
