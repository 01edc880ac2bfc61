"""Veto callbacks ("before"): asked before the write, signed like webhooks (verified here with
the standardwebhooks library); a refusal is a 403 in the dialect's envelope through Envoy and
PERMISSION_DENIED over gRPC; a timeout follows the hook's failure_policy and writes an audit
entry; a circuit breaker stops an outage from costing a timeout per request. One stack per
database, with a short breaker."""

import time

import grpc
import pytest
from google.rpc import error_details_pb2, status_pb2

from groupkit.group.v1 import group_service_pb2_grpc, im_pb2
from groupkit.internal.v1 import webhook_admin_service_pb2 as pb
from tests.conftest import DATABASES
from tests.support.assertions import assert_community_error, assert_im_error, gid
from tests.support.circles_setup import PNG, CircleAdmin, P, assert_circles_error, create_circle, put
from tests.support.client import Api
from tests.support.processes import running_stack
from tests.support.receiver import Receiver
from tests.support.webhooks_setup import WebhookAdmin, audit_rows

BREAKER_SECONDS = 1.5


@pytest.fixture(scope="module", params=DATABASES)
def api(request):
    env = {"WEBHOOK_ALLOW_PRIVATE": "1", "CALLBACK_BREAKER_FAILURES": "2",
           "CALLBACK_BREAKER_SECONDS": str(BREAKER_SECONDS)}
    with running_stack(request.param, env) as stack:
        yield Api(stack)


@pytest.fixture(scope="module")
def receiver():
    receiver = Receiver().start()
    yield receiver
    receiver.stop()


@pytest.fixture
def admin(api):
    admin = WebhookAdmin(api)
    yield admin
    for hook in ("group.create", "circle.create", "group.join", "circle.join", "group.invite", "notice.publish",
                 "file.upload"):
        try:
            admin.delete_callback(hook)
        except grpc.RpcError as exc:
            assert exc.code() == grpc.StatusCode.NOT_FOUND


_paths = iter(range(10**6))


def hook_path(receiver, admin, hook, answer, **options) -> str:
    """A fresh receiver path answering answer(item), set as hook's callback; returns the path."""
    path = f"/cb/{hook}/{next(_paths)}"
    receiver.answers[path] = answer
    reply = admin.put_callback(hook, receiver.url(path), **options)
    assert reply.secret.startswith("whsec_")
    receiver.secrets[path] = reply.secret
    return path


def refuse(message, code=10101):
    return lambda item: (200, {}, {"allow": False, "code": code, "message": message})


def allow(item):
    return 200, {}, {"allow": True}


def test_a_refusal_is_a_403_in_each_dialect_and_permission_denied_over_grpc(api, receiver, admin):
    owner = api.user()
    path = hook_path(receiver, admin, "group.create", refuse("不允许建群"))
    community = owner.post("/api/groups", {"type": "group", "name": "被拒的群"})
    assert_community_error(community, 403)
    assert community.json()["msg"] == "不允许建群"
    im = owner.im("POST", "/group/create", {"name": "被拒的群"})
    assert_im_error(im, 403)
    assert im.json()["message"] == "不允许建群"
    with grpc.insecure_channel(f"127.0.0.1:{api.stack.grpc_port}") as channel:
        with pytest.raises(grpc.RpcError) as refused:
            group_service_pb2_grpc.GroupServiceStub(channel).CreateImGroup(
                im_pb2.CreateImGroupRequest(name="被拒的群"), metadata=[("authorization", f"Bearer {owner.token}")],
                timeout=10)
    assert refused.value.code() == grpc.StatusCode.PERMISSION_DENIED
    assert refused.value.details() == "不允许建群"
    status = status_pb2.Status.FromString(dict(refused.value.trailing_metadata())["grpc-status-details-bin"])
    info = error_details_pb2.ErrorInfo()
    status.details[0].Unpack(info)
    assert info.reason == "ERROR_REASON_CALLBACK_DENIED" and info.metadata["callback_code"] == "10101"
    assert owner.get("/api/user/groups").json()["data"] == []  # nothing was written

    asked = receiver.at(path)
    assert len(asked) == 3 and all(item.ok for item in asked), [item.verified for item in asked]
    data = asked[0].verified["data"]
    assert asked[0].verified["type"] == "before.group.create"
    assert data["hook"] == "group.create" and data["app"] == "default"
    assert data["actor"]["user_id"] == owner.id
    assert data["method"] == "/groupkit.group.v1.GroupService/CreateGroup"
    assert data["request"]["name"] == "被拒的群"
    assert len({item.headers["webhook-id"] for item in asked}) == 3


def test_an_allowing_callback_lets_the_write_happen(api, receiver, admin):
    owner = api.user()
    path = hook_path(receiver, admin, "group.create", allow)
    assert owner.post("/api/groups", {"type": "group", "name": "放行"}).status_code == 200
    assert len(receiver.at(path)) == 1 and receiver.at(path)[0].ok


def test_every_hook_is_asked_before_its_write(api, receiver, admin):
    owner, other = api.user(), api.user()
    group = gid(api.im_group(owner))
    circles = CircleAdmin(api)
    circle = create_circle(owner, circles.category(), circles.tag())
    paths = {hook: hook_path(receiver, admin, hook, refuse(f"{hook} 被拒"))
             for hook in ("group.join", "group.invite", "notice.publish", "file.upload", "circle.join", "circle.create")}
    assert_im_error(other.im("POST", "/group/apply", {"group_id": group}), 403)
    assert_im_error(owner.im("POST", "/group/invite", {"group_id": group, "user_list": [other.id]}), 403)
    notice = owner.post("/api/group/notices", {"group_id": group, "title": "群规", "content": "禁止广告"})
    assert_community_error(notice, 403)
    assert notice.json()["msg"] == "notice.publish 被拒"
    upload = owner.im("POST", "/group/file/upload", {"group_id": group, "name": "a.pdf", "size": 1,
                                                     "url": "https://files.example.com/a.pdf"})
    assert_im_error(upload, 403)
    assert upload.json()["message"] == "file.upload 被拒"
    joined = put(other, f"{P}/groups/{circle['id']}")
    assert_circles_error(joined, 403, "circle.join 被拒")
    made = owner.post(f"{P}/categories/{circles.category()}/groups",
                      {"name": "新圈", "avatar": "https://img.example.com/a.png", "tags": [{"id": circles.tag()}],
                       "mode": "public"})
    assert_circles_error(made, 403, "circle.create 被拒")
    uploaded = api.request("POST", f"{P}/categories/{circles.category()}/groups", headers=owner.bearer,
                           data={"name": "传图圈", "mode": "public", "tags[0][id]": str(circles.tag())},
                           files={"avatar": ("logo.png", PNG, "image/png")})
    assert_circles_error(uploaded, 403, "circle.create 被拒")
    json_body, multipart = (item.verified["data"]["request"] for item in receiver.at(paths["circle.create"]))
    assert json_body["http_body"]["name"] == "新圈" and json_body["http_body"]["mode"] == "public"
    assert multipart["http_body"]["name"] == "传图圈"
    assert multipart["http_body"]["avatar"] == {"filename": "logo.png", "content_type": "image/png", "size": len(PNG)}
    assert len(owner.im("GET", f"/group/member_list?group_id={group}&limit=50").json()["data"]) == 1


def slow(seconds):
    def answer(item):
        time.sleep(seconds)
        return 200, {}, {"allow": False, "message": "太迟了"}
    return answer


@pytest.mark.parametrize("policy", ["allow", "deny"])
def test_a_timeout_follows_the_failure_policy_and_is_audited(api, receiver, admin, policy):
    owner = api.user()
    before = len(audit_rows(admin, "callback.fallback"))
    path = hook_path(receiver, admin, "group.create", slow(1.0), timeout_ms=200, failure_policy=policy)
    started = time.monotonic()
    reply = owner.post("/api/groups", {"type": "group", "name": "超时"})
    assert time.monotonic() - started < 0.9  # the 200 ms timeout, not the receiver's second
    if policy == "allow":
        assert reply.status_code == 200, reply.text
    else:
        assert_community_error(reply, 403)
        assert reply.json()["msg"] == "回调不可用，操作被拒绝"
    assert len(receiver.wait_for(path)) == 1
    fallbacks = audit_rows(admin, "callback.fallback")
    assert len(fallbacks) == before + 1
    actor, target, reason, changes = fallbacks[-1]
    assert (actor, target, reason) == (f"user:{owner.id}", "callback:group.create", "timeout")
    assert policy in changes


def test_the_breaker_opens_after_failures_and_probes_after_its_pause(api, receiver, admin):
    owner = api.user()
    failing = hook_path(receiver, admin, "group.create", lambda item: (500, {}, {"error": "down"}))
    before = len(audit_rows(admin, "callback.fallback"))
    for _ in range(5):
        assert owner.post("/api/groups", {"type": "group", "name": "熔断"}).status_code == 200
    assert len(receiver.at(failing)) == 2  # then open: three requests never reached the endpoint
    reasons = [row[2] for row in audit_rows(admin, "callback.fallback")[before:]]
    assert reasons == ["HTTP 500", "HTTP 500"] + ["circuit breaker open"] * 3
    time.sleep(BREAKER_SECONDS + 0.2)
    receiver.answers[failing] = refuse("恢复后拒绝")
    assert_community_error(owner.post("/api/groups", {"type": "group", "name": "熔断"}), 403)  # the probe
    assert len(receiver.at(failing)) == 3


def test_callbacks_need_an_admin_token_and_valid_settings(api, receiver, admin):
    user = api.user()
    with pytest.raises(grpc.RpcError) as denied:
        admin.call("ListCallbacks", pb.ListCallbacksRequest(), token=user.token)
    assert denied.value.code() == grpc.StatusCode.PERMISSION_DENIED
    stored = admin.put_callback("group.invite", receiver.url("/defaults")).callback
    assert (stored.timeout_ms, stored.failure_policy) == (2000, "allow")
    assert admin.put_callback("group.invite", receiver.url("/defaults"), timeout_ms=10000).callback.timeout_ms == 10000
    assert [c.hook for c in admin.call("ListCallbacks", pb.ListCallbacksRequest()).callbacks] == ["group.invite"]
    for hook, options in (("group.nope", {}), ("group.create", {"timeout_ms": 10001}),
                          ("group.create", {"failure_policy": "maybe"})):
        with pytest.raises(grpc.RpcError) as invalid:
            admin.put_callback(hook, receiver.url("/x"), **options)
        assert invalid.value.code() == grpc.StatusCode.INVALID_ARGUMENT


def test_the_metrics_count_callbacks_by_hook_and_outcome(api):
    import requests

    text = requests.get(f"http://127.0.0.1:{api.stack.metrics_port}/metrics", timeout=10).text
    for outcome in ("allowed", "denied", "fallback_allow", "fallback_deny"):
        assert f'groupkit_callback_requests_total{{hook="group.create",outcome="{outcome}"}}' in text, outcome
