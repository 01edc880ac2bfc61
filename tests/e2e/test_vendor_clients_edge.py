"""The edge for the vendors' own clients (issue 17), end to end through Envoy on both databases,
with what MaxIM's web SDK (floo-web: axios, access-token + app_id) and the ThinkSNS+ H5 client
(axios instance with X-Requested-With, Authorization) send:

- a preflight is answered with every header it asks for (X-Requested-With above all), shown
  with a page on another origin in headless Chromium;
- a wrong method on a known path is 405 with Allow, in the dialect's envelope;
- IM_ERRORS_AS_200=1: every im error, the server's and Envoy's own, is HTTP 200 with the
  envelope, a token refusal 402; the other dialects and the default keep their statuses."""

import http.server
import json
import re
import shutil
import tempfile
import threading
import time
from pathlib import Path

import grpc
import pytest
import requests

from groupkit.group.v1 import group_service_pb2_grpc, im_pb2
from server.api.tokens import edge_jwks, mint
from tests.conftest import DATABASES
from tests.support.browser import rendered_dom, require_chromium
from tests.support.circles_setup import P, create_circle
from tests.support.client import Api
from tests.support.processes import free_port, running_envoy, running_stack
from tests.unit.test_routes import routes as descriptor_routes

METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")
WRONG_METHOD = "不支持该请求方法"
AXIOS_ACCEPT = "application/json, text/plain, */*"


def floo_web(user, **extra) -> dict:
    """The headers floo-web's request.js puts on every call (axios defaults included)."""
    return {"accept": AXIOS_ACCEPT, "app_id": user.app, "access-token": user.token, **extra}


def h5(user=None, **extra) -> dict:
    """The headers of the H5 client's axios instance (src/api/api.js)."""
    headers = {"accept": AXIOS_ACCEPT, "x-requested-with": "XMLHttpRequest", **extra}
    if user is not None:
        headers["authorization"] = f"Bearer {user.token}"
    return headers


def im_group(api, owner, *members) -> int:
    return api.im_group(owner, members)["group_id"]


# ---- 1. CORS: a preflight gets every header it asks for ----

def test_a_preflight_is_allowed_every_header_it_asks_for_and_only_from_an_allowed_origin(api):
    base = api.stack.base_url
    for path, method, asked in [
        (f"{P}/groups/count", "GET", "x-requested-with"),  # the H5 client signed out
        (f"{P}/groups/count", "GET", "authorization,x-requested-with"),  # signed in
        (f"{P}/groups/1", "PUT", "authorization,content-type,x-requested-with"),  # its join
        ("/group/create", "POST", "access-token,app_id,content-type"),  # floo-web
        ("/group/create", "POST", "access-token,app_id,content-type,x-requested-with,x-csrf-token,x-custom-trace"),
    ]:
        reply = requests.options(base + path, timeout=10, headers={
            "origin": "http://localhost:8080", "access-control-request-method": method,
            "access-control-request-headers": asked, "user-agent": "Mozilla/5.0"})
        assert reply.status_code == 200 and reply.content == b"", (path, asked)
        assert reply.headers["access-control-allow-origin"] == "http://localhost:8080"
        allowed = {h.strip().lower() for h in reply.headers["access-control-allow-headers"].split(",")}
        assert set(asked.split(",")) <= allowed, (asked, allowed)
        assert method in reply.headers["access-control-allow-methods"]
    # Only preflights: a plain request (even one carrying the header) gets no allowed headers.
    user = api.user()
    reply = api.request("GET", f"{P}/groups/count",
                        headers={**h5(user), "origin": "http://localhost:8080", "access-control-request-headers": "x-a"})
    assert reply.status_code == 200 and "access-control-allow-headers" not in reply.headers


class _Page(http.server.BaseHTTPRequestHandler):
    page = b""

    def do_GET(self):  # noqa: N802 (the stdlib's name)
        self.send_response(200)
        self.send_header("content-type", "text/html; charset=utf-8")
        self.send_header("content-length", str(len(self.page)))
        self.end_headers()
        self.wfile.write(self.page)

    def log_message(self, *args):
        pass


PAGE = """<!doctype html><html><head><meta charset="utf-8"></head><body><pre id="out">pending</pre><script>
const API = %(api)s, TOKEN = %(token)s, CIRCLE = %(circle)s;
function xhr(method, url, headers, body) {
  return new Promise(resolve => {
    const request = new XMLHttpRequest();
    request.open(method, API + url);
    for (const name in headers) request.setRequestHeader(name, headers[name]);
    request.onload = () => resolve({status: request.status, body: request.responseText});
    request.onerror = () => resolve({status: 0, body: ""});
    request.send(body === undefined ? null : body);
  });
}
(async () => {
  const h5 = {"X-Requested-With": "XMLHttpRequest", "Authorization": "Bearer " + TOKEN};
  const results = {
    count: await xhr("GET", "/api/v2/plus-group/groups/count", h5),
    join: await xhr("PUT", "/api/v2/plus-group/groups/" + CIRCLE,
                    Object.assign({"Content-Type": "application/json;charset=utf-8"}, h5), "{}"),
    mine: await xhr("GET", "/api/v2/plus-group/user-groups?limit=15&offset=0", h5),
    im: await xhr("POST", "/group/create", {"app_id": "default", "access-token": TOKEN,
                  "Content-Type": "application/json;charset=utf-8", "X-Requested-With": "XMLHttpRequest"},
                  JSON.stringify({name: "跨域群", type: 0, avatar: "", description: "", user_list: []})),
  };
  document.getElementById("out").textContent = JSON.stringify(results);
})();
</script></body></html>"""


def test_a_page_on_another_origin_reads_the_answers_of_xhrs_with_x_requested_with_in_headless_chromium(api):
    require_chromium()
    owner, member = api.user(), api.user()
    circle = create_circle(owner, 1, 1)
    _Page.page = (PAGE % {"api": json.dumps(api.stack.base_url), "token": json.dumps(member.token),
                          "circle": circle["id"]}).encode()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", free_port()), _Page)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        dom = rendered_dom(f"http://127.0.0.1:{server.server_address[1]}/")
    finally:
        server.shutdown()
        server.server_close()
    found = re.search(r'<pre id="out">(.*?)</pre>', dom, re.S)
    assert found and found.group(1) != "pending", dom[-2000:]
    results = json.loads(found.group(1).replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">"))
    assert {name: r["status"] for name, r in results.items()} == {"count": 200, "join": 201, "mine": 200, "im": 200}
    assert json.loads(results["join"]["body"]) == {"message": "加入成功"}
    assert circle["id"] in [c["id"] for c in json.loads(results["mine"]["body"])]
    created = json.loads(results["im"]["body"])
    assert created["code"] == 200 and created["data"]["owner_id"] == member.id
    # What the browser said was done, is: the join and the group are in the database.
    joined = owner.get(f"{P}/groups/{circle['id']}/members", params={"type": "member"}).json()
    assert member.id in [m["user_id"] for m in joined]
    info = member.im("GET", "/group/info", params={"group_id": created["data"]["group_id"]})
    assert info.json()["data"]["name"] == "跨域群"


# ---- 12. A wrong method on a known path: 405 with Allow, in the dialect's envelope ----

def _dialect(path: str) -> str:
    if path.startswith("/api/v2/"):
        return "circles"
    if path.startswith("/api/") or path.startswith("/group/manage"):
        return "community"
    return "im"


def _expected_error(path: str, status: int, message: str) -> dict:
    return {"community": {"msg": message, "code": status, "data": None},
            "im": {"code": status, "data": None, "message": message},
            "circles": {"message": message}}[_dialect(path)]


def _allowed(path: str, table) -> set[str]:
    """Every method of every route whose template matches the path (worked out segment by segment)."""
    segments = path.strip("/").split("/")
    found = set()
    for verb, template, _ in table:
        parts = template.strip("/").split("/")
        if len(parts) == len(segments) and all(p.startswith("{") or p == s for p, s in zip(parts, segments, strict=True)):
            found.add(verb)
    return found


def test_every_known_path_answers_a_method_it_does_not_take_with_405_allow_and_the_envelope(api):
    table = [(verb, path, rpc) for verb, path, rpc in descriptor_routes() if path.startswith(("/api/", "/group/"))]
    checked = 0
    for template in sorted({path for _, path, _ in table}):
        path = re.sub(r"\{[^}]+\}", "12", template)
        allowed = _allowed(path, table)
        wrong = [m for m in METHODS if m not in allowed]
        if not wrong:
            continue
        reply = api.request(wrong[0], path)  # no token: a method no route has needs none
        assert reply.status_code == 405, (wrong[0], path, reply.status_code, reply.text)
        assert {m.strip() for m in reply.headers["allow"].split(",")} == allowed, path
        assert reply.headers["content-type"] == "application/json"
        assert reply.json() == _expected_error(path, 405, WRONG_METHOD), path
        checked += 1
    assert checked > 90


def test_the_clients_wrong_methods_are_405_with_their_headers_and_bodies(api):
    user = api.user()
    group = im_group(api, user)
    # floo-web's asyncGetGroupInfo, as a DELETE (a wrong axios method), with its token and body.
    reply = api.request("DELETE", f"/group/info?group_id={group}", headers=floo_web(user))
    assert reply.status_code == 405 and reply.headers["allow"] == "GET"
    assert reply.json() == {"code": 405, "data": None, "message": WRONG_METHOD}
    reply = api.request("GET", "/group/create", headers=floo_web(user))
    assert reply.status_code == 405 and reply.headers["allow"] == "POST"
    # The H5 client's category list, POSTed; and its join, as a DELETE.
    reply = api.request("POST", f"{P}/categories", headers=h5(user, **{"content-type": "application/json;charset=utf-8"}),
                        data=b"{}")
    assert reply.status_code == 405 and reply.headers["allow"] == "GET"
    assert reply.json() == {"message": WRONG_METHOD}
    reply = api.request("DELETE", f"{P}/groups/1", headers=h5(user))
    assert reply.status_code == 405 and reply.headers["allow"] == "GET, POST, PUT, PATCH"
    # Community: PUT on the group list, which takes GET and POST.
    reply = api.request("PUT", "/api/groups", headers={**user.bearer, "content-type": "application/json"}, data=b"{}")
    assert reply.status_code == 405 and reply.headers["allow"] == "GET, POST"
    assert reply.json() == {"msg": WRONG_METHOD, "code": 405, "data": None}
    # Paths nobody knows stay 404, whatever the method; the right method still works.
    for method in ("GET", "POST"):
        assert api.request(method, "/group/no_such", headers=floo_web(user)).status_code == 404
    assert api.request("GET", f"/group/info?group_id={group}", headers=floo_web(user)).json()["code"] == 200


# ---- 4. IM_ERRORS_AS_200=1 ----

@pytest.fixture(scope="module", params=DATABASES)
def maxim(request):
    """A stack with IM_ERRORS_AS_200=1, on each database."""
    with running_stack(request.param, {"IM_ERRORS_AS_200": "1"}) as stack:
        yield Api(stack)


def im_error(reply, code: int, message: str | None = None) -> dict:
    """MaxIM's error style: HTTP 200, the im envelope with the status as its code."""
    assert reply.status_code == 200, (reply.status_code, reply.text)
    assert reply.headers["content-type"] == "application/json"
    body = reply.json()
    assert set(body) == {"code", "data", "message"} and body["code"] == code and body["data"] is None, body
    assert isinstance(body["message"], str) and body["message"]
    if message is not None:
        assert body["message"] == message, body
    return body


def test_the_servers_im_errors_are_http_200_with_the_code_in_the_envelope(maxim):
    owner, member, other = maxim.user(), maxim.user(), maxim.user()
    group = im_group(maxim, owner, member, other)
    # floo-web's asyncKick by a plain member (its groupsetting page), byte for byte.
    body = json.dumps({"group_id": group, "user_list": [other.id]}, separators=(",", ":")).encode()
    reply = maxim.request("POST", "/group/kick", data=body,
                          headers=floo_web(member, **{"content-type": "application/json;charset=utf-8"}))
    im_error(reply, 403)
    reply = maxim.request("GET", "/group/info?group_id=999999999", headers=floo_web(member))
    im_error(reply, 404)
    reply = maxim.request("POST", "/group/apply", data=json.dumps({"group_id": group, "reason": "x"}).encode(),
                          headers=floo_web(member, **{"content-type": "application/json;charset=utf-8"}))
    im_error(reply, 409)
    # Success is as it always was.
    reply = maxim.request("GET", f"/group/info?group_id={group}", headers=floo_web(member))
    assert reply.status_code == 200 and reply.json()["code"] == 200


def test_a_missing_expired_or_invalid_token_is_402_and_a_wrong_app_id_401(maxim):
    user = maxim.user()
    group = im_group(maxim, user)
    expired = maxim.token(user.id, ttl=-10)
    path = f"/group/info?group_id={group}"
    im_error(maxim.request("GET", path, headers={"accept": AXIOS_ACCEPT, "app_id": "default"}), 402, "未登录或缺少令牌")
    reply = maxim.request("GET", path, headers={"accept": AXIOS_ACCEPT, "app_id": "default", "access-token": expired})
    im_error(reply, 402, "令牌已过期")
    assert "www-authenticate" not in reply.headers
    im_error(maxim.request("GET", path, headers={"app_id": "default", "access-token": "x.y.z"}), 402, "令牌无效")
    body = json.dumps({"group_id": group, "user_list": [user.id + 1]}).encode()
    reply = maxim.request("POST", "/group/invite", data=body,
                          headers={"app_id": "default", "access-token": expired, "content-type": "application/json"})
    im_error(reply, 402, "令牌已过期")
    im_error(maxim.request("GET", path, headers=floo_web(user, app_id="other")), 401, "app_id 与令牌不符")
    reply = maxim.request("POST", "/group/invite", data=body,
                          headers=floo_web(user, app_id="other", **{"content-type": "application/json"}))
    im_error(reply, 401, "app_id 与令牌不符")


def test_envoys_own_im_replies_are_http_200_with_the_code_in_the_envelope(maxim):
    user = maxim.user()
    json_headers = floo_web(user, **{"content-type": "application/json;charset=utf-8"})
    im_error(maxim.request("POST", "/group/create", data=b'{"name":"x",', headers=json_headers), 400, "请求体不是合法的 JSON")
    reply = maxim.request("POST", "/group/create", data=b'{"name":"x","user_list":["x"]}', headers=json_headers)
    im_error(reply, 400, "user_list 的类型不正确，应为整数")
    im_error(maxim.request("GET", "/group/no_such", headers=floo_web(user)), 404, "接口不存在")
    reply = maxim.request("DELETE", "/group/info?group_id=1", headers=floo_web(user))
    im_error(reply, 405, WRONG_METHOD)
    assert reply.headers["allow"] == "GET"
    big = b'{"name":"' + b"x" * (8 * 1024 * 1024 + 10) + b'"}'
    im_error(maxim.request("POST", "/group/create", data=big, headers=json_headers), 413, "请求体过大")


def test_the_other_dialects_and_native_grpc_keep_their_statuses_with_the_setting_on(maxim):
    user = maxim.user()
    assert maxim.request("GET", "/api/user/groups").status_code == 401
    assert maxim.request("GET", "/api/groups/999999999", headers=user.bearer).status_code == 404
    assert maxim.request("GET", "/group/manage/999999999", headers=user.bearer).status_code in (400, 404)
    reply = maxim.request("POST", f"{P}/categories", headers=h5(user))
    assert reply.status_code == 405 and reply.json() == {"message": WRONG_METHOD}
    assert maxim.request("GET", f"{P}/groups/999999999", headers=h5(user)).status_code == 404
    with grpc.insecure_channel(f"127.0.0.1:{maxim.stack.grpc_port}") as channel:
        with pytest.raises(grpc.RpcError) as failure:
            group_service_pb2_grpc.GroupServiceStub(channel).GetImGroupInfo(
                im_pb2.GetImGroupInfoRequest(group_id=999999999), metadata=[("authorization", f"Bearer {user.token}")])
    assert failure.value.code() == grpc.StatusCode.NOT_FOUND


def test_by_default_im_errors_keep_their_http_status(api):
    user = api.user()
    reply = api.request("DELETE", "/group/info?group_id=1", headers=floo_web(user))
    assert reply.status_code == 405 and reply.json() == {"code": 405, "data": None, "message": WRONG_METHOD}
    reply = api.request("GET", "/group/info?group_id=1",
                        headers={"app_id": "default", "access-token": api.token(user.id, ttl=-10)})
    assert reply.status_code == 401 and reply.json() == {"code": 401, "data": None, "message": "令牌已过期"}
    reply = api.request("GET", "/group/info?group_id=999999999", headers=floo_web(user))
    assert reply.status_code == 404 and reply.json()["code"] == 404


@pytest.fixture(scope="module")
def lone_edge():
    """Envoy alone with IM_ERRORS_AS_200=1, its upstream port closed, one read per second per caller."""
    work = Path(tempfile.mkdtemp(prefix="groupkit-maxim-edge-"))
    limits = {"RATE_LIMIT_READS": 1, "RATE_LIMIT_WRITES": 1}
    with running_envoy(work, grpc_port=free_port(), jwks=edge_jwks(work), limits=limits, im_errors_as_200=True) as base:
        yield base, mint(work, 5)
    shutil.rmtree(work, ignore_errors=True)


def test_no_server_and_the_rate_limit_are_http_200_for_im_paths(lone_edge):
    base, token = lone_edge
    headers = {"app_id": "default", "access-token": token, "accept": AXIOS_ACCEPT}
    codes = []
    for _ in range(3):
        reply = requests.get(f"{base}/group/user_joined", headers=headers, timeout=10)
        codes.append(im_error(reply, reply.json()["code"])["code"])
    assert codes[0] == 503 and 429 in codes, codes
    reply = requests.get(f"{base}/api/user/groups", headers={"authorization": f"Bearer {token}"}, timeout=10)
    assert reply.status_code in (429, 503)  # the community dialect keeps its statuses


def test_an_overloaded_envoy_answers_im_paths_http_200_with_503_in_the_envelope():
    """The overload manager refuses before any filter: local_reply_config's mapper does it."""
    work = Path(tempfile.mkdtemp(prefix="groupkit-maxim-heap-"))
    try:
        with running_envoy(work, grpc_port=free_port(), jwks=edge_jwks(work), limits={"ENVOY_MAX_HEAP_MB": 1},
                           im_errors_as_200=True) as base:
            deadline = time.monotonic() + 15
            while True:  # without a token: 402 while filters still run, 503 once overloaded
                reply = requests.get(f"{base}/group/user_joined", headers={"app_id": "default"}, timeout=10)
                if reply.json().get("code") == 503 or time.monotonic() > deadline:
                    break
                time.sleep(0.2)
            im_error(reply, 503, "服务暂不可用，请稍后再试")
            reply = requests.get(f"{base}/api/user/groups", timeout=10)
            assert reply.status_code == 503 and reply.json()["code"] == 503
    finally:
        shutil.rmtree(work, ignore_errors=True)
