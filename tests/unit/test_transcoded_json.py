"""server.api.transcoded_json prints as Envoy's transcoder does. The byte-for-byte comparison with
a real transcoder is tests/e2e/test_json_arrays.py; these pin the printer's rules on values the
circles lists cannot hold (the numbers are the transcoder's own output, research/envoy-transcoding.md)."""

import json

import pytest
from google.protobuf import struct_pb2, wrappers_pb2

from groupkit.circle.v1 import circle_pb2 as pb
from server.api.transcoded_json import json_array, message_json


@pytest.mark.parametrize("number, printed", [
    (1e14, "100000000000000"),
    (1e15, "1e+15"),
    (1234567890123456, "1234567890123456"),
    (1e16, "1e+16"),
    (12345678901234567, "12345678901234568"),
    (9007199254740991, "9007199254740991"),
    (200.5, "200.5"),
    (-0.0, "-0"),
    (0.1, "0.1"),
    (1e21, "1e+21"),
    (85674574282753, "85674574282753"),
])
def test_doubles_print_as_protobufs_shortest_form(number, printed):
    assert message_json(wrappers_pb2.DoubleValue(value=number)) == printed
    assert message_json(struct_pb2.Value(number_value=number)) == printed


def test_special_doubles_are_strings_and_floats_lose_precision_as_the_transcoder_shows():
    assert message_json(wrappers_pb2.DoubleValue(value=float("nan"))) == '"NaN"'
    assert message_json(wrappers_pb2.DoubleValue(value=float("-inf"))) == '"-Infinity"'
    assert message_json(wrappers_pb2.FloatValue(value=85674574282753)) == "8.56745732e+13"
    with pytest.raises(ValueError):
        message_json(struct_pb2.Value(number_value=float("inf")))


def test_64_bit_integers_are_strings_32_bit_ones_numbers():
    assert message_json(wrappers_pb2.Int64Value(value=85674574282753)) == '"85674574282753"'
    assert message_json(wrappers_pb2.UInt32Value(value=4294967295)) == "4294967295"
    assert message_json(wrappers_pb2.BytesValue(value=b"\x00\xffab")) == '"AP9hYg=="'


@pytest.mark.parametrize("text, printed", [
    ('"\\/', '"\\"\\\\/"'),
    ("\n\r\t\b\f", '"\\n\\r\\t\\b\\f"'),
    ("\x01\x1f\x7f\x9f", '"\\u0001\\u001f\\u007f\\u009f"'),
    ("<a>&", '"\\u003ca\\u003e&"'),
    ("\u00ad\u2028\u2029\ufeff\u200b", '"\\u00ad\\u2028\\u2029\\ufeff\\u200b"'),
    ("\U0001d173\U000e0001", '"\\ud834\\udd73\\udb40\\udc01"'),
    ("圈子 😀 é", '"圈子 😀 é"'),
])
def test_strings_escape_what_protobufs_writer_escapes(text, printed):
    assert message_json(wrappers_pb2.StringValue(value=text)) == printed


def test_fields_in_number_order_primitives_always_and_unset_messages_never():
    circle = pb.Circle(id=3, name="圈", user_id=7)
    printed = message_json(circle)
    keys = list(json.loads(printed))
    numbers = [pb.Circle.DESCRIPTOR.fields_by_name[key].number for key in keys]
    assert numbers == sorted(numbers)
    assert keys[:4] == ["id", "name", "user_id", "category_id"]
    assert "joined" not in keys and "tags" not in keys  # message fields, not set
    assert '"user_id":7,' in printed and '"money":0' in printed


def test_an_empty_value_is_left_out_and_null_is_null():
    circle = pb.Circle(id=1)
    circle.location.CopyFrom(struct_pb2.Value(null_value=struct_pb2.NULL_VALUE))
    circle.joined.CopyFrom(struct_pb2.Value())  # set, but holding nothing
    circle.tags.values.add()  # an empty element of a list
    circle.tags.values.add(number_value=2)
    printed = json.loads(message_json(circle))
    assert printed["location"] is None and "joined" not in printed and printed["tags"] == [2]


def test_struct_entries_come_in_the_order_the_message_serializes_them():
    value = struct_pb2.Value()
    value.struct_value.update({f"key{n:02d}": n for n in range(12)})
    wire = value.SerializeToString()
    keys = list(json.loads(message_json(value)))
    assert sorted(keys, key=lambda key: wire.index(key.encode())) == keys != sorted(keys)


def test_an_array_is_the_elements_joined_and_a_rendering_is_reused():
    first, second = pb.Category(id=1, name="甲"), pb.Category(id=2, name="乙")
    body = json_array([first, second])
    assert body.content_type == "application/json"
    assert json.loads(body.data) == [json.loads(message_json(first)), json.loads(message_json(second))]
    assert json_array([]).data == b"[]"
    assert message_json(pb.Category(id=1, name="甲")) is message_json(first)
