"""Circles test helpers: the internal CircleAdminService (admin token, gRPC port), seeded
categories and tags, and circles made through the REST API."""

import itertools
import random

import grpc

from groupkit.internal.v1 import circle_admin_service_pb2 as pb
from groupkit.internal.v1 import circle_admin_service_pb2_grpc, grades_admin_service_pb2_grpc
from groupkit.internal.v1 import grades_admin_service_pb2 as grades_pb

P = "/api/v2/plus-group"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
_names = itertools.count(random.randint(1_000, 9_000) * 1_000)


def unique_name(prefix="圈子") -> str:
    return f"{prefix}{next(_names)}"


class CircleAdmin:
    def __init__(self, api, app="default"):
        self.api = api
        self.admin = api.user(admin=True, app=app)

    def call(self, method, request, stub=circle_admin_service_pb2_grpc.CircleAdminServiceStub):
        with grpc.insecure_channel(f"127.0.0.1:{self.api.stack.grpc_port}") as channel:
            return getattr(stub(channel), method)(
                request, metadata=[("authorization", f"Bearer {self.admin.token}")], timeout=10
            )

    def category(self, name=None, sort_by=1000, status=0) -> int:
        return self.call("UpsertCircleCategory", pb.UpsertCircleCategoryRequest(
            name=name or unique_name("分类"), sort_by=sort_by, status=status)).id

    def tag(self, name=None) -> int:
        return self.call("UpsertCircleTag", pb.UpsertCircleTagRequest(name=name or unique_name("标签"), weight=3)).id

    def recommend(self, circle_id, sort_by=1000, recommended=True):
        self.call("SetCircleRecommendation", pb.SetCircleRecommendationRequest(
            circle_id=circle_id, recommended=recommended, sort_by=sort_by))

    def protocol(self, text):
        self.call("SetCircleProtocol", pb.SetCircleProtocolRequest(protocol=text))

    def review(self, circle_id, audit):
        self.call("ReviewCircle", pb.ReviewCircleRequest(circle_id=circle_id, audit=audit))

    def credit(self, user, amount):
        return self.call("CreditWallet", grades_pb.CreditWalletRequest(user_id=user.id, amount=amount, reason="充值"),
                         stub=grades_admin_service_pb2_grpc.GradesAdminServiceStub).balance

    def wallet(self, user):
        return self.call("GetWallet", grades_pb.GetWalletRequest(user_id=user.id),
                         stub=grades_admin_service_pb2_grpc.GradesAdminServiceStub)


def create_circle(owner, category_id, tag_id, **fields) -> dict:
    body = {"name": unique_name(), "avatar": "https://img.example.com/a.png", "tags": [{"id": tag_id}],
            "mode": "public", **fields}
    reply = owner.post(f"{P}/categories/{category_id}/groups", body)
    assert reply.status_code == 201, reply.text
    return reply.json()["group"]


def membership_id(owner, circle_id, user) -> int:
    """The id of user's membership of the circle (the {member} of the member paths)."""
    rows = owner.get(f"{P}/groups/{circle_id}/members", params={"limit": 100}).json()
    return next(m["id"] for m in rows if m["user_id"] == user.id)


def blacklist_by_user_id(api, manager, circle_id, user_id, *, remove=False):
    """The gRPC way to name a blacklisted user by id (a non-member, an applicant, or a user
    who left while blacklisted, who have no membership to name in the REST path)."""
    from groupkit.circle.v1 import circle_pb2, circle_service_pb2_grpc

    with grpc.insecure_channel(f"127.0.0.1:{api.stack.grpc_port}") as channel:
        stub = circle_service_pb2_grpc.CircleServiceStub(channel)
        metadata = [("authorization", f"Bearer {manager.token}")]
        if remove:
            return stub.RemoveFromCircleBlacklist(circle_pb2.RemoveFromCircleBlacklistRequest(
                group=circle_id, user_id=user_id), metadata=metadata, timeout=10)
        return stub.AddToCircleBlacklist(circle_pb2.AddToCircleBlacklistRequest(
            group=circle_id, user_id=user_id), metadata=metadata, timeout=10)


def put(user, path, **kw):
    return user.api.request("PUT", path, headers=user.bearer, **kw)


def delete(user, path, **kw):
    return user.api.request("DELETE", path, headers=user.bearer, **kw)


def assert_circles_error(reply, status, message=None):
    assert reply.status_code == status, reply.text
    body = reply.json()
    if status == 422:
        assert body["message"] == "提交的信息验证错误" and isinstance(body["errors"], dict), body
    else:
        assert set(body) == {"message"}, body
    if message is not None:
        assert body["message"] == message, body
    return body
