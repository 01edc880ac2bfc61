"""Grades rules and use cases on a real SQLite file: conditions, pay passwords, and the
upgrade's all-or-nothing transaction."""

import pytest

from server.domain import errors
from server.domain import grades as dg
from server.domain.model import Principal
from server.services import grades, groups
from tests.unit.factories import a_group

ADMIN = Principal("default", 99, is_app_admin=True)
PASS = "246810"


class TestConditions:
    def test_thresholds_are_inclusive_and_group_members_must_exceed_one(self):
        met = dg.conditions("group", dg.UserStats(5, 4, 10, 30, [2, 2, 196]))
        assert [c.status for c in met] == [True] * 5 and dg.all_met(met)
        short = dg.conditions("community", dg.UserStats(4, 3, 4999, 29, [1, 1, 197]))
        assert [c.status for c in short] == [False] * 5 and not dg.all_met(short)
        assert short[3].extra["rate"] == "1/3" and short[4].extra["rate"] == "199/200"

    def test_unknown_kind_is_refused(self):
        with pytest.raises(errors.InvalidArgument):
            dg.conditions("club", dg.UserStats())

    def test_negative_stats_are_refused(self):
        with pytest.raises(errors.InvalidArgument):
            dg.check_stats(dg.UserStats(invited_group_member_counts=[3, -1]))


class TestPayPassword:
    def test_hashes_are_salted_and_verify(self):
        first, second = dg.hash_pay_pass(PASS), dg.hash_pay_pass(PASS)
        assert first != second and PASS not in first
        assert dg.pay_pass_matches(PASS, first) and not dg.pay_pass_matches("246811", first)

    def test_payment_needs_a_set_password_the_right_one_and_the_same_one_still(self):
        with pytest.raises(errors.FailedPrecondition):
            dg.check_pay_pass(dg.Wallet(1, 100, None), PASS)
        wallet = dg.Wallet(1, 100, dg.hash_pay_pass(PASS))
        with pytest.raises(errors.PermissionDenied):
            dg.check_pay_pass(wallet, "000000")
        checked = dg.check_pay_pass(wallet, PASS)
        dg.check_balance(wallet, checked, 100)
        with pytest.raises(errors.FailedPrecondition):
            dg.check_balance(wallet, checked, 101)
        with pytest.raises(errors.FailedPrecondition):
            dg.check_balance(dg.Wallet(1, 100, dg.hash_pay_pass(PASS)), checked, 1)  # changed meanwhile


class TestRules:
    def test_upgrades_only_go_up(self):
        rule = dg.UpgradeRule(1, 2, 1000, 10, "ore", 1000)
        dg.check_upgrade(a_group(grade=1), rule)
        for grade in (2, 3):
            with pytest.raises(errors.FailedPrecondition):
                dg.check_upgrade(a_group(grade=grade), rule)

    @pytest.mark.parametrize(("level", "members", "admins", "price"), [(1, 500, 4, 0), (2, 0, 1, 0), (2, 10, 11, 0), (2, 10, 1, -1)])
    def test_invalid_rules(self, level, members, admins, price):
        with pytest.raises(errors.InvalidArgument):
            dg.check_rule(level, members, admins, price)


def funded_group(uow, users, amount=1200):
    owner = users(1)
    group = groups.create_group(uow, owner, kind="group", name=None, avatar=None, describe=None, member_ids=[2])
    grades.set_pay_password(uow, ADMIN, 1, PASS)
    grades.credit_wallet(uow, ADMIN, 1, amount, "充值")
    return owner, group


def rule(uow, actor, level):
    return next(r for r in grades.upgrade_rules(uow, actor, None, None).rules if r.level == level)


def state(uow, owner, group):
    current, _ = groups.group_info(uow, owner, group.im_id)
    wallet = grades.wallet_of(uow, ADMIN, owner.user_id)
    return current.grade, current.max_members, current.max_admins, wallet.wallet.balance, [a for a, _ in wallet.entries]


class TestUpgrade:
    def test_success_debits_once_and_raises_every_limit(self, uow, users):
        owner, group = funded_group(uow, users)
        grades.upgrade_group(uow, owner, group.id, rule(uow, owner, 2).id, PASS)
        assert state(uow, owner, group) == (2, 1000, 10, 200, [1200, -1000])

    @pytest.mark.parametrize(
        ("caller", "level", "pay_pass", "error"),
        [
            (1, 3, PASS, errors.FailedPrecondition),  # 1500 for 1200
            (1, 2, "999999", errors.PermissionDenied),
            (2, 2, PASS, errors.PermissionDenied),  # a member, not the owner
        ],
    )
    def test_any_refusal_leaves_balance_and_grade_unchanged(self, uow, users, caller, level, pay_pass, error):
        owner, group = funded_group(uow, users)
        with pytest.raises(error):
            grades.upgrade_group(uow, users(caller), group.id, rule(uow, owner, level).id, pay_pass)
        assert state(uow, owner, group) == (1, 500, 4, 1200, [1200])

    def test_rules_of_another_app_are_not_found(self, uow, users):
        owner, group = funded_group(uow, users)
        with pytest.raises(errors.NotFound):
            grades.upgrade_group(uow, owner, group.id, 999, PASS)
        assert grades.upgrade_rules(uow, Principal("acme", 1), None, None).rules == []


class TestAdministration:
    def test_only_app_admins(self, uow, users):
        with pytest.raises(errors.PermissionDenied):
            grades.credit_wallet(uow, users(1), 1, 10, "x")
        with pytest.raises(errors.PermissionDenied):
            grades.upsert_upgrade_rule(uow, users(1), 5, 10, 1, 0)

    def test_upsert_replaces_a_level(self, uow, users):
        rule_id, created = grades.upsert_upgrade_rule(uow, ADMIN, 2, 900, 9, 10)
        assert created is False and rule_id == rule(uow, users(1), 2).id
        assert rule(uow, users(1), 2).max_members == 900


class TestCreationGate:
    def test_off_by_default_and_on_needs_every_condition(self, uow, users, monkeypatch):
        def create():
            groups.create_group(uow, users(3), kind="group", name=None, avatar=None, describe=None, member_ids=[])

        assert grades.CREATION_GATE.needs_conditions is False
        create()
        monkeypatch.setattr(grades.CREATION_GATE, "needs_conditions", True)
        with pytest.raises(errors.FailedPrecondition):
            create()
        grades.set_user_stats(uow, ADMIN, 3, dg.UserStats(5, 4, 5000, 30, [2, 2, 196]))
        create()

    def test_the_setting_comes_from_the_environment(self):
        from server.config import Settings

        assert Settings.from_env({}).group_creation_requires_conditions is False
        assert Settings.from_env({"GROUP_CREATION_REQUIRES_CONDITIONS": "1"}).group_creation_requires_conditions is True
