"""Moderation rules and use cases: admin limits in both batch modes, rank rules, mute
expiry (lazy: a past end simply stops counting), settings and the manage tree."""

import pytest

from server.domain import errors, manage_tree
from server.domain import policies as rules
from server.domain.model import FOREVER, Role, SearchMode
from server.services import groups, moderation
from server.services.clock import now_ms
from tests.unit.factories import a_group, a_member


def make(uow, owner, members=()):
    return groups.create_group(uow, owner, kind="group", name=None, avatar=None, describe=None, member_ids=list(members))


def roles_of(uow, viewer, group) -> dict[int, Role]:
    return {m.user_id: m.role for m in groups.list_members(uow, viewer, groups.MemberQuery(group.id))}


class TestAdminLimit:
    def test_all_or_none_refuses_the_whole_call(self, uow, users):
        group = make(uow, users(1), range(2, 8))
        moderation.grant_admins(uow, users(1), group.id, [2, 3, 4], whole=True, field="users")
        with pytest.raises(errors.LimitReached):
            moderation.grant_admins(uow, users(1), group.id, [5, 6], whole=True, field="users")
        assert [u for u, r in roles_of(uow, users(1), group).items() if r == Role.ADMIN] == [2, 3, 4]

    def test_per_user_applies_up_to_the_limit(self, uow, users):
        group = make(uow, users(1), range(2, 8))
        results = moderation.grant_admins(uow, users(1), group.im_id, [2, 3, 4, 5, 6, 2], whole=False, field="user_list")
        assert [(r.id, r.ok) for r in results] == [(2, True), (3, True), (4, True), (5, True), (6, False)]
        assert results[-1].reason == "管理员已达上限 4 人"

    def test_existing_admins_do_not_count_twice(self, uow, users):
        group = make(uow, users(1), range(2, 6))
        moderation.grant_admins(uow, users(1), group.id, [2, 3, 4, 5], whole=True, field="users")
        results = moderation.grant_admins(uow, users(1), group.id, [2, 5], whole=True, field="users")
        assert all(r.ok for r in results)

    def test_only_the_owner_grants_and_revokes(self, uow, users):
        group = make(uow, users(1), [2, 3])
        moderation.grant_admins(uow, users(1), group.id, [2], whole=True, field="users")
        with pytest.raises(errors.PermissionDenied):
            moderation.grant_admins(uow, users(2), group.id, [3], whole=True, field="users")
        with pytest.raises(errors.PermissionDenied):
            moderation.revoke_admins(uow, users(2), group.id, [2], whole=True, field="user_id")


class TestRefusals:
    def test_admin_changes_need_a_member_other_than_the_owner(self):
        assert isinstance(rules.admin_change_refusal(None), errors.NotFound)
        assert isinstance(rules.admin_change_refusal(a_member(role=Role.OWNER)), errors.InvalidArgument)
        assert rules.admin_change_refusal(a_member(role=Role.ADMIN)) is None

    @pytest.mark.parametrize(
        "actor,target,allowed",
        [(Role.OWNER, Role.ADMIN, True), (Role.ADMIN, Role.MEMBER, True), (Role.ADMIN, Role.ADMIN, False), (Role.ADMIN, Role.OWNER, False)],
    )
    def test_mutes_go_down_the_ranks_only(self, actor, target, allowed):
        assert (rules.mute_refusal(actor, a_member(role=target)) is None) is allowed

    def test_mute_durations(self):
        assert rules.mute_until(1_000, 2) == 1_000 + 120_000
        assert rules.mute_until(1_000, FOREVER) == FOREVER
        for minutes in (0, -2, rules.MAX_MUTE_MINUTES + 1):
            with pytest.raises(errors.InvalidArgument):
                rules.mute_until(1_000, minutes)


class TestLazyExpiry:
    def test_a_mute_that_ended_no_longer_counts(self, uow, users):
        group = make(uow, users(1), [2, 3])
        moderation.set_mutes(uow, users(1), group.id, [2], now_ms() - 1, whole=True, field="user_ids")
        moderation.set_mutes(uow, users(1), group.id, [3], now_ms() + 60_000, whole=True, field="user_ids")
        page = moderation.banned_page(uow, users(1), group.id, "", 0)
        assert [m.user_id for m in page.members] == [3] and page.total == 1
        silenced = groups.list_members(uow, users(1), groups.MemberQuery(group.id, action="silence"))
        assert [m.user_id for m in silenced] == [3]
        assert groups.group_detail(uow, users(2), group.im_id).silence_status == 0
        assert groups.group_detail(uow, users(3), group.im_id).silence_status == 2

    def test_a_mute_all_that_ended_no_longer_counts(self, uow, users):
        group = make(uow, users(1), [2])
        moderation.set_mute_all(uow, users(1), group.id, now_ms() - 1)
        detail = groups.group_detail(uow, users(2), group.im_id)
        assert (detail.everyone_muted, detail.silence_status) == (False, 0)
        # Toggling an ended mute-all turns it on again, until lifted.
        assert moderation.set_mute_all(uow, users(1), group.id) == FOREVER
        assert moderation.set_mute_all(uow, users(1), group.id) == 0


class TestManageTree:
    def test_a_leaf_option_is_chosen_under_its_parent_or_top_item(self):
        assert manage_tree.choice(4, 1).value == 1
        assert manage_tree.choice(8, 6).value == SearchMode.NUMBER
        assert manage_tree.choice(8, 2).value == SearchMode.NUMBER
        for option, parent in ((6, 2), (3, 2), (7, 1), (1, 0), (9, 6)):
            with pytest.raises(errors.InvalidArgument):
                manage_tree.choice(option, parent)
        with pytest.raises(errors.NotFound):
            manage_tree.choice(99, 1)

    def test_checked_follows_the_group(self):
        options = manage_tree.options(2, a_group(search_mode=SearchMode.NUMBER))
        assert [(o.node.id, o.checked, [(c.node.id, c.checked) for c in o.child]) for o in options] == [
            (6, False, [(7, False), (8, True)]), (9, False, []),
        ]

    def test_choosing_sets_the_setting(self, uow, users):
        group = make(uow, users(1))
        moderation.choose_manage_option(uow, users(1), 5, group.id, 1)
        moderation.choose_manage_option(uow, users(1), 9, group.im_id, 2)
        found, _ = groups.group_info(uow, users(1), group.im_id)
        assert (found.apply_approval, found.search_mode) == (2, SearchMode.HIDDEN)
        assert moderation.public_im_ids(uow, users(1)) == []


class TestInfoFields:
    def test_empty_values_clear_except_the_name(self, uow, users):
        group = make(uow, users(1))
        groups.update_group_info(uow, users(1), group.im_id, "avatar", "a.png")
        groups.update_group_info(uow, users(1), group.im_id, "avatar", "")
        groups.update_group_info(uow, users(1), group.im_id, "ext", "")
        found, _ = groups.group_info(uow, users(1), group.im_id)
        assert (found.avatar, found.ext) == (None, "")
        with pytest.raises(errors.InvalidArgument):
            groups.update_group_info(uow, users(1), group.im_id, "name", "")
        with pytest.raises(errors.InvalidArgument):
            groups.update_group_info(uow, users(1), group.im_id, "ext", None)

    def test_settings_take_only_their_values(self):
        rules.check_setting("apply_approval", 2, "apply_approval")
        for setting, value in (("apply_approval", 3), ("search_mode", -1), ("read_ack", None)):
            with pytest.raises(errors.InvalidArgument):
                rules.check_setting(setting, value, "value")
