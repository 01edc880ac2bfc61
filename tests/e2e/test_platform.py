"""The platform under every endpoint: auth, tenancy, the edge's error envelopes, gRPC
health and reflection, and Envoy's config."""

import subprocess
import sys
import time
from pathlib import Path

import grpc
import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from google.rpc import error_details_pb2, status_pb2
from grpc_health.v1 import health_pb2, health_pb2_grpc
from grpc_reflection.v1alpha import reflection_pb2, reflection_pb2_grpc

from groupkit.group.v1 import group_service_pb2_grpc, im_pb2
from groupkit.internal.v1 import user_admin_service_pb2, user_admin_service_pb2_grpc
from server.api.tokens import edge_jwks
from server.cli.envoy_config import render
from tests.support.documented import COMMUNITY_ERROR, IM_ERROR
from tests.support.shapes import assert_shape

ENVOY = Path(sys.executable).parent / "envoy"


def _forged_token(user_id: int) -> str:
    other_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return jwt.encode({"sub": str(user_id), "app": "default"}, other_key, algorithm="RS256", headers={"kid": "local"})


class TestTokens:
    def test_community_call_without_token_is_401_in_community_envelope(self, api):
        reply = api.request("GET", "/api/user/groups")
        assert reply.status_code == 401
        assert_shape(reply.json(), COMMUNITY_ERROR)
        assert reply.json()["code"] == 401

    def test_im_call_without_token_is_401_in_im_envelope(self, api):
        reply = api.request("GET", "/group/user_joined", headers={"app_id": "default"})
        assert reply.status_code == 401
        assert_shape(reply.json(), IM_ERROR)
        assert reply.json()["code"] == 401

    def test_forged_token_is_refused(self, api):
        reply = api.request("GET", "/api/user/groups", headers={"authorization": f"Bearer {_forged_token(5)}"})
        assert reply.status_code == 401
        assert reply.json()["msg"] == "令牌无效"

    def test_expired_token_is_refused(self, api):
        token = api.token(5, ttl=-10)
        reply = api.request("GET", "/api/user/groups", headers={"authorization": f"Bearer {token}"})
        assert reply.status_code == 401
        assert reply.json()["msg"] == "令牌已过期"

    def test_garbage_token_is_refused(self, api):
        reply = api.request("GET", "/group/user_joined", headers={"access-token": "not.a.jwt", "app_id": "default"})
        assert reply.status_code == 401
        assert_shape(reply.json(), IM_ERROR)

    def test_profile_claims_are_kept_on_the_user(self, api):
        owner = api.user(name="Z63482")
        group = api.community_group(owner)
        detail = owner.get(f"/api/groups/{api.groupid_of(owner, group['id'])}").json()["data"]
        assert detail["owner"] == {"id": owner.id, "name": "Z63482", "avatar": None}


class TestTenancy:
    def test_im_call_needs_the_tokens_app_id(self, api):
        user = api.user(app="acme")
        assert user.im("GET", "/group/user_joined").status_code == 200
        wrong = user.im("GET", "/group/user_joined", headers={"app_id": "default"})
        assert wrong.status_code == 401
        assert wrong.json()["message"] == "app_id 与令牌不符"
        missing = api.request("GET", "/group/user_joined", headers={"access-token": user.token})
        assert missing.status_code == 401

    def test_another_apps_group_is_404_in_both_dialects(self, api):
        owner = api.user(app="acme")
        group = api.im_group(owner)
        stranger = api.user(app="other")
        reply = stranger.im("GET", "/group/info", params={"group_id": int(group["group_id"])})
        assert reply.status_code == 404
        assert_shape(reply.json(), IM_ERROR)
        reply = stranger.get(f"/api/groups/{int(group['group_id'])}")
        assert reply.status_code == 404
        assert_shape(reply.json(), COMMUNITY_ERROR)


class TestImpersonation:
    def test_admin_token_acts_as_another_user(self, api):
        owner = api.user()
        group = api.im_group(owner)
        admin = api.user(admin=True)
        joined = admin.im("GET", "/group/user_joined", headers={"user_id": str(owner.id)})
        assert joined.status_code == 200
        assert int(group["group_id"]) in joined.json()["data"]

    def test_admin_token_acts_as_a_groups_administrator(self, api):
        owner, member = api.user(), api.user()
        group = api.im_group(owner, [member])
        admin = api.user(admin=True)
        body = {"group_id": int(group["group_id"]), "value": "由管理员改名"}
        assert admin.im("PUT", "/group/info/name", body).status_code == 403
        renamed = admin.im("PUT", "/group/info/name", body, headers={"group_id": str(int(group["group_id"]))})
        assert renamed.status_code == 200, renamed.text
        info = owner.im("GET", "/group/info", params={"group_id": int(group["group_id"])}).json()["data"]
        assert info["name"] == "由管理员改名"

    def test_plain_token_may_not_use_impersonation_headers(self, api):
        user, victim = api.user(), api.user()
        reply = user.im("GET", "/group/user_joined", headers={"user_id": str(victim.id)})
        assert reply.status_code == 403
        assert_shape(reply.json(), IM_ERROR)
        reply = user.im("GET", "/group/user_joined", headers={"group_id": "12345678901234"})
        assert reply.status_code == 403


class TestEdgeReplies:
    @pytest.mark.parametrize(
        "path, envelope",
        [("/api/no/such/thing", COMMUNITY_ERROR), ("/group/no_such_thing", IM_ERROR), ("/group/manage/x/y", COMMUNITY_ERROR)],
    )
    def test_unknown_path_is_json_404_in_the_dialects_envelope(self, api, path, envelope):
        reply = api.request("GET", path)
        assert reply.status_code == 404
        assert reply.headers["content-type"].startswith("application/json")
        assert_shape(reply.json(), envelope)

    def test_unknown_path_outside_the_dialects_is_json_404(self, api):
        reply = api.request("GET", "/nothing/here")
        assert reply.status_code == 404
        assert reply.json() == {"message": reply.json()["message"]}


    def test_unbound_method_is_405_with_allow(self, api):  # issue 17 (it was 404)
        reply = api.request("PATCH", "/group/info/name", json={})
        assert reply.status_code == 405 and reply.headers["allow"] == "POST, PUT"
        assert_shape(reply.json(), IM_ERROR)

    def test_malformed_json_is_400_not_500(self, api):
        user = api.user()
        reply = api.request("POST", "/api/groups", headers={**user.bearer, "content-type": "application/json"}, data='{"type":')
        assert reply.status_code == 400
        assert_shape(reply.json(), COMMUNITY_ERROR)
        reply = api.request("POST", "/group/create", headers={**user.im_headers}, data="{oops")
        assert reply.status_code == 400
        assert_shape(reply.json(), IM_ERROR)

    def test_wrong_json_type_is_400(self, api):
        user = api.user()
        reply = user.post("/api/groups", {"type": "group", "members": "1,2,3"})
        assert reply.status_code == 400
        assert_shape(reply.json(), COMMUNITY_ERROR)
        reply = user.im("GET", "/group/info", params={"group_id": "abc"})
        assert reply.status_code == 400
        assert_shape(reply.json(), IM_ERROR)

    def test_no_grpc_headers_reach_rest_clients(self, api):
        reply = api.request("GET", "/api/user/groups")
        assert not [h for h in reply.headers if h.lower().startswith(("grpc-", "x-http-"))]

    def test_oversized_body_is_413(self, api):
        user = api.user()
        reply = user.post("/api/groups", {"type": "group", "describe": "x" * (9 * 1024 * 1024)})
        assert reply.status_code == 413
        assert_shape(reply.json(), COMMUNITY_ERROR)


class TestGrpc:
    def test_health_and_reflection_directly_and_through_envoy(self, stack):
        for target in (f"127.0.0.1:{stack.grpc_port}", f"127.0.0.1:{stack.http_port}"):
            with grpc.insecure_channel(target) as channel:
                status = health_pb2_grpc.HealthStub(channel).Check(health_pb2.HealthCheckRequest(), timeout=5).status
                assert status == health_pb2.HealthCheckResponse.SERVING
                stub = reflection_pb2_grpc.ServerReflectionStub(channel)
                replies = stub.ServerReflectionInfo(iter([reflection_pb2.ServerReflectionRequest(list_services="")]), timeout=5)
                names = {s.name for r in replies for s in r.list_services_response.service}
                assert {"groupkit.group.v1.GroupService", "grpc.health.v1.Health"} <= names

    def test_native_callers_get_real_status_codes_with_error_info(self, api, stack):
        user = api.user()
        with grpc.insecure_channel(f"127.0.0.1:{stack.grpc_port}") as channel:
            stub = group_service_pb2_grpc.GroupServiceStub(channel)
            with pytest.raises(grpc.RpcError) as caught:
                stub.GetImGroupInfo(im_pb2.GetImGroupInfoRequest(group_id=99_999_999_999_999),
                                    metadata=[("authorization", f"Bearer {user.token}")], timeout=5)
            assert caught.value.code() == grpc.StatusCode.NOT_FOUND
            trailers = dict(caught.value.trailing_metadata())
            status = status_pb2.Status.FromString(trailers["grpc-status-details-bin"])
            info = error_details_pb2.ErrorInfo()
            status.details[0].Unpack(info)
            assert (info.reason, info.domain) == ("ERROR_REASON_NOT_FOUND", "groupkit")
            with pytest.raises(grpc.RpcError) as caught:
                stub.ListImUserJoinedGroups(im_pb2.ListImUserJoinedGroupsRequest(), timeout=5)
            assert caught.value.code() == grpc.StatusCode.UNAUTHENTICATED

    def test_grpc_callers_use_the_same_rpcs(self, api, stack):
        owner = api.user()
        group = api.im_group(owner)
        with grpc.insecure_channel(f"127.0.0.1:{stack.http_port}") as channel:  # through Envoy, native gRPC
            reply = group_service_pb2_grpc.GroupServiceStub(channel).GetImGroupInfo(
                im_pb2.GetImGroupInfoRequest(group_id=int(group["group_id"])),
                metadata=[("authorization", f"Bearer {owner.token}")], timeout=5,
            )
        assert reply.code == 200 and reply.data.owner_id == owner.id

    def test_internal_upsert_user_needs_an_admin_token_and_no_rest_route(self, api, stack):
        plain, admin = api.user(), api.user(admin=True)
        request = user_admin_service_pb2.UpsertUserRequest(user_id=plain.id + 500_000, name="同步的用户", avatar="a.png")
        with grpc.insecure_channel(f"127.0.0.1:{stack.grpc_port}") as channel:
            stub = user_admin_service_pb2_grpc.UserAdminServiceStub(channel)
            with pytest.raises(grpc.RpcError) as caught:
                stub.UpsertUser(request, metadata=[("authorization", f"Bearer {plain.token}")], timeout=5)
            assert caught.value.code() == grpc.StatusCode.PERMISSION_DENIED
            auth = [("authorization", f"Bearer {admin.token}")]
            assert stub.UpsertUser(request, metadata=auth, timeout=5).created is True
            assert stub.UpsertUser(request, metadata=auth, timeout=5).created is False
        with grpc.insecure_channel(f"127.0.0.1:{stack.http_port}") as channel:  # not forwarded by Envoy
            with pytest.raises(grpc.RpcError) as caught:
                user_admin_service_pb2_grpc.UserAdminServiceStub(channel).UpsertUser(
                    request, metadata=[("authorization", f"Bearer {admin.token}")], timeout=5
                )
            assert caught.value.code() != grpc.StatusCode.OK
        # The synced profile shows where members are listed.
        owner = api.user()
        reply = owner.post("/api/groups", {"type": "group", "members": [request.user_id]})
        assert reply.status_code == 200, reply.text
        members = owner.get("/api/members", params={"group_id": reply.json()["data"]["id"]}).json()["data"]
        synced = next(m for m in members if m["user_id"] == request.user_id)
        assert synced["user"] == {"id": request.user_id, "name": "同步的用户", "avatar": "a.png"}


def test_envoy_config_validates(tmp_path):
    config = tmp_path / "envoy.yaml"
    config.write_text(render(http_port=18080, admin_port=19901, grpc_port=50051, jwks=edge_jwks(tmp_path)))
    result = subprocess.run([str(ENVOY), "--mode", "validate", "-c", str(config)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "OK" in result.stdout


def test_make_token_prints_a_jwt_as_last_line(tmp_path):
    result = subprocess.run(
        ["make", "-s", "token", "USER=5", "NAME=Z63482", "APP=acme", "ADMIN=1"],
        capture_output=True, text=True, env={"DATA_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"},
        cwd=Path(__file__).resolve().parents[2], timeout=120,
    )
    assert result.returncode == 0, result.stderr
    token = result.stdout.strip().splitlines()[-1]
    claims = jwt.decode(token, options={"verify_signature": False})
    assert claims["sub"] == "5" and claims["app"] == "acme" and claims["admin"] is True and claims["name"] == "Z63482"
    assert claims["exp"] > time.time()
