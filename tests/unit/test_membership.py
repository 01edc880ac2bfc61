"""Membership rules and use cases on a real SQLite file: who invites, apply_approval,
expiry of applications, invitations and QR codes, block ranks, community applications."""

import pytest

from server.domain import errors
from server.domain import policies as rules
from server.domain.model import Application, GroupKind, RequestStatus, Role
from server.services import groups, membership
from tests.unit.factories import a_group, a_member

WEEK = rules.JOIN_REQUEST_TTL_MS


def make(uow, owner, members=(), kind=GroupKind.GROUP):
    return groups.create_group(uow, owner, kind=kind, name=None, avatar=None, describe=None, member_ids=list(members))


def set_group(uow, group, **changes):
    with uow.write(group.app) as store:
        store.update_group(group.id, **changes)


def member_ids(uow, group):
    with uow.read(group.app) as store:
        return [m.user_id for m in store.ranked_members(group.id)]


@pytest.fixture
def later(monkeypatch):
    """Moves the use cases' clock forward by a number of milliseconds."""
    real = membership.now_ms

    def shift(ms):
        monkeypatch.setattr(membership, "now_ms", lambda: real() + ms)

    return shift


class TestRules:
    def test_members_invite_only_while_member_invite_is_on(self):
        with pytest.raises(errors.PermissionDenied):
            rules.require_inviter(Role.MEMBER, a_group())
        with pytest.raises(errors.PermissionDenied):
            rules.require_inviter(None, a_group(member_invite=True))
        assert rules.require_inviter(Role.MEMBER, a_group(member_invite=True)) == Role.MEMBER
        assert rules.require_inviter(Role.ADMIN, a_group()) == Role.ADMIN

    def test_apply_approval_decides_joining_at_once(self):
        assert rules.joins_at_once(a_group(apply_approval=0)) is True
        assert rules.joins_at_once(a_group(apply_approval=1)) is False
        with pytest.raises(errors.PermissionDenied):
            rules.joins_at_once(a_group(apply_approval=2))

    def test_a_request_is_handled_once_and_before_it_expires(self):
        def request(status, expired_time):
            return Application(1, 1, 1, status, expired_time, "", 0)

        rules.check_pending(request(RequestStatus.PENDING, 1001), 1000)
        with pytest.raises(errors.FailedPrecondition):
            rules.check_pending(request(RequestStatus.PENDING, 1000), 1000)
        with pytest.raises(errors.AlreadyExists):
            rules.check_pending(request(RequestStatus.APPROVED, 5000), 1000)

    def test_block_refusals(self):
        assert rules.block_refusal(1, Role.OWNER, 1, a_member(user_id=1, role=Role.OWNER))
        assert rules.block_refusal(2, Role.ADMIN, 1, a_member(user_id=1, role=Role.OWNER))
        assert rules.block_refusal(2, Role.ADMIN, 3, a_member(user_id=3, role=Role.ADMIN))
        assert rules.block_refusal(2, Role.ADMIN, 3, a_member(user_id=3, role=Role.MEMBER)) is None
        assert rules.block_refusal(2, Role.ADMIN, 4, None) is None


class TestExpiry:
    def test_an_expired_application_is_refused_and_a_new_one_may_follow(self, uow, users, later):
        group = make(uow, users(1))
        set_group(uow, group, apply_approval=1)
        assert membership.apply_to_group(uow, users(2), group.im_id, "r") is False
        with pytest.raises(errors.AlreadyExists):
            membership.apply_to_group(uow, users(2), group.im_id, "again")
        later(WEEK + 1)
        with pytest.raises(errors.FailedPrecondition):
            membership.handle_application(uow, users(1), group.im_id, 2, True)
        assert membership.apply_to_group(uow, users(2), group.im_id, "again") is False
        membership.handle_application(uow, users(1), group.im_id, 2, True)
        assert member_ids(uow, group) == [1, 2]

    def test_an_expired_application_is_refused_by_the_audit_too(self, uow, users, later):
        group = make(uow, users(1))
        set_group(uow, group, apply_approval=1)
        membership.join_group(uow, users(2), group.id, source="", remark="", group_ids=[])
        page = membership.application_page(uow, users(1), [group.im_id], "", 0)
        later(WEEK + 1)
        with pytest.raises(errors.FailedPrecondition):
            membership.audit_application(uow, users(1), page.items[0].id, 1, [])
        assert membership.application_page(uow, users(1), [group.im_id], "", 0).items[0].status == RequestStatus.PENDING

    def test_an_expired_invitation_is_refused(self, uow, users, later):
        group = make(uow, users(1))
        membership.invite_users(uow, users(1), group.im_id, [2], "")
        later(WEEK + 1)
        with pytest.raises(errors.FailedPrecondition):
            membership.handle_invitation(uow, users(2), group.im_id, 1, True)
        assert member_ids(uow, group) == [1]

    def test_an_expired_qr_code_is_refused(self, uow, users, later):
        group = make(uow, users(1))
        code = membership.sign_qr_code(uow, users(1), group.im_id)
        assert code.expire_at - code.create_at == rules.QR_CODE_TTL_MS
        later(rules.QR_CODE_TTL_MS + 1)
        with pytest.raises(errors.PermissionDenied):
            membership.join_by_qr_code(uow, users(2), code.qr_info)


class TestInvitationHandledByTheInvitee:
    """user_id = the caller (MaxIM's web SDK): the caller's pending invitations to the group."""

    def test_an_expired_invitation_is_skipped_for_a_live_one(self, uow, users, later):
        group = make(uow, users(1), [3])
        set_group(uow, group, member_invite=True)
        membership.invite_users(uow, users(1), group.im_id, [2], "")
        later(WEEK - 1000)
        membership.invite_users(uow, users(3), group.im_id, [2], "")
        later(WEEK + 1)  # the first one has expired, the second has not
        membership.handle_invitation(uow, users(2), group.im_id, 2, True)
        assert member_ids(uow, group) == [1, 3, 2]
        statuses = [i.status for i in membership.invitation_page(uow, users(2), "", 0).items]
        assert statuses == [RequestStatus.PENDING, RequestStatus.APPROVED]  # the expired one is left as it was

    def test_only_expired_ones_is_refused_as_expired(self, uow, users, later):
        group = make(uow, users(1))
        membership.invite_users(uow, users(1), group.im_id, [2], "")
        later(WEEK + 1)
        with pytest.raises(errors.FailedPrecondition):
            membership.handle_invitation(uow, users(2), group.im_id, 2, True)
        assert member_ids(uow, group) == [1]

    def test_none_is_not_found(self, uow, users):
        group = make(uow, users(1))
        with pytest.raises(errors.NotFound):
            membership.handle_invitation(uow, users(2), group.im_id, 2, False)

    def test_a_community_group_starts_with_member_invite_off_an_im_one_on(self, uow, users):
        assert make(uow, users(1)).member_invite is False
        im_group = groups.create_group(
            uow, users(1), kind=GroupKind.GROUP, name=None, avatar=None, describe=None, member_ids=[], member_invite=True
        )
        assert im_group.member_invite is True


class TestQrCodes:
    def test_a_code_is_bound_to_its_app(self, uow, users):
        group = make(uow, users(1))
        code = membership.sign_qr_code(uow, users(1), group.im_id)
        with uow.write("acme") as store:
            store.upsert_user(2, "b", None, 0)
        with pytest.raises(errors.InvalidArgument):
            membership.join_by_qr_code(uow, users(2, app="acme"), code.qr_info)
        joined, viewer = membership.join_by_qr_code(uow, users(2), code.qr_info)
        assert (joined.member_count, viewer.role) == (2, Role.MEMBER)


class TestCapacity:
    def test_every_path_in_checks_the_capacity(self, uow, users):
        group = make(uow, users(1), [2])
        set_group(uow, group, max_members=3)
        membership.invite_users(uow, users(1), group.im_id, [4], "")
        membership.apply_to_group(uow, users(3), group.im_id, "")  # the last place
        with pytest.raises(errors.LimitReached):
            membership.handle_invitation(uow, users(4), group.im_id, 1, True)
        with pytest.raises(errors.LimitReached):
            membership.invite_friends(uow, users(1), group.id, [5])
        with pytest.raises(errors.LimitReached):
            membership.join_by_qr_code(uow, users(6), membership.sign_qr_code(uow, users(1), group.im_id).qr_info)
        assert member_ids(uow, group) == [1, 2, 3]


class TestBlock:
    def test_blocking_refuses_waiting_requests_and_uncounts_members(self, uow, users):
        group = make(uow, users(1), [2])
        set_group(uow, group, apply_approval=1)
        membership.apply_to_group(uow, users(3), group.im_id, "")
        membership.invite_users(uow, users(1), group.im_id, [4], "")
        results = membership.block_users(uow, users(1), group.im_id, [2, 3, 4])
        assert [r.ok for r in results] == [True, True, True]
        assert groups.group_info(uow, users(1), group.im_id)[0].member_count == 1
        assert membership.application_page(uow, users(1), [group.im_id], "", 0).items[0].status == RequestStatus.REFUSED
        assert membership.invitation_page(uow, users(4), "", 0).items[0].status == RequestStatus.REFUSED
        unblocked = membership.unblock_users(uow, users(1), group.im_id, [2, 5])
        assert [(r.id, r.ok) for r in unblocked] == [(2, True), (5, False)]


class TestCommunityApplications:
    def test_the_audit_moves_the_chosen_groups_and_counts_them(self, uow, users):
        community = make(uow, users(1), kind=GroupKind.COMMUNITY)
        first, second = make(uow, users(2)), make(uow, users(2))
        membership.join_group(uow, users(2), community.id, source="", remark="", group_ids=[first.id, second.id])
        [application] = membership.application_page(uow, users(1), [community.im_id], "", 0).items
        assert application.group_ids == [first.id, second.id]
        membership.audit_application(uow, users(1), application.id, 1, [second.id])
        with uow.read("default") as store:
            assert store.group(community.id).group_count == 1
            assert (store.group(first.id).comm_id, store.group(second.id).comm_id) == (0, community.id)
