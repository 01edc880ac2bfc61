"""Request bodies as the circles' clients send them: JSON, application/x-www-form-urlencoded
and multipart/form-data (files become Upload values). Form keys follow PHP's bracket
convention (tags[0][id]=1, tags[][id]=1, permissions[]=founder); empty strings are null,
as Laravel's ConvertEmptyStringsToNull makes them."""

import json
import re
from email import policy
from email.parser import BytesParser
from urllib.parse import parse_qsl

from server.domain import errors
from server.services.circles import Upload

_KEY = re.compile(r"^([^\[\]]+)((?:\[[^\[\]]*\])*)$")


def parse_body(http_body) -> dict:
    content_type = (http_body.content_type or "").lower()
    data = http_body.data
    if not data.strip():
        return {}
    if content_type.startswith("multipart/form-data"):
        return _nest(_multipart(http_body.content_type, data))
    if content_type.startswith("application/x-www-form-urlencoded"):
        try:
            pairs = parse_qsl(data.decode("utf-8"), keep_blank_values=True, strict_parsing=False)
        except UnicodeDecodeError:
            raise errors.InvalidArgument("请求体不是有效的 UTF-8", field="body") from None
        return _nest(pairs)
    try:
        body = json.loads(data)
    except (ValueError, UnicodeDecodeError):
        raise errors.InvalidArgument("请求体不是有效的 JSON", field="body") from None
    if not isinstance(body, dict):
        raise errors.InvalidArgument("请求体必须是一个 JSON 对象", field="body")
    return {k: (None if v == "" else v) for k, v in body.items()}


def _multipart(content_type: str, data: bytes) -> list[tuple[str, object]]:
    message = BytesParser(policy=policy.HTTP).parsebytes(
        b"Content-Type: " + content_type.encode("latin-1", "replace") + b"\r\n\r\n" + data
    )
    if not message.is_multipart():
        raise errors.InvalidArgument("multipart 请求体无法解析", field="body")
    pairs = []
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        if not name:
            continue
        payload = part.get_payload(decode=True) or b""
        filename = part.get_filename()
        if filename is not None:
            pairs.append((name, Upload(filename, part.get_content_type(), payload)))
        else:
            try:
                pairs.append((name, payload.decode("utf-8")))
            except UnicodeDecodeError:
                raise errors.InvalidArgument(f"{name} 不是有效的 UTF-8", field=name) from None
    return pairs


def _nest(pairs) -> dict:
    result: dict = {}
    for key, value in pairs:
        if value == "":
            value = None
        match = _KEY.match(key)
        if match is None:
            result[key] = value
            continue
        path = [match.group(1)] + re.findall(r"\[([^\[\]]*)\]", match.group(2))
        _put(result, path, value)
    return {k: _listify(v) for k, v in result.items()}


def _put(node: dict, path: list[str], value) -> None:
    head, rest = path[0], path[1:]
    if not rest:
        node[head] = value
        return
    child = node.get(head)
    if not isinstance(child, dict):
        child = {}
        node[head] = child
    if rest[0] == "":  # "[]" appends a new element
        rest = [str(len(child))] + rest[1:]
    _put(child, rest, value)


def _listify(value):
    """Dicts whose keys are 0..n-1 become lists, as PHP arrays serialize."""
    if isinstance(value, dict):
        value = {k: _listify(v) for k, v in value.items()}
        if value and all(k.isdigit() for k in value) and sorted(int(k) for k in value) == list(range(len(value))):
            return [value[str(i)] for i in range(len(value))]
    return value
