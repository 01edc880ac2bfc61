"""Circles (ThinkSNS+ 圈子): entities and rules, once for every caller."""

import math
from dataclasses import dataclass, field

from server.domain import errors

PUBLIC, PRIVATE, PAID = "public", "private", "paid"
MODES = (PUBLIC, PRIVATE, PAID)
MODE_LEVEL = {PUBLIC: 1, PRIVATE: 2, PAID: 3}

FOUNDER, ADMINISTRATOR, MEMBER = "founder", "administrator", "member"
ROLES = (MEMBER, ADMINISTRATOR, FOUNDER)
ROLE_LEVEL = {MEMBER: 0, ADMINISTRATOR: 1, FOUNDER: 2}
DEFAULT_PERMISSIONS = "member,administrator,founder"
MAX_ADMINISTRATORS = 5

PENDING, APPROVED, REJECTED, CLOSED = 0, 1, 2, 3
AUDITS = (APPROVED, REJECTED, CLOSED)

MAX_NAME_LENGTH = 100
MAX_TEXT_LENGTH = 10_000
MAX_LOCATION_LENGTH = 255
MAX_MONEY = 100_000_000  # 分: one million yuan
MAX_IDS = 100
MAX_LIMIT = 100


@dataclass
class Circle:
    id: int
    name: str
    user_id: int
    category_id: int
    location: str | None
    longitude: str | None
    latitude: str | None
    geo_hash: str | None
    allow_feed: int
    mode: str
    permissions: str
    money: int
    summary: str | None
    notice: str | None
    users_count: int
    audit: int
    im_group_id: str | None
    avatar: str | None
    created_at: int
    updated_at: int
    posts_count: int = 0
    excellen_posts_count: int = 0


@dataclass
class CircleMember:
    """A membership (audit 1) or a pending application (audit 0)."""

    id: int
    circle_id: int
    user_id: int
    role: str
    audit: int
    paid: int
    created_at: int
    updated_at: int
    disabled: int = 0  # 1 when the user is on the circle's blacklist


@dataclass
class Category:
    id: int
    name: str
    sort_by: int
    status: int
    created_at: int
    updated_at: int


@dataclass
class Tag:
    id: int
    name: str
    tag_category_id: int
    weight: int


@dataclass
class Profile:
    user_id: int
    name: str
    avatar: str | None
    created_at: int | None = None
    updated_at: int | None = None


@dataclass
class Income:
    """An income record of a circle: kind 1 a join fee, 2 a pinned post's fee."""

    id: int
    circle_id: int
    kind: int
    amount: int
    user_id: int
    created_at: int


INCOME_KINDS = {"join": 1, "pinned": 2}


@dataclass
class JoinRequest:
    """A pending application to a circle the viewer runs, with the applicant's profile and
    the circle as the viewer sees it."""

    application: CircleMember
    applicant: Profile
    circle: "CircleView"


@dataclass
class CircleView:
    """A circle as one viewer sees it."""

    circle: Circle
    joined: CircleMember | None = None
    join_at: int | None = None  # the viewer's pending application (user-groups?type=audit)
    incomes: tuple[int, int] | None = None  # (join, pinned) for the founder only
    blacklist_count: int | None = None
    creator: Profile | None = None
    tags: list[Tag] = field(default_factory=list)
    category: Category | None = None
    founder: CircleMember | None = None
    founder_profile: Profile | None = None
    detail: bool = False


# ---- rules ----


def parse_permissions(value, field_name: str = "permissions") -> str:
    """An array of roles or a comma-separated string of them → the stored comma list."""
    if isinstance(value, str):
        items = [p.strip() for p in value.split(",") if p.strip()]
    elif isinstance(value, list) and all(isinstance(p, str) for p in value):
        items = [p.strip() for p in value]
    else:
        raise errors.InvalidArgument("无效的参数", field=field_name)
    if not items:
        raise errors.InvalidArgument("无效的参数", field=field_name)
    if any(p not in ROLES for p in items):
        raise errors.InvalidArgument("无效的发帖权限参数", field=field_name)
    return ",".join(dict.fromkeys(items))


def may_post(circle: Circle, member: CircleMember | None) -> bool:
    return (
        member is not None and member.audit == APPROVED and not member.disabled
        and member.role in circle.permissions.split(",")
    )


def manager_rank(member: CircleMember | None) -> int:
    """The rank of an approved member who is not blacklisted, else -1."""
    if member is None or member.audit != APPROVED or member.disabled:
        return -1
    return ROLE_LEVEL[member.role]


def require_approved_circle(circle: Circle, message: str = "圈子审核未通过或已被禁用,不能进行修改") -> None:
    if circle.audit != APPROVED:
        raise errors.PermissionDenied(message)


def check_mode_change(current: str, new: str) -> None:
    if MODE_LEVEL[new] < MODE_LEVEL[current]:
        raise errors.InvalidArgument("不能修改圈子类型", field="mode")


# ---- coordinates ----

_BASE32 = "0123456789bcdefghjkmnpqrstuvwxyz"
EARTH_RADIUS_KM = 6371.0088
NEARBY_PRECISION = 4  # a cell of about 39 × 19.5 km


def parse_coordinate(text, field_name: str, bound: float) -> float:
    try:
        value = float(text)
    except (TypeError, ValueError):
        raise errors.InvalidArgument(f"{field_name} 必须是数字", field=field_name) from None
    if not math.isfinite(value) or not -bound <= value <= bound:
        raise errors.InvalidArgument(f"{field_name} 必须在 -{bound:g} 到 {bound:g} 之间", field=field_name)
    return value


def geohash(latitude: float, longitude: float, precision: int = 12) -> str:
    """The standard geohash of a point (longitude bits first)."""
    lat_range, lon_range = [-90.0, 90.0], [-180.0, 180.0]
    chars, bits, bit_count, even = [], 0, 0, True
    while len(chars) < precision:
        span, value = (lon_range, longitude) if even else (lat_range, latitude)
        middle = (span[0] + span[1]) / 2
        bits <<= 1
        if value >= middle:
            bits |= 1
            span[0] = middle
        else:
            span[1] = middle
        even = not even
        bit_count += 1
        if bit_count == 5:
            chars.append(_BASE32[bits])
            bits, bit_count = 0, 0
    return "".join(chars)


def nearby_cells(latitude: float, longitude: float, precision: int = NEARBY_PRECISION) -> set[str]:
    """The point's cell and its eight neighbours, so a circle just over an edge is found."""
    lon_bits = (5 * precision + 1) // 2
    lat_bits = 5 * precision // 2
    cell_lat, cell_lon = 180.0 / (1 << lat_bits), 360.0 / (1 << lon_bits)
    cells = set()
    for dlat in (-1, 0, 1):
        lat = latitude + dlat * cell_lat
        if not -90.0 <= lat <= 90.0:
            continue
        for dlon in (-1, 0, 1):
            lon = (longitude + dlon * cell_lon + 540.0) % 360.0 - 180.0
            cells.add(geohash(lat, lon, precision))
    return cells


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def page(limit: int | None, offset: int | None, default: int) -> tuple[int, int]:
    """limit and offset as the circles' lists take them."""
    limit = default if limit is None else limit
    offset = offset or 0
    if not 0 <= limit <= MAX_LIMIT:
        raise errors.InvalidArgument(f"limit 必须在 0 到 {MAX_LIMIT} 之间", field="limit")
    if offset < 0:
        raise errors.InvalidArgument("offset 不能小于 0", field="offset")
    return limit, offset
