"""Fixtures shared by the suites. End-to-end tests run against a real stack (gRPC server +
Envoy) once on SQLite and once on a throwaway PostgreSQL, where the machine has one."""

import os
import shutil
import tempfile

import pytest

from tests.support.client import Api
from tests.support.processes import running_stack

DATABASES = ["sqlite", "postgresql"]


def pytest_sessionstart(session):
    """Every temporary directory of the run (stacks' data, clusters, Envoy configs) in one, removed
    when the run passes and kept, with the logs inside, when it fails."""
    base = tempfile.mkdtemp(prefix="groupkit-tests-")
    os.chmod(base, 0o755)  # the throwaway PostgreSQL clusters inside run as the postgres user
    tempfile.tempdir = base


def pytest_sessionfinish(session, exitstatus):
    base = tempfile.tempdir
    if base and os.path.basename(base).startswith("groupkit-tests-"):
        tempfile.tempdir = None
        if exitstatus == 0:
            shutil.rmtree(base, ignore_errors=True)
        else:
            print(f"\nthe run's temporary files are kept in {base}")


@pytest.fixture(scope="session", params=DATABASES)
def stack(request):
    with running_stack(request.param) as stack:
        yield stack


@pytest.fixture(scope="session")
def api(stack):
    return Api(stack)
