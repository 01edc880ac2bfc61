from google.protobuf import struct_pb2 as _struct_pb2
from groupkit.group.v1 import im_pb2 as _im_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class RemoveMembersRequest(_message.Message):
    __slots__ = ("group_id", "members")
    GROUP_ID_FIELD_NUMBER: _ClassVar[int]
    MEMBERS_FIELD_NUMBER: _ClassVar[int]
    group_id: int
    members: _containers.RepeatedScalarFieldContainer[int]
    def __init__(self, group_id: _Optional[int] = ..., members: _Optional[_Iterable[int]] = ...) -> None: ...

class RemoveMembersResponse(_message.Message):
    __slots__ = ("msg", "code", "data")
    MSG_FIELD_NUMBER: _ClassVar[int]
    CODE_FIELD_NUMBER: _ClassVar[int]
    DATA_FIELD_NUMBER: _ClassVar[int]
    msg: str
    code: int
    data: _struct_pb2.NullValue
    def __init__(self, msg: _Optional[str] = ..., code: _Optional[int] = ..., data: _Optional[_Union[_struct_pb2.NullValue, str]] = ...) -> None: ...

class QuitGroupRequest(_message.Message):
    __slots__ = ("id",)
    ID_FIELD_NUMBER: _ClassVar[int]
    id: int
    def __init__(self, id: _Optional[int] = ...) -> None: ...

class QuitGroupResponse(_message.Message):
    __slots__ = ("msg", "code", "data")
    MSG_FIELD_NUMBER: _ClassVar[int]
    CODE_FIELD_NUMBER: _ClassVar[int]
    DATA_FIELD_NUMBER: _ClassVar[int]
    msg: str
    code: int
    data: _struct_pb2.NullValue
    def __init__(self, msg: _Optional[str] = ..., code: _Optional[int] = ..., data: _Optional[_Union[_struct_pb2.NullValue, str]] = ...) -> None: ...

class TransferGroupRequest(_message.Message):
    __slots__ = ("id", "user_id")
    ID_FIELD_NUMBER: _ClassVar[int]
    USER_ID_FIELD_NUMBER: _ClassVar[int]
    id: int
    user_id: int
    def __init__(self, id: _Optional[int] = ..., user_id: _Optional[int] = ...) -> None: ...

class TransferGroupResponse(_message.Message):
    __slots__ = ("msg", "code", "data")
    MSG_FIELD_NUMBER: _ClassVar[int]
    CODE_FIELD_NUMBER: _ClassVar[int]
    DATA_FIELD_NUMBER: _ClassVar[int]
    msg: str
    code: int
    data: _struct_pb2.NullValue
    def __init__(self, msg: _Optional[str] = ..., code: _Optional[int] = ..., data: _Optional[_Union[_struct_pb2.NullValue, str]] = ...) -> None: ...

class DismissGroupRequest(_message.Message):
    __slots__ = ("id",)
    ID_FIELD_NUMBER: _ClassVar[int]
    id: int
    def __init__(self, id: _Optional[int] = ...) -> None: ...

class DismissGroupResponse(_message.Message):
    __slots__ = ("msg", "code", "data")
    MSG_FIELD_NUMBER: _ClassVar[int]
    CODE_FIELD_NUMBER: _ClassVar[int]
    DATA_FIELD_NUMBER: _ClassVar[int]
    msg: str
    code: int
    data: _struct_pb2.NullValue
    def __init__(self, msg: _Optional[str] = ..., code: _Optional[int] = ..., data: _Optional[_Union[_struct_pb2.NullValue, str]] = ...) -> None: ...

class QuitCommunityRequest(_message.Message):
    __slots__ = ("id", "groups")
    ID_FIELD_NUMBER: _ClassVar[int]
    GROUPS_FIELD_NUMBER: _ClassVar[int]
    id: int
    groups: _containers.RepeatedScalarFieldContainer[int]
    def __init__(self, id: _Optional[int] = ..., groups: _Optional[_Iterable[int]] = ...) -> None: ...

class QuitCommunityResponse(_message.Message):
    __slots__ = ("msg", "code", "data")
    MSG_FIELD_NUMBER: _ClassVar[int]
    CODE_FIELD_NUMBER: _ClassVar[int]
    DATA_FIELD_NUMBER: _ClassVar[int]
    msg: str
    code: int
    data: _struct_pb2.NullValue
    def __init__(self, msg: _Optional[str] = ..., code: _Optional[int] = ..., data: _Optional[_Union[_struct_pb2.NullValue, str]] = ...) -> None: ...

class KickImMembersRequest(_message.Message):
    __slots__ = ("group_id", "user_list")
    GROUP_ID_FIELD_NUMBER: _ClassVar[int]
    USER_LIST_FIELD_NUMBER: _ClassVar[int]
    group_id: int
    user_list: _containers.RepeatedScalarFieldContainer[int]
    def __init__(self, group_id: _Optional[int] = ..., user_list: _Optional[_Iterable[int]] = ...) -> None: ...

class KickImMembersResponse(_message.Message):
    __slots__ = ("code", "data", "message")
    CODE_FIELD_NUMBER: _ClassVar[int]
    DATA_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    code: int
    data: _containers.RepeatedCompositeFieldContainer[_im_pb2.ImUserResult]
    message: _struct_pb2.NullValue
    def __init__(self, code: _Optional[int] = ..., data: _Optional[_Iterable[_Union[_im_pb2.ImUserResult, _Mapping]]] = ..., message: _Optional[_Union[_struct_pb2.NullValue, str]] = ...) -> None: ...

class LeaveImGroupRequest(_message.Message):
    __slots__ = ("group_id",)
    GROUP_ID_FIELD_NUMBER: _ClassVar[int]
    group_id: int
    def __init__(self, group_id: _Optional[int] = ...) -> None: ...

class LeaveImGroupResponse(_message.Message):
    __slots__ = ("code", "data", "message")
    CODE_FIELD_NUMBER: _ClassVar[int]
    DATA_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    code: int
    data: bool
    message: _struct_pb2.NullValue
    def __init__(self, code: _Optional[int] = ..., data: _Optional[bool] = ..., message: _Optional[_Union[_struct_pb2.NullValue, str]] = ...) -> None: ...

class TransferImGroupRequest(_message.Message):
    __slots__ = ("group_id", "new_owner")
    GROUP_ID_FIELD_NUMBER: _ClassVar[int]
    NEW_OWNER_FIELD_NUMBER: _ClassVar[int]
    group_id: int
    new_owner: int
    def __init__(self, group_id: _Optional[int] = ..., new_owner: _Optional[int] = ...) -> None: ...

class TransferImGroupResponse(_message.Message):
    __slots__ = ("code", "data", "message")
    CODE_FIELD_NUMBER: _ClassVar[int]
    DATA_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    code: int
    data: _im_pb2.ImUserResult
    message: _struct_pb2.NullValue
    def __init__(self, code: _Optional[int] = ..., data: _Optional[_Union[_im_pb2.ImUserResult, _Mapping]] = ..., message: _Optional[_Union[_struct_pb2.NullValue, str]] = ...) -> None: ...

class DestroyImGroupRequest(_message.Message):
    __slots__ = ("group_id",)
    GROUP_ID_FIELD_NUMBER: _ClassVar[int]
    group_id: int
    def __init__(self, group_id: _Optional[int] = ...) -> None: ...

class DestroyImGroupResponse(_message.Message):
    __slots__ = ("code", "data", "message")
    CODE_FIELD_NUMBER: _ClassVar[int]
    DATA_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    code: int
    data: bool
    message: _struct_pb2.NullValue
    def __init__(self, code: _Optional[int] = ..., data: _Optional[bool] = ..., message: _Optional[_Union[_struct_pb2.NullValue, str]] = ...) -> None: ...
