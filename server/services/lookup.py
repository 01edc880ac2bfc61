"""What most use cases start with: the group a request names, and the caller's rank in it."""

from server.domain import errors
from server.domain import policies as rules
from server.domain.model import Group, Principal, Role


def require_group_id(value: int, field: str = "group_id") -> int:
    """A group id the client must send (0 is what an absent proto3 field reads as)."""
    if value <= 0:
        raise errors.InvalidArgument(f"{field} 不能为空", field=field)
    return value


def group_or_404(group: Group | None) -> Group:
    if group is None:
        raise errors.NotFound("群不存在")
    return group


def role_of(store, actor: Principal, group: Group) -> Role | None:
    """The caller's rank in the group (None for an outsider)."""
    return rules.effective_role(actor, group, store.member(group.id, actor.user_id))


def known_users(store, user_ids: list[int], field: str) -> None:
    """Refuses the call when any of the users is unknown in the app."""
    known = store.users(user_ids)
    unknown = [uid for uid in user_ids if uid not in known]
    if unknown:
        raise errors.InvalidArgument(f"用户不存在: {', '.join(map(str, unknown))}", field=field)
