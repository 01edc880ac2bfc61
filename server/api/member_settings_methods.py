"""GroupService methods of the member settings capability, both dialects; composed into GroupServicer."""

from google.protobuf import struct_pb2

from groupkit.group.v1 import member_settings_pb2 as pb
from server.api import im_views
from server.api.edge import current_principal
from server.api.values import given
from server.services import member_settings
from server.services.clock import now_ms

OK = "ok"



class MemberSettingsMethods:
    # Community dialect (document 000)

    def SetMemberNickname(self, request, context):
        member_settings.set_nickname(self.uow, current_principal(), request.id, request.nickname)
        return pb.SetMemberNicknameResponse(msg=OK, code=0)

    def SetMemberChatBackground(self, request, context):
        member_settings.set_chat_background(self.uow, current_principal(), request.id, request.bgd)
        return pb.SetMemberChatBackgroundResponse(msg=OK, code=0)

    def SetMemberChatSetting(self, request, context):
        member_settings.set_chat_setting(
            self.uow, current_principal(), request.id, request.group_id,
            msg_top=given(request, "msg_top"), msg_disturb=given(request, "msg_disturb"),
            accept=given(request, "accept"), shielding=given(request, "shielding"),
        )
        return pb.SetMemberChatSettingResponse(msg=OK, code=0)

    def SetGroupBackground(self, request, context):
        member_settings.set_group_background(self.uow, current_principal(), request.id, request.background)
        return pb.SetGroupBackgroundResponse(msg=OK, code=0)

    # Im dialect (document 003)

    def SetImDisplayName(self, request, context):
        member_settings.set_display_name(self.uow, current_principal(), request.group_id, request.value)
        return pb.SetImDisplayNameResponse(code=200, data=True)

    def BatchGetImDisplayNames(self, request, context):
        found = member_settings.display_names(self.uow, current_principal(), request.group_id, list(request.user_list))
        now = now_ms()
        return pb.BatchGetImDisplayNamesResponse(code=200, data=[im_views.member(m, now) for m in found])

    def SetImMsgMuteMode(self, request, context):
        member_settings.set_msg_mute_mode(self.uow, current_principal(), request.group_id, given(request, "msg_mute_mode"))
        return pb.SetImMsgMuteModeResponse(code=200, data=struct_pb2.Struct())

    def SetImMsgPushMode(self, request, context):
        member_settings.set_msg_push_mode(self.uow, current_principal(), request.group_id, given(request, "msg_push_mode"))
        return pb.SetImMsgPushModeResponse(code=200, data=struct_pb2.Struct())
