"""Webhooks end to end, on SQLite and PostgreSQL, with two server processes behind the
supervisor: events of real writes arrive at a local receiver, which verifies each with the
standardwebhooks library; a kill -9 of every server process between the commit and the
delivery's acknowledgement loses nothing and the retry carries the same webhook-id; a failed
attempt is retried with the same id; 410 disables the endpoint; the metrics count it all."""

import os
import signal
import threading
import time

import grpc
import pytest
import requests
from standardwebhooks import Webhook

from groupkit.internal.v1 import webhook_admin_service_pb2 as pb
from tests.conftest import DATABASES
from tests.e2e.test_failover import server_pids
from tests.e2e.test_run import wait_gone
from tests.support.client import Api
from tests.support.processes import ROOT, free_port, running_stack
from tests.support.receiver import Receiver
from tests.support.webhooks_setup import WebhookAdmin, audit_rows

TIMEOUT_SECONDS = 2  # a delivery's lease is its timeout + 2 s
CONCURRENCY = 2


@pytest.fixture(scope="module", params=DATABASES)
def api(request):
    env = {"SERVER_PROCESSES": "2", "WEBHOOK_ALLOW_PRIVATE": "1", "WEBHOOK_POLL_SECONDS": "0.2",
           "WEBHOOK_ENDPOINT_CONCURRENCY": str(CONCURRENCY),
           "WEBHOOK_TIMEOUT_SECONDS": str(TIMEOUT_SECONDS), "WEBHOOK_RETRY_SCHEDULE": "0.2,0.2,0.2,0.2"}
    with running_stack(request.param, env) as stack:
        yield Api(stack)


@pytest.fixture(scope="module")
def receiver():
    receiver = Receiver().start()
    yield receiver
    receiver.stop()


@pytest.fixture(scope="module")
def admin(api):
    return WebhookAdmin(api)


_paths = iter(range(10**6))


def endpoint(admin, receiver, answer=None, types=("group.created",)):
    path = f"/hook/{next(_paths)}"
    if answer is not None:
        receiver.answers[path] = answer
    made = admin.create_endpoint(receiver.url(path), types, description="测试")
    assert made.secret.startswith("whsec_") and made.endpoint.id.startswith("ep_")
    receiver.secrets[path] = made.secret
    return path, made.endpoint.id, made.secret


def test_events_of_writes_arrive_signed_and_verify_with_the_library(api, admin, receiver):
    path, endpoint_id, secret = endpoint(admin, receiver)
    owner = api.user()
    community = api.community_group(owner, name="社群一")
    im = api.im_group(owner, name="群二")
    got = receiver.wait_for(path, 2)
    assert all(item.ok for item in got), [item.verified for item in got]
    bodies = [Webhook(secret).verify(item.body, item.headers) for item in got]
    assert {b["type"] for b in bodies} == {"group.created"}
    names = sorted(b["data"]["data"]["name"] for b in bodies)
    assert names == ["社群一", "群二"]
    group_ids = {b["data"]["group_id"] for b in bodies}
    assert community["id"] in group_ids and len(group_ids) == 2
    assert {b["data"]["data"]["im_group_id"] for b in bodies} >= {int(im["group_id"])}
    assert all(item.headers["webhook-id"] == b["data"]["id"] for item, b in zip(got, bodies, strict=True))
    assert all(b["data"]["actor"] == f"user:{owner.id}" and b["data"]["version"] >= 1 for b in bodies)
    deadline = time.monotonic() + 10
    while {d.status for d in admin.deliveries(endpoint_id)} != {"delivered"}:
        assert time.monotonic() < deadline
        time.sleep(0.1)
    assert len(admin.deliveries(endpoint_id)) == 2


def test_kill_9_between_commit_and_delivery_loses_nothing_and_keeps_the_webhook_id(api, admin, receiver):
    first_seen = []

    def hang_first(item):
        if not first_seen:
            first_seen.append(item)
            time.sleep(TIMEOUT_SECONDS * 3)  # never acknowledged: its process dies meanwhile
        return 200, {}, {}

    path, endpoint_id, secret = endpoint(admin, receiver, hang_first)
    owner = api.user()
    api.im_group(owner, name="崩溃前提交")  # committed: 200
    [first] = receiver.wait_for(path, 1)
    pids = list(server_pids(api.stack).values())
    assert len(pids) == 2
    for pid in pids:
        os.kill(pid, signal.SIGKILL)  # the supervisor starts them again
    assert wait_gone(pids) == []
    got = receiver.wait_for(path, 2, timeout=30)
    assert got[1].ok and got[1].headers["webhook-id"] == first.headers["webhook-id"]
    assert got[1].body == first.body
    assert Webhook(secret).verify(got[1].body, got[1].headers)["data"]["data"]["name"] == "崩溃前提交"
    deadline = time.monotonic() + 10
    while admin.deliveries(endpoint_id)[0].status != "delivered":
        assert time.monotonic() < deadline
        time.sleep(0.1)
    [delivery] = admin.deliveries(endpoint_id)
    assert delivery.event_id == first.headers["webhook-id"]


def test_a_failed_attempt_is_retried_with_the_same_webhook_id(api, admin, receiver):
    answers = iter([(503, {}, {}), (502, {}, {})])
    path, endpoint_id, _ = endpoint(admin, receiver, lambda item: next(answers, (200, {}, {})))
    api.im_group(api.user(), name="重试")
    got = receiver.wait_for(path, 3)
    assert all(item.ok for item in got)
    assert len({item.headers["webhook-id"] for item in got}) == 1
    deadline = time.monotonic() + 10
    while admin.deliveries(endpoint_id)[0].status != "delivered":
        assert time.monotonic() < deadline
        time.sleep(0.1)
    assert [a.status_code for a in admin.deliveries(endpoint_id)[0].attempts] == [503, 502, 200]


def test_410_disables_the_endpoint_until_enabled_again_then_it_catches_up(api, admin, receiver):
    gone = {"yes": True}
    path, endpoint_id, _ = endpoint(admin, receiver, lambda item: (410, {}, {}) if gone["yes"] else (200, {}, {}))
    api.im_group(api.user(), name="已下线")
    receiver.wait_for(path, 1)
    deadline = time.monotonic() + 10
    while admin.endpoint(endpoint_id).enabled:
        assert time.monotonic() < deadline
        time.sleep(0.1)
    assert admin.endpoint(endpoint_id).disabled_reason == "the endpoint answered 410 Gone"
    api.im_group(api.user(), name="下线后")
    time.sleep(1)
    assert len(receiver.at(path)) == 1  # nothing more goes to a disabled endpoint
    gone["yes"] = False
    admin.call("UpdateWebhookEndpoint", pb.UpdateWebhookEndpointRequest(id=endpoint_id, enabled=True))
    [failed] = admin.deliveries(endpoint_id, status="failed")
    admin.call("RedeliverWebhook", pb.RedeliverWebhookRequest(delivery_id=failed.id))
    got = receiver.wait_for(path, 3)  # the redelivery, and the event made while it was disabled
    ids = [item.headers["webhook-id"] for item in got]
    assert ids.count(ids[0]) == 2 and len(set(ids)) == 2
    names = {Webhook(receiver.secrets[path]).verify(item.body, item.headers)["data"]["data"]["name"] for item in got}
    assert names == {"已下线", "下线后"}


def test_concurrency_per_endpoint_is_capped_across_both_processes(api, admin, receiver):
    lock, state = threading.Lock(), {"now": 0, "max": 0}

    def slow(item):
        with lock:
            state["now"] += 1
            state["max"] = max(state["max"], state["now"])
        time.sleep(0.4)
        with lock:
            state["now"] -= 1
        return 200, {}, {}

    path, endpoint_id, _ = endpoint(admin, receiver, slow)
    owner = api.user()
    for i in range(8):
        api.im_group(owner, name=f"并发{i}")
    got = receiver.wait_for(path, 8, timeout=30)
    assert len({item.headers["webhook-id"] for item in got}) == 8
    assert state["max"] == CONCURRENCY


def test_endpoint_admin_is_audited_and_needs_an_admin_token(api, admin, receiver):
    path, endpoint_id, old = endpoint(admin, receiver, types=("group.member.*",))
    rotated = admin.call("RotateWebhookSecret", pb.RotateWebhookSecretRequest(id=endpoint_id))
    assert rotated.secret != old and rotated.previous_valid_until > time.time() * 1000
    updated = admin.call("UpdateWebhookEndpoint", pb.UpdateWebhookEndpointRequest(
        id=endpoint_id, event_types=["group.created"], set_event_types=True))
    assert list(updated.endpoint.event_types) == ["group.created"]
    admin.call("DeleteWebhookEndpoint", pb.DeleteWebhookEndpointRequest(id=endpoint_id))
    targets = [row[1] for row in audit_rows(admin, "webhook.endpoint.created")]
    assert f"webhook:{endpoint_id}" in targets
    for action in ("webhook.secret.rotated", "webhook.endpoint.updated", "webhook.endpoint.deleted"):
        assert audit_rows(admin, action)[-1][1] == f"webhook:{endpoint_id}"
    with pytest.raises(grpc.RpcError) as missing:
        admin.call("RotateWebhookSecret", pb.RotateWebhookSecretRequest(id=endpoint_id))
    assert missing.value.code() == grpc.StatusCode.NOT_FOUND
    with pytest.raises(grpc.RpcError) as denied:
        admin.call("ListWebhookEndpoints", pb.ListWebhookEndpointsRequest(), token=api.user().token)
    assert denied.value.code() == grpc.StatusCode.PERMISSION_DENIED


def test_the_metrics_count_deliveries_by_outcome_and_the_oldest_undelivered(api):
    text = requests.get(f"http://127.0.0.1:{api.stack.metrics_port}/metrics", timeout=10).text
    assert 'groupkit_webhook_deliveries_total{outcome="delivered"}' in text
    assert 'groupkit_webhook_deliveries_total{outcome="retry"}' in text
    assert 'groupkit_webhook_deliveries_total{outcome="gone"}' in text
    assert "groupkit_webhook_oldest_undelivered_seconds" in text


def readme_receiver():
    """The receiver function of the README's webhook example."""
    text = (ROOT / "README.md").read_text()
    section = text[text.index("### Webhooks"):text.index("### Veto callbacks")]
    code = section.split("```python\n", 1)[1].split("```", 1)[0]
    namespace = {}
    exec("\n".join(line for line in code.splitlines() if not line.startswith("receiver(")), namespace)
    return namespace["receiver"]


def test_the_readme_receiver_verifies_and_drops_a_repeated_id(api, admin):
    port = free_port()
    made = admin.create_endpoint(f"http://127.0.0.1:{port}/", ["group.created"])
    handled = []
    server = readme_receiver()(made.secret, handled.append, port)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        api.im_group(api.user(), name="自述")
        deadline = time.monotonic() + 10
        while not [d for d in admin.deliveries(made.endpoint.id) if d.status == "delivered"]:
            assert time.monotonic() < deadline
            time.sleep(0.1)
        [delivery] = admin.deliveries(made.endpoint.id)
        admin.call("RedeliverWebhook", pb.RedeliverWebhookRequest(delivery_id=delivery.id))
        while len(admin.deliveries(made.endpoint.id)[0].attempts) < 2 or \
                admin.deliveries(made.endpoint.id)[0].status != "delivered":
            assert time.monotonic() < deadline
            time.sleep(0.1)
        assert [a.status_code for a in admin.deliveries(made.endpoint.id)[0].attempts] == [204, 204]
        assert [event["data"]["name"] for event in handled] == ["自述"]
        assert handled[0]["id"] == delivery.event_id
    finally:
        server.shutdown()
        server.server_close()
