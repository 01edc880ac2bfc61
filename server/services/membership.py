"""Ways into a group, for both dialects: invitations, applications (with their audit), QR
codes, and the block list. Every path that adds members checks the capacity on the locked
group, so concurrent joins never pass it."""

import base64
import hashlib
import hmac

from server.domain import errors, ids
from server.domain import policies as rules
from server.domain.model import (
    Application,
    BlockEntry,
    Group,
    GroupKind,
    ItemResult,
    Member,
    Page,
    Principal,
    QrCode,
    RequestStatus,
    Role,
)
from server.services import cursor
from server.services.clock import now_ms
from server.services.emit import change, group_event, users
from server.services.lookup import group_or_404, known_users, require_group_id, role_of, unknown_users

REQUEST_PAGE_DEFAULT = REQUEST_PAGE_MAX = 100  # applications and invitations (MaxIM's defaults)
BLOCK_PAGE_DEFAULT = BLOCK_PAGE_MAX = 1000
APPLICATION_CURSOR, INVITATION_CURSOR, BLOCK_CURSOR = "a", "i", "b"
MAX_SOURCE_LENGTH = 128


def _admit(store, group: Group, user_ids: list[int], now: int, via: str) -> None:
    """Every way in ends here: the group was read locked, so the capacity check holds."""
    rules.check_capacity(group, len(user_ids))
    store.join_members(group, user_ids, Role.MEMBER, now)
    group_event(store, "group.member.joined", group, target=users(user_ids), user_ids=list(user_ids), via=via)


def _page(rows: list, limit: int, kind: str, total: int) -> Page:
    items, next_cursor = cursor.cut_page(rows, limit, kind)
    return Page(items=items, next_cursor=next_cursor, total=total)


# ---- community dialect: invite friends, join, audit ----


def invite_friends(uow, actor: Principal, group_ref: int, friend_ids: list[int]) -> None:
    """Adds friends at once (the community app has no invitee acceptance); members are
    skipped. Nobody is added when one is unknown or blocked or the group would overflow."""
    require_group_id(group_ref)
    friend_ids = rules.check_batch(friend_ids, "friends")
    now = now_ms()
    with uow.write(actor.app) as store:
        group = group_or_404(store.group_by_ref(group_ref, lock=True))
        rules.require_inviter(role_of(store, actor, group), group)
        known_users(store, friend_ids, "friends")
        members = store.members_by_user_ids(group.id, friend_ids).keys()
        newcomers = [uid for uid in friend_ids if uid not in members]
        blocked = store.blocked_among(group.id, newcomers)
        if blocked:
            raise errors.FailedPrecondition(f"用户已被该群拉黑: {', '.join(map(str, sorted(blocked)))}", field="friends")
        if newcomers:
            _admit(store, group, newcomers, now, "invite")


def _apply(store, actor: Principal, group: Group, reason: str, source: str, now: int) -> bool:
    """The caller applies to a group: True when joined at once, False when queued for its admins."""
    if store.member(group.id, actor.user_id) is not None:
        raise errors.AlreadyExists("你已是该群成员")
    if store.blocked_among(group.id, [actor.user_id]):
        raise errors.PermissionDenied("你已被该群拉黑")
    if rules.joins_at_once(group):
        _admit(store, group, [actor.user_id], now, source or "apply")
        return True
    _check_no_pending_application(store, group, actor.user_id, now)
    store.insert_application(
        group, actor.user_id, reason=reason, source=source, group_ids=[], now=now,
        expires=now + rules.JOIN_REQUEST_TTL_MS,
    )
    group_event(store, "group.application.created", group, target=f"user:{actor.user_id}", user_id=actor.user_id)
    return False


def _check_no_pending_application(store, group: Group, applicant_id: int, now: int) -> None:
    waiting = store.latest_pending_application(group, applicant_id)
    if waiting is not None and not waiting.expired(now):
        raise errors.AlreadyExists("已提交申请，请等待审核")


def _apply_groups_to_community(
    store, actor: Principal, community: Group, group_ids: list[int], remark: str, source: str, now: int
) -> None:
    """The caller's own groups, not yet in a community, apply together; the audit picks which join."""
    group_ids = rules.check_batch(group_ids, "group_ids")
    rules.joins_at_once(community)  # only to refuse when the community takes no applications
    if store.blocked_among(community.id, [actor.user_id]):
        raise errors.PermissionDenied("你已被该社区拉黑")
    found = store.groups_by_ids(group_ids)
    for group_id in group_ids:
        group = found.get(group_id)
        if group is None or group.kind != GroupKind.GROUP:
            raise errors.NotFound(f"社群不存在: {group_id}", field="group_ids")
        if group.owner_id != actor.user_id:
            raise errors.PermissionDenied(f"只能用自己创建的社群申请: {group_id}")
        if group.comm_id != 0:
            raise errors.AlreadyExists(f"社群已加入社区: {group_id}")
    _check_no_pending_application(store, community, actor.user_id, now)
    store.insert_application(
        community, actor.user_id, reason=remark, source=source, group_ids=group_ids, now=now,
        expires=now + rules.JOIN_REQUEST_TTL_MS,
    )
    group_event(store, "group.application.created", community, target=f"user:{actor.user_id}",
                user_id=actor.user_id, group_ids=group_ids)


def join_group(uow, actor: Principal, group_ref: int, *, source: str, remark: str, group_ids: list[int]) -> None:
    """POST /api/groups/{id}/join: a group follows apply_approval; a community takes an
    application of the caller's groups (group_ids)."""
    rules.check_text(source, "from", MAX_SOURCE_LENGTH)
    rules.check_text(remark, "remark", rules.MAX_TEXT_LENGTH)
    now = now_ms()
    with uow.write(actor.app) as store:
        group = group_or_404(store.group_by_ref(group_ref, lock=True))
        if group.kind == GroupKind.COMMUNITY:
            _apply_groups_to_community(store, actor, group, group_ids, remark, source, now)
        else:
            _apply(store, actor, group, remark, source, now)


def _decide(store, group: Group, application: Application, approve: bool, approved_groups: list[int] | None, now: int) -> None:
    """Handles a pending application of a locked group. approved_groups picks, for a
    community application, which applying groups join (None: all of them). Blocking a user
    refuses their waiting applications, so a pending one is never a blocked user's."""
    rules.check_pending(application, now)
    if approve and application.group_ids:
        _admit_groups(store, group, application, approved_groups, now)
    elif approve and store.member(group.id, application.applicant_id) is None:
        _admit(store, group, [application.applicant_id], now, "approval")
    status = RequestStatus.APPROVED if approve else RequestStatus.REFUSED
    store.set_application_status(application.id, status, now)
    group_event(store, "group.application.decided", group, target=f"user:{application.applicant_id}",
                application_id=application.id, user_id=application.applicant_id, approved=approve,
                changes=[change("status", int(application.status), int(status))])


def _admit_groups(store, community: Group, application: Application, approved: list[int] | None, now: int) -> None:
    chosen = application.group_ids if approved is None else rules.check_batch(approved, "group_ids")
    if any(group_id not in application.group_ids for group_id in chosen):
        raise errors.InvalidArgument("group_ids 只能是申请中的社群", field="group_ids")
    found = store.groups_by_ids(chosen, lock=True)
    for group_id in chosen:
        group = found.get(group_id)
        if group is None:
            raise errors.NotFound(f"社群不存在: {group_id}", field="group_ids")
        if group.comm_id != 0:
            raise errors.FailedPrecondition(f"社群已加入社区: {group_id}")
    store.join_community(community.id, chosen, now)
    group_event(store, "group.community.joined", community, group_ids=list(chosen))


AUDIT_STATUSES = {1: True, 2: False}  # 1 approve, 2 reject


def audit_application(uow, actor: Principal, application_id: int, status: int, group_ids: list[int]) -> None:
    """POST /api/group/join/audit: an owner or admin of the group decides an application by id."""
    if status not in AUDIT_STATUSES:
        raise errors.InvalidArgument("status 只能是 1 (通过) 或 2 (拒绝)", field="status")
    if application_id <= 0:
        raise errors.InvalidArgument("read_id 不能为空", field="read_id")
    now = now_ms()
    with uow.write(actor.app) as store:
        found = store.application(application_id)
        if found is None:
            raise errors.NotFound("申请不存在")
        # The group first, then the application: every handler locks in that order.
        group = group_or_404(store.group(found.group_id, lock=True))
        rules.require_manager(role_of(store, actor, group))
        application = store.application(application_id, lock=True)
        approved = group_ids if application.group_ids else None  # required (non-empty) to approve a community's
        _decide(store, group, application, AUDIT_STATUSES[status], approved, now)


# ---- im dialect: apply, applications, invitations ----


def apply_to_group(uow, actor: Principal, im_id: int, reason: str) -> bool:
    """POST /group/apply: True when the caller joined at once, False when the application waits."""
    rules.check_text(reason, "reason", rules.MAX_TEXT_LENGTH)
    now = now_ms()
    with uow.write(actor.app) as store:
        group = group_or_404(store.group_by_im_id(require_group_id(im_id), lock=True))
        return _apply(store, actor, group, reason, "", now)


def handle_application(uow, actor: Principal, im_id: int, applicant_id: int, approve: bool | None) -> None:
    """An owner or admin decides a user's pending application (a community's: all its groups)."""
    if applicant_id <= 0:
        raise errors.InvalidArgument("user_id 不能为空", field="user_id")
    _require_approval(approve)
    now = now_ms()
    with uow.write(actor.app) as store:
        group = group_or_404(store.group_by_im_id(require_group_id(im_id), lock=True))
        rules.require_manager(role_of(store, actor, group))
        application = store.latest_pending_application(group, applicant_id, lock=True)
        if application is None:
            raise errors.NotFound("该用户没有待处理的入群申请")
        _decide(store, group, application, approve, None, now)


def application_page(uow, actor: Principal, im_ids: list[int], page_cursor: str, limit: int) -> Page:
    """Applications of groups the caller owns or administers, oldest first."""
    im_ids = rules.check_batch(im_ids, "group_list")
    limit = cursor.page_limit(limit, REQUEST_PAGE_DEFAULT, REQUEST_PAGE_MAX)
    after = cursor.decode(APPLICATION_CURSOR, page_cursor)
    with uow.read(actor.app) as store:
        found = store.groups_by_im_ids(im_ids)
        missing = [i for i in im_ids if i not in found]
        if missing:
            raise errors.NotFound(f"群不存在: {', '.join(map(str, missing))}")
        group_ids = [g.id for g in found.values()]
        mine = store.memberships_in(group_ids, actor.user_id)
        for group in found.values():
            rules.require_manager(rules.effective_role(actor, group, mine.get(group.id)))
        rows = store.application_page(group_ids, after, limit + 1)
        total = store.count_applications(group_ids)
    return _page(rows, limit, APPLICATION_CURSOR, total)


def invite_users(uow, actor: Principal, im_id: int, user_ids: list[int], reason: str) -> list[ItemResult]:
    """Invitations wait for each invitee; unknown users, members, blocked users and users
    this caller already invited fail alone."""
    user_ids = rules.check_batch(user_ids, "user_list")
    rules.check_text(reason, "reason", rules.MAX_TEXT_LENGTH)
    now = now_ms()
    with uow.write(actor.app) as store:
        group = group_or_404(store.group_by_im_id(require_group_id(im_id), lock=True))
        rules.require_inviter(role_of(store, actor, group), group)
        unknown = unknown_users(store, user_ids)
        members = store.members_by_user_ids(group.id, user_ids).keys()
        blocked = store.blocked_among(group.id, user_ids)
        waiting = store.pending_invitees(group.id, actor.user_id, user_ids, now)
        results = []
        for uid in user_ids:
            refusal = (
                "用户不存在" if uid in unknown
                else "已是群成员" if uid in members
                else "用户已被该群拉黑" if uid in blocked
                else "已邀请该用户，等待对方处理" if uid in waiting
                else None
            )
            results.append(ItemResult(uid, refusal is None, refusal))
        invited = [r.id for r in results if r.ok]
        store.insert_invitations(
            group.id, actor.user_id, invited, reason=reason, now=now, expires=now + rules.JOIN_REQUEST_TTL_MS
        )
        if invited:
            group_event(store, "group.invitation.created", group, target=users(invited), user_ids=invited)
    return results


def _require_approval(approval: bool | None) -> None:
    """`approval` is required (document 003): left out, it must not read as a refusal."""
    if approval is None:
        raise errors.InvalidArgument("approval 不能为空", field="approval")


def handle_invitation(uow, actor: Principal, im_id: int, user_id: int, accept: bool | None) -> None:
    """The caller accepts or declines an invitation to the group. user_id names the inviter
    (the pending invitation they sent), or the caller: MaxIM's web SDK sends the invitee's own
    id, and then every pending invitation of the caller to the group is handled at once
    (nobody invites themselves, so the two never meet). Blocking a user declines their waiting
    invitations, so a pending one is never a blocked user's."""
    if user_id <= 0:
        raise errors.InvalidArgument("user_id 不能为空", field="user_id")
    _require_approval(accept)
    now = now_ms()
    with uow.write(actor.app) as store:
        group = group_or_404(store.group_by_im_id(require_group_id(im_id), lock=True))
        if user_id == actor.user_id:
            pending = store.pending_invitations(group, actor.user_id)
            if not pending:
                raise errors.NotFound("没有待处理的入群邀请")
            handled = [i for i in pending if not i.expired(now)] or pending[:1]
        else:
            invitation = store.latest_pending_invitation(group, actor.user_id, user_id)
            if invitation is None:
                raise errors.NotFound("没有该用户发出的入群邀请")
            handled = [invitation]
        rules.check_pending(handled[0], now)
        if accept and store.member(group.id, actor.user_id) is None:
            _admit(store, group, [actor.user_id], now, "invite")
        status = RequestStatus.APPROVED if accept else RequestStatus.REFUSED
        for invitation in handled:
            store.set_invitation_status(invitation.id, status, now)
            group_event(store, "group.invitation.decided", group, target=f"user:{actor.user_id}",
                        inviter_id=invitation.inviter_id, accepted=bool(accept))


def invitation_page(uow, actor: Principal, page_cursor: str, limit: int) -> Page:
    """Invitations the caller received, oldest first."""
    limit = cursor.page_limit(limit, REQUEST_PAGE_DEFAULT, REQUEST_PAGE_MAX)
    after = cursor.decode(INVITATION_CURSOR, page_cursor)
    with uow.read(actor.app) as store:
        rows = store.invitation_page(actor.user_id, after, limit + 1)
        total = store.count_invitations(actor.user_id)
    return _page(rows, limit, INVITATION_CURSOR, total)


# ---- im dialect: QR codes ----
# qr_info is "<group im id>.<inviter>.<expire_at ms>.<signature>": an HMAC-SHA256 with the
# app's secret over the app, group, inviter and expiry, so no other app, group, inviter or
# expiry verifies.


def _signature(secret: str, app: str, im_id: int, inviter_id: int, expire_at: int) -> str:
    digest = hmac.new(secret.encode(), f"{app}:{im_id}:{inviter_id}:{expire_at}".encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")


def sign_qr_code(uow, actor: Principal, im_id: int) -> QrCode:
    """A QR invitation from the caller, a member of the group."""
    now = now_ms()
    with uow.write(actor.app) as store:
        group = group_or_404(store.group_by_im_id(require_group_id(im_id)))
        rules.require_member(role_of(store, actor, group))
        secret = store.app_secret(now)
        group_event(store, "group.qr_code.signed", group, target=f"user:{actor.user_id}")
    expire_at = now + rules.QR_CODE_TTL_MS
    signature = _signature(secret, actor.app, group.im_id, actor.user_id, expire_at)
    return QrCode(create_at=now, expire_at=expire_at, qr_info=f"{group.im_id}.{actor.user_id}.{expire_at}.{signature}")


def _read_qr_code(qr_info: str) -> tuple[int, int, int, str]:
    if not qr_info:
        raise errors.InvalidArgument("qr_info 不能为空", field="qr_info")
    parts = qr_info.split(".")
    if len(parts) != 4:
        raise errors.InvalidArgument("二维码无效", field="qr_info")
    im_id, inviter_id, expire_at = (ids.parse_digits(p, "qr_info", "二维码无效") for p in parts[:3])
    return im_id, inviter_id, expire_at, parts[3]


def join_by_qr_code(uow, actor: Principal, qr_info: str) -> tuple[Group, Member | None]:
    """Uses a QR invitation, then applies as POST /group/apply does; returns the group and
    the caller's membership (None while the application waits)."""
    im_id, inviter_id, expire_at, signature = _read_qr_code(qr_info)
    now = now_ms()
    with uow.write(actor.app) as store:
        expected = _signature(store.app_secret(now), actor.app, im_id, inviter_id, expire_at)
        if not hmac.compare_digest(expected, signature):
            raise errors.InvalidArgument("二维码无效", field="qr_info")
        if expire_at <= now:
            raise errors.PermissionDenied("二维码已过期")
        group = group_or_404(store.group_by_im_id(im_id, lock=True))
        if store.member(group.id, inviter_id) is None:
            raise errors.PermissionDenied("二维码的邀请人已不在群中")
        _apply(store, actor, group, "", "qrcode", now)
        return store.group(group.id), store.member(group.id, actor.user_id)


# ---- im dialect: block list ----


def block_users(uow, actor: Principal, im_id: int, user_ids: list[int]) -> list[ItemResult]:
    """Blocks users and removes those who are members; their waiting applications and
    invitations are refused. Users of equal or higher rank fail alone."""
    user_ids = rules.check_batch(user_ids, "user_list")
    now = now_ms()
    with uow.write(actor.app) as store:
        group = group_or_404(store.group_by_im_id(require_group_id(im_id), lock=True))
        actor_role = rules.require_manager(role_of(store, actor, group))
        unknown = unknown_users(store, user_ids)
        members = store.members_by_user_ids(group.id, user_ids)
        blocked = store.blocked_among(group.id, user_ids)
        results = []
        for uid in user_ids:
            refusal = (
                "用户不存在" if uid in unknown
                else "该用户已在黑名单中" if uid in blocked
                else rules.block_refusal(actor.user_id, actor_role, uid, members.get(uid))
            )
            results.append(ItemResult(uid, refusal is None, refusal))
        blocking = [r.id for r in results if r.ok]
        if blocking:
            store.block(group.id, blocking, now)
            removed = [uid for uid in blocking if uid in members]
            store.remove_members(group.id, removed, now)
            store.close_pending_requests(group.id, blocking, now)
            group_event(store, "group.member.blocked", group, target=users(blocking), user_ids=blocking,
                        removed_user_ids=removed)
    return results


def unblock_users(uow, actor: Principal, im_id: int, user_ids: list[int]) -> list[ItemResult]:
    user_ids = rules.check_batch(user_ids, "user_list")
    with uow.write(actor.app) as store:
        group = group_or_404(store.group_by_im_id(require_group_id(im_id), lock=True))
        rules.require_manager(role_of(store, actor, group))
        blocked = store.blocked_among(group.id, user_ids)
        results = [ItemResult(uid, uid in blocked, None if uid in blocked else "该用户不在黑名单中") for uid in user_ids]
        store.unblock(group.id, sorted(blocked))
        if blocked:
            group_event(store, "group.member.unblocked", group, target=users(sorted(blocked)), user_ids=sorted(blocked))
    return results


def blocked_page(uow, actor: Principal, im_id: int, page_cursor: str, limit: int) -> Page:
    """A group's block list for its owner and admins, oldest first."""
    limit = cursor.page_limit(limit, BLOCK_PAGE_DEFAULT, BLOCK_PAGE_MAX)
    after = cursor.decode(BLOCK_CURSOR, page_cursor)
    with uow.read(actor.app) as store:
        group = group_or_404(store.group_by_im_id(require_group_id(im_id)))
        rules.require_manager(role_of(store, actor, group))
        rows: list[BlockEntry] = store.block_page(group, after, limit + 1)
        total = store.count_blocked(group.id)
    return _page(rows, limit, BLOCK_CURSOR, total)
