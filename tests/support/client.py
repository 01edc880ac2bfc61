"""A REST client for the tests: tokens, users and the two group dialects' headers."""

import itertools
import random
from dataclasses import dataclass

import requests

from server.api.tokens import mint

_user_ids = itertools.count(random.randint(1_000, 9_000) * 1_000)


@dataclass
class User:
    api: "Api"
    id: int
    token: str
    app: str

    @property
    def bearer(self) -> dict:
        return {"authorization": f"Bearer {self.token}"}

    @property
    def im_headers(self) -> dict:
        return {"access-token": self.token, "app_id": self.app}

    def get(self, path, **kw):
        return self.api.request("GET", path, headers=self.bearer, **kw)

    def post(self, path, json=None, **kw):
        return self.api.request("POST", path, headers=self.bearer, json=json, **kw)

    def patch(self, path, json=None, **kw):
        return self.api.request("PATCH", path, headers=self.bearer, json=json, **kw)

    def im(self, method, path, json=None, headers=None, **kw):
        return self.api.request(method, path, headers={**self.im_headers, **(headers or {})}, json=json, **kw)


class Api:
    def __init__(self, stack):
        self.stack = stack
        self.session = requests.Session()

    def request(self, method, path, headers=None, json=None, **kw):
        return self.session.request(method, self.stack.base_url + path, headers=headers, json=json, timeout=30, **kw)

    def token(self, user_id: int, *, app="default", name="", admin=False, ttl=3600) -> str:
        return mint(self.stack.data_dir, user_id, app=app, name=name, admin=admin, ttl_seconds=ttl)

    def user(self, *, app="default", name=None, admin=False, register=True) -> User:
        """A fresh user id; registered (known to the server) by one authenticated call."""
        user_id = next(_user_ids)
        user = User(self, user_id, self.token(user_id, app=app, name=name or f"user{user_id}", admin=admin), app)
        if register:
            assert user.get("/api/user/groups").status_code == 200
        return user

    def community_group(self, owner: User, members=(), kind="group", name="测试群") -> dict:
        reply = owner.post("/api/groups", {"type": kind, "name": name, "members": [m.id for m in members]})
        assert reply.status_code == 200, reply.text
        return reply.json()["data"]

    def groupid_of(self, owner: User, group_pk: int) -> str:
        groups = owner.get("/api/user/groups").json()["data"]
        return next(g["groupid"] for g in groups if g["id"] == group_pk)

    def im_group(self, owner: User, members=(), name="im群") -> dict:
        reply = owner.im("POST", "/group/create", {"name": name, "user_list": [m.id for m in members]})
        assert reply.status_code == 200, reply.text
        return reply.json()["data"]
