"""MaxIM's web SDK (maxim-top/floo-web) against the im dialect, sending what it sends (issue 17).

Each request is built the way the SDK's src/sdk/utils/request.js builds it from what its Vue
pages pass: a GET (and a POST marked isQuery) carries the parameters as query-string's
stringify does (keys sorted) and a POST the JSON.stringify of the parameters (ids made numbers
by dealParams) with axios 0.26's headers, plus app_id and access-token. Steps from
../shared/research/real-clients.md; the README's "MaxIM web SDK (floo-web)" table lists them all.
"""

import json
from urllib.parse import quote

import pytest

from tests.support.assertions import gid
from tests.support.documented import IM_BOOLEAN, IM_ERROR, IM_GROUP_INFO
from tests.support.documented_membership import IM_QR_CODE
from tests.support.shapes import assert_shape

AXIOS_ACCEPT = "application/json, text/plain, */*"
AXIOS_JSON = "application/json;charset=utf-8"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"  # 65 characters
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"  # 71
PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"  # 73


def floo(user, method, path, params=None, is_query=False):
    """One call of request.js: request(url, method, params, checks, isQuery)."""
    params = params or {}
    headers = {"Accept": AXIOS_ACCEPT, "app_id": user.app, "access-token": user.token}
    if method == "get" or is_query:
        path += ("&" if "?" in path else "?") + "&".join(f"{quote(k, safe='')}={quote(str(v), safe='')}" for k, v in sorted(params.items()))
        params = {}
    if method == "get":  # axios.get(url, params2, config): params2 is the (empty) config, no body
        return user.api.request("GET", path, headers=headers)
    headers["Content-Type"] = AXIOS_JSON
    body = json.dumps(params, ensure_ascii=False, separators=(",", ":")).encode()
    return user.api.request(method.upper(), path, headers=headers, data=body)


def ok(reply, shape=None):
    assert reply.status_code == 200, reply.text
    assert reply.json()["code"] == 200, reply.text
    if shape is not None:
        assert_shape(reply.json(), shape)
    return reply.json()["data"]


def refused(reply, status, message):
    assert reply.status_code == status, reply.text
    assert_shape(reply.json(), IM_ERROR)
    assert (reply.json()["code"], reply.json()["message"]) == (status, message)


def settings(user, im_id):
    return ok(floo(user, "get", "/group/settings", {"group_id": im_id}))


@pytest.fixture
def trio(api):
    """An owner, a plain member and their group, made as creategroup.vue makes it."""
    owner, member = api.user(), api.user()
    body = {"name": "羽毛球群", "type": 0, "avatar": "", "description": "", "user_list": [member.id]}
    data = ok(floo(owner, "post", "/group/create", body))
    return owner, member, gid(data)


class TestSettingsSwitches:
    """groupsetting.vue switchTouched(0..3, 7): value is `!this.groupInfo.<key> - 0`, a number."""

    SWITCHES = [
        ("allow_member_invitation", "member_invite"), ("allow_member_modify", "member_modify"),
        ("enable_read_ack", "read_ack"), ("history_visible", "history_visible"),
        ("hide_member_info", "hide_member_info"),
    ]

    @pytest.mark.parametrize("path,key", SWITCHES)
    def test_each_switch_flips_with_0_and_1(self, trio, path, key):
        owner, member, im_id = trio
        before = settings(owner, im_id)[key]
        reply = floo(owner, "post", f"/group/settings/{path}", {"group_id": im_id, "value": int(not before)})
        assert ok(reply, IM_BOOLEAN) is True
        assert settings(member, im_id)[key] is (not before)
        ok(floo(owner, "post", f"/group/settings/{path}", {"group_id": im_id, "value": int(before)}))
        assert settings(owner, im_id)[key] is before

    def test_true_and_false_as_text_numbers_and_booleans(self, trio):
        owner, _, im_id = trio
        for given, stored in [("true", True), ("false", False), (1, True), (0, False), (True, True), (False, False)]:
            ok(floo(owner, "post", "/group/settings/enable_read_ack", {"group_id": im_id, "value": given}))
            assert settings(owner, im_id)["read_ack"] is stored, given

    def test_put_and_a_trailing_slash_too(self, trio):
        owner, _, im_id = trio
        ok(floo(owner, "put", "/group/settings/allow_member_modify/", {"group_id": im_id, "value": 1}))
        assert settings(owner, im_id)["member_modify"] is True

    def test_any_other_value_is_400_naming_the_field(self, trio):
        """The transcoder alone took "1", "yes" and "True" too; Jackson's binding and this one do not."""
        owner, _, im_id = trio
        for value in ["1", "yes", "True", 2, -1, 1.0, 1.5, "", [1], {"v": 1}]:
            reply = floo(owner, "post", "/group/settings/history_visible", {"group_id": im_id, "value": value})
            refused(reply, 400, "value 的类型不正确，应为布尔值")
        handle = floo(owner, "post", "/group/apply/handle", {"approval": 2, "user_id": 1, "group_id": im_id})
        refused(handle, 400, "approval 的类型不正确，应为布尔值")
        assert settings(owner, im_id)["history_visible"] is True

    def test_only_the_named_fields_are_read_as_booleans(self, trio):
        owner, _, im_id = trio
        body = {"group_id": im_id, "note": 1, "value": 1}  # an unknown key stays as it was: ignored
        ok(floo(owner, "post", "/group/settings/allow_member_modify", body))
        ok(floo(owner, "post", "/group/settings/require_admin_approval", {"group_id": im_id, "apply_approval": 1}))
        assert (settings(owner, im_id)["member_modify"], settings(owner, im_id)["apply_approval"]) == (True, 1)

    def test_a_plain_member_still_may_not(self, trio):
        _, member, im_id = trio
        refused(floo(member, "post", "/group/settings/hide_member_info", {"group_id": im_id, "value": 1}), 403, "仅群主或管理员可以操作")


class TestHideMemberInfo:
    """POST /group/settings/hide_member_info (im.gitbook 4.47), shown in /group/settings and /group/info."""

    def test_off_by_default_and_shown_in_info_and_settings(self, trio):
        owner, member, im_id = trio
        assert ok(floo(owner, "get", "/group/settings", {"group_id": im_id}), IM_GROUP_INFO)["hide_member_info"] is False
        ok(floo(owner, "post", "/group/settings/hide_member_info", {"group_id": im_id, "value": 1}))
        assert ok(floo(member, "get", "/group/info", {"group_id": im_id}), IM_GROUP_INFO)["hide_member_info"] is True
        assert ok(floo(member, "get", "/group/settings", {"group_id": im_id}), IM_GROUP_INFO)["hide_member_info"] is True

    def test_an_admin_may_set_it(self, trio):
        owner, member, im_id = trio
        ok(floo(owner, "post", "/group/admin/add", {"group_id": im_id, "user_list": [member.id]}))
        ok(floo(member, "post", "/group/settings/hide_member_info", {"group_id": im_id, "value": 1}))
        assert settings(owner, im_id)["hide_member_info"] is True

    def test_value_is_required(self, trio):
        owner, _, im_id = trio
        refused(floo(owner, "post", "/group/settings/hide_member_info", {"group_id": im_id}), 400, "value 不能为空")


class TestInvitationFromTheInvitee:
    """groupInvitationNotice.vue agreeHandler / declineHandler: user_id is the caller's own id."""

    def invited(self, api, trio, *, by_member=False):
        owner, member, im_id = trio
        invitee = api.user()
        inviter = member if by_member else owner
        ok(floo(inviter, "post", "/group/invite", {"group_id": im_id, "user_list": [invitee.id]}))
        return invitee

    def members(self, owner, im_id):
        return sorted(m["user_id"] for m in ok(floo(owner, "get", "/group/member_list", {"group_id": im_id})))

    def test_accepting_with_ones_own_id_joins(self, api, trio):
        owner, member, im_id = trio
        invitee = self.invited(api, trio)
        reply = floo(invitee, "post", "/group/invite/handle", {"approval": True, "user_id": invitee.id, "group_id": im_id})
        assert ok(reply, IM_BOOLEAN) is True
        assert self.members(owner, im_id) == sorted([owner.id, member.id, invitee.id])
        [invitation] = ok(floo(invitee, "get", "/group/invitation_list"))
        assert invitation["status"] == 1

    def test_declining_with_ones_own_id_and_approval_0(self, api, trio):
        owner, member, im_id = trio
        invitee = self.invited(api, trio)
        ok(floo(invitee, "post", "/group/invite/handle", {"approval": 0, "user_id": invitee.id, "group_id": im_id}))
        assert self.members(owner, im_id) == sorted([owner.id, member.id])
        [invitation] = ok(floo(invitee, "get", "/group/invitation_list"))
        assert invitation["status"] == 2
        again = floo(invitee, "post", "/group/invite/handle", {"approval": True, "user_id": invitee.id, "group_id": im_id})
        refused(again, 404, "没有待处理的入群邀请")
        # The inviter's id keeps working (the document's reading of user_id).
        ok(floo(owner, "post", "/group/invite", {"group_id": im_id, "user_list": [invitee.id]}))
        ok(floo(invitee, "post", "/group/invite/handle", {"approval": True, "user_id": owner.id, "group_id": im_id}))
        assert invitee.id in self.members(owner, im_id)

    def test_every_pending_invitation_to_the_group_is_handled_at_once(self, api, trio):
        owner, member, im_id = trio
        invitee = self.invited(api, trio)
        ok(floo(member, "post", "/group/invite", {"group_id": im_id, "user_list": [invitee.id]}))  # on by default
        ok(floo(invitee, "post", "/group/invite/handle", {"approval": 1, "user_id": invitee.id, "group_id": im_id}))
        assert [i["status"] for i in ok(floo(invitee, "get", "/group/invitation_list"))] == [1, 1]

    def test_without_an_invitation_it_is_404(self, api, trio):
        _, _, im_id = trio
        stranger = api.user()
        body = {"approval": True, "user_id": stranger.id, "group_id": im_id}
        refused(floo(stranger, "post", "/group/invite/handle", body), 404, "没有待处理的入群邀请")


class TestNewGroups:
    def test_member_invite_is_on_so_a_member_invites(self, api, trio):
        """groupsetting.vue inviteRoster right after creation; info.vue shows the QR button on it."""
        owner, member, im_id = trio
        assert ok(floo(member, "get", "/group/info", {"group_id": im_id}))["member_invite"] is True
        newcomer = api.user()
        [result] = ok(floo(member, "post", "/group/invite", {"group_id": im_id, "user_list": [newcomer.id]}))
        assert result["result"] == "success"

    @pytest.mark.parametrize("kind", [1, 3])
    def test_type_1_and_3_are_stored_and_answered_back(self, api, kind):
        """creategroup.vue's 是否公开 switch (1); roster/header.vue's new session (3)."""
        owner, other = api.user(), api.user()
        body = {"name": "羽毛球公开群", "type": kind, "avatar": "", "description": "", "user_list": [other.id]}
        created = ok(floo(owner, "post", "/group/create", body), IM_GROUP_INFO)
        assert created["type"] == kind
        assert ok(floo(other, "get", "/group/info", {"group_id": gid(created)}))["type"] == kind
        [brief] = ok(floo(owner, "post", "/group/info/batch", {"group_list": [gid(created)]}))
        assert brief["type"] == kind


class TestFiles:
    @pytest.mark.parametrize("name,kind", [("场地费用.xlsx", XLSX), ("纪要.docx", DOCX), ("方案.pptx", PPTX), ("长.bin", "a/" + "b" * 253)])
    def test_office_mime_types_are_kept(self, trio, name, kind):
        """groupsetting.vue uploadFile passes the browser's file.type."""
        _, member, im_id = trio
        body = {"name": name, "size": 23552, "type": kind, "group_id": im_id, "url": "https://files.example.com/chat/file/download?file_sign=4f2a9c&n=x"}
        assert ok(floo(member, "post", "/group/file/upload", body))["type"] == kind
        [listed] = ok(floo(member, "get", "/group/file/list", {"group_id": im_id}, True))
        assert listed["type"] == kind

    def test_a_type_past_255_characters_is_400(self, trio):
        _, member, im_id = trio
        body = {"name": "x.bin", "size": 1, "type": "a/" + "b" * 254, "group_id": im_id, "url": "https://files.example.com/x"}
        refused(floo(member, "post", "/group/file/upload", body), 400, "type 不能超过 255 个字符")


class TestQrCodes:
    """qrcode.vue requestGroupQr: GET /app/qrcode/group_sign, reading qr_info and expired (ms)."""

    def test_sign_then_join_by_the_app_server_paths(self, api, trio):
        owner, _, im_id = trio
        sign = ok(floo(owner, "get", "/app/qrcode/group_sign", {"group_id": im_id}, True), IM_QR_CODE)
        assert sign["expired"] == sign["expire_at"] > sign["create_at"] > 1_600_000_000_000
        newcomer = api.user()
        joined = ok(floo(newcomer, "get", "/app/qrcode/group_invite", {"qr_info": sign["qr_info"]}, True), IM_GROUP_INFO)
        assert joined["group_id"] == im_id
        assert newcomer.id in [m["user_id"] for m in ok(floo(owner, "get", "/group/member_list", {"group_id": im_id}))]

    def test_failures_are_in_the_im_envelope(self, api, trio):
        _, _, im_id = trio
        refused(floo(api.user(), "get", "/app/qrcode/group_sign", {"group_id": im_id}, True), 403, "你不是该群成员")
        refused(floo(api.user(), "get", "/app/qrcode/group_invite", {"qr_info": "1.2.3.x"}, True), 400, "二维码无效")
        outsider = api.user()
        headers = {"Accept": AXIOS_ACCEPT, "access-token": outsider.token}  # no app_id
        refused(api.request("GET", f"/app/qrcode/group_sign?group_id={im_id}", headers=headers), 401, "缺少请求头 app_id")
        wrong = floo(outsider, "post", "/app/qrcode/group_sign", {"group_id": im_id})
        refused(wrong, 405, "不支持该请求方法")
        assert wrong.headers["allow"] == "GET"


class TestEveryCall:
    """Every supported group, announcement and file call of the SDK (src/sdk/core/base/io/httpIo.js),
    as its pages make them: the README's "MaxIM web SDK (floo-web)" table."""

    def test_the_sdks_calls_in_turn(self, api):
        owner, admin, member, kicked, invitee, applicant = (api.user() for _ in range(6))

        def call(user, method, path, params=None, is_query=False):
            return ok(floo(user, method, path, params, is_query))

        body = {"name": "羽毛球群", "type": 0, "avatar": "", "description": "", "user_list": [admin.id, member.id, kicked.id]}
        g = gid(call(owner, "post", "/group/create", body))
        assert call(owner, "get", "/group/info", {"group_id": g})["count"] == 4
        assert [b["group_id"] for b in call(owner, "post", "/group/info/batch", {"group_list": [g]})] == [g]
        assert g in call(owner, "get", "/group/user_joined", {})  # GET /group/user_joined? (an empty query)
        assert call(owner, "get", "/group/settings", {"group_id": g})["member_invite"] is True
        assert len(call(owner, "get", "/group/member_list", {"group_id": g})) == 4
        call(member, "post", "/group/display_name", {"group_id": g, "value": "阿明"})
        names = call(owner, "post", "/group/members/display_name", {"group_id": g, "user_list": [member.id]})
        assert names[0]["display_name"] == "阿明"
        for field, value in [("name", "新群名"), ("description", "周末打球"), ("avatar", "https://x.example/a.png"), ("ext", '{"ai":1}')]:
            assert call(owner, "post", f"/group/info/{field}", {"group_id": g, "value": value}) is True
        call(member, "post", "/group/msg/mute_mode", {"group_id": g, "msg_mute_mode": 2})
        for path in ["allow_member_invitation", "allow_member_modify", "enable_read_ack", "history_visible", "hide_member_info"]:
            call(owner, "post", f"/group/settings/{path}", {"group_id": g, "value": 1})
        call(owner, "post", "/group/settings/require_admin_approval", {"group_id": g, "apply_approval": 1})
        assert call(owner, "post", "/group/settings/ban_all", {"group_id": g, "duration": -1})["ban_expire_time"] == -1
        call(owner, "post", "/group/settings/unban_all", {"group_id": g})
        call(owner, "post", "/group/admin/add", {"group_id": g, "user_list": [admin.id]})
        assert [a["user_id"] for a in call(owner, "get", "/group/admin_list", {"group_id": g}, True)] == [admin.id]
        call(admin, "post", "/group/ban", {"group_id": g, "duration": 10, "user_list": [member.id]})
        assert [b["user_id"] for b in call(admin, "get", "/group/banned_list", {"group_id": g})] == [member.id]
        call(admin, "post", "/group/unban", {"group_id": g, "user_list": [member.id]})
        call(admin, "post", "/group/block", {"user_list": [kicked.id], "group_id": g})
        assert [b["user_id"] for b in call(admin, "get", "/group/blocked_list", {"group_id": g})] == [kicked.id]
        call(admin, "post", "/group/unblock", {"user_list": [kicked.id], "group_id": g})
        call(owner, "post", "/group/invite", {"group_id": g, "user_list": [kicked.id]})
        call(kicked, "post", "/group/invite/handle", {"approval": True, "user_id": kicked.id, "group_id": g})
        assert call(admin, "post", "/group/kick", {"user_list": [kicked.id], "group_id": g})[0]["result"] == "success"
        call(member, "post", "/group/invite", {"group_id": g, "user_list": [invitee.id]})
        [invitation] = call(invitee, "get", "/group/invitation_list", {})
        call(invitee, "post", "/group/invite/handle", {"approval": True, "user_id": invitee.id, "group_id": invitation["group_id"]})
        call(applicant, "post", "/group/apply", {"group_id": g, "reason": "申请加入群"})
        [application] = call(admin, "post", "/group/application_list", {"group_list": [g]})
        call(admin, "post", "/group/apply/handle", {"approval": True, "user_id": application["applicant_id"], "group_id": g})
        notice = call(admin, "post", "/group/announcement/edit", {"title": "群规", "content": "准时", "group_id": g})
        [listed] = call(member, "get", "/group/announcement/list", {"group_id": g}, True)
        assert call(member, "get", "/group/announcement", {"announcement_id": listed["id"], "group_id": g})["title"] == "群规"
        assert notice["id"] == listed["id"]  # groupsetting.vue removePublic(p.id)
        call(admin, "post", "/group/announcement/delete", {"announcement_id": listed["id"], "group_id": g}, True)
        file = {"name": "场地费用.xlsx", "size": 23552, "type": XLSX, "group_id": g, "url": "https://files.example.com/f?n=xlsx"}
        uploaded = call(member, "post", "/group/file/upload", file)
        assert [f["file_id"] for f in call(member, "get", "/group/file/list", {"group_id": g}, True)] == [uploaded["file_id"]]
        call(member, "post", "/group/file/delete", {"file_list": [uploaded["file_id"]], "group_id": g})
        sign = call(member, "get", "/app/qrcode/group_sign", {"group_id": g}, True)
        call(api.user(), "get", "/app/qrcode/group_invite", {"qr_info": sign["qr_info"]}, True)  # apply_approval 1: queued
        call(owner, "post", "/group/transfer", {"group_id": g, "new_owner": admin.id})
        assert isinstance(call(owner, "get", "/group/public_list", {}), list)
        call(owner, "post", "/group/leave", {"group_id": g}, True)  # POST /group/leave?group_id=…, body {}
        call(admin, "post", "/group/destroy", {"group_id": g}, True)
        refused(floo(admin, "get", "/group/info", {"group_id": g}), 404, "群不存在")
