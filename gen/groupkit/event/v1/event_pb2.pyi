from google.protobuf import descriptor_pb2 as _descriptor_pb2
from google.protobuf import struct_pb2 as _struct_pb2
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class EventType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    EVENT_TYPE_UNSPECIFIED: _ClassVar[EventType]
    EVENT_TYPE_GROUP_CREATED: _ClassVar[EventType]
    EVENT_TYPE_GROUP_UPDATED: _ClassVar[EventType]
    EVENT_TYPE_GROUP_DISMISSED: _ClassVar[EventType]
    EVENT_TYPE_GROUP_OWNER_TRANSFERRED: _ClassVar[EventType]
    EVENT_TYPE_GROUP_MEMBER_JOINED: _ClassVar[EventType]
    EVENT_TYPE_GROUP_MEMBER_LEFT: _ClassVar[EventType]
    EVENT_TYPE_GROUP_MEMBER_KICKED: _ClassVar[EventType]
    EVENT_TYPE_GROUP_MEMBER_MUTED: _ClassVar[EventType]
    EVENT_TYPE_GROUP_MUTE_ALL_UPDATED: _ClassVar[EventType]
    EVENT_TYPE_GROUP_MEMBER_BLOCKED: _ClassVar[EventType]
    EVENT_TYPE_GROUP_MEMBER_UNBLOCKED: _ClassVar[EventType]
    EVENT_TYPE_GROUP_ADMIN_ADDED: _ClassVar[EventType]
    EVENT_TYPE_GROUP_ADMIN_REMOVED: _ClassVar[EventType]
    EVENT_TYPE_GROUP_MEMBER_SETTINGS_UPDATED: _ClassVar[EventType]
    EVENT_TYPE_GROUP_APPLICATION_CREATED: _ClassVar[EventType]
    EVENT_TYPE_GROUP_APPLICATION_DECIDED: _ClassVar[EventType]
    EVENT_TYPE_GROUP_INVITATION_CREATED: _ClassVar[EventType]
    EVENT_TYPE_GROUP_INVITATION_DECIDED: _ClassVar[EventType]
    EVENT_TYPE_GROUP_QR_CODE_SIGNED: _ClassVar[EventType]
    EVENT_TYPE_GROUP_COMMUNITY_LEFT: _ClassVar[EventType]
    EVENT_TYPE_GROUP_COMMUNITY_JOINED: _ClassVar[EventType]
    EVENT_TYPE_GROUP_UPGRADED: _ClassVar[EventType]
    EVENT_TYPE_GROUP_NOTICE_PUBLISHED: _ClassVar[EventType]
    EVENT_TYPE_GROUP_NOTICE_DELETED: _ClassVar[EventType]
    EVENT_TYPE_GROUP_NOTICE_READ: _ClassVar[EventType]
    EVENT_TYPE_GROUP_FILE_UPLOADED: _ClassVar[EventType]
    EVENT_TYPE_GROUP_FILE_RENAMED: _ClassVar[EventType]
    EVENT_TYPE_GROUP_FILE_DELETED: _ClassVar[EventType]
    EVENT_TYPE_CIRCLE_CREATED: _ClassVar[EventType]
    EVENT_TYPE_CIRCLE_UPDATED: _ClassVar[EventType]
    EVENT_TYPE_CIRCLE_MEMBER_JOINED: _ClassVar[EventType]
    EVENT_TYPE_CIRCLE_MEMBER_AUDITED: _ClassVar[EventType]
    EVENT_TYPE_CIRCLE_MEMBER_LEFT: _ClassVar[EventType]
    EVENT_TYPE_CIRCLE_MEMBER_REMOVED: _ClassVar[EventType]
    EVENT_TYPE_CIRCLE_MANAGER_ADDED: _ClassVar[EventType]
    EVENT_TYPE_CIRCLE_MANAGER_REMOVED: _ClassVar[EventType]
    EVENT_TYPE_CIRCLE_MEMBER_BLACKLISTED: _ClassVar[EventType]
    EVENT_TYPE_CIRCLE_MEMBER_UNBLACKLISTED: _ClassVar[EventType]
    EVENT_TYPE_CIRCLE_PERMISSIONS_UPDATED: _ClassVar[EventType]
    EVENT_TYPE_CIRCLE_IM_GROUP_BOUND: _ClassVar[EventType]
    EVENT_TYPE_CIRCLE_REVIEWED: _ClassVar[EventType]
    EVENT_TYPE_CIRCLE_CATEGORY_UPDATED: _ClassVar[EventType]
    EVENT_TYPE_CIRCLE_TAG_UPDATED: _ClassVar[EventType]
    EVENT_TYPE_CIRCLE_RECOMMENDATION_UPDATED: _ClassVar[EventType]
    EVENT_TYPE_CIRCLE_PROTOCOL_UPDATED: _ClassVar[EventType]
    EVENT_TYPE_USER_PROFILE_UPDATED: _ClassVar[EventType]
    EVENT_TYPE_GRADES_UPDATED: _ClassVar[EventType]
    EVENT_TYPE_USER_ACCOUNT_UPDATED: _ClassVar[EventType]
    EVENT_TYPE_CIRCLE_OWNER_TRANSFERRED: _ClassVar[EventType]
EVENT_TYPE_UNSPECIFIED: EventType
EVENT_TYPE_GROUP_CREATED: EventType
EVENT_TYPE_GROUP_UPDATED: EventType
EVENT_TYPE_GROUP_DISMISSED: EventType
EVENT_TYPE_GROUP_OWNER_TRANSFERRED: EventType
EVENT_TYPE_GROUP_MEMBER_JOINED: EventType
EVENT_TYPE_GROUP_MEMBER_LEFT: EventType
EVENT_TYPE_GROUP_MEMBER_KICKED: EventType
EVENT_TYPE_GROUP_MEMBER_MUTED: EventType
EVENT_TYPE_GROUP_MUTE_ALL_UPDATED: EventType
EVENT_TYPE_GROUP_MEMBER_BLOCKED: EventType
EVENT_TYPE_GROUP_MEMBER_UNBLOCKED: EventType
EVENT_TYPE_GROUP_ADMIN_ADDED: EventType
EVENT_TYPE_GROUP_ADMIN_REMOVED: EventType
EVENT_TYPE_GROUP_MEMBER_SETTINGS_UPDATED: EventType
EVENT_TYPE_GROUP_APPLICATION_CREATED: EventType
EVENT_TYPE_GROUP_APPLICATION_DECIDED: EventType
EVENT_TYPE_GROUP_INVITATION_CREATED: EventType
EVENT_TYPE_GROUP_INVITATION_DECIDED: EventType
EVENT_TYPE_GROUP_QR_CODE_SIGNED: EventType
EVENT_TYPE_GROUP_COMMUNITY_LEFT: EventType
EVENT_TYPE_GROUP_COMMUNITY_JOINED: EventType
EVENT_TYPE_GROUP_UPGRADED: EventType
EVENT_TYPE_GROUP_NOTICE_PUBLISHED: EventType
EVENT_TYPE_GROUP_NOTICE_DELETED: EventType
EVENT_TYPE_GROUP_NOTICE_READ: EventType
EVENT_TYPE_GROUP_FILE_UPLOADED: EventType
EVENT_TYPE_GROUP_FILE_RENAMED: EventType
EVENT_TYPE_GROUP_FILE_DELETED: EventType
EVENT_TYPE_CIRCLE_CREATED: EventType
EVENT_TYPE_CIRCLE_UPDATED: EventType
EVENT_TYPE_CIRCLE_MEMBER_JOINED: EventType
EVENT_TYPE_CIRCLE_MEMBER_AUDITED: EventType
EVENT_TYPE_CIRCLE_MEMBER_LEFT: EventType
EVENT_TYPE_CIRCLE_MEMBER_REMOVED: EventType
EVENT_TYPE_CIRCLE_MANAGER_ADDED: EventType
EVENT_TYPE_CIRCLE_MANAGER_REMOVED: EventType
EVENT_TYPE_CIRCLE_MEMBER_BLACKLISTED: EventType
EVENT_TYPE_CIRCLE_MEMBER_UNBLACKLISTED: EventType
EVENT_TYPE_CIRCLE_PERMISSIONS_UPDATED: EventType
EVENT_TYPE_CIRCLE_IM_GROUP_BOUND: EventType
EVENT_TYPE_CIRCLE_REVIEWED: EventType
EVENT_TYPE_CIRCLE_CATEGORY_UPDATED: EventType
EVENT_TYPE_CIRCLE_TAG_UPDATED: EventType
EVENT_TYPE_CIRCLE_RECOMMENDATION_UPDATED: EventType
EVENT_TYPE_CIRCLE_PROTOCOL_UPDATED: EventType
EVENT_TYPE_USER_PROFILE_UPDATED: EventType
EVENT_TYPE_GRADES_UPDATED: EventType
EVENT_TYPE_USER_ACCOUNT_UPDATED: EventType
EVENT_TYPE_CIRCLE_OWNER_TRANSFERRED: EventType
EVENT_TYPE_FIELD_NUMBER: _ClassVar[int]
event_type: _descriptor.FieldDescriptor

class Event(_message.Message):
    __slots__ = ("id", "seq", "type", "occurred_at", "app", "group_id", "circle_id", "version", "actor", "target", "reason", "request_id", "data")
    ID_FIELD_NUMBER: _ClassVar[int]
    SEQ_FIELD_NUMBER: _ClassVar[int]
    TYPE_FIELD_NUMBER: _ClassVar[int]
    OCCURRED_AT_FIELD_NUMBER: _ClassVar[int]
    APP_FIELD_NUMBER: _ClassVar[int]
    GROUP_ID_FIELD_NUMBER: _ClassVar[int]
    CIRCLE_ID_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    TARGET_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    DATA_FIELD_NUMBER: _ClassVar[int]
    id: str
    seq: int
    type: str
    occurred_at: str
    app: str
    group_id: int
    circle_id: int
    version: int
    actor: str
    target: str
    reason: str
    request_id: str
    data: _struct_pb2.Struct
    def __init__(self, id: _Optional[str] = ..., seq: _Optional[int] = ..., type: _Optional[str] = ..., occurred_at: _Optional[str] = ..., app: _Optional[str] = ..., group_id: _Optional[int] = ..., circle_id: _Optional[int] = ..., version: _Optional[int] = ..., actor: _Optional[str] = ..., target: _Optional[str] = ..., reason: _Optional[str] = ..., request_id: _Optional[str] = ..., data: _Optional[_Union[_struct_pb2.Struct, _Mapping]] = ...) -> None: ...

class EventTypeOptions(_message.Message):
    __slots__ = ("name", "audited")
    NAME_FIELD_NUMBER: _ClassVar[int]
    AUDITED_FIELD_NUMBER: _ClassVar[int]
    name: str
    audited: bool
    def __init__(self, name: _Optional[str] = ..., audited: _Optional[bool] = ...) -> None: ...
