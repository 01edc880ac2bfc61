"""Notices → messages of both dialects: community notices (document 000) and im
announcements (document 003)."""

from groupkit.notice.v1 import notice_service_pb2 as pb
from server.api.values import NULL, datetime_text, memoized_view, nullable, struct_value
from server.domain import model as dm
from server.domain.notices import Notice, NoticeImage


def _image_fields(notice: Notice) -> dict | None:
    """{height, width, mime, filename}, with null where the value is unknown; None without an image."""
    image = notice.image
    return None if image is None else _image_fields_of(image.filename, image.width, image.height)


def _image_fields_of(filename: str, width: int | None, height: int | None) -> dict:
    return {"height": height, "width": width, "mime": NoticeImage(filename).mime, "filename": filename}


def _image(notice: Notice):
    image = notice.image
    return NULL if image is None else _image_value(image.filename, image.width, image.height)


@memoized_view
def _image_value(filename: str, width: int | None, height: int | None):
    return struct_value(_image_fields_of(filename, width, height))


def _user(profile: dm.UserProfile) -> pb.NoticeUser:
    return pb.NoticeUser(id=profile.user_id, name=profile.name, avatar=nullable(profile.avatar))


def _publisher(notice: Notice):
    """The publisher's membership as the document's list shows it, or null once they left."""
    member = notice.membership
    if member is None:
        return NULL
    user = member.user or dm.UserProfile(member.user_id)
    return _membership(
        member.id, member.user_id, member.grade, member.group_id, member.nickname, member.chat_bgd, member.status,
        int(member.role), member.chat.msg_top, member.created_at, member.updated_at, user.user_id, user.name,
        user.avatar,
    )


@memoized_view  # a Struct costs about 15 µs to build, and the same publishers recur on every page
def _membership(
    member_id, user_id, grade, group_id, nickname, chat_bgd, status, role, top, created_at, updated_at, profile_id,
    name, avatar,
):
    return struct_value(
        {
            "id": member_id, "user_id": user_id, "grade": grade, "group_id": group_id, "nickname": nickname,
            "chat_bgd": chat_bgd, "status": status, "role": role, "message": None, "top": top,
            "created_at": datetime_text(created_at), "updated_at": datetime_text(updated_at),
            "user": {"id": profile_id, "name": name, "avatar": avatar},
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
