import pytest

from server.domain.model import Principal
from server.storage.db import migrate, open_database
from server.storage.uow import UnitOfWork


@pytest.fixture
def uow(tmp_path):
    db = open_database(f"sqlite:///{tmp_path}/unit.db")
    migrate(db)
    yield UnitOfWork(db)
    db.close()


@pytest.fixture
def users(uow):
    """Registers users 1..20 of app "default" and returns a Principal maker."""
    with uow.write("default") as store:
        for uid in range(1, 21):
            store.upsert_user(uid, f"user{uid}", None, 0)
    return lambda uid, app="default": Principal(app, uid)
