"""Concurrent joins and exits of one circle: users_count stays equal to the member rows."""

import random
from concurrent.futures import ThreadPoolExecutor

from tests.support.circles_setup import CircleAdmin, P, create_circle, delete, put


def test_concurrent_joins_and_exits_keep_users_count_true(api):
    admin = CircleAdmin(api)
    owner = api.user()
    circle = create_circle(owner, admin.category(), admin.tag())
    path = f"{P}/groups/{circle['id']}"
    stayers, leavers = [api.user() for _ in range(10)], [api.user() for _ in range(8)]
    for user in leavers:
        assert put(user, path).status_code == 201
    calls = (
        [lambda u=u: put(u, path) for u in stayers]
        + [lambda u=u: put(u, path) for u in stayers[:4]]  # the same users twice: one of each pair is refused
        + [lambda u=u: delete(u, f"{path}/exit") for u in leavers]
        + [lambda u=u: delete(u, f"{path}/exit") for u in leavers[:3]]
    )
    random.shuffle(calls)
    with ThreadPoolExecutor(max_workers=12) as pool:
        replies = list(pool.map(lambda call: call(), calls))
    assert {r.status_code for r in replies} <= {201, 204, 403, 409}, [r.text for r in replies if r.status_code >= 500]
    assert sum(r.status_code == 201 for r in replies) == len(stayers)
    assert sum(r.status_code == 204 for r in replies) == len(leavers)
    members = owner.get(f"{path}/members", params={"limit": 100}).json()
    assert sorted(m["user_id"] for m in members) == sorted([owner.id] + [u.id for u in stayers])
    assert owner.get(path).json()["users_count"] == len(members) == 1 + len(stayers)
