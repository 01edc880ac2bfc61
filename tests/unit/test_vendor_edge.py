"""The edge rules for vendor clients (issue 17), without processes: the Allow table made from
the route table, IM_ERRORS_AS_200 in the server's envelopes, and the setting itself."""

import json
import re

import grpc
import pytest

from server.api.edge import EdgeInterceptor, route_options
from server.api.tokens import TokenVerifier, mint
from server.cli.envoy_config import DESCRIPTOR, PUBLIC_SERVICES, Route, allow_tree, allowed_methods, render, routes
from server.config import Settings
from server.domain import errors
from tests.unit.test_edge_interceptor import IM_METHOD, SERVICE, Aborted, RecordingContext


def allow_of(table, path):
    """The first entry of allowed_methods matching the path (a {x} one segment, {x=**} the rest)."""
    segments = path.strip("/").split("/")
    for template, allow in table:
        if "**" in template:
            head = template[:-1]
            if len(segments) > len(head) and all(t is None or t == s for t, s in zip(head, segments, strict=False)):
                return allow
        elif len(template) == len(segments) and all(t is None or t == s for t, s in zip(template, segments, strict=True)):
            return allow
    return None


def test_every_path_of_the_route_table_has_the_methods_of_every_route_that_matches_it():
    all_routes = routes(DESCRIPTOR, PUBLIC_SERVICES)
    table = allowed_methods(all_routes)
    for route in all_routes:
        path = re.sub(r"\{[^}]+\}", "7", route.template)
        expected = {r.verb for r in all_routes if re.fullmatch(re.sub(r"\{[^}]+\}", "[^/]+", r.template), path)}
        assert set(allow_of(table, path).split(", ")) == expected, path
        assert allow_of(table, path + "/") == allow_of(table, path)  # the transcoder takes a trailing slash
    assert allow_of(table, "/group/no_such") is None
    assert allow_of(table, "/api/groups/conditions") == "GET, PATCH, DELETE"  # the literal and {id}'s
    assert allow_of(table, "/api/v2/plus-group/categories") == "GET"
    assert allow_of(table, "/api/v2/plus-group/categories/x/groups/y") is None


def test_crossing_templates_get_an_entry_for_the_paths_both_match_first():
    table = allowed_methods([
        Route("GET", "/a/lit/{x}", "/p.S/A", False), Route("DELETE", "/a/{y}/end", "/p.S/B", False),
        Route("PUT", "/a/{y}/{z}", "/p.S/C", False),
    ])
    assert allow_of(table, "/a/lit/end") == "GET, PUT, DELETE"
    assert allow_of(table, "/a/lit/other") == "GET, PUT"
    assert allow_of(table, "/a/other/end") == "PUT, DELETE"
    assert allow_of(table, "/a/other/other") == "PUT"


def test_the_tree_edge_lua_walks_holds_each_entry_under_its_segments():
    tree = allow_tree([Route("GET", "/a/{x}", "/p.S/A", False), Route("POST", "/a/b", "/p.S/B", False),
                       Route("GET", "/f/{path=**}", "/p.S/C", False)])
    assert tree == {"a": {"b": {"=": "GET, POST"}, "{}": {"=": "GET"}}, "f": {"{**}": {"=": "GET"}}}


def test_the_setting_is_off_by_default_and_rendered_into_the_edge():
    assert Settings.from_env({}).im_errors_as_200 is False
    assert Settings.from_env({"IM_ERRORS_AS_200": "1"}).im_errors_as_200 is True
    off = render(http_port=1, admin_port=2, grpc_port=3, jwks="{}")
    on = render(http_port=1, admin_port=2, grpc_port=3, jwks="{}", im_errors_as_200=True)
    assert '"im_errors_as_200": false' in off and '"im_errors_as_200": true' in on
    assert "status_code: 503" in off and "status_code: 200" in on  # the overload mapper of /group/


def run(tmp_path, behaviour, metadata, *, on=True):
    """behaviour as the handler of an im method called through Envoy (x-envoy-original-path)."""
    interceptor = EdgeInterceptor(route_options([SERVICE]), TokenVerifier(tmp_path), im_errors_as_200=on)

    class Details(grpc.HandlerCallDetails):
        def __init__(self):
            self.method = f"/{SERVICE.full_name}/{IM_METHOD.name}"
            self.invocation_metadata = metadata

    handler = interceptor.intercept_service(lambda _: grpc.unary_unary_rpc_method_handler(behaviour), Details())
    context = RecordingContext(metadata)
    with pytest.raises(Aborted):
        handler.unary_unary(object(), context)
    return context


def fail_with(error):
    def fail(request, context):
        raise error
    return fail


@pytest.mark.parametrize("on, http_code", [(True, "200"), (False, "403")])
def test_an_im_error_through_envoy_is_http_200_only_with_the_setting(tmp_path, on, http_code):
    metadata = (("access-token", mint(tmp_path, 5)), ("app_id", "default"), ("x-envoy-original-path", "/group/user_joined"))
    context = run(tmp_path, fail_with(errors.PermissionDenied("仅群主或管理员可以操作")), metadata, on=on)
    assert context.code == grpc.StatusCode.PERMISSION_DENIED  # gRPC's own status is unchanged
    assert context.trailers["x-http-code"] == http_code
    assert json.loads(context.trailers["x-http-body"]) == {"code": 403, "data": None, "message": "仅群主或管理员可以操作"}


def test_native_grpc_callers_get_http_statuses_untouched(tmp_path):
    context = run(tmp_path, fail_with(errors.NotFound("群不存在")), (("authorization", f"Bearer {mint(tmp_path, 5)}"),))
    assert context.code == grpc.StatusCode.NOT_FOUND and context.trailers["x-http-code"] == "404"


@pytest.mark.parametrize("token, app_id, code, message", [
    (None, "default", 402, "未登录或缺少令牌"),
    ("not.a.token", "default", 402, "令牌无效"),
    ("expired", "default", 402, "令牌已过期"),
    ("good", "other", 401, "app_id 与令牌不符"),  # the token is good: logging in again would not help
    ("good", None, 401, "缺少请求头 app_id"),
])
def test_the_servers_token_refusals_are_402_and_app_id_ones_401(tmp_path, token, app_id, code, message):
    tokens = {"good": mint(tmp_path, 5), "expired": mint(tmp_path, 5, ttl_seconds=-5)}
    metadata = [("x-envoy-original-path", "/group/user_joined")]
    if token:
        metadata.append(("access-token", tokens.get(token, token)))
    if app_id:
        metadata.append(("app_id", app_id))
    context = run(tmp_path, lambda r, c: None, tuple(metadata))
    assert context.code == grpc.StatusCode.UNAUTHENTICATED
    assert context.trailers["x-http-code"] == "200"
    assert json.loads(context.trailers["x-http-body"]) == {"code": code, "data": None, "message": message}
