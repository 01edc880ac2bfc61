"""Domain objects → im-dialect messages (document 003)."""

from groupkit.group.v1 import im_pb2 as pb
from server.api.values import memoized_view, nullable
from server.domain import model as dm


def ban_expire_seconds(ban_all_until: int) -> int:
    """Mute-all end (Group.ban_all_until, ms) in seconds as the document says; 0 none, -1 permanent."""
    if ban_all_until in (0, dm.FOREVER):
        return ban_all_until
    return ban_all_until // 1000


def group_info(group: dm.Group, viewer: dm.Member | None) -> pb.ImGroupInfo:
    return pb.ImGroupInfo(
        apply_approval=group.apply_approval, avatar=group.avatar or "", ban_expire_time=ban_expire_seconds(group.ban_all_until),
        capacity=group.max_members, count=group.member_count, created_at=group.created_at,
        description=group.describe or "", ext=group.ext, group_id=group.im_id,
        history_visible=group.history_visible, member_invite=group.member_invite,
        member_modify=group.member_modify,
        msg_mute_mode=viewer.msg_mute_mode if viewer else 0,
        msg_push_mode=viewer.msg_push_mode if viewer else 0,
        name=group.name or "", owner_id=group.owner_id, read_ack=group.read_ack, status=group.status,
        type=group.im_type, updated_at=group.updated_at, hide_member_info=group.hide_member_info,
    )


def group_brief(group: dm.Group, viewer: dm.Member | None) -> pb.ImGroupBrief:
    return pb.ImGroupBrief(
        apply_approval=group.apply_approval, avatar=group.avatar or "", capacity=group.max_members,
        count=group.member_count, group_id=group.im_id,
        msg_mute_mode=viewer.msg_mute_mode if viewer else 0,
        msg_push_mode=viewer.msg_push_mode if viewer else 0,
        name=group.name or "", owner=group.owner_id, status=group.status, type=group.im_type,
    )


def member(m: dm.Member, now: int) -> pb.ImMember:
    return _member(m.nickname or "", m.muted_until if m.muted(now) else 0, m.created_at, m.user_id)


@memoized_view
def _member(display_name: str, expired_time: int, join_time: int, user_id: int) -> pb.ImMember:
    return pb.ImMember(display_name=display_name, expired_time=expired_time, join_time=join_time, user_id=user_id)


def user_results(results: list[dm.ItemResult]) -> list[pb.ImUserResult]:
    """A batch's per-user outcomes: {"reason": null|"…", "result": "success"|"fail", "user_id": n}."""
    return [
        pb.ImUserResult(reason=nullable(r.reason), result="success" if r.ok else "fail", user_id=r.id) for r in results
    ]
