"""Shared group files: metadata only (the bytes live at the url), and its rules."""

from dataclasses import dataclass
from urllib.parse import urlsplit

from server.domain import errors
from server.domain.model import Role
from server.domain.texts import check_clean, extension

MAX_NAME_LENGTH = 255
MAX_URL_LENGTH = 2048
MAX_TYPE_LENGTH = 255  # MIME types: RFC 6838 allows 127 + "/" + 127; Office ones are 71-73
MAX_SIZE = 2**53 - 1  # bytes; every size stays an exact JSON number
LIST_MAX = 1000  # the list has no paging: at most this many, newest first


@dataclass
class GroupFile:
    id: int
    group_id: int
    group_im_id: int
    uploader_id: int
    name: str
    size: int
    type: str
    url: str
    created_at: int
    updated_at: int


def check_name(name: str) -> str:
    if not name.strip():
        raise errors.InvalidArgument("name 不能为空", field="name")
    check_clean(name, "name", MAX_NAME_LENGTH)
    return name


def check_url(url: str) -> str:
    """An absolute http(s) url with a host, of bounded length."""
    if not url:
        raise errors.InvalidArgument("url 不能为空", field="url")
    check_clean(url, "url", MAX_URL_LENGTH)
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError:
        host = None
        parts = None
    if parts is None or parts.scheme.lower() not in ("http", "https") or not host or any(c.isspace() for c in url):
        raise errors.InvalidArgument("url 必须是 http 或 https 地址", field="url")
    return url


def check_size(size: int | None) -> int:
    if size is None:
        raise errors.InvalidArgument("size 不能为空", field="size")
    if not 0 <= size <= MAX_SIZE:
        raise errors.InvalidArgument(f"size 必须在 0 到 {MAX_SIZE} 之间", field="size")
    return size


def file_type(given: str, name: str) -> str:
    """The type the uploader sent, else the name's extension, else ""."""
    if given:
        check_clean(given, "type", MAX_TYPE_LENGTH)
        return given
    return extension(name) or ""


def may_change(actor_id: int, role: Role, file: GroupFile) -> bool:
    """The uploader, and the group's owner and admins, rename and delete a file."""
    return file.uploader_id == actor_id or role >= Role.ADMIN
