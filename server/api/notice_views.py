"""Notices → messages of both dialects: community notices (document 000) and im
announcements (document 003)."""

from groupkit.notice.v1 import notice_service_pb2 as pb
from server.api.values import NULL, datetime_text, nullable, struct_value
from server.domain import model as dm
from server.domain.notices import Notice


def _image_fields(notice: Notice) -> dict | None:
    """{height, width, mime, filename}, with null where the value is unknown; None without an image."""
    image = notice.image
    if image is None:
        return None
    return {"height": image.height, "width": image.width, "mime": image.mime, "filename": image.filename}


def _image(notice: Notice):
    return struct_value(_image_fields(notice))


def _user(profile: dm.UserProfile) -> pb.NoticeUser:
    return pb.NoticeUser(id=profile.user_id, name=profile.name, avatar=nullable(profile.avatar))


def _publisher(notice: Notice):
    """The publisher's membership as the document's list shows it, or null once they left."""
    member = notice.membership
    if member is None:
        return NULL
    user = member.user or dm.UserProfile(member.user_id)
    return struct_value(
        {
            "id": member.id, "user_id": member.user_id, "grade": member.grade, "group_id": member.group_id,
            "nickname": member.nickname, "chat_bgd": member.chat_bgd, "status": member.status,
            "role": int(member.role), "message": None, "top": member.chat.msg_top,
            "created_at": datetime_text(member.created_at), "updated_at": datetime_text(member.updated_at),
            "user": {"id": user.user_id, "name": user.name, "avatar": user.avatar},
        }
    )


def notice_item(notice: Notice) -> pb.NoticeItem:
    return pb.NoticeItem(
        id=notice.id, title=notice.title, content=notice.content, data=pb.NoticeData(image=_image(notice)),
        group_id=notice.group_id, user_id=notice.user_id, read_count=notice.read_count,
        created_at=datetime_text(notice.created_at), updated_at=datetime_text(notice.updated_at),
        user=_user(notice.publisher or dm.UserProfile(notice.user_id)), publisher=_publisher(notice),
    )


def created_notice(notice: Notice) -> pb.CreatedNotice:
    return pb.CreatedNotice(
        user_id=notice.user_id, title=notice.title, data=pb.NoticeData(image=_image(notice)), content=notice.content,
        group_id=notice.group_id, updated_at=datetime_text(notice.updated_at),
        created_at=datetime_text(notice.created_at), id=notice.id,
    )


def latest_notice(notice: Notice | None):
    """GET /api/group/notices/latest's data: the notice, or null when nothing is unread."""
    if notice is None:
        return NULL
    return struct_value(
        {
            "id": notice.id, "title": notice.title, "content": notice.content,
            "data": {"image": _image_fields(notice)}, "group_id": notice.group_id, "user_id": notice.user_id,
            "read_count": notice.read_count, "created_at": datetime_text(notice.created_at),
            "updated_at": datetime_text(notice.updated_at),
        }
    )


def announcement(notice: Notice) -> pb.ImAnnouncement:
    return pb.ImAnnouncement(
        author=notice.user_id, content=notice.content, created_at=notice.created_at, group_id=notice.group_im_id,
        id=notice.id, title=notice.title,
    )


def last_announcement(notice: Notice | None):
    """GET /group/announcement/last's data: the announcement, or null when the group has none."""
    if notice is None:
        return NULL
    return struct_value(
        {
            "author": notice.user_id, "content": notice.content, "created_at": notice.created_at,
            "group_id": notice.group_im_id, "id": notice.id, "title": notice.title,
        }
    )
