"""Exit use cases on a real SQLite file: the rank matrix of kick/remove, leaving, transfer,
dismissing and groups leaving a community, with member_count and group_count kept true."""

import pytest

from server.domain import errors
from server.domain import policies as rules
from server.domain.model import GroupKind, Principal, Role
from server.services import exits, groups
from server.storage.models import Group, Member
from tests.unit.factories import a_member

OWNER, ADMIN, OTHER_ADMIN, MEMBER, OTHER_MEMBER = 1, 2, 3, 4, 5
ROLE_OF = {OWNER: Role.OWNER, ADMIN: Role.ADMIN, OTHER_ADMIN: Role.ADMIN, MEMBER: Role.MEMBER, OTHER_MEMBER: Role.MEMBER}


def make(uow, owner: Principal, members=(), kind=GroupKind.GROUP):
    return groups.create_group(uow, owner, kind=kind, name=None, avatar=None, describe=None, member_ids=list(members))


def promote(uow, group_id: int, *user_ids: int) -> None:
    with uow.write("default"):
        Member.update(role=int(Role.ADMIN)).where((Member.group == group_id) & (Member.user_id.in_(user_ids))).execute()


def put_in_community(uow, community_id: int, *group_ids: int) -> None:
    with uow.write("default"):
        Group.update(comm_id=community_id).where(Group.id.in_(group_ids)).execute()
        Group.update(group_count=Group.group_count + len(group_ids)).where(Group.id == community_id).execute()


def roles(uow, viewer: Principal, group_id: int) -> dict[int, Role]:
    return {m.user_id: m.role for m in groups.list_members(uow, viewer, groups.MemberQuery(group_id))}


def stored(uow, group_id: int):
    with uow.read("default") as store:
        return store.group(group_id)


@pytest.fixture
def ranked(uow, users):
    """A group: owner 1, admins 2 and 3, members 4 and 5."""
    group = make(uow, users(OWNER), [ADMIN, OTHER_ADMIN, MEMBER, OTHER_MEMBER])
    promote(uow, group.id, ADMIN, OTHER_ADMIN)
    return group


def membership_ids(uow, group_id: int) -> dict[int, int]:
    with uow.read("default") as store:
        return {m.user_id: m.id for m in store.ranked_members(group_id)}


# (actor, target) → allowed; a member acting is refused as a whole (403) in both dialects.
RANK_MATRIX = [
    (OWNER, OWNER, False),  # themselves: they leave instead
    (OWNER, ADMIN, True),
    (OWNER, MEMBER, True),
    (ADMIN, OWNER, False),
    (ADMIN, ADMIN, False),  # themselves
    (ADMIN, OTHER_ADMIN, False),
    (ADMIN, MEMBER, True),
]


class TestRankMatrix:
    @pytest.mark.parametrize(("actor", "target", "allowed"), RANK_MATRIX)
    def test_kick_by_user_judges_each_user(self, uow, users, ranked, actor, target, allowed):
        results = exits.kick(uow, users(actor), ranked.im_id, [target], named_by=exits.BY_USER)
        assert [(r.id, r.ok) for r in results] == [(target, allowed)]
        assert (target in roles(uow, users(OWNER), ranked.id)) is not allowed
        assert stored(uow, ranked.id).member_count == (4 if allowed else 5)

    @pytest.mark.parametrize(("actor", "target", "allowed"), RANK_MATRIX)
    def test_remove_by_membership_is_refused_as_a_whole(self, uow, users, ranked, actor, target, allowed):
        ids = membership_ids(uow, ranked.id)
        if allowed:
            exits.kick(uow, users(actor), ranked.id, [ids[target]], named_by=exits.BY_MEMBERSHIP)
        else:
            with pytest.raises(errors.PermissionDenied):
                exits.kick(uow, users(actor), ranked.id, [ids[target], ids[OTHER_MEMBER]], named_by=exits.BY_MEMBERSHIP)
        remaining = roles(uow, users(OWNER), ranked.id)
        assert (target in remaining) is not allowed and OTHER_MEMBER in remaining
        assert stored(uow, ranked.id).member_count == len(remaining)

    @pytest.mark.parametrize("target", [OWNER, ADMIN, OTHER_MEMBER])
    @pytest.mark.parametrize("named_by", [exits.BY_USER, exits.BY_MEMBERSHIP])
    def test_members_may_not_remove_anyone(self, uow, users, ranked, target, named_by):
        ref = target if named_by == exits.BY_USER else membership_ids(uow, ranked.id)[target]
        with pytest.raises(errors.PermissionDenied):
            exits.kick(uow, users(MEMBER), ranked.id, [ref], named_by=named_by)
        assert stored(uow, ranked.id).member_count == 5

    def test_removal_refusal_rule(self):
        assert rules.removal_refusal(2, Role.ADMIN, a_member(user_id=2, role=Role.ADMIN)) == "不能移除自己，请退出群"
        assert rules.removal_refusal(2, Role.ADMIN, a_member(user_id=1, role=Role.OWNER)) == "不能移除群主或同级管理员"
        assert rules.removal_refusal(1, Role.OWNER, a_member(user_id=2, role=Role.ADMIN)) is None


class TestKick:
    def test_bad_users_fail_alone_and_the_rest_leave(self, uow, users, ranked):
        results = exits.kick(uow, users(ADMIN), ranked.im_id, [MEMBER, 19, OWNER, OTHER_MEMBER], named_by=exits.BY_USER)
        assert [(r.id, r.ok, r.reason) for r in results] == [
            (MEMBER, True, None), (19, False, "用户不是群成员"), (OWNER, False, "不能移除群主或同级管理员"), (OTHER_MEMBER, True, None),
        ]
        assert set(roles(uow, users(OWNER), ranked.id)) == {OWNER, ADMIN, OTHER_ADMIN}
        assert stored(uow, ranked.id).member_count == 3

    def test_memberships_of_another_group_are_not_found(self, uow, users, ranked):
        other = make(uow, users(OWNER), [MEMBER])
        foreign = membership_ids(uow, other.id)[MEMBER]
        with pytest.raises(errors.NotFound):
            exits.kick(uow, users(OWNER), ranked.id, [membership_ids(uow, ranked.id)[MEMBER], foreign], named_by=exits.BY_MEMBERSHIP)
        assert stored(uow, ranked.id).member_count == 5 and stored(uow, other.id).member_count == 2

    def test_an_admin_token_acting_for_the_group_kicks_members_not_admins(self, uow, users, ranked):
        acting = Principal("default", 20, is_app_admin=True, acting_admin_of_im_group=ranked.im_id)
        results = exits.kick(uow, acting, ranked.im_id, [MEMBER, ADMIN], named_by=exits.BY_USER)
        assert [r.ok for r in results] == [True, False]

    def test_another_apps_group_is_not_found(self, uow, users, ranked):
        with pytest.raises(errors.NotFound):
            exits.kick(uow, Principal("acme", OWNER), ranked.im_id, [MEMBER], named_by=exits.BY_USER)

    def test_an_empty_list_is_invalid(self, uow, users, ranked):
        with pytest.raises(errors.InvalidArgument):
            exits.kick(uow, users(OWNER), ranked.im_id, [], named_by=exits.BY_USER)


class TestLeave:
    def test_a_member_leaves_and_is_uncounted(self, uow, users, ranked):
        exits.leave(uow, users(ADMIN), ranked.im_id)
        assert ADMIN not in roles(uow, users(OWNER), ranked.id)
        assert stored(uow, ranked.id).member_count == 4

    def test_the_owner_must_transfer_first(self, uow, users, ranked):
        with pytest.raises(errors.FailedPrecondition):
            exits.leave(uow, users(OWNER), ranked.im_id)

    def test_the_im_dialect_names_groups_by_im_id_only(self, uow, users, ranked):
        with pytest.raises(errors.NotFound):
            exits.leave(uow, users(MEMBER), exits.ImGroupId(ranked.id))
        exits.leave(uow, users(MEMBER), exits.ImGroupId(ranked.im_id))
        exits.leave(uow, users(OTHER_MEMBER), ranked.id)  # the community dialect takes either
        assert stored(uow, ranked.id).member_count == 3

    def test_an_outsider_may_not_leave(self, uow, users, ranked):
        with pytest.raises(errors.PermissionDenied):
            exits.leave(uow, users(19), ranked.im_id)

    def test_quit_takes_the_callers_membership_id_or_the_im_groupid(self, uow, users, ranked):
        ids = membership_ids(uow, ranked.id)
        exits.quit_membership(uow, users(MEMBER), ids[MEMBER])
        exits.quit_membership(uow, users(OTHER_MEMBER), ranked.im_id)
        assert set(roles(uow, users(OWNER), ranked.id)) == {OWNER, ADMIN, OTHER_ADMIN}

    def test_quit_refuses_someone_elses_membership(self, uow, users, ranked):
        with pytest.raises(errors.PermissionDenied):
            exits.quit_membership(uow, users(ADMIN), membership_ids(uow, ranked.id)[MEMBER])
        with pytest.raises(errors.NotFound):
            exits.quit_membership(uow, users(ADMIN), 987_654)


class TestTransfer:
    def test_roles_swap_and_the_owner_changes(self, uow, users, ranked):
        assert exits.transfer(uow, users(OWNER), ranked.id, ADMIN) == ADMIN
        after = roles(uow, users(OWNER), ranked.id)
        assert (after[ADMIN], after[OWNER]) == (Role.OWNER, Role.ADMIN)
        assert stored(uow, ranked.id).owner_id == ADMIN
        exits.leave(uow, users(OWNER), ranked.im_id)  # no longer the owner
        assert stored(uow, ranked.id).member_count == 4

    def test_a_plain_member_target_leaves_the_old_owner_a_member(self, uow, users, ranked):
        exits.transfer(uow, users(OWNER), ranked.im_id, MEMBER)
        after = roles(uow, users(OWNER), ranked.id)
        assert (after[MEMBER], after[OWNER]) == (Role.OWNER, Role.MEMBER)
        assert list(after.values()).count(Role.OWNER) == 1

    def test_only_the_owner_transfers(self, uow, users, ranked):
        with pytest.raises(errors.PermissionDenied):
            exits.transfer(uow, users(ADMIN), ranked.id, MEMBER)

    def test_the_target_must_be_another_member(self, uow, users, ranked):
        with pytest.raises(errors.FailedPrecondition):
            exits.transfer(uow, users(OWNER), ranked.id, 19)
        with pytest.raises(errors.InvalidArgument):
            exits.transfer(uow, users(OWNER), ranked.id, OWNER)
        assert stored(uow, ranked.id).owner_id == OWNER


class TestDismiss:
    def test_the_group_disappears_with_its_memberships(self, uow, users, ranked):
        exits.dismiss(uow, users(OWNER), ranked.id)
        assert stored(uow, ranked.id) is None
        assert groups.user_memberships(uow, users(MEMBER)) == []
        with pytest.raises(errors.NotFound):
            groups.group_info(uow, users(OWNER), ranked.im_id)
        with pytest.raises(errors.NotFound):
            exits.dismiss(uow, users(OWNER), ranked.id)

    def test_only_the_owner_or_an_acting_admin_token_dismisses(self, uow, users, ranked):
        with pytest.raises(errors.PermissionDenied):
            exits.dismiss(uow, users(ADMIN), ranked.id)
        with pytest.raises(errors.PermissionDenied):
            exits.dismiss(uow, Principal("default", 20, is_app_admin=True), ranked.id)
        exits.dismiss(uow, Principal("default", 20, is_app_admin=True, acting_admin_of_im_group=ranked.im_id), ranked.im_id)
        assert stored(uow, ranked.id) is None

    def test_a_community_releases_its_groups(self, uow, users):
        community = make(uow, users(OWNER), kind=GroupKind.COMMUNITY)
        inside = make(uow, users(ADMIN), [MEMBER])
        put_in_community(uow, community.id, inside.id)
        exits.dismiss(uow, users(OWNER), community.id)
        assert stored(uow, inside.id).comm_id == 0 and stored(uow, inside.id).member_count == 2

    def test_a_group_in_a_community_is_uncounted_there(self, uow, users):
        community = make(uow, users(OWNER), kind=GroupKind.COMMUNITY)
        first, second = make(uow, users(ADMIN)), make(uow, users(MEMBER))
        put_in_community(uow, community.id, first.id, second.id)
        exits.dismiss(uow, users(ADMIN), first.id)
        assert stored(uow, community.id).group_count == 1
        with uow.read("default") as store:
            assert [g.id for g in store.groups_in_community(community.id)] == [second.id]


class TestQuitCommunity:
    @pytest.fixture
    def community(self, uow, users):
        """Community owned by 1 (admin 2); groups owned by 3 and 4 inside it; group of 5 outside."""
        community = make(uow, users(OWNER), [ADMIN], kind=GroupKind.COMMUNITY)
        promote(uow, community.id, ADMIN)
        inside = [make(uow, users(OTHER_ADMIN)), make(uow, users(MEMBER))]
        put_in_community(uow, community.id, *(g.id for g in inside))
        return community, inside, make(uow, users(OTHER_MEMBER))

    @pytest.mark.parametrize("actor", [OWNER, ADMIN])
    def test_community_managers_release_any_group(self, uow, users, community, actor):
        hub, inside, _ = community
        exits.quit_community(uow, users(actor), hub.id, [g.id for g in inside])
        assert stored(uow, hub.id).group_count == 0
        assert [stored(uow, g.id).comm_id for g in inside] == [0, 0]

    def test_a_group_owner_releases_their_own_group_only(self, uow, users, community):
        hub, (theirs, other), _ = community
        with pytest.raises(errors.PermissionDenied):
            exits.quit_community(uow, users(OTHER_ADMIN), hub.id, [theirs.id, other.id])
        exits.quit_community(uow, users(OTHER_ADMIN), hub.im_id, [theirs.im_id])
        assert (stored(uow, hub.id).group_count, stored(uow, theirs.id).comm_id, stored(uow, other.id).comm_id) == (1, 0, hub.id)

    def test_groups_outside_the_community_refuse_the_whole_call(self, uow, users, community):
        hub, inside, outside = community
        with pytest.raises(errors.InvalidArgument):
            exits.quit_community(uow, users(OWNER), hub.id, [inside[0].id, outside.id])
        assert stored(uow, hub.id).group_count == 2 and stored(uow, inside[0].id).comm_id == hub.id

    def test_outsiders_are_refused_before_anything_is_told_about_the_groups(self, uow, users, community):
        hub, _, outside = community
        with pytest.raises(errors.PermissionDenied):
            exits.quit_community(uow, users(MEMBER), hub.id, [outside.id])
        with pytest.raises(errors.InvalidArgument):
            exits.quit_community(uow, users(OTHER_MEMBER), hub.id, [outside.id])  # their own group, not inside

    def test_the_id_must_be_a_community(self, uow, users, community):
        _, inside, outside = community
        with pytest.raises(errors.InvalidArgument):
            exits.quit_community(uow, users(OTHER_MEMBER), outside.id, [inside[0].id])
        with pytest.raises(errors.NotFound):
            exits.quit_community(uow, users(OWNER), community[0].id, [987_654])
