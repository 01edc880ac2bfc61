"""Per-member settings for both dialects: the caller's own nickname (community nickname = im
display_name), chat background, chat setting and im mute/push modes; a group's background."""

from server.domain import errors
from server.domain import policies as rules
from server.domain.model import Member, Principal
from server.services import groups
from server.services.clock import now_ms
from server.services.emit import change
from server.services.lookup import group_or_404, require_group_id, role_of


def _required_text(value: str, field: str, limit: int) -> str:
    if not value:
        raise errors.InvalidArgument(f"{field} 不能为空", field=field)
    rules.check_text(value, field, limit)
    return value


def _update_own_membership(uow, actor: Principal, member_id: int, **changes) -> None:
    with uow.write(actor.app) as store:
        member = store.member_by_id(member_id)
        if member is None:
            raise errors.NotFound("群成员不存在")
        rules.require_own_membership(actor.user_id, member)
        store.update_member_settings(member.id, now_ms(), **changes)
        _event(store, member, changes)


def _update_own_membership_in_group(uow, actor: Principal, im_id: int, *, any_id: bool = False, **changes) -> None:
    """Changes the caller's own membership of a group given by its IM id (环信 id), or with
    any_id (community fields) by its IM id or primary key."""
    with uow.write(actor.app) as store:
        find = store.group_by_ref if any_id else store.group_by_im_id
        group = group_or_404(find(require_group_id(im_id)))
        member = store.member(group.id, actor.user_id)
        if member is None:
            raise errors.PermissionDenied("你不是该群成员")
        store.update_member_settings(member.id, now_ms(), **changes)
        _event(store, member, changes)


def _event(store, member: Member, changes: dict) -> None:
    store.record_event(
        "group.member.settings_updated", target=f"user:{member.user_id}", group_id=member.group_id,
        data={"user_id": member.user_id, "changes": [change(key, None, value) for key, value in changes.items()]},
    )


def set_nickname(uow, actor: Principal, member_id: int, nickname: str) -> None:
    _required_text(nickname, "nickname", rules.MAX_NAME_LENGTH)
    _update_own_membership(uow, actor, member_id, nickname=nickname)


def set_chat_background(uow, actor: Principal, member_id: int, bgd: str) -> None:
    _required_text(bgd, "bgd", rules.MAX_URL_LENGTH)
    _update_own_membership(uow, actor, member_id, chat_bgd=bgd)


def set_chat_setting(
    uow, actor: Principal, user_id: int, im_id: int, *,
    msg_top: int | None, msg_disturb: int | None, accept: int | None, shielding: int | None,
) -> None:
    """Pins and do-not-disturb of the caller's own membership; msg_disturb comes with both of its options."""
    if user_id != actor.user_id:
        raise errors.PermissionDenied("只能修改自己的聊天设置", field="id")
    given = {"msg_top": msg_top, "msg_disturb": msg_disturb, "accept": accept, "shielding": shielding}
    for field, value in given.items():
        rules.check_choice(value, field, rules.FLAGS)
    if msg_disturb is not None:
        missing = [f for f in ("accept", "shielding") if given[f] is None]
        if missing:
            raise errors.InvalidArgument(f"设置 msg_disturb 时必须同时提供 {'、'.join(missing)}", field=missing[0])
    changes = {k: v for k, v in given.items() if v is not None}
    if not changes:
        raise errors.InvalidArgument("没有要修改的设置")
    _update_own_membership_in_group(uow, actor, im_id, any_id=True, **changes)


def set_group_background(uow, actor: Principal, group_ref: int, background: str) -> None:
    """Owners and admins set the home-page background, through the group edit use case."""
    _required_text(background, "background", rules.MAX_URL_LENGTH)
    groups.update_group(uow, actor, group_ref, groups.GroupChanges(background=background))


def set_display_name(uow, actor: Principal, im_id: int, value: str) -> None:
    _required_text(value, "value", rules.MAX_NAME_LENGTH)
    _update_own_membership_in_group(uow, actor, im_id, nickname=value)


def set_msg_mute_mode(uow, actor: Principal, im_id: int, mode: int | None) -> None:
    if mode is None:
        raise errors.InvalidArgument("msg_mute_mode 不能为空", field="msg_mute_mode")
    rules.check_choice(mode, "msg_mute_mode", rules.MSG_MUTE_MODES)
    _update_own_membership_in_group(uow, actor, im_id, msg_mute_mode=mode)


def set_msg_push_mode(uow, actor: Principal, im_id: int, mode: int | None) -> None:
    if mode is None:
        raise errors.InvalidArgument("msg_push_mode 不能为空", field="msg_push_mode")
    rules.check_choice(mode, "msg_push_mode", rules.MSG_PUSH_MODES)
    _update_own_membership_in_group(uow, actor, im_id, msg_push_mode=mode)


def display_names(uow, actor: Principal, im_id: int, user_ids: list[int]) -> list[Member]:
    """The listed users who are members, in the order asked; members (or the group's acting admin) only."""
    user_ids = rules.check_batch(user_ids, "user_list")
    with uow.read(actor.app) as store:
        group = group_or_404(store.group_by_im_id(require_group_id(im_id)))
        rules.require_member(role_of(store, actor, group))
        found = store.members_by_user_ids(group.id, user_ids)
    return [found[uid] for uid in user_ids if uid in found]
