"""The edge's status mechanism, end to end through Envoy and the Lua shim: success
statuses an RPC declares (201, 204 with an empty body, over HTTP/1.1 and h2c), the
Laravel error envelopes, and a generic 500 that never shows the exception.

No endpoint built so far answers 201 or 204, so a test-only service declares them; it
runs behind the project's own interceptor, Envoy template and Lua file."""

import importlib
import shutil
import subprocess
import sys
import tempfile
from concurrent import futures
from pathlib import Path

import grpc
import pytest
import requests
from grpc_health.v1 import health, health_pb2_grpc
from grpc_tools import protoc

from server.api.edge import EdgeInterceptor, route_options
from server.api.tokens import TokenVerifier, edge_jwks
from server.domain import errors
from tests.support.processes import ROOT, running_envoy


def _compile(out: Path):
    args = [
        "grpc_tools.protoc", f"-I{ROOT / 'tests' / 'protos'}", f"-I{ROOT / 'protos'}",
        f"--python_out={out}", f"--grpc_python_out={out}", "--include_imports",
        f"--descriptor_set_out={out / 'edgecheck.pb'}", "edgecheck/v1/edgecheck_service.proto",
    ]
    include = Path(protoc.__file__).parent / "_proto"
    assert protoc.main([*args, f"-I{include}"]) == 0
    sys.path.insert(0, str(out))
    return (
        importlib.import_module("edgecheck.v1.edgecheck_service_pb2"),
        importlib.import_module("edgecheck.v1.edgecheck_service_pb2_grpc"),
    )


@pytest.fixture(scope="module")
def edge():
    work = Path(tempfile.mkdtemp(prefix="groupkit-edgecheck-"))
    pb, pb_grpc = _compile(work)

    class Servicer(pb_grpc.EdgeCheckServiceServicer):
        def CreateThing(self, request, context):
            if not request.name:
                raise errors.InvalidArgument("name 不能为空", field="name")
            if request.name == "missing":
                raise errors.NotFound("没有这个东西")
            if request.name.startswith("say:"):  # an error whose words are the caller's
                raise errors.PermissionDenied(request.name[4:])
            if request.name == "crash":
                raise RuntimeError("SELECT secret FROM table -- must never reach a client")
            return pb.CreateThingResponse(id=7, name=request.name)

        def DeleteThing(self, request, context):
            return pb.DeleteThingResponse()

    service = pb.DESCRIPTOR.services_by_name["EdgeCheckService"]
    server = grpc.server(
        futures.ThreadPoolExecutor(max_workers=4),
        interceptors=[EdgeInterceptor(route_options([service]), TokenVerifier(work))],
    )
    pb_grpc.add_EdgeCheckServiceServicer_to_server(Servicer(), server)
    # Envoy health-checks its servers and, with no panic mode, routes nothing to one that fails.
    health_pb2_grpc.add_HealthServicer_to_server(health.HealthServicer(), server)
    grpc_port = server.add_insecure_port("127.0.0.1:0")
    server.start()
    with running_envoy(
        work, grpc_port=grpc_port, descriptor=work / "edgecheck.pb", services=[service.full_name], jwks=edge_jwks(work)
    ) as base:
        yield base
    server.stop(0)
    shutil.rmtree(work, ignore_errors=True)


def test_an_rpc_declaring_201_answers_201_with_its_body(edge):
    reply = requests.post(f"{edge}/api/v2/plus-group/edgecheck/things", json={"name": "圈子"})
    assert reply.status_code == 201
    assert reply.json() == {"id": 7, "name": "圈子"}
    assert reply.headers["content-type"] == "application/json"


def test_an_rpc_declaring_204_answers_204_with_no_body(edge):
    reply = requests.delete(f"{edge}/api/v2/plus-group/edgecheck/things/3")
    assert reply.status_code == 204
    assert reply.content == b""


@pytest.mark.skipif(shutil.which("curl") is None, reason="curl is needed for an h2c client")
def test_204_over_http2_has_no_body_and_no_grpc_trailers(edge):
    result = subprocess.run(
        ["curl", "-s", "-i", "--http2-prior-knowledge", "-X", "DELETE", f"{edge}/api/v2/plus-group/edgecheck/things/3"],
        capture_output=True, text=True, timeout=30,
    )
    assert result.returncode == 0, result.stderr
    head, _, body = result.stdout.partition("\r\n\r\n")
    assert head.startswith("HTTP/2 204")
    assert "grpc-" not in result.stdout and body == ""


def test_an_error_after_a_declared_201_is_not_a_201(edge):
    reply = requests.post(f"{edge}/api/v2/plus-group/edgecheck/things", json={"name": "missing"})
    assert reply.status_code == 404
    assert reply.json() == {"message": "内容不存在"}


def test_invalid_input_answers_the_laravel_422(edge):
    reply = requests.post(f"{edge}/api/v2/plus-group/edgecheck/things", json={"name": ""})
    assert reply.status_code == 422
    assert reply.json() == {"message": "提交的信息验证错误", "errors": {"name": ["name 不能为空"]}}


def test_the_servers_error_words_arrive_as_utf8_like_the_transcoders_bodies(edge):
    """The envelope crosses the gRPC boundary in an ASCII header (JSON with \\u escapes);
    edge.lua writes it back as UTF-8. What must stay escaped stays: quotes, controls, JavaScript's
    line separators, a non-BMP character's surrogate pair, and an escaped backslash before "u"."""
    words = '群不存在 圈子 é "引号" \\u4e2d \t 😀 \u2028 end'
    reply = requests.post(f"{edge}/api/v2/plus-group/edgecheck/things", json={"name": "say:" + words})
    assert reply.status_code == 403
    assert reply.json() == {"message": words}
    assert "群不存在 圈子 é".encode() in reply.content
    for kept in (rb'\"' + "引号".encode() + rb'\"', rb"\\u4e2d", rb"\t", rb"\ud83d\ude00", rb"\u2028"):
        assert kept in reply.content, (kept, reply.content)
    assert reply.headers["content-length"] == str(len(reply.content))


def test_an_unexpected_exception_is_a_generic_500(edge):
    reply = requests.post(f"{edge}/api/v2/plus-group/edgecheck/things", json={"name": "crash"})
    assert reply.status_code == 500
    assert reply.json() == {"message": "服务器内部错误"}
    assert "SELECT" not in reply.text and "Traceback" not in reply.text


def test_a_wrong_typed_field_is_the_laravel_422_naming_it(edge):
    reply = requests.post(f"{edge}/api/v2/plus-group/edgecheck/things", json={"name": 5})
    assert reply.status_code == 422
    assert reply.json() == {"message": "提交的信息验证错误", "errors": {"name": ["name 的类型不正确，应为字符串"]}}


def test_malformed_json_on_a_circles_route_is_400(edge):
    reply = requests.post(f"{edge}/api/v2/plus-group/edgecheck/things", data='{"name": "x",}')
    assert reply.status_code == 400
    assert reply.json() == {"message": "请求体不是合法的 JSON"}


def test_a_public_route_takes_no_token_but_refuses_a_bad_one(edge):
    assert requests.post(f"{edge}/api/v2/plus-group/edgecheck/things", json={"name": "x"}).status_code == 201
    reply = requests.post(f"{edge}/api/v2/plus-group/edgecheck/things", json={"name": 5}, headers={"authorization": "Bearer bad"})
    assert reply.status_code == 401
    assert reply.json() == {"message": "Unauthenticated."}
