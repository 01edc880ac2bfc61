"""The transcoder's JSON, rendered by the server, for REST routes whose answer is a top-level
array (the circles dialect's lists).

The transcoder renders a top-level array only from a server-streaming RPC, one gRPC message and
one transcoded frame per element: on a circle list that cost more than the read itself. So such a
route is served by a sibling RPC returning google.api.HttpBody (RouteOptions.json_array_of) whose
body this module renders exactly as Envoy's transcoder renders the stream: protobuf's JSON printer
(json/internal/unparser.cc, writer.cc) with Envoy's print options, preserve_proto_field_names,
always_print_primitive_fields and always_print_enums_as_ints, and the stream joined as
[element,element]. tests/e2e/test_json_arrays.py compares the bytes with a real transcoder's.
"""

import base64
import math
import re
import struct

from google.api import httpbody_pb2
from google.protobuf.descriptor import FieldDescriptor as F

RENDERED_CACHE_SIZE = 4096
JSON = "application/json"

_INT64 = {F.TYPE_INT64, F.TYPE_SINT64, F.TYPE_SFIXED64, F.TYPE_UINT64, F.TYPE_FIXED64}
_INT32 = {F.TYPE_INT32, F.TYPE_SINT32, F.TYPE_SFIXED32, F.TYPE_UINT32, F.TYPE_FIXED32}
_WRAPPERS = {
    f"google.protobuf.{name}Value"
    for name in ("Double", "Float", "Int64", "UInt64", "Int32", "UInt32", "Bool", "String", "Bytes")
}
_UNSUPPORTED = {"google.protobuf.Any", "google.protobuf.Timestamp", "google.protobuf.Duration", "google.protobuf.FieldMask"}

# The characters protobuf's writer escapes: JSON's own, and those it escapes to keep JavaScript safe.
_ESCAPED = re.compile(
    "[\x00-\x1f\"\\\\<>\x7f-\x9f\u00ad\u0600-\u0603\u06dd\u070f\u17b4\u17b5\u200b-\u200f\u2028-\u202e"
    "\u2060-\u2064\u206a-\u206f\ufeff\ufff9-\ufffb\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f]"
)
_SHORT_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t", '"': '\\"', "\f": "\\f", "\b": "\\b", "\\": "\\\\"}


def json_array(messages) -> httpbody_pb2.HttpBody:
    """The messages as one JSON array, byte for byte what the transcoder makes of a stream of them."""
    body = "[" + ",".join(message_json(message) for message in messages) + "]"
    return httpbody_pb2.HttpBody(content_type=JSON, data=body.encode())


def json_array_of(stream_method):
    """A servicer method answering stream_method's elements as one JSON array (HttpBody). The
    stream runs whole first, so a failure is an error status, never half an array."""

    def method(self, request, context):
        return json_array(stream_method(self, request, context))

    method.__name__ = f"{stream_method.__name__}Json"
    method.__doc__ = f"{stream_method.__name__}, as one JSON array."
    return method


def message_json(message) -> str:
    """One message as the transcoder prints it. Memoized on the message's type and wire bytes:
    list elements repeat request after request, and serializing one costs far less than printing.
    (Printed from the message itself, not parsed back: a parsed map iterates in another order.)"""
    key = (type(message), message.SerializeToString())
    rendered = _rendered.get(key)
    if rendered is None:
        if len(_rendered) >= RENDERED_CACHE_SIZE:
            _rendered.clear()  # rare: the hot lists' elements are soon back
        rendered = _rendered[key] = _message(message)
    return rendered


_rendered: dict[tuple, str] = {}


def _message(message) -> str:
    name = message.DESCRIPTOR.full_name
    if name == "google.protobuf.Value":
        return _value(message)
    if name == "google.protobuf.Struct":
        return _struct(message)
    if name == "google.protobuf.ListValue":
        return _list_value(message)
    if name in _WRAPPERS:
        return _scalar(message.DESCRIPTOR.fields_by_number[1], message.value)
    if name in _UNSUPPORTED:
        raise TypeError(f"{name} is not rendered here: no listed message uses it")
    parts = []
    for field in sorted(message.DESCRIPTOR.fields, key=lambda f: f.number):  # the printer's order
        if not _printed(message, field):
            continue
        parts.append(f'"{field.name}":{_field(message, field)}')
    return "{" + ",".join(parts) + "}"


def _printed(message, field) -> bool:
    """always_print_primitive_fields: repeated fields and fields without presence always; a
    message, oneof member or proto3 optional field only when set, and an empty Value never."""
    if field.is_repeated:
        return True
    if field.has_presence:
        if not message.HasField(field.name):
            return False
        return not (field.message_type is not None and field.message_type.full_name == "google.protobuf.Value"
                    and getattr(message, field.name).WhichOneof("kind") is None)
    return True


def _field(message, field) -> str:
    value = getattr(message, field.name)
    if field.message_type is not None and field.message_type.GetOptions().map_entry:
        value_field = field.message_type.fields_by_name["value"]
        entries = [
            f"{_quoted(str(key).lower() if isinstance(key, bool) else str(key))}:{_scalar(value_field, item)}"
            for key, item in _wire_order(value)
            if not _empty_value(value_field, item)
        ]
        return "{" + ",".join(entries) + "}"
    if field.is_repeated:
        return "[" + ",".join(_scalar(field, item) for item in value if not _empty_value(field, item)) + "]"
    return _scalar(field, value)


def _empty_value(field, item) -> bool:
    return (field.message_type is not None and field.message_type.full_name == "google.protobuf.Value"
            and item.WhichOneof("kind") is None)


def _scalar(field, value) -> str:
    kind = field.type
    if kind == F.TYPE_MESSAGE:
        return _message(value)
    if kind == F.TYPE_STRING:
        return _quoted(value)
    if kind in _INT32:
        return str(value)
    if kind in _INT64:
        return f'"{value}"'
    if kind == F.TYPE_DOUBLE:
        return _double(value)
    if kind == F.TYPE_FLOAT:
        return _float(value)
    if kind == F.TYPE_BOOL:
        return "true" if value else "false"
    if kind == F.TYPE_ENUM:
        return "null" if field.enum_type.full_name == "google.protobuf.NullValue" else str(value)
    if kind == F.TYPE_BYTES:
        return '"' + base64.b64encode(value).decode() + '"'
    raise TypeError(f"field {field.full_name} of type {kind} is not rendered here")


def _value(value) -> str:
    kind = value.WhichOneof("kind")
    if kind == "null_value":
        return "null"
    if kind == "number_value":
        number = value.number_value
        if not math.isfinite(number):
            raise ValueError("google.protobuf.Value cannot hold NaN or an infinity in JSON")
        return _shortest(number, 15, 17, float)
    if kind == "string_value":
        return _quoted(value.string_value)
    if kind == "bool_value":
        return "true" if value.bool_value else "false"
    if kind == "struct_value":
        return _struct(value.struct_value)
    if kind == "list_value":
        return _list_value(value.list_value)
    raise ValueError("an empty google.protobuf.Value has no JSON (the printer leaves its field out)")


def _struct(message) -> str:
    return "{" + ",".join(
        f"{_quoted(key)}:{_value(item)}" for key, item in _wire_order(message.fields) if item.WhichOneof("kind") is not None
    ) + "}"


def _wire_order(entries) -> list:
    """A map's entries in the order its message serializes them, which is the order the printer
    reads them off the wire: upb's encoder writes backwards, so the last one iterated comes first."""
    return list(entries.items())[::-1]


def _list_value(message) -> str:
    return "[" + ",".join(_value(item) for item in message.values if item.WhichOneof("kind") is not None) + "]"


def _double(number: float) -> str:
    special = _special(number)
    return special or _shortest(number, 15, 17, float)


def _float(number: float) -> str:
    special = _special(number)
    return special or _shortest(number, 6, 9, lambda text: struct.unpack("f", struct.pack("f", float(text)))[0])


def _special(number: float) -> str | None:
    if math.isnan(number):
        return '"NaN"'
    if math.isinf(number):
        return '"Infinity"' if number > 0 else '"-Infinity"'
    return None


def _shortest(number: float, digits: int, more_digits: int, parse) -> str:
    """protobuf's SimpleDtoa / SimpleFtoa: %.15g (%.6g), or %.17g (%.9g) when that does not read back."""
    text = f"%.{digits}g" % number
    if parse(text) != number:
        text = f"%.{more_digits}g" % number
    return text


def _quoted(text: str) -> str:
    return '"' + _ESCAPED.sub(_escape, text) + '"'


def _escape(match) -> str:
    char = match.group()
    short = _SHORT_ESCAPES.get(char)
    if short is not None:
        return short
    point = ord(char)
    if point < 0x10000:
        return f"\\u{point:04x}"
    point -= 0x10000
    return f"\\u{0xd800 + (point >> 10):04x}\\u{0xdc00 + (point & 0x3ff):04x}"
