"""Who may do what in a group, and the limits of each grade: the one place these rules live."""

from dataclasses import dataclass

from server.domain import errors
from server.domain.model import FOREVER, ApplyApproval, Group, JoinRequest, Member, Principal, RequestStatus, Role, Silence
from server.domain.texts import check_clean


@dataclass(frozen=True)
class Grade:
    level: int
    max_members: int
    max_admins: int


# Level 1 is every new group's; upgrades (issue: community upgrade rules) raise it.
BASE_GRADE = Grade(level=1, max_members=500, max_admins=4)

MAX_BATCH = 100  # user or group ids in one call
MAX_NAME_LENGTH = 128
MAX_URL_LENGTH = 512
MAX_TEXT_LENGTH = 2000


def effective_role(principal: Principal, group: Group, member: Member | None) -> Role | None:
    """The caller's rank in the group: an admin token acting for this group counts as
    its administrator; otherwise the membership decides (None for an outsider)."""
    if principal.is_app_admin and principal.acting_admin_of_im_group == group.im_id:
        return Role.OWNER if member is not None and member.role == Role.OWNER else Role.ADMIN
    return member.role if member is not None else None


def require_member(role: Role | None) -> Role:
    if role is None:
        raise errors.PermissionDenied("你不是该群成员")
    return role


def require_manager(role: Role | None) -> Role:
    if role is None or role < Role.ADMIN:
        raise errors.PermissionDenied("仅群主或管理员可以操作")
    return role


def require_info_editor(role: Role | None, group: Group) -> Role:
    """Owners and admins edit a group's information; members too while member_modify is on."""
    role = require_member(role)
    if role < Role.ADMIN and not group.member_modify:
        raise errors.PermissionDenied("仅群主或管理员可以修改群信息")
    return role


def outranks(actor: Role, target: Role) -> bool:
    """Nobody acts on someone of equal or higher rank."""
    return actor > target


def check_member_limit(current: int, adding: int, limit: int, field: str = "members") -> None:
    """No way into a group (create, invite, join, approval) passes its member limit."""
    if current + adding > limit:
        raise errors.LimitReached(f"群成员已达上限 {limit} 人", field=field)


def check_capacity(group: Group, adding: int) -> None:
    check_member_limit(group.member_count, adding, group.max_members)


def silence_status(group: Group, viewer: Member | None, now: int) -> int:
    """The community dialect's 0 free / 1 everyone muted / 2 muted alone. Owners and admins
    still speak while everyone is muted."""
    if viewer is None:
        return Silence.FREE
    if viewer.muted(now):
        return Silence.MUTED_ALONE
    if group.everyone_muted(now) and viewer.role < Role.ADMIN:
        return Silence.EVERYONE_MUTED
    return Silence.FREE


def check_text(value: str | None, field: str, limit: int) -> None:
    """Optional text up to limit characters; NUL, which PostgreSQL cannot store, is refused."""
    if value is not None:
        check_clean(value, field, limit)


def check_batch(ids: list[int], field: str, required: bool = True) -> list[int]:
    """De-duplicates ids, keeping order; refuses empty (when required), oversized and non-positive lists."""
    if required and not ids:
        raise errors.InvalidArgument(f"{field} 不能为空", field=field)
    if len(ids) > MAX_BATCH:
        raise errors.InvalidArgument(f"{field} 一次最多 {MAX_BATCH} 个", field=field)
    if any(i <= 0 for i in ids):
        raise errors.InvalidArgument(f"{field} 含有无效的 id", field=field)
    return list(dict.fromkeys(ids))


# ---- exits: removing, leaving, transferring, dismissing ----


def removal_refusal(actor_id: int, actor_role: Role, target: Member) -> str | None:
    """Why the caller may not remove this member, or None when it may: nobody removes
    themselves (they leave instead), and only a higher rank removes a lower one."""
    if target.user_id == actor_id:
        return "不能移除自己，请退出群"
    if not outranks(actor_role, target.role):
        return "不能移除群主或同级管理员"
    return None


def check_may_leave(member: Member) -> None:
    """A group always has an owner: the owner hands the group over before leaving."""
    if member.role == Role.OWNER:
        raise errors.FailedPrecondition("群主需先转让群主身份才能退出")


def require_owner(role: Role | None) -> Role:
    if role != Role.OWNER:
        raise errors.PermissionDenied("仅群主可以操作")
    return role


def require_dismisser(principal: Principal, group: Group, role: Role | None) -> None:
    """The owner dismisses a group; so does an app admin token acting for that group."""
    acting = principal.is_app_admin and principal.acting_admin_of_im_group == group.im_id
    if role != Role.OWNER and not acting:
        raise errors.PermissionDenied("仅群主可以解散群")


def check_transfer_target(target: Member | None) -> Member:
    """Ownership goes to another member of the group (MaxIM 605)."""
    if target is None:
        raise errors.FailedPrecondition("群主只能转让给群成员")
    if target.role == Role.OWNER:
        raise errors.InvalidArgument("该用户已经是群主")
    return target


def may_release_from_community(community_role: Role | None, group: Group, actor_id: int) -> bool:
    """A group leaves a community on the word of the community's owner or admins, or its own owner."""
    return (community_role is not None and community_role >= Role.ADMIN) or group.owner_id == actor_id


# ---- membership: invitations, applications, QR codes, block list ----

JOIN_REQUEST_TTL_MS = 7 * 24 * 3600 * 1000  # applications and invitations stay pending this long
QR_CODE_TTL_MS = 7 * 24 * 3600 * 1000


def require_inviter(role: Role | None, group: Group) -> Role:
    """Owners and admins invite; members too while member_invite is on."""
    role = require_member(role)
    if role < Role.ADMIN and not group.member_invite:
        raise errors.PermissionDenied("仅群主或管理员可以邀请入群")
    return role


def joins_at_once(group: Group) -> bool:
    """Whether an applicant joins without approval; refuses when the group takes no applications."""
    if group.apply_approval == ApplyApproval.CLOSED:
        raise errors.PermissionDenied("该群不允许申请加入")
    return group.apply_approval == ApplyApproval.OPEN


def check_pending(request: JoinRequest, now_ms: int) -> None:
    """An application or invitation is handled once, and only before it expires."""
    if request.status != RequestStatus.PENDING:
        raise errors.AlreadyExists("该请求已处理")
    if request.expired(now_ms):
        raise errors.FailedPrecondition("该请求已过期")


def block_refusal(actor_id: int, actor_role: Role, user_id: int, target: Member | None) -> str | None:
    """Why the caller may not block this user, or None when it may: never oneself, and a
    member only from a higher rank (so never the owner)."""
    if user_id == actor_id:
        return "不能拉黑自己"
    if target is not None and not outranks(actor_role, target.role):
        return "不能拉黑群主或同级管理员"
    return None


# Per-member settings (member_settings capability)
FLAGS = (0, 1)
MSG_MUTE_MODES = (0, 1, 2)  # none, no local notifications, no messages
MSG_PUSH_MODES = (0, 1, 2, 3, 4)  # all, none, admins and @, admins only, @ only


def check_choice(value: int | None, field: str, choices: tuple[int, ...]) -> None:
    if value is not None and value not in choices:
        raise errors.InvalidArgument(f"{field} 只能是 {', '.join(map(str, choices))}", field=field)


def require_own_membership(actor_id: int, member: Member) -> Member:
    """A member's nickname, background and chat settings are theirs alone: not even the owner sets them."""
    if member.user_id != actor_id:
        raise errors.PermissionDenied("只能修改自己的群成员设置")
    return member


# ---- moderation: admins, mutes, settings ----

MINUTE_MS = 60_000
MAX_MUTE_MINUTES = 100 * 365 * 24 * 60  # keeps every expiry an exact JSON number
SETTING_VALUES = {
    "member_invite": (False, True),
    "member_modify": (False, True),
    "read_ack": (False, True),
    "history_visible": (False, True),
    "hide_member_info": (False, True),
    "apply_approval": (0, 1, 2),
    "search_mode": (0, 1, 2),
}


def admin_change_refusal(target: Member | None) -> errors.DomainError | None:
    """Why a user cannot be made or unmade an admin, or None: only members, never the owner."""
    if target is None:
        return errors.NotFound("用户不是该群成员")
    if target.role == Role.OWNER:
        return errors.InvalidArgument("不能设置或取消群主的管理员身份")
    return None


def admin_room(group: Group, admins_now: int) -> int:
    """How many more admins the group's grade allows."""
    return max(0, group.max_admins - admins_now)


def admin_limit_error(group: Group) -> errors.LimitReached:
    return errors.LimitReached(f"管理员已达上限 {group.max_admins} 人", field="users")


def mute_refusal(actor_role: Role, target: Member | None) -> errors.DomainError | None:
    """Why the caller may not mute or unmute a user, or None: members of a lower rank only."""
    if target is None:
        return errors.NotFound("用户不是该群成员")
    if not outranks(actor_role, target.role):
        return errors.PermissionDenied("不能禁言或解禁群主或同级管理员")
    return None


def mute_until(now_ms: int, minutes: int) -> int:
    """The absolute end (ms) of a mute lasting minutes; -1 mutes until lifted."""
    if minutes == FOREVER:
        return FOREVER
    if not 0 < minutes <= MAX_MUTE_MINUTES:
        raise errors.InvalidArgument(f"duration 必须是 1 到 {MAX_MUTE_MINUTES} 分钟，或 -1 (永久)", field="duration")
    return now_ms + minutes * MINUTE_MS


def check_setting(setting: str, value, field: str) -> None:
    if value is None:
        raise errors.InvalidArgument(f"{field} 不能为空", field=field)
    if value not in SETTING_VALUES[setting]:
        raise errors.InvalidArgument(f"{field} 只能是 {'/'.join(map(str, SETTING_VALUES[setting]))}", field=field)
