from google.protobuf import struct_pb2 as _struct_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class UserBrief(_message.Message):
    __slots__ = ("id", "name", "avatar")
    ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    AVATAR_FIELD_NUMBER: _ClassVar[int]
    id: float
    name: str
    avatar: _struct_pb2.Value
    def __init__(self, id: _Optional[float] = ..., name: _Optional[str] = ..., avatar: _Optional[_Union[_struct_pb2.Value, _Mapping]] = ...) -> None: ...

class DisturbOptions(_message.Message):
    __slots__ = ("accept", "shielding")
    ACCEPT_FIELD_NUMBER: _ClassVar[int]
    SHIELDING_FIELD_NUMBER: _ClassVar[int]
    accept: int
    shielding: int
    def __init__(self, accept: _Optional[int] = ..., shielding: _Optional[int] = ...) -> None: ...

class ChatSetting(_message.Message):
    __slots__ = ("msg_top", "msg_disturb", "msg_disturb_options")
    MSG_TOP_FIELD_NUMBER: _ClassVar[int]
    MSG_DISTURB_FIELD_NUMBER: _ClassVar[int]
    MSG_DISTURB_OPTIONS_FIELD_NUMBER: _ClassVar[int]
    msg_top: int
    msg_disturb: int
    msg_disturb_options: DisturbOptions
    def __init__(self, msg_top: _Optional[int] = ..., msg_disturb: _Optional[int] = ..., msg_disturb_options: _Optional[_Union[DisturbOptions, _Mapping]] = ...) -> None: ...

class CreateGroupRequest(_message.Message):
    __slots__ = ("type", "members", "name", "avatar", "describe")
    TYPE_FIELD_NUMBER: _ClassVar[int]
    MEMBERS_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    AVATAR_FIELD_NUMBER: _ClassVar[int]
    DESCRIBE_FIELD_NUMBER: _ClassVar[int]
    type: str
    members: _containers.RepeatedScalarFieldContainer[int]
    name: str
    avatar: str
    describe: str
    def __init__(self, type: _Optional[str] = ..., members: _Optional[_Iterable[int]] = ..., name: _Optional[str] = ..., avatar: _Optional[str] = ..., describe: _Optional[str] = ...) -> None: ...

class CreatedGroup(_message.Message):
    __slots__ = ("name", "type", "avatar", "number", "describe", "background", "grade", "comm_id", "maxadmins", "group_count", "maxmembers", "member_count", "owner", "updated_at", "created_at", "id")
    NAME_FIELD_NUMBER: _ClassVar[int]
    TYPE_FIELD_NUMBER: _ClassVar[int]
    AVATAR_FIELD_NUMBER: _ClassVar[int]
    NUMBER_FIELD_NUMBER: _ClassVar[int]
    DESCRIBE_FIELD_NUMBER: _ClassVar[int]
    BACKGROUND_FIELD_NUMBER: _ClassVar[int]
    GRADE_FIELD_NUMBER: _ClassVar[int]
    COMM_ID_FIELD_NUMBER: _ClassVar[int]
    MAXADMINS_FIELD_NUMBER: _ClassVar[int]
    GROUP_COUNT_FIELD_NUMBER: _ClassVar[int]
    MAXMEMBERS_FIELD_NUMBER: _ClassVar[int]
    MEMBER_COUNT_FIELD_NUMBER: _ClassVar[int]
    OWNER_FIELD_NUMBER: _ClassVar[int]
    UPDATED_AT_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    ID_FIELD_NUMBER: _ClassVar[int]
    name: _struct_pb2.Value
    type: str
    avatar: _struct_pb2.Value
    number: int
    describe: _struct_pb2.Value
    background: _struct_pb2.Value
    grade: int
    comm_id: float
    maxadmins: int
    group_count: int
    maxmembers: int
    member_count: int
    owner: float
    updated_at: str
    created_at: str
    id: float
    def __init__(self, name: _Optional[_Union[_struct_pb2.Value, _Mapping]] = ..., type: _Optional[str] = ..., avatar: _Optional[_Union[_struct_pb2.Value, _Mapping]] = ..., number: _Optional[int] = ..., describe: _Optional[_Union[_struct_pb2.Value, _Mapping]] = ..., background: _Optional[_Union[_struct_pb2.Value, _Mapping]] = ..., grade: _Optional[int] = ..., comm_id: _Optional[float] = ..., maxadmins: _Optional[int] = ..., group_count: _Optional[int] = ..., maxmembers: _Optional[int] = ..., member_count: _Optional[int] = ..., owner: _Optional[float] = ..., updated_at: _Optional[str] = ..., created_at: _Optional[str] = ..., id: _Optional[float] = ...) -> None: ...

class CreateGroupResponse(_message.Message):
    __slots__ = ("msg", "code", "data")
    MSG_FIELD_NUMBER: _ClassVar[int]
    CODE_FIELD_NUMBER: _ClassVar[int]
    DATA_FIELD_NUMBER: _ClassVar[int]
    msg: str
    code: int
    data: CreatedGroup
    def __init__(self, msg: _Optional[str] = ..., code: _Optional[int] = ..., data: _Optional[_Union[CreatedGroup, _Mapping]] = ...) -> None: ...

class UpdateGroupRequest(_message.Message):
    __slots__ = ("id", "name", "avatar", "describe")
    ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    AVATAR_FIELD_NUMBER: _ClassVar[int]
    DESCRIBE_FIELD_NUMBER: _ClassVar[int]
    id: int
    name: str
    avatar: str
    describe: str
    def __init__(self, id: _Optional[int] = ..., name: _Optional[str] = ..., avatar: _Optional[str] = ..., describe: _Optional[str] = ...) -> None: ...

class UpdateGroupResponse(_message.Message):
    __slots__ = ("msg", "code", "data")
    MSG_FIELD_NUMBER: _ClassVar[int]
    CODE_FIELD_NUMBER: _ClassVar[int]
    DATA_FIELD_NUMBER: _ClassVar[int]
    msg: str
    code: int
    data: _struct_pb2.NullValue
    def __init__(self, msg: _Optional[str] = ..., code: _Optional[int] = ..., data: _Optional[_Union[_struct_pb2.NullValue, str]] = ...) -> None: ...

class GetGroupRequest(_message.Message):
    __slots__ = ("id",)
    ID_FIELD_NUMBER: _ClassVar[int]
    id: str
    def __init__(self, id: _Optional[str] = ...) -> None: ...

class GroupMember(_message.Message):
    __slots__ = ("id", "user_id", "grade", "group_id", "nickname", "chat_bgd", "status", "role", "chat_setting", "top", "created_at", "updated_at", "user")
    ID_FIELD_NUMBER: _ClassVar[int]
    USER_ID_FIELD_NUMBER: _ClassVar[int]
    GRADE_FIELD_NUMBER: _ClassVar[int]
    GROUP_ID_FIELD_NUMBER: _ClassVar[int]
    NICKNAME_FIELD_NUMBER: _ClassVar[int]
    CHAT_BGD_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    ROLE_FIELD_NUMBER: _ClassVar[int]
    CHAT_SETTING_FIELD_NUMBER: _ClassVar[int]
    TOP_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    UPDATED_AT_FIELD_NUMBER: _ClassVar[int]
    USER_FIELD_NUMBER: _ClassVar[int]
    id: float
    user_id: float
    grade: int
    group_id: float
    nickname: _struct_pb2.Value
    chat_bgd: _struct_pb2.Value
    status: int
    role: int
    chat_setting: ChatSetting
    top: int
    created_at: str
    updated_at: str
    user: UserBrief
    def __init__(self, id: _Optional[float] = ..., user_id: _Optional[float] = ..., grade: _Optional[int] = ..., group_id: _Optional[float] = ..., nickname: _Optional[_Union[_struct_pb2.Value, _Mapping]] = ..., chat_bgd: _Optional[_Union[_struct_pb2.Value, _Mapping]] = ..., status: _Optional[int] = ..., role: _Optional[int] = ..., chat_setting: _Optional[_Union[ChatSetting, _Mapping]] = ..., top: _Optional[int] = ..., created_at: _Optional[str] = ..., updated_at: _Optional[str] = ..., user: _Optional[_Union[UserBrief, _Mapping]] = ...) -> None: ...

class GroupDetail(_message.Message):
    __slots__ = ("id", "name", "avatar", "describe", "background", "comm_id", "group_count", "member_count", "dynamic_count", "owner", "number", "type", "saymsg", "excellent", "silence_status", "members", "member", "may_apply_groups", "has_joined_groups", "groups")
    ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    AVATAR_FIELD_NUMBER: _ClassVar[int]
    DESCRIBE_FIELD_NUMBER: _ClassVar[int]
    BACKGROUND_FIELD_NUMBER: _ClassVar[int]
    COMM_ID_FIELD_NUMBER: _ClassVar[int]
    GROUP_COUNT_FIELD_NUMBER: _ClassVar[int]
    MEMBER_COUNT_FIELD_NUMBER: _ClassVar[int]
    DYNAMIC_COUNT_FIELD_NUMBER: _ClassVar[int]
    OWNER_FIELD_NUMBER: _ClassVar[int]
    NUMBER_FIELD_NUMBER: _ClassVar[int]
    TYPE_FIELD_NUMBER: _ClassVar[int]
    SAYMSG_FIELD_NUMBER: _ClassVar[int]
    FROM_FIELD_NUMBER: _ClassVar[int]
    EXCELLENT_FIELD_NUMBER: _ClassVar[int]
    SILENCE_STATUS_FIELD_NUMBER: _ClassVar[int]
    MEMBERS_FIELD_NUMBER: _ClassVar[int]
    MEMBER_FIELD_NUMBER: _ClassVar[int]
    MAY_APPLY_GROUPS_FIELD_NUMBER: _ClassVar[int]
    HAS_JOINED_GROUPS_FIELD_NUMBER: _ClassVar[int]
    GROUPS_FIELD_NUMBER: _ClassVar[int]
    id: float
    name: _struct_pb2.Value
    avatar: _struct_pb2.Value
    describe: _struct_pb2.Value
    background: _struct_pb2.Value
    comm_id: float
    group_count: int
    member_count: int
    dynamic_count: int
    owner: UserBrief
    number: str
    type: str
    saymsg: int
    excellent: int
    silence_status: int
    members: _containers.RepeatedCompositeFieldContainer[GroupMember]
    member: _struct_pb2.Value
    may_apply_groups: _struct_pb2.ListValue
    has_joined_groups: _struct_pb2.ListValue
    groups: _struct_pb2.ListValue
    def __init__(self, id: _Optional[float] = ..., name: _Optional[_Union[_struct_pb2.Value, _Mapping]] = ..., avatar: _Optional[_Union[_struct_pb2.Value, _Mapping]] = ..., describe: _Optional[_Union[_struct_pb2.Value, _Mapping]] = ..., background: _Optional[_Union[_struct_pb2.Value, _Mapping]] = ..., comm_id: _Optional[float] = ..., group_count: _Optional[int] = ..., member_count: _Optional[int] = ..., dynamic_count: _Optional[int] = ..., owner: _Optional[_Union[UserBrief, _Mapping]] = ..., number: _Optional[str] = ..., type: _Optional[str] = ..., saymsg: _Optional[int] = ..., excellent: _Optional[int] = ..., silence_status: _Optional[int] = ..., members: _Optional[_Iterable[_Union[GroupMember, _Mapping]]] = ..., member: _Optional[_Union[_struct_pb2.Value, _Mapping]] = ..., may_apply_groups: _Optional[_Union[_struct_pb2.ListValue, _Mapping]] = ..., has_joined_groups: _Optional[_Union[_struct_pb2.ListValue, _Mapping]] = ..., groups: _Optional[_Union[_struct_pb2.ListValue, _Mapping]] = ..., **kwargs) -> None: ...

class GetGroupResponse(_message.Message):
    __slots__ = ("msg", "code", "data")
    MSG_FIELD_NUMBER: _ClassVar[int]
    CODE_FIELD_NUMBER: _ClassVar[int]
    DATA_FIELD_NUMBER: _ClassVar[int]
    msg: str
    code: int
    data: GroupDetail
    def __init__(self, msg: _Optional[str] = ..., code: _Optional[int] = ..., data: _Optional[_Union[GroupDetail, _Mapping]] = ...) -> None: ...

class ListGroupSectionsRequest(_message.Message):
    __slots__ = ("type",)
    TYPE_FIELD_NUMBER: _ClassVar[int]
    type: str
    def __init__(self, type: _Optional[str] = ...) -> None: ...

class SectionGroup(_message.Message):
    __slots__ = ("id", "groupid", "name", "avatar", "chat_setting", "role")
    ID_FIELD_NUMBER: _ClassVar[int]
    GROUPID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    AVATAR_FIELD_NUMBER: _ClassVar[int]
    CHAT_SETTING_FIELD_NUMBER: _ClassVar[int]
    ROLE_FIELD_NUMBER: _ClassVar[int]
    id: float
    groupid: str
    name: _struct_pb2.Value
    avatar: _struct_pb2.Value
    chat_setting: ChatSetting
    role: int
    def __init__(self, id: _Optional[float] = ..., groupid: _Optional[str] = ..., name: _Optional[_Union[_struct_pb2.Value, _Mapping]] = ..., avatar: _Optional[_Union[_struct_pb2.Value, _Mapping]] = ..., chat_setting: _Optional[_Union[ChatSetting, _Mapping]] = ..., role: _Optional[int] = ...) -> None: ...

class GroupSection(_message.Message):
    __slots__ = ("name", "list")
    NAME_FIELD_NUMBER: _ClassVar[int]
    LIST_FIELD_NUMBER: _ClassVar[int]
    name: str
    list: _containers.RepeatedCompositeFieldContainer[SectionGroup]
    def __init__(self, name: _Optional[str] = ..., list: _Optional[_Iterable[_Union[SectionGroup, _Mapping]]] = ...) -> None: ...

class ListGroupSectionsResponse(_message.Message):
    __slots__ = ("msg", "code", "data")
    MSG_FIELD_NUMBER: _ClassVar[int]
    CODE_FIELD_NUMBER: _ClassVar[int]
    DATA_FIELD_NUMBER: _ClassVar[int]
    msg: str
    code: int
    data: _containers.RepeatedCompositeFieldContainer[GroupSection]
    def __init__(self, msg: _Optional[str] = ..., code: _Optional[int] = ..., data: _Optional[_Iterable[_Union[GroupSection, _Mapping]]] = ...) -> None: ...

class ListUserGroupsRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class UserGroup(_message.Message):
    __slots__ = ("id", "name", "avatar", "groupid", "role")
    ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    AVATAR_FIELD_NUMBER: _ClassVar[int]
    GROUPID_FIELD_NUMBER: _ClassVar[int]
    ROLE_FIELD_NUMBER: _ClassVar[int]
    id: float
    name: _struct_pb2.Value
    avatar: _struct_pb2.Value
    groupid: str
    role: int
    def __init__(self, id: _Optional[float] = ..., name: _Optional[_Union[_struct_pb2.Value, _Mapping]] = ..., avatar: _Optional[_Union[_struct_pb2.Value, _Mapping]] = ..., groupid: _Optional[str] = ..., role: _Optional[int] = ...) -> None: ...

class ListUserGroupsResponse(_message.Message):
    __slots__ = ("msg", "code", "data")
    MSG_FIELD_NUMBER: _ClassVar[int]
    CODE_FIELD_NUMBER: _ClassVar[int]
    DATA_FIELD_NUMBER: _ClassVar[int]
    msg: str
    code: int
    data: _containers.RepeatedCompositeFieldContainer[UserGroup]
    def __init__(self, msg: _Optional[str] = ..., code: _Optional[int] = ..., data: _Optional[_Iterable[_Union[UserGroup, _Mapping]]] = ...) -> None: ...

class ListMembersRequest(_message.Message):
    __slots__ = ("limit", "offset", "group_id", "roles", "action", "manager")
    LIMIT_FIELD_NUMBER: _ClassVar[int]
    OFFSET_FIELD_NUMBER: _ClassVar[int]
    GROUP_ID_FIELD_NUMBER: _ClassVar[int]
    ROLES_FIELD_NUMBER: _ClassVar[int]
    ACTION_FIELD_NUMBER: _ClassVar[int]
    MANAGER_FIELD_NUMBER: _ClassVar[int]
    limit: int
    offset: int
    group_id: int
    roles: str
    action: str
    manager: int
    def __init__(self, limit: _Optional[int] = ..., offset: _Optional[int] = ..., group_id: _Optional[int] = ..., roles: _Optional[str] = ..., action: _Optional[str] = ..., manager: _Optional[int] = ...) -> None: ...

class MemberItem(_message.Message):
    __slots__ = ("id", "user_id", "group_id", "nickname", "chat_bgd", "role", "chat_setting", "user")
    ID_FIELD_NUMBER: _ClassVar[int]
    USER_ID_FIELD_NUMBER: _ClassVar[int]
    GROUP_ID_FIELD_NUMBER: _ClassVar[int]
    NICKNAME_FIELD_NUMBER: _ClassVar[int]
    CHAT_BGD_FIELD_NUMBER: _ClassVar[int]
    ROLE_FIELD_NUMBER: _ClassVar[int]
    CHAT_SETTING_FIELD_NUMBER: _ClassVar[int]
    USER_FIELD_NUMBER: _ClassVar[int]
    id: float
    user_id: float
    group_id: float
    nickname: _struct_pb2.Value
    chat_bgd: _struct_pb2.Value
    role: int
    chat_setting: ChatSetting
    user: UserBrief
    def __init__(self, id: _Optional[float] = ..., user_id: _Optional[float] = ..., group_id: _Optional[float] = ..., nickname: _Optional[_Union[_struct_pb2.Value, _Mapping]] = ..., chat_bgd: _Optional[_Union[_struct_pb2.Value, _Mapping]] = ..., role: _Optional[int] = ..., chat_setting: _Optional[_Union[ChatSetting, _Mapping]] = ..., user: _Optional[_Union[UserBrief, _Mapping]] = ...) -> None: ...

class ListMembersResponse(_message.Message):
    __slots__ = ("msg", "code", "data")
    MSG_FIELD_NUMBER: _ClassVar[int]
    CODE_FIELD_NUMBER: _ClassVar[int]
    DATA_FIELD_NUMBER: _ClassVar[int]
    msg: str
    code: int
    data: _containers.RepeatedCompositeFieldContainer[MemberItem]
    def __init__(self, msg: _Optional[str] = ..., code: _Optional[int] = ..., data: _Optional[_Iterable[_Union[MemberItem, _Mapping]]] = ...) -> None: ...
