"""The range every number a client sends must fall in before it reaches storage.

Ids, counts, limits, offsets and times all fit a JSON number exactly (|n| <= 2^53 - 1);
anything larger is refused as invalid input (400), never passed to the database, where
a value past 64 bits overflows (SQLite) or fails a cast (PostgreSQL)."""

from server.domain import errors

MAX_NUMBER = 2**53 - 1


def in_range(value: int) -> bool:
    return -MAX_NUMBER <= value <= MAX_NUMBER


def check_number(value: int, field: str) -> int:
    if not in_range(value):
        raise errors.InvalidArgument(f"{field} 超出范围", field=field)
    return value


def parse_digits(text: str, field: str, message: str | None = None) -> int:
    """A non-negative integer written in ASCII digits, at most MAX_NUMBER; else 400."""
    if not (text.isascii() and text.isdigit()) or len(text) > 16 or int(text) > MAX_NUMBER:
        raise errors.InvalidArgument(message or f"{field} 必须是不超过 {MAX_NUMBER} 的非负整数", field=field)
    return int(text)
