"""Im dialect (document 003), the ways into a group: apply and its handling, the application
list, invitations and their handling, the invitation list, QR codes, and the block list."""

import re
import time

import pytest

from tests.e2e.test_im_groups import assert_im_error, gid
from tests.e2e.test_membership_race import filled_group
from tests.support.documented import IM_BOOLEAN, IM_GROUP_INFO
from tests.support.documented_membership import (
    IM_APPLICATIONS,
    IM_BLOCKED,
    IM_INVITATIONS,
    IM_QR_CODE,
    IM_RESULT,
    IM_RESULTS,
)
from tests.support.shapes import assert_shape

WEEK_MS = 7 * 24 * 3600 * 1000
UNKNOWN_GROUP = 99_999_999_999_999


def ok(reply, shape):
    assert reply.status_code == 200, reply.text
    body = reply.json()
    assert_shape(body, shape)
    assert (body["code"], body["message"]) == (200, None)
    return body["data"]


def member_ids(user, im_id) -> list[int]:
    return [m["user_id"] for m in user.im("GET", "/group/member_list", params={"group_id": im_id}).json()["data"]]


def count(user, im_id) -> int:
    return user.im("GET", "/group/info", params={"group_id": im_id}).json()["data"]["count"]


def set_apply_approval(owner, im_id, value):
    reply = owner.im("PUT", "/group/settings/require_admin_approval", {"group_id": im_id, "apply_approval": value})
    assert reply.status_code == 200, reply.text


def set_member_invite(owner, im_id, value):
    reply = owner.im("PUT", "/group/settings/allow_member_invitation", {"group_id": im_id, "value": value})
    assert reply.status_code == 200, reply.text


def as_group_admin(api, im_id):
    """An app admin token acting as the group's administrator (im header group_id)."""
    admin = api.user(admin=True)
    return lambda method, path, json=None, **kw: admin.im(method, path, json, headers={"group_id": str(im_id)}, **kw)


def applications(owner, im_id, **params):
    return owner.im("POST", "/group/application_list", {"group_list": [im_id]}, params=params)


def result(user_id, reason=None, outcome="success"):
    return {"reason": reason, "result": outcome, "user_id": user_id}


@pytest.fixture
def approval_group(api):
    """A group whose applications wait for its admins, with one member."""
    owner, member = api.user(), api.user()
    im_id = gid(api.im_group(owner, [member]))
    set_apply_approval(owner, im_id, 1)
    return owner, member, im_id


class TestApply:
    def test_an_open_group_takes_the_applicant_at_once_in_both_dialects(self, api):
        owner, applicant = api.user(), api.user()
        group = api.im_group(owner)
        data = ok(applicant.im("POST", "/group/apply", {"group_id": gid(group), "reason": "想加入"}), IM_RESULT)
        assert data == result(applicant.id)
        assert member_ids(owner, gid(group)) == [owner.id, applicant.id]
        assert count(owner, gid(group)) == 2
        pk = next(g["id"] for g in applicant.get("/api/user/groups").json()["data"] if g["groupid"] == str(gid(group)))
        members = owner.get("/api/members", params={"group_id": pk}).json()["data"]
        assert [(m["user_id"], m["role"]) for m in members] == [(owner.id, 2), (applicant.id, 0)]

    def test_an_approval_group_queues_the_application(self, api, approval_group):
        owner, _, im_id = approval_group
        applicant = api.user()
        before = int(time.time() * 1000)
        assert ok(applicant.im("POST", "/group/apply", {"group_id": im_id, "reason": "让我进"}), IM_RESULT) == result(
            applicant.id
        )
        assert applicant.id not in member_ids(owner, im_id)
        [item] = ok(applications(owner, im_id), IM_APPLICATIONS)
        assert (item["applicant_id"], item["group_id"], item["reason"], item["status"]) == (applicant.id, im_id, "让我进", 0)
        assert before + WEEK_MS <= item["expired_time"] <= int(time.time() * 1000) + WEEK_MS
        assert item["read_id"] > 0

    def test_a_second_pending_application_and_members_are_409(self, api, approval_group):
        owner, member, im_id = approval_group
        applicant = api.user()
        applicant.im("POST", "/group/apply", {"group_id": im_id})
        assert_im_error(applicant.im("POST", "/group/apply", {"group_id": im_id}), 409)
        assert_im_error(member.im("POST", "/group/apply", {"group_id": im_id}), 409)
        assert_im_error(owner.im("POST", "/group/apply", {"group_id": im_id}), 409)

    def test_a_group_refusing_applications_is_403(self, api):
        owner = api.user()
        im_id = gid(api.im_group(owner))
        set_apply_approval(owner, im_id, 2)
        assert_im_error(api.user().im("POST", "/group/apply", {"group_id": im_id}), 403)

    def test_a_full_group_is_409(self, api):
        owner = api.user()
        group = filled_group(api, owner, free_places=0)
        assert_im_error(api.user().im("POST", "/group/apply", {"group_id": int(group["groupid"])}), 409)
        assert count(owner, int(group["groupid"])) == 500

    def test_unknown_missing_wrong_typed_and_other_apps_groups(self, api):
        user = api.user()
        assert_im_error(user.im("POST", "/group/apply", {"group_id": UNKNOWN_GROUP}), 404)
        assert_im_error(user.im("POST", "/group/apply", {}), 400)
        assert_im_error(user.im("POST", "/group/apply", {"group_id": "x"}), 400)
        other = api.im_group(api.user(app="acme"))
        assert_im_error(user.im("POST", "/group/apply", {"group_id": gid(other)}), 404)

    def test_needs_a_token(self, api):
        assert_im_error(api.request("POST", "/group/apply", json={"group_id": 1}, headers={"app_id": "default"}), 401)


class TestHandleApplication:
    @pytest.mark.parametrize("method", ["PUT", "POST"])
    def test_owner_approves_and_the_applicant_joins(self, api, approval_group, method):
        owner, _, im_id = approval_group
        applicant = api.user()
        applicant.im("POST", "/group/apply", {"group_id": im_id})
        body = {"group_id": im_id, "user_id": applicant.id, "approval": True}
        assert ok(owner.im(method, "/group/apply/handle", body), IM_RESULT) == result(applicant.id)
        assert member_ids(owner, im_id)[-1] == applicant.id and count(owner, im_id) == 3
        assert [a["status"] for a in applications(owner, im_id).json()["data"]] == [1]
        assert_im_error(owner.im(method, "/group/apply/handle", body), 404)  # nothing pending any more

    def test_refusing_leaves_the_applicant_out(self, api, approval_group):
        owner, _, im_id = approval_group
        applicant = api.user()
        applicant.im("POST", "/group/apply", {"group_id": im_id})
        body = {"group_id": im_id, "user_id": applicant.id, "approval": False}
        assert ok(owner.im("PUT", "/group/apply/handle", body), IM_RESULT) == result(applicant.id)
        assert applicant.id not in member_ids(owner, im_id)
        assert [a["status"] for a in applications(owner, im_id).json()["data"]] == [2]

    def test_members_may_not_handle_but_an_acting_admin_may(self, api, approval_group):
        owner, member, im_id = approval_group
        applicant = api.user()
        applicant.im("POST", "/group/apply", {"group_id": im_id})
        body = {"group_id": im_id, "user_id": applicant.id, "approval": True}
        assert_im_error(member.im("PUT", "/group/apply/handle", body), 403)
        assert_im_error(api.user().im("PUT", "/group/apply/handle", body), 403)
        ok(as_group_admin(api, im_id)("PUT", "/group/apply/handle", body), IM_RESULT)
        assert applicant.id in member_ids(owner, im_id)

    def test_approving_into_a_full_group_is_409(self, api):
        owner = api.user()
        group = filled_group(api, owner, free_places=1)
        im_id = int(group["groupid"])
        set_apply_approval(owner, im_id, 1)
        first, second = api.user(), api.user()
        first.im("POST", "/group/apply", {"group_id": im_id})
        second.im("POST", "/group/apply", {"group_id": im_id})
        ok(owner.im("PUT", "/group/apply/handle", {"group_id": im_id, "user_id": first.id, "approval": True}), IM_RESULT)
        reply = owner.im("PUT", "/group/apply/handle", {"group_id": im_id, "user_id": second.id, "approval": True})
        assert_im_error(reply, 409)
        assert count(owner, im_id) == 500
        assert [a["status"] for a in applications(owner, im_id).json()["data"]] == [1, 0]

    def test_no_pending_application_unknown_group_and_bad_fields(self, api, approval_group):
        owner, member, im_id = approval_group
        assert_im_error(owner.im("PUT", "/group/apply/handle", {"group_id": im_id, "user_id": member.id, "approval": True}), 404)
        assert_im_error(
            owner.im("PUT", "/group/apply/handle", {"group_id": UNKNOWN_GROUP, "user_id": member.id, "approval": True}), 404
        )
        assert_im_error(owner.im("PUT", "/group/apply/handle", {"group_id": im_id, "approval": True}), 400)
        assert_im_error(owner.im("PUT", "/group/apply/handle", {"group_id": im_id, "user_id": "x", "approval": True}), 400)

    def test_needs_a_token(self, api):
        assert_im_error(api.request("PUT", "/group/apply/handle", json={}, headers={"app_id": "default"}), 401)


class TestApplicationList:
    def test_pages_with_a_cursor_oldest_first(self, api, approval_group):
        owner, _, im_id = approval_group
        applicants = [api.user() for _ in range(3)]
        for u in applicants:
            u.im("POST", "/group/apply", {"group_id": im_id, "reason": f"r{u.id}"})
        seen, cursor = [], ""
        for _ in range(3):
            body = applications(owner, im_id, limit=2, cursor=cursor).json()
            assert_shape(body, IM_APPLICATIONS)
            assert body["total"] == 3 and body["version"] == 0
            seen += [(a["applicant_id"], a["reason"]) for a in body["data"]]
            cursor = body["cursor"]
            if not cursor:
                break
        assert seen == [(u.id, f"r{u.id}") for u in applicants]

    def test_lists_several_groups_and_only_for_their_managers(self, api, approval_group):
        owner, member, im_id = approval_group
        other = gid(api.im_group(owner))
        set_apply_approval(owner, other, 1)
        applicant = api.user()
        applicant.im("POST", "/group/apply", {"group_id": im_id})
        applicant.im("POST", "/group/apply", {"group_id": other})
        data = ok(owner.im("POST", "/group/application_list", {"group_list": [im_id, other]}), IM_APPLICATIONS)
        assert [a["group_id"] for a in data] == [im_id, other]
        assert_im_error(applications(member, im_id), 403)
        acting = as_group_admin(api, im_id)
        assert len(ok(acting("POST", "/group/application_list", {"group_list": [im_id]}), IM_APPLICATIONS)) == 1

    @pytest.mark.parametrize("params", [{"limit": 101}, {"limit": -1}, {"cursor": "garbage!"}])
    def test_bad_limit_or_cursor_is_400(self, api, approval_group, params):
        owner, _, im_id = approval_group
        assert_im_error(applications(owner, im_id, **params), 400)

    def test_bad_group_lists(self, api):
        owner = api.user()
        assert_im_error(owner.im("POST", "/group/application_list", {"group_list": []}), 400)
        assert_im_error(owner.im("POST", "/group/application_list", {"group_list": ["x"]}), 400)
        assert_im_error(owner.im("POST", "/group/application_list", {"group_list": [UNKNOWN_GROUP]}), 404)
        other = api.im_group(api.user(app="acme"))
        assert_im_error(owner.im("POST", "/group/application_list", {"group_list": [gid(other)]}), 404)

    def test_needs_a_token(self, api):
        reply = api.request("POST", "/group/application_list", json={"group_list": [1]}, headers={"app_id": "default"})
        assert_im_error(reply, 401)


class TestInvite:
    def test_each_user_is_invited_or_fails_alone(self, api):
        owner, member, invitee, blocked = api.user(), api.user(), api.user(), api.user()
        im_id = gid(api.im_group(owner, [member]))
        ok(owner.im("POST", "/group/block", {"group_id": im_id, "user_list": [blocked.id]}), IM_RESULTS)
        never_called = owner.id + 888_888
        body = {"group_id": im_id, "reason": "来玩", "user_list": [invitee.id, member.id, never_called, blocked.id]}
        data = ok(owner.im("POST", "/group/invite", body), IM_RESULTS)
        assert [(r["user_id"], r["result"]) for r in data] == [
            (invitee.id, "success"), (member.id, "fail"), (never_called, "success"), (blocked.id, "fail")
        ]
        assert data[0]["reason"] is None and data[2]["reason"] is None and data[1]["reason"] and data[3]["reason"]
        assert member_ids(owner, im_id) == [owner.id, member.id]  # invitations wait for the invitee
        [invitation] = invitee.im("GET", "/group/invitation_list").json()["data"]
        assert (invitation["group_id"], invitation["inviter_id"], invitation["invitee_id"]) == (im_id, owner.id, invitee.id)
        assert (invitation["reason"], invitation["status"]) == ("来玩", 0)
        again = ok(owner.im("POST", "/group/invite", {"group_id": im_id, "user_list": [invitee.id]}), IM_RESULTS)
        assert again[0]["result"] == "fail"  # already invited by this inviter

    def test_members_invite_only_while_member_invite_is_on(self, api):
        owner, member, invitee = api.user(), api.user(), api.user()
        im_id = gid(api.im_group(owner, [member]))
        body = {"group_id": im_id, "user_list": [invitee.id]}
        set_member_invite(owner, im_id, False)  # on by default in an im group
        assert_im_error(member.im("POST", "/group/invite", body), 403)
        assert_im_error(api.user().im("POST", "/group/invite", body), 403)
        set_member_invite(owner, im_id, True)
        assert ok(member.im("POST", "/group/invite", body), IM_RESULTS)[0]["result"] == "success"

    def test_unknown_group_and_bad_fields(self, api):
        owner = api.user()
        im_id = gid(api.im_group(owner))
        assert_im_error(owner.im("POST", "/group/invite", {"group_id": UNKNOWN_GROUP, "user_list": [owner.id]}), 404)
        assert_im_error(owner.im("POST", "/group/invite", {"group_id": im_id}), 400)
        assert_im_error(owner.im("POST", "/group/invite", {"group_id": im_id, "user_list": "x"}), 400)
        other = api.im_group(api.user(app="acme"))
        assert_im_error(owner.im("POST", "/group/invite", {"group_id": gid(other), "user_list": [owner.id]}), 404)

    def test_needs_a_token(self, api):
        assert_im_error(api.request("POST", "/group/invite", json={}, headers={"app_id": "default"}), 401)


class TestHandleInvitation:
    @pytest.mark.parametrize("method", ["PUT", "POST"])
    def test_accepting_joins_the_group(self, api, method):
        owner, invitee = api.user(), api.user()
        im_id = gid(api.im_group(owner))
        owner.im("POST", "/group/invite", {"group_id": im_id, "user_list": [invitee.id]})
        body = {"group_id": im_id, "user_id": owner.id, "approval": True}
        assert ok(invitee.im(method, "/group/invite/handle", body), IM_BOOLEAN) is True
        assert member_ids(owner, im_id) == [owner.id, invitee.id] and count(owner, im_id) == 2
        assert invitee.im("GET", "/group/invitation_list").json()["data"][0]["status"] == 1
        assert_im_error(invitee.im(method, "/group/invite/handle", body), 404)  # handled already

    def test_declining_stays_out(self, api):
        owner, invitee = api.user(), api.user()
        im_id = gid(api.im_group(owner))
        owner.im("POST", "/group/invite", {"group_id": im_id, "user_list": [invitee.id]})
        body = {"group_id": im_id, "user_id": owner.id, "approval": False}
        assert ok(invitee.im("PUT", "/group/invite/handle", body), IM_BOOLEAN) is True
        assert member_ids(owner, im_id) == [owner.id]
        assert invitee.im("GET", "/group/invitation_list").json()["data"][0]["status"] == 2

    def test_only_the_invitee_answers_an_invitation_from_that_inviter(self, api):
        owner, invitee, stranger = api.user(), api.user(), api.user()
        im_id = gid(api.im_group(owner))
        owner.im("POST", "/group/invite", {"group_id": im_id, "user_list": [invitee.id]})
        assert_im_error(stranger.im("PUT", "/group/invite/handle", {"group_id": im_id, "user_id": owner.id, "approval": True}), 404)
        assert_im_error(invitee.im("PUT", "/group/invite/handle", {"group_id": im_id, "user_id": stranger.id, "approval": True}), 404)
        assert_im_error(invitee.im("PUT", "/group/invite/handle", {"group_id": UNKNOWN_GROUP, "user_id": owner.id, "approval": True}), 404)
        assert_im_error(invitee.im("PUT", "/group/invite/handle", {"group_id": im_id, "approval": True}), 400)
        assert_im_error(invitee.im("PUT", "/group/invite/handle", {"group_id": im_id, "user_id": "x"}), 400)

    def test_accepting_into_a_full_group_is_409(self, api):
        owner, invitee = api.user(), api.user()
        group = filled_group(api, owner, free_places=1)
        im_id = int(group["groupid"])
        owner.im("POST", "/group/invite", {"group_id": im_id, "user_list": [invitee.id]})
        owner.post("/api/invite/group", {"group_id": group["id"], "friends": [api.user().id]})  # the last place
        reply = invitee.im("PUT", "/group/invite/handle", {"group_id": im_id, "user_id": owner.id, "approval": True})
        assert_im_error(reply, 409)
        assert count(owner, im_id) == 500
        assert invitee.im("GET", "/group/invitation_list").json()["data"][0]["status"] == 0

    def test_needs_a_token(self, api):
        assert_im_error(api.request("PUT", "/group/invite/handle", json={}, headers={"app_id": "default"}), 401)


class TestInvitationList:
    def test_lists_the_callers_invitations_with_a_cursor(self, api):
        invitee = api.user()
        owners = [api.user() for _ in range(3)]
        groups = [gid(api.im_group(o)) for o in owners]
        for o, g in zip(owners, groups, strict=True):
            o.im("POST", "/group/invite", {"group_id": g, "user_list": [invitee.id], "reason": "hi"})
        first = invitee.im("GET", "/group/invitation_list", params={"limit": 2}).json()
        assert_shape(first, IM_INVITATIONS)
        assert first["total"] == 3 and len(first["data"]) == 2 and first["cursor"]
        second = invitee.im("GET", "/group/invitation_list", params={"limit": 2, "cursor": first["cursor"]}).json()
        assert second["cursor"] == ""
        items = first["data"] + second["data"]
        assert [(i["group_id"], i["inviter_id"]) for i in items] == list(zip(groups, [o.id for o in owners], strict=True))
        assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d", items[0]["updated_at"])
        assert items[0]["expired_time"] > time.time() * 1000 + WEEK_MS - 600_000
        assert ok(owners[0].im("GET", "/group/invitation_list"), IM_INVITATIONS) == []  # sent ones are not listed

    @pytest.mark.parametrize("params", [{"limit": 101}, {"limit": -1}, {"cursor": "garbage!"}])
    def test_bad_limit_or_cursor_is_400(self, api, params):
        assert_im_error(api.user().im("GET", "/group/invitation_list", params=params), 400)

    def test_needs_a_token(self, api):
        assert_im_error(api.request("GET", "/group/invitation_list", headers={"app_id": "default"}), 401)


def sign(user, im_id):
    return user.im("GET", "/group/qrcode/sign", params={"group_id": im_id})


class TestQrCode:
    def test_a_member_signs_a_code_valid_for_a_week(self, api):
        owner, member = api.user(), api.user()
        im_id = gid(api.im_group(owner, [member]))
        data = ok(sign(member, im_id), IM_QR_CODE)
        assert data["expire_at"] - data["create_at"] == WEEK_MS
        assert abs(data["create_at"] - time.time() * 1000) < 600_000
        assert data["qr_info"] != ok(sign(owner, im_id), IM_QR_CODE)["qr_info"]

    def test_outsiders_unknown_and_other_apps_groups(self, api):
        owner = api.user()
        im_id = gid(api.im_group(owner))
        assert_im_error(sign(api.user(), im_id), 403)
        assert_im_error(sign(owner, UNKNOWN_GROUP), 404)
        assert_im_error(sign(api.user(app="acme"), im_id), 404)
        assert_im_error(owner.im("GET", "/group/qrcode/sign"), 400)
        assert_im_error(api.request("GET", "/group/qrcode/sign", params={"group_id": im_id}, headers={"app_id": "default"}), 401)

    def test_a_code_lets_the_scanner_in(self, api):
        owner, scanner = api.user(), api.user()
        im_id = gid(api.im_group(owner))
        qr = sign(owner, im_id).json()["data"]["qr_info"]
        data = ok(scanner.im("POST", "/group/qrcode/invite", {"qr_info": qr}), IM_GROUP_INFO)
        assert (data["group_id"], data["count"]) == (im_id, 2)
        assert member_ids(owner, im_id) == [owner.id, scanner.id]
        assert_im_error(scanner.im("POST", "/group/qrcode/invite", {"qr_info": qr}), 409)  # a member already

    def test_a_code_follows_apply_approval(self, api, approval_group):
        owner, member, im_id = approval_group
        qr = sign(member, im_id).json()["data"]["qr_info"]
        scanner = api.user()
        assert ok(scanner.im("POST", "/group/qrcode/invite", {"qr_info": qr}), IM_GROUP_INFO)["count"] == 2
        assert scanner.id not in member_ids(owner, im_id)
        assert [a["applicant_id"] for a in applications(owner, im_id).json()["data"]] == [scanner.id]
        set_apply_approval(owner, im_id, 2)
        assert_im_error(api.user().im("POST", "/group/qrcode/invite", {"qr_info": qr}), 403)

    def test_tampered_malformed_and_other_apps_codes_are_400(self, api):
        owner = api.user()
        im_id = gid(api.im_group(owner))
        qr = sign(owner, im_id).json()["data"]["qr_info"]
        group, inviter, expire_at, signature = qr.split(".")
        scanner = api.user()
        for bad in (
            f"{group}.{inviter}.{int(expire_at) + WEEK_MS}.{signature}",  # a longer life
            f"{group}.{scanner.id}.{expire_at}.{signature}",  # another inviter
            f"{group}.{inviter}.{expire_at}.{signature[:-2]}AA",
            "garbage", "",
        ):
            assert_im_error(scanner.im("POST", "/group/qrcode/invite", {"qr_info": bad}), 400)
        assert_im_error(api.user(app="acme").im("POST", "/group/qrcode/invite", {"qr_info": qr}), 400)
        assert member_ids(owner, im_id) == [owner.id]

    def test_a_code_dies_when_its_inviter_leaves_and_blocked_users_cannot_use_it(self, api):
        owner, inviter, blocked = api.user(), api.user(), api.user()
        im_id = gid(api.im_group(owner, [inviter]))
        qr = sign(inviter, im_id).json()["data"]["qr_info"]
        owner.im("POST", "/group/block", {"group_id": im_id, "user_list": [blocked.id]})
        assert_im_error(blocked.im("POST", "/group/qrcode/invite", {"qr_info": sign(owner, im_id).json()["data"]["qr_info"]}), 403)
        owner.im("POST", "/group/block", {"group_id": im_id, "user_list": [inviter.id]})
        assert_im_error(api.user().im("POST", "/group/qrcode/invite", {"qr_info": qr}), 403)

    def test_needs_a_token(self, api):
        assert_im_error(api.request("POST", "/group/qrcode/invite", json={"qr_info": "x"}, headers={"app_id": "default"}), 401)


def blocked_list(user, im_id, **params):
    return user.im("GET", "/group/blocked_list", params={"group_id": im_id, **params})


class TestBlock:
    def test_blocking_removes_members_and_lists_them(self, api):
        owner, member, outsider = api.user(), api.user(), api.user()
        im_id = gid(api.im_group(owner, [member]))
        data = ok(owner.im("POST", "/group/block", {"group_id": im_id, "user_list": [member.id, outsider.id]}), IM_RESULTS)
        assert data == [result(member.id), result(outsider.id)]
        assert member_ids(owner, im_id) == [owner.id] and count(owner, im_id) == 1
        body = blocked_list(owner, im_id).json()
        assert_shape(body, IM_BLOCKED)
        assert [(b["group_id"], b["user_id"]) for b in body["data"]] == [(im_id, member.id), (im_id, outsider.id)]
        assert body["total"] == 2 and body["cursor"] == ""
        assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d", body["data"][0]["created_at"])

    def test_blocked_users_cannot_apply_or_be_invited(self, api, approval_group):
        owner, _, im_id = approval_group
        applicant = api.user()
        applicant.im("POST", "/group/apply", {"group_id": im_id})
        owner.im("POST", "/group/block", {"group_id": im_id, "user_list": [applicant.id]})
        assert [a["status"] for a in applications(owner, im_id).json()["data"]] == [2]  # its application is refused
        assert_im_error(applicant.im("POST", "/group/apply", {"group_id": im_id}), 403)
        invite = owner.im("POST", "/group/invite", {"group_id": im_id, "user_list": [applicant.id]}).json()["data"]
        assert invite[0]["result"] == "fail"

    def test_blocking_declines_waiting_invitations(self, api):
        owner, invitee = api.user(), api.user()
        im_id = gid(api.im_group(owner))
        owner.im("POST", "/group/invite", {"group_id": im_id, "user_list": [invitee.id]})
        owner.im("POST", "/group/block", {"group_id": im_id, "user_list": [invitee.id]})
        assert invitee.im("GET", "/group/invitation_list").json()["data"][0]["status"] == 2
        reply = invitee.im("PUT", "/group/invite/handle", {"group_id": im_id, "user_id": owner.id, "approval": True})
        assert_im_error(reply, 404)
        assert member_ids(owner, im_id) == [owner.id]

    def test_rank_rules_and_bad_users_fail_alone(self, api):
        owner, member, already = api.user(), api.user(), api.user()
        im_id = gid(api.im_group(owner, [member]))
        owner.im("POST", "/group/block", {"group_id": im_id, "user_list": [already.id]})
        never_called = owner.id + 888_888
        data = ok(owner.im("POST", "/group/block", {"group_id": im_id, "user_list": [owner.id, already.id, never_called]}), IM_RESULTS)
        assert [r["result"] for r in data] == ["fail", "fail", "success"] and all(r["reason"] for r in data[:2])
        acting = as_group_admin(api, im_id)
        data = ok(acting("POST", "/group/block", {"group_id": im_id, "user_list": [owner.id]}), IM_RESULTS)
        assert data[0]["result"] == "fail"  # an admin never blocks the owner
        assert owner.id in member_ids(owner, im_id)
        assert_im_error(member.im("POST", "/group/block", {"group_id": im_id, "user_list": [owner.id]}), 403)

    def test_admins_block_members_but_not_other_admins(self, api):
        owner, admin, other_admin, member = api.user(), api.user(), api.user(), api.user()
        im_id = gid(api.im_group(owner, [admin, other_admin, member]))
        reply = owner.im("POST", "/group/admin/add", {"group_id": im_id, "user_list": [admin.id, other_admin.id]})
        assert reply.status_code == 200, reply.text
        data = ok(admin.im("POST", "/group/block", {"group_id": im_id, "user_list": [other_admin.id, member.id]}), IM_RESULTS)
        assert [(r["user_id"], r["result"]) for r in data] == [(other_admin.id, "fail"), (member.id, "success")]
        assert member_ids(owner, im_id) == [owner.id, admin.id, other_admin.id]
        data = ok(owner.im("POST", "/group/block", {"group_id": im_id, "user_list": [admin.id]}), IM_RESULTS)
        assert data == [result(admin.id)] and count(owner, im_id) == 2

    def test_unknown_group_and_bad_fields(self, api):
        owner = api.user()
        im_id = gid(api.im_group(owner))
        assert_im_error(owner.im("POST", "/group/block", {"group_id": UNKNOWN_GROUP, "user_list": [1]}), 404)
        assert_im_error(owner.im("POST", "/group/block", {"group_id": im_id, "user_list": []}), 400)
        assert_im_error(owner.im("POST", "/group/block", {"group_id": im_id, "user_list": ["x"]}), 400)
        other = api.im_group(api.user(app="acme"))
        assert_im_error(owner.im("POST", "/group/block", {"group_id": gid(other), "user_list": [1]}), 404)
        assert_im_error(api.request("POST", "/group/block", json={}, headers={"app_id": "default"}), 401)


class TestUnblock:
    @pytest.mark.parametrize("method", ["DELETE", "POST"])
    def test_unblocking_lets_the_user_apply_again(self, api, method):
        owner, user, never = api.user(), api.user(), api.user()
        im_id = gid(api.im_group(owner))
        owner.im("POST", "/group/block", {"group_id": im_id, "user_list": [user.id]})
        data = ok(owner.im(method, "/group/unblock", {"group_id": im_id, "user_list": [user.id, never.id]}), IM_RESULTS)
        assert [(r["user_id"], r["result"]) for r in data] == [(user.id, "success"), (never.id, "fail")]
        assert blocked_list(owner, im_id).json()["data"] == []
        ok(user.im("POST", "/group/apply", {"group_id": im_id}), IM_RESULT)
        assert user.id in member_ids(owner, im_id)

    def test_only_managers_unblock(self, api):
        owner, member, user = api.user(), api.user(), api.user()
        im_id = gid(api.im_group(owner, [member]))
        owner.im("POST", "/group/block", {"group_id": im_id, "user_list": [user.id]})
        assert_im_error(member.im("DELETE", "/group/unblock", {"group_id": im_id, "user_list": [user.id]}), 403)
        assert_im_error(owner.im("DELETE", "/group/unblock", {"group_id": UNKNOWN_GROUP, "user_list": [user.id]}), 404)
        assert_im_error(owner.im("POST", "/group/unblock", {"group_id": im_id}), 400)
        assert_im_error(api.request("POST", "/group/unblock", json={}, headers={"app_id": "default"}), 401)
        assert [b["user_id"] for b in blocked_list(owner, im_id).json()["data"]] == [user.id]


class TestBlockedList:
    def test_pages_with_a_cursor(self, api):
        owner = api.user()
        im_id = gid(api.im_group(owner))
        users = [api.user() for _ in range(3)]
        owner.im("POST", "/group/block", {"group_id": im_id, "user_list": [u.id for u in users]})
        first = blocked_list(owner, im_id, limit=2).json()
        assert first["total"] == 3 and len(first["data"]) == 2 and first["cursor"]
        second = blocked_list(owner, im_id, limit=2, cursor=first["cursor"]).json()
        assert second["cursor"] == ""
        assert [b["user_id"] for b in first["data"] + second["data"]] == [u.id for u in users]

    def test_only_managers_see_it(self, api):
        owner, member = api.user(), api.user()
        im_id = gid(api.im_group(owner, [member]))
        assert_im_error(blocked_list(member, im_id), 403)
        assert_im_error(blocked_list(owner, UNKNOWN_GROUP), 404)
        assert_im_error(blocked_list(api.user(app="acme"), im_id), 404)
        for params in ({"limit": 1001}, {"limit": -1}, {"cursor": "garbage!"}):
            assert_im_error(blocked_list(owner, im_id, **params), 400)
        assert_im_error(owner.im("GET", "/group/blocked_list"), 400)
        assert_im_error(api.request("GET", "/group/blocked_list", params={"group_id": im_id}, headers={"app_id": "default"}), 401)
