"""Moderation use cases for both group dialects: admins, mutes (one member's or everyone's),
group settings (the im settings and the community manage tree) and the public list.

Batch calls run in one of two modes: the community dialect's all-or-none (whole=True: the
first refused user raises its error and nothing changes) and the im dialect's per-user
outcomes (whole=False: a refused user fails alone, the rest apply)."""

from collections.abc import Callable

from server.domain import errors, manage_tree
from server.domain import policies as rules
from server.domain.model import FOREVER, Group, ItemResult, Member, MemberPage, Principal, Role
from server.services import cursor
from server.services.clock import now_ms
from server.services.emit import change, group_event, users
from server.services.lookup import group_or_404, require_group_id, role_of

BANNED_PAGE_DEFAULT = 1000
BANNED_PAGE_MAX = 1000
BANNED_CURSOR = "b"
PUBLIC_LIST_MAX = 1000


def _group(store, group_ref: int, *, lock: bool = False) -> Group:
    """A group by primary key or IM id."""
    return group_or_404(store.group_by_ref(require_group_id(group_ref), lock=lock))


def _outcomes(
    user_ids: list[int],
    members: dict[int, Member],
    refusal: Callable[[Member | None], errors.DomainError | None],
    whole: bool,
) -> list[ItemResult]:
    """One outcome per user; with whole=True the first refusal raises instead."""
    results = []
    for uid in user_ids:
        refused = refusal(members.get(uid))
        if refused is not None and whole:
            raise refused
        results.append(ItemResult(uid, refused is None, refused.message if refused else None))
    return results


# Admins


def grant_admins(uow, actor: Principal, group_ref: int, user_ids: list[int], *, whole: bool, field: str) -> list[ItemResult]:
    """The owner makes members admins (admins stay admins). The grade's admin limit always
    holds: all-or-none refuses the whole call, per-user fails those past the limit."""
    user_ids = rules.check_batch(user_ids, field)
    with uow.write(actor.app) as store:
        group = _group(store, group_ref, lock=True)
        rules.require_owner(role_of(store, actor, group))
        members = store.members_by_user_ids(group.id, user_ids)
        results = _outcomes(user_ids, members, rules.admin_change_refusal, whole)
        promoting = [r.id for r in results if r.ok and members[r.id].role == Role.MEMBER]
        room = rules.admin_room(group, store.count_admins(group.id))
        if len(promoting) > room:
            if whole:
                raise rules.admin_limit_error(group)
            past_limit = set(promoting[room:])
            promoting = promoting[:room]
            reason = rules.admin_limit_error(group).message
            results = [ItemResult(r.id, False, reason) if r.id in past_limit else r for r in results]
        store.set_roles(group.id, promoting, Role.ADMIN, now_ms())
        if promoting:
            group_event(store, "group.admin.added", group, target=users(promoting), user_ids=promoting)
    return results


def revoke_admins(uow, actor: Principal, group_ref: int, user_ids: list[int], *, whole: bool, field: str) -> list[ItemResult]:
    """The owner makes admins plain members again (plain members stay as they are)."""
    user_ids = rules.check_batch(user_ids, field)
    with uow.write(actor.app) as store:
        group = _group(store, group_ref, lock=True)
        rules.require_owner(role_of(store, actor, group))
        members = store.members_by_user_ids(group.id, user_ids)
        results = _outcomes(user_ids, members, rules.admin_change_refusal, whole)
        demoting = [r.id for r in results if r.ok and members[r.id].role == Role.ADMIN]
        store.set_roles(group.id, [r.id for r in results if r.ok], Role.MEMBER, now_ms())
        if demoting:
            group_event(store, "group.admin.removed", group, target=users(demoting), user_ids=demoting)
    return results


def list_admins(uow, actor: Principal, group_ref: int) -> list[Member]:
    """A group's admins, for its members."""
    with uow.read(actor.app) as store:
        group = _group(store, group_ref)
        rules.require_member(role_of(store, actor, group))
        return store.admins(group.id)


# Mutes: Member.muted_until and Group.ban_all_until, in ms; 0 none, -1 until lifted. An
# expired value simply stops counting (Member.muted, Group.everyone_muted): no job clears it.


def ban_end(minutes: int) -> int:
    """When a mute of minutes (-1: until lifted) starting now ends."""
    return rules.mute_until(now_ms(), minutes)


def set_mutes(
    uow, actor: Principal, group_ref: int, user_ids: list[int], until: int, *, whole: bool, field: str
) -> list[ItemResult]:
    """Owners and admins mute (until > 0 or -1) or unmute (until 0) members of a lower rank."""
    user_ids = rules.check_batch(user_ids, field)
    with uow.write(actor.app) as store:
        group = _group(store, group_ref, lock=True)
        role = rules.require_manager(role_of(store, actor, group))
        members = store.members_by_user_ids(group.id, user_ids)
        results = _outcomes(user_ids, members, lambda m: rules.mute_refusal(role, m), whole)
        muting = [r.id for r in results if r.ok]
        store.set_muted_until(group.id, muting, until, now_ms())
        if muting:
            group_event(store, "group.member.muted", group, target=users(muting), user_ids=muting,
                        changes=[change("muted_until", None, until)])
    return results


def banned_page(uow, actor: Principal, group_ref: int, page_cursor: str, limit: int) -> MemberPage:
    """A page of the members muted now, in join order; total counts them all."""
    limit = cursor.page_limit(limit, BANNED_PAGE_DEFAULT, BANNED_PAGE_MAX)
    after = cursor.decode(BANNED_CURSOR, page_cursor)
    now = now_ms()
    with uow.read(actor.app) as store:
        group = _group(store, group_ref)
        rules.require_member(role_of(store, actor, group))
        rows = store.muted_page(group.id, now, after, limit + 1)
        total = store.count_muted(group.id, now)
    members, next_cursor = cursor.cut_page(rows, limit, BANNED_CURSOR)
    return MemberPage(members, next_cursor, total)


def set_mute_all(uow, actor: Principal, group_ref: int, until: int | None = None) -> int:
    """Owners and admins mute everyone below them until a time (-1: until lifted) or lift it
    (until 0). until=None toggles: on until lifted while off, off while on. Returns the new end."""
    now = now_ms()
    with uow.write(actor.app) as store:
        group = _group(store, group_ref, lock=True)
        rules.require_manager(role_of(store, actor, group))
        if until is None:
            until = 0 if group.everyone_muted(now) else FOREVER
        store.update_group(group.id, ban_all_until=until, updated_at=now)
        group_event(store, "group.mute_all.updated", group, changes=[change("ban_all_until", group.ban_all_until, until)])
    return until


# Settings


def update_setting(uow, actor: Principal, group_ref: int, setting: str, value, *, field: str = "value") -> None:
    """Owners and admins change one group setting (member_invite, member_modify, read_ack,
    history_visible, hide_member_info, apply_approval or search_mode)."""
    rules.check_setting(setting, value, field)
    with uow.write(actor.app) as store:
        group = _group(store, group_ref, lock=True)
        rules.require_manager(role_of(store, actor, group))
        store.update_group(group.id, updated_at=now_ms(), **{setting: value})
        group_event(store, "group.updated", group, changes=[change(setting, getattr(group, setting, None), value)])


def manage_options(uow, actor: Principal, item_id: int, group_ref: int) -> list[manage_tree.ManageOption]:
    """A management item's options with the group's current choices checked."""
    manage_tree.item(item_id)
    with uow.read(actor.app) as store:
        group = _group(store, group_ref)
    return manage_tree.options(item_id, group)


def choose_manage_option(uow, actor: Principal, option_id: int, group_ref: int, parent_id: int) -> None:
    """Applies a management choice: it sets the group setting the option stands for."""
    require_group_id(group_ref)
    option = manage_tree.choice(option_id, parent_id)
    update_setting(uow, actor, group_ref, option.setting, option.value, field="id")


def public_im_ids(uow, actor: Principal) -> list[int]:
    """The app's public groups: those searchable by keyword (通过群号或关键词), oldest first."""
    with uow.read(actor.app) as store:
        return store.public_im_ids(PUBLIC_LIST_MAX)
