from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Optional as _Optional

DESCRIPTOR: _descriptor.FileDescriptor

class UpsertUserRequest(_message.Message):
    __slots__ = ("user_id", "name", "avatar")
    USER_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    AVATAR_FIELD_NUMBER: _ClassVar[int]
    user_id: int
    name: str
    avatar: str
    def __init__(self, user_id: _Optional[int] = ..., name: _Optional[str] = ..., avatar: _Optional[str] = ...) -> None: ...

class UpsertUserResponse(_message.Message):
    __slots__ = ("created",)
    CREATED_FIELD_NUMBER: _ClassVar[int]
    created: bool
    def __init__(self, created: _Optional[bool] = ...) -> None: ...
