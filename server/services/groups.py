"""Group use cases for both group dialects: creating, reading, editing, listing members."""

from dataclasses import dataclass

from server.domain import errors
from server.domain import policies as rules
from server.domain.model import (
    Group,
    GroupDetail,
    GroupKind,
    GroupSection,
    ImType,
    JoinedGroup,
    Member,
    MemberPage,
    Membership,
    Principal,
    Role,
)
from server.services import cursor, grades
from server.services.clock import now_ms
from server.services.emit import changes_of, group_event, users
from server.services.lookup import group_or_404, group_seen_by, known_users, require_group_id

MEMBER_PAGE_DEFAULT = 1000
MEMBER_PAGE_MAX = 1000
DETAIL_MEMBERS = 8
MEMBER_CURSOR = "m"


def create_group(
    uow,
    actor: Principal,
    *,
    kind: str,
    name: str | None,
    avatar: str | None,
    describe: str | None,
    member_ids: list[int],
    im_type: int = ImType.PRIVATE,
    members_field: str = "members",
    member_invite: bool = False,
) -> Group:
    """Creates a group owned by the caller with the given members, counted in one transaction.
    member_invite: whether plain members may invite (the im dialect's default is on, as MaxIM's
    SDK documents; a community-dialect group starts with it off)."""
    if kind not in GroupKind.ALL:
        raise errors.InvalidArgument("type 必须是 group 或 community", field="type")
    if im_type not in ImType.ALL:
        raise errors.InvalidArgument("type 必须是 0 (私有群)、1 (公开群)、2 (聊天室) 或 3 (会话)", field="type")
    rules.check_text(name, "name", rules.MAX_NAME_LENGTH)
    rules.check_text(avatar, "avatar", rules.MAX_URL_LENGTH)
    rules.check_text(describe, "describe", rules.MAX_TEXT_LENGTH)
    member_ids = [
        uid for uid in rules.check_batch(member_ids, members_field, required=False) if uid != actor.user_id
    ]
    grade = rules.BASE_GRADE
    rules.check_member_limit(0, 1 + len(member_ids), grade.max_members, field=members_field)
    now = now_ms()
    with uow.write(actor.app) as store:
        grades.check_may_create(store, actor, kind)
        known_users(store, member_ids, members_field)
        group = store.insert_group(
            kind=kind, im_type=im_type, name=name, avatar=avatar, describe=describe,
            owner_id=actor.user_id, grade=grade.level, max_members=grade.max_members,
            max_admins=grade.max_admins, member_count=1 + len(member_ids), member_invite=member_invite,
            created_at=now, updated_at=now,
        )
        store.add_members_with_roles(
            group.id, [(actor.user_id, Role.OWNER), *((uid, Role.MEMBER) for uid in member_ids)], now,
        )
        group_event(store, "group.created", group, kind=kind, name=name, owner_id=actor.user_id, im_type=im_type)
        group_event(store, "group.member.joined", group, target=users([actor.user_id, *member_ids]),
                    user_ids=[actor.user_id, *member_ids], via="create")
    return group


@dataclass
class GroupChanges:
    """Fields to change; None leaves a field as it is."""

    name: str | None = None
    avatar: str | None = None
    describe: str | None = None
    background: str | None = None  # PATCH /api/groups/{id}/background


def update_group(uow, actor: Principal, group_ref: int, changes: GroupChanges) -> None:
    """Owners and admins edit name, avatar and description."""
    rules.check_text(changes.name, "name", rules.MAX_NAME_LENGTH)
    rules.check_text(changes.avatar, "avatar", rules.MAX_URL_LENGTH)
    rules.check_text(changes.describe, "describe", rules.MAX_TEXT_LENGTH)
    rules.check_text(changes.background, "background", rules.MAX_URL_LENGTH)
    with uow.write(actor.app) as store:
        group = group_or_404(store.group_by_ref(group_ref, lock=True))
        member = store.member(group.id, actor.user_id)
        rules.require_manager(rules.effective_role(actor, group, member))
        values = {k: v for k, v in vars(changes).items() if v is not None}
        if values:
            store.update_group(group.id, updated_at=now_ms(), **values)
            group_event(store, "group.updated", group, changes=changes_of(vars(group), values))


# The im info fields (PUT|POST /group/info/<field>): the group column each sets and its length limit.
INFO_FIELDS = {
    "name": ("name", rules.MAX_NAME_LENGTH),
    "avatar": ("avatar", rules.MAX_URL_LENGTH),
    "description": ("describe", rules.MAX_TEXT_LENGTH),
    "ext": ("ext", rules.MAX_TEXT_LENGTH),
}


def update_group_info(uow, actor: Principal, im_id: int, field: str, value: str | None) -> None:
    """Sets one information field: owners and admins, or members while member_modify is on.
    A name must not be empty; "" clears the others (ext keeps an empty text, the rest null)."""
    column, limit = INFO_FIELDS[field]
    if value is None or (field == "name" and not value):
        raise errors.InvalidArgument("value 不能为空", field="value")
    rules.check_text(value, "value", limit)
    with uow.write(actor.app) as store:
        group = group_or_404(store.group_by_im_id(im_id, lock=True))
        member = store.member(group.id, actor.user_id)
        rules.require_info_editor(rules.effective_role(actor, group, member), group)
        stored = value if value or column == "ext" else None
        store.update_group(group.id, updated_at=now_ms(), **{column: stored})
        group_event(store, "group.updated", group, changes=changes_of(vars(group), {column: stored}))


def group_detail(uow, actor: Principal, group_ref: int) -> GroupDetail:
    """A group by IM id (as document 000 asks) or primary key (as every other community path
    takes) with its first members and the caller's membership; communities add their groups
    and the caller's groups that may apply or have joined."""
    with uow.read(actor.app) as store:
        group, viewer = group_seen_by(store, actor, group_ref)
        now = now_ms()
        first_members = store.ranked_members(group.id, limit=DETAIL_MEMBERS)
        # The owner ranks first: no query of their own then.
        owner = first_members[0].user if first_members and first_members[0].user_id == group.owner_id else None
        detail = GroupDetail(
            group=group,
            owner=owner or store.user(group.owner_id),
            first_members=first_members,
            viewer=viewer,
            silence_status=rules.silence_status(group, viewer, now),
            everyone_muted=group.everyone_muted(now),
        )
        if group.kind == GroupKind.COMMUNITY:
            owned = store.owned_groups(actor.user_id, GroupKind.GROUP)
            detail.groups = store.groups_in_community(group.id)
            detail.has_joined_groups = [g for g in owned if g.comm_id == group.id]
            detail.may_apply_groups = [g for g in owned if g.comm_id == 0]
    return detail


SECTION_KEYS = ("pinned", "created", "managed", "joined")


def group_sections(uow, actor: Principal, kind: str) -> list[GroupSection]:
    """The caller's groups of one kind: pinned ones first, the rest by the caller's role
    (managed includes owned groups, joined includes every unpinned group)."""
    if kind not in GroupKind.ALL:
        raise errors.InvalidArgument("type 必须是 group 或 community", field="type")
    with uow.read(actor.app) as store:
        memberships = store.memberships_of(actor.user_id, kind)
    pinned = [m for m in memberships if m.member.chat.msg_top]
    rest = [m for m in memberships if not m.member.chat.msg_top]
    return [
        GroupSection("pinned", pinned),
        GroupSection("created", [m for m in rest if m.member.role == Role.OWNER]),
        GroupSection("managed", [m for m in rest if m.member.role >= Role.ADMIN]),
        GroupSection("joined", rest),
    ]


def user_memberships(uow, actor: Principal) -> list[Membership]:
    with uow.read(actor.app) as store:
        return store.memberships_of(actor.user_id)


def _parse_roles(roles: str) -> list[int] | None:
    if not roles.strip():
        return None
    try:
        parsed = [int(part) for part in roles.split(",") if part.strip()]
    except ValueError:
        raise errors.InvalidArgument("roles 只能是 0,1,2 的组合", field="roles") from None
    if not parsed or any(r not in (0, 1, 2) for r in parsed):
        raise errors.InvalidArgument("roles 只能是 0,1,2 的组合", field="roles")
    return parsed


@dataclass
class MemberQuery:
    group_ref: int
    roles: str = ""
    action: str = ""
    manager: int = 0
    limit: int | None = None
    offset: int = 0


def list_members(uow, actor: Principal, query: MemberQuery) -> list[Member]:
    """Members ordered owner, admins, members. action=silence lists muted members;
    action=unsilence lists members the caller (an owner or admin) may mute."""
    require_group_id(query.group_ref)
    roles = _parse_roles(query.roles)
    if query.action not in ("", "silence", "unsilence"):
        raise errors.InvalidArgument("action 只能是 silence 或 unsilence", field="action")
    if query.action == "unsilence" and query.manager not in (1, 2):
        raise errors.InvalidArgument("action=unsilence 时 manager 必须是 1 或 2", field="manager")
    if query.limit is not None and query.limit <= 0:
        raise errors.InvalidArgument("limit 必须大于 0", field="limit")
    if query.offset < 0:
        raise errors.InvalidArgument("offset 不能小于 0", field="offset")
    now = now_ms()
    with uow.read(actor.app) as store:
        group, member = group_seen_by(store, actor, query.group_ref)
        role = rules.require_member(rules.effective_role(actor, group, member))
        filters = {}
        if query.action == "silence":
            filters["muted_after"] = now
        elif query.action == "unsilence":
            filters["below_role"] = int(rules.require_manager(role))
            filters["unmuted_at"] = now
        return store.ranked_members(group.id, roles=roles, limit=query.limit, offset=query.offset, **filters)


def group_info(uow, actor: Principal, im_id: int) -> Membership | tuple[Group, None]:
    """A group by IM id with the caller's membership (None for an outsider)."""
    require_group_id(im_id)
    with uow.read(actor.app) as store:
        return group_seen_by(store, actor, im_id, im_id_only=True)


def groups_info(uow, actor: Principal, im_ids: list[int]) -> list[tuple[Group, Member | None]]:
    """Several groups by IM id, in the order asked; unknown ids are left out."""
    im_ids = rules.check_batch(im_ids, "group_list")
    with uow.read(actor.app) as store:
        found = store.groups_by_im_ids(im_ids)
        mine = store.memberships_in([g.id for g in found.values()], actor.user_id)
    return [(found[i], mine.get(found[i].id)) for i in im_ids if i in found]


def member_page(uow, actor: Principal, im_id: int, page_cursor: str, limit: int) -> MemberPage:
    """A page of members in join order; the cursor is a keyset position, so members
    joining or leaving never shift later pages."""
    require_group_id(im_id)
    limit = cursor.page_limit(limit, MEMBER_PAGE_DEFAULT, MEMBER_PAGE_MAX)
    after = cursor.decode(MEMBER_CURSOR, page_cursor)
    with uow.read(actor.app) as store:
        group, member = group_seen_by(store, actor, im_id, im_id_only=True)
        rules.require_member(rules.effective_role(actor, group, member))
        rows = store.member_page(group.id, after, limit + 1)
    members, next_cursor = cursor.cut_page(rows, limit, MEMBER_CURSOR)
    return MemberPage(members=members, next_cursor=next_cursor, total=group.member_count)


def joined_groups(uow, actor: Principal) -> list[JoinedGroup]:
    """The caller's groups as their list shows them (id, name, avatar, IM id, role)."""
    with uow.read(actor.app) as store:
        return store.joined_groups(actor.user_id)


def joined_im_ids(uow, actor: Principal) -> list[int]:
    with uow.read(actor.app) as store:
        return store.joined_im_ids(actor.user_id)
