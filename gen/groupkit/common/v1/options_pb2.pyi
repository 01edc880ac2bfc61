from google.protobuf import descriptor_pb2 as _descriptor_pb2
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class Dialect(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    DIALECT_UNSPECIFIED: _ClassVar[Dialect]
    DIALECT_COMMUNITY: _ClassVar[Dialect]
    DIALECT_CIRCLES: _ClassVar[Dialect]
    DIALECT_IM: _ClassVar[Dialect]
DIALECT_UNSPECIFIED: Dialect
DIALECT_COMMUNITY: Dialect
DIALECT_CIRCLES: Dialect
DIALECT_IM: Dialect
ROUTE_FIELD_NUMBER: _ClassVar[int]
route: _descriptor.FieldDescriptor

class RouteOptions(_message.Message):
    __slots__ = ("dialect", "success_status", "public", "json_array_of")
    DIALECT_FIELD_NUMBER: _ClassVar[int]
    SUCCESS_STATUS_FIELD_NUMBER: _ClassVar[int]
    PUBLIC_FIELD_NUMBER: _ClassVar[int]
    JSON_ARRAY_OF_FIELD_NUMBER: _ClassVar[int]
    dialect: Dialect
    success_status: int
    public: bool
    json_array_of: str
    def __init__(self, dialect: _Optional[_Union[Dialect, str]] = ..., success_status: _Optional[int] = ..., public: _Optional[bool] = ..., json_array_of: _Optional[str] = ...) -> None: ...
