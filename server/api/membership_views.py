"""Membership domain objects → im-dialect messages (document 003)."""

from groupkit.group.v1 import membership_pb2 as pb
from server.api.values import datetime_text
from server.domain import model as dm


def application(a: dm.Application) -> pb.ImApplication:
    return pb.ImApplication(
        applicant_id=a.applicant_id, expired_time=a.expired_time, group_id=a.group_im_id, reason=a.reason,
        status=a.status, read_id=a.id,
    )


def invitation(i: dm.Invitation) -> pb.ImInvitation:
    return pb.ImInvitation(
        expired_time=i.expired_time, group_id=i.group_im_id, invitee_id=i.invitee_id, inviter_id=i.inviter_id,
        reason=i.reason, status=i.status, updated_at=datetime_text(i.updated_at),
    )


def blocked_user(b: dm.BlockEntry) -> pb.ImBlockedUser:
    return pb.ImBlockedUser(created_at=datetime_text(b.created_at), group_id=b.group_im_id, user_id=b.user_id)


def qr_code(q: dm.QrCode) -> pb.ImQrCode:
    return pb.ImQrCode(create_at=q.create_at, expire_at=q.expire_at, qr_info=q.qr_info, expired=q.expire_at)
