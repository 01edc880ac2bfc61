"""Rows → domain dataclasses, shared by every query module."""

from server.domain import model as dm
from server.storage.models import Group, Member

_GROUP_FIELDS = list(dm.Group.__dataclass_fields__)


def group_from_row(row: Group) -> dm.Group:
    return dm.Group(**{f: getattr(row, f) for f in _GROUP_FIELDS})


def member_from_row(row: Member, user: dm.UserProfile | None = None) -> dm.Member:
    return dm.Member(
        id=row.id,
        group_id=row.group_id,
        user_id=row.user_id,
        role=dm.Role(row.role),
        grade=row.grade,
        nickname=row.nickname,
        chat_bgd=row.chat_bgd,
        chat=dm.ChatSetting(row.msg_top, row.msg_disturb, row.disturb_accept, row.disturb_shielding),
        msg_mute_mode=row.msg_mute_mode,
        msg_push_mode=row.msg_push_mode,
        muted_until=row.muted_until,
        status=row.status,
        created_at=row.created_at,
        updated_at=row.updated_at,
        user=user,
    )
