"""GROUP_CREATION_REQUIRES_CONDITIONS=1 (off by default): creating a group in either dialect
needs every condition of GET /api/groups/conditions met. Runs its own stack on SQLite."""

import tempfile
from pathlib import Path

import grpc
import pytest

from groupkit.internal.v1 import grades_admin_service_pb2 as pb
from groupkit.internal.v1 import grades_admin_service_pb2_grpc
from tests.support.client import Api
from tests.support.processes import Stack

ALL_MET = {"invites": 5, "level": 4, "ore": 5000, "invited_group_creators": 30, "invited_group_member_counts": [2, 2, 196]}


@pytest.fixture(scope="module")
def gated():
    data_dir = Path(tempfile.mkdtemp(prefix="groupkit-gated-"))
    stack = Stack(data_dir, f"sqlite:///{data_dir}/groups.db", {"GROUP_CREATION_REQUIRES_CONDITIONS": "1"}).start()
    yield Api(stack), stack
    stack.stop()
    assert "Traceback" not in stack.log()


def set_stats(api, stack, user, **stats):
    admin = api.user(admin=True)
    with grpc.insecure_channel(f"127.0.0.1:{stack.grpc_port}") as channel:
        grades_admin_service_pb2_grpc.GradesAdminServiceStub(channel).SetUserStats(
            pb.SetUserStatsRequest(user_id=user.id, **stats), metadata=[("authorization", f"Bearer {admin.token}")], timeout=10
        )


def test_creating_needs_every_condition_in_both_dialects(gated):
    api, stack = gated
    user = api.user()
    refused = [user.post("/api/groups", {"type": "group"}), user.im("POST", "/group/create", {"name": "x"})]
    assert [(r.status_code, r.json()["code"]) for r in refused] == [(409, 409), (409, 409)]
    assert user.get("/api/user/groups").json()["data"] == []
    set_stats(api, stack, user, **{**ALL_MET, "level": 3})  # one condition short
    assert user.post("/api/groups", {"type": "community"}).status_code == 409
    set_stats(api, stack, user, **ALL_MET)
    assert user.post("/api/groups", {"type": "group"}).status_code == 200
    assert user.im("POST", "/group/create", {"name": "x"}).status_code == 200
    assert len(user.get("/api/user/groups").json()["data"]) == 2
