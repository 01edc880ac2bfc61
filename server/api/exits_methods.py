"""GroupService methods of the exits capability, both dialects; composed into GroupServicer."""

from groupkit.group.v1 import exits_pb2 as pb
from server.api.edge import current_principal
from server.api.im_views import user_results
from server.domain.model import ItemResult
from server.services import exits


class ExitsMethods:
    # Community dialect (document 000)

    def RemoveMembers(self, request, context):
        exits.kick(self.uow, current_principal(), request.group_id, list(request.members), named_by=exits.BY_MEMBERSHIP)
        return pb.RemoveMembersResponse(msg="移除成功", code=0)

    def QuitGroup(self, request, context):
        exits.quit_membership(self.uow, current_principal(), request.id)
        return pb.QuitGroupResponse(msg="退出成功", code=0)

    def TransferGroup(self, request, context):
        exits.transfer(self.uow, current_principal(), request.id, request.user_id)
        return pb.TransferGroupResponse(msg="转让成功", code=0)

    def DismissGroup(self, request, context):
        exits.dismiss(self.uow, current_principal(), request.id)
        return pb.DismissGroupResponse(msg="解散成功", code=0)

    def QuitCommunity(self, request, context):
        exits.quit_community(self.uow, current_principal(), request.id, list(request.groups))
        return pb.QuitCommunityResponse(msg="退出成功", code=0)

    # Im dialect (document 003)

    def KickImMembers(self, request, context):
        results = exits.kick(
            self.uow, current_principal(), exits.ImGroupId(request.group_id), list(request.user_list), named_by=exits.BY_USER
        )
        return pb.KickImMembersResponse(code=200, data=user_results(results))

    def LeaveImGroup(self, request, context):
        exits.leave(self.uow, current_principal(), exits.ImGroupId(request.group_id))
        return pb.LeaveImGroupResponse(code=200, data=True)

    def TransferImGroup(self, request, context):
        new_owner = exits.transfer(self.uow, current_principal(), exits.ImGroupId(request.group_id), request.new_owner)
        return pb.TransferImGroupResponse(code=200, data=user_results([ItemResult(new_owner, True)])[0])

    def DestroyImGroup(self, request, context):
        exits.dismiss(self.uow, current_principal(), exits.ImGroupId(request.group_id))
        return pb.DestroyImGroupResponse(code=200, data=True)
