"""URLs with non-ASCII bytes not percent-encoded (issue 21), end to end through Envoy on both
databases:

- HTTP/1.1: Envoy's codec refuses the request line before any path exists, so no dialect is
  known; the 400 carries one envelope every dialect's client reads (im code/data/message,
  community msg/code/data, circles message), saying the URL must be percent-encoded as UTF-8;
- HTTP/2 (h2c, curl --http2-prior-knowledge) takes the raw bytes: an im path answers in the im
  envelope, with the field's own words, and bytes that are not UTF-8 (raw or percent-encoded)
  are a 400 in the im envelope instead of the server failing to read the request (500)."""

import json
import shutil
import socket
import subprocess

import pytest

CURL = shutil.which("curl")
ENCODE = "百分号编码"
NOT_UTF8 = "URL 不是合法的 UTF-8"


def http1(base_url: str, target: bytes, headers: dict | None = None) -> tuple[int, dict, bytes]:
    """One HTTP/1.1 request with the target's bytes as they are, on a raw socket."""
    host, port = base_url.rsplit("/", 1)[1].rsplit(":", 1)
    lines = [b"GET " + target + b" HTTP/1.1", b"Host: " + host.encode(), b"Connection: close"]
    lines += [f"{name}: {value}".encode() for name, value in (headers or {}).items()]
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        sock.sendall(b"\r\n".join(lines) + b"\r\n\r\n")
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
    head, _, body = answer.partition(b"\r\n\r\n")
    status_line, *header_lines = head.decode("latin-1").split("\r\n")
    found = {}
    for line in header_lines:
        name, _, value = line.partition(":")
        found[name.strip().lower()] = value.strip()
    return int(status_line.split()[1]), found, body


def http2(base_url: str, target: bytes, headers: dict) -> tuple[int, dict, bytes]:
    """One HTTP/2 request (h2c, prior knowledge) with the target's bytes as they are."""
    if CURL is None or b"HTTP2" not in subprocess.run([CURL, "-V"], capture_output=True).stdout:
        pytest.skip("curl with HTTP/2 is not installed here")
    command = [CURL.encode(), b"-sS", b"-i", b"--http2-prior-knowledge", b"--max-time", b"10"]
    for name, value in headers.items():
        command += [b"-H", f"{name}: {value}".encode()]
    done = subprocess.run(command + [base_url.encode() + target], capture_output=True, check=True)
    head, _, body = done.stdout.partition(b"\r\n\r\n")
    status_line, *header_lines = head.decode("latin-1").split("\r\n")
    assert status_line.startswith("HTTP/2 "), status_line
    found = {}
    for line in header_lines:
        name, _, value = line.partition(":")
        found[name.strip().lower()] = value.strip()
    return int(status_line.split()[1]), found, body


@pytest.mark.parametrize("target", [
    "/group/info?group_id=1&x=中",          # im
    "/api/groups?name=中",                   # community
    "/group/manage/1?x=中",                  # community (/group/manage)
    "/api/v2/groups?keyword=中",             # circles
])
def test_http1_raw_non_ascii_url_gets_one_envelope_every_dialect_reads(api, target):
    user = api.user()
    status, headers, body = http1(api.stack.base_url, target.encode(), user.im_headers)
    assert status == 400
    assert headers["content-type"] == "application/json"
    assert "x-edge-envelope" not in headers  # edge.lua's marker never leaves Envoy
    answer = json.loads(body)
    assert set(answer) == {"code", "data", "message", "msg"}
    assert answer["code"] == 400 and answer["data"] is None
    assert answer["message"] == answer["msg"] and ENCODE in answer["message"] and "%E4%B8%AD" in answer["message"]


def test_http1_the_same_url_percent_encoded_is_answered_in_its_dialect(api):
    user = api.user()
    group = api.im_group(user, [])["group_id"]
    status, headers, body = http1(api.stack.base_url, f"/group/info?group_id={group}&x=%E4%B8%AD".encode(),
                                  user.im_headers)
    assert status == 200, body
    answer = json.loads(body)
    assert answer["code"] == 200 and answer["data"]["group_id"] == group


def test_http2_raw_non_ascii_on_an_im_path_gets_the_im_envelope(api):
    user = api.user()
    group = api.im_group(user, [])["group_id"]
    base = api.stack.base_url
    headers = user.im_headers

    # UTF-8, raw: taken as it is (an unknown parameter is ignored, a number field named).
    status, _, body = http2(base, f"/group/info?group_id={group}&x=中".encode(), headers)
    assert status == 200, body
    assert json.loads(body)["data"]["group_id"] == group
    status, _, body = http2(base, f"/group/info?group_id={group}中".encode(), headers)
    assert status == 400
    assert json.loads(body) == {"code": 400, "data": None, "message": "group_id 的类型不正确，应为整数"}

    # Not UTF-8 (GBK's 中), raw or percent-encoded, into a string field: the im envelope's 400.
    for target in (f"/group/member_list?group_id={group}&cursor=".encode() + "中".encode("gbk"),
                   f"/group/member_list?group_id={group}&cursor=%D6%D0".encode(),
                   b"/group/public_list?keyword=" + "中".encode("gbk")):
        status, response_headers, body = http2(base, target, headers)
        assert status == 400, (target, body)
        assert response_headers["content-type"] == "application/json"
        answer = json.loads(body)
        assert set(answer) == {"code", "data", "message"}, answer
        assert answer["code"] == 400 and NOT_UTF8 in answer["message"] and ENCODE in answer["message"]

    # A token refusal still comes first (the im dialect's 401), whatever the URL.
    status, _, body = http2(base, b"/group/public_list?keyword=" + "中".encode("gbk"), {"app_id": user.app})
    assert status == 401
    assert json.loads(body)["code"] == 401
