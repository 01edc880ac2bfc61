"""What the bench rows read and write: a small group made through the API, and bulk rows
(groups to join, a 100 000-member group) written straight into the database through the
storage models, not through the API.

Who is who: `reader` (user 5) owns the small group and makes every read; its members are
users 100-119. `joiner` (900) joins fresh open groups, `creator` (901) creates groups, so
neither inflates the reader's lists. `big_owner` (6) owns the big group, `busy` (8) owns thousands. Users 100-119 each
found a circle; the reader is a member of every other one."""

import json
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import peewee as pw

from server.api.tokens import mint
from server.services import cursor
from server.storage.circle_models import CircleTag
from server.storage.db import open_database
from server.storage.models import Group, Member

USERS = {"reader": 5, "big_owner": 6, "busy": 8, "joiner": 900, "creator": 901}
SMALL_MEMBERS = list(range(100, 120))
BULK_IM_BASE = 20_000_000_000_000  # seeded groups' IM ids and numbers: far from the API's random ones
BULK_NUMBER_BASE = 100_000_000  # 9 digits: the API draws 8-digit numbers
BULK_SPAN = 10_000_000  # seeded groups per database at most
BATCH = 2_000
PAGE = 50
CIRCLE_PATH = "/api/v2/plus-group"
CIRCLES = 20  # the default circle list shows 15
CIRCLE_MEMBERS = 8  # besides the founder and the reader, in the circle whose detail is read
CIRCLE_CATEGORY = 1  # 兴趣: categories are seeded for the default app by migration 0020


def call(base_url: str, method: str, path: str, token: str, body: dict | None = None) -> dict:
    request = urllib.request.Request(
        base_url + path, method=method, data=None if body is None else json.dumps(body).encode(),
        headers={"authorization": f"Bearer {token}", "content-type": "application/json", "app_id": "default"},
    )
    with urllib.request.urlopen(request, timeout=30) as reply:
        return json.load(reply)


@dataclass
class Seed:
    database_url: str
    data_dir: Path
    tokens: dict[str, str] = field(default_factory=dict)
    values: dict[str, object] = field(default_factory=dict)

    def token(self, user: str) -> str:
        if user not in self.tokens:
            self.tokens[user] = mint(self.data_dir, USERS[user], name=f"bench{USERS[user]}")
        return self.tokens[user]

    # Through the API (once per database)

    def small_group(self, base_url: str) -> None:
        """The reader's group of 21 members with three notices; users become known on their first call."""
        if "im_id" in self.values:
            return
        for user_id in SMALL_MEMBERS:
            call(base_url, "GET", "/api/user/groups", mint(self.data_dir, user_id, name=f"u{user_id}"))
        for user in USERS:
            call(base_url, "GET", "/api/user/groups", self.token(user))
        created = call(base_url, "POST", "/api/groups", self.token("reader"),
                       {"type": "group", "name": "bench", "members": SMALL_MEMBERS})["data"]
        (mine,) = call(base_url, "GET", "/api/user/groups", self.token("reader"))["data"]
        for n in range(3):
            call(base_url, "POST", "/api/group/notices", self.token("reader"),
                 {"group_id": created["id"], "title": f"公告{n}", "content": "bench notice"})
        self.values.update(group_id=created["id"], im_id=mine["groupid"], member_a=SMALL_MEMBERS[0],
                           member_b=SMALL_MEMBERS[1])

    def circles(self, base_url: str) -> None:
        """CIRCLES public circles, one founded by each of the small group's members (tagged with a
        tag written straight into the database: tags are made by CircleAdminService on the gRPC
        port); the reader joins every other one, and CIRCLE_MEMBERS more users join the first,
        the one whose detail is read."""
        if "circle_id" in self.values:
            return
        db = open_database(self.database_url)
        try:
            with db.connection_context():
                tag = CircleTag.insert(app="default", name="bench", tag_category_id=0, weight=1).execute()
        finally:
            db.close()
        founders = SMALL_MEMBERS[:CIRCLES]
        made = []
        for n, founder in enumerate(founders):
            body = {"name": f"bench圈子{n}", "avatar": "https://img.example.com/bench.png", "tags": [{"id": tag}],
                    "mode": "public", "summary": f"圈子{n}的简介", "notice": "欢迎加入", "allow_feed": 1,
                    "location": "成都", "latitude": "30.657", "longitude": "104.066", "geo_hash": "wm6n2"}
            made.append(call(base_url, "POST", f"{CIRCLE_PATH}/categories/{CIRCLE_CATEGORY}/groups",
                             mint(self.data_dir, founder, name=f"u{founder}"), body)["group"]["id"])
        for circle_id in made[::2]:
            call(base_url, "PUT", f"{CIRCLE_PATH}/groups/{circle_id}", self.token("reader"), {})
        for user_id in founders[1:1 + CIRCLE_MEMBERS]:
            call(base_url, "PUT", f"{CIRCLE_PATH}/groups/{made[0]}", mint(self.data_dir, user_id, name=f"u{user_id}"), {})
        self.values.update(circle_id=made[0])

    # Straight into the database

    def _next_bulk_offset(self, db) -> int:
        with db.connection_context():
            top = Group.select(pw.fn.MAX(Group.im_id)).where(Group.im_id.between(BULK_IM_BASE, BULK_IM_BASE + BULK_SPAN)).scalar()
        return 0 if top is None else top - BULK_IM_BASE + 1

    def _insert(self, db, model, rows: list[dict]) -> None:
        with db.connection_context():
            for start in range(0, len(rows), BATCH):
                with db.atomic():
                    model.insert_many(rows[start:start + BATCH]).execute()

    def _insert_groups(self, db, count: int, owner: int) -> list[int]:
        """count open groups owned by owner (one member each); returns their IM ids."""
        offset, now = self._next_bulk_offset(db), int(time.time() * 1000)
        im_ids = [BULK_IM_BASE + offset + i for i in range(count)]
        self._insert(db, Group, [
            {"app": "default", "im_id": im_id, "number": BULK_NUMBER_BASE + im_id - BULK_IM_BASE, "kind": "group",
             "name": "seeded", "owner_id": owner, "max_members": 500, "max_admins": 4, "member_count": 1,
             "created_at": now, "updated_at": now}
            for im_id in im_ids
        ])
        with db.connection_context():
            pks = dict(Group.select(Group.im_id, Group.id).where(Group.im_id.in_(im_ids)).tuples())
        self._insert(db, Member, [
            {"app": "default", "group": pks[im_id], "user_id": owner, "role": 2, "created_at": now, "updated_at": now}
            for im_id in im_ids
        ])
        return im_ids

    def join_paths(self, count: int) -> list[str]:
        """count fresh open groups the joiner is not in: one join each."""
        db = open_database(self.database_url)
        try:
            return [f"/api/groups/{im_id}/join" for im_id in self._insert_groups(db, count, owner=7)]
        finally:
            db.close()

    def busy_user(self, groups: int) -> None:
        """The `busy` user (8) owns `groups` groups: the per-user lists' big case."""
        if "busy_groups" in self.values:
            return
        db = open_database(self.database_url)
        try:
            self._insert_groups(db, groups, owner=USERS["busy"])
        finally:
            db.close()
        self.values.update(busy_groups=groups)

    def settle(self) -> None:
        """PostgreSQL: VACUUM ANALYZE, so a run does not start while autovacuum works through the
        rows the previous run's writes left (it did: p99 spikes of 22-100 ms on the 100k pages)."""
        db = open_database(self.database_url)
        try:
            if not isinstance(db, pw.SqliteDatabase):
                with db.connection_context():
                    db.execute_sql("VACUUM ANALYZE")
        finally:
            db.close()

    def big_group(self, members: int) -> None:
        """A group of `members` members (big_owner first), with cursors to its first, middle and last page."""
        if "big_im_id" in self.values:
            return
        db = open_database(self.database_url)
        try:
            (im_id,) = self._insert_groups(db, 1, owner=USERS["big_owner"])
            with db.connection_context():
                group_pk = Group.get(Group.im_id == im_id).id
            now, first_user = int(time.time() * 1000), 1_000_000
            self._insert(db, Member, [
                {"app": "default", "group": group_pk, "user_id": first_user + i, "role": 0,
                 "created_at": now, "updated_at": now}
                for i in range(members - 1)
            ])
            with db.connection_context():
                Group.update(member_count=members).where(Group.id == group_pk).execute()
                if not isinstance(db, pw.SqliteDatabase):
                    db.execute_sql("ANALYZE")

                def id_at(position: int) -> int:
                    return (Member.select(Member.id).where(Member.group == group_pk).order_by(Member.id)
                            .offset(position).limit(1).scalar())

                middle, last = id_at(members // 2 - 1), id_at(members - PAGE - 1)
        finally:
            db.close()
        self.values.update(big_im_id=im_id, big_middle=cursor.encode("m", middle), big_last=cursor.encode("m", last))
