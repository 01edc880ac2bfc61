"""Cursors are opaque keyset positions; silence_status follows the document's 0/1/2."""

import pytest

from server.domain import errors
from server.domain.model import FOREVER, Role, Silence
from server.domain.policies import silence_status
from server.services import cursor
from tests.unit.factories import a_group, a_member


class TestCursor:
    def test_round_trips(self):
        assert cursor.decode("m", cursor.encode("m", 42)) == 42

    def test_empty_is_the_first_page(self):
        assert cursor.decode("m", "") == 0

    @pytest.mark.parametrize("bad", ["garbage!", cursor.encode("x", 3), "bTotMQ", "bTph"])
    def test_foreign_or_broken_cursors_are_invalid_arguments(self, bad):
        with pytest.raises(errors.InvalidArgument):
            cursor.decode("m", bad)


class TestSilenceStatus:
    NOW = 1_000_000

    def test_free(self):
        assert silence_status(a_group(), a_member(), self.NOW) == Silence.FREE

    def test_everyone_muted_counts_for_members_not_managers(self):
        group = a_group(ban_all_until=FOREVER)
        assert silence_status(group, a_member(), self.NOW) == Silence.EVERYONE_MUTED
        assert silence_status(group, a_member(role=Role.ADMIN), self.NOW) == Silence.FREE

    def test_a_personal_mute_until_it_expires(self):
        assert silence_status(a_group(), a_member(muted_until=self.NOW + 1), self.NOW) == Silence.MUTED_ALONE
        assert silence_status(a_group(), a_member(muted_until=self.NOW - 1), self.NOW) == Silence.FREE

    def test_an_expired_mute_all_no_longer_counts(self):
        assert silence_status(a_group(ban_all_until=self.NOW - 1), a_member(), self.NOW) == Silence.FREE

    def test_outsiders_are_free(self):
        assert silence_status(a_group(ban_all_until=FOREVER), None, self.NOW) == Silence.FREE
