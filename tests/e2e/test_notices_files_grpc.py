"""NoticeService and FileService for native gRPC callers: health and reflection list them,
their RPCs answer through Envoy and directly, with real status codes."""

import grpc
import pytest
from grpc_health.v1 import health_pb2, health_pb2_grpc
from grpc_reflection.v1alpha import reflection_pb2, reflection_pb2_grpc

from groupkit.file.v1 import file_service_pb2 as file_pb2
from groupkit.file.v1 import file_service_pb2_grpc as file_grpc
from groupkit.notice.v1 import notice_service_pb2 as notice_pb2
from groupkit.notice.v1 import notice_service_pb2_grpc as notice_grpc
from tests.support.notices_setup import ranked_group

SERVICES = ("groupkit.notice.v1.NoticeService", "groupkit.file.v1.FileService")


def _targets(stack):
    return (f"127.0.0.1:{stack.grpc_port}", f"127.0.0.1:{stack.http_port}")  # directly, and through Envoy


def _auth(user):
    return [("authorization", f"Bearer {user.token}")]


@pytest.mark.parametrize("service", SERVICES)
def test_health_and_reflection_list_the_services(stack, service):
    for target in _targets(stack):
        with grpc.insecure_channel(target) as channel:
            health = health_pb2_grpc.HealthStub(channel).Check(health_pb2.HealthCheckRequest(service=service), timeout=5)
            assert health.status == health_pb2.HealthCheckResponse.SERVING
            replies = reflection_pb2_grpc.ServerReflectionStub(channel).ServerReflectionInfo(
                iter([reflection_pb2.ServerReflectionRequest(list_services="")]), timeout=5
            )
            assert service in {s.name for r in replies for s in r.list_services_response.service}


def test_notices_over_grpc(api, stack):
    group = ranked_group(api, "im")
    for target in _targets(stack):
        with grpc.insecure_channel(target) as channel:
            stub = notice_grpc.NoticeServiceStub(channel)
            made = stub.EditImAnnouncement(
                notice_pb2.EditImAnnouncementRequest(group_id=group.im_id, title="gRPC 公告", content="c"),
                metadata=_auth(group.admin), timeout=5,
            )
            assert (made.code, made.data.author, made.data.group_id) == (200, group.admin.id, group.im_id)
            listed = stub.ListNotices(notice_pb2.ListNoticesRequest(group_id=group.pk), metadata=_auth(group.member), timeout=5)
            assert listed.data[0].id == made.data.id and listed.data[0].title == "gRPC 公告"
            stub.ReadNotice(notice_pb2.ReadNoticeRequest(id=int(made.data.id)), metadata=_auth(group.member), timeout=5)
            edit = notice_pb2.EditImAnnouncementRequest
            failures = [
                (grpc.StatusCode.PERMISSION_DENIED, edit(group_id=group.im_id, title="t", content="c"), group.member),
                (grpc.StatusCode.NOT_FOUND, edit(group_id=99_999_999_999_999, title="t", content="c"), group.owner),
                (grpc.StatusCode.INVALID_ARGUMENT, edit(group_id=group.im_id, content="c"), group.owner),
            ]
            for code, request, user in failures:
                with pytest.raises(grpc.RpcError) as caught:
                    stub.EditImAnnouncement(request, metadata=_auth(user), timeout=5)
                assert caught.value.code() == code
            with pytest.raises(grpc.RpcError) as caught:
                stub.ListImAnnouncements(notice_pb2.ListImAnnouncementsRequest(group_id=group.im_id), timeout=5)
            assert caught.value.code() == grpc.StatusCode.UNAUTHENTICATED
    notices = group.member.get("/api/group/notices", params={"group_id": group.pk}).json()["data"]
    assert [n["read_count"] for n in notices] == [1, 1]


def test_files_over_grpc(api, stack):
    group = ranked_group(api, "im")
    for target in _targets(stack):
        with grpc.insecure_channel(target) as channel:
            stub = file_grpc.FileServiceStub(channel)
            request = file_pb2.UploadImGroupFileRequest(group_id=group.im_id, name="图.PNG", size=0, url="https://x.y/a.png")
            made = stub.UploadImGroupFile(request, metadata=_auth(group.member), timeout=5)
            assert (made.data.type, made.data.size, made.data.uploader) == ("png", 0, group.member.id)
            deleted = stub.DeleteImGroupFiles(
                file_pb2.DeleteImGroupFilesRequest(group_id=group.im_id, file_list=[int(made.data.file_id), 987654321]),
                metadata=_auth(group.owner), timeout=5,
            )
            assert [r.result for r in deleted.data] == ["success", "fail"]
            with pytest.raises(grpc.RpcError) as caught:
                stub.UploadImGroupFile(file_pb2.UploadImGroupFileRequest(group_id=group.im_id, name="a", url="https://x.y/a"),
                                       metadata=_auth(group.member), timeout=5)
            assert caught.value.code() == grpc.StatusCode.INVALID_ARGUMENT  # no size
            with pytest.raises(grpc.RpcError) as caught:
                stub.ListImGroupFiles(file_pb2.ListImGroupFilesRequest(group_id=group.im_id), metadata=_auth(api.user()), timeout=5)
            assert caught.value.code() == grpc.StatusCode.PERMISSION_DENIED
