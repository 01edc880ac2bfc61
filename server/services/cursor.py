"""Opaque page cursors: a keyset position, base64 so clients do not build their own."""

import base64
import binascii

from server.domain import errors


def encode(kind: str, position: int) -> str:
    return base64.urlsafe_b64encode(f"{kind}:{position}".encode()).decode().rstrip("=")


def decode(kind: str, cursor: str) -> int:
    """The position in a cursor of this kind; 0 for an empty cursor (the first page)."""
    if not cursor:
        return 0
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        prefix, _, position = raw.partition(":")
        if prefix != kind:
            raise ValueError(prefix)
        value = int(position)
        if value < 0:
            raise ValueError(value)
        return value
    except (ValueError, binascii.Error, UnicodeDecodeError):
        raise errors.InvalidArgument("cursor 无效", field="cursor") from None
