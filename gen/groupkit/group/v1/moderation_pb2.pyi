from google.protobuf import struct_pb2 as _struct_pb2
from groupkit.group.v1 import im_pb2 as _im_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class AddGroupAdminsRequest(_message.Message):
    __slots__ = ("group_id", "users")
    GROUP_ID_FIELD_NUMBER: _ClassVar[int]
    USERS_FIELD_NUMBER: _ClassVar[int]
    group_id: int
    users: _containers.RepeatedScalarFieldContainer[int]
    def __init__(self, group_id: _Optional[int] = ..., users: _Optional[_Iterable[int]] = ...) -> None: ...

class AddGroupAdminsResponse(_message.Message):
    __slots__ = ("msg", "code", "data")
    MSG_FIELD_NUMBER: _ClassVar[int]
    CODE_FIELD_NUMBER: _ClassVar[int]
    DATA_FIELD_NUMBER: _ClassVar[int]
    msg: str
    code: int
    data: _struct_pb2.NullValue
    def __init__(self, msg: _Optional[str] = ..., code: _Optional[int] = ..., data: _Optional[_Union[_struct_pb2.NullValue, str]] = ...) -> None: ...

class RemoveGroupAdminRequest(_message.Message):
    __slots__ = ("group_id", "user_id")
    GROUP_ID_FIELD_NUMBER: _ClassVar[int]
    USER_ID_FIELD_NUMBER: _ClassVar[int]
    group_id: int
    user_id: int
    def __init__(self, group_id: _Optional[int] = ..., user_id: _Optional[int] = ...) -> None: ...

class RemoveGroupAdminResponse(_message.Message):
    __slots__ = ("msg", "code", "data")
    MSG_FIELD_NUMBER: _ClassVar[int]
    CODE_FIELD_NUMBER: _ClassVar[int]
    DATA_FIELD_NUMBER: _ClassVar[int]
    msg: str
    code: int
    data: _struct_pb2.NullValue
    def __init__(self, msg: _Optional[str] = ..., code: _Optional[int] = ..., data: _Optional[_Union[_struct_pb2.NullValue, str]] = ...) -> None: ...

class ToggleGroupSilenceRequest(_message.Message):
    __slots__ = ("id",)
    ID_FIELD_NUMBER: _ClassVar[int]
    id: int
    def __init__(self, id: _Optional[int] = ...) -> None: ...

class ToggleGroupSilenceResponse(_message.Message):
    __slots__ = ("msg", "code", "data")
    MSG_FIELD_NUMBER: _ClassVar[int]
    CODE_FIELD_NUMBER: _ClassVar[int]
    DATA_FIELD_NUMBER: _ClassVar[int]
    msg: str
    code: int
    data: _struct_pb2.NullValue
    def __init__(self, msg: _Optional[str] = ..., code: _Optional[int] = ..., data: _Optional[_Union[_struct_pb2.NullValue, str]] = ...) -> None: ...

class SilenceGroupMembersRequest(_message.Message):
    __slots__ = ("id", "user_ids")
    ID_FIELD_NUMBER: _ClassVar[int]
    USER_IDS_FIELD_NUMBER: _ClassVar[int]
    id: int
    user_ids: _containers.RepeatedScalarFieldContainer[int]
    def __init__(self, id: _Optional[int] = ..., user_ids: _Optional[_Iterable[int]] = ...) -> None: ...

class SilenceGroupMembersResponse(_message.Message):
    __slots__ = ("msg", "code", "data")
    MSG_FIELD_NUMBER: _ClassVar[int]
    CODE_FIELD_NUMBER: _ClassVar[int]
    DATA_FIELD_NUMBER: _ClassVar[int]
    msg: str
    code: int
    data: _struct_pb2.NullValue
    def __init__(self, msg: _Optional[str] = ..., code: _Optional[int] = ..., data: _Optional[_Union[_struct_pb2.NullValue, str]] = ...) -> None: ...

class UnsilenceGroupMemberRequest(_message.Message):
    __slots__ = ("id", "user_id")
    ID_FIELD_NUMBER: _ClassVar[int]
    USER_ID_FIELD_NUMBER: _ClassVar[int]
    id: int
    user_id: int
    def __init__(self, id: _Optional[int] = ..., user_id: _Optional[int] = ...) -> None: ...

class UnsilenceGroupMemberResponse(_message.Message):
    __slots__ = ("msg", "code", "data")
    MSG_FIELD_NUMBER: _ClassVar[int]
    CODE_FIELD_NUMBER: _ClassVar[int]
    DATA_FIELD_NUMBER: _ClassVar[int]
    msg: str
    code: int
    data: _struct_pb2.NullValue
    def __init__(self, msg: _Optional[str] = ..., code: _Optional[int] = ..., data: _Optional[_Union[_struct_pb2.NullValue, str]] = ...) -> None: ...

class ListGroupManageItemsRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class ManageItem(_message.Message):
    __slots__ = ("id", "name")
    ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    id: int
    name: str
    def __init__(self, id: _Optional[int] = ..., name: _Optional[str] = ...) -> None: ...

class ListGroupManageItemsResponse(_message.Message):
    __slots__ = ("msg", "code", "data")
    MSG_FIELD_NUMBER: _ClassVar[int]
    CODE_FIELD_NUMBER: _ClassVar[int]
    DATA_FIELD_NUMBER: _ClassVar[int]
    msg: str
    code: int
    data: _containers.RepeatedCompositeFieldContainer[ManageItem]
    def __init__(self, msg: _Optional[str] = ..., code: _Optional[int] = ..., data: _Optional[_Iterable[_Union[ManageItem, _Mapping]]] = ...) -> None: ...

class GetGroupManageItemRequest(_message.Message):
    __slots__ = ("id", "group_id")
    ID_FIELD_NUMBER: _ClassVar[int]
    GROUP_ID_FIELD_NUMBER: _ClassVar[int]
    id: int
    group_id: int
    def __init__(self, id: _Optional[int] = ..., group_id: _Optional[int] = ...) -> None: ...

class ManageOption(_message.Message):
    __slots__ = ("id", "name", "pid", "sort", "checked", "child")
    ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    PID_FIELD_NUMBER: _ClassVar[int]
    SORT_FIELD_NUMBER: _ClassVar[int]
    CHECKED_FIELD_NUMBER: _ClassVar[int]
    CHILD_FIELD_NUMBER: _ClassVar[int]
    id: int
    name: str
    pid: int
    sort: int
    checked: int
    child: _containers.RepeatedCompositeFieldContainer[ManageOption]
    def __init__(self, id: _Optional[int] = ..., name: _Optional[str] = ..., pid: _Optional[int] = ..., sort: _Optional[int] = ..., checked: _Optional[int] = ..., child: _Optional[_Iterable[_Union[ManageOption, _Mapping]]] = ...) -> None: ...

class GetGroupManageItemResponse(_message.Message):
    __slots__ = ("msg", "code", "data")
    MSG_FIELD_NUMBER: _ClassVar[int]
    CODE_FIELD_NUMBER: _ClassVar[int]
    DATA_FIELD_NUMBER: _ClassVar[int]
    msg: str
    code: int
    data: _containers.RepeatedCompositeFieldContainer[ManageOption]
    def __init__(self, msg: _Optional[str] = ..., code: _Optional[int] = ..., data: _Optional[_Iterable[_Union[ManageOption, _Mapping]]] = ...) -> None: ...

class SetGroupManageItemRequest(_message.Message):
    __slots__ = ("id", "group_id", "pid")
    ID_FIELD_NUMBER: _ClassVar[int]
    GROUP_ID_FIELD_NUMBER: _ClassVar[int]
    PID_FIELD_NUMBER: _ClassVar[int]
    id: int
    group_id: int
    pid: int
    def __init__(self, id: _Optional[int] = ..., group_id: _Optional[int] = ..., pid: _Optional[int] = ...) -> None: ...

class SetGroupManageItemResponse(_message.Message):
    __slots__ = ("msg", "code", "data")
    MSG_FIELD_NUMBER: _ClassVar[int]
    CODE_FIELD_NUMBER: _ClassVar[int]
    DATA_FIELD_NUMBER: _ClassVar[int]
    msg: str
    code: int
    data: _struct_pb2.NullValue
    def __init__(self, msg: _Optional[str] = ..., code: _Optional[int] = ..., data: _Optional[_Union[_struct_pb2.NullValue, str]] = ...) -> None: ...

class AddImGroupAdminsRequest(_message.Message):
    __slots__ = ("group_id", "user_list")
    GROUP_ID_FIELD_NUMBER: _ClassVar[int]
    USER_LIST_FIELD_NUMBER: _ClassVar[int]
    group_id: int
    user_list: _containers.RepeatedScalarFieldContainer[int]
    def __init__(self, group_id: _Optional[int] = ..., user_list: _Optional[_Iterable[int]] = ...) -> None: ...

class AddImGroupAdminsResponse(_message.Message):
    __slots__ = ("code", "data", "message")
    CODE_FIELD_NUMBER: _ClassVar[int]
    DATA_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    code: int
    data: _containers.RepeatedCompositeFieldContainer[_im_pb2.ImUserResult]
    message: _struct_pb2.NullValue
    def __init__(self, code: _Optional[int] = ..., data: _Optional[_Iterable[_Union[_im_pb2.ImUserResult, _Mapping]]] = ..., message: _Optional[_Union[_struct_pb2.NullValue, str]] = ...) -> None: ...

class RemoveImGroupAdminsRequest(_message.Message):
    __slots__ = ("group_id", "user_list")
    GROUP_ID_FIELD_NUMBER: _ClassVar[int]
    USER_LIST_FIELD_NUMBER: _ClassVar[int]
    group_id: int
    user_list: _containers.RepeatedScalarFieldContainer[int]
    def __init__(self, group_id: _Optional[int] = ..., user_list: _Optional[_Iterable[int]] = ...) -> None: ...

class RemoveImGroupAdminsResponse(_message.Message):
    __slots__ = ("code", "data", "message")
    CODE_FIELD_NUMBER: _ClassVar[int]
    DATA_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    code: int
    data: _containers.RepeatedCompositeFieldContainer[_im_pb2.ImUserResult]
    message: _struct_pb2.NullValue
    def __init__(self, code: _Optional[int] = ..., data: _Optional[_Iterable[_Union[_im_pb2.ImUserResult, _Mapping]]] = ..., message: _Optional[_Union[_struct_pb2.NullValue, str]] = ...) -> None: ...

class ListImGroupAdminsRequest(_message.Message):
    __slots__ = ("group_id",)
    GROUP_ID_FIELD_NUMBER: _ClassVar[int]
    group_id: int
    def __init__(self, group_id: _Optional[int] = ...) -> None: ...

class ListImGroupAdminsResponse(_message.Message):
    __slots__ = ("code", "data", "message")
    CODE_FIELD_NUMBER: _ClassVar[int]
    DATA_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    code: int
    data: _containers.RepeatedCompositeFieldContainer[_im_pb2.ImMember]
    message: _struct_pb2.NullValue
    def __init__(self, code: _Optional[int] = ..., data: _Optional[_Iterable[_Union[_im_pb2.ImMember, _Mapping]]] = ..., message: _Optional[_Union[_struct_pb2.NullValue, str]] = ...) -> None: ...

class BanImGroupMembersRequest(_message.Message):
    __slots__ = ("duration", "group_id", "user_list")
    DURATION_FIELD_NUMBER: _ClassVar[int]
    GROUP_ID_FIELD_NUMBER: _ClassVar[int]
    USER_LIST_FIELD_NUMBER: _ClassVar[int]
    duration: int
    group_id: int
    user_list: _containers.RepeatedScalarFieldContainer[int]
    def __init__(self, duration: _Optional[int] = ..., group_id: _Optional[int] = ..., user_list: _Optional[_Iterable[int]] = ...) -> None: ...

class BanImGroupMembersResponse(_message.Message):
    __slots__ = ("code", "data", "message")
    CODE_FIELD_NUMBER: _ClassVar[int]
    DATA_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    code: int
    data: _containers.RepeatedCompositeFieldContainer[_im_pb2.ImUserResult]
    message: _struct_pb2.NullValue
    def __init__(self, code: _Optional[int] = ..., data: _Optional[_Iterable[_Union[_im_pb2.ImUserResult, _Mapping]]] = ..., message: _Optional[_Union[_struct_pb2.NullValue, str]] = ...) -> None: ...

class UnbanImGroupMembersRequest(_message.Message):
    __slots__ = ("group_id", "user_list")
    GROUP_ID_FIELD_NUMBER: _ClassVar[int]
    USER_LIST_FIELD_NUMBER: _ClassVar[int]
    group_id: int
    user_list: _containers.RepeatedScalarFieldContainer[int]
    def __init__(self, group_id: _Optional[int] = ..., user_list: _Optional[_Iterable[int]] = ...) -> None: ...

class UnbanImGroupMembersResponse(_message.Message):
    __slots__ = ("code", "data", "message")
    CODE_FIELD_NUMBER: _ClassVar[int]
    DATA_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    code: int
    data: _containers.RepeatedCompositeFieldContainer[_im_pb2.ImUserResult]
    message: _struct_pb2.NullValue
    def __init__(self, code: _Optional[int] = ..., data: _Optional[_Iterable[_Union[_im_pb2.ImUserResult, _Mapping]]] = ..., message: _Optional[_Union[_struct_pb2.NullValue, str]] = ...) -> None: ...

class ListImGroupBannedMembersRequest(_message.Message):
    __slots__ = ("cursor", "group_id", "limit", "version")
    CURSOR_FIELD_NUMBER: _ClassVar[int]
    GROUP_ID_FIELD_NUMBER: _ClassVar[int]
    LIMIT_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    cursor: str
    group_id: int
    limit: int
    version: int
    def __init__(self, cursor: _Optional[str] = ..., group_id: _Optional[int] = ..., limit: _Optional[int] = ..., version: _Optional[int] = ...) -> None: ...

class ListImGroupBannedMembersResponse(_message.Message):
    __slots__ = ("code", "cursor", "data", "message", "total", "version")
    CODE_FIELD_NUMBER: _ClassVar[int]
    CURSOR_FIELD_NUMBER: _ClassVar[int]
    DATA_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    TOTAL_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    code: int
    cursor: str
    data: _containers.RepeatedCompositeFieldContainer[_im_pb2.ImMember]
    message: _struct_pb2.NullValue
    total: int
    version: float
    def __init__(self, code: _Optional[int] = ..., cursor: _Optional[str] = ..., data: _Optional[_Iterable[_Union[_im_pb2.ImMember, _Mapping]]] = ..., message: _Optional[_Union[_struct_pb2.NullValue, str]] = ..., total: _Optional[int] = ..., version: _Optional[float] = ...) -> None: ...

class BanAllImGroupMembersRequest(_message.Message):
    __slots__ = ("duration", "group_id")
    DURATION_FIELD_NUMBER: _ClassVar[int]
    GROUP_ID_FIELD_NUMBER: _ClassVar[int]
    duration: int
    group_id: int
    def __init__(self, duration: _Optional[int] = ..., group_id: _Optional[int] = ...) -> None: ...

class ImBanAll(_message.Message):
    __slots__ = ("ban_expire_time",)
    BAN_EXPIRE_TIME_FIELD_NUMBER: _ClassVar[int]
    ban_expire_time: float
    def __init__(self, ban_expire_time: _Optional[float] = ...) -> None: ...

class BanAllImGroupMembersResponse(_message.Message):
    __slots__ = ("code", "data", "message")
    CODE_FIELD_NUMBER: _ClassVar[int]
    DATA_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    code: int
    data: ImBanAll
    message: _struct_pb2.NullValue
    def __init__(self, code: _Optional[int] = ..., data: _Optional[_Union[ImBanAll, _Mapping]] = ..., message: _Optional[_Union[_struct_pb2.NullValue, str]] = ...) -> None: ...

class UnbanAllImGroupMembersRequest(_message.Message):
    __slots__ = ("group_id",)
    GROUP_ID_FIELD_NUMBER: _ClassVar[int]
    group_id: int
    def __init__(self, group_id: _Optional[int] = ...) -> None: ...

class UnbanAllImGroupMembersResponse(_message.Message):
    __slots__ = ("code", "data", "message")
    CODE_FIELD_NUMBER: _ClassVar[int]
    DATA_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    code: int
    data: bool
    message: _struct_pb2.NullValue
    def __init__(self, code: _Optional[int] = ..., data: _Optional[bool] = ..., message: _Optional[_Union[_struct_pb2.NullValue, str]] = ...) -> None: ...

class GetImGroupSettingsRequest(_message.Message):
    __slots__ = ("group_id",)
    GROUP_ID_FIELD_NUMBER: _ClassVar[int]
    group_id: int
    def __init__(self, group_id: _Optional[int] = ...) -> None: ...

class GetImGroupSettingsResponse(_message.Message):
    __slots__ = ("code", "data", "message")
    CODE_FIELD_NUMBER: _ClassVar[int]
    DATA_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    code: int
    data: _im_pb2.ImGroupInfo
    message: _struct_pb2.NullValue
    def __init__(self, code: _Optional[int] = ..., data: _Optional[_Union[_im_pb2.ImGroupInfo, _Mapping]] = ..., message: _Optional[_Union[_struct_pb2.NullValue, str]] = ...) -> None: ...

class UpdateImGroupMemberInvitationRequest(_message.Message):
    __slots__ = ("group_id", "value")
    GROUP_ID_FIELD_NUMBER: _ClassVar[int]
    VALUE_FIELD_NUMBER: _ClassVar[int]
    group_id: int
    value: bool
    def __init__(self, group_id: _Optional[int] = ..., value: _Optional[bool] = ...) -> None: ...

class UpdateImGroupMemberInvitationResponse(_message.Message):
    __slots__ = ("code", "data", "message")
    CODE_FIELD_NUMBER: _ClassVar[int]
    DATA_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    code: int
    data: bool
    message: _struct_pb2.NullValue
    def __init__(self, code: _Optional[int] = ..., data: _Optional[bool] = ..., message: _Optional[_Union[_struct_pb2.NullValue, str]] = ...) -> None: ...

class UpdateImGroupMemberModifyRequest(_message.Message):
    __slots__ = ("group_id", "value")
    GROUP_ID_FIELD_NUMBER: _ClassVar[int]
    VALUE_FIELD_NUMBER: _ClassVar[int]
    group_id: int
    value: bool
    def __init__(self, group_id: _Optional[int] = ..., value: _Optional[bool] = ...) -> None: ...

class UpdateImGroupMemberModifyResponse(_message.Message):
    __slots__ = ("code", "data", "message")
    CODE_FIELD_NUMBER: _ClassVar[int]
    DATA_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    code: int
    data: bool
    message: _struct_pb2.NullValue
    def __init__(self, code: _Optional[int] = ..., data: _Optional[bool] = ..., message: _Optional[_Union[_struct_pb2.NullValue, str]] = ...) -> None: ...

class UpdateImGroupReadAckRequest(_message.Message):
    __slots__ = ("group_id", "value")
    GROUP_ID_FIELD_NUMBER: _ClassVar[int]
    VALUE_FIELD_NUMBER: _ClassVar[int]
    group_id: int
    value: bool
    def __init__(self, group_id: _Optional[int] = ..., value: _Optional[bool] = ...) -> None: ...

class UpdateImGroupReadAckResponse(_message.Message):
    __slots__ = ("code", "data", "message")
    CODE_FIELD_NUMBER: _ClassVar[int]
    DATA_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    code: int
    data: bool
    message: _struct_pb2.NullValue
    def __init__(self, code: _Optional[int] = ..., data: _Optional[bool] = ..., message: _Optional[_Union[_struct_pb2.NullValue, str]] = ...) -> None: ...

class UpdateImGroupHistoryVisibleRequest(_message.Message):
    __slots__ = ("group_id", "value")
    GROUP_ID_FIELD_NUMBER: _ClassVar[int]
    VALUE_FIELD_NUMBER: _ClassVar[int]
    group_id: int
    value: bool
    def __init__(self, group_id: _Optional[int] = ..., value: _Optional[bool] = ...) -> None: ...

class UpdateImGroupHistoryVisibleResponse(_message.Message):
    __slots__ = ("code", "data", "message")
    CODE_FIELD_NUMBER: _ClassVar[int]
    DATA_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    code: int
    data: bool
    message: _struct_pb2.NullValue
    def __init__(self, code: _Optional[int] = ..., data: _Optional[bool] = ..., message: _Optional[_Union[_struct_pb2.NullValue, str]] = ...) -> None: ...

class UpdateImGroupHideMemberInfoRequest(_message.Message):
    __slots__ = ("group_id", "value")
    GROUP_ID_FIELD_NUMBER: _ClassVar[int]
    VALUE_FIELD_NUMBER: _ClassVar[int]
    group_id: int
    value: bool
    def __init__(self, group_id: _Optional[int] = ..., value: _Optional[bool] = ...) -> None: ...

class UpdateImGroupHideMemberInfoResponse(_message.Message):
    __slots__ = ("code", "data", "message")
    CODE_FIELD_NUMBER: _ClassVar[int]
    DATA_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    code: int
    data: bool
    message: _struct_pb2.NullValue
    def __init__(self, code: _Optional[int] = ..., data: _Optional[bool] = ..., message: _Optional[_Union[_struct_pb2.NullValue, str]] = ...) -> None: ...

class UpdateImGroupApplyApprovalRequest(_message.Message):
    __slots__ = ("apply_approval", "group_id")
    APPLY_APPROVAL_FIELD_NUMBER: _ClassVar[int]
    GROUP_ID_FIELD_NUMBER: _ClassVar[int]
    apply_approval: int
    group_id: int
    def __init__(self, apply_approval: _Optional[int] = ..., group_id: _Optional[int] = ...) -> None: ...

class UpdateImGroupApplyApprovalResponse(_message.Message):
    __slots__ = ("code", "data", "message")
    CODE_FIELD_NUMBER: _ClassVar[int]
    DATA_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    code: int
    data: bool
    message: _struct_pb2.NullValue
    def __init__(self, code: _Optional[int] = ..., data: _Optional[bool] = ..., message: _Optional[_Union[_struct_pb2.NullValue, str]] = ...) -> None: ...

class UpdateImGroupAvatarRequest(_message.Message):
    __slots__ = ("group_id", "value")
    GROUP_ID_FIELD_NUMBER: _ClassVar[int]
    VALUE_FIELD_NUMBER: _ClassVar[int]
    group_id: int
    value: str
    def __init__(self, group_id: _Optional[int] = ..., value: _Optional[str] = ...) -> None: ...

class UpdateImGroupAvatarResponse(_message.Message):
    __slots__ = ("code", "data", "message")
    CODE_FIELD_NUMBER: _ClassVar[int]
    DATA_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    code: int
    data: bool
    message: _struct_pb2.NullValue
    def __init__(self, code: _Optional[int] = ..., data: _Optional[bool] = ..., message: _Optional[_Union[_struct_pb2.NullValue, str]] = ...) -> None: ...

class UpdateImGroupDescriptionRequest(_message.Message):
    __slots__ = ("group_id", "value")
    GROUP_ID_FIELD_NUMBER: _ClassVar[int]
    VALUE_FIELD_NUMBER: _ClassVar[int]
    group_id: int
    value: str
    def __init__(self, group_id: _Optional[int] = ..., value: _Optional[str] = ...) -> None: ...

class UpdateImGroupDescriptionResponse(_message.Message):
    __slots__ = ("code", "data", "message")
    CODE_FIELD_NUMBER: _ClassVar[int]
    DATA_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    code: int
    data: bool
    message: _struct_pb2.NullValue
    def __init__(self, code: _Optional[int] = ..., data: _Optional[bool] = ..., message: _Optional[_Union[_struct_pb2.NullValue, str]] = ...) -> None: ...

class UpdateImGroupExtRequest(_message.Message):
    __slots__ = ("group_id", "value")
    GROUP_ID_FIELD_NUMBER: _ClassVar[int]
    VALUE_FIELD_NUMBER: _ClassVar[int]
    group_id: int
    value: str
    def __init__(self, group_id: _Optional[int] = ..., value: _Optional[str] = ...) -> None: ...

class UpdateImGroupExtResponse(_message.Message):
    __slots__ = ("code", "data", "message")
    CODE_FIELD_NUMBER: _ClassVar[int]
    DATA_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    code: int
    data: bool
    message: _struct_pb2.NullValue
    def __init__(self, code: _Optional[int] = ..., data: _Optional[bool] = ..., message: _Optional[_Union[_struct_pb2.NullValue, str]] = ...) -> None: ...

class ListImPublicGroupsRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class ListImPublicGroupsResponse(_message.Message):
    __slots__ = ("code", "data", "message")
    CODE_FIELD_NUMBER: _ClassVar[int]
    DATA_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    code: int
    data: _containers.RepeatedScalarFieldContainer[float]
    message: _struct_pb2.NullValue
    def __init__(self, code: _Optional[int] = ..., data: _Optional[_Iterable[float]] = ..., message: _Optional[_Union[_struct_pb2.NullValue, str]] = ...) -> None: ...
