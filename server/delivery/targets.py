"""Which URLs may be called: absolute http(s) URLs whose host resolves only to public
addresses. Private, loopback, link-local and other special addresses are refused unless
WEBHOOK_ALLOW_PRIVATE=1 (tests and closed networks), checked when a URL is stored and again
before each request, which then connects to the address it checked: a name that resolves
elsewhere later (DNS rebinding) cannot move a request inside."""

import ipaddress
import socket
from urllib.parse import urlsplit

from server.domain import errors

MAX_URL_LENGTH = 2048


class Targets:
    allow_private = False


TARGETS = Targets()


def _is_public(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%")[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


def check_url(url: str, field: str = "url") -> str:
    """url if it may be called, else errors.InvalidArgument naming field."""
    address(url, field)
    return url


def address(url: str, field: str = "url") -> str | None:
    """The checked IP address to connect to for url (None: any, WEBHOOK_ALLOW_PRIVATE=1), so
    the name cannot resolve elsewhere between the check and the connection (DNS rebinding);
    errors.InvalidArgument naming field when url may not be called."""
    if not url or len(url) > MAX_URL_LENGTH or any(c.isspace() for c in url):
        raise errors.InvalidArgument("url 必须是 2048 个字符以内的 http(s) 地址", field=field)
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise errors.InvalidArgument("url 必须是 2048 个字符以内的 http(s) 地址", field=field)
    try:
        parts.port  # noqa: B018 - raises on a bad port
    except ValueError:
        raise errors.InvalidArgument("url 的端口无效", field=field) from None
    if TARGETS.allow_private:
        return None
    try:
        infos = socket.getaddrinfo(parts.hostname, parts.port or 443, proto=socket.IPPROTO_TCP)
    except OSError:
        raise errors.InvalidArgument("url 的主机无法解析", field=field) from None
    if not infos or not all(_is_public(info[4][0]) for info in infos):
        raise errors.InvalidArgument("url 指向内网或回环地址（WEBHOOK_ALLOW_PRIVATE=1 才允许）", field=field)
    return infos[0][4][0]
