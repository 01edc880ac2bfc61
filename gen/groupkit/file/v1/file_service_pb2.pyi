from google.api import annotations_pb2 as _annotations_pb2
from google.protobuf import struct_pb2 as _struct_pb2
from groupkit.common.v1 import options_pb2 as _options_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class ImGroupFile(_message.Message):
    __slots__ = ("created_at", "file_id", "group_id", "name", "size", "type", "updated_at", "uploader", "url")
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    FILE_ID_FIELD_NUMBER: _ClassVar[int]
    GROUP_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    SIZE_FIELD_NUMBER: _ClassVar[int]
    TYPE_FIELD_NUMBER: _ClassVar[int]
    UPDATED_AT_FIELD_NUMBER: _ClassVar[int]
    UPLOADER_FIELD_NUMBER: _ClassVar[int]
    URL_FIELD_NUMBER: _ClassVar[int]
    created_at: float
    file_id: float
    group_id: float
    name: str
    size: float
    type: str
    updated_at: float
    uploader: float
    url: str
    def __init__(self, created_at: _Optional[float] = ..., file_id: _Optional[float] = ..., group_id: _Optional[float] = ..., name: _Optional[str] = ..., size: _Optional[float] = ..., type: _Optional[str] = ..., updated_at: _Optional[float] = ..., uploader: _Optional[float] = ..., url: _Optional[str] = ...) -> None: ...

class ImFileResult(_message.Message):
    __slots__ = ("file_id", "reason", "result")
    FILE_ID_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    RESULT_FIELD_NUMBER: _ClassVar[int]
    file_id: float
    reason: _struct_pb2.Value
    result: str
    def __init__(self, file_id: _Optional[float] = ..., reason: _Optional[_Union[_struct_pb2.Value, _Mapping]] = ..., result: _Optional[str] = ...) -> None: ...

class GetImGroupFileRequest(_message.Message):
    __slots__ = ("file_id", "group_id")
    FILE_ID_FIELD_NUMBER: _ClassVar[int]
    GROUP_ID_FIELD_NUMBER: _ClassVar[int]
    file_id: int
    group_id: int
    def __init__(self, file_id: _Optional[int] = ..., group_id: _Optional[int] = ...) -> None: ...

class GetImGroupFileResponse(_message.Message):
    __slots__ = ("code", "data", "message")
    CODE_FIELD_NUMBER: _ClassVar[int]
    DATA_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    code: int
    data: ImGroupFile
    message: _struct_pb2.NullValue
    def __init__(self, code: _Optional[int] = ..., data: _Optional[_Union[ImGroupFile, _Mapping]] = ..., message: _Optional[_Union[_struct_pb2.NullValue, str]] = ...) -> None: ...

class DeleteImGroupFilesRequest(_message.Message):
    __slots__ = ("file_list", "group_id")
    FILE_LIST_FIELD_NUMBER: _ClassVar[int]
    GROUP_ID_FIELD_NUMBER: _ClassVar[int]
    file_list: _containers.RepeatedScalarFieldContainer[int]
    group_id: int
    def __init__(self, file_list: _Optional[_Iterable[int]] = ..., group_id: _Optional[int] = ...) -> None: ...

class DeleteImGroupFilesResponse(_message.Message):
    __slots__ = ("code", "data", "message")
    CODE_FIELD_NUMBER: _ClassVar[int]
    DATA_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    code: int
    data: _containers.RepeatedCompositeFieldContainer[ImFileResult]
    message: _struct_pb2.NullValue
    def __init__(self, code: _Optional[int] = ..., data: _Optional[_Iterable[_Union[ImFileResult, _Mapping]]] = ..., message: _Optional[_Union[_struct_pb2.NullValue, str]] = ...) -> None: ...

class ListImGroupFilesRequest(_message.Message):
    __slots__ = ("group_id",)
    GROUP_ID_FIELD_NUMBER: _ClassVar[int]
    group_id: int
    def __init__(self, group_id: _Optional[int] = ...) -> None: ...

class ListImGroupFilesResponse(_message.Message):
    __slots__ = ("code", "data", "message")
    CODE_FIELD_NUMBER: _ClassVar[int]
    DATA_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    code: int
    data: _containers.RepeatedCompositeFieldContainer[ImGroupFile]
    message: _struct_pb2.NullValue
    def __init__(self, code: _Optional[int] = ..., data: _Optional[_Iterable[_Union[ImGroupFile, _Mapping]]] = ..., message: _Optional[_Union[_struct_pb2.NullValue, str]] = ...) -> None: ...

class RenameImGroupFileRequest(_message.Message):
    __slots__ = ("file_id", "group_id", "name")
    FILE_ID_FIELD_NUMBER: _ClassVar[int]
    GROUP_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    file_id: int
    group_id: int
    name: str
    def __init__(self, file_id: _Optional[int] = ..., group_id: _Optional[int] = ..., name: _Optional[str] = ...) -> None: ...

class RenameImGroupFileResponse(_message.Message):
    __slots__ = ("code", "data", "message")
    CODE_FIELD_NUMBER: _ClassVar[int]
    DATA_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    code: int
    data: bool
    message: _struct_pb2.NullValue
    def __init__(self, code: _Optional[int] = ..., data: _Optional[bool] = ..., message: _Optional[_Union[_struct_pb2.NullValue, str]] = ...) -> None: ...

class UploadImGroupFileRequest(_message.Message):
    __slots__ = ("group_id", "name", "size", "type", "url")
    GROUP_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    SIZE_FIELD_NUMBER: _ClassVar[int]
    TYPE_FIELD_NUMBER: _ClassVar[int]
    URL_FIELD_NUMBER: _ClassVar[int]
    group_id: int
    name: str
    size: int
    type: str
    url: str
    def __init__(self, group_id: _Optional[int] = ..., name: _Optional[str] = ..., size: _Optional[int] = ..., type: _Optional[str] = ..., url: _Optional[str] = ...) -> None: ...

class UploadImGroupFileResponse(_message.Message):
    __slots__ = ("code", "data", "message")
    CODE_FIELD_NUMBER: _ClassVar[int]
    DATA_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    code: int
    data: ImGroupFile
    message: _struct_pb2.NullValue
    def __init__(self, code: _Optional[int] = ..., data: _Optional[_Union[ImGroupFile, _Mapping]] = ..., message: _Optional[_Union[_struct_pb2.NullValue, str]] = ...) -> None: ...
