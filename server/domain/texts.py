"""Rules for free text that clients store and read back exactly."""

from server.domain import errors


def check_clean(value: str, field: str, limit: int) -> None:
    """Any Unicode text up to limit characters, kept exactly as sent; only NUL, which no
    database column stores, is refused."""
    if len(value) > limit:
        raise errors.InvalidArgument(f"{field} 不能超过 {limit} 个字符", field=field)
    if "\x00" in value:
        raise errors.InvalidArgument(f"{field} 不能包含 NUL 字符", field=field)


def extension(name: str) -> str | None:
    """A file name's extension in lower case, without the dot ("报告.PDF" → "pdf"); None
    when the name has none (no dot, a leading dot only, or a trailing dot)."""
    base = name.rsplit("/", 1)[-1]
    stem, dot, ext = base.rpartition(".")
    if not dot or not stem or not ext or len(ext) > 16 or any(c.isspace() for c in ext):
        return None
    return ext.lower()
