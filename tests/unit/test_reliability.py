"""Range checks where values enter, contention detection, load-bound settings and the
supervisor's restart rule, without a running stack."""

import sqlite3

import peewee as pw
import pytest

from groupkit.group.v1 import membership_pb2
from server.api.values import check_numbers
from server.cli import run
from server.cli.envoy_config import LIMITS, limits_from_env, render
from server.domain import errors, ids
from server.storage.uow import is_busy, is_contention


class TestNumbers:
    @pytest.mark.parametrize("text", ["99999999999999999999", "9007199254740992", "-1", "²", "١٢", "", "1e3", " 1"])
    def test_only_ascii_digits_within_2_53_are_ids(self, text):
        with pytest.raises(errors.InvalidArgument) as raised:
            ids.parse_digits(text, "id")
        assert raised.value.field == "id"

    def test_the_largest_exact_json_number_is_an_id(self):
        assert ids.parse_digits("9007199254740991", "id") == ids.MAX_NUMBER

    def test_a_repeated_field_past_2_53_is_named(self):
        request = membership_pb2.InviteImMembersRequest(group_id=5, user_list=[1, 2**53])
        with pytest.raises(errors.InvalidArgument) as raised:
            check_numbers(request)
        assert raised.value.field == "user_list"

    def test_a_nested_field_past_2_53_is_named_by_its_path(self):
        request = membership_pb2.ListImApplicationsRequest(limit=10)
        request.filter.group_list.append(-(2**60))
        with pytest.raises(errors.InvalidArgument) as raised:
            check_numbers(request)
        assert raised.value.field == "filter.group_list"

    def test_numbers_in_range_pass(self):
        check_numbers(membership_pb2.InviteImMembersRequest(group_id=2**53 - 1, user_list=[-1, 0, 7]))


class _PgError(Exception):
    def __init__(self, pgcode):
        super().__init__("x")
        self.pgcode = pgcode


class TestContention:
    @pytest.mark.parametrize("pgcode", ["40001", "40P01", "55P03"])
    def test_serialization_failures_deadlocks_and_lock_timeouts_are_contention(self, pgcode):
        assert is_contention(_PgError(pgcode))
        assert is_contention(pw.OperationalError(_PgError(pgcode)))

    def test_a_busy_sqlite_is_busy_not_contention(self):
        locked = pw.OperationalError(sqlite3.OperationalError("database is locked"))
        assert is_busy(locked) and not is_contention(locked)

    @pytest.mark.parametrize("exc", [_PgError("23505"), pw.IntegrityError("UNIQUE constraint failed"), ValueError("x")])
    def test_other_errors_are_not(self, exc):
        assert not is_contention(exc)


class TestLimits:
    def test_defaults_are_generous_and_writes_tighter_than_reads(self):
        limits = limits_from_env({})
        assert limits["RATE_LIMIT_WRITES"] < limits["RATE_LIMIT_READS"] <= limits["RATE_LIMIT_TOTAL"]
        assert set(limits) == set(LIMITS)

    @pytest.mark.parametrize("raw", ["0", "-5", "many"])
    def test_a_limit_must_be_a_positive_integer(self, raw):
        with pytest.raises(ValueError):
            limits_from_env({"RATE_LIMIT_READS": raw})

    def test_the_limits_reach_envoys_config(self):
        config = render(http_port=1, admin_port=2, grpc_port=3, jwks="{}", limits={"RATE_LIMIT_WRITES": 7, "MAX_CONNECTIONS": 9})
        assert "max_tokens: 7, tokens_per_fill: 7" in config
        assert "max_active_downstream_connections: 9" in config


class _Dying:
    """A process that has already exited."""

    returncode = 1

    def poll(self):
        return 1


class TestRestarts:
    @pytest.fixture
    def clock(self, monkeypatch):
        now = [100.0]
        monkeypatch.setattr(run.time, "monotonic", lambda: now[0])
        return now

    @staticmethod
    def _slot(monkeypatch, clock, *, serves: bool):
        slot = run.ServerSlot(5000)

        def start():
            slot.process, slot.started_at, slot.serving, slot.restart_at = _Dying(), clock[0], False, None

        monkeypatch.setattr(slot, "start", start)
        monkeypatch.setattr(slot, "_answers_health", lambda: serves)
        start()
        return slot

    def test_a_process_that_never_serves_is_given_up_after_5_deaths_with_backoff(self, monkeypatch, clock):
        slot = self._slot(monkeypatch, clock, serves=False)
        delays, reason = [], None
        while reason is None:
            reason = slot.check()
            if slot.restart_at is not None:
                delays.append(round(slot.restart_at - clock[0], 2))
                clock[0] = slot.restart_at
                assert slot.check() is None  # restarts now
        assert delays == [0.2, 0.4, 0.8, 1.6]
        assert "died 5 times in a row before it could serve" in reason and "giving up" in reason

    def test_a_process_that_served_is_always_restarted(self, monkeypatch, clock):
        slot = self._slot(monkeypatch, clock, serves=False)
        for _ in range(20):
            slot.serving = True  # it answered its health check, then died
            assert slot.check() is None
            clock[0] = slot.restart_at
            slot.check()
        assert slot.restart_at is None and slot.deaths_at_start == 0

    def test_a_death_long_after_the_start_starts_the_backoff_again(self, monkeypatch, clock):
        slot = self._slot(monkeypatch, clock, serves=False)
        slot.serving, slot.deaths_in_a_row = True, 4
        clock[0] += run.STABLE_SECONDS + 1
        assert slot.check() is None
        assert slot.deaths_in_a_row == 1 and slot.restart_at == pytest.approx(clock[0] + run.FIRST_BACKOFF)


class TestSettings:
    """Issue 21: DATA_DIR holds the default SQLite file; malformed values name their variable."""

    def test_the_default_database_follows_data_dir(self, tmp_path):
        from server.config import Settings

        assert Settings.from_env({"DATA_DIR": str(tmp_path)}).database_url == f"sqlite:///{tmp_path}/groups.db"
        assert Settings.from_env({"DATA_DIR": str(tmp_path), "DATABASE_URL": "sqlite:///x.db"}).database_url == "sqlite:///x.db"

    @pytest.mark.parametrize(("env", "words"), [
        ({"HTTP_PORT": "70000"}, "HTTP_PORT must be a TCP port number"),
        ({"SERVER_PROCESSES": "0"}, "SERVER_PROCESSES must be a whole number from 1 to 64"),
        ({"USERS_MUST_EXIST": "y"}, "USERS_MUST_EXIST must be 1, true or yes"),
        ({"DATABASE_URL": "mysql://x"}, "DATABASE_URL must be sqlite:///relative/path"),
        ({"GRPC_PORT": "65535", "SERVER_PROCESSES": "2"}, "GRPC_PORT + SERVER_PROCESSES - 1 must be at most 65535"),
    ])
    def test_malformed_values_name_the_variable(self, env, words):
        from server.config import Settings, SettingsError

        with pytest.raises(SettingsError, match=words.replace("+", r"\+")):
            Settings.from_env(env)

    def test_flags_take_the_usual_words(self):
        from server.config import Settings

        for word in ("1", "true", "YES", "on"):
            assert Settings.from_env({"USERS_MUST_EXIST": word}).users_must_exist is True
        for word in ("", "0", "false", "no"):
            assert Settings.from_env({"USERS_MUST_EXIST": word}).users_must_exist is False

    def test_two_settings_on_one_port_are_refused_by_name(self):
        from server.config import Settings

        settings = Settings.from_env({"HTTP_PORT": "5000", "GRPC_PORT": "4999", "SERVER_PROCESSES": "2"})
        with pytest.raises(run.PortTaken, match=r"GRPC_PORT\+1 \(SERVER_PROCESSES=2\) and HTTP_PORT are both 5000"):
            run.check_ports(settings)
