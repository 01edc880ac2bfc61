"""PostgreSQL contention never surfaces as a 500: a transaction that fails with a serialization
failure or a deadlock is rolled back and the use case runs again (a bounded number of times),
then a clean 503 in the dialect's envelope.

The failures are real PostgreSQL errors, raised by a trigger on the group table the first N
times a row is updated (a sequence counts them: sequences are not rolled back)."""

import contextlib

import pytest

FAIL_FIRST_UPDATES = """
CREATE SEQUENCE IF NOT EXISTS test_forced_failures;
CREATE OR REPLACE FUNCTION test_fail_first_updates() RETURNS trigger AS $$
BEGIN
  IF nextval('test_forced_failures') <= {times} THEN
    RAISE EXCEPTION 'forced by the test' USING ERRCODE = '{sqlstate}';
  END IF;
  RETURN NEW;
END $$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS test_fail_first_updates ON "group";
CREATE TRIGGER test_fail_first_updates BEFORE UPDATE ON "group"
  FOR EACH ROW WHEN (NEW.name IS DISTINCT FROM OLD.name) EXECUTE FUNCTION test_fail_first_updates();
"""
REMOVE = """
DROP TRIGGER IF EXISTS test_fail_first_updates ON "group";
DROP FUNCTION IF EXISTS test_fail_first_updates();
DROP SEQUENCE IF EXISTS test_forced_failures;
"""


@contextlib.contextmanager
def failing_updates(stack, *, times: int, sqlstate: str):
    import psycopg2

    connection = psycopg2.connect(stack.database_url)
    connection.autocommit = True
    try:
        with connection.cursor() as cursor:
            cursor.execute(REMOVE)
            cursor.execute(FAIL_FIRST_UPDATES.format(times=times, sqlstate=sqlstate))
        yield connection
    finally:
        with connection.cursor() as cursor:
            cursor.execute(REMOVE)
        connection.close()


def _postgres_only(stack):
    if not stack.database_url.startswith("postgresql"):
        pytest.skip("serialization failures and deadlocks are PostgreSQL's")


@pytest.mark.parametrize("sqlstate", ["40001", "40P01"], ids=["serialization_failure", "deadlock_detected"])
def test_a_transaction_that_loses_is_run_again_and_succeeds(api, stack, sqlstate):
    _postgres_only(stack)
    owner = api.user()
    group = api.community_group(owner)
    with failing_updates(stack, times=2, sqlstate=sqlstate):
        reply = owner.patch(f"/api/groups/{group['id']}", {"name": "改过的名字"})
    assert reply.status_code == 200, reply.text
    assert reply.json()["code"] == 0
    groupid = api.groupid_of(owner, group["id"])
    assert owner.get(f"/api/groups/{groupid}").json()["data"]["name"] == "改过的名字"


def test_a_transaction_that_keeps_losing_is_a_503_in_the_envelope(api, stack):
    _postgres_only(stack)
    owner = api.user()
    group = api.community_group(owner, name="原名")
    im_group = api.im_group(owner, name="原名")
    with failing_updates(stack, times=1000, sqlstate="40001"):
        community = owner.patch(f"/api/groups/{group['id']}", {"name": "新名字"})
        im = owner.im("PUT", "/group/info/name", {"group_id": im_group["group_id"], "value": "新名字"})
    assert community.status_code == 503
    assert community.json() == {"msg": "服务繁忙，请稍后再试", "code": 503, "data": None}
    assert im.status_code == 503
    assert im.json() == {"code": 503, "data": None, "message": "服务繁忙，请稍后再试"}
    # Nothing was changed.
    groupid = api.groupid_of(owner, group["id"])
    assert owner.get(f"/api/groups/{groupid}").json()["data"]["name"] == "原名"
