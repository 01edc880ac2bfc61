"""GroupService methods of the moderation capability, both dialects; composed into GroupServicer."""

from groupkit.group.v1 import moderation_pb2 as pb
from server.api import im_views as im
from server.api import moderation_views as views
from server.api.edge import current_principal
from server.api.values import given
from server.domain.model import FOREVER
from server.services import groups, moderation
from server.services.clock import now_ms

OK = "ok"
SILENCE_MSG = ""  # the document's msg for the three silence calls


def _one(user_id: int) -> list[int]:
    """A single documented user id as a batch: absent (0 in proto3) is an empty one, so the
    use case answers `user_id 不能为空` rather than an invalid id."""
    return [user_id] if user_id else []



class ModerationMethods:
    # Community dialect (document 000)

    def AddGroupAdmins(self, request, context):
        moderation.grant_admins(self.uow, current_principal(), request.group_id, list(request.users), whole=True, field="users")
        return pb.AddGroupAdminsResponse(msg="设置成功", code=0)

    def RemoveGroupAdmin(self, request, context):
        moderation.revoke_admins(self.uow, current_principal(), request.group_id, _one(request.user_id), whole=True, field="user_id")
        return pb.RemoveGroupAdminResponse(msg="取消成功", code=0)

    def ToggleGroupSilence(self, request, context):
        moderation.set_mute_all(self.uow, current_principal(), request.id)
        return pb.ToggleGroupSilenceResponse(msg=SILENCE_MSG, code=0)

    def SilenceGroupMembers(self, request, context):
        moderation.set_mutes(
            self.uow, current_principal(), request.id, list(request.user_ids), FOREVER,
            whole=True, field="user_ids",
        )
        return pb.SilenceGroupMembersResponse(msg=SILENCE_MSG, code=0)

    def UnsilenceGroupMember(self, request, context):
        moderation.set_mutes(self.uow, current_principal(), request.id, _one(request.user_id), 0, whole=True, field="user_id")
        return pb.UnsilenceGroupMemberResponse(msg=SILENCE_MSG, code=0)

    def ListGroupManageItems(self, request, context):
        return pb.ListGroupManageItemsResponse(msg=OK, code=0, data=views.manage_items())

    def GetGroupManageItem(self, request, context):
        options = moderation.manage_options(self.uow, current_principal(), request.id, request.group_id)
        return pb.GetGroupManageItemResponse(msg=OK, code=0, data=[views.manage_option(o) for o in options])

    def SetGroupManageItem(self, request, context):
        moderation.choose_manage_option(self.uow, current_principal(), request.id, request.group_id, request.pid)
        return pb.SetGroupManageItemResponse(msg=OK, code=0)

    # Im dialect (document 003)

    def AddImGroupAdmins(self, request, context):
        results = moderation.grant_admins(
            self.uow, current_principal(), request.group_id, list(request.user_list), whole=False, field="user_list"
        )
        return pb.AddImGroupAdminsResponse(code=200, data=im.user_results(results))

    def RemoveImGroupAdmins(self, request, context):
        results = moderation.revoke_admins(
            self.uow, current_principal(), request.group_id, list(request.user_list), whole=False, field="user_list"
        )
        return pb.RemoveImGroupAdminsResponse(code=200, data=im.user_results(results))

    def ListImGroupAdmins(self, request, context):
        admins = moderation.list_admins(self.uow, current_principal(), request.group_id)
        now = now_ms()
        return pb.ListImGroupAdminsResponse(code=200, data=[im.member(m, now) for m in admins])

    def BanImGroupMembers(self, request, context):
        results = moderation.set_mutes(
            self.uow, current_principal(), request.group_id, list(request.user_list),
            moderation.ban_end(request.duration), whole=False, field="user_list",
        )
        return pb.BanImGroupMembersResponse(code=200, data=im.user_results(results))

    def UnbanImGroupMembers(self, request, context):
        results = moderation.set_mutes(
            self.uow, current_principal(), request.group_id, list(request.user_list), 0, whole=False, field="user_list"
        )
        return pb.UnbanImGroupMembersResponse(code=200, data=im.user_results(results))

    def ListImGroupBannedMembers(self, request, context):
        page = moderation.banned_page(self.uow, current_principal(), request.group_id, request.cursor, request.limit)
        now = now_ms()
        return pb.ListImGroupBannedMembersResponse(
            code=200, cursor=page.next_cursor, data=[im.member(m, now) for m in page.members], total=page.total
        )

    def BanAllImGroupMembers(self, request, context):
        until = moderation.set_mute_all(self.uow, current_principal(), request.group_id, moderation.ban_end(request.duration))
        return pb.BanAllImGroupMembersResponse(code=200, data=views.ban_all(until))

    def UnbanAllImGroupMembers(self, request, context):
        moderation.set_mute_all(self.uow, current_principal(), request.group_id, 0)
        return pb.UnbanAllImGroupMembersResponse(code=200, data=True)

    def GetImGroupSettings(self, request, context):
        group, viewer = groups.group_info(self.uow, current_principal(), request.group_id)
        return pb.GetImGroupSettingsResponse(code=200, data=im.group_info(group, viewer))

    def UpdateImGroupMemberInvitation(self, request, context):
        moderation.update_setting(self.uow, current_principal(), request.group_id, "member_invite", given(request, "value"))
        return pb.UpdateImGroupMemberInvitationResponse(code=200, data=True)

    def UpdateImGroupMemberModify(self, request, context):
        moderation.update_setting(self.uow, current_principal(), request.group_id, "member_modify", given(request, "value"))
        return pb.UpdateImGroupMemberModifyResponse(code=200, data=True)

    def UpdateImGroupReadAck(self, request, context):
        moderation.update_setting(self.uow, current_principal(), request.group_id, "read_ack", given(request, "value"))
        return pb.UpdateImGroupReadAckResponse(code=200, data=True)

    def UpdateImGroupHistoryVisible(self, request, context):
        moderation.update_setting(self.uow, current_principal(), request.group_id, "history_visible", given(request, "value"))
        return pb.UpdateImGroupHistoryVisibleResponse(code=200, data=True)

    def UpdateImGroupHideMemberInfo(self, request, context):
        moderation.update_setting(self.uow, current_principal(), request.group_id, "hide_member_info", given(request, "value"))
        return pb.UpdateImGroupHideMemberInfoResponse(code=200, data=True)

    def UpdateImGroupApplyApproval(self, request, context):
        moderation.update_setting(
            self.uow, current_principal(), request.group_id, "apply_approval", given(request, "apply_approval"),
            field="apply_approval",
        )
        return pb.UpdateImGroupApplyApprovalResponse(code=200, data=True)

    def UpdateImGroupAvatar(self, request, context):
        groups.update_group_info(self.uow, current_principal(), request.group_id, "avatar", given(request, "value"))
        return pb.UpdateImGroupAvatarResponse(code=200, data=True)

    def UpdateImGroupDescription(self, request, context):
        groups.update_group_info(self.uow, current_principal(), request.group_id, "description", given(request, "value"))
        return pb.UpdateImGroupDescriptionResponse(code=200, data=True)

    def UpdateImGroupExt(self, request, context):
        groups.update_group_info(self.uow, current_principal(), request.group_id, "ext", given(request, "value"))
        return pb.UpdateImGroupExtResponse(code=200, data=True)

    def ListImPublicGroups(self, request, context):
        return pb.ListImPublicGroupsResponse(code=200, data=moderation.public_im_ids(self.uow, current_principal()))
