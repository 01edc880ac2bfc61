from google.protobuf import struct_pb2 as _struct_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class ImUserResult(_message.Message):
    __slots__ = ("reason", "result", "user_id")
    REASON_FIELD_NUMBER: _ClassVar[int]
    RESULT_FIELD_NUMBER: _ClassVar[int]
    USER_ID_FIELD_NUMBER: _ClassVar[int]
    reason: _struct_pb2.Value
    result: str
    user_id: float
    def __init__(self, reason: _Optional[_Union[_struct_pb2.Value, _Mapping]] = ..., result: _Optional[str] = ..., user_id: _Optional[float] = ...) -> None: ...

class ImGroupInfo(_message.Message):
    __slots__ = ("apply_approval", "avatar", "ban_expire_time", "capacity", "count", "created_at", "description", "ext", "group_id", "history_visible", "member_invite", "member_modify", "msg_mute_mode", "msg_push_mode", "name", "owner_id", "read_ack", "status", "type", "updated_at", "hide_member_info")
    APPLY_APPROVAL_FIELD_NUMBER: _ClassVar[int]
    AVATAR_FIELD_NUMBER: _ClassVar[int]
    BAN_EXPIRE_TIME_FIELD_NUMBER: _ClassVar[int]
    CAPACITY_FIELD_NUMBER: _ClassVar[int]
    COUNT_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    EXT_FIELD_NUMBER: _ClassVar[int]
    GROUP_ID_FIELD_NUMBER: _ClassVar[int]
    HISTORY_VISIBLE_FIELD_NUMBER: _ClassVar[int]
    MEMBER_INVITE_FIELD_NUMBER: _ClassVar[int]
    MEMBER_MODIFY_FIELD_NUMBER: _ClassVar[int]
    MSG_MUTE_MODE_FIELD_NUMBER: _ClassVar[int]
    MSG_PUSH_MODE_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    OWNER_ID_FIELD_NUMBER: _ClassVar[int]
    READ_ACK_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    TYPE_FIELD_NUMBER: _ClassVar[int]
    UPDATED_AT_FIELD_NUMBER: _ClassVar[int]
    HIDE_MEMBER_INFO_FIELD_NUMBER: _ClassVar[int]
    apply_approval: int
    avatar: str
    ban_expire_time: float
    capacity: int
    count: int
    created_at: float
    description: str
    ext: str
    group_id: float
    history_visible: bool
    member_invite: bool
    member_modify: bool
    msg_mute_mode: int
    msg_push_mode: int
    name: str
    owner_id: float
    read_ack: bool
    status: int
    type: int
    updated_at: float
    hide_member_info: bool
    def __init__(self, apply_approval: _Optional[int] = ..., avatar: _Optional[str] = ..., ban_expire_time: _Optional[float] = ..., capacity: _Optional[int] = ..., count: _Optional[int] = ..., created_at: _Optional[float] = ..., description: _Optional[str] = ..., ext: _Optional[str] = ..., group_id: _Optional[float] = ..., history_visible: _Optional[bool] = ..., member_invite: _Optional[bool] = ..., member_modify: _Optional[bool] = ..., msg_mute_mode: _Optional[int] = ..., msg_push_mode: _Optional[int] = ..., name: _Optional[str] = ..., owner_id: _Optional[float] = ..., read_ack: _Optional[bool] = ..., status: _Optional[int] = ..., type: _Optional[int] = ..., updated_at: _Optional[float] = ..., hide_member_info: _Optional[bool] = ...) -> None: ...

class CreateImGroupRequest(_message.Message):
    __slots__ = ("avatar", "description", "name", "type", "user_list")
    AVATAR_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    TYPE_FIELD_NUMBER: _ClassVar[int]
    USER_LIST_FIELD_NUMBER: _ClassVar[int]
    avatar: str
    description: str
    name: str
    type: int
    user_list: _containers.RepeatedScalarFieldContainer[int]
    def __init__(self, avatar: _Optional[str] = ..., description: _Optional[str] = ..., name: _Optional[str] = ..., type: _Optional[int] = ..., user_list: _Optional[_Iterable[int]] = ...) -> None: ...

class CreateImGroupResponse(_message.Message):
    __slots__ = ("code", "data", "message")
    CODE_FIELD_NUMBER: _ClassVar[int]
    DATA_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    code: int
    data: ImGroupInfo
    message: _struct_pb2.NullValue
    def __init__(self, code: _Optional[int] = ..., data: _Optional[_Union[ImGroupInfo, _Mapping]] = ..., message: _Optional[_Union[_struct_pb2.NullValue, str]] = ...) -> None: ...

class GetImGroupInfoRequest(_message.Message):
    __slots__ = ("group_id",)
    GROUP_ID_FIELD_NUMBER: _ClassVar[int]
    group_id: int
    def __init__(self, group_id: _Optional[int] = ...) -> None: ...

class GetImGroupInfoResponse(_message.Message):
    __slots__ = ("code", "data", "message")
    CODE_FIELD_NUMBER: _ClassVar[int]
    DATA_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    code: int
    data: ImGroupInfo
    message: _struct_pb2.NullValue
    def __init__(self, code: _Optional[int] = ..., data: _Optional[_Union[ImGroupInfo, _Mapping]] = ..., message: _Optional[_Union[_struct_pb2.NullValue, str]] = ...) -> None: ...

class BatchGetImGroupInfoRequest(_message.Message):
    __slots__ = ("group_list",)
    GROUP_LIST_FIELD_NUMBER: _ClassVar[int]
    group_list: _containers.RepeatedScalarFieldContainer[int]
    def __init__(self, group_list: _Optional[_Iterable[int]] = ...) -> None: ...

class ImGroupBrief(_message.Message):
    __slots__ = ("apply_approval", "avatar", "capacity", "count", "group_id", "msg_mute_mode", "msg_push_mode", "name", "owner", "status", "type")
    APPLY_APPROVAL_FIELD_NUMBER: _ClassVar[int]
    AVATAR_FIELD_NUMBER: _ClassVar[int]
    CAPACITY_FIELD_NUMBER: _ClassVar[int]
    COUNT_FIELD_NUMBER: _ClassVar[int]
    GROUP_ID_FIELD_NUMBER: _ClassVar[int]
    MSG_MUTE_MODE_FIELD_NUMBER: _ClassVar[int]
    MSG_PUSH_MODE_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    OWNER_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    TYPE_FIELD_NUMBER: _ClassVar[int]
    apply_approval: int
    avatar: str
    capacity: int
    count: int
    group_id: float
    msg_mute_mode: int
    msg_push_mode: int
    name: str
    owner: float
    status: int
    type: int
    def __init__(self, apply_approval: _Optional[int] = ..., avatar: _Optional[str] = ..., capacity: _Optional[int] = ..., count: _Optional[int] = ..., group_id: _Optional[float] = ..., msg_mute_mode: _Optional[int] = ..., msg_push_mode: _Optional[int] = ..., name: _Optional[str] = ..., owner: _Optional[float] = ..., status: _Optional[int] = ..., type: _Optional[int] = ...) -> None: ...

class BatchGetImGroupInfoResponse(_message.Message):
    __slots__ = ("code", "data", "message")
    CODE_FIELD_NUMBER: _ClassVar[int]
    DATA_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    code: int
    data: _containers.RepeatedCompositeFieldContainer[ImGroupBrief]
    message: _struct_pb2.NullValue
    def __init__(self, code: _Optional[int] = ..., data: _Optional[_Iterable[_Union[ImGroupBrief, _Mapping]]] = ..., message: _Optional[_Union[_struct_pb2.NullValue, str]] = ...) -> None: ...

class UpdateImGroupNameRequest(_message.Message):
    __slots__ = ("group_id", "value")
    GROUP_ID_FIELD_NUMBER: _ClassVar[int]
    VALUE_FIELD_NUMBER: _ClassVar[int]
    group_id: int
    value: str
    def __init__(self, group_id: _Optional[int] = ..., value: _Optional[str] = ...) -> None: ...

class UpdateImGroupNameResponse(_message.Message):
    __slots__ = ("code", "data", "message")
    CODE_FIELD_NUMBER: _ClassVar[int]
    DATA_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    code: int
    data: bool
    message: _struct_pb2.NullValue
    def __init__(self, code: _Optional[int] = ..., data: _Optional[bool] = ..., message: _Optional[_Union[_struct_pb2.NullValue, str]] = ...) -> None: ...

class ListImGroupMembersRequest(_message.Message):
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

class ImMember(_message.Message):
    __slots__ = ("display_name", "expired_time", "join_time", "user_id")
    DISPLAY_NAME_FIELD_NUMBER: _ClassVar[int]
    EXPIRED_TIME_FIELD_NUMBER: _ClassVar[int]
    JOIN_TIME_FIELD_NUMBER: _ClassVar[int]
    USER_ID_FIELD_NUMBER: _ClassVar[int]
    display_name: str
    expired_time: float
    join_time: float
    user_id: float
    def __init__(self, display_name: _Optional[str] = ..., expired_time: _Optional[float] = ..., join_time: _Optional[float] = ..., user_id: _Optional[float] = ...) -> None: ...

class ListImGroupMembersResponse(_message.Message):
    __slots__ = ("code", "cursor", "data", "message", "total", "version")
    CODE_FIELD_NUMBER: _ClassVar[int]
    CURSOR_FIELD_NUMBER: _ClassVar[int]
    DATA_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    TOTAL_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    code: int
    cursor: str
    data: _containers.RepeatedCompositeFieldContainer[ImMember]
    message: _struct_pb2.NullValue
    total: int
    version: float
    def __init__(self, code: _Optional[int] = ..., cursor: _Optional[str] = ..., data: _Optional[_Iterable[_Union[ImMember, _Mapping]]] = ..., message: _Optional[_Union[_struct_pb2.NullValue, str]] = ..., total: _Optional[int] = ..., version: _Optional[float] = ...) -> None: ...

class ListImUserJoinedGroupsRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class ListImUserJoinedGroupsResponse(_message.Message):
    __slots__ = ("code", "data", "message")
    CODE_FIELD_NUMBER: _ClassVar[int]
    DATA_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    code: int
    data: _containers.RepeatedScalarFieldContainer[float]
    message: _struct_pb2.NullValue
    def __init__(self, code: _Optional[int] = ..., data: _Optional[_Iterable[float]] = ..., message: _Optional[_Union[_struct_pb2.NullValue, str]] = ...) -> None: ...
