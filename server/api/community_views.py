"""Domain objects → community-dialect messages (document 000)."""

from groupkit.group.v1 import community_pb2 as pb
from server.api.values import datetime_text, list_value, memoized_view, nullable, struct_value
from server.domain import model as dm

SECTION_TITLES = {
    dm.GroupKind.GROUP: {"pinned": "置顶社群", "created": "我创建的社群", "managed": "我管理的社群", "joined": "我加入的社群"},
    dm.GroupKind.COMMUNITY: {"pinned": "置顶社区", "created": "我创建的社区", "managed": "我管理的社区", "joined": "我加入的社区"},
}


def user_brief(user: dm.UserProfile) -> pb.UserBrief:
    return pb.UserBrief(id=user.user_id, name=user.name, avatar=nullable(user.avatar))


def chat_setting(chat: dm.ChatSetting) -> pb.ChatSetting:
    return _chat_setting(chat.msg_top, chat.msg_disturb, chat.accept, chat.shielding)


@memoized_view
def _chat_setting(msg_top: int, msg_disturb: int, accept: int, shielding: int) -> pb.ChatSetting:
    return pb.ChatSetting(
        msg_top=msg_top, msg_disturb=msg_disturb,
        msg_disturb_options=pb.DisturbOptions(accept=accept, shielding=shielding),
    )


def created_group(group: dm.Group) -> pb.CreatedGroup:
    return pb.CreatedGroup(
        name=nullable(group.name), type=group.kind, avatar=nullable(group.avatar), number=group.number,
        describe=nullable(group.describe), background=nullable(group.background), grade=group.grade,
        comm_id=group.comm_id, maxadmins=group.max_admins, group_count=group.group_count,
        maxmembers=group.max_members, member_count=group.member_count, owner=group.owner_id,
        updated_at=datetime_text(group.updated_at), created_at=datetime_text(group.created_at), id=group.id,
    )


def group_member(member: dm.Member) -> pb.GroupMember:
    chat, user = member.chat, member.user or dm.UserProfile(member.user_id)
    return _group_member(
        member.id, member.user_id, member.grade, member.group_id, member.nickname, member.chat_bgd, member.status,
        int(member.role), chat.msg_top, chat.msg_disturb, chat.accept, chat.shielding, member.created_at,
        member.updated_at, user.user_id, user.name, user.avatar,
    )


@memoized_view
def _group_member(
    member_id, user_id, grade, group_id, nickname, chat_bgd, status, role, msg_top, msg_disturb, accept, shielding,
    created_at, updated_at, profile_id, name, avatar,
) -> pb.GroupMember:
    return pb.GroupMember(
        id=member_id, user_id=user_id, grade=grade, group_id=group_id, nickname=nullable(nickname),
        chat_bgd=nullable(chat_bgd), status=status, role=role,
        chat_setting=_chat_setting(msg_top, msg_disturb, accept, shielding), top=msg_top,
        created_at=datetime_text(created_at), updated_at=datetime_text(updated_at),
        user=pb.UserBrief(id=profile_id, name=name, avatar=nullable(avatar)),
    )


def own_member(member: dm.Member | None):
    """The caller's membership as the detail's "member" object, or null."""
    if member is None:
        return struct_value(None)
    chat = member.chat
    return _own_member(
        member.id, member.user_id, member.group_id, member.nickname, member.chat_bgd, member.status, int(member.role),
        chat.msg_top, chat.msg_disturb, chat.accept, chat.shielding, member.created_at, member.updated_at,
    )


@memoized_view
def _own_member(
    member_id, user_id, group_id, nickname, chat_bgd, status, role, msg_top, msg_disturb, accept, shielding,
    created_at, updated_at,
):
    return struct_value(
        {
            "id": member_id, "user_id": user_id, "group_id": group_id, "nickname": nickname, "chat_bgd": chat_bgd,
            "status": status, "role": role,
            "chat_setting": {
                "msg_top": msg_top, "msg_disturb": msg_disturb,
                "msg_disturb_options": {"accept": accept, "shielding": shielding},
            },
            "created_at": datetime_text(created_at), "updated_at": datetime_text(updated_at),
        }
    )


def _group_card(group: dm.Group) -> dict:
    return {"id": group.id, "name": group.name, "avatar": group.avatar, "member_count": group.member_count}


def group_detail(detail: dm.GroupDetail) -> pb.GroupDetail:
    group = detail.group
    message = pb.GroupDetail(
        id=group.id, name=nullable(group.name), avatar=nullable(group.avatar),
        describe=nullable(group.describe), background=nullable(group.background), comm_id=group.comm_id,
        group_count=group.group_count, member_count=group.member_count, dynamic_count=group.dynamic_count,
        owner=user_brief(detail.owner), number=str(group.number), type=group.kind,
        saymsg=int(detail.everyone_muted), excellent=group.excellent,
        silence_status=detail.silence_status, members=[group_member(m) for m in detail.first_members],
        member=own_member(detail.viewer),
        **{"from": group.origin},
    )
    if detail.groups is not None:
        message.groups.CopyFrom(
            list_value([{"id": g.id, "comm_id": g.comm_id, "name": g.name, "avatar": g.avatar} for g in detail.groups])
        )
        message.may_apply_groups.CopyFrom(list_value([_group_card(g) for g in detail.may_apply_groups]))
        message.has_joined_groups.CopyFrom(list_value([_group_card(g) for g in detail.has_joined_groups]))
    return message


def section_group(membership: dm.Membership) -> pb.SectionGroup:
    group, member = membership.group, membership.member
    return pb.SectionGroup(
        id=group.id, groupid=str(group.im_id), name=nullable(group.name), avatar=nullable(group.avatar),
        chat_setting=chat_setting(member.chat), role=int(member.role),
    )


def sections(kind: str, found: list[dm.GroupSection]) -> list[pb.GroupSection]:
    titles = SECTION_TITLES[kind]
    return [pb.GroupSection(name=titles[s.key], list=[section_group(m) for m in s.groups]) for s in found]


def user_group(membership: dm.Membership) -> pb.UserGroup:
    group = membership.group
    return pb.UserGroup(
        id=group.id, name=nullable(group.name), avatar=nullable(group.avatar), groupid=str(group.im_id),
        role=int(membership.member.role),
    )


def joined_group(group: dm.JoinedGroup) -> pb.UserGroup:
    """user_group's line from the list's own columns (the same fields)."""
    return pb.UserGroup(
        id=group.id, name=nullable(group.name), avatar=nullable(group.avatar), groupid=str(group.im_id),
        role=group.role,
    )


def member_item(member: dm.Member) -> pb.MemberItem:
    chat, user = member.chat, member.user or dm.UserProfile(member.user_id)
    return _member_item(
        member.id, member.user_id, member.group_id, member.nickname, member.chat_bgd, int(member.role),
        chat.msg_top, chat.msg_disturb, chat.accept, chat.shielding, user.user_id, user.name, user.avatar,
    )


@memoized_view
def _member_item(
    member_id, user_id, group_id, nickname, chat_bgd, role, msg_top, msg_disturb, accept, shielding, profile_id, name,
    avatar,
) -> pb.MemberItem:
    return pb.MemberItem(
        id=member_id, user_id=user_id, group_id=group_id, nickname=nullable(nickname), chat_bgd=nullable(chat_bgd),
        role=role, chat_setting=_chat_setting(msg_top, msg_disturb, accept, shielding),
        user=pb.UserBrief(id=profile_id, name=name, avatar=nullable(avatar)),
    )
