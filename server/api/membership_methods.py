"""GroupService methods of the membership capability, both dialects; composed into GroupServicer."""

from groupkit.group.v1 import membership_pb2 as pb
from server.api import im_views, membership_views
from server.api.edge import current_principal
from server.api.values import given
from server.domain.model import ItemResult
from server.services import membership

APPLIED = "申请成功"


class MembershipMethods:
    # Community dialect (document 000)

    def InviteToGroup(self, request, context):
        membership.invite_friends(self.uow, current_principal(), request.group_id, list(request.friends))
        return pb.InviteToGroupResponse(msg="邀请加入成功", code=0)

    def JoinGroup(self, request, context):
        membership.join_group(
            self.uow, current_principal(), request.id, source=getattr(request, "from"), remark=request.remark,
            group_ids=list(request.group_ids),
        )
        return pb.JoinGroupResponse(msg=APPLIED, code=0)

    def AuditJoinRequest(self, request, context):
        membership.audit_application(
            self.uow, current_principal(), request.read_id, request.status, list(request.group_ids)
        )
        return pb.AuditJoinRequestResponse(msg=APPLIED, code=0)

    # Im dialect (document 003)

    def ApplyImGroup(self, request, context):
        actor = current_principal()
        membership.apply_to_group(self.uow, actor, request.group_id, request.reason)
        return pb.ApplyImGroupResponse(code=200, data=im_views.user_results([ItemResult(actor.user_id, True)])[0])

    def HandleImApplication(self, request, context):
        membership.handle_application(
            self.uow, current_principal(), request.group_id, request.user_id, given(request, "approval")
        )
        return pb.HandleImApplicationResponse(code=200, data=im_views.user_results([ItemResult(request.user_id, True)])[0])

    def ListImApplications(self, request, context):
        page = membership.application_page(
            self.uow, current_principal(), list(request.filter.group_list), request.cursor, request.limit
        )
        return pb.ListImApplicationsResponse(
            code=200, cursor=page.next_cursor, data=[membership_views.application(a) for a in page.items], total=page.total
        )

    def InviteImMembers(self, request, context):
        results = membership.invite_users(
            self.uow, current_principal(), request.group_id, list(request.user_list), request.reason
        )
        return pb.InviteImMembersResponse(code=200, data=im_views.user_results(results))

    def HandleImInvitation(self, request, context):
        membership.handle_invitation(
            self.uow, current_principal(), request.group_id, request.user_id, given(request, "approval")
        )
        return pb.HandleImInvitationResponse(code=200, data=True)

    def ListImInvitations(self, request, context):
        page = membership.invitation_page(self.uow, current_principal(), request.cursor, request.limit)
        return pb.ListImInvitationsResponse(
            code=200, cursor=page.next_cursor, data=[membership_views.invitation(i) for i in page.items], total=page.total
        )

    def SignImGroupQrCode(self, request, context):
        code = membership.sign_qr_code(self.uow, current_principal(), request.group_id)
        return pb.SignImGroupQrCodeResponse(code=200, data=membership_views.qr_code(code))

    def JoinImGroupByQrCode(self, request, context):
        group, viewer = membership.join_by_qr_code(self.uow, current_principal(), request.qr_info)
        return pb.JoinImGroupByQrCodeResponse(code=200, data=im_views.group_info(group, viewer))

    def BlockImMembers(self, request, context):
        results = membership.block_users(self.uow, current_principal(), request.group_id, list(request.user_list))
        return pb.BlockImMembersResponse(code=200, data=im_views.user_results(results))

    def UnblockImMembers(self, request, context):
        results = membership.unblock_users(self.uow, current_principal(), request.group_id, list(request.user_list))
        return pb.UnblockImMembersResponse(code=200, data=im_views.user_results(results))

    def ListImBlockedUsers(self, request, context):
        page = membership.blocked_page(self.uow, current_principal(), request.group_id, request.cursor, request.limit)
        return pb.ListImBlockedUsersResponse(
            code=200, cursor=page.next_cursor, data=[membership_views.blocked_user(b) for b in page.items], total=page.total
        )
