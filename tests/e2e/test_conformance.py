"""What CONTRACT.md decides at the edge, end to end through Envoy: query parameters a route
does not define are ignored; no valid token is 401 whatever else is wrong; a body must be
strict JSON; Envoy's and the transcoder's own refusals speak the dialect's words and name
the field, never a proto type."""

import shutil
import tempfile
from pathlib import Path

import grpc
import pytest
import requests

from groupkit.group.v1 import group_service_pb2_grpc, im_pb2
from server.api.tokens import edge_jwks, mint
from tests.support.assertions import assert_community_error, assert_im_error
from tests.support.processes import free_port, running_envoy

LEAKS = ("TYPE_", "groupkit.", "Could not", "Jwt", "Payload", "upstream", "Unexpected")


def assert_no_leak(reply) -> None:
    assert not [word for word in LEAKS if word in reply.text], reply.text


class TestUnknownQueryParameters:
    def test_are_ignored_in_both_dialects(self, api):
        user = api.user()
        reply = user.get("/api/groups", params={"type": "group", "_": "1700000000"})
        assert reply.status_code == 200, reply.text
        assert [s["name"] for s in reply.json()["data"]][0] == "置顶社群"
        reply = user.im("GET", "/group/user_joined", params={"t": "1", "page": "x"})
        assert reply.status_code == 200, reply.text

    def test_a_defined_parameter_of_the_wrong_type_is_still_400_naming_it(self, api):
        user = api.user()
        reply = user.im("GET", "/group/info", params={"group_id": "abc", "_": "1"})
        assert_im_error(reply, 400)
        assert reply.json()["message"].startswith("group_id ")
        assert_no_leak(reply)
        reply = user.get("/api/members", params={"group_id": "x"})
        assert_community_error(reply, 400)
        assert reply.json()["msg"].startswith("group_id ")
        assert_no_leak(reply)


class TestAuthenticationComesFirst:
    def test_no_token_is_401_even_with_a_wrong_body_or_parameter(self, api):
        assert_im_error(api.request("POST", "/group/create", json={"name": 5}), 401)
        assert_im_error(api.request("GET", "/group/info", params={"group_id": "abc"}), 401)
        assert_im_error(api.request("POST", "/group/create", data='{"name": "x",}'), 401)
        assert_community_error(api.request("POST", "/api/groups", data='{"type":'), 401)
        assert_community_error(api.request("GET", "/api/members", params={"group_id": "x"}), 401)

    def test_a_bad_or_expired_token_is_401_before_the_body_is_read(self, api):
        user = api.user()
        expired = mint(api.stack.data_dir, user.id, ttl_seconds=-10)
        for token in ("garbage", expired, user.token[:-4] + "AAAA"):
            reply = api.request("POST", "/api/groups", headers={"authorization": f"Bearer {token}"}, data='{"type": 5')
            assert_community_error(reply, 401)
            assert_no_leak(reply)
            reply = api.request("POST", "/group/create", headers={"access-token": token, "app_id": "default"}, json={"name": 5})
            assert_im_error(reply, 401)
        reply = api.request("POST", "/api/groups", headers={"authorization": f"Bearer {expired}"}, json={"type": "group"})
        assert reply.json()["msg"] == "令牌已过期"

    def test_an_im_call_with_another_apps_app_id_is_401_before_its_body(self, api):
        user = api.user()
        reply = api.request("POST", "/group/create", headers={"access-token": user.token, "app_id": "other"}, json={"name": 5})
        assert_im_error(reply, 401)
        reply = api.request("GET", "/group/info", headers={"access-token": user.token}, params={"group_id": "abc"})
        assert_im_error(reply, 401)

    def test_native_grpc_through_envoy_without_a_token_is_unauthenticated(self, stack):
        with grpc.insecure_channel(f"127.0.0.1:{stack.http_port}") as channel:
            with pytest.raises(grpc.RpcError) as caught:
                group_service_pb2_grpc.GroupServiceStub(channel).GetImGroupInfo(im_pb2.GetImGroupInfoRequest(group_id=1), timeout=5)
        assert caught.value.code() == grpc.StatusCode.UNAUTHENTICATED


MALFORMED = [
    '{"name": "x",}', '{"name": "x"} trailing', "{'name': 'x'}", '{name: "x"}', '{"name": "x\\q"}',
    '{"user_list": [1,]}', '{"n": 01}', '{"n": 1.}', '{"n": -}', '{"name": "tab\there"}', '[1,]', '{"a":', "{oops",
]


class TestStrictJson:
    @pytest.mark.parametrize("body", MALFORMED)
    def test_malformed_json_is_400_and_creates_nothing_in_either_dialect(self, api, body):
        user = api.user()
        reply = api.request("POST", "/group/create", headers={**user.im_headers, "content-type": "application/json"}, data=body)
        assert_im_error(reply, 400)
        assert reply.json()["message"] == "请求体不是合法的 JSON"
        community = body.replace('"name"', '"type"')
        reply = api.request("POST", "/api/groups", headers={**user.bearer, "content-type": "application/json"}, data=community)
        assert_community_error(reply, 400)
        assert user.get("/api/user/groups").json()["data"] == []

    def test_strict_json_with_escapes_and_any_content_type_is_taken(self, api):
        user = api.user()
        body = '{"name": "\\u4e2d\\u6587 \\"q\\" \\\\ /", "user_list": [], "type": 0, "ext": "{\\"a\\": [1, 2.5e3, -0.5, true, null]}"}'
        for content_type in ("application/json", "application/x-www-form-urlencoded", "text/plain"):
            reply = api.request("POST", "/group/create", headers={**user.im_headers, "content-type": content_type}, data=body)
            assert reply.status_code == 200, reply.text
            assert reply.json()["data"]["name"] == '中文 "q" \\ /'

    def test_an_empty_body_still_means_no_fields(self, api):
        user = api.user()
        reply = api.request("POST", "/group/create", headers=user.im_headers, data="")
        assert reply.status_code == 200, reply.text


class TestEdgeWords:
    def test_a_wrong_typed_body_field_is_named_in_the_dialects_words(self, api):
        user = api.user()
        reply = user.post("/api/groups", {"type": "group", "members": "1,2,3"})
        assert_community_error(reply, 400)
        assert reply.json()["msg"].startswith("members ") and "整数" in reply.json()["msg"]
        assert_no_leak(reply)
        reply = user.im("POST", "/group/create", {"name": 5})
        assert_im_error(reply, 400)
        assert reply.json()["message"] == "name 的类型不正确，应为字符串"

    def test_a_body_over_the_limit_is_413_in_chinese(self, api):
        user = api.user()
        reply = user.post("/api/groups", {"type": "group", "describe": "x" * (9 * 1024 * 1024)})
        assert_community_error(reply, 413)
        assert reply.json()["msg"] == "请求体过大"
        reply = user.im("POST", "/group/create", {"name": "x" * (9 * 1024 * 1024)})
        assert_im_error(reply, 413)
        assert_no_leak(reply)

    @pytest.mark.parametrize("path", ["/api/no/such", "/group/no_such", "/nothing/at/all"])
    def test_unknown_paths_say_so_in_chinese(self, api, path):
        reply = api.request("GET", path)
        assert reply.status_code == 404
        assert "接口不存在" in reply.text
        assert_no_leak(reply)


@pytest.fixture(scope="module")
def edge_without_servers():
    """Envoy alone, its upstream port closed: every call finds no server."""
    work = Path(tempfile.mkdtemp(prefix="groupkit-no-upstream-"))
    with running_envoy(work, grpc_port=free_port(), jwks=edge_jwks(work)) as base:
        yield base, mint(work, 5)
    shutil.rmtree(work, ignore_errors=True)


def test_no_server_is_503_in_the_dialects_envelope(edge_without_servers):
    base, token = edge_without_servers
    reply = requests.get(f"{base}/api/user/groups", headers={"authorization": f"Bearer {token}"}, timeout=10)
    assert_community_error(reply, 503)
    assert reply.json()["msg"] == "服务暂不可用，请稍后再试"
    reply = requests.get(f"{base}/group/user_joined", headers={"access-token": token, "app_id": "default"}, timeout=10)
    assert_im_error(reply, 503)
    assert_no_leak(reply)
