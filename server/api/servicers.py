"""Servicers: each method maps its request to a use case and the result to a response.
Auth, errors and statuses are the interceptor's (server/api/edge.py)."""

from groupkit.group.v1 import community_pb2, group_service_pb2_grpc, im_pb2
from groupkit.internal.v1 import user_admin_service_pb2 as admin_pb2
from groupkit.internal.v1 import user_admin_service_pb2_grpc
from server.api import community_views as community
from server.api import im_views as im
from server.api.edge import current_principal
from server.api.exits_methods import ExitsMethods
from server.api.grades_methods import GradesMethods
from server.api.member_settings_methods import MemberSettingsMethods
from server.api.membership_methods import MembershipMethods
from server.api.moderation_methods import ModerationMethods
from server.api.values import given
from server.domain import ids
from server.services import groups, users
from server.services.clock import now_ms

OK = "ok"


def _actor():
    return current_principal()



class GroupServicer(
    MembershipMethods, ModerationMethods, MemberSettingsMethods, ExitsMethods, GradesMethods,
    group_service_pb2_grpc.GroupServiceServicer
):
    """GroupService: the methods below, plus each capability's methods (server/api/*_methods.py).
    Every method reads the caller with _actor() and the unit of work from self.uow."""

    def __init__(self, uow):
        self.uow = uow

    # Community dialect (document 000)

    def CreateGroup(self, request, context):
        group = groups.create_group(
            self.uow, _actor(), kind=request.type, name=given(request, "name"),
            avatar=given(request, "avatar"), describe=given(request, "describe"),
            member_ids=list(request.members),
        )
        return community_pb2.CreateGroupResponse(msg="群创建成功", code=0, data=community.created_group(group))

    def UpdateGroup(self, request, context):
        changes = groups.GroupChanges(
            name=given(request, "name"), avatar=given(request, "avatar"), describe=given(request, "describe")
        )
        groups.update_group(self.uow, _actor(), request.id, changes)
        return community_pb2.UpdateGroupResponse(msg="更新成功", code=0)

    def GetGroup(self, request, context):
        detail = groups.group_detail(self.uow, _actor(), _im_id(request.id))
        return community_pb2.GetGroupResponse(msg=OK, code=0, data=community.group_detail(detail))

    def ListGroupSections(self, request, context):
        found = groups.group_sections(self.uow, _actor(), request.type)
        return community_pb2.ListGroupSectionsResponse(msg=OK, code=0, data=community.sections(request.type, found))

    def ListUserGroups(self, request, context):
        view = community.joined_group
        return community_pb2.ListUserGroupsResponse(
            msg=OK, code=0, data=[view(g) for g in groups.joined_groups(self.uow, _actor())]
        )

    def ListMembers(self, request, context):
        query = groups.MemberQuery(
            group_ref=request.group_id, roles=request.roles, action=request.action, manager=request.manager,
            limit=request.limit if request.HasField("limit") else None, offset=request.offset,
        )
        members = groups.list_members(self.uow, _actor(), query)
        return community_pb2.ListMembersResponse(msg=OK, code=0, data=[community.member_item(m) for m in members])

    # Im dialect (document 003)

    def CreateImGroup(self, request, context):
        group = groups.create_group(
            self.uow, _actor(), kind="group", name=request.name or None, avatar=request.avatar or None,
            describe=request.description or None, member_ids=list(request.user_list), im_type=request.type,
            members_field="user_list", member_invite=True,
        )
        return im_pb2.CreateImGroupResponse(code=200, data=im.group_info(group, None))

    def GetImGroupInfo(self, request, context):
        group, viewer = groups.group_info(self.uow, _actor(), request.group_id)
        return im_pb2.GetImGroupInfoResponse(code=200, data=im.group_info(group, viewer))

    def BatchGetImGroupInfo(self, request, context):
        found = groups.groups_info(self.uow, _actor(), list(request.group_list))
        return im_pb2.BatchGetImGroupInfoResponse(code=200, data=[im.group_brief(g, m) for g, m in found])

    def UpdateImGroupName(self, request, context):
        groups.update_group_info(self.uow, _actor(), request.group_id, "name", request.value)
        return im_pb2.UpdateImGroupNameResponse(code=200, data=True)

    def ListImGroupMembers(self, request, context):
        page = groups.member_page(self.uow, _actor(), request.group_id, request.cursor, request.limit)
        now = now_ms()
        return im_pb2.ListImGroupMembersResponse(
            code=200, cursor=page.next_cursor, data=[im.member(m, now) for m in page.members], total=page.total
        )

    def ListImUserJoinedGroups(self, request, context):
        return im_pb2.ListImUserJoinedGroupsResponse(code=200, data=groups.joined_im_ids(self.uow, _actor()))


def _im_id(text: str) -> int:
    """GET /api/groups/{id} takes the IM groupid, a string of digits."""
    return ids.parse_digits(text, "id", "id 必须是群的 groupid")


class UserAdminServicer(user_admin_service_pb2_grpc.UserAdminServiceServicer):
    def __init__(self, uow):
        self.uow = uow

    def UpsertUser(self, request, context):
        created = users.upsert_user(self.uow, _actor(), request.user_id, request.name, request.avatar)
        return admin_pb2.UpsertUserResponse(created=created)
