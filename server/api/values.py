"""Small converters shared by the dialect mappers."""

import time
from functools import lru_cache

from google.protobuf import struct_pb2
from google.protobuf.descriptor import FieldDescriptor
from google.protobuf.message import Message

from server.domain import ids

NULL = struct_pb2.Value(null_value=struct_pb2.NULL_VALUE)


VIEW_CACHE_SIZE = 4096


def memoized_view(builder):
    """A view builder memoized on its arguments, which must be plain values (ints, strings,
    None): the message is a pure function of them, so a cached one is always right and no
    write ever has to invalidate it. Hot lists repeat the same rows request after request,
    and building a nested message costs several times copying a built one.

    The message returned is shared: callers only copy it into a parent (a keyword argument,
    a repeated field's append or extend, CopyFrom) or hand it to gRPC to serialize (a unary
    answer, a streamed list element), never change it."""
    return lru_cache(maxsize=VIEW_CACHE_SIZE)(builder)


def given(request, field: str):
    """An optional (presence-tracking) field: its value when the client sent it, else None."""
    return getattr(request, field) if request.HasField(field) else None


def nullable(text: str | None) -> struct_pb2.Value:
    """A string, or JSON null."""
    return NULL if text is None else struct_pb2.Value(string_value=text)


def struct_value(data: dict | None) -> struct_pb2.Value:
    """An object, or JSON null."""
    if data is None:
        return NULL
    value = struct_pb2.Value()
    value.struct_value.update(data)
    return value


def list_value(items: list[dict]) -> struct_pb2.ListValue:
    values = struct_pb2.ListValue()
    values.extend(items)
    return values


@lru_cache(maxsize=16384)  # the same rows' times are printed again and again; formatting was ~10 % of a detail
def datetime_text(ms: int) -> str:
    """Community and circles times: "YYYY-MM-DD HH:MM:SS" in UTC."""
    return time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(ms // 1000))


_INTEGER_TYPES = frozenset(
    {
        FieldDescriptor.TYPE_INT64, FieldDescriptor.TYPE_UINT64, FieldDescriptor.TYPE_SINT64,
        FieldDescriptor.TYPE_FIXED64, FieldDescriptor.TYPE_SFIXED64, FieldDescriptor.TYPE_INT32,
        FieldDescriptor.TYPE_UINT32, FieldDescriptor.TYPE_SINT32, FieldDescriptor.TYPE_FIXED32,
        FieldDescriptor.TYPE_SFIXED32,
    }
)


def check_numbers(message, prefix: str = "") -> None:
    """Every integer a request carries (path, query or body; nested and repeated too) within
    ids.MAX_NUMBER, else 400 naming the field. Called once per request, where values enter."""
    if not isinstance(message, Message):
        return
    for field, value in message.ListFields():
        name = prefix + field.name
        if field.type in _INTEGER_TYPES:
            numbers = value if field.is_repeated else (value,)
            for number in numbers:
                ids.check_number(number, name)
        elif field.type == FieldDescriptor.TYPE_MESSAGE and not field.message_type.GetOptions().map_entry:
            if field.message_type.full_name.startswith("google.protobuf."):
                continue  # Struct, Value, wrappers: free-form JSON, checked where used
            for item in value if field.is_repeated else (value,):
                check_numbers(item, name + ".")
