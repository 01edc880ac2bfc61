"""Notice use cases for both dialects: the community dialect's 公告 and the im dialect's
announcements are one table, so a notice published in one is read, counted and deleted
in the other. Owners and admins publish and delete; members read."""

from server.domain import errors, policies
from server.domain import notices as rules
from server.domain.model import Group, Principal
from server.domain.notices import Notice
from server.services.clock import now_ms
from server.services.emit import group_event
from server.services.exits import ImGroupId
from server.services.lookup import group_or_404, group_seen_by, require_group_id, role_of


def _group(store, ref: int, *, lock: bool = False) -> Group:
    """The group a request names: an ImGroupId by IM id only (im dialect), a plain int by
    primary key or IM groupid (community dialect)."""
    if isinstance(ref, ImGroupId):
        return group_or_404(store.group_by_im_id(ref, lock=lock))
    return group_or_404(store.group_by_ref(ref, lock=lock))


def _group_and_role(store, actor: Principal, ref: int):
    """For a read: the group (as _group names it) and the caller's rank in it, in one query."""
    group, member = group_seen_by(store, actor, ref, im_id_only=isinstance(ref, ImGroupId))
    return group, policies.effective_role(actor, group, member)


def _require_notice_id(value: int, field: str) -> int:
    if value <= 0:
        raise errors.InvalidArgument(f"{field} 不能为空", field=field)
    return value


def _notice_or_404(notice: Notice | None) -> Notice:
    if notice is None:
        raise errors.NotFound("公告不存在")
    return notice


def publish(
    uow, actor: Principal, group_ref: int, title: str, content: str,
    image: str = "", image_width: int | None = None, image_height: int | None = None,
) -> Notice:
    """Publishes a notice (the im dialect's edit publishes a new announcement too)."""
    require_group_id(group_ref)
    rules.check_title_and_content(title, content)
    picture = rules.image_of(image, image_width, image_height)
    with uow.write(actor.app) as store:
        group = _group(store, group_ref)
        policies.require_manager(role_of(store, actor, group))
        notice = store.insert_notice(group, actor.user_id, title, content, picture, now_ms())
        group_event(store, "group.notice.published", group, target=f"notice:{notice.id}", notice_id=notice.id)
        return notice


def delete(uow, actor: Principal, notice_id: int, group_ref: int | None = None) -> None:
    """Deletes a notice for both dialects. With group_ref (im), a notice of another group is NOT_FOUND."""
    field = "id" if group_ref is None else "announcement_id"
    _require_notice_id(notice_id, field)
    with uow.write(actor.app) as store:
        if group_ref is None:
            notice = _notice_or_404(store.notice(notice_id, lock=True))
            group = group_or_404(store.group(notice.group_id))
        else:
            group = _group(store, require_group_id(group_ref))
            notice = _notice_or_404(store.notice(notice_id, group.id, lock=True))
        policies.require_manager(role_of(store, actor, group))
        store.delete_notice(notice.id)
        group_event(store, "group.notice.deleted", group, target=f"notice:{notice.id}", notice_id=notice.id)


def read(uow, actor: Principal, notice_id: int) -> bool:
    """Records that a member read a notice; each user counts once, whatever the concurrency.
    True when this call counted."""
    _require_notice_id(notice_id, "id")
    with uow.write(actor.app) as store:
        notice = _notice_or_404(store.notice(notice_id, lock=True))
        group = group_or_404(store.group(notice.group_id))
        policies.require_member(role_of(store, actor, group))
        counted = store.record_read(notice.id, actor.user_id, now_ms())
        if counted:
            group_event(store, "group.notice.read", group, target=f"notice:{notice.id}", notice_id=notice.id,
                        user_id=actor.user_id)
        return counted


def page(uow, actor: Principal, group_ref: int, limit: int | None, offset: int | None) -> list[Notice]:
    """A page of a group's notices, newest first, each with its publisher's profile and
    membership (None once they left)."""
    require_group_id(group_ref)
    limit = rules.PAGE_DEFAULT if limit is None else limit
    if not 0 < limit <= rules.PAGE_MAX:
        raise errors.InvalidArgument(f"limit 必须在 1 到 {rules.PAGE_MAX} 之间", field="limit")
    offset = offset or 0
    if offset < 0:
        raise errors.InvalidArgument("offset 不能小于 0", field="offset")
    with uow.read(actor.app) as store:
        group, role = _group_and_role(store, actor, group_ref)
        policies.require_member(role)
        return store.notices_with_publishers(group, limit, offset)


def latest_unread(uow, actor: Principal, group_ref: int) -> Notice | None:
    """The newest notice of the group the caller has neither read nor published; None when none."""
    require_group_id(group_ref)
    with uow.read(actor.app) as store:
        group, role = _group_and_role(store, actor, group_ref)
        policies.require_member(role)
        return store.latest_unread_notice(group, actor.user_id)


def announcement(uow, actor: Principal, im_id: int, notice_id: int) -> Notice:
    """One announcement of the group; another group's is NOT_FOUND."""
    require_group_id(im_id)
    _require_notice_id(notice_id, "announcement_id")
    with uow.read(actor.app) as store:
        group, role = _group_and_role(store, actor, ImGroupId(im_id))
        policies.require_member(role)
        return _notice_or_404(store.notice(notice_id, group.id))


def newest(uow, actor: Principal, im_id: int, limit: int) -> list[Notice]:
    """The group's newest announcements, newest first (the im last and list)."""
    require_group_id(im_id)
    with uow.read(actor.app) as store:
        group, role = _group_and_role(store, actor, ImGroupId(im_id))
        policies.require_member(role)
        return store.notices(group, limit)
