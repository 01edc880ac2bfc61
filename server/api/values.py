"""Small converters shared by the dialect mappers."""

import time
from functools import lru_cache

from google.protobuf import struct_pb2

NULL = struct_pb2.Value(null_value=struct_pb2.NULL_VALUE)


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
