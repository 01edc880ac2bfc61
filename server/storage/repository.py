"""Store: the queries of the group domain, scoped to one app. Rows come back as domain
dataclasses; nothing here commits (the unit of work does)."""

import random

import peewee as pw

from server.domain import model as dm
from server.storage.circle_queries import CircleQueries
from server.storage.db import is_sqlite
from server.storage.event_queries import EventQueries
from server.storage.exits_queries import ExitsQueries
from server.storage.file_queries import FileQueries
from server.storage.grades_queries import GradesQueries
from server.storage.member_settings_queries import MemberSettingsQueries
from server.storage.membership_queries import MembershipQueries
from server.storage.models import Group, Member, User
from server.storage.moderation_queries import ModerationQueries
from server.storage.notice_queries import NOTICE_HOT_QUERIES, NoticeQueries
from server.storage.rows import group_from_row as _group
from server.storage.sql import (
    GROUP_COLUMNS,
    GROUP_TABLE,
    GROUP_WIDTH,
    MEMBER_COLUMNS,
    MEMBER_TABLE,
    Inserter,
    fetch_all,
    fetch_one,
    for_update,
    group_from_tuple,
    marks,
    member_from_tuple,
)
from server.storage.sql import execute as execute_sql

IM_ID_MIN = 10_000_000_000_000  # IM group ids have 14 digits, primary keys far fewer
IM_ID_MAX = 99_999_999_999_999
NUMBER_MIN, NUMBER_MAX = 10_000_000, 99_999_999  # 8-digit 群号

# The hot queries (server/storage/sql.py: hand-written, rows as tuples).
_GROUP_WHERE = f'SELECT {GROUP_COLUMNS} FROM {GROUP_TABLE} g WHERE g."app" = ? AND g.{{}} = ? AND g."status" = 0'
_GROUP_BY_ID = _GROUP_WHERE.format('"id"')
_GROUP_BY_IM_ID = _GROUP_WHERE.format('"im_id"')
_MEMBER = f'SELECT {MEMBER_COLUMNS} FROM {MEMBER_TABLE} m WHERE m."group_id" = ? AND m."user_id" = ?'
# Most reads start with the group and the caller's membership of it: one round trip, not two.
_GROUP_WITH_MEMBER_WHERE = (
    f'SELECT {GROUP_COLUMNS}, {MEMBER_COLUMNS} FROM {GROUP_TABLE} g '
    f'LEFT OUTER JOIN {MEMBER_TABLE} m ON m."group_id" = g."id" AND m."user_id" = ? '
    'WHERE g."app" = ? AND g.{} = ? AND g."status" = 0'
)
_GROUP_WITH_MEMBER_BY_ID = _GROUP_WITH_MEMBER_WHERE.format('"id"')
_GROUP_WITH_MEMBER_BY_IM_ID = _GROUP_WITH_MEMBER_WHERE.format('"im_id"')
_MEMBERS_BY_USER = f'SELECT {MEMBER_COLUMNS} FROM {MEMBER_TABLE} m WHERE m."group_id" = ? AND m."user_id" IN '
_MEMBER_PAGE = (
    f'SELECT {MEMBER_COLUMNS} FROM {MEMBER_TABLE} m WHERE m."group_id" = ? AND m."id" > ? ORDER BY m."id" LIMIT ?'
)
# PostgreSQL answers the form above by walking the primary key from the cursor on and filtering by group: through
# every later membership of every other group (12 ms on the last page of a 100 000-member group with 30 000 later
# rows). A row comparison bounded by the group can only be an index range on (group_id, id): 0.05 ms.
_MEMBER_PAGE_ROWS = (
    f'SELECT {MEMBER_COLUMNS} FROM {MEMBER_TABLE} m WHERE (m."group_id", m."id") > (?, ?) AND m."group_id" <= ? '
    'ORDER BY m."group_id", m."id" LIMIT ?'
)
_RANKED_MEMBERS = (
    f'SELECT {MEMBER_COLUMNS}, u."name", u."avatar" FROM {MEMBER_TABLE} m '
    f'LEFT OUTER JOIN "{User._meta.table_name}" u ON u."app" = m."app" AND u."user_id" = m."user_id" '
    'WHERE m."group_id" = ?'
)
_MEMBERSHIPS = (
    f'SELECT {GROUP_COLUMNS}, {MEMBER_COLUMNS} FROM {MEMBER_TABLE} m JOIN {GROUP_TABLE} g ON g."id" = m."group_id" '
    'WHERE m."app" = ? AND m."user_id" = ? AND g."status" = 0'
)
# A user's group list needs five columns and the IM list one: no group and member built per line (issue 20).
_JOINED_FROM = (
    f'FROM {MEMBER_TABLE} m JOIN {GROUP_TABLE} g ON g."id" = m."group_id" '
    'WHERE m."app" = ? AND m."user_id" = ? AND g."status" = 0 ORDER BY m."id"'
)
_JOINED_GROUPS = 'SELECT g."id", g."name", g."avatar", g."im_id", m."role" ' + _JOINED_FROM
_JOINED_IM_IDS = 'SELECT g."im_id" ' + _JOINED_FROM
# SQLite: the ids as one text, one row. Python's sqlite3 releases the interpreter lock around each
# row it steps through, and thousands of hand-overs a request made 8 concurrent callers slower than
# one. The subquery's order holds: SQLite does not flatten an ordered subquery into an aggregate.
_JOINED_IM_IDS_TEXT = f"SELECT group_concat(\"im_id\") FROM ({_JOINED_IM_IDS})"
_USERS = f'SELECT "user_id", "name", "avatar" FROM "{User._meta.table_name}" WHERE "app" = ? AND "user_id" IN '
_ADD_TO_MEMBER_COUNT = (
    f'UPDATE {GROUP_TABLE} SET "member_count" = "member_count" + ?, "updated_at" = ? WHERE "id" = ?'
)
_MEMBERS = Inserter(Member)
_GROUPS = Inserter(Group)

# Each hot query with example parameters: tests/e2e/test_query_plans.py asks both databases
# for its plan and fails on a full table scan (and, for RANKED_IN_INDEX_ORDER, on a sort).
HOT_QUERIES = {
    "group by id": (_GROUP_BY_ID, ("default", 1)),
    "group by IM id": (_GROUP_BY_IM_ID, ("default", IM_ID_MIN)),
    "group by IM id, locked": (_GROUP_BY_IM_ID + " FOR UPDATE", ("default", IM_ID_MIN)),
    "member": (_MEMBER, (1, 5)),
    "group by id with a member": (_GROUP_WITH_MEMBER_BY_ID, (5, "default", 1)),
    "group by IM id with a member": (_GROUP_WITH_MEMBER_BY_IM_ID, (5, "default", IM_ID_MIN)),
    "members by user": (_MEMBERS_BY_USER + "(?, ?)", (1, 5, 6)),
    "member page": (_MEMBER_PAGE, (1, 0, 51)),
    "member page, row comparison": (_MEMBER_PAGE_ROWS, (1, 0, 1, 51)),
    "ranked members": (_RANKED_MEMBERS + ' ORDER BY m."role" DESC, m."id" LIMIT ?', (1, 8)),
    "ranked members, whole list": (_RANKED_MEMBERS + ' ORDER BY m."role" DESC, m."id"', (1,)),
    "memberships of a user": (_MEMBERSHIPS + ' ORDER BY m."id"', ("default", 5)),
    "memberships of a user, one kind": (_MEMBERSHIPS + ' AND g."kind" = ? ORDER BY m."id"', ("default", 5, "group")),
    "joined groups of a user": (_JOINED_GROUPS, ("default", 5)),
    "joined IM ids of a user": (_JOINED_IM_IDS, ("default", 5)),
    "users": (_USERS + "(?, ?)", ("default", 5, 6)),
    "member count": (_ADD_TO_MEMBER_COUNT, (1, 0, 1)),
    **NOTICE_HOT_QUERIES,
}


RANKED_IN_INDEX_ORDER = ("ranked members", "ranked members, whole list")  # member (group_id, role DESC, id)


class Store(
    MembershipQueries, ModerationQueries, MemberSettingsQueries, ExitsQueries, GradesQueries, NoticeQueries, FileQueries,
    CircleQueries, EventQueries,
):
    """The core queries below, plus each capability's (server/storage/*_queries.py)."""

    def __init__(self, app: str, for_update: bool):
        self.app = app
        self._for_update = for_update

    def _lock(self, query):
        return query.for_update() if self._for_update else query

    # Users

    def upsert_user(self, user_id: int, name: str, avatar: str | None, now: int) -> bool:
        """Creates or refreshes a profile; True when it was created."""
        updated = (
            User.update(name=name, avatar=avatar, updated_at=now)
            .where((User.app == self.app) & (User.user_id == user_id))
            .execute()
        )
        if updated:
            return False
        # A savepoint, and the error caught outside it: the failed insert of a racing request is rolled back
        # to the savepoint. Caught inside, the savepoint would be released on PostgreSQL's aborted
        # transaction and the whole request fail.
        try:
            with User._meta.database.atomic():
                User.insert(
                    app=self.app, user_id=user_id, name=name, avatar=avatar,
                    created_at=now, updated_at=now,
                ).execute()
            return True
        except pw.IntegrityError:
            pass
        User.update(name=name, avatar=avatar, updated_at=now).where(
            (User.app == self.app) & (User.user_id == user_id)
        ).execute()
        return False

    def ensure_user(self, user_id: int, now: int) -> None:
        """Records a user seen only by id (a caller whose token has no profile claims)."""
        User.insert(
            app=self.app, user_id=user_id, name="", avatar=None, created_at=now, updated_at=now
        ).on_conflict_ignore().execute()

    def users(self, user_ids) -> dict[int, dm.UserProfile]:
        ids = list(set(user_ids))
        if not ids:
            return {}
        rows = fetch_all(f"{_USERS}({marks(len(ids))})", [self.app, *ids])
        return {user_id: dm.UserProfile(user_id, name, avatar) for user_id, name, avatar in rows}

    def user(self, user_id: int) -> dm.UserProfile:
        return self.users([user_id]).get(user_id) or dm.UserProfile(user_id)

    # Groups

    def insert_group(self, **fields) -> dm.Group:
        """Inserts a group with fresh random IM id and number, retrying on a collision."""
        for _ in range(20):
            im_id = random.randint(IM_ID_MIN, IM_ID_MAX)
            number = random.randint(NUMBER_MIN, NUMBER_MAX)
            values = _GROUPS.values({"app": self.app, "im_id": im_id, "number": number, **fields})
            values["id"] = _GROUPS.insert([values], returning_id=True, unless_taken=True)
            if values["id"] is None:  # the IM id or the number is taken: draw again
                continue
            for field in Group._meta.sorted_fields:
                values.setdefault(field.name, None)  # nullable columns without a default
            return dm.Group(**{name: values[name] for name in dm.Group.__dataclass_fields__})
        raise RuntimeError("could not allocate a unique group id")

    def group(self, group_id: int, *, lock: bool = False) -> dm.Group | None:
        row = fetch_one(_GROUP_BY_ID + for_update(lock and self._for_update), (self.app, group_id))
        return group_from_tuple(row) if row else None

    def group_by_im_id(self, im_id: int, *, lock: bool = False) -> dm.Group | None:
        row = fetch_one(_GROUP_BY_IM_ID + for_update(lock and self._for_update), (self.app, im_id))
        return group_from_tuple(row) if row else None

    def group_by_ref(self, ref: int, *, lock: bool = False) -> dm.Group | None:
        """A group by primary key or by IM id: the two never overlap (IM ids have 14 digits)."""
        if ref >= IM_ID_MIN:
            return self.group_by_im_id(ref, lock=lock)
        return self.group(ref, lock=lock)

    def group_with_member(self, ref: int, user_id: int, *, im_id_only: bool = False) -> tuple[dm.Group | None, dm.Member | None]:
        """A group (by primary key or IM id, as group_by_ref; by IM id only with im_id_only) and
        the user's membership of it (None for an outsider), in one query. Not locked: for reads."""
        by_im_id = im_id_only or ref >= IM_ID_MIN
        row = fetch_one(_GROUP_WITH_MEMBER_BY_IM_ID if by_im_id else _GROUP_WITH_MEMBER_BY_ID, (user_id, self.app, ref))
        if row is None:
            return None, None
        member = row[GROUP_WIDTH:]
        return group_from_tuple(row[:GROUP_WIDTH]), member_from_tuple(member) if member[0] is not None else None

    def groups_by_im_ids(self, im_ids: list[int]) -> dict[int, dm.Group]:
        if not im_ids:
            return {}
        rows = Group.select().where(
            (Group.app == self.app) & (Group.im_id.in_(im_ids)) & (Group.status == 0)
        )
        return {r.im_id: _group(r) for r in rows}

    def update_group(self, group_id: int, **changes) -> None:
        Group.update(**changes).where((Group.app == self.app) & (Group.id == group_id)).execute()

    def join_members(self, group: dm.Group, user_ids: list[int], role: dm.Role, now: int) -> None:
        """Adds members and counts them in the caller's transaction. The group must have been
        read with lock=True and checked with policies.check_capacity."""
        self.add_members(group.id, user_ids, role, now)
        self.add_to_member_count(group.id, len(user_ids), now)

    def remove_members(self, group_id: int, user_ids: list[int], now: int) -> int:
        """Removes memberships and uncounts them in the caller's transaction; returns how many left."""
        if not user_ids:
            return 0
        removed = Member.delete().where((Member.group == group_id) & (Member.user_id.in_(user_ids))).execute()
        if removed:
            self.add_to_member_count(group_id, -removed, now)
        return removed

    def add_to_member_count(self, group_id: int, delta: int, now: int) -> None:
        execute_sql(_ADD_TO_MEMBER_COUNT, (delta, now, group_id))

    def groups_in_community(self, community_id: int) -> list[dm.Group]:
        rows = Group.select().where(
            (Group.app == self.app) & (Group.comm_id == community_id) & (Group.status == 0)
        ).order_by(Group.id)
        return [_group(r) for r in rows]

    # Members

    def add_member(self, group_id: int, user_id: int, role: dm.Role, now: int) -> None:
        self.add_members(group_id, [user_id], role, now)

    def member(self, group_id: int, user_id: int) -> dm.Member | None:
        row = fetch_one(_MEMBER, (group_id, user_id))
        return member_from_tuple(row) if row else None

    def members_by_user_ids(self, group_id: int, user_ids: list[int]) -> dict[int, dm.Member]:
        """Memberships of one group by user id; users who are not members are left out."""
        if not user_ids:
            return {}
        rows = fetch_all(f"{_MEMBERS_BY_USER}({marks(len(user_ids))})", [group_id, *user_ids])
        return {r[2]: member_from_tuple(r) for r in rows}

    def ranked_members(
        self,
        group_id: int,
        *,
        roles: list[int] | None = None,
        muted_after: int | None = None,
        unmuted_at: int | None = None,
        below_role: int | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[dm.Member]:
        """Members ordered owner, admins, members (then by join order), with profiles.
        muted_after keeps members muted at that time; unmuted_at keeps the others."""
        sql, params = [_RANKED_MEMBERS], [group_id]
        if roles is not None:
            sql.append(f' AND m."role" IN ({marks(len(roles))})')
            params += roles
        if below_role is not None:
            sql.append(' AND m."role" < ?')
            params.append(below_role)
        if muted_after is not None:
            sql.append(' AND (m."muted_until" = ? OR m."muted_until" > ?)')
            params += [dm.FOREVER, muted_after]
        if unmuted_at is not None:
            sql.append(' AND m."muted_until" <> ? AND m."muted_until" <= ?')
            params += [dm.FOREVER, unmuted_at]
        sql.append(' ORDER BY m."role" DESC, m."id"')
        if limit is not None:
            sql.append(" LIMIT ?")
            params.append(limit)
        elif offset and is_sqlite(Member._meta.database.obj):
            sql.append(" LIMIT -1")  # SQLite has no OFFSET without LIMIT
        if offset:
            sql.append(" OFFSET ?")
            params.append(offset)
        return [
            member_from_tuple(r, dm.UserProfile(r[2], r[-2] or "", r[-1]))
            for r in fetch_all("".join(sql), params)
        ]

    def member_page(self, group_id: int, after_id: int, limit: int) -> list[dm.Member]:
        """Members in join order after a membership id (keyset pagination)."""
        if is_sqlite(Member._meta.database.obj):
            rows = fetch_all(_MEMBER_PAGE, (group_id, after_id, limit))
        else:
            rows = fetch_all(_MEMBER_PAGE_ROWS, (group_id, after_id, group_id, limit))
        return [member_from_tuple(r) for r in rows]

    def memberships_of(self, user_id: int, kind: str | None = None) -> list[dm.Membership]:
        """The user's groups, oldest membership first."""
        if kind is None:
            rows = fetch_all(_MEMBERSHIPS + ' ORDER BY m."id"', (self.app, user_id))
        else:
            rows = fetch_all(_MEMBERSHIPS + ' AND g."kind" = ? ORDER BY m."id"', (self.app, user_id, kind))
        return [dm.Membership(group_from_tuple(r[:GROUP_WIDTH]), member_from_tuple(r[GROUP_WIDTH:])) for r in rows]

    def joined_groups(self, user_id: int) -> list[dm.JoinedGroup]:
        """The user's groups as their list shows them, oldest membership first."""
        joined = dm.JoinedGroup
        return [joined(*r) for r in fetch_all(_JOINED_GROUPS, (self.app, user_id))]

    def joined_im_ids(self, user_id: int) -> list[int]:
        """The IM ids of the user's groups, oldest membership first."""
        if is_sqlite(Member._meta.database.obj):
            (text,) = fetch_one(_JOINED_IM_IDS_TEXT, (self.app, user_id))
            return [int(im_id) for im_id in text.split(",")] if text else []
        return [r[0] for r in fetch_all(_JOINED_IM_IDS, (self.app, user_id))]

    def owned_groups(self, user_id: int, kind: str) -> list[dm.Group]:
        rows = (
            Group.select()
            .where(
                (Group.app == self.app) & (Group.owner_id == user_id)
                & (Group.kind == kind) & (Group.status == 0)
            )
            .order_by(Group.id)
        )
        return [_group(r) for r in rows]

    def add_members(self, group_id: int, user_ids: list[int], role: dm.Role, now: int) -> None:
        self.add_members_with_roles(group_id, [(uid, role) for uid in user_ids], now)

    def add_members_with_roles(self, group_id: int, members: list[tuple[int, dm.Role]], now: int) -> None:
        """Memberships (user id, role) in one statement: a new group's owner and first members."""
        if not members:
            return
        _MEMBERS.insert([
            {"app": self.app, "group": group_id, "user_id": uid, "role": int(role), "created_at": now, "updated_at": now}
            for uid, role in members
        ])

    def memberships_in(self, group_ids: list[int], user_id: int) -> dict[int, dm.Member]:
        """The user's memberships among these groups, by group id."""
        if not group_ids:
            return {}
        rows = fetch_all(
            f'SELECT {MEMBER_COLUMNS} FROM {MEMBER_TABLE} m WHERE m."group_id" IN ({marks(len(group_ids))}) AND m."user_id" = ?',
            [*group_ids, user_id],
        )
        return {r[1]: member_from_tuple(r) for r in rows}
