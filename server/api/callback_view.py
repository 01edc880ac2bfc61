"""What a veto callback is told about the request: the RPC's request as proto JSON, with a raw
REST body (google.api.HttpBody: the circles' JSON, form or multipart bodies) parsed into its
fields and an uploaded file shown by name, type and size, never its bytes."""

from google.protobuf import json_format

from server.api.forms import Upload, parse_body
from server.domain import errors


def _plain(value):
    if isinstance(value, Upload):
        return {"filename": value.filename, "content_type": value.content_type, "size": len(value.data)}
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value


def request_json(request) -> dict:
    view = json_format.MessageToDict(request, preserving_proto_field_name=True)
    for field, _value in request.ListFields():
        if field.message_type is not None and field.message_type.full_name == "google.api.HttpBody":
            try:
                view[field.name] = _plain(parse_body(getattr(request, field.name)))
            except errors.DomainError:
                view[field.name] = {}
    return view
