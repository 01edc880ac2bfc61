"""CircleService (circles dialect, documents 001/002) and the internal CircleAdminService.
A list is served twice: server-streaming for gRPC callers (each yielded message one element),
and as one JSON array rendered here for its REST route (server.api.transcoded_json)."""

from google.api import httpbody_pb2
from google.protobuf import json_format, struct_pb2

from groupkit.circle.v1 import circle_pb2 as pb
from groupkit.circle.v1 import circle_service_pb2_grpc
from groupkit.internal.v1 import circle_admin_service_pb2 as admin_pb
from groupkit.internal.v1 import circle_admin_service_pb2_grpc
from server.api import circle_views as views
from server.api.edge import current_principal
from server.api.forms import parse_body
from server.api.transcoded_json import json_array_of
from server.api.values import given
from server.services import circles


class CircleServicer(circle_service_pb2_grpc.CircleServiceServicer):
    def __init__(self, uow, files, base_url: str):
        self.uow = uow
        self.files = files
        self.base_url = base_url

    def _circles(self, found):
        return (views.circle(view, self.base_url) for view in found)

    # Reads

    def ListCircles(self, request, context):
        found = circles.list_circles(
            self.uow, current_principal(), request.keyword, request.category_id, request.id,
            given(request, "limit"), given(request, "offset"),
        )
        return self._circles(found)

    def ListCategoryCircles(self, request, context):
        found = circles.category_circles(
            self.uow, current_principal(), request.category, given(request, "limit"), given(request, "offset")
        )
        return self._circles(found)

    def ListRecommendedCircles(self, request, context):
        found = circles.recommended_circles(
            self.uow, current_principal(), request.type, given(request, "limit"), given(request, "offset")
        )
        return self._circles(found)

    ListCirclesJson = json_array_of(ListCircles)
    ListCategoryCirclesJson = json_array_of(ListCategoryCircles)
    ListRecommendedCirclesJson = json_array_of(ListRecommendedCircles)

    def CountCircles(self, request, context):
        return pb.CountCirclesResponse(count=circles.count_circles(self.uow, current_principal()))

    def GetCircleProtocol(self, request, context):
        return pb.GetCircleProtocolResponse(protocol=circles.protocol(self.uow, current_principal()))

    def ListUserCircles(self, request, context):
        found = circles.user_circles(
            self.uow, current_principal(), request.user_id, request.type, given(request, "limit"), given(request, "offset")
        )
        return self._circles(found)

    ListUserCirclesJson = json_array_of(ListUserCircles)

    def GetCircle(self, request, context):
        view = circles.circle_detail(self.uow, current_principal(), request.group)
        return views.circle(view, self.base_url)

    def ListCirclePosts(self, request, context):
        pinneds, posts = circles.circle_posts(
            self.uow, current_principal(), request.group, given(request, "limit"), given(request, "offset")
        )
        reply = pb.ListCirclePostsResponse()
        reply.pinneds.CopyFrom(struct_pb2.ListValue())  # present, so printed as []
        reply.posts.CopyFrom(struct_pb2.ListValue())
        reply.pinneds.extend(pinneds)
        reply.posts.extend(posts)
        return reply

    def ListNearbyCircles(self, request, context):
        found = circles.nearby_circles(
            self.uow, current_principal(), request.latitude, request.longitude,
            given(request, "limit"), given(request, "offset"),
        )
        return self._circles(found)

    def ListCategories(self, request, context):
        for found in circles.categories(self.uow, current_principal()):
            yield views.category(found)

    ListNearbyCirclesJson = json_array_of(ListNearbyCircles)
    ListCategoriesJson = json_array_of(ListCategories)

    def ListMyCircles(self, request, context):
        found = circles.my_circles(
            self.uow, current_principal(), request.type, given(request, "limit"), given(request, "offset")
        )
        return self._circles(found)

    ListMyCirclesJson = json_array_of(ListMyCircles)

    def GetCircleAvatar(self, request, context):
        data, content_type = circles.avatar_file(self.files, request.name)
        return pb.GetCircleAvatarResponse(body=httpbody_pb2.HttpBody(content_type=content_type, data=data))

    # Writes

    def CreateCircle(self, request, context):
        view, pending = circles.create_circle(
            self.uow, current_principal(), self.files, request.category, parse_body(request.http_body)
        )
        return pb.CreateCircleResponse(
            message="创建成功，等待审核" if pending else "创建成功", group=views.circle(view, self.base_url)
        )

    def UpdateCircle(self, request, context):
        view = circles.update_circle(
            self.uow, current_principal(), self.files, request.group, parse_body(request.http_body)
        )
        return pb.UpdateCircleResponse(message="修改成功", group=views.circle(view, self.base_url))

    def JoinCircle(self, request, context):
        joined = circles.join_circle(self.uow, current_principal(), request.group)
        return pb.JoinCircleResponse(message="加入成功" if joined else "申请已提交，等待管理员审核")

    def SetCirclePermissions(self, request, context):
        if request.HasField("permissions"):
            value = json_format.MessageToDict(request.permissions)
        else:
            value = parse_body(request.http_body).get("permissions")
        circles.set_permissions(self.uow, current_principal(), request.group, value)
        return pb.SetCirclePermissionsResponse(message="设置成功")

    def ExitCircle(self, request, context):
        circles.exit_circle(self.uow, current_principal(), request.group)
        return pb.ExitCircleResponse()

    def BindImGroup(self, request, context):
        circles.bind_im_group(self.uow, current_principal(), request.group, parse_body(request.http_body))
        return pb.BindImGroupResponse()

    # Members

    def ListCircleMembers(self, request, context):
        found = circles.circle_members(
            self.uow, current_principal(), request.group, request.type, given(request, "limit"), given(request, "offset"),
            request.after,
        )
        for member, profile in found:
            yield views.member(member, profile)

    ListCircleMembersJson = json_array_of(ListCircleMembers)

    def AuditCircleMember(self, request, context):
        status = request.status if request.status else parse_body(request.http_body).get("status")
        circles.audit_member(self.uow, current_principal(), request.group, request.member, status)
        return pb.AuditCircleMemberResponse(message="审核成功")

    def ListCircleJoinRequests(self, request, context):
        found = circles.join_requests(self.uow, current_principal(), given(request, "limit"), request.after)
        return (views.join_request(item, self.base_url) for item in found)

    ListCircleJoinRequestsJson = json_array_of(ListCircleJoinRequests)

    def AddCircleManager(self, request, context):
        circles.add_manager(self.uow, current_principal(), request.group, request.member)
        return pb.AddCircleManagerResponse(message="设置成功")

    def RemoveCircleManager(self, request, context):
        circles.remove_manager(self.uow, current_principal(), request.group, request.member)
        return pb.RemoveCircleManagerResponse()

    def AddToCircleBlacklist(self, request, context):
        circles.add_to_blacklist(self.uow, current_principal(), request.group, request.user_id, request.member)
        return pb.AddToCircleBlacklistResponse(message="设置成功")

    def RemoveFromCircleBlacklist(self, request, context):
        circles.remove_from_blacklist(self.uow, current_principal(), request.group, request.user_id, request.member)
        return pb.RemoveFromCircleBlacklistResponse()

    def TransferCircle(self, request, context):
        target = request.target if request.target else parse_body(request.http_body).get("target")
        circles.transfer_circle(self.uow, current_principal(), request.group, target)
        return pb.TransferCircleResponse(message="操作成功")

    def ListCircleIncomes(self, request, context):
        found = circles.circle_income_records(
            self.uow, current_principal(), request.group, request.type, given(request, "limit"), request.after,
            request.start, request.end,
        )
        return (views.income(record, payer) for record, payer in found)

    ListCircleIncomesJson = json_array_of(ListCircleIncomes)

    def CountCircleRoles(self, request, context):
        members, admins = circles.role_counts(self.uow, current_principal(), request.group)
        return pb.CountCircleRolesResponse(member_count=members, admin_count=admins)

    def RemoveCircleMember(self, request, context):
        circles.remove_member(self.uow, current_principal(), request.group, request.member)
        return pb.RemoveCircleMemberResponse()


class CircleAdminServicer(circle_admin_service_pb2_grpc.CircleAdminServiceServicer):
    def __init__(self, uow):
        self.uow = uow

    def UpsertCircleCategory(self, request, context):
        found = circles.upsert_category(
            self.uow, current_principal(), request.id, request.name, request.sort_by, request.status
        )
        return admin_pb.UpsertCircleCategoryResponse(id=found)

    def UpsertCircleTag(self, request, context):
        found = circles.upsert_tag(
            self.uow, current_principal(), request.id, request.name, request.tag_category_id, request.weight
        )
        return admin_pb.UpsertCircleTagResponse(id=found)

    def SetCircleRecommendation(self, request, context):
        circles.set_recommendation(self.uow, current_principal(), request.circle_id, request.recommended, request.sort_by)
        return admin_pb.SetCircleRecommendationResponse()

    def SetCircleProtocol(self, request, context):
        circles.set_protocol(self.uow, current_principal(), request.protocol)
        return admin_pb.SetCircleProtocolResponse()

    def ReviewCircle(self, request, context):
        circles.review_circle(self.uow, current_principal(), request.circle_id, request.audit)
        return admin_pb.ReviewCircleResponse()
