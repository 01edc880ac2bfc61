"""Fixtures shared by the suites. End-to-end tests run against a real stack (gRPC server +
Envoy) once on SQLite and once on a throwaway PostgreSQL, where the machine has one."""

import pytest

from tests.support.client import Api
from tests.support.processes import running_stack

DATABASES = ["sqlite", "postgresql"]


@pytest.fixture(scope="session", params=DATABASES)
def stack(request):
    with running_stack(request.param) as stack:
        yield stack


@pytest.fixture(scope="session")
def api(stack):
    return Api(stack)
