"""The role and limit rules of the domain, without a database."""

import pytest

from server.domain import errors
from server.domain import policies as rules
from server.domain.model import Principal, Role
from tests.unit.factories import a_group, a_member


class TestRanks:
    @pytest.mark.parametrize(
        "actor, target, allowed",
        [
            (Role.OWNER, Role.ADMIN, True), (Role.OWNER, Role.MEMBER, True), (Role.ADMIN, Role.MEMBER, True),
            (Role.ADMIN, Role.ADMIN, False), (Role.ADMIN, Role.OWNER, False), (Role.MEMBER, Role.MEMBER, False),
            (Role.OWNER, Role.OWNER, False),
        ],
    )
    def test_nobody_acts_on_an_equal_or_higher_rank(self, actor, target, allowed):
        assert rules.outranks(actor, target) is allowed


class TestEffectiveRole:
    def test_a_member_has_the_role_of_the_membership(self):
        group = a_group()
        assert rules.effective_role(Principal("default", 5), group, a_member(role=Role.ADMIN)) == Role.ADMIN

    def test_an_outsider_has_no_role(self):
        assert rules.effective_role(Principal("default", 5), a_group(), None) is None

    def test_an_admin_token_acting_for_the_group_is_its_administrator(self):
        group = a_group()
        actor = Principal("default", 5, is_app_admin=True, acting_admin_of_im_group=group.im_id)
        assert rules.effective_role(actor, group, None) == Role.ADMIN

    def test_acting_for_another_group_gives_nothing(self):
        actor = Principal("default", 5, is_app_admin=True, acting_admin_of_im_group=1)
        assert rules.effective_role(actor, a_group(), None) is None

    def test_a_plain_token_naming_a_group_gives_nothing(self):
        group = a_group()
        actor = Principal("default", 5, is_app_admin=False, acting_admin_of_im_group=group.im_id)
        assert rules.effective_role(actor, group, None) is None


class TestRequirements:
    def test_managers_are_owners_and_admins(self):
        assert rules.require_manager(Role.ADMIN) == Role.ADMIN
        with pytest.raises(errors.PermissionDenied):
            rules.require_manager(Role.MEMBER)
        with pytest.raises(errors.PermissionDenied):
            rules.require_manager(None)

    def test_members_edit_info_only_while_member_modify_is_on(self):
        with pytest.raises(errors.PermissionDenied):
            rules.require_info_editor(Role.MEMBER, a_group(member_modify=False))
        assert rules.require_info_editor(Role.MEMBER, a_group(member_modify=True)) == Role.MEMBER
        with pytest.raises(errors.PermissionDenied):
            rules.require_info_editor(None, a_group(member_modify=True))


class TestLimits:
    def test_capacity_refuses_the_member_past_the_limit(self):
        group = a_group(member_count=499, max_members=500)
        rules.check_capacity(group, 1)
        with pytest.raises(errors.LimitReached):
            rules.check_capacity(group, 2)

    def test_batches_are_deduplicated_and_capped(self):
        assert rules.check_batch([3, 1, 3], "ids") == [3, 1]
        with pytest.raises(errors.InvalidArgument):
            rules.check_batch([], "ids")
        assert rules.check_batch([], "ids", required=False) == []
        with pytest.raises(errors.InvalidArgument):
            rules.check_batch(list(range(1, rules.MAX_BATCH + 2)), "ids")
        with pytest.raises(errors.InvalidArgument):
            rules.check_batch([0], "ids")
