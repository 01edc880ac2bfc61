from google.protobuf import struct_pb2 as _struct_pb2
from groupkit.group.v1 import im_pb2 as _im_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class InviteToGroupRequest(_message.Message):
    __slots__ = ("group_id", "friends")
    GROUP_ID_FIELD_NUMBER: _ClassVar[int]
    FRIENDS_FIELD_NUMBER: _ClassVar[int]
    group_id: int
    friends: _containers.RepeatedScalarFieldContainer[int]
    def __init__(self, group_id: _Optional[int] = ..., friends: _Optional[_Iterable[int]] = ...) -> None: ...

class InviteToGroupResponse(_message.Message):
    __slots__ = ("msg", "code", "data")
    MSG_FIELD_NUMBER: _ClassVar[int]
    CODE_FIELD_NUMBER: _ClassVar[int]
    DATA_FIELD_NUMBER: _ClassVar[int]
    msg: str
    code: int
    data: _struct_pb2.NullValue
    def __init__(self, msg: _Optional[str] = ..., code: _Optional[int] = ..., data: _Optional[_Union[_struct_pb2.NullValue, str]] = ...) -> None: ...

class JoinGroupRequest(_message.Message):
    __slots__ = ("id", "remark", "group_ids")
    ID_FIELD_NUMBER: _ClassVar[int]
    FROM_FIELD_NUMBER: _ClassVar[int]
    REMARK_FIELD_NUMBER: _ClassVar[int]
    GROUP_IDS_FIELD_NUMBER: _ClassVar[int]
    id: int
    remark: str
    group_ids: _containers.RepeatedScalarFieldContainer[int]
    def __init__(self, id: _Optional[int] = ..., remark: _Optional[str] = ..., group_ids: _Optional[_Iterable[int]] = ..., **kwargs) -> None: ...

class JoinGroupResponse(_message.Message):
    __slots__ = ("msg", "code", "data")
    MSG_FIELD_NUMBER: _ClassVar[int]
    CODE_FIELD_NUMBER: _ClassVar[int]
    DATA_FIELD_NUMBER: _ClassVar[int]
    msg: str
    code: int
    data: _struct_pb2.NullValue
    def __init__(self, msg: _Optional[str] = ..., code: _Optional[int] = ..., data: _Optional[_Union[_struct_pb2.NullValue, str]] = ...) -> None: ...

class AuditJoinRequestRequest(_message.Message):
    __slots__ = ("status", "read_id", "group_ids")
    STATUS_FIELD_NUMBER: _ClassVar[int]
    READ_ID_FIELD_NUMBER: _ClassVar[int]
    GROUP_IDS_FIELD_NUMBER: _ClassVar[int]
    status: int
    read_id: int
    group_ids: _containers.RepeatedScalarFieldContainer[int]
    def __init__(self, status: _Optional[int] = ..., read_id: _Optional[int] = ..., group_ids: _Optional[_Iterable[int]] = ...) -> None: ...

class AuditJoinRequestResponse(_message.Message):
    __slots__ = ("msg", "code", "data")
    MSG_FIELD_NUMBER: _ClassVar[int]
    CODE_FIELD_NUMBER: _ClassVar[int]
    DATA_FIELD_NUMBER: _ClassVar[int]
    msg: str
    code: int
    data: _struct_pb2.NullValue
    def __init__(self, msg: _Optional[str] = ..., code: _Optional[int] = ..., data: _Optional[_Union[_struct_pb2.NullValue, str]] = ...) -> None: ...

class ApplyImGroupRequest(_message.Message):
    __slots__ = ("group_id", "reason")
    GROUP_ID_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    group_id: int
    reason: str
    def __init__(self, group_id: _Optional[int] = ..., reason: _Optional[str] = ...) -> None: ...

class ApplyImGroupResponse(_message.Message):
    __slots__ = ("code", "data", "message")
    CODE_FIELD_NUMBER: _ClassVar[int]
    DATA_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    code: int
    data: _im_pb2.ImUserResult
    message: _struct_pb2.NullValue
    def __init__(self, code: _Optional[int] = ..., data: _Optional[_Union[_im_pb2.ImUserResult, _Mapping]] = ..., message: _Optional[_Union[_struct_pb2.NullValue, str]] = ...) -> None: ...

class HandleImApplicationRequest(_message.Message):
    __slots__ = ("approval", "group_id", "user_id")
    APPROVAL_FIELD_NUMBER: _ClassVar[int]
    GROUP_ID_FIELD_NUMBER: _ClassVar[int]
    USER_ID_FIELD_NUMBER: _ClassVar[int]
    approval: bool
    group_id: int
    user_id: int
    def __init__(self, approval: _Optional[bool] = ..., group_id: _Optional[int] = ..., user_id: _Optional[int] = ...) -> None: ...

class HandleImApplicationResponse(_message.Message):
    __slots__ = ("code", "data", "message")
    CODE_FIELD_NUMBER: _ClassVar[int]
    DATA_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    code: int
    data: _im_pb2.ImUserResult
    message: _struct_pb2.NullValue
    def __init__(self, code: _Optional[int] = ..., data: _Optional[_Union[_im_pb2.ImUserResult, _Mapping]] = ..., message: _Optional[_Union[_struct_pb2.NullValue, str]] = ...) -> None: ...

class ApplicationFilter(_message.Message):
    __slots__ = ("group_list",)
    GROUP_LIST_FIELD_NUMBER: _ClassVar[int]
    group_list: _containers.RepeatedScalarFieldContainer[int]
    def __init__(self, group_list: _Optional[_Iterable[int]] = ...) -> None: ...

class ListImApplicationsRequest(_message.Message):
    __slots__ = ("cursor", "limit", "version", "filter")
    CURSOR_FIELD_NUMBER: _ClassVar[int]
    LIMIT_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    FILTER_FIELD_NUMBER: _ClassVar[int]
    cursor: str
    limit: int
    version: int
    filter: ApplicationFilter
    def __init__(self, cursor: _Optional[str] = ..., limit: _Optional[int] = ..., version: _Optional[int] = ..., filter: _Optional[_Union[ApplicationFilter, _Mapping]] = ...) -> None: ...

class ImApplication(_message.Message):
    __slots__ = ("applicant_id", "expired_time", "group_id", "reason", "status", "read_id")
    APPLICANT_ID_FIELD_NUMBER: _ClassVar[int]
    EXPIRED_TIME_FIELD_NUMBER: _ClassVar[int]
    GROUP_ID_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    READ_ID_FIELD_NUMBER: _ClassVar[int]
    applicant_id: float
    expired_time: float
    group_id: float
    reason: str
    status: int
    read_id: float
    def __init__(self, applicant_id: _Optional[float] = ..., expired_time: _Optional[float] = ..., group_id: _Optional[float] = ..., reason: _Optional[str] = ..., status: _Optional[int] = ..., read_id: _Optional[float] = ...) -> None: ...

class ListImApplicationsResponse(_message.Message):
    __slots__ = ("code", "cursor", "data", "message", "total", "version")
    CODE_FIELD_NUMBER: _ClassVar[int]
    CURSOR_FIELD_NUMBER: _ClassVar[int]
    DATA_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    TOTAL_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    code: int
    cursor: str
    data: _containers.RepeatedCompositeFieldContainer[ImApplication]
    message: _struct_pb2.NullValue
    total: int
    version: float
    def __init__(self, code: _Optional[int] = ..., cursor: _Optional[str] = ..., data: _Optional[_Iterable[_Union[ImApplication, _Mapping]]] = ..., message: _Optional[_Union[_struct_pb2.NullValue, str]] = ..., total: _Optional[int] = ..., version: _Optional[float] = ...) -> None: ...

class InviteImMembersRequest(_message.Message):
    __slots__ = ("group_id", "reason", "user_list")
    GROUP_ID_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    USER_LIST_FIELD_NUMBER: _ClassVar[int]
    group_id: int
    reason: str
    user_list: _containers.RepeatedScalarFieldContainer[int]
    def __init__(self, group_id: _Optional[int] = ..., reason: _Optional[str] = ..., user_list: _Optional[_Iterable[int]] = ...) -> None: ...

class InviteImMembersResponse(_message.Message):
    __slots__ = ("code", "data", "message")
    CODE_FIELD_NUMBER: _ClassVar[int]
    DATA_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    code: int
    data: _containers.RepeatedCompositeFieldContainer[_im_pb2.ImUserResult]
    message: _struct_pb2.NullValue
    def __init__(self, code: _Optional[int] = ..., data: _Optional[_Iterable[_Union[_im_pb2.ImUserResult, _Mapping]]] = ..., message: _Optional[_Union[_struct_pb2.NullValue, str]] = ...) -> None: ...

class HandleImInvitationRequest(_message.Message):
    __slots__ = ("approval", "group_id", "user_id")
    APPROVAL_FIELD_NUMBER: _ClassVar[int]
    GROUP_ID_FIELD_NUMBER: _ClassVar[int]
    USER_ID_FIELD_NUMBER: _ClassVar[int]
    approval: bool
    group_id: int
    user_id: int
    def __init__(self, approval: _Optional[bool] = ..., group_id: _Optional[int] = ..., user_id: _Optional[int] = ...) -> None: ...

class HandleImInvitationResponse(_message.Message):
    __slots__ = ("code", "data", "message")
    CODE_FIELD_NUMBER: _ClassVar[int]
    DATA_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    code: int
    data: bool
    message: _struct_pb2.NullValue
    def __init__(self, code: _Optional[int] = ..., data: _Optional[bool] = ..., message: _Optional[_Union[_struct_pb2.NullValue, str]] = ...) -> None: ...

class ListImInvitationsRequest(_message.Message):
    __slots__ = ("cursor", "limit", "version")
    CURSOR_FIELD_NUMBER: _ClassVar[int]
    LIMIT_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    cursor: str
    limit: int
    version: int
    def __init__(self, cursor: _Optional[str] = ..., limit: _Optional[int] = ..., version: _Optional[int] = ...) -> None: ...

class ImInvitation(_message.Message):
    __slots__ = ("expired_time", "group_id", "invitee_id", "inviter_id", "reason", "status", "updated_at")
    EXPIRED_TIME_FIELD_NUMBER: _ClassVar[int]
    GROUP_ID_FIELD_NUMBER: _ClassVar[int]
    INVITEE_ID_FIELD_NUMBER: _ClassVar[int]
    INVITER_ID_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    UPDATED_AT_FIELD_NUMBER: _ClassVar[int]
    expired_time: float
    group_id: float
    invitee_id: float
    inviter_id: float
    reason: str
    status: int
    updated_at: str
    def __init__(self, expired_time: _Optional[float] = ..., group_id: _Optional[float] = ..., invitee_id: _Optional[float] = ..., inviter_id: _Optional[float] = ..., reason: _Optional[str] = ..., status: _Optional[int] = ..., updated_at: _Optional[str] = ...) -> None: ...

class ListImInvitationsResponse(_message.Message):
    __slots__ = ("code", "cursor", "data", "message", "total", "version")
    CODE_FIELD_NUMBER: _ClassVar[int]
    CURSOR_FIELD_NUMBER: _ClassVar[int]
    DATA_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    TOTAL_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    code: int
    cursor: str
    data: _containers.RepeatedCompositeFieldContainer[ImInvitation]
    message: _struct_pb2.NullValue
    total: int
    version: float
    def __init__(self, code: _Optional[int] = ..., cursor: _Optional[str] = ..., data: _Optional[_Iterable[_Union[ImInvitation, _Mapping]]] = ..., message: _Optional[_Union[_struct_pb2.NullValue, str]] = ..., total: _Optional[int] = ..., version: _Optional[float] = ...) -> None: ...

class SignImGroupQrCodeRequest(_message.Message):
    __slots__ = ("group_id",)
    GROUP_ID_FIELD_NUMBER: _ClassVar[int]
    group_id: int
    def __init__(self, group_id: _Optional[int] = ...) -> None: ...

class ImQrCode(_message.Message):
    __slots__ = ("create_at", "expire_at", "qr_info", "expired")
    CREATE_AT_FIELD_NUMBER: _ClassVar[int]
    EXPIRE_AT_FIELD_NUMBER: _ClassVar[int]
    QR_INFO_FIELD_NUMBER: _ClassVar[int]
    EXPIRED_FIELD_NUMBER: _ClassVar[int]
    create_at: float
    expire_at: float
    qr_info: str
    expired: float
    def __init__(self, create_at: _Optional[float] = ..., expire_at: _Optional[float] = ..., qr_info: _Optional[str] = ..., expired: _Optional[float] = ...) -> None: ...

class SignImGroupQrCodeResponse(_message.Message):
    __slots__ = ("code", "data", "message")
    CODE_FIELD_NUMBER: _ClassVar[int]
    DATA_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    code: int
    data: ImQrCode
    message: _struct_pb2.NullValue
    def __init__(self, code: _Optional[int] = ..., data: _Optional[_Union[ImQrCode, _Mapping]] = ..., message: _Optional[_Union[_struct_pb2.NullValue, str]] = ...) -> None: ...

class JoinImGroupByQrCodeRequest(_message.Message):
    __slots__ = ("qr_info",)
    QR_INFO_FIELD_NUMBER: _ClassVar[int]
    qr_info: str
    def __init__(self, qr_info: _Optional[str] = ...) -> None: ...

class JoinImGroupByQrCodeResponse(_message.Message):
    __slots__ = ("code", "data", "message")
    CODE_FIELD_NUMBER: _ClassVar[int]
    DATA_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    code: int
    data: _im_pb2.ImGroupInfo
    message: _struct_pb2.NullValue
    def __init__(self, code: _Optional[int] = ..., data: _Optional[_Union[_im_pb2.ImGroupInfo, _Mapping]] = ..., message: _Optional[_Union[_struct_pb2.NullValue, str]] = ...) -> None: ...

class BlockImMembersRequest(_message.Message):
    __slots__ = ("group_id", "user_list")
    GROUP_ID_FIELD_NUMBER: _ClassVar[int]
    USER_LIST_FIELD_NUMBER: _ClassVar[int]
    group_id: int
    user_list: _containers.RepeatedScalarFieldContainer[int]
    def __init__(self, group_id: _Optional[int] = ..., user_list: _Optional[_Iterable[int]] = ...) -> None: ...

class BlockImMembersResponse(_message.Message):
    __slots__ = ("code", "data", "message")
    CODE_FIELD_NUMBER: _ClassVar[int]
    DATA_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    code: int
    data: _containers.RepeatedCompositeFieldContainer[_im_pb2.ImUserResult]
    message: _struct_pb2.NullValue
    def __init__(self, code: _Optional[int] = ..., data: _Optional[_Iterable[_Union[_im_pb2.ImUserResult, _Mapping]]] = ..., message: _Optional[_Union[_struct_pb2.NullValue, str]] = ...) -> None: ...

class UnblockImMembersRequest(_message.Message):
    __slots__ = ("group_id", "user_list")
    GROUP_ID_FIELD_NUMBER: _ClassVar[int]
    USER_LIST_FIELD_NUMBER: _ClassVar[int]
    group_id: int
    user_list: _containers.RepeatedScalarFieldContainer[int]
    def __init__(self, group_id: _Optional[int] = ..., user_list: _Optional[_Iterable[int]] = ...) -> None: ...

class UnblockImMembersResponse(_message.Message):
    __slots__ = ("code", "data", "message")
    CODE_FIELD_NUMBER: _ClassVar[int]
    DATA_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    code: int
    data: _containers.RepeatedCompositeFieldContainer[_im_pb2.ImUserResult]
    message: _struct_pb2.NullValue
    def __init__(self, code: _Optional[int] = ..., data: _Optional[_Iterable[_Union[_im_pb2.ImUserResult, _Mapping]]] = ..., message: _Optional[_Union[_struct_pb2.NullValue, str]] = ...) -> None: ...

class ListImBlockedUsersRequest(_message.Message):
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

class ImBlockedUser(_message.Message):
    __slots__ = ("created_at", "group_id", "user_id")
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    GROUP_ID_FIELD_NUMBER: _ClassVar[int]
    USER_ID_FIELD_NUMBER: _ClassVar[int]
    created_at: str
    group_id: float
    user_id: float
    def __init__(self, created_at: _Optional[str] = ..., group_id: _Optional[float] = ..., user_id: _Optional[float] = ...) -> None: ...

class ListImBlockedUsersResponse(_message.Message):
    __slots__ = ("code", "cursor", "data", "message", "total", "version")
    CODE_FIELD_NUMBER: _ClassVar[int]
    CURSOR_FIELD_NUMBER: _ClassVar[int]
    DATA_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    TOTAL_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    code: int
    cursor: str
    data: _containers.RepeatedCompositeFieldContainer[ImBlockedUser]
    message: _struct_pb2.NullValue
    total: int
    version: float
    def __init__(self, code: _Optional[int] = ..., cursor: _Optional[str] = ..., data: _Optional[_Iterable[_Union[ImBlockedUser, _Mapping]]] = ..., message: _Optional[_Union[_struct_pb2.NullValue, str]] = ..., total: _Optional[int] = ..., version: _Optional[float] = ...) -> None: ...
