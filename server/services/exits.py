"""Exit use cases for both group dialects: removing members, leaving, transferring
ownership, dismissing a group, and groups leaving a community. Each runs in one
transaction that keeps member_count and group_count true."""

from server.domain import errors
from server.domain import policies as rules
from server.domain.model import Group, GroupKind, ItemResult, Member, Principal, Role
from server.services.clock import now_ms
from server.services.emit import change, group_event, users
from server.services.lookup import group_or_404, require_group_id, role_of


class ImGroupId(int):
    """A group named the im dialect's way: by its IM group id only. A plain int is a
    community-dialect reference: the primary key or the IM groupid."""


def _find(store, ref: int, *, lock: bool = False) -> Group:
    found = store.group_by_im_id(ref, lock=lock) if isinstance(ref, ImGroupId) else store.group_by_ref(ref, lock=lock)
    return group_or_404(found)


BY_USER = "user"  # im: targets are user ids, each bad one fails alone
BY_MEMBERSHIP = "membership"  # community: targets are membership ids, any bad one refuses the call


def kick(uow, actor: Principal, group_ref: int, ids: list[int], *, named_by: str) -> list[ItemResult]:
    """Owners and admins remove members they outrank. named_by=BY_USER (im) judges each user
    alone; named_by=BY_MEMBERSHIP (community) removes every membership or none. Results are
    one per id, in the order given."""
    field = "user_list" if named_by == BY_USER else "members"
    require_group_id(group_ref)
    ids = rules.check_batch(ids, field)
    now = now_ms()
    with uow.write(actor.app) as store:
        group = _find(store, group_ref, lock=True)
        role = rules.require_manager(role_of(store, actor, group))
        if named_by == BY_USER:
            found = store.members_by_user_ids(group.id, ids)
        else:
            found = store.members_by_ids(group.id, ids)
            if missing := [i for i in ids if i not in found]:
                raise errors.NotFound(f"成员不存在: {', '.join(map(str, missing))}", field=field)
        results = [_judge(actor, role, i, found.get(i)) for i in ids]
        if named_by == BY_MEMBERSHIP and (refused := next((r for r in results if not r.ok), None)):
            raise errors.PermissionDenied(refused.reason)
        removing = [found[r.id].user_id for r in results if r.ok]
        store.remove_members(group.id, removing, now)
        if removing:
            group_event(store, "group.member.kicked", group, target=users(removing), user_ids=removing)
    return results


def _judge(actor: Principal, role: Role, item_id: int, target: Member | None) -> ItemResult:
    if target is None:
        return ItemResult(item_id, False, "用户不是群成员")
    refusal = rules.removal_refusal(actor.user_id, role, target)
    return ItemResult(item_id, refusal is None, refusal)


def leave(uow, actor: Principal, group_ref: int) -> None:
    """The caller leaves the group (their role goes with the membership); the owner transfers first."""
    require_group_id(group_ref)
    with uow.write(actor.app) as store:
        _leave(store, actor, _find(store, group_ref, lock=True))


def quit_membership(uow, actor: Principal, ref: int) -> None:
    """The community dialect's quit: ref is the caller's own membership id, or the group's
    14-digit IM groupid (far above any membership id). A group's primary key is not
    accepted: it would be ambiguous with membership ids."""
    if ref <= 0:
        raise errors.InvalidArgument("id 不能为空", field="id")
    with uow.write(actor.app) as store:
        membership = store.member_by_id(ref)
        if membership is None:
            group = store.group_by_im_id(ref, lock=True)
        elif membership.user_id != actor.user_id:
            raise errors.PermissionDenied("只能退出自己加入的群")
        else:
            group = store.group(membership.group_id, lock=True)
        _leave(store, actor, group_or_404(group))


def _leave(store, actor: Principal, group: Group) -> None:
    member = store.member(group.id, actor.user_id)
    if member is None:
        raise errors.PermissionDenied("你不是该群成员")
    rules.check_may_leave(member)
    store.remove_members(group.id, [actor.user_id], now_ms())
    group_event(store, "group.member.left", group, target=f"user:{actor.user_id}", user_ids=[actor.user_id])


def transfer(uow, actor: Principal, group_ref: int, new_owner_id: int) -> int:
    """The owner hands the group to a member, who becomes the owner while the old owner takes
    the member's previous role. Returns the new owner's user id."""
    require_group_id(group_ref)
    if new_owner_id <= 0:
        raise errors.InvalidArgument("新群主不能为空")
    now = now_ms()
    with uow.write(actor.app) as store:
        group = _find(store, group_ref, lock=True)
        rules.require_owner(role_of(store, actor, group))
        target = rules.check_transfer_target(store.member(group.id, new_owner_id))
        store.set_roles(group.id, [group.owner_id], target.role, now)
        store.set_roles(group.id, [target.user_id], Role.OWNER, now)
        store.update_group(group.id, owner_id=target.user_id, updated_at=now)
        group_event(store, "group.owner.transferred", group, target=f"user:{target.user_id}",
                    changes=[change("owner_id", group.owner_id, target.user_id)])
    return target.user_id


def dismiss(uow, actor: Principal, group_ref: int) -> None:
    """Dissolves a group: every membership ends, its notices and shared files are deleted,
    and it disappears from every read. A community releases its groups; a group inside a
    community is uncounted there."""
    require_group_id(group_ref)
    now = now_ms()
    with uow.write(actor.app) as store:
        group = _lock_with_community(store, group_ref)
        rules.require_dismisser(actor, group, role_of(store, actor, group))
        if group.kind == GroupKind.COMMUNITY:
            store.release_groups(group.id, None, now)
        if group.comm_id:
            store.release_groups(group.comm_id, [group.id], now)
        store.dissolve_group(group.id, now)
        store.delete_group_notices(group.id)
        store.delete_group_files(group.id)
        group_event(store, "group.dismissed", group, kind=group.kind)


def _lock_with_community(store, group_ref: int) -> Group:
    """Locks a group and the community holding it, community first: every use case that
    locks both takes them in that order, so two of them never wait on each other."""
    peek = _find(store, group_ref)
    if peek.comm_id:
        store.group(peek.comm_id, lock=True)
    group = _find(store, group_ref, lock=True)
    if group.comm_id != peek.comm_id:
        raise errors.FailedPrecondition("群所属社区刚刚变更，请重试")
    return group


def quit_community(uow, actor: Principal, community_ref: int, group_refs: list[int]) -> None:
    """Groups leave a community, all or none, on the word of the community's owner or admins
    or of each group's own owner."""
    require_group_id(community_ref)
    group_refs = rules.check_batch(group_refs, "groups")
    now = now_ms()
    with uow.write(actor.app) as store:
        community = _find(store, community_ref, lock=True)
        if community.kind != GroupKind.COMMUNITY:
            raise errors.InvalidArgument("id 必须是社区 id", field="id")
        community_role = rules.effective_role(actor, community, store.member(community.id, actor.user_id))
        leaving = [_find(store, ref, lock=True) for ref in sorted(group_refs)]
        if any(not rules.may_release_from_community(community_role, g, actor.user_id) for g in leaving):
            raise errors.PermissionDenied("仅社区群主、管理员或该群群主可以操作")
        if outside := [str(g.id) for g in leaving if g.comm_id != community.id]:
            raise errors.InvalidArgument(f"群不在该社区中: {', '.join(outside)}", field="groups")
        store.release_groups(community.id, [g.id for g in leaving], now)
        group_event(store, "group.community.left", community, group_ids=[g.id for g in leaving])


