"""Group use cases on a real SQLite file: counts, roles, validation and tenancy."""

import pytest

from server.domain import errors
from server.domain.model import GroupKind, Principal, Role
from server.services import groups, lookup, moderation


def make(uow, owner, members=(), kind=GroupKind.GROUP, **kw):
    return groups.create_group(
        uow, owner, kind=kind, name=kw.get("name"), avatar=None, describe=None, member_ids=list(members)
    )


class TestCreate:
    def test_owner_and_members_are_counted_and_ranked(self, uow, users):
        group = make(uow, users(1), [2, 3])
        assert (group.member_count, group.owner_id, group.max_members, group.max_admins) == (3, 1, 500, 4)
        members = groups.list_members(uow, users(2), groups.MemberQuery(group.id))
        assert [(m.user_id, m.role) for m in members] == [(1, Role.OWNER), (2, Role.MEMBER), (3, Role.MEMBER)]

    def test_ids_are_disjoint_im_ids_have_14_digits(self, uow, users):
        group = make(uow, users(1))
        assert group.im_id >= 10**13 > group.id

    def test_a_failed_create_leaves_nothing(self, uow, users, monkeypatch):
        monkeypatch.setattr(lookup.USER_DIRECTORY, "must_exist", True)
        with pytest.raises(errors.InvalidArgument):
            make(uow, users(1), [2, 999])
        assert groups.user_memberships(uow, users(1)) == []

    def test_any_positive_id_is_a_user_by_default(self, uow, users):
        group = make(uow, users(1), [2, 999])
        assert group.member_count == 3


    @pytest.mark.parametrize("im_type", [0, 1, 2, 3])
    def test_im_types_0_to_3_are_stored(self, uow, users, im_type):
        group = groups.create_group(
            uow, users(1), kind=GroupKind.GROUP, name=None, avatar=None, describe=None, member_ids=[], im_type=im_type
        )
        assert groups.group_info(uow, users(1), group.im_id)[0].im_type == im_type

    @pytest.mark.parametrize("im_type", [-1, 4])
    def test_other_im_types_are_refused(self, uow, users, im_type):
        with pytest.raises(errors.InvalidArgument):
            groups.create_group(
                uow, users(1), kind=GroupKind.GROUP, name=None, avatar=None, describe=None, member_ids=[], im_type=im_type
            )

    def test_hide_member_info_is_a_setting_of_owners_and_admins(self, uow, users):
        group = make(uow, users(1), [2])
        assert group.hide_member_info is False
        with pytest.raises(errors.PermissionDenied):
            moderation.update_setting(uow, users(2), group.im_id, "hide_member_info", True)
        moderation.update_setting(uow, users(1), group.im_id, "hide_member_info", True)
        assert groups.group_info(uow, users(2), group.im_id)[0].hide_member_info is True


class TestUpdate:
    def test_only_managers_edit(self, uow, users):
        group = make(uow, users(1), [2])
        with pytest.raises(errors.PermissionDenied):
            groups.update_group(uow, users(2), group.id, groups.GroupChanges(name="x"))
        groups.update_group(uow, users(1), group.id, groups.GroupChanges(name="新"))
        assert groups.group_info(uow, users(2), group.im_id)[0].name == "新"

    def test_another_apps_group_is_not_found(self, uow, users):
        group = make(uow, users(1))
        with pytest.raises(errors.NotFound):
            groups.update_group(uow, Principal("acme", 1), group.id, groups.GroupChanges(name="x"))


class TestSections:
    def test_pinned_groups_leave_the_other_sections(self, uow, users):
        owned = make(uow, users(1))
        with uow.write("default") as store:
            from server.storage.models import Member

            Member.update(msg_top=1).where(Member.group == owned.id).execute()
            assert store.group(owned.id) is not None
        sections = {s.key: [m.group.id for m in s.groups] for s in groups.group_sections(uow, users(1), "group")}
        assert sections == {"pinned": [owned.id], "created": [], "managed": [], "joined": []}


class TestMemberPage:
    def test_pages_cover_everyone_once(self, uow, users):
        group = make(uow, users(1), range(2, 12))
        seen, cursor = [], ""
        while True:
            page = groups.member_page(uow, users(1), group.im_id, cursor, 4)
            seen += [m.user_id for m in page.members]
            assert page.total == 11
            if not (cursor := page.next_cursor):
                break
        assert seen == list(range(1, 12))

    def test_outsiders_are_refused(self, uow, users):
        group = make(uow, users(1))
        with pytest.raises(errors.PermissionDenied):
            groups.member_page(uow, users(2), group.im_id, "", 10)
