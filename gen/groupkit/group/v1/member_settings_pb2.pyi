from google.protobuf import struct_pb2 as _struct_pb2
from groupkit.group.v1 import im_pb2 as _im_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class SetMemberNicknameRequest(_message.Message):
    __slots__ = ("id", "nickname")
    ID_FIELD_NUMBER: _ClassVar[int]
    NICKNAME_FIELD_NUMBER: _ClassVar[int]
    id: int
    nickname: str
    def __init__(self, id: _Optional[int] = ..., nickname: _Optional[str] = ...) -> None: ...

class SetMemberNicknameResponse(_message.Message):
    __slots__ = ("msg", "code", "data")
    MSG_FIELD_NUMBER: _ClassVar[int]
    CODE_FIELD_NUMBER: _ClassVar[int]
    DATA_FIELD_NUMBER: _ClassVar[int]
    msg: str
    code: int
    data: _struct_pb2.NullValue
    def __init__(self, msg: _Optional[str] = ..., code: _Optional[int] = ..., data: _Optional[_Union[_struct_pb2.NullValue, str]] = ...) -> None: ...

class SetMemberChatBackgroundRequest(_message.Message):
    __slots__ = ("id", "bgd")
    ID_FIELD_NUMBER: _ClassVar[int]
    BGD_FIELD_NUMBER: _ClassVar[int]
    id: int
    bgd: str
    def __init__(self, id: _Optional[int] = ..., bgd: _Optional[str] = ...) -> None: ...

class SetMemberChatBackgroundResponse(_message.Message):
    __slots__ = ("msg", "code", "data")
    MSG_FIELD_NUMBER: _ClassVar[int]
    CODE_FIELD_NUMBER: _ClassVar[int]
    DATA_FIELD_NUMBER: _ClassVar[int]
    msg: str
    code: int
    data: _struct_pb2.NullValue
    def __init__(self, msg: _Optional[str] = ..., code: _Optional[int] = ..., data: _Optional[_Union[_struct_pb2.NullValue, str]] = ...) -> None: ...

class SetMemberChatSettingRequest(_message.Message):
    __slots__ = ("id", "group_id", "msg_top", "msg_disturb", "accept", "shielding")
    ID_FIELD_NUMBER: _ClassVar[int]
    GROUP_ID_FIELD_NUMBER: _ClassVar[int]
    MSG_TOP_FIELD_NUMBER: _ClassVar[int]
    MSG_DISTURB_FIELD_NUMBER: _ClassVar[int]
    ACCEPT_FIELD_NUMBER: _ClassVar[int]
    SHIELDING_FIELD_NUMBER: _ClassVar[int]
    id: int
    group_id: int
    msg_top: int
    msg_disturb: int
    accept: int
    shielding: int
    def __init__(self, id: _Optional[int] = ..., group_id: _Optional[int] = ..., msg_top: _Optional[int] = ..., msg_disturb: _Optional[int] = ..., accept: _Optional[int] = ..., shielding: _Optional[int] = ...) -> None: ...

class SetMemberChatSettingResponse(_message.Message):
    __slots__ = ("msg", "code", "data")
    MSG_FIELD_NUMBER: _ClassVar[int]
    CODE_FIELD_NUMBER: _ClassVar[int]
    DATA_FIELD_NUMBER: _ClassVar[int]
    msg: str
    code: int
    data: _struct_pb2.NullValue
    def __init__(self, msg: _Optional[str] = ..., code: _Optional[int] = ..., data: _Optional[_Union[_struct_pb2.NullValue, str]] = ...) -> None: ...

class SetGroupBackgroundRequest(_message.Message):
    __slots__ = ("id", "background")
    ID_FIELD_NUMBER: _ClassVar[int]
    BACKGROUND_FIELD_NUMBER: _ClassVar[int]
    id: int
    background: str
    def __init__(self, id: _Optional[int] = ..., background: _Optional[str] = ...) -> None: ...

class SetGroupBackgroundResponse(_message.Message):
    __slots__ = ("msg", "code", "data")
    MSG_FIELD_NUMBER: _ClassVar[int]
    CODE_FIELD_NUMBER: _ClassVar[int]
    DATA_FIELD_NUMBER: _ClassVar[int]
    msg: str
    code: int
    data: _struct_pb2.NullValue
    def __init__(self, msg: _Optional[str] = ..., code: _Optional[int] = ..., data: _Optional[_Union[_struct_pb2.NullValue, str]] = ...) -> None: ...

class SetImDisplayNameRequest(_message.Message):
    __slots__ = ("group_id", "value")
    GROUP_ID_FIELD_NUMBER: _ClassVar[int]
    VALUE_FIELD_NUMBER: _ClassVar[int]
    group_id: int
    value: str
    def __init__(self, group_id: _Optional[int] = ..., value: _Optional[str] = ...) -> None: ...

class SetImDisplayNameResponse(_message.Message):
    __slots__ = ("code", "data", "message")
    CODE_FIELD_NUMBER: _ClassVar[int]
    DATA_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    code: int
    data: bool
    message: _struct_pb2.NullValue
    def __init__(self, code: _Optional[int] = ..., data: _Optional[bool] = ..., message: _Optional[_Union[_struct_pb2.NullValue, str]] = ...) -> None: ...

class BatchGetImDisplayNamesRequest(_message.Message):
    __slots__ = ("group_id", "user_list")
    GROUP_ID_FIELD_NUMBER: _ClassVar[int]
    USER_LIST_FIELD_NUMBER: _ClassVar[int]
    group_id: int
    user_list: _containers.RepeatedScalarFieldContainer[int]
    def __init__(self, group_id: _Optional[int] = ..., user_list: _Optional[_Iterable[int]] = ...) -> None: ...

class BatchGetImDisplayNamesResponse(_message.Message):
    __slots__ = ("code", "data", "message")
    CODE_FIELD_NUMBER: _ClassVar[int]
    DATA_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    code: int
    data: _containers.RepeatedCompositeFieldContainer[_im_pb2.ImMember]
    message: _struct_pb2.NullValue
    def __init__(self, code: _Optional[int] = ..., data: _Optional[_Iterable[_Union[_im_pb2.ImMember, _Mapping]]] = ..., message: _Optional[_Union[_struct_pb2.NullValue, str]] = ...) -> None: ...

class SetImMsgMuteModeRequest(_message.Message):
    __slots__ = ("group_id", "msg_mute_mode")
    GROUP_ID_FIELD_NUMBER: _ClassVar[int]
    MSG_MUTE_MODE_FIELD_NUMBER: _ClassVar[int]
    group_id: int
    msg_mute_mode: int
    def __init__(self, group_id: _Optional[int] = ..., msg_mute_mode: _Optional[int] = ...) -> None: ...

class SetImMsgMuteModeResponse(_message.Message):
    __slots__ = ("code", "data", "message")
    CODE_FIELD_NUMBER: _ClassVar[int]
    DATA_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    code: int
    data: _struct_pb2.Struct
    message: _struct_pb2.NullValue
    def __init__(self, code: _Optional[int] = ..., data: _Optional[_Union[_struct_pb2.Struct, _Mapping]] = ..., message: _Optional[_Union[_struct_pb2.NullValue, str]] = ...) -> None: ...

class SetImMsgPushModeRequest(_message.Message):
    __slots__ = ("group_id", "msg_push_mode")
    GROUP_ID_FIELD_NUMBER: _ClassVar[int]
    MSG_PUSH_MODE_FIELD_NUMBER: _ClassVar[int]
    group_id: int
    msg_push_mode: int
    def __init__(self, group_id: _Optional[int] = ..., msg_push_mode: _Optional[int] = ...) -> None: ...

class SetImMsgPushModeResponse(_message.Message):
    __slots__ = ("code", "data", "message")
    CODE_FIELD_NUMBER: _ClassVar[int]
    DATA_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    code: int
    data: _struct_pb2.Struct
    message: _struct_pb2.NullValue
    def __init__(self, code: _Optional[int] = ..., data: _Optional[_Union[_struct_pb2.Struct, _Mapping]] = ..., message: _Optional[_Union[_struct_pb2.NullValue, str]] = ...) -> None: ...
