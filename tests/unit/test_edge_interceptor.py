"""The interceptor's mapping from outcomes to gRPC codes, HTTP statuses and envelopes.

Driven with a recording context: grpcio-testing's abort drops trailing metadata, which
real grpc keeps (the end-to-end tests see it through Envoy)."""

import json

import grpc
import pytest

from groupkit.circle.v1 import circle_pb2, circle_service_pb2
from groupkit.group.v1 import group_service_pb2, im_pb2
from server.api.edge import EdgeInterceptor, route_options
from server.api.tokens import TokenVerifier, mint
from server.domain import errors

SERVICE = group_service_pb2.DESCRIPTOR.services_by_name["GroupService"]
COMMUNITY_METHOD = SERVICE.methods_by_name["ListUserGroups"]
IM_METHOD = SERVICE.methods_by_name["ListImUserJoinedGroups"]


class Aborted(Exception):
    pass


class RecordingContext:
    def __init__(self, metadata):
        self._metadata = metadata
        self.trailers, self.initial, self.code, self.details = {}, {}, None, None

    def invocation_metadata(self):
        return self._metadata

    def set_trailing_metadata(self, metadata):
        self.trailers = dict(metadata)

    def send_initial_metadata(self, metadata):
        self.initial = dict(metadata)

    def abort(self, code, details):
        self.code, self.details = code, details
        raise Aborted()


def run(tmp_path, method, behaviour, metadata):
    """Calls `behaviour` as the handler of `method`, behind the interceptor."""
    interceptor = EdgeInterceptor(route_options([SERVICE]), TokenVerifier(tmp_path))

    class Details(grpc.HandlerCallDetails):
        def __init__(self):
            self.method = f"/{SERVICE.full_name}/{method.name}"
            self.invocation_metadata = metadata

    handler = interceptor.intercept_service(lambda _: grpc.unary_unary_rpc_method_handler(behaviour), Details())
    context = RecordingContext(metadata)
    try:
        response = handler.unary_unary(object(), context)
    except Aborted:
        response = None
    return response, context.trailers, context.code or grpc.StatusCode.OK, context.details


@pytest.fixture
def token(tmp_path):
    return mint(tmp_path, 5)


def test_success_passes_the_response_through(tmp_path, token):
    reply = im_pb2.ListImUserJoinedGroupsResponse(code=200, data=[1.0])
    response, _, code, _ = run(tmp_path, IM_METHOD, lambda r, c: reply, (("access-token", token),))
    assert code == grpc.StatusCode.OK and response == reply


@pytest.mark.parametrize(
    "error, grpc_code, http_status",
    [
        (errors.InvalidArgument("x"), grpc.StatusCode.INVALID_ARGUMENT, 400),
        (errors.PermissionDenied("x"), grpc.StatusCode.PERMISSION_DENIED, 403),
        (errors.NotFound("x"), grpc.StatusCode.NOT_FOUND, 404),
        (errors.AlreadyExists("x"), grpc.StatusCode.ALREADY_EXISTS, 409),
        (errors.LimitReached("x"), grpc.StatusCode.RESOURCE_EXHAUSTED, 409),
        (errors.RateLimited("x"), grpc.StatusCode.RESOURCE_EXHAUSTED, 429),
    ],
)
def test_domain_errors_become_codes_statuses_and_the_dialects_envelope(tmp_path, token, error, grpc_code, http_status):
    def fail(request, context):
        raise error

    _, trailers, code, details = run(tmp_path, IM_METHOD, fail, (("access-token", token),))
    trailers = dict(trailers)
    assert code == grpc_code and details == "x"
    assert trailers["x-http-code"] == str(http_status)
    assert json.loads(trailers["x-http-body"]) == {"code": http_status, "data": None, "message": "x"}


def test_community_errors_use_the_community_envelope(tmp_path, token):
    def fail(request, context):
        raise errors.NotFound("群不存在")

    _, trailers, _, _ = run(tmp_path, COMMUNITY_METHOD, fail, (("authorization", f"Bearer {token}"),))
    assert json.loads(dict(trailers)["x-http-body"]) == {"msg": "群不存在", "code": 404, "data": None}


def test_unexpected_exceptions_are_a_generic_internal_error(tmp_path, token):
    def crash(request, context):
        raise ZeroDivisionError("SELECT password FROM user")

    _, trailers, code, details = run(tmp_path, IM_METHOD, crash, (("access-token", token),))
    assert code == grpc.StatusCode.INTERNAL and "SELECT" not in details
    assert json.loads(dict(trailers)["x-http-body"])["message"] == "服务器内部错误"


def test_a_missing_token_never_reaches_the_handler(tmp_path):
    called = []
    _, _, code, _ = run(tmp_path, IM_METHOD, lambda r, c: called.append(1), ())
    assert code == grpc.StatusCode.UNAUTHENTICATED and called == []


# Server-streaming RPCs (the circles' lists): the same auth, errors and statuses.

CIRCLES = circle_service_pb2.DESCRIPTOR.services_by_name["CircleService"]


def run_stream(tmp_path, method_name, behaviour, metadata):
    interceptor = EdgeInterceptor(route_options([CIRCLES]), TokenVerifier(tmp_path))

    class Details(grpc.HandlerCallDetails):
        def __init__(self):
            self.method = f"/{CIRCLES.full_name}/{method_name}"
            self.invocation_metadata = metadata

    handler = interceptor.intercept_service(lambda _: grpc.unary_stream_rpc_method_handler(behaviour), Details())
    context = RecordingContext(metadata)
    try:
        items = list(handler.unary_stream(object(), context))
    except Aborted:
        items = None
    return items, context


def test_a_stream_passes_every_item_through_without_a_token_on_a_public_rpc(tmp_path):
    items = [circle_pb2.Circle(id=1), circle_pb2.Circle(id=2)]
    got, context = run_stream(tmp_path, "ListCircles", lambda r, c: iter(items), ())
    assert got == items and context.code is None


def test_a_stream_failing_midway_is_a_clean_circles_error(tmp_path):
    def behaviour(request, context):
        yield circle_pb2.Circle(id=1)
        raise errors.InvalidArgument("latitude 必须是数字", field="latitude")

    got, context = run_stream(tmp_path, "ListNearbyCircles", behaviour, ())
    assert got is None and context.code == grpc.StatusCode.INVALID_ARGUMENT
    assert context.trailers["x-http-code"] == "422"
    assert json.loads(context.trailers["x-http-body"]) == {
        "message": "提交的信息验证错误", "errors": {"latitude": ["latitude 必须是数字"]}}


def test_a_stream_needing_a_token_is_401_before_running(tmp_path):
    ran = []
    got, context = run_stream(tmp_path, "ListMyCircles", lambda r, c: ran.append(1) or iter(()), ())
    assert got is None and ran == [] and context.code == grpc.StatusCode.UNAUTHENTICATED
    assert json.loads(context.trailers["x-http-body"]) == {"message": "Unauthenticated."}


def test_a_stream_with_a_success_status_sends_it_only_after_the_list_is_made(tmp_path, token):
    got, context = run_stream(tmp_path, "ListMyCircles", lambda r, c: iter([circle_pb2.Circle(id=3)]),
                              (("authorization", f"Bearer {token}"),))
    assert [c.id for c in got] == [3] and context.initial == {}  # 200: no x-http-code needed
