"""Store queries of circles (ThinkSNS+ 圈子); composed into Store. Every query is scoped to
the store's app; membership rows of a circle are reached through a circle of the app."""

import random

import peewee as pw

from server.domain import circles as dc
from server.storage.circle_models import (
    Circle,
    CircleBlacklist,
    CircleCategory,
    CircleIncome,
    CircleMember,
    CircleProtocol,
    CircleRecommend,
    CircleTag,
    CircleTagLink,
)
from server.storage.models import User
from server.storage.sql import fetch_all, fetch_one, for_update, marks, quoted

_CIRCLE_FIELDS = [f for f in dc.Circle.__dataclass_fields__ if f not in ("posts_count", "excellen_posts_count")]

# The hot reads (circle list and detail, and the viewer's row every circle answer carries) as
# hand-written SQL with rows as tuples (server/storage/sql.py): each peewee query cost more
# CPU than the rest of the request. Column lists come from the models and the dataclasses.


def _columns(alias: str, model, names) -> str:
    return ", ".join(f'{alias}."{model._meta.fields[name].column_name}"' for name in names)


_CIRCLE_COLUMNS = _columns("c", Circle, _CIRCLE_FIELDS)
_MEMBER_FIELDS = ["id", "circle", "user_id", "role", "audit", "paid", "created_at", "updated_at"]  # CircleMember's order
_MEMBER_COLUMNS = _columns("m", CircleMember, _MEMBER_FIELDS)
_CATEGORY_COLUMNS = _columns("k", CircleCategory, ["id", "name", "sort_by", "status", "created_at", "updated_at"])
_PROFILE_COLUMNS = _columns("u", User, ["user_id", "name", "avatar", "created_at", "updated_at"])
_CIRCLE, _MEMBER, _BLACKLIST = quoted(Circle), quoted(CircleMember), quoted(CircleBlacklist)
_CATEGORY, _USER, _TAG, _TAG_LINK = quoted(CircleCategory), quoted(User), quoted(CircleTag), quoted(CircleTagLink)

_CIRCLE_BY_ID = f'SELECT {_CIRCLE_COLUMNS} FROM {_CIRCLE} c WHERE c."app" = ? AND c."id" = ?'
# On PostgreSQL each join of a hot query cost more to plan (about 70 µs a join; lists are
# planned with their values each time, see sql.PreparedStatements) than a lookup by key
# costs: so the hot queries below join nothing but the tags, and read the blacklist flag and
# count as correlated subqueries.
_BLACKLISTED = (
    f'(SELECT b."id" FROM {_BLACKLIST} b WHERE b."circle_id" = m."circle_id" AND b."user_id" = m."user_id")'
)
# A circle with how many users its blacklist holds.
_CIRCLE_FOR_DETAIL = (
    f'SELECT {_CIRCLE_COLUMNS}, (SELECT COUNT(*) FROM {_BLACKLIST} b WHERE b."circle_id" = c."id") '
    f'FROM {_CIRCLE} c WHERE c."app" = ? AND c."id" = ?'
)
_APPROVED = f'SELECT {_CIRCLE_COLUMNS} FROM {_CIRCLE} c WHERE c."app" = ? AND c."audit" = ?'
_PAGE = ' ORDER BY c."id" LIMIT ? OFFSET ?'
# A user's rows in some circles, with the blacklist flag.
_ROWS_OF = f'SELECT {_MEMBER_COLUMNS}, {_BLACKLISTED} FROM {_MEMBER} m WHERE m."user_id" = ? AND m."circle_id" IN '
# The viewer's row and the founder's, with the blacklist flag. Each side of the OR is an index
# lookup, (circle_id, user_id) or (circle_id, audit, role), not a walk through the circle's members.
_VIEWER_AND_FOUNDER = (
    f'SELECT {_MEMBER_COLUMNS}, {_BLACKLISTED} FROM {_MEMBER} m '
    'WHERE (m."circle_id" = ? AND m."user_id" = ?) OR (m."circle_id" = ? AND m."audit" = ? AND m."role" = ?) '
    'ORDER BY m."id"'
)
_CATEGORY_BY_ID = f'SELECT {_CATEGORY_COLUMNS} FROM {_CATEGORY} k WHERE k."app" = ? AND k."id" = ?'
_PROFILES = f'SELECT {_PROFILE_COLUMNS} FROM {_USER} u WHERE u."app" = ? AND u."user_id" IN '
_TAGS_OF = (
    f'SELECT t."id", t."name", t."tag_category_id", t."weight" FROM {_TAG_LINK} l '
    f'JOIN {_TAG} t ON t."id" = l."tag_id" WHERE l."circle_id" = ? ORDER BY l."id"'
)
_INCOMES = f'SELECT "kind", SUM("amount") FROM {quoted(CircleIncome)} WHERE "circle_id" = ? GROUP BY "kind"'

# Each hot query with example parameters: tests/e2e/test_query_plans.py asks both databases
# for its plan and fails on a full table scan.
CIRCLE_HOT_QUERIES = {
    "circle by id": (_CIRCLE_BY_ID, ("default", 1)),
    "circle by id, locked": (_CIRCLE_BY_ID + " FOR UPDATE", ("default", 1)),
    "circle for its detail": (_CIRCLE_FOR_DETAIL, ("default", 1)),
    "approved circles": (_APPROVED + _PAGE, ("default", dc.APPROVED, 15, 0)),
    "approved circles of a category": (_APPROVED + ' AND c."category_id" = ?' + _PAGE, ("default", dc.APPROVED, 1, 15, 0)),
    "a user's rows in circles": (_ROWS_OF + "(?, ?)", (5, 1, 2)),
    "viewer and founder of a circle": (_VIEWER_AND_FOUNDER, (1, 5, 1, dc.APPROVED, dc.FOUNDER)),
    "category by id": (_CATEGORY_BY_ID, ("default", 1)),
    "profiles": (_PROFILES + "(?, ?)", ("default", 5, 6)),
    "tags of a circle": (_TAGS_OF, (1,)),
    "incomes of a circle": (_INCOMES, (1,)),
}


def _circle_from_tuple(row) -> dc.Circle:
    return dc.Circle(*row)


def _member_from_tuple(row) -> dc.CircleMember:
    """The member columns then the blacklist row's id."""
    return dc.CircleMember(*row[:8], 1 if row[8] is not None else 0)


def _circle(row: Circle) -> dc.Circle:
    return dc.Circle(**{f: getattr(row, f) for f in _CIRCLE_FIELDS})


def _member(row: CircleMember, disabled: bool = False) -> dc.CircleMember:
    return dc.CircleMember(
        row.id, row.circle_id, row.user_id, row.role, row.audit, row.paid, row.created_at, row.updated_at,
        int(disabled),
    )


def _category(row: CircleCategory) -> dc.Category:
    return dc.Category(row.id, row.name, row.sort_by, row.status, row.created_at, row.updated_at)


class CircleQueries:
    # Categories and tags

    def circle_categories(self, enabled_only: bool) -> list[dc.Category]:
        query = CircleCategory.select().where(CircleCategory.app == self.app)
        if enabled_only:
            query = query.where(CircleCategory.status == 0)
        return [_category(r) for r in query.order_by(CircleCategory.sort_by, CircleCategory.id)]

    def circle_category(self, category_id: int) -> dc.Category | None:
        row = fetch_one(_CATEGORY_BY_ID, (self.app, category_id))
        return dc.Category(*row) if row else None

    def circle_category_named(self, name: str) -> dc.Category | None:
        row = CircleCategory.get_or_none((CircleCategory.app == self.app) & (CircleCategory.name == name))
        return _category(row) if row else None

    def insert_circle_category(self, name: str, sort_by: int, status: int, now: int) -> int:
        return CircleCategory.insert(
            app=self.app, name=name, sort_by=sort_by, status=status, created_at=now, updated_at=now
        ).execute()

    def update_circle_category(self, category_id: int, **changes) -> None:
        CircleCategory.update(**changes).where(
            (CircleCategory.app == self.app) & (CircleCategory.id == category_id)
        ).execute()

    def circle_tags_by_ids(self, tag_ids: list[int]) -> dict[int, dc.Tag]:
        if not tag_ids:
            return {}
        rows = CircleTag.select().where((CircleTag.app == self.app) & (CircleTag.id.in_(tag_ids)))
        return {r.id: dc.Tag(r.id, r.name, r.tag_category_id, r.weight) for r in rows}

    def upsert_circle_tag(self, tag_id: int, name: str, tag_category_id: int, weight: int) -> int | None:
        values = {"name": name, "tag_category_id": tag_category_id, "weight": weight}
        if tag_id:
            updated = CircleTag.update(**values).where((CircleTag.app == self.app) & (CircleTag.id == tag_id)).execute()
            return tag_id if updated else None
        return CircleTag.insert(app=self.app, **values).execute()

    def tags_of_circle(self, circle_id: int) -> list[dc.Tag]:
        return [dc.Tag(*r) for r in fetch_all(_TAGS_OF, (circle_id,))]

    def set_circle_tags(self, circle_id: int, tag_ids: list[int]) -> None:
        CircleTagLink.delete().where(CircleTagLink.circle == circle_id).execute()
        if tag_ids:
            CircleTagLink.insert_many([{"circle": circle_id, "tag": t} for t in tag_ids]).execute()

    # Circles

    def insert_circle(self, **fields) -> dc.Circle:
        row = Circle.create(app=self.app, **fields)
        return _circle(row)

    def circle(self, circle_id: int, *, lock: bool = False) -> dc.Circle | None:
        row = fetch_one(_CIRCLE_BY_ID + for_update(lock and self._for_update), (self.app, circle_id))
        return _circle_from_tuple(row) if row else None

    def circle_for_detail(self, circle_id: int) -> tuple[dc.Circle, int] | None:
        """A circle and how many users its blacklist holds."""
        row = fetch_one(_CIRCLE_FOR_DETAIL, (self.app, circle_id))
        return (_circle_from_tuple(row[:-1]), row[-1]) if row else None

    def circle_name_taken(self, name: str, except_id: int = 0) -> bool:
        return Circle.select().where(
            (Circle.app == self.app) & (Circle.name == name) & (Circle.id != except_id)
        ).exists()

    def update_circle(self, circle_id: int, **changes) -> None:
        Circle.update(**changes).where((Circle.app == self.app) & (Circle.id == circle_id)).execute()

    def add_to_users_count(self, circle_id: int, delta: int, now: int) -> None:
        Circle.update(users_count=Circle.users_count + delta, updated_at=now).where(Circle.id == circle_id).execute()

    def _approved(self):
        return Circle.select().where((Circle.app == self.app) & (Circle.audit == dc.APPROVED))

    def approved_circles(self, keyword: str, category_id: int, limit: int, offset: int) -> list[dc.Circle]:
        if keyword:
            query = self._approved().where(Circle.name.contains(keyword))
            if category_id:
                query = query.where(Circle.category_id == category_id)
            return [_circle(r) for r in query.order_by(Circle.id).limit(limit).offset(offset)]
        sql, params = _APPROVED, [self.app, dc.APPROVED]
        if category_id:
            sql += ' AND c."category_id" = ?'
            params.append(category_id)
        return [_circle_from_tuple(r) for r in fetch_all(sql + _PAGE, [*params, limit, offset])]

    def approved_circles_by_ids(self, ids: list[int]) -> list[dc.Circle]:
        rows = self._approved().where(Circle.id.in_(ids)).order_by(Circle.id)
        by_id = {r.id: _circle(r) for r in rows}
        return [by_id[i] for i in ids if i in by_id]  # in the order asked

    def category_circles(self, category_id: int, limit: int, offset: int) -> list[dc.Circle]:
        rows = self._approved().where(Circle.category_id == category_id).order_by(Circle.id.desc()).limit(limit).offset(offset)
        return [_circle(r) for r in rows]

    def count_approved_circles(self) -> int:
        return self._approved().count()

    def recommended_circles(self, viewer_id: int | None, shuffle: bool, limit: int, offset: int) -> list[dc.Circle]:
        query = (
            Circle.select(Circle).join(CircleRecommend)
            .where((Circle.app == self.app) & (Circle.audit == dc.APPROVED))
            .order_by(CircleRecommend.sort_by, CircleRecommend.id)
        )
        if viewer_id is not None:
            mine = CircleMember.select(CircleMember.circle).where(
                (CircleMember.app == self.app) & (CircleMember.user_id == viewer_id)
            )
            banned = CircleBlacklist.select(CircleBlacklist.circle).where(CircleBlacklist.user_id == viewer_id)
            query = query.where(Circle.id.not_in(mine) & Circle.id.not_in(banned))
        rows = [_circle(r) for r in query]
        if shuffle:
            random.shuffle(rows)
        return rows[offset:offset + limit]

    def nearby_candidates(self, cells: set[str]) -> list[tuple[int, str, str]]:
        """(id, latitude, longitude) of the approved circles in these geohash cells: only the
        columns the distance needs, so a dense area costs little before the page is read."""
        condition = None
        for cell in sorted(cells):
            clause = Circle.geo_cell.startswith(cell)
            condition = clause if condition is None else (condition | clause)
        query = (
            Circle.select(Circle.id, Circle.latitude, Circle.longitude)
            .where((Circle.app == self.app) & (Circle.audit == dc.APPROVED) & condition)
        )
        return list(query.tuples())

    def user_circles(self, user_id: int, kind: str, limit: int, offset: int) -> list[tuple[dc.Circle, dc.CircleMember | None]]:
        """A user's circles with their own row: join (approved memberships of approved circles),
        allow_post (those they may post in) or audit (their pending creations and applications)."""
        if kind == "audit":
            created = Circle.select(Circle.id).where(
                (Circle.app == self.app) & (Circle.user_id == user_id) & (Circle.audit == dc.PENDING)
            )
            applied = CircleMember.select(CircleMember.circle).where(
                (CircleMember.app == self.app) & (CircleMember.user_id == user_id) & (CircleMember.audit == dc.PENDING)
            )
            rows = (
                Circle.select().where(
                    (Circle.app == self.app)
                    & (Circle.id.in_(created) | (Circle.id.in_(applied) & (Circle.audit == dc.APPROVED)))
                ).order_by(Circle.id).limit(limit).offset(offset)
            )
            circles = [_circle(r) for r in rows]
            rows_of = self.circle_rows_of([c.id for c in circles], user_id)
            return [(c, rows_of.get(c.id)) for c in circles]
        query = (
            Circle.select(Circle, CircleMember).join(CircleMember)
            .where(
                (Circle.app == self.app) & (Circle.audit == dc.APPROVED) & (CircleMember.user_id == user_id)
                & (CircleMember.audit == dc.APPROVED)
            )
            .order_by(CircleMember.id)
        )
        if kind == "allow_post":
            banned = CircleBlacklist.select(CircleBlacklist.circle).where(CircleBlacklist.user_id == user_id)
            query = query.where(Circle.id.not_in(banned))
            found = []
            for r in query:  # the role test is on a comma list: done here
                circle, member = _circle(r), _member(r.circlemember)
                if dc.may_post(circle, member):
                    found.append((circle, member))
            return found[offset:offset + limit]
        rows = list(query.limit(limit).offset(offset))
        banned = self.blacklisted_in([r.id for r in rows], user_id)
        return [(_circle(r), _member(r.circlemember, r.id in banned)) for r in rows]

    # Members and applications

    def circle_rows_of(self, circle_ids: list[int], user_id: int) -> dict[int, dc.CircleMember]:
        """The user's membership or application in each of these circles, with the blacklist flag."""
        if not circle_ids:
            return {}
        rows = fetch_all(f"{_ROWS_OF}({marks(len(circle_ids))})", [user_id, *circle_ids])
        return {r[1]: _member_from_tuple(r) for r in rows}

    def circle_viewer_and_founder(
        self, circle_id: int, viewer_id: int | None
    ) -> tuple[dc.CircleMember | None, dc.CircleMember | None]:
        """The viewer's membership or application (None without a viewer) and the founder's
        membership, in one query."""
        viewer = founder = None
        for r in fetch_all(_VIEWER_AND_FOUNDER, (circle_id, viewer_id, circle_id, dc.APPROVED, dc.FOUNDER)):
            member = _member_from_tuple(r)
            if viewer_id is not None and member.user_id == viewer_id:
                viewer = member
            if founder is None and member.role == dc.FOUNDER and member.audit == dc.APPROVED:
                founder = member
        return viewer, founder

    def blacklisted_in(self, circle_ids: list[int], user_id: int) -> set[int]:
        if not circle_ids:
            return set()
        rows = CircleBlacklist.select(CircleBlacklist.circle).where(
            (CircleBlacklist.circle.in_(circle_ids)) & (CircleBlacklist.user_id == user_id)
        )
        return {r.circle_id for r in rows}

    def circle_member(self, circle_id: int, user_id: int) -> dc.CircleMember | None:
        return self.circle_rows_of([circle_id], user_id).get(circle_id)

    def circle_member_by_id(self, circle_id: int, member_id: int) -> dc.CircleMember | None:
        row = CircleMember.get_or_none((CircleMember.circle == circle_id) & (CircleMember.id == member_id))
        if row is None:
            return None
        return _member(row, bool(self.blacklisted_in([circle_id], row.user_id)))

    def insert_circle_member(self, circle_id: int, user_id: int, role: str, audit: int, paid: int, now: int) -> None:
        CircleMember.insert(
            app=self.app, circle=circle_id, user_id=user_id, role=role, audit=audit, paid=paid,
            created_at=now, updated_at=now,
        ).execute()

    def update_circle_member(self, member_id: int, **changes) -> None:
        CircleMember.update(**changes).where(CircleMember.id == member_id).execute()

    def delete_circle_member(self, member_id: int) -> int:
        return CircleMember.delete().where(CircleMember.id == member_id).execute()

    def circle_founder(self, circle_id: int) -> dc.CircleMember | None:
        row = CircleMember.get_or_none(
            (CircleMember.circle == circle_id) & (CircleMember.role == dc.FOUNDER) & (CircleMember.audit == dc.APPROVED)
        )
        return _member(row, bool(self.blacklisted_in([circle_id], row.user_id))) if row else None

    def count_circle_role(self, circle_id: int, role: str) -> int:
        return CircleMember.select().where(
            (CircleMember.circle == circle_id) & (CircleMember.role == role) & (CircleMember.audit == dc.APPROVED)
        ).count()

    def count_circle_members(self, circle_id: int) -> int:
        return CircleMember.select().where(
            (CircleMember.circle == circle_id) & (CircleMember.audit == dc.APPROVED)
        ).count()

    def count_circle_roles(self, circle_id: int) -> dict[str, int]:
        """Approved members who are not blacklisted, by role."""
        banned = CircleBlacklist.select(CircleBlacklist.user_id).where(CircleBlacklist.circle == circle_id)
        rows = (
            CircleMember.select(CircleMember.role, pw.fn.COUNT(CircleMember.id))
            .where((CircleMember.circle == circle_id) & (CircleMember.audit == dc.APPROVED)
                   & (CircleMember.user_id.not_in(banned)))
            .group_by(CircleMember.role).tuples()
        )
        return dict(rows)

    def has_pending_applications(self, circle_id: int) -> bool:
        return CircleMember.select().where(
            (CircleMember.circle == circle_id) & (CircleMember.audit == dc.PENDING)
        ).exists()

    def circle_members(
        self, circle_id: int, kind: str, limit: int, offset: int, after: int = 0
    ) -> list[dc.CircleMember]:
        """A page of the circle's members in the list's order (founder, administrators,
        members; then by id), from offset, after the membership with the id after when given."""
        banned = CircleBlacklist.select(CircleBlacklist.user_id).where(CircleBlacklist.circle == circle_id)
        query = CircleMember.select().where(CircleMember.circle == circle_id)
        if kind == "audit":
            query = query.where(CircleMember.audit == dc.PENDING)
        else:
            query = query.where(CircleMember.audit == dc.APPROVED)
        if kind == "manager":
            query = query.where(CircleMember.role.in_([dc.FOUNDER, dc.ADMINISTRATOR]))
        elif kind == "member":
            query = query.where(CircleMember.role == dc.MEMBER)
        elif kind == "blacklist":
            query = query.where(CircleMember.user_id.in_(banned))
        order = pw.Case(CircleMember.role, ((dc.FOUNDER, 0), (dc.ADMINISTRATOR, 1)), 2)
        if after:
            anchor = CircleMember.get_or_none((CircleMember.circle == circle_id) & (CircleMember.id == after))
            rank = {dc.FOUNDER: 0, dc.ADMINISTRATOR: 1}.get(anchor.role, 2) if anchor is not None else 2
            query = query.where((order > rank) | ((order == rank) & (CircleMember.id > after)))
        rows = list(query.order_by(order, CircleMember.id).limit(limit).offset(offset))
        flagged = {r.user_id for r in CircleBlacklist.select(CircleBlacklist.user_id).where(
            (CircleBlacklist.circle == circle_id) & (CircleBlacklist.user_id.in_([r.user_id for r in rows]))
        )} if rows else set()
        return [_member(r, r.user_id in flagged) for r in rows]

    def managed_circle_rows(self, user_id: int) -> list[dc.CircleMember]:
        """The user's founder and administrator rows in the app's approved circles, with the
        blacklist flag (the rule of who runs a circle stays in the domain)."""
        rows = (
            CircleMember.select(CircleMember).join(Circle)
            .where(
                (CircleMember.app == self.app) & (CircleMember.user_id == user_id)
                & (CircleMember.audit == dc.APPROVED) & (CircleMember.role.in_([dc.FOUNDER, dc.ADMINISTRATOR]))
                & (Circle.audit == dc.APPROVED)
            )
        )
        rows = list(rows)
        banned = CircleBlacklist.select(CircleBlacklist.circle).where(
            (CircleBlacklist.user_id == user_id) & (CircleBlacklist.circle.in_([r.circle_id for r in rows]))
        ) if rows else []
        flagged = {r.circle_id for r in banned}
        return [_member(r, r.circle_id in flagged) for r in rows]

    def pending_applications(self, circle_ids: list[int], except_user: int, after: int, limit: int) -> list[dc.CircleMember]:
        """Pending applications to these circles, newest first, below the id after (0: all)."""
        if not circle_ids or not limit:
            return []
        query = CircleMember.select().where(
            (CircleMember.circle.in_(circle_ids)) & (CircleMember.audit == dc.PENDING)
            & (CircleMember.user_id != except_user)
        )
        if after:
            query = query.where(CircleMember.id < after)
        return [_member(r) for r in query.order_by(CircleMember.id.desc()).limit(limit)]

    # Blacklist

    def add_to_circle_blacklist(self, circle_id: int, user_id: int, now: int) -> None:
        CircleBlacklist.insert(circle=circle_id, user_id=user_id, created_at=now).on_conflict_ignore().execute()

    def remove_from_circle_blacklist(self, circle_id: int, user_id: int) -> int:
        return CircleBlacklist.delete().where(
            (CircleBlacklist.circle == circle_id) & (CircleBlacklist.user_id == user_id)
        ).execute()

    # Incomes, recommendations, protocol

    def add_circle_income(self, circle_id: int, kind: int, amount: int, user_id: int, now: int) -> None:
        CircleIncome.insert(circle=circle_id, kind=kind, amount=amount, user_id=user_id, created_at=now).execute()

    def circle_income_rows(
        self, circle_id: int, kind: int | None, after: int, start_ms: int, end_ms: int, limit: int
    ) -> list[dc.Income]:
        """A circle's income records, newest first, filtered as the arguments say (0: no bound)."""
        query = CircleIncome.select().where(CircleIncome.circle == circle_id)
        if kind is not None:
            query = query.where(CircleIncome.kind == kind)
        if after:
            query = query.where(CircleIncome.id < after)
        if start_ms:
            query = query.where(CircleIncome.created_at >= start_ms)
        if end_ms:
            query = query.where(CircleIncome.created_at < end_ms)
        return [
            dc.Income(r.id, r.circle_id, r.kind, r.amount, r.user_id, r.created_at)
            for r in query.order_by(CircleIncome.id.desc()).limit(limit)
        ]

    def circle_incomes(self, circle_id: int) -> tuple[int, int]:
        totals = {kind: int(total or 0) for kind, total in fetch_all(_INCOMES, (circle_id,))}
        return totals.get(1, 0), totals.get(2, 0)

    def set_circle_recommendation(self, circle_id: int, recommended: bool, sort_by: int, now: int) -> None:
        CircleRecommend.delete().where(CircleRecommend.circle == circle_id).execute()
        if recommended:
            CircleRecommend.insert(circle=circle_id, sort_by=sort_by, created_at=now).execute()

    def circle_protocol(self) -> str:
        row = CircleProtocol.get_or_none(CircleProtocol.app == self.app)
        return row.protocol if row else ""

    def set_circle_protocol(self, text: str, now: int) -> None:
        CircleProtocol.insert(app=self.app, protocol=text, updated_at=now).on_conflict(
            conflict_target=[CircleProtocol.app],
            update={CircleProtocol.protocol: text, CircleProtocol.updated_at: now},
        ).execute()

    def circle_profiles(self, user_ids) -> dict[int, dc.Profile]:
        ids = list(set(user_ids))
        if not ids:
            return {}
        return {r[0]: dc.Profile(*r) for r in fetch_all(f"{_PROFILES}({marks(len(ids))})", [self.app, *ids])}
