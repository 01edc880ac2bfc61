"""A new group's IM id and 群号 are drawn at random; a draw that collides with an existing group
is drawn again inside the same transaction. On PostgreSQL the failed insert aborts the whole
transaction unless it is rolled back to its savepoint: the retry, and the rest of the use case,
must still work (they did not: one create in a few thousand answered 500 under load)."""

import itertools

from server.storage import repository
from server.storage.db import open_database
from server.storage.uow import UnitOfWork

GROUP = {"kind": "group", "name": "碰撞", "owner_id": 5, "max_members": 50, "max_admins": 3, "member_count": 1}


def test_a_colliding_draw_is_drawn_again_and_the_transaction_goes_on(stack, monkeypatch):
    db = open_database(stack.database_url)
    try:
        uow = UnitOfWork(db)
        with uow.write("default") as store:
            existing = store.insert_group(**GROUP, created_at=1, updated_at=1)
        fresh_im_id, fresh_number = existing.im_id + 1, (existing.number % 89_999_999) + 10_000_001
        draws = itertools.chain([existing.im_id, existing.number, existing.im_id, fresh_number],
                                itertools.cycle([fresh_im_id, fresh_number]))
        monkeypatch.setattr(repository.random, "randint", lambda low, high: next(draws))
        with uow.write("default") as store:
            created = store.insert_group(**GROUP, created_at=2, updated_at=2)
            store.add_member(created.id, 5, repository.dm.Role.OWNER, 2)  # the transaction is still usable
        assert (created.im_id, created.number) == (fresh_im_id, fresh_number)
        with uow.read("default") as store:
            assert store.group(created.id).im_id == fresh_im_id
            assert store.member(created.id, 5) is not None
            assert store.group(existing.id).im_id == existing.im_id
    finally:
        db.close()
