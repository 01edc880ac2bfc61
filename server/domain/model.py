"""Entities of the group domain, as plain dataclasses."""

from dataclasses import dataclass, field
from enum import IntEnum


class Role(IntEnum):
    """A member's rank in a group; a higher rank outranks a lower one."""

    MEMBER = 0
    ADMIN = 1
    OWNER = 2


class GroupKind:
    GROUP = "group"
    COMMUNITY = "community"
    ALL = (GROUP, COMMUNITY)


class ImType:
    """An im group's `type`: 0 private and 2 chat room (document 003); 1 public, which the
    MaxIM web SDK's create dialog sends for 是否公开 (the vendor's schema allows 0-2), and 3
    the SDK's new chat session. Stored and answered back; only the value differs."""

    PRIVATE = 0
    PUBLIC = 1
    CHAT_ROOM = 2
    SESSION = 3
    ALL = (PRIVATE, PUBLIC, CHAT_ROOM, SESSION)


class Silence:
    """A member's silence_status as the community dialect reports it."""

    FREE = 0
    EVERYONE_MUTED = 1
    MUTED_ALONE = 2


FOREVER = -1  # a ban or mute with no end


class SearchMode:
    """How a group can be found (the community dialect's 查找方式)."""

    HIDDEN = 0  # 不允许被搜索
    KEYWORD = 1  # 通过群号或关键词: also listed as public
    NUMBER = 2  # 仅可通过群号


@dataclass(frozen=True)
class Principal:
    """Who is calling: a user of one app, possibly an app admin, possibly acting as a
    group's administrator (im header group_id on an admin token)."""

    app: str
    user_id: int
    is_app_admin: bool = False
    acting_admin_of_im_group: int | None = None


@dataclass
class UserProfile:
    user_id: int
    name: str = ""
    avatar: str | None = None


@dataclass
class Group:
    id: int
    app: str
    im_id: int
    number: int
    kind: str
    im_type: int
    name: str | None
    avatar: str | None
    describe: str | None
    background: str | None
    ext: str
    owner_id: int
    grade: int
    max_members: int
    max_admins: int
    member_count: int
    group_count: int
    comm_id: int
    apply_approval: int
    member_invite: bool
    member_modify: bool
    history_visible: bool
    read_ack: bool
    ban_all_until: int
    origin: int
    excellent: int
    dynamic_count: int
    status: int
    created_at: int
    updated_at: int
    search_mode: int = SearchMode.KEYWORD
    hide_member_info: bool = False  # im setting (upstream MaxIM): clients hide members' details from plain members

    def everyone_muted(self, now_ms: int) -> bool:
        return self.ban_all_until == FOREVER or self.ban_all_until > now_ms


@dataclass
class ChatSetting:
    msg_top: int = 0
    msg_disturb: int = 0
    accept: int = 0
    shielding: int = 0


@dataclass
class Member:
    id: int
    group_id: int
    user_id: int
    role: Role
    grade: int
    nickname: str | None
    chat_bgd: str | None
    chat: ChatSetting
    msg_mute_mode: int
    msg_push_mode: int
    muted_until: int
    status: int
    created_at: int
    updated_at: int
    user: UserProfile | None = None

    def muted(self, now_ms: int) -> bool:
        return self.muted_until == FOREVER or self.muted_until > now_ms


@dataclass
class Membership:
    """A group seen from one of its members."""

    group: Group
    member: Member


@dataclass(frozen=True, slots=True)
class JoinedGroup:
    """One line of a user's group list: only what the list shows (issue 20: a user in thousands
    of groups costs a few µs per line, not a group and a member built per line)."""

    id: int
    name: str | None
    avatar: str | None
    im_id: int
    role: int


@dataclass
class GroupDetail:
    group: Group
    owner: UserProfile
    first_members: list[Member]
    viewer: Member | None
    silence_status: int
    everyone_muted: bool
    # Communities only: the groups inside, and the viewer's owned groups that may apply
    # or have joined.
    groups: list[Group] | None = None
    may_apply_groups: list[Group] | None = None
    has_joined_groups: list[Group] | None = None


@dataclass(frozen=True)
class ItemResult:
    """One item's outcome in a batch: applied, or refused with a reason."""

    id: int
    ok: bool
    reason: str | None = None


@dataclass
class MemberPage:
    members: list[Member]
    next_cursor: str
    total: int


@dataclass
class GroupSection:
    key: str
    groups: list[Membership] = field(default_factory=list)


# ---- membership ----


class ApplyApproval:
    """How a group takes applications (im apply_approval)."""

    OPEN = 0  # applicants join at once
    BY_ADMINS = 1  # owners or admins approve each application
    CLOSED = 2  # no applications


class RequestStatus:
    """The state of an application or an invitation."""

    PENDING = 0
    APPROVED = 1  # invitations: accepted
    REFUSED = 2  # invitations: declined


@dataclass
class JoinRequest:
    """An application or an invitation; stays pending until handled or expired_time passes."""

    id: int
    group_id: int
    group_im_id: int
    status: int
    expired_time: int
    reason: str
    updated_at: int

    def expired(self, now_ms: int) -> bool:
        return self.status == RequestStatus.PENDING and self.expired_time <= now_ms


@dataclass
class Application(JoinRequest):
    applicant_id: int = 0
    group_ids: list[int] = field(default_factory=list)  # a community application: the groups applying


@dataclass
class Invitation(JoinRequest):
    inviter_id: int = 0
    invitee_id: int = 0


@dataclass
class BlockEntry:
    id: int
    group_im_id: int
    user_id: int
    created_at: int


@dataclass
class QrCode:
    create_at: int
    expire_at: int
    qr_info: str


@dataclass
class Page:
    """One page of a keyset-paginated list."""

    items: list
    next_cursor: str
    total: int
