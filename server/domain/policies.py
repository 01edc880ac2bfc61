"""Who may do what in a group, and the limits of each grade: the one place these rules live."""

from dataclasses import dataclass

from server.domain import errors
from server.domain.model import Group, Member, Principal, Role


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


def check_capacity(group: Group, adding: int) -> None:
    if group.member_count + adding > group.max_members:
        raise errors.LimitReached(
            f"群成员已达上限 {group.max_members} 人", field="members"
        )


def check_text(value: str | None, field: str, limit: int) -> None:
    if value is not None and len(value) > limit:
        raise errors.InvalidArgument(f"{field} 不能超过 {limit} 个字符", field=field)


def check_batch(ids: list[int], field: str, required: bool = True) -> list[int]:
    """De-duplicates ids, keeping order; refuses empty (when required), oversized and non-positive lists."""
    if required and not ids:
        raise errors.InvalidArgument(f"{field} 不能为空", field=field)
    if len(ids) > MAX_BATCH:
        raise errors.InvalidArgument(f"{field} 一次最多 {MAX_BATCH} 个", field=field)
    if any(i <= 0 for i in ids):
        raise errors.InvalidArgument(f"{field} 含有无效的 id", field=field)
    return list(dict.fromkeys(ids))
