"""Deviations found by auditing the community (000) and im (003) dialects against the
running stack as a new client would call them; each test failed before its fix."""

from tests.support.assertions import assert_community_error, assert_im_error, gid
from tests.support.documented import GROUP_DETAIL
from tests.support.shapes import assert_shape


class TestCommunityDetailByEitherId:
    """README "Ids": community paths naming a group accept the primary key or the IM groupid."""

    def test_the_detail_answers_for_the_primary_key_as_for_the_groupid(self, api):
        owner = api.user()
        group = api.community_group(owner)
        by_groupid = owner.get(f"/api/groups/{api.groupid_of(owner, group['id'])}")
        by_key = owner.get(f"/api/groups/{group['id']}")
        assert by_key.status_code == 200, by_key.text
        assert_shape(by_key.json(), GROUP_DETAIL)
        assert by_key.json()["data"]["id"] == by_groupid.json()["data"]["id"] == group["id"]
        assert by_key.json()["data"]["number"] == by_groupid.json()["data"]["number"]

    def test_another_apps_primary_key_is_still_404(self, api):
        owner = api.user()
        group = api.community_group(owner)
        assert_community_error(api.user(app="acme").get(f"/api/groups/{group['id']}"), 404)


class TestMissingFieldsAreNamed:
    """A required field the client left out is named as missing (`X 不能为空`), not as an
    invalid id or a wrong parent."""

    def test_removing_an_admin_without_user_id(self, api):
        owner = api.user()
        group = api.community_group(owner)
        reply = api.request("DELETE", "/api/groups/admins", headers=owner.bearer, json={"group_id": group["id"]})
        assert_community_error(reply, 400)
        assert reply.json()["msg"] == "user_id 不能为空"

    def test_lifting_a_silence_without_user_id(self, api):
        owner = api.user()
        group = api.community_group(owner)
        reply = api.request("DELETE", f"/api/group/part/silence/{group['id']}", headers=owner.bearer, json={})
        assert_community_error(reply, 400)
        assert reply.json()["msg"] == "user_id 不能为空"

    def test_using_a_qr_code_without_qr_info(self, api):
        reply = api.user().im("POST", "/group/qrcode/invite", {})
        assert_im_error(reply, 400)
        assert reply.json()["message"] == "qr_info 不能为空"
        assert api.user().im("POST", "/group/qrcode/invite", {"qr_info": "1.2.3.x"}).json()["message"] == "二维码无效"

    def test_choosing_a_manage_option_without_pid_or_group_id(self, api):
        owner = api.user()
        group = api.community_group(owner)
        reply = owner.post("/group/manage/4", {"group_id": group["id"]})
        assert_community_error(reply, 400)
        assert reply.json()["msg"] == "pid 不能为空"
        reply = owner.post("/group/manage/4", {"pid": 1})
        assert_community_error(reply, 400)
        assert reply.json()["msg"] == "group_id 不能为空"


class TestWrongTypesNameTheDocumentedField:
    def test_application_list_names_group_list_not_the_proto_body_field(self, api):
        owner = api.user()
        group = api.im_group(owner)
        reply = owner.im("POST", "/group/application_list", {"group_list": "x"})
        assert_im_error(reply, 400)
        message = reply.json()["message"]
        assert message.startswith("group_list "), message
        assert "filter" not in message
        assert owner.im("POST", "/group/application_list", {"group_list": [gid(group)]}).status_code == 200


class TestImAppIdHeader:
    def test_a_missing_app_id_is_named_as_missing_not_as_a_mismatch(self, api):
        owner = api.user()
        group = api.im_group(owner)
        reply = api.request("GET", "/group/info", headers={"access-token": owner.token}, params={"group_id": gid(group)})
        assert_im_error(reply, 401)
        assert reply.json()["message"] == "缺少请求头 app_id"
        reply = owner.im("GET", "/group/info", headers={"app_id": "acme"}, params={"group_id": gid(group)})
        assert_im_error(reply, 401)
        assert reply.json()["message"] == "app_id 与令牌不符"


class TestChatSettingByEitherId:
    """README "Ids": the chat-setting body's group_id is the IM id (as document 000 shows) or,
    like every other community field naming a group, the primary key."""

    def test_the_primary_key_names_the_same_group(self, api):
        owner, member = api.user(), api.user()
        group = api.community_group(owner, [member])
        reply = member.patch(f"/api/members/{member.id}/chat-setting", {"group_id": group["id"], "msg_top": 1})
        assert reply.status_code == 200, reply.text
        assert reply.json() == {"msg": "ok", "code": 0, "data": None}
        listed = member.get("/api/members", params={"group_id": group["id"]}).json()["data"]
        assert next(m for m in listed if m["user_id"] == member.id)["chat_setting"]["msg_top"] == 1
        groupid = int(api.groupid_of(owner, group["id"]))
        reply = member.patch(f"/api/members/{member.id}/chat-setting", {"group_id": groupid, "msg_top": 0})
        assert reply.status_code == 200, reply.text

    def test_the_im_dialect_still_takes_only_the_im_id(self, api):
        owner = api.user()
        group = api.community_group(owner)
        assert_im_error(owner.im("PUT", "/group/msg/mute_mode", {"group_id": group["id"], "msg_mute_mode": 1}), 404)


class TestApprovalIsRequired:
    """Document 003 marks `approval` required in /group/apply/handle and /group/invite/handle:
    leaving it out is 400, not a silent refusal."""

    def test_an_application_is_not_refused_when_approval_is_left_out(self, api):
        owner, applicant = api.user(), api.user()
        group = api.im_group(owner)
        assert owner.im("PUT", "/group/settings/require_admin_approval", {"group_id": gid(group), "apply_approval": 1}).status_code == 200
        assert applicant.im("POST", "/group/apply", {"group_id": gid(group)}).status_code == 200
        reply = owner.im("PUT", "/group/apply/handle", {"group_id": gid(group), "user_id": applicant.id})
        assert_im_error(reply, 400)
        assert reply.json()["message"] == "approval 不能为空"
        pending = owner.im("POST", "/group/application_list", {"group_list": [gid(group)]}).json()["data"]
        assert [(a["applicant_id"], a["status"]) for a in pending] == [(applicant.id, 0)]
        reply = owner.im("POST", "/group/apply/handle", {"group_id": gid(group), "user_id": applicant.id, "approval": True})
        assert reply.status_code == 200, reply.text

    def test_an_invitation_is_not_declined_when_approval_is_left_out(self, api):
        owner, invitee = api.user(), api.user()
        group = api.im_group(owner)
        assert owner.im("PUT", "/group/settings/require_admin_approval", {"group_id": gid(group), "apply_approval": 1}).status_code == 200
        invited = owner.im("POST", "/group/invite", {"group_id": gid(group), "user_list": [invitee.id]}).json()["data"]
        assert invited[0]["result"] == "success", invited
        reply = invitee.im("PUT", "/group/invite/handle", {"group_id": gid(group), "user_id": owner.id})
        assert_im_error(reply, 400)
        assert reply.json()["message"] == "approval 不能为空"
        assert [i["status"] for i in invitee.im("GET", "/group/invitation_list").json()["data"]] == [0]
        reply = invitee.im("PUT", "/group/invite/handle", {"group_id": gid(group), "user_id": owner.id, "approval": True})
        assert reply.status_code == 200, reply.text


class TestIdsBeyondInt64:
    """Digits that no 64-bit id can hold are refused in the dialect's words, never a 500."""

    HUGE = "99999999999999999999"

    def test_a_groupid_path_beyond_int64_is_400_naming_it(self, api):
        reply = api.user().get(f"/api/groups/{self.HUGE}")
        assert_community_error(reply, 400)
        assert reply.json()["msg"] == "id 必须是群的 groupid"

    def test_an_admin_user_id_header_beyond_int64_is_400(self, api):
        admin = api.user(admin=True)
        reply = admin.im("GET", "/group/user_joined", headers={"user_id": self.HUGE})
        assert_im_error(reply, 400)
        assert reply.json()["message"] == "请求头 user_id 必须是正整数"

    def test_a_token_whose_sub_is_beyond_int64_is_401(self, api):
        token = api.token(int(self.HUGE))
        reply = api.request("GET", "/api/user/groups", headers={"authorization": f"Bearer {token}"})
        assert_community_error(reply, 401)
        reply = api.request("GET", "/group/user_joined", headers={"access-token": token, "app_id": "default"})
        assert_im_error(reply, 401)


class TestNulInGroupTexts:
    """NUL is refused in every stored text, as notices already do (PostgreSQL cannot store it:
    before, SQLite kept it and PostgreSQL answered 500)."""

    def test_group_texts_refuse_nul_in_both_dialects(self, api):
        owner, member = api.user(), api.user()
        group = api.im_group(owner, [member])
        im_id = gid(group)
        reply = owner.post("/api/groups", {"type": "group", "name": "a\x00b"})
        assert_community_error(reply, 400)
        assert reply.json()["msg"] == "name 不能包含 NUL 字符"
        assert_im_error(owner.im("POST", "/group/create", {"name": "a\x00b"}), 400)
        assert_im_error(owner.im("PUT", "/group/info/ext", {"group_id": im_id, "value": "a\x00b"}), 400)
        assert_im_error(member.im("PUT", "/group/display_name", {"group_id": im_id, "value": "a\x00b"}), 400)
        assert_im_error(owner.im("POST", "/group/invite", {"group_id": im_id, "user_list": [api.user().id], "reason": "\x00"}), 400)
        assert owner.im("PUT", "/group/info/ext", {"group_id": im_id, "value": "😀 \u202e"}).status_code == 200


class TestCursorBeyondInt64:
    def test_a_cursor_whose_position_is_beyond_int64_is_400(self, api):
        import base64

        owner = api.user()
        group = api.im_group(owner)
        cursor = base64.urlsafe_b64encode(b"m:99999999999999999999").decode().rstrip("=")
        reply = owner.im("GET", "/group/member_list", params={"group_id": gid(group), "cursor": cursor})
        assert_im_error(reply, 400)
        assert reply.json()["message"] == "cursor 无效"


class TestProfileClaimsNoProfileMayHold:
    """A token's name or avatar claim that no profile may hold (over 128 / 512 characters, or
    with NUL) is not kept; the call goes on (before: 500 on PostgreSQL for every call)."""

    def test_the_call_succeeds_and_the_claim_is_not_kept(self, api):
        from server.api.tokens import mint
        from tests.support.client import _user_ids

        owner = api.user()
        for name, avatar in [("a\x00b", None), ("x" * 129, None), ("Z63482", "https://a.b/" + "x" * 600)]:
            user_id = next(_user_ids)
            token = mint(api.stack.data_dir, user_id, name=name, avatar=avatar)
            reply = api.request("GET", "/api/user/groups", headers={"authorization": f"Bearer {token}"})
            assert reply.status_code == 200, reply.text
            group = api.community_group(owner, [])
            assert owner.post("/api/invite/group", {"group_id": group["id"], "friends": [user_id]}).status_code == 200
            listed = owner.get("/api/members", params={"group_id": group["id"]}).json()["data"]
            user = next(m["user"] for m in listed if m["user_id"] == user_id)
            assert user == {"id": user_id, "name": "Z63482" if avatar else "", "avatar": None}

    def test_a_token_whose_app_no_row_may_hold_is_401(self, api):
        from server.api.tokens import mint
        from tests.support.client import _user_ids

        for app in ["a" * 65, "a\x00b"]:
            token = mint(api.stack.data_dir, next(_user_ids), app=app)
            reply = api.request("POST", "/api/groups", headers={"authorization": f"Bearer {token}"}, json={"type": "group"})
            assert_community_error(reply, 401)
            assert reply.json()["msg"] == "令牌的 app 无效"
        assert api.user(app="a" * 64).post("/api/groups", {"type": "group"}).status_code == 200


COMMUNITY_ROUTES = [
    ("POST", "/api/groups"), ("PATCH", "/api/groups/{pk}"), ("GET", "/api/groups/{groupid}"), ("GET", "/api/groups"),
    ("GET", "/api/user/groups"), ("GET", "/api/members"), ("POST", "/api/members/remove"), ("POST", "/api/members/{pk}/quit"),
    ("POST", "/api/groups/{pk}/transfer"), ("DELETE", "/api/groups/{pk}/quit"), ("POST", "/api/invite/group"),
    ("POST", "/api/groups/{pk}/join"), ("POST", "/api/group/join/audit"), ("PATCH", "/api/members/{pk}/nickname"),
    ("PATCH", "/api/members/{pk}/chat-bgd"), ("PATCH", "/api/members/{user}/chat-setting"), ("PATCH", "/api/groups/{pk}/background"),
    ("GET", "/api/group/upgrade/rule"), ("POST", "/api/group/{pk}/upgrade"), ("GET", "/api/groups/conditions"),
    ("POST", "/api/groups/admins"), ("DELETE", "/api/groups/admins"), ("POST", "/api/group/total/silence/{pk}"),
    ("POST", "/api/group/part/silence/{pk}"), ("DELETE", "/api/group/part/silence/{pk}"), ("GET", "/api/group/manage"),
    ("GET", "/group/manage/1"), ("POST", "/group/manage/4"), ("GET", "/api/group/notices"), ("POST", "/api/group/notices"),
    ("DELETE", "/api/group/notices/{pk}"), ("POST", "/api/group/notices/{pk}/read"), ("GET", "/api/group/notices/latest"),
]
IM_ROUTES = [
    ("POST", "/group/create"), ("GET", "/group/info"), ("POST", "/group/info/batch"), ("PUT", "/group/info/name"),
    ("PUT", "/group/info/ext"), ("GET", "/group/member_list"), ("POST", "/group/members/display_name"), ("PUT", "/group/display_name"),
    ("GET", "/group/user_joined"), ("DELETE", "/group/kick"), ("PUT", "/group/transfer"), ("POST", "/group/apply"),
    ("PUT", "/group/apply/handle"), ("POST", "/group/application_list"), ("POST", "/group/invite"), ("PUT", "/group/invite/handle"),
    ("GET", "/group/invitation_list"), ("GET", "/group/qrcode/sign"), ("POST", "/group/qrcode/invite"), ("POST", "/group/block"),
    ("DELETE", "/group/unblock"), ("GET", "/group/blocked_list"), ("PUT", "/group/msg/mute_mode"), ("PUT", "/group/msg/push_mode"),
    ("POST", "/group/admin/add"), ("DELETE", "/group/admin/remove"), ("GET", "/group/admin_list"), ("POST", "/group/ban"),
    ("POST", "/group/unban"), ("GET", "/group/banned_list"), ("POST", "/group/settings/ban_all"), ("POST", "/group/settings/unban_all"),
    ("GET", "/group/settings"), ("PUT", "/group/settings/history_visible"), ("PUT", "/group/settings/require_admin_approval"),
    ("GET", "/group/public_list"), ("GET", "/group/announcement"), ("POST", "/group/announcement/delete"),
    ("POST", "/group/announcement/edit"), ("GET", "/group/announcement/last"), ("GET", "/group/announcement/list"),
    ("GET", "/group/file"), ("POST", "/group/file/delete"), ("GET", "/group/file/list"), ("PUT", "/group/file/update_name"),
    ("POST", "/group/file/upload"), ("DELETE", "/group/leave"), ("DELETE", "/group/destroy"),
]
BIG = 2**63 - 1
TEXT_FIELDS = ("name", "avatar", "describe", "description", "value", "reason", "remark", "from", "title", "content",
               "image", "nickname", "bgd", "background", "url", "type", "qr_info", "pay_pass")
ID_FIELDS = ("group_id", "user_id", "new_owner", "read_id", "id", "pid", "file_id", "announcement_id", "status",
             "duration", "size", "msg_top", "msg_mute_mode", "msg_push_mode", "apply_approval", "image_width")
LIST_FIELDS = ("members", "friends", "users", "user_ids", "groups", "group_ids", "user_list", "group_list", "file_list")


class TestNeverA500:
    """Every documented route, called with what a careless client sends (nothing, the largest
    64-bit numbers, NUL in every text), answers a 4xx in its dialect's envelope."""

    def test_every_route_answers_4xx_in_its_envelope(self, api):
        owner, member = api.user(), api.user()
        group = api.community_group(owner, [member])
        ids = {"pk": group["id"], "groupid": api.groupid_of(owner, group["id"]), "user": member.id}
        im_id = int(ids["groupid"])
        bodies = [
            {},
            {**dict.fromkeys(ID_FIELDS, BIG), **{f: [BIG] for f in LIST_FIELDS}, **dict.fromkeys(TEXT_FIELDS, "a\x00b")},
            {**{f: [member.id] for f in LIST_FIELDS}, **dict.fromkeys(TEXT_FIELDS, "a\x00b"), "group_id": im_id,
             "group_list": [im_id], "size": 1, "duration": 1, "user_id": member.id, "status": 1, "pid": 1},
        ]
        query = {"group_id": im_id, "type": "group", "announcement_id": BIG, "file_id": BIG, "limit": 1,
                 "cursor": "bTo5OTk5OTk5OTk5OTk5OTk5OTk5OTk5"}
        for method, path in COMMUNITY_ROUTES + IM_ROUTES:
            url = path.format(**ids)
            for body in bodies:
                if url.startswith("/api/") or url.startswith("/group/manage"):
                    reply = api.request(method, url, headers=owner.bearer, json=body, params=query)
                    failed = reply.status_code >= 400
                    assert reply.status_code < 500, (method, url, body, reply.text)
                    if failed:
                        assert set(reply.json()) == {"msg", "code", "data"}, (method, url, reply.text)
                else:
                    reply = member.im(method, url, body, params=query)
                    assert reply.status_code < 500, (method, url, body, reply.text)
                    if reply.status_code >= 400:
                        assert set(reply.json()) == {"code", "data", "message"}, (method, url, reply.text)
