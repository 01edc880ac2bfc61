"""What most use cases start with: the group a request names, the caller's rank in it,
and whether the users it names may be acted on."""

from dataclasses import dataclass

from server.domain import errors
from server.domain import policies as rules
from server.domain.model import Group, Member, Principal, Role


def require_group_id(value: int, field: str = "group_id") -> int:
    """A group id the client must send (0 is what an absent proto3 field reads as)."""
    if value <= 0:
        raise errors.InvalidArgument(f"{field} 不能为空", field=field)
    return value


def group_or_404(group: Group | None) -> Group:
    if group is None:
        raise errors.NotFound("群不存在")
    return group


def group_seen_by(store, actor: Principal, ref: int, *, im_id_only: bool = False) -> tuple[Group, Member | None]:
    """For a read: the group a request names (by primary key or IM id; by IM id only with
    im_id_only) and the caller's membership of it, found together; 404 when no such group."""
    group, member = store.group_with_member(ref, actor.user_id, im_id_only=im_id_only)
    return group_or_404(group), member


def role_of(store, actor: Principal, group: Group) -> Role | None:
    """The caller's rank in the group (None for an outsider)."""
    return rules.effective_role(actor, group, store.member(group.id, actor.user_id))


@dataclass
class UserDirectory:
    """Users live in the identity provider: any positive id is a user, whose profile fills in
    when a token of theirs or the user sync brings one. A deployment that syncs every user
    ahead sets USERS_MUST_EXIST=1, and then an id never seen here is refused."""

    must_exist: bool = False


USER_DIRECTORY = UserDirectory()


def unknown_users(store, user_ids: list[int]) -> set[int]:
    """The ids to refuse as unknown: none unless the directory says users must exist."""
    if not USER_DIRECTORY.must_exist:
        return set()
    known = store.users(user_ids)
    return {uid for uid in user_ids if uid not in known}


def known_users(store, user_ids: list[int], field: str) -> None:
    """Refuses the whole call when any of the users is unknown (see UserDirectory)."""
    unknown = unknown_users(store, user_ids)
    if unknown:
        raise errors.InvalidArgument(f"用户不存在: {', '.join(map(str, sorted(unknown)))}", field=field)
