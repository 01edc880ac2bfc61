"""Fixtures shared by the suites. End-to-end tests run against a real stack (gRPC server +
Envoy) once on SQLite and once on a throwaway PostgreSQL, where the machine has one."""

import tempfile
from pathlib import Path

import pytest

from tests.support.client import Api
from tests.support.processes import Postgres, Stack


def _stack_for(database: str):
    data_dir = Path(tempfile.mkdtemp(prefix=f"groupkit-{database}-"))
    postgres = None
    if database == "sqlite":
        url = f"sqlite:///{data_dir}/groups.db"
    else:
        postgres = Postgres()
        if not postgres.available:
            pytest.skip("PostgreSQL is not installed here (CI installs it)")
        url = postgres.start().url
    return Stack(data_dir, url).start(), postgres


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def stack(request):
    stack, postgres = _stack_for(request.param)
    yield stack
    stack.stop()
    if postgres is not None:
        postgres.stop()
    log = stack.log()
    # Bad input must never reach the server as an unexpected exception.
    assert "Traceback" not in log, log[-4000:]


@pytest.fixture(scope="session")
def api(stack):
    return Api(stack)
