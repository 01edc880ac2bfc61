"""NoticeService: community notices and im announcements. Each method maps its request to a
use case (server/services/notices.py) and the result to a response; auth, errors and statuses
are the interceptor's (server/api/edge.py)."""

from groupkit.notice.v1 import notice_service_pb2 as pb
from groupkit.notice.v1 import notice_service_pb2_grpc
from server.api import notice_views as views
from server.api.edge import current_principal
from server.api.values import given
from server.domain.notices import LIST_MAX
from server.services import notices
from server.services.exits import ImGroupId

OK = "ok"


class NoticeServicer(notice_service_pb2_grpc.NoticeServiceServicer):
    def __init__(self, uow):
        self.uow = uow

    # Community dialect (document 000)

    def ListNotices(self, request, context):
        found = notices.page(
            self.uow, current_principal(), request.group_id, given(request, "limit"), given(request, "offset")
        )
        return pb.ListNoticesResponse(msg=OK, code=0, data=[views.notice_item(n) for n in found])

    def CreateNotice(self, request, context):
        notice = notices.publish(
            self.uow, current_principal(), request.group_id, request.title, request.content, request.image,
            given(request, "image_width"), given(request, "image_height"),
        )
        return pb.CreateNoticeResponse(msg="创建公告成功", code=0, data=views.created_notice(notice))

    def DeleteNotice(self, request, context):
        notices.delete(self.uow, current_principal(), request.id)
        return pb.DeleteNoticeResponse(msg="删除成功", code=0)

    def ReadNotice(self, request, context):
        notices.read(self.uow, current_principal(), request.id)
        return pb.ReadNoticeResponse(msg="阅读成功", code=0)

    def GetLatestNotice(self, request, context):
        notice = notices.latest_unread(self.uow, current_principal(), request.group_id)
        return pb.GetLatestNoticeResponse(msg=OK, code=0, data=views.latest_notice(notice))

    # Im dialect (document 003)

    def GetImAnnouncement(self, request, context):
        notice = notices.announcement(self.uow, current_principal(), request.group_id, request.announcement_id)
        return pb.GetImAnnouncementResponse(code=200, data=views.announcement(notice))

    def DeleteImAnnouncement(self, request, context):
        notices.delete(self.uow, current_principal(), request.announcement_id, ImGroupId(request.group_id))
        response = pb.DeleteImAnnouncementResponse(code=200)
        response.data.SetInParent()  # {}: the document's data object lists no keys
        return response

    def EditImAnnouncement(self, request, context):
        notice = notices.publish(
            self.uow, current_principal(), ImGroupId(request.group_id), request.title, request.content
        )
        return pb.EditImAnnouncementResponse(code=200, data=views.announcement(notice))

    def GetLastImAnnouncement(self, request, context):
        newest = notices.newest(self.uow, current_principal(), request.group_id, 1)
        return pb.GetLastImAnnouncementResponse(code=200, data=views.last_announcement(newest[0] if newest else None))

    def ListImAnnouncements(self, request, context):
        found = notices.newest(self.uow, current_principal(), request.group_id, LIST_MAX)
        return pb.ListImAnnouncementsResponse(code=200, data=[views.announcement(n) for n in found])
