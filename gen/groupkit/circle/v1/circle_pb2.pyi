from google.api import httpbody_pb2 as _httpbody_pb2
from google.protobuf import struct_pb2 as _struct_pb2
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class Circle(_message.Message):
    __slots__ = ("id", "name", "user_id", "category_id", "location", "longitude", "latitude", "geo_hash", "allow_feed", "mode", "money", "summary", "notice", "permissions", "users_count", "posts_count", "audit", "im_group_id", "excellen_posts_count", "created_at", "updated_at", "deleted_at", "join_income_count", "pinned_income_count", "blacklist_count", "joined", "join_at", "avatar", "user", "tags", "category", "founder")
    ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    USER_ID_FIELD_NUMBER: _ClassVar[int]
    CATEGORY_ID_FIELD_NUMBER: _ClassVar[int]
    LOCATION_FIELD_NUMBER: _ClassVar[int]
    LONGITUDE_FIELD_NUMBER: _ClassVar[int]
    LATITUDE_FIELD_NUMBER: _ClassVar[int]
    GEO_HASH_FIELD_NUMBER: _ClassVar[int]
    ALLOW_FEED_FIELD_NUMBER: _ClassVar[int]
    MODE_FIELD_NUMBER: _ClassVar[int]
    MONEY_FIELD_NUMBER: _ClassVar[int]
    SUMMARY_FIELD_NUMBER: _ClassVar[int]
    NOTICE_FIELD_NUMBER: _ClassVar[int]
    PERMISSIONS_FIELD_NUMBER: _ClassVar[int]
    USERS_COUNT_FIELD_NUMBER: _ClassVar[int]
    POSTS_COUNT_FIELD_NUMBER: _ClassVar[int]
    AUDIT_FIELD_NUMBER: _ClassVar[int]
    IM_GROUP_ID_FIELD_NUMBER: _ClassVar[int]
    EXCELLEN_POSTS_COUNT_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    UPDATED_AT_FIELD_NUMBER: _ClassVar[int]
    DELETED_AT_FIELD_NUMBER: _ClassVar[int]
    JOIN_INCOME_COUNT_FIELD_NUMBER: _ClassVar[int]
    PINNED_INCOME_COUNT_FIELD_NUMBER: _ClassVar[int]
    BLACKLIST_COUNT_FIELD_NUMBER: _ClassVar[int]
    JOINED_FIELD_NUMBER: _ClassVar[int]
    JOIN_AT_FIELD_NUMBER: _ClassVar[int]
    AVATAR_FIELD_NUMBER: _ClassVar[int]
    USER_FIELD_NUMBER: _ClassVar[int]
    TAGS_FIELD_NUMBER: _ClassVar[int]
    CATEGORY_FIELD_NUMBER: _ClassVar[int]
    FOUNDER_FIELD_NUMBER: _ClassVar[int]
    id: int
    name: str
    user_id: float
    category_id: int
    location: _struct_pb2.Value
    longitude: _struct_pb2.Value
    latitude: _struct_pb2.Value
    geo_hash: _struct_pb2.Value
    allow_feed: int
    mode: str
    money: int
    summary: _struct_pb2.Value
    notice: _struct_pb2.Value
    permissions: str
    users_count: int
    posts_count: int
    audit: int
    im_group_id: _struct_pb2.Value
    excellen_posts_count: int
    created_at: str
    updated_at: str
    deleted_at: _struct_pb2.Value
    join_income_count: int
    pinned_income_count: int
    blacklist_count: int
    joined: _struct_pb2.Value
    join_at: str
    avatar: _struct_pb2.Value
    user: _struct_pb2.Value
    tags: _struct_pb2.ListValue
    category: Category
    founder: _struct_pb2.Value
    def __init__(self, id: _Optional[int] = ..., name: _Optional[str] = ..., user_id: _Optional[float] = ..., category_id: _Optional[int] = ..., location: _Optional[_Union[_struct_pb2.Value, _Mapping]] = ..., longitude: _Optional[_Union[_struct_pb2.Value, _Mapping]] = ..., latitude: _Optional[_Union[_struct_pb2.Value, _Mapping]] = ..., geo_hash: _Optional[_Union[_struct_pb2.Value, _Mapping]] = ..., allow_feed: _Optional[int] = ..., mode: _Optional[str] = ..., money: _Optional[int] = ..., summary: _Optional[_Union[_struct_pb2.Value, _Mapping]] = ..., notice: _Optional[_Union[_struct_pb2.Value, _Mapping]] = ..., permissions: _Optional[str] = ..., users_count: _Optional[int] = ..., posts_count: _Optional[int] = ..., audit: _Optional[int] = ..., im_group_id: _Optional[_Union[_struct_pb2.Value, _Mapping]] = ..., excellen_posts_count: _Optional[int] = ..., created_at: _Optional[str] = ..., updated_at: _Optional[str] = ..., deleted_at: _Optional[_Union[_struct_pb2.Value, _Mapping]] = ..., join_income_count: _Optional[int] = ..., pinned_income_count: _Optional[int] = ..., blacklist_count: _Optional[int] = ..., joined: _Optional[_Union[_struct_pb2.Value, _Mapping]] = ..., join_at: _Optional[str] = ..., avatar: _Optional[_Union[_struct_pb2.Value, _Mapping]] = ..., user: _Optional[_Union[_struct_pb2.Value, _Mapping]] = ..., tags: _Optional[_Union[_struct_pb2.ListValue, _Mapping]] = ..., category: _Optional[_Union[Category, _Mapping]] = ..., founder: _Optional[_Union[_struct_pb2.Value, _Mapping]] = ...) -> None: ...

class Category(_message.Message):
    __slots__ = ("id", "name", "sort_by", "status", "created_at", "updated_at")
    ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    SORT_BY_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    UPDATED_AT_FIELD_NUMBER: _ClassVar[int]
    id: int
    name: str
    sort_by: int
    status: int
    created_at: str
    updated_at: str
    def __init__(self, id: _Optional[int] = ..., name: _Optional[str] = ..., sort_by: _Optional[int] = ..., status: _Optional[int] = ..., created_at: _Optional[str] = ..., updated_at: _Optional[str] = ...) -> None: ...

class CircleMember(_message.Message):
    __slots__ = ("id", "group_id", "user_id", "audit", "role", "disabled", "created_at", "updated_at", "user")
    ID_FIELD_NUMBER: _ClassVar[int]
    GROUP_ID_FIELD_NUMBER: _ClassVar[int]
    USER_ID_FIELD_NUMBER: _ClassVar[int]
    AUDIT_FIELD_NUMBER: _ClassVar[int]
    ROLE_FIELD_NUMBER: _ClassVar[int]
    DISABLED_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    UPDATED_AT_FIELD_NUMBER: _ClassVar[int]
    USER_FIELD_NUMBER: _ClassVar[int]
    id: int
    group_id: int
    user_id: float
    audit: int
    role: str
    disabled: int
    created_at: str
    updated_at: str
    user: _struct_pb2.Value
    def __init__(self, id: _Optional[int] = ..., group_id: _Optional[int] = ..., user_id: _Optional[float] = ..., audit: _Optional[int] = ..., role: _Optional[str] = ..., disabled: _Optional[int] = ..., created_at: _Optional[str] = ..., updated_at: _Optional[str] = ..., user: _Optional[_Union[_struct_pb2.Value, _Mapping]] = ...) -> None: ...

class ListCirclesRequest(_message.Message):
    __slots__ = ("limit", "offset", "keyword", "category_id", "id")
    LIMIT_FIELD_NUMBER: _ClassVar[int]
    OFFSET_FIELD_NUMBER: _ClassVar[int]
    KEYWORD_FIELD_NUMBER: _ClassVar[int]
    CATEGORY_ID_FIELD_NUMBER: _ClassVar[int]
    ID_FIELD_NUMBER: _ClassVar[int]
    limit: int
    offset: int
    keyword: str
    category_id: int
    id: str
    def __init__(self, limit: _Optional[int] = ..., offset: _Optional[int] = ..., keyword: _Optional[str] = ..., category_id: _Optional[int] = ..., id: _Optional[str] = ...) -> None: ...

class ListCategoryCirclesRequest(_message.Message):
    __slots__ = ("category", "limit", "offset")
    CATEGORY_FIELD_NUMBER: _ClassVar[int]
    LIMIT_FIELD_NUMBER: _ClassVar[int]
    OFFSET_FIELD_NUMBER: _ClassVar[int]
    category: int
    limit: int
    offset: int
    def __init__(self, category: _Optional[int] = ..., limit: _Optional[int] = ..., offset: _Optional[int] = ...) -> None: ...

class ListRecommendedCirclesRequest(_message.Message):
    __slots__ = ("limit", "offset", "type")
    LIMIT_FIELD_NUMBER: _ClassVar[int]
    OFFSET_FIELD_NUMBER: _ClassVar[int]
    TYPE_FIELD_NUMBER: _ClassVar[int]
    limit: int
    offset: int
    type: str
    def __init__(self, limit: _Optional[int] = ..., offset: _Optional[int] = ..., type: _Optional[str] = ...) -> None: ...

class GetCircleRequest(_message.Message):
    __slots__ = ("group",)
    GROUP_FIELD_NUMBER: _ClassVar[int]
    group: int
    def __init__(self, group: _Optional[int] = ...) -> None: ...

class CountCirclesRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class CountCirclesResponse(_message.Message):
    __slots__ = ("count",)
    COUNT_FIELD_NUMBER: _ClassVar[int]
    count: int
    def __init__(self, count: _Optional[int] = ...) -> None: ...

class GetCircleProtocolRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class GetCircleProtocolResponse(_message.Message):
    __slots__ = ("protocol",)
    PROTOCOL_FIELD_NUMBER: _ClassVar[int]
    protocol: str
    def __init__(self, protocol: _Optional[str] = ...) -> None: ...

class ListCategoriesRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class ListMyCirclesRequest(_message.Message):
    __slots__ = ("limit", "offset", "type")
    LIMIT_FIELD_NUMBER: _ClassVar[int]
    OFFSET_FIELD_NUMBER: _ClassVar[int]
    TYPE_FIELD_NUMBER: _ClassVar[int]
    limit: int
    offset: int
    type: str
    def __init__(self, limit: _Optional[int] = ..., offset: _Optional[int] = ..., type: _Optional[str] = ...) -> None: ...

class ListUserCirclesRequest(_message.Message):
    __slots__ = ("user_id", "type", "limit", "offset")
    USER_ID_FIELD_NUMBER: _ClassVar[int]
    TYPE_FIELD_NUMBER: _ClassVar[int]
    LIMIT_FIELD_NUMBER: _ClassVar[int]
    OFFSET_FIELD_NUMBER: _ClassVar[int]
    user_id: int
    type: str
    limit: int
    offset: int
    def __init__(self, user_id: _Optional[int] = ..., type: _Optional[str] = ..., limit: _Optional[int] = ..., offset: _Optional[int] = ...) -> None: ...

class ListNearbyCirclesRequest(_message.Message):
    __slots__ = ("latitude", "longitude", "limit", "offset")
    LATITUDE_FIELD_NUMBER: _ClassVar[int]
    LONGITUDE_FIELD_NUMBER: _ClassVar[int]
    LIMIT_FIELD_NUMBER: _ClassVar[int]
    OFFSET_FIELD_NUMBER: _ClassVar[int]
    latitude: str
    longitude: str
    limit: int
    offset: int
    def __init__(self, latitude: _Optional[str] = ..., longitude: _Optional[str] = ..., limit: _Optional[int] = ..., offset: _Optional[int] = ...) -> None: ...

class CreateCircleRequest(_message.Message):
    __slots__ = ("category", "http_body")
    CATEGORY_FIELD_NUMBER: _ClassVar[int]
    HTTP_BODY_FIELD_NUMBER: _ClassVar[int]
    category: int
    http_body: _httpbody_pb2.HttpBody
    def __init__(self, category: _Optional[int] = ..., http_body: _Optional[_Union[_httpbody_pb2.HttpBody, _Mapping]] = ...) -> None: ...

class CreateCircleResponse(_message.Message):
    __slots__ = ("message", "group")
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    GROUP_FIELD_NUMBER: _ClassVar[int]
    message: str
    group: Circle
    def __init__(self, message: _Optional[str] = ..., group: _Optional[_Union[Circle, _Mapping]] = ...) -> None: ...

class UpdateCircleRequest(_message.Message):
    __slots__ = ("group", "http_body")
    GROUP_FIELD_NUMBER: _ClassVar[int]
    HTTP_BODY_FIELD_NUMBER: _ClassVar[int]
    group: int
    http_body: _httpbody_pb2.HttpBody
    def __init__(self, group: _Optional[int] = ..., http_body: _Optional[_Union[_httpbody_pb2.HttpBody, _Mapping]] = ...) -> None: ...

class UpdateCircleResponse(_message.Message):
    __slots__ = ("message", "group")
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    GROUP_FIELD_NUMBER: _ClassVar[int]
    message: str
    group: Circle
    def __init__(self, message: _Optional[str] = ..., group: _Optional[_Union[Circle, _Mapping]] = ...) -> None: ...

class JoinCircleRequest(_message.Message):
    __slots__ = ("group", "http_body")
    GROUP_FIELD_NUMBER: _ClassVar[int]
    HTTP_BODY_FIELD_NUMBER: _ClassVar[int]
    group: int
    http_body: _httpbody_pb2.HttpBody
    def __init__(self, group: _Optional[int] = ..., http_body: _Optional[_Union[_httpbody_pb2.HttpBody, _Mapping]] = ...) -> None: ...

class JoinCircleResponse(_message.Message):
    __slots__ = ("message",)
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    message: str
    def __init__(self, message: _Optional[str] = ...) -> None: ...

class SetCirclePermissionsRequest(_message.Message):
    __slots__ = ("group", "permissions", "http_body")
    GROUP_FIELD_NUMBER: _ClassVar[int]
    PERMISSIONS_FIELD_NUMBER: _ClassVar[int]
    HTTP_BODY_FIELD_NUMBER: _ClassVar[int]
    group: int
    permissions: _struct_pb2.Value
    http_body: _httpbody_pb2.HttpBody
    def __init__(self, group: _Optional[int] = ..., permissions: _Optional[_Union[_struct_pb2.Value, _Mapping]] = ..., http_body: _Optional[_Union[_httpbody_pb2.HttpBody, _Mapping]] = ...) -> None: ...

class SetCirclePermissionsResponse(_message.Message):
    __slots__ = ("message",)
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    message: str
    def __init__(self, message: _Optional[str] = ...) -> None: ...

class ExitCircleRequest(_message.Message):
    __slots__ = ("group",)
    GROUP_FIELD_NUMBER: _ClassVar[int]
    group: int
    def __init__(self, group: _Optional[int] = ...) -> None: ...

class ExitCircleResponse(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class BindImGroupRequest(_message.Message):
    __slots__ = ("group", "http_body")
    GROUP_FIELD_NUMBER: _ClassVar[int]
    HTTP_BODY_FIELD_NUMBER: _ClassVar[int]
    group: int
    http_body: _httpbody_pb2.HttpBody
    def __init__(self, group: _Optional[int] = ..., http_body: _Optional[_Union[_httpbody_pb2.HttpBody, _Mapping]] = ...) -> None: ...

class BindImGroupResponse(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class GetCircleAvatarRequest(_message.Message):
    __slots__ = ("name",)
    NAME_FIELD_NUMBER: _ClassVar[int]
    name: str
    def __init__(self, name: _Optional[str] = ...) -> None: ...

class GetCircleAvatarResponse(_message.Message):
    __slots__ = ("body",)
    BODY_FIELD_NUMBER: _ClassVar[int]
    body: _httpbody_pb2.HttpBody
    def __init__(self, body: _Optional[_Union[_httpbody_pb2.HttpBody, _Mapping]] = ...) -> None: ...

class ListCircleMembersRequest(_message.Message):
    __slots__ = ("group", "type", "limit", "offset", "after")
    GROUP_FIELD_NUMBER: _ClassVar[int]
    TYPE_FIELD_NUMBER: _ClassVar[int]
    LIMIT_FIELD_NUMBER: _ClassVar[int]
    OFFSET_FIELD_NUMBER: _ClassVar[int]
    AFTER_FIELD_NUMBER: _ClassVar[int]
    group: int
    type: str
    limit: int
    offset: int
    after: int
    def __init__(self, group: _Optional[int] = ..., type: _Optional[str] = ..., limit: _Optional[int] = ..., offset: _Optional[int] = ..., after: _Optional[int] = ...) -> None: ...

class AuditCircleMemberRequest(_message.Message):
    __slots__ = ("group", "member", "status", "http_body")
    GROUP_FIELD_NUMBER: _ClassVar[int]
    MEMBER_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    HTTP_BODY_FIELD_NUMBER: _ClassVar[int]
    group: int
    member: int
    status: int
    http_body: _httpbody_pb2.HttpBody
    def __init__(self, group: _Optional[int] = ..., member: _Optional[int] = ..., status: _Optional[int] = ..., http_body: _Optional[_Union[_httpbody_pb2.HttpBody, _Mapping]] = ...) -> None: ...

class AuditCircleMemberResponse(_message.Message):
    __slots__ = ("message",)
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    message: str
    def __init__(self, message: _Optional[str] = ...) -> None: ...

class AddCircleManagerRequest(_message.Message):
    __slots__ = ("group", "member")
    GROUP_FIELD_NUMBER: _ClassVar[int]
    MEMBER_FIELD_NUMBER: _ClassVar[int]
    group: int
    member: int
    def __init__(self, group: _Optional[int] = ..., member: _Optional[int] = ...) -> None: ...

class AddCircleManagerResponse(_message.Message):
    __slots__ = ("message",)
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    message: str
    def __init__(self, message: _Optional[str] = ...) -> None: ...

class RemoveCircleManagerRequest(_message.Message):
    __slots__ = ("group", "member")
    GROUP_FIELD_NUMBER: _ClassVar[int]
    MEMBER_FIELD_NUMBER: _ClassVar[int]
    group: int
    member: int
    def __init__(self, group: _Optional[int] = ..., member: _Optional[int] = ...) -> None: ...

class RemoveCircleManagerResponse(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class AddToCircleBlacklistRequest(_message.Message):
    __slots__ = ("group", "user_id", "member")
    GROUP_FIELD_NUMBER: _ClassVar[int]
    USER_ID_FIELD_NUMBER: _ClassVar[int]
    MEMBER_FIELD_NUMBER: _ClassVar[int]
    group: int
    user_id: int
    member: int
    def __init__(self, group: _Optional[int] = ..., user_id: _Optional[int] = ..., member: _Optional[int] = ...) -> None: ...

class AddToCircleBlacklistResponse(_message.Message):
    __slots__ = ("message",)
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    message: str
    def __init__(self, message: _Optional[str] = ...) -> None: ...

class RemoveFromCircleBlacklistRequest(_message.Message):
    __slots__ = ("group", "user_id", "member")
    GROUP_FIELD_NUMBER: _ClassVar[int]
    USER_ID_FIELD_NUMBER: _ClassVar[int]
    MEMBER_FIELD_NUMBER: _ClassVar[int]
    group: int
    user_id: int
    member: int
    def __init__(self, group: _Optional[int] = ..., user_id: _Optional[int] = ..., member: _Optional[int] = ...) -> None: ...

class RemoveFromCircleBlacklistResponse(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class RemoveCircleMemberRequest(_message.Message):
    __slots__ = ("group", "member")
    GROUP_FIELD_NUMBER: _ClassVar[int]
    MEMBER_FIELD_NUMBER: _ClassVar[int]
    group: int
    member: int
    def __init__(self, group: _Optional[int] = ..., member: _Optional[int] = ...) -> None: ...

class RemoveCircleMemberResponse(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class CircleJoinRequest(_message.Message):
    __slots__ = ("id", "group_id", "user_id", "member_id", "status", "auditer", "audit_at", "created_at", "updated_at", "user", "audit_user", "member_info", "group")
    ID_FIELD_NUMBER: _ClassVar[int]
    GROUP_ID_FIELD_NUMBER: _ClassVar[int]
    USER_ID_FIELD_NUMBER: _ClassVar[int]
    MEMBER_ID_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    AUDITER_FIELD_NUMBER: _ClassVar[int]
    AUDIT_AT_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    UPDATED_AT_FIELD_NUMBER: _ClassVar[int]
    USER_FIELD_NUMBER: _ClassVar[int]
    AUDIT_USER_FIELD_NUMBER: _ClassVar[int]
    MEMBER_INFO_FIELD_NUMBER: _ClassVar[int]
    GROUP_FIELD_NUMBER: _ClassVar[int]
    id: int
    group_id: int
    user_id: float
    member_id: int
    status: int
    auditer: _struct_pb2.Value
    audit_at: _struct_pb2.Value
    created_at: str
    updated_at: str
    user: _struct_pb2.Value
    audit_user: _struct_pb2.Value
    member_info: _struct_pb2.Value
    group: Circle
    def __init__(self, id: _Optional[int] = ..., group_id: _Optional[int] = ..., user_id: _Optional[float] = ..., member_id: _Optional[int] = ..., status: _Optional[int] = ..., auditer: _Optional[_Union[_struct_pb2.Value, _Mapping]] = ..., audit_at: _Optional[_Union[_struct_pb2.Value, _Mapping]] = ..., created_at: _Optional[str] = ..., updated_at: _Optional[str] = ..., user: _Optional[_Union[_struct_pb2.Value, _Mapping]] = ..., audit_user: _Optional[_Union[_struct_pb2.Value, _Mapping]] = ..., member_info: _Optional[_Union[_struct_pb2.Value, _Mapping]] = ..., group: _Optional[_Union[Circle, _Mapping]] = ...) -> None: ...

class ListCircleJoinRequestsRequest(_message.Message):
    __slots__ = ("limit", "after")
    LIMIT_FIELD_NUMBER: _ClassVar[int]
    AFTER_FIELD_NUMBER: _ClassVar[int]
    limit: int
    after: int
    def __init__(self, limit: _Optional[int] = ..., after: _Optional[int] = ...) -> None: ...

class ListCirclePostsRequest(_message.Message):
    __slots__ = ("group", "type", "limit", "offset")
    GROUP_FIELD_NUMBER: _ClassVar[int]
    TYPE_FIELD_NUMBER: _ClassVar[int]
    LIMIT_FIELD_NUMBER: _ClassVar[int]
    OFFSET_FIELD_NUMBER: _ClassVar[int]
    group: int
    type: str
    limit: int
    offset: int
    def __init__(self, group: _Optional[int] = ..., type: _Optional[str] = ..., limit: _Optional[int] = ..., offset: _Optional[int] = ...) -> None: ...

class ListCirclePostsResponse(_message.Message):
    __slots__ = ("pinneds", "posts")
    PINNEDS_FIELD_NUMBER: _ClassVar[int]
    POSTS_FIELD_NUMBER: _ClassVar[int]
    pinneds: _struct_pb2.ListValue
    posts: _struct_pb2.ListValue
    def __init__(self, pinneds: _Optional[_Union[_struct_pb2.ListValue, _Mapping]] = ..., posts: _Optional[_Union[_struct_pb2.ListValue, _Mapping]] = ...) -> None: ...

class TransferCircleRequest(_message.Message):
    __slots__ = ("group", "target", "http_body")
    GROUP_FIELD_NUMBER: _ClassVar[int]
    TARGET_FIELD_NUMBER: _ClassVar[int]
    HTTP_BODY_FIELD_NUMBER: _ClassVar[int]
    group: int
    target: int
    http_body: _httpbody_pb2.HttpBody
    def __init__(self, group: _Optional[int] = ..., target: _Optional[int] = ..., http_body: _Optional[_Union[_httpbody_pb2.HttpBody, _Mapping]] = ...) -> None: ...

class TransferCircleResponse(_message.Message):
    __slots__ = ("message",)
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    message: str
    def __init__(self, message: _Optional[str] = ...) -> None: ...

class CountCircleRolesRequest(_message.Message):
    __slots__ = ("group",)
    GROUP_FIELD_NUMBER: _ClassVar[int]
    group: int
    def __init__(self, group: _Optional[int] = ...) -> None: ...

class CountCircleRolesResponse(_message.Message):
    __slots__ = ("member_count", "admin_count")
    MEMBER_COUNT_FIELD_NUMBER: _ClassVar[int]
    ADMIN_COUNT_FIELD_NUMBER: _ClassVar[int]
    member_count: int
    admin_count: int
    def __init__(self, member_count: _Optional[int] = ..., admin_count: _Optional[int] = ...) -> None: ...

class CircleIncome(_message.Message):
    __slots__ = ("id", "group_id", "subject", "type", "amount", "user_id", "created_at", "updated_at", "user")
    ID_FIELD_NUMBER: _ClassVar[int]
    GROUP_ID_FIELD_NUMBER: _ClassVar[int]
    SUBJECT_FIELD_NUMBER: _ClassVar[int]
    TYPE_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FIELD_NUMBER: _ClassVar[int]
    USER_ID_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    UPDATED_AT_FIELD_NUMBER: _ClassVar[int]
    USER_FIELD_NUMBER: _ClassVar[int]
    id: int
    group_id: int
    subject: str
    type: int
    amount: int
    user_id: float
    created_at: str
    updated_at: str
    user: _struct_pb2.Value
    def __init__(self, id: _Optional[int] = ..., group_id: _Optional[int] = ..., subject: _Optional[str] = ..., type: _Optional[int] = ..., amount: _Optional[int] = ..., user_id: _Optional[float] = ..., created_at: _Optional[str] = ..., updated_at: _Optional[str] = ..., user: _Optional[_Union[_struct_pb2.Value, _Mapping]] = ...) -> None: ...

class ListCircleIncomesRequest(_message.Message):
    __slots__ = ("group", "type", "limit", "after", "start", "end")
    GROUP_FIELD_NUMBER: _ClassVar[int]
    TYPE_FIELD_NUMBER: _ClassVar[int]
    LIMIT_FIELD_NUMBER: _ClassVar[int]
    AFTER_FIELD_NUMBER: _ClassVar[int]
    START_FIELD_NUMBER: _ClassVar[int]
    END_FIELD_NUMBER: _ClassVar[int]
    group: int
    type: str
    limit: int
    after: int
    start: str
    end: str
    def __init__(self, group: _Optional[int] = ..., type: _Optional[str] = ..., limit: _Optional[int] = ..., after: _Optional[int] = ..., start: _Optional[str] = ..., end: _Optional[str] = ...) -> None: ...
