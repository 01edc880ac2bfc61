"""Opaque page cursors: a keyset position, base64 so clients do not build their own."""

import base64
import binascii

from server.domain import errors, ids


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
        return ids.parse_digits(position, "cursor")
    except (ValueError, binascii.Error, UnicodeDecodeError, errors.InvalidArgument):
        raise errors.InvalidArgument("cursor 无效", field="cursor") from None


def page_limit(limit: int, default: int, maximum: int) -> int:
    """A page size: default when not sent (0), else between 1 and maximum."""
    limit = limit or default
    if not 0 < limit <= maximum:
        raise errors.InvalidArgument(f"limit 必须在 1 到 {maximum} 之间", field="limit")
    return limit


def cut_page(rows: list, limit: int, kind: str) -> tuple[list, str]:
    """rows holds up to limit + 1 items with an id (fetched that way): the extra one says a
    next page exists. Returns the page and the next page's cursor ("" after the last page)."""
    more = len(rows) > limit
    rows = rows[:limit]
    return rows, encode(kind, rows[-1].id) if more else ""
