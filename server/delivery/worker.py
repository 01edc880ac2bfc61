"""The webhook worker: one thread per server process, plus a small pool that sends.

Each round it (1) fans new events out into delivery rows, endpoint by endpoint, (2) claims
due deliveries with a lease (FOR UPDATE SKIP LOCKED on PostgreSQL), at most
WEBHOOK_ENDPOINT_CONCURRENCY in flight per endpoint across every process, and (3) sends
each with the same webhook-id (the event's id) and body on every attempt, recording the
outcome. A process killed between commit and delivery loses nothing: the event is in the
outbox, the delivery row in the database, and a lease that runs out is claimed again."""

import logging
import random
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import suppress
from dataclasses import dataclass

import peewee as pw

from server.delivery import http, metrics
from server.domain import webhooks as rules
from server.storage import webhook_queries as queries
from server.storage.db import is_sqlite

log = logging.getLogger("groupkit.webhooks")
MIN_ROUND_SECONDS = 0.02


@dataclass(frozen=True)
class WorkerSettings:
    poll_seconds: float = 1.0
    timeout_seconds: float = 15.0
    endpoint_concurrency: int = 4
    senders: int = 8
    schedule: tuple = rules.RETRY_SCHEDULE
    disable_after_seconds: float = rules.DISABLE_AFTER_SECONDS
    batch: int = 200


def _events_after(app, after_seq, limit, types=None):
    from server.storage.event_queries import events_after  # the outbox's reader

    return events_after(app, after_seq, limit, types=types)


class Worker:
    def __init__(self, db, settings: WorkerSettings):
        self.db = db
        self.settings = settings
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._pool = ThreadPoolExecutor(max_workers=settings.senders, thread_name_prefix="webhook-send")
        self._busy = 0
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._run, name="webhook-worker", daemon=True)
        self._gauge_at = 0.0
        # Nothing to deliver (no enabled endpoint, no pending delivery): rounds are skipped until
        # then, so a stream of writes with no webhook configured costs no query per commit.
        self._idle_until = 0.0
        self._seen_changes = queries.endpoint_changes

    def start(self) -> "Worker":
        self._thread.start()
        return self

    def wake(self) -> None:
        self._wake.set()

    def follow(self, hub) -> "Worker":
        """Wakes up whenever the event hub sees new events (a commit here, a NOTIFY or a
        data_version change from another process), so the poll is only the fallback."""

        def bridge():
            while not self._stop.is_set():
                generation = hub.generation()
                hub.wait(generation, 5.0)
                if hub.generation() != generation:
                    self._wake.set()
                    self._stop.wait(MIN_ROUND_SECONDS)  # a stream of commits wakes it once per round, not per commit

        threading.Thread(target=bridge, name="webhook-wake", daemon=True).start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()
        self._thread.join(5)
        self._pool.shutdown(wait=False, cancel_futures=True)

    def _tx(self):
        return self.db.atomic("IMMEDIATE") if is_sqlite(self.db) else self.db.atomic()

    def _run(self) -> None:
        while not self._stop.is_set():
            busy, started = False, time.monotonic()
            try:
                self.db.connect(reuse_if_open=True)  # the thread keeps its connection between rounds
                busy = self.round()
            except pw.DatabaseError as exc:  # the database restarted, a connection dropped: next round
                log.warning("webhook round failed: %s", " ".join(str(exc).split())[:300])
                with suppress(Exception):
                    self.db.close()
            except Exception:
                log.exception("webhook round failed")
            if not busy:
                self._wake.wait(self.settings.poll_seconds)
                self._wake.clear()
            # Commits wake it; under a stream of writes at most one round per MIN_ROUND_SECONDS.
            self._stop.wait(max(0.0, MIN_ROUND_SECONDS - (time.monotonic() - started)))

    def round(self) -> bool:
        """One round; True when it found work (the next one starts at once)."""
        if time.monotonic() < self._idle_until and queries.endpoint_changes == self._seen_changes:
            return False
        self._seen_changes = queries.endpoint_changes
        if not queries.any_work():
            self._idle_until = time.monotonic() + self.settings.poll_seconds
            metrics.OLDEST_UNDELIVERED.set(0)
            return False
        self._idle_until = 0.0
        now = int(time.time() * 1000)
        made = 0
        for endpoint_id in queries.endpoints_behind():  # reads first: a write transaction only with work
            with self._tx():
                made += queries.fan_out(endpoint_id, _events_after, now, self.settings.batch)
        with self._lock:
            free = self.settings.senders - self._busy
        claimed = []
        due = queries.endpoints_due(int(time.time() * 1000)) if free > 0 else []
        if due:
            lease_ms = int((self.settings.timeout_seconds + 2) * 1000)
            with self._tx():
                claimed = queries.claim(due, int(time.time() * 1000), lease_ms, self.settings.endpoint_concurrency,
                                        free)
            with self._lock:
                self._busy += len(claimed)
            for delivery in claimed:
                self._pool.submit(self._send, delivery)
        if time.monotonic() - self._gauge_at > 2:
            self._gauge_at = time.monotonic()
            metrics.OLDEST_UNDELIVERED.set(queries.oldest_undelivered(int(time.time() * 1000)))
        return bool(made or claimed)

    def _send(self, delivery: queries.Claimed) -> None:
        try:
            answer = http.post(delivery.url, delivery.secrets, delivery.event_id, delivery.payload.encode(),
                               self.settings.timeout_seconds)
            if 200 <= answer.status < 300:
                outcome, next_at = "delivered", 0
            elif answer.status == 410:
                outcome, next_at = "gone", 0
            else:
                delay = rules.retry_delay(delivery.attempt, self.settings.schedule, answer.retry_after, random.random)
                outcome = "failed" if delay is None else "retry"
                next_at = int(time.time() * 1000 + (delay or 0) * 1000)
            error = answer.error or ("" if answer.status < 400 else answer.body[:200].decode("utf-8", "replace"))
            with self.db.connection_context(), self._tx():
                recorded = queries.finish(delivery, int(time.time() * 1000), answer.status, error,
                                          answer.duration_ms, outcome, next_at,
                                          int(self.settings.disable_after_seconds * 1000))
            metrics.DELIVERIES.labels(recorded).inc()
        except pw.DatabaseError as exc:  # not recorded: the lease runs out and it is sent again
            log.warning("webhook delivery %s not recorded: %s", delivery.id, " ".join(str(exc).split())[:300])
        except Exception:
            log.exception("webhook delivery %s failed", delivery.id)
        finally:
            with self._lock:
                self._busy -= 1
            self._wake.set()
