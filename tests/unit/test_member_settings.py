"""Per-member settings rules and use cases on a real SQLite file."""

import pytest

from server.domain import errors
from server.domain import policies as rules
from server.services import groups, member_settings
from tests.unit.factories import a_member


def test_check_choice():
    rules.check_choice(None, "msg_top", rules.FLAGS)
    rules.check_choice(4, "msg_push_mode", rules.MSG_PUSH_MODES)
    with pytest.raises(errors.InvalidArgument):
        rules.check_choice(3, "msg_mute_mode", rules.MSG_MUTE_MODES)


def test_only_the_member_themself():
    rules.require_own_membership(5, a_member(user_id=5))
    with pytest.raises(errors.PermissionDenied):
        rules.require_own_membership(6, a_member(user_id=5))


def own_member(uow, principal, group):
    return groups.group_info(uow, principal, group.im_id)[1]


@pytest.fixture
def group(uow, users):
    return groups.create_group(uow, users(1), kind="group", name=None, avatar=None, describe=None, member_ids=[2])


def setting(uow, users, group, **change):
    values = {"msg_top": None, "msg_disturb": None, "accept": None, "shielding": None, **change}
    member_settings.set_chat_setting(uow, users(2), 2, group.im_id, **values)


class TestChatSetting:
    def test_disturb_options_travel_with_msg_disturb(self, uow, users, group):
        setting(uow, users, group, msg_disturb=1, accept=1, shielding=0)
        chat = own_member(uow, users(2), group).chat
        assert (chat.msg_top, chat.msg_disturb, chat.accept, chat.shielding) == (0, 1, 1, 0)
        with pytest.raises(errors.InvalidArgument):
            setting(uow, users, group, msg_disturb=0, accept=0)
        setting(uow, users, group, msg_top=1)
        chat = own_member(uow, users(2), group).chat
        assert (chat.msg_top, chat.msg_disturb) == (1, 1)  # the rest kept

    def test_another_users_id_is_refused(self, uow, users, group):
        with pytest.raises(errors.PermissionDenied):
            member_settings.set_chat_setting(
                uow, users(2), 1, group.im_id, msg_top=1, msg_disturb=None, accept=None, shielding=None
            )


class TestModesAndNames:
    def test_modes_and_display_name_are_the_callers_own(self, uow, users, group):
        member_settings.set_msg_mute_mode(uow, users(2), group.im_id, 2)
        member_settings.set_msg_push_mode(uow, users(2), group.im_id, 3)
        member_settings.set_display_name(uow, users(2), group.im_id, "名片")
        mine, owners = own_member(uow, users(2), group), own_member(uow, users(1), group)
        assert (mine.msg_mute_mode, mine.msg_push_mode, mine.nickname) == (2, 3, "名片")
        assert (owners.msg_mute_mode, owners.msg_push_mode, owners.nickname) == (0, 0, None)

    def test_outsiders_are_refused_and_missing_modes_are_invalid(self, uow, users, group):
        with pytest.raises(errors.PermissionDenied):
            member_settings.set_msg_mute_mode(uow, users(3), group.im_id, 1)
        with pytest.raises(errors.InvalidArgument):
            member_settings.set_msg_push_mode(uow, users(2), group.im_id, None)

    def test_display_names_keep_the_asked_order(self, uow, users, group):
        found = member_settings.display_names(uow, users(1), group.im_id, [2, 3, 1, 2])
        assert [m.user_id for m in found] == [2, 1]


class TestNicknameAndBackground:
    def test_nickname_by_membership_id(self, uow, users, group):
        member = own_member(uow, users(2), group)
        member_settings.set_nickname(uow, users(2), member.id, "小明")
        member_settings.set_chat_background(uow, users(2), member.id, "bg.png")
        updated = own_member(uow, users(2), group)
        assert (updated.nickname, updated.chat_bgd) == ("小明", "bg.png")
        with pytest.raises(errors.PermissionDenied):
            member_settings.set_nickname(uow, users(1), member.id, "改")
        with pytest.raises(errors.NotFound):
            member_settings.set_nickname(uow, users(2), member.id + 1000, "x")

    def test_group_background_goes_through_the_group_edit(self, uow, users, group):
        member_settings.set_group_background(uow, users(1), group.id, "home.png")
        assert groups.group_info(uow, users(1), group.im_id)[0].background == "home.png"
        with pytest.raises(errors.PermissionDenied):
            member_settings.set_group_background(uow, users(2), group.id, "x.png")
