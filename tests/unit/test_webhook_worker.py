"""The webhook worker against a real SQLite file and a real local receiver that verifies
every request with the standardwebhooks library: rounds run here, one by one. Events are
recorded the way use cases record them (Store.record_event in a unit of work)."""

import threading
import time

import pytest
from standardwebhooks import Webhook

from server.delivery.targets import TARGETS
from server.delivery.worker import Worker, WorkerSettings
from server.domain import errors
from server.domain.model import Principal
from server.services import webhooks
from tests.support.receiver import Receiver

ADMIN = Principal("default", 1, is_app_admin=True)


@pytest.fixture
def receiver():
    receiver = Receiver().start()
    TARGETS.allow_private = True
    yield receiver
    TARGETS.allow_private = False
    receiver.stop()


def endpoint(uow, receiver, path, types=("group.created",)):
    made, secret = webhooks.create_endpoint(uow, ADMIN, receiver.url(path), list(types), "")
    receiver.secrets[path] = secret
    return made["id"], secret


def emit(uow, type_="group.created", group_id=7):
    time.sleep(0.002)  # after the endpoint's creation, to the millisecond
    with uow.write("default") as store:
        store.record_event(type_, target=f"group:{group_id}", group_id=group_id, data={"im_group_id": 1})


def worker(uow, **options):
    settings = {"poll_seconds": 0.01, "timeout_seconds": 1.0, "schedule": (0.05, 0.05, 0.05), **options}
    return Worker(uow.db, WorkerSettings(**settings))


def run_until(worker, done, timeout=10.0):
    deadline = time.monotonic() + timeout
    while not done():
        assert time.monotonic() < deadline, "timed out"
        worker.round()
        time.sleep(0.02)


def deliveries(uow, endpoint_id):
    return webhooks.list_deliveries(uow, ADMIN, endpoint_id, "", 0, 100)


def status(uow, endpoint_id):
    rows = deliveries(uow, endpoint_id)
    return rows[0]["status"] if rows else None


def test_an_event_arrives_signed_with_its_id_as_webhook_id(uow, receiver):
    endpoint_id, secret = endpoint(uow, receiver, "/ok")
    emit(uow)
    emit(uow, "group.member.joined")  # not subscribed
    run_until(worker(uow), lambda: receiver.at("/ok"))
    time.sleep(0.1)
    [got] = receiver.at("/ok")
    assert got.ok, got.verified
    body = Webhook(secret).verify(got.body, got.headers)
    assert body["type"] == "group.created" and body["data"]["type"] == "group.created"
    assert got.headers["webhook-id"] == body["data"]["id"] and body["data"]["id"].startswith("evt_")
    assert body["data"]["group_id"] == 7 and body["data"]["seq"] >= 1
    [row] = deliveries(uow, endpoint_id)
    assert row["status"] == "delivered" and [a["status_code"] for a in row["attempts"]] == [200]


def test_a_failed_attempt_is_retried_with_the_same_id_and_body(uow, receiver):
    answers = iter([(503, {}, {}), (500, {}, {}), (200, {}, {})])
    receiver.answers["/flaky"] = lambda item: next(answers)
    endpoint_id, _ = endpoint(uow, receiver, "/flaky")
    emit(uow)
    run_until(worker(uow), lambda: status(uow, endpoint_id) == "delivered")
    got = receiver.at("/flaky")
    assert len(got) == 3 and all(item.ok for item in got)
    assert len({item.headers["webhook-id"] for item in got}) == 1 and len({item.body for item in got}) == 1
    assert [a["status_code"] for a in deliveries(uow, endpoint_id)[0]["attempts"]] == [503, 500, 200]


def test_retry_after_is_honoured(uow, receiver):
    answers = iter([(429, {"retry-after": "1"}, {}), (200, {}, {})])
    receiver.answers["/later"] = lambda item: next(answers)
    endpoint_id, _ = endpoint(uow, receiver, "/later")
    emit(uow)
    run_until(worker(uow), lambda: len(receiver.at("/later")) == 2)
    first, second = receiver.at("/later")
    assert second.at - first.at >= 0.95  # not the schedule's 50 ms


def test_410_disables_the_endpoint(uow, receiver):
    receiver.answers["/gone"] = lambda item: (410, {}, {})
    endpoint_id, _ = endpoint(uow, receiver, "/gone")
    emit(uow)
    work = worker(uow)
    run_until(work, lambda: not webhooks.list_endpoints(uow, ADMIN)[0]["enabled"])
    assert webhooks.list_endpoints(uow, ADMIN)[0]["disabled_reason"] == "the endpoint answered 410 Gone"
    emit(uow)
    for _ in range(5):
        work.round()
        time.sleep(0.05)
    assert len(receiver.at("/gone")) == 1
    assert [d["status"] for d in deliveries(uow, endpoint_id)] == ["failed"]


def test_failing_for_the_disable_period_disables_the_endpoint_and_keeps_the_delivery(uow, receiver):
    receiver.answers["/down"] = lambda item: (500, {}, {})
    endpoint_id, _ = endpoint(uow, receiver, "/down")
    emit(uow)
    work = worker(uow, schedule=(0.05,) * 20, disable_after_seconds=0.3)
    run_until(work, lambda: not webhooks.list_endpoints(uow, ADMIN)[0]["enabled"])
    assert webhooks.list_endpoints(uow, ADMIN)[0]["disabled_reason"] == "failing without a success for 3 days"
    [row] = deliveries(uow, endpoint_id)
    assert row["status"] == "pending" and len(row["attempts"]) >= 3
    receiver.answers["/down"] = lambda item: (200, {}, {})
    webhooks.update_endpoint(uow, ADMIN, endpoint_id, {"enabled": True})  # resumes it
    run_until(work, lambda: status(uow, endpoint_id) == "delivered")


def test_after_the_schedule_it_gives_up_and_a_redelivery_keeps_the_id(uow, receiver):
    receiver.answers["/never"] = lambda item: (500, {}, {})
    endpoint_id, _ = endpoint(uow, receiver, "/never")
    emit(uow)
    work = worker(uow, schedule=(0.05,))
    run_until(work, lambda: status(uow, endpoint_id) == "failed")
    assert len(receiver.at("/never")) == 2
    receiver.answers["/never"] = lambda item: (204, {}, b"")
    again = webhooks.redeliver(uow, ADMIN, deliveries(uow, endpoint_id)[0]["id"])
    assert again["status"] == "pending"
    run_until(work, lambda: status(uow, endpoint_id) == "delivered")
    got = receiver.at("/never")
    assert len(got) == 3 and len({item.headers["webhook-id"] for item in got}) == 1
    assert [a["attempt"] for a in deliveries(uow, endpoint_id)[0]["attempts"]] == [1, 2, 3]


def test_a_rotated_secret_signs_beside_the_previous_one(uow, receiver):
    endpoint_id, old = endpoint(uow, receiver, "/rotate")
    new, until = webhooks.rotate_secret(uow, ADMIN, endpoint_id)
    assert new != old and new.startswith("whsec_") and until > time.time() * 1000 + 86_000_000
    emit(uow)
    run_until(worker(uow), lambda: receiver.at("/rotate"))
    [got] = receiver.at("/rotate")
    assert len(got.headers["webhook-signature"].split(" ")) == 2
    Webhook(old).verify(got.body, got.headers)
    Webhook(new).verify(got.body, got.headers)


def test_concurrency_per_endpoint_is_capped(uow, receiver):
    lock, state = threading.Lock(), {"now": 0, "max": 0}

    def slow(item):
        with lock:
            state["now"] += 1
            state["max"] = max(state["max"], state["now"])
        time.sleep(0.3)
        with lock:
            state["now"] -= 1
        return 200, {}, {}

    receiver.answers["/slow"] = slow
    endpoint_id, _ = endpoint(uow, receiver, "/slow")
    for _ in range(6):
        emit(uow)
    run_until(worker(uow, endpoint_concurrency=2, senders=8),
              lambda: all(d["status"] == "delivered" for d in deliveries(uow, endpoint_id)) and len(
                  deliveries(uow, endpoint_id)) == 6)
    assert state["max"] == 2


def test_private_and_loopback_targets_are_refused_unless_allowed(uow):
    for url in ("http://127.0.0.1:9/x", "http://10.1.2.3/x", "http://[::1]/x", "http://169.254.169.254/x",
                "http://localhost/x", "ftp://example.com/x", "not a url"):
        with pytest.raises(errors.InvalidArgument):
            webhooks.create_endpoint(uow, ADMIN, url, [], "")
    with pytest.raises(errors.PermissionDenied):
        webhooks.create_endpoint(uow, Principal("default", 2), "http://93.184.216.34/x", [], "")


def test_an_idle_round_writes_nothing_once_the_cursor_passed_other_types(uow, receiver):
    endpoint(uow, receiver, "/idle")
    emit(uow, "group.member.joined")  # not subscribed: the cursor moves past it anyway
    work = worker(uow)
    work.round()
    from server.storage import webhook_queries

    with uow.read("default"):
        assert webhook_queries.endpoints_behind() == []
        assert webhook_queries.endpoints_due(int(time.time() * 1000)) == []
    assert receiver.at("/idle") == []


def test_the_retry_schedule_is_the_specs_with_jitter():
    from server.domain.webhooks import RETRY_SCHEDULE, retry_delay

    assert RETRY_SCHEDULE == (5, 300, 1800, 7200, 18000, 36000, 50400, 72000, 86400)
    assert retry_delay(1, rand=lambda: 0.0) == pytest.approx(4.5)
    assert retry_delay(1, rand=lambda: 1.0) == pytest.approx(5.5)
    assert retry_delay(9, rand=lambda: 0.5) == 86400
    assert retry_delay(10) is None  # after the tenth attempt: failed
    assert retry_delay(1, retry_after=120, rand=lambda: 0.5) == 120
    assert retry_delay(2, retry_after=1, rand=lambda: 0.5) == 300
    assert retry_delay(1, retry_after=10**9, rand=lambda: 0.5) == 86400


def test_a_request_connects_to_the_checked_address_not_a_new_lookup(receiver):
    from server.delivery.http import _PinnedHTTP

    connection = _PinnedHTTP("pinned.invalid", receiver.port, timeout=5)  # a name that never resolves
    connection.pinned = "127.0.0.1"
    connection.request("POST", "/pinned", body=b"{}", headers={"content-type": "application/json"})
    assert connection.getresponse().status == 200
    connection.close()
    [got] = receiver.at("/pinned")
    assert got.headers["host"] == f"pinned.invalid:{receiver.port}"


def test_with_nothing_to_deliver_rounds_skip_the_database_until_an_endpoint_changes(uow, receiver, monkeypatch):
    from server.storage import webhook_queries

    looked = []
    real_behind = webhook_queries.endpoints_behind
    monkeypatch.setattr(webhook_queries, "endpoints_behind", lambda: looked.append(1) or real_behind())
    idle = worker(uow, poll_seconds=60.0)
    emit(uow)  # events, but no endpoint: nothing to fan out
    assert idle.round() is False and idle.round() is False
    assert looked == []  # no endpoint, no pending delivery: not one fan-out query
    endpoint_id, _ = endpoint(uow, receiver, "/late")  # this process's change: the next round looks at once
    emit(uow)
    run_until(idle, lambda: status(uow, endpoint_id) == "delivered")
    assert looked
