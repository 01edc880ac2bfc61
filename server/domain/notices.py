"""Group notices (the community dialect's 公告, the im dialect's announcements): one entity
behind both dialects, and the rules for what a notice may hold."""

from dataclasses import dataclass
from urllib.parse import urlsplit

from server.domain import errors
from server.domain.model import Member, UserProfile
from server.domain.texts import check_clean, extension

MAX_TITLE_LENGTH = 128
MAX_CONTENT_LENGTH = 2000
MAX_IMAGE_NAME_LENGTH = 512
MAX_IMAGE_SIDE = 100_000  # pixels
PAGE_DEFAULT = 20
PAGE_MAX = 100
LIST_MAX = 1000  # the im list has no paging: at most this many, newest first


@dataclass(frozen=True)
class NoticeImage:
    """An image a notice shows. Only its name comes in; width and height are the
    publisher's word (None when not given), mime is the name's extension (None without one)."""

    filename: str
    width: int | None = None
    height: int | None = None

    @property
    def mime(self) -> str | None:
        name = self.filename
        if "://" in name:  # a url: its path's extension, not its query's
            name = urlsplit(name).path
        return extension(name)


@dataclass
class Notice:
    id: int
    group_id: int
    group_im_id: int
    user_id: int  # the publisher
    title: str
    content: str
    image: NoticeImage | None
    read_count: int
    created_at: int
    updated_at: int
    publisher: UserProfile | None = None  # filled by the community list
    membership: Member | None = None  # the publisher's membership, None once they left


def check_title_and_content(title: str, content: str) -> None:
    if not title.strip():
        raise errors.InvalidArgument("title 不能为空", field="title")
    if not content.strip():
        raise errors.InvalidArgument("content 不能为空", field="content")
    check_clean(title, "title", MAX_TITLE_LENGTH)
    check_clean(content, "content", MAX_CONTENT_LENGTH)


def image_of(filename: str, width: int | None, height: int | None) -> NoticeImage | None:
    """The notice's image from the create call's fields; None when no name was given."""
    if not filename:
        if width is not None or height is not None:
            raise errors.InvalidArgument("image_width 和 image_height 需与 image 一起提交", field="image")
        return None
    check_clean(filename, "image", MAX_IMAGE_NAME_LENGTH)
    for value, field in ((width, "image_width"), (height, "image_height")):
        if value is not None and not 0 < value <= MAX_IMAGE_SIDE:
            raise errors.InvalidArgument(f"{field} 必须在 1 到 {MAX_IMAGE_SIDE} 之间", field=field)
    return NoticeImage(filename, width, height)
