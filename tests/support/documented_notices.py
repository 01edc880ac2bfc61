"""The documents' shapes of the notice endpoints: community (000) from its JSON examples,
a documented value that may be unknown written Nullable; im (003) from its field tables."""

from tests.support.documented import USER, community, im
from tests.support.shapes import NULL_OBJECT, NULL_TEXT, NUMBER, TEXT, Nullable

NULL_NUMBER = Nullable(int)

# ---- community dialect, document 000 ----

# data.image when a notice has one: width and height null unless the publisher gave them.
IMAGE = {"height": NULL_NUMBER, "width": NULL_NUMBER, "mime": NULL_TEXT, "filename": TEXT}
DATA = {"image": NULL_OBJECT}
# publisher: the publisher's membership, null once they left.
PUBLISHER = {
    "id": NUMBER, "user_id": NUMBER, "grade": NUMBER, "group_id": NUMBER, "nickname": NULL_TEXT, "chat_bgd": NULL_TEXT,
    "status": NUMBER, "role": NUMBER, "message": None, "top": NUMBER, "created_at": NULL_TEXT, "updated_at": NULL_TEXT,
    "user": USER,
}
NOTICE_ITEM = {
    "id": NUMBER, "title": TEXT, "content": TEXT, "data": DATA, "group_id": NUMBER, "user_id": NUMBER,
    "read_count": NUMBER, "created_at": TEXT, "updated_at": TEXT, "user": USER, "publisher": NULL_OBJECT,
}
LIST_NOTICES = community([NOTICE_ITEM])
CREATE_NOTICE = community(
    {
        "user_id": NUMBER, "title": TEXT, "data": DATA, "content": TEXT, "group_id": NUMBER, "updated_at": TEXT,
        "created_at": TEXT, "id": NUMBER,
    }
)
CREATE_MSG = "创建公告成功"
DELETE_MSG = "删除成功"
READ_MSG = "阅读成功"
LATEST_NOTICE = community(
    {
        "id": NUMBER, "title": TEXT, "content": TEXT, "data": DATA, "group_id": NUMBER, "user_id": NUMBER,
        "read_count": NUMBER, "created_at": TEXT, "updated_at": TEXT,
    }
)

# ---- im dialect, document 003 ----

ANNOUNCEMENT = {"author": NUMBER, "content": TEXT, "created_at": NUMBER, "group_id": NUMBER, "id": NUMBER, "title": TEXT}
GET_ANNOUNCEMENT = im(ANNOUNCEMENT)
DELETE_ANNOUNCEMENT = im({})  # data: object, with no keys documented
EDIT_ANNOUNCEMENT = im(ANNOUNCEMENT)
LAST_ANNOUNCEMENT = im(ANNOUNCEMENT)
LIST_ANNOUNCEMENTS = im([ANNOUNCEMENT])
