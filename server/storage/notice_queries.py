"""Store queries of the notices capability (both dialects' notices and their reads); composed into Store."""

import peewee as pw

from server.domain import model as dm
from server.domain.notices import Notice as DomainNotice
from server.domain.notices import NoticeImage
from server.storage.models import Group, Notice, NoticeRead, User
from server.storage.sql import MEMBER_COLUMNS, MEMBER_TABLE, fetch_all, member_from_tuple, quoted

_NEWEST_FIRST = (Notice.created_at.desc(), Notice.id.desc())
_NOTICE_FIELDS = [
    "id", "group", "user_id", "title", "content", "image", "image_width", "image_height", "read_count", "created_at",
    "updated_at",
]
_NOTICE_COLUMNS = ", ".join(f'n."{Notice._meta.fields[name].column_name}"' for name in _NOTICE_FIELDS)
# The community list, every request of it (hand-written SQL: see server/storage/sql.py).
_NOTICE_PAGE = (
    f'SELECT {_NOTICE_COLUMNS} FROM {quoted(Notice)} n WHERE n."group_id" = ? '
    'ORDER BY n."created_at" DESC, n."id" DESC LIMIT ? OFFSET ?'
)
_NOTICE_WIDTH = len(_NOTICE_FIELDS)
# The community list: each notice with its publisher's profile and membership, in one query.
_NOTICE_PAGE_WITH_PUBLISHERS = (
    f'SELECT {_NOTICE_COLUMNS}, u."user_id", u."name", u."avatar", {MEMBER_COLUMNS} FROM {quoted(Notice)} n '
    f'LEFT OUTER JOIN {quoted(User)} u ON u."app" = n."app" AND u."user_id" = n."user_id" '
    f'LEFT OUTER JOIN {MEMBER_TABLE} m ON m."group_id" = n."group_id" AND m."user_id" = n."user_id" '
    'WHERE n."group_id" = ? ORDER BY n."created_at" DESC, n."id" DESC LIMIT ? OFFSET ?'
)
NOTICE_HOT_QUERIES = {
    "notice page": (_NOTICE_PAGE, (1, 10, 0)),
    "notice page with publishers": (_NOTICE_PAGE_WITH_PUBLISHERS, (1, 10, 0)),
}


def _notice_from_tuple(r, group_im_id: int) -> DomainNotice:
    image = NoticeImage(r[5], r[6], r[7]) if r[5] is not None else None
    return DomainNotice(r[0], r[1], group_im_id, r[2], r[3], r[4], image, r[8], r[9], r[10])


def _notice(row: Notice, group_im_id: int) -> DomainNotice:
    image = NoticeImage(row.image, row.image_width, row.image_height) if row.image is not None else None
    return DomainNotice(
        id=row.id, group_id=row.group_id, group_im_id=group_im_id, user_id=row.user_id, title=row.title,
        content=row.content, image=image, read_count=row.read_count, created_at=row.created_at,
        updated_at=row.updated_at,
    )


class NoticeQueries:
    def insert_notice(
        self, group: dm.Group, user_id: int, title: str, content: str, image: NoticeImage | None, now: int
    ) -> DomainNotice:
        row = Notice.create(
            app=self.app, group=group.id, user_id=user_id, title=title, content=content,
            image=image.filename if image else None,
            image_width=image.width if image else None, image_height=image.height if image else None,
            created_at=now, updated_at=now,
        )
        return _notice(row, group.im_id)

    def notice(self, notice_id: int, group_id: int | None = None, *, lock: bool = False) -> DomainNotice | None:
        """A notice of a live group of the app; with group_id, only if it belongs to that group."""
        query = (
            Notice.select(Notice, Group.im_id.alias("group_im_id"))
            .join(Group)
            .where((Notice.app == self.app) & (Notice.id == notice_id) & (Group.status == 0))
            .objects()
        )
        if group_id is not None:
            query = query.where(Notice.group == group_id)
        if lock and self._for_update:
            query = query.for_update(of=Notice)  # the notice's row only, not its group's
        row = query.first()
        return _notice(row, row.group_im_id) if row else None

    def notices(self, group: dm.Group, limit: int, offset: int = 0) -> list[DomainNotice]:
        """A group's notices, newest first; ties (same millisecond) by id, newest first."""
        return [_notice_from_tuple(r, group.im_id) for r in fetch_all(_NOTICE_PAGE, (group.id, limit, offset))]

    def notices_with_publishers(self, group: dm.Group, limit: int, offset: int = 0) -> list[DomainNotice]:
        """notices(), each with its publisher's profile (None when none is known) and membership
        of the group (None once they left), the membership's user being that profile."""
        found = []
        for r in fetch_all(_NOTICE_PAGE_WITH_PUBLISHERS, (group.id, limit, offset)):
            notice = _notice_from_tuple(r, group.im_id)
            user_id, name, avatar = r[_NOTICE_WIDTH:_NOTICE_WIDTH + 3]
            notice.publisher = dm.UserProfile(user_id, name, avatar) if user_id is not None else None
            membership = r[_NOTICE_WIDTH + 3:]
            if membership[0] is not None:
                notice.membership = member_from_tuple(membership, notice.publisher)
            found.append(notice)
        return found

    def latest_unread_notice(self, group: dm.Group, user_id: int) -> DomainNotice | None:
        """The newest notice of the group that the user neither read nor published."""
        read = NoticeRead.select(NoticeRead.id).where((NoticeRead.notice == Notice.id) & (NoticeRead.user_id == user_id))
        row = (
            Notice.select()
            .where((Notice.group == group.id) & (Notice.user_id != user_id) & ~pw.fn.EXISTS(read))
            .order_by(*_NEWEST_FIRST)
            .first()
        )
        return _notice(row, group.im_id) if row else None

    def record_read(self, notice_id: int, user_id: int, now: int) -> bool:
        """Counts the user's reading once: the (notice, user) row is unique, and the count
        rises only when this call inserted it, in the caller's transaction. True when counted."""
        insert = NoticeRead.insert(notice=notice_id, user_id=user_id, created_at=now).on_conflict_ignore()
        inserted = Notice._meta.database.execute(insert).rowcount == 1
        if inserted:
            Notice.update(read_count=Notice.read_count + 1).where(Notice.id == notice_id).execute()
        return inserted

    def delete_notice(self, notice_id: int) -> None:
        NoticeRead.delete().where(NoticeRead.notice == notice_id).execute()
        Notice.delete().where((Notice.app == self.app) & (Notice.id == notice_id)).execute()

    def delete_group_notices(self, group_id: int) -> None:
        """A dismissed group's notices go with it."""
        NoticeRead.delete().where(NoticeRead.notice.in_(Notice.select(Notice.id).where(Notice.group == group_id))).execute()
        Notice.delete().where(Notice.group == group_id).execute()
