"""Store: the queries of the group domain, scoped to one app. Rows come back as domain
dataclasses; nothing here commits (the unit of work does)."""

import random

import peewee as pw

from server.domain import model as dm
from server.storage.circle_queries import CircleQueries
from server.storage.exits_queries import ExitsQueries
from server.storage.file_queries import FileQueries
from server.storage.grades_queries import GradesQueries
from server.storage.member_settings_queries import MemberSettingsQueries
from server.storage.membership_queries import MembershipQueries
from server.storage.models import Group, Member, User
from server.storage.moderation_queries import ModerationQueries
from server.storage.notice_queries import NoticeQueries
from server.storage.rows import group_from_row as _group
from server.storage.rows import member_from_row as _member

IM_ID_MIN = 10_000_000_000_000  # IM group ids have 14 digits, primary keys far fewer
IM_ID_MAX = 99_999_999_999_999
NUMBER_MIN, NUMBER_MAX = 10_000_000, 99_999_999  # 8-digit 群号


class Store(
    MembershipQueries, ModerationQueries, MemberSettingsQueries, ExitsQueries, GradesQueries, NoticeQueries, FileQueries,
    CircleQueries,
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
        with User._meta.database.atomic():  # a savepoint: a racing insert must not abort the outer transaction
            try:
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
        rows = User.select(User.user_id, User.name, User.avatar).where(
            (User.app == self.app) & (User.user_id.in_(ids))
        )
        return {r.user_id: dm.UserProfile(r.user_id, r.name, r.avatar) for r in rows}

    def user(self, user_id: int) -> dm.UserProfile:
        return self.users([user_id]).get(user_id) or dm.UserProfile(user_id)

    # Groups

    def insert_group(self, **fields) -> dm.Group:
        """Inserts a group with fresh random IM id and number, retrying on a collision."""
        for _ in range(20):
            im_id = random.randint(IM_ID_MIN, IM_ID_MAX)
            number = random.randint(NUMBER_MIN, NUMBER_MAX)
            with Group._meta.database.atomic():
                try:
                    row = Group.create(app=self.app, im_id=im_id, number=number, **fields)
                    return _group(row)
                except pw.IntegrityError:
                    continue
        raise RuntimeError("could not allocate a unique group id")

    def group(self, group_id: int, *, lock: bool = False) -> dm.Group | None:
        query = Group.select().where(
            (Group.app == self.app) & (Group.id == group_id) & (Group.status == 0)
        )
        row = (self._lock(query) if lock else query).first()
        return _group(row) if row else None

    def group_by_im_id(self, im_id: int, *, lock: bool = False) -> dm.Group | None:
        query = Group.select().where(
            (Group.app == self.app) & (Group.im_id == im_id) & (Group.status == 0)
        )
        row = (self._lock(query) if lock else query).first()
        return _group(row) if row else None

    def group_by_ref(self, ref: int, *, lock: bool = False) -> dm.Group | None:
        """A group by primary key or by IM id: the two never overlap (IM ids have 14 digits)."""
        if ref >= IM_ID_MIN:
            return self.group_by_im_id(ref, lock=lock)
        return self.group(ref, lock=lock)

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
        Group.update(member_count=Group.member_count + delta, updated_at=now).where(
            Group.id == group_id
        ).execute()

    def groups_in_community(self, community_id: int) -> list[dm.Group]:
        rows = Group.select().where(
            (Group.app == self.app) & (Group.comm_id == community_id) & (Group.status == 0)
        ).order_by(Group.id)
        return [_group(r) for r in rows]

    # Members

    def add_member(self, group_id: int, user_id: int, role: dm.Role, now: int) -> None:
        Member.insert(
            app=self.app, group=group_id, user_id=user_id, role=int(role),
            created_at=now, updated_at=now,
        ).execute()

    def member(self, group_id: int, user_id: int) -> dm.Member | None:
        row = Member.select().where(
            (Member.group == group_id) & (Member.user_id == user_id)
        ).first()
        return _member(row) if row else None

    def members_by_user_ids(self, group_id: int, user_ids: list[int]) -> dict[int, dm.Member]:
        """Memberships of one group by user id; users who are not members are left out."""
        if not user_ids:
            return {}
        rows = Member.select().where((Member.group == group_id) & (Member.user_id.in_(user_ids)))
        return {r.user_id: _member(r) for r in rows}

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
        query = (
            Member.select(Member, User.name.alias("user_name"), User.avatar.alias("user_avatar"))
            .join(User, pw.JOIN.LEFT_OUTER, on=(User.app == Member.app) & (User.user_id == Member.user_id))
            .where(Member.group == group_id)
            .objects()  # the profile columns land on each Member row
        )
        if roles is not None:
            query = query.where(Member.role.in_(roles))
        if below_role is not None:
            query = query.where(Member.role < below_role)
        if muted_after is not None:
            query = query.where((Member.muted_until == dm.FOREVER) | (Member.muted_until > muted_after))
        if unmuted_at is not None:
            query = query.where((Member.muted_until != dm.FOREVER) & (Member.muted_until <= unmuted_at))
        query = query.order_by(Member.role.desc(), Member.id).offset(offset or None)
        if limit is not None:
            query = query.limit(limit)
        return [_member(r, dm.UserProfile(r.user_id, r.user_name or "", r.user_avatar)) for r in query]

    def member_page(self, group_id: int, after_id: int, limit: int) -> list[dm.Member]:
        """Members in join order after a membership id (keyset pagination)."""
        rows = (
            Member.select()
            .where((Member.group == group_id) & (Member.id > after_id))
            .order_by(Member.id)
            .limit(limit)
        )
        return [_member(r) for r in rows]

    def memberships_of(self, user_id: int, kind: str | None = None) -> list[dm.Membership]:
        """The user's groups, oldest membership first."""
        query = (
            Member.select(Member, Group)
            .join(Group)
            .where((Member.app == self.app) & (Member.user_id == user_id) & (Group.status == 0))
            .order_by(Member.id)
        )
        if kind is not None:
            query = query.where(Group.kind == kind)
        return [dm.Membership(_group(r.group), _member(r)) for r in query]

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
        if not user_ids:
            return
        Member.insert_many(
            [
                {"app": self.app, "group": group_id, "user_id": uid, "role": int(role), "created_at": now, "updated_at": now}
                for uid in user_ids
            ]
        ).execute()

    def memberships_in(self, group_ids: list[int], user_id: int) -> dict[int, dm.Member]:
        """The user's memberships among these groups, by group id."""
        if not group_ids:
            return {}
        rows = Member.select().where((Member.group.in_(group_ids)) & (Member.user_id == user_id))
        return {r.group_id: _member(r) for r in rows}
