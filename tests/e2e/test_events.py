"""Change events end to end (issue 18): every write records its event in its own transaction,
EventService Watch/ListEvents/GetCursor on the gRPC port, the audit log with the
x-audit-log-reason header through Envoy, an expired cursor, and (PostgreSQL, two server
processes) a commit held open while later ones publish."""

import threading
import time

import grpc
import psycopg2
import pytest
from google.api import annotations_pb2
from google.rpc import error_details_pb2, status_pb2

from groupkit.event.v1 import event_service_pb2 as ev
from groupkit.event.v1 import event_service_pb2_grpc as ev_grpc
from groupkit.internal.v1 import audit_log_service_pb2 as audit_pb
from groupkit.internal.v1 import audit_log_service_pb2_grpc as audit_grpc
from groupkit.internal.v1 import grades_admin_service_pb2 as grades_pb
from groupkit.internal.v1 import user_admin_service_pb2 as user_pb
from groupkit.internal.v1.grades_admin_service_pb2_grpc import GradesAdminServiceStub
from groupkit.internal.v1.user_admin_service_pb2_grpc import UserAdminServiceStub
from server.api.app import SERVICES
from server.services.event_types import EVENT_TYPES
from tests.support.circles_setup import CircleAdmin, P, create_circle, delete, put
from tests.support.client import Api
from tests.support.exits_setup import membership_ids, put_in_community
from tests.support.processes import running_stack

_channels: dict[tuple, grpc.Channel] = {}


def _channel(stack, offset=0):
    """One channel per server port for the module (a channel's setup costs more than a call)."""
    key = (str(stack.data_dir), stack.grpc_port + offset)
    if key not in _channels:
        _channels[key] = grpc.insecure_channel(f"127.0.0.1:{key[1]}")
    return _channels[key]


def _admin(api):
    return [("authorization", f"Bearer {api.token(1, admin=True)}")]


def _events_since(api, after_seq, types=(), group_ids=(), timeout=5.0, until=bool):
    """Every event after after_seq, waiting up to timeout for until(events) (at least one)."""
    stub = ev_grpc.EventServiceStub(_channel(api.stack))
    deadline = time.monotonic() + timeout
    while True:
        reply = stub.ListEvents(ev.ListEventsRequest(after_seq=after_seq, page_size=1000, types=types,
                                                     group_ids=group_ids), metadata=_admin(api))
        if until(list(reply.events)) or time.monotonic() > deadline:
            return list(reply.events)
        time.sleep(0.02)


def _cursor(api) -> int:
    return ev_grpc.EventServiceStub(_channel(api.stack)).GetCursor(ev.GetCursorRequest(), metadata=_admin(api)).seq


# ---- the sweep: every state-changing RPC records an event ----

READS = {  # RPCs that change nothing though not bound to GET (or not bound at all)
    "BatchGetImGroupInfo", "ListImApplications", "BatchGetImDisplayNames", "GetWallet", "Watch", "GetCursor",
    "ListEvents", "ListAuditEntries",
}


def state_changing_rpcs() -> set[str]:
    """From the descriptors: every RPC of every served service whose REST binding is not a GET,
    and every internal RPC, minus READS and the List*/Get* of internal services."""
    found = set()
    for service in SERVICES:
        for method in service.methods:
            rule = method.GetOptions().Extensions[annotations_pb2.http]
            verb = rule.WhichOneof("pattern")
            if verb == "get" or method.name in READS:
                continue
            if verb is None and method.name.startswith(("List", "Get")):
                continue
            found.add(method.name)
    return found


def _im_group(api, owner, members):
    return int(api.im_group(owner, members)["group_id"])


def _ok(reply):
    assert reply.status_code in (200, 201, 204), reply.text
    return reply


class Sweep:
    """One successful call per RPC, each returning the event type it must record."""

    def __init__(self, api):
        self.api = api
        self.owner, self.a, self.b, self.c = (api.user() for _ in range(4))
        self.gid = _im_group(api, self.owner, [self.a, self.b, self.c])

    def im(self, user, method, path, body):
        return _ok(user.im(method, path, body))

    def CreateImGroup(self):
        _im_group(self.api, self.owner, [self.a])
        return "group.created"

    def CreateGroup(self):
        self.api.community_group(self.owner, [self.a])
        return "group.created"

    def UpdateImGroupName(self):
        self.im(self.owner, "PUT", "/group/info/name", {"group_id": self.gid, "value": "新名字"})
        return "group.updated"

    def UpdateImGroupAvatar(self):
        self.im(self.owner, "PUT", "/group/info/avatar", {"group_id": self.gid, "value": "a.png"})
        return "group.updated"

    def UpdateImGroupDescription(self):
        self.im(self.owner, "PUT", "/group/info/description", {"group_id": self.gid, "value": "d"})
        return "group.updated"

    def UpdateImGroupExt(self):
        self.im(self.owner, "PUT", "/group/info/ext", {"group_id": self.gid, "value": "x"})
        return "group.updated"

    def UpdateImGroupMemberInvitation(self):
        self.im(self.owner, "PUT", "/group/settings/allow_member_invitation", {"group_id": self.gid, "value": True})
        return "group.updated"

    def UpdateImGroupMemberModify(self):
        self.im(self.owner, "PUT", "/group/settings/allow_member_modify", {"group_id": self.gid, "value": True})
        return "group.updated"

    def UpdateImGroupReadAck(self):
        self.im(self.owner, "PUT", "/group/settings/enable_read_ack", {"group_id": self.gid, "value": True})
        return "group.updated"

    def UpdateImGroupHistoryVisible(self):
        self.im(self.owner, "PUT", "/group/settings/history_visible", {"group_id": self.gid, "value": True})
        return "group.updated"

    def UpdateImGroupHideMemberInfo(self):
        self.im(self.owner, "PUT", "/group/settings/hide_member_info", {"group_id": self.gid, "value": True})
        return "group.updated"

    def UpdateImGroupApplyApproval(self):
        self.im(self.owner, "PUT", "/group/settings/require_admin_approval", {"group_id": self.gid, "apply_approval": 1})
        return "group.updated"

    def AddImGroupAdmins(self):
        self.im(self.owner, "POST", "/group/admin/add", {"group_id": self.gid, "user_list": [self.a.id]})
        return "group.admin.added"

    def RemoveImGroupAdmins(self):
        self.im(self.owner, "POST", "/group/admin/add", {"group_id": self.gid, "user_list": [self.b.id]})
        self.im(self.owner, "DELETE", "/group/admin/remove", {"group_id": self.gid, "user_list": [self.b.id]})
        return "group.admin.removed"

    def BanImGroupMembers(self):
        self.im(self.owner, "POST", "/group/ban", {"group_id": self.gid, "user_list": [self.c.id], "duration": 10})
        return "group.member.muted"

    def UnbanImGroupMembers(self):
        self.im(self.owner, "POST", "/group/unban", {"group_id": self.gid, "user_list": [self.c.id]})
        return "group.member.muted"

    def BanAllImGroupMembers(self):
        self.im(self.owner, "POST", "/group/settings/ban_all", {"group_id": self.gid, "duration": 10})
        return "group.mute_all.updated"

    def UnbanAllImGroupMembers(self):
        self.im(self.owner, "POST", "/group/settings/unban_all", {"group_id": self.gid})
        return "group.mute_all.updated"

    def SetImDisplayName(self):
        self.im(self.a, "PUT", "/group/display_name", {"group_id": self.gid, "value": "小a"})
        return "group.member.settings_updated"

    def SetImMsgMuteMode(self):
        self.im(self.a, "PUT", "/group/msg/mute_mode", {"group_id": self.gid, "msg_mute_mode": 1})
        return "group.member.settings_updated"

    def SetImMsgPushMode(self):
        self.im(self.a, "PUT", "/group/msg/push_mode", {"group_id": self.gid, "msg_push_mode": 1})
        return "group.member.settings_updated"

    def EditImAnnouncement(self):
        self.im(self.owner, "POST", "/group/announcement/edit", {"group_id": self.gid, "title": "t", "content": "c"})
        return "group.notice.published"

    def DeleteImAnnouncement(self):
        reply = self.im(self.owner, "POST", "/group/announcement/edit",
                        {"group_id": self.gid, "title": "t", "content": "c"})
        notice_id = int(reply.json()["data"]["id"])
        self.im(self.owner, "DELETE", "/group/announcement/delete", {"group_id": self.gid, "announcement_id": notice_id})
        return "group.notice.deleted"

    def UploadImGroupFile(self):
        self.im(self.a, "POST", "/group/file/upload",
                {"group_id": self.gid, "name": "r.pdf", "size": 3, "url": "https://f.example.com/r.pdf"})
        return "group.file.uploaded"

    def _file(self):
        reply = self.im(self.a, "POST", "/group/file/upload",
                        {"group_id": self.gid, "name": "s.pdf", "size": 3, "url": "https://f.example.com/s.pdf"})
        return int(reply.json()["data"]["file_id"])

    def RenameImGroupFile(self):
        self.im(self.a, "PUT", "/group/file/update_name", {"group_id": self.gid, "file_id": self._file(), "name": "n.pdf"})
        return "group.file.renamed"

    def DeleteImGroupFiles(self):
        self.im(self.owner, "DELETE", "/group/file/delete", {"group_id": self.gid, "file_list": [self._file()]})
        return "group.file.deleted"

    def KickImMembers(self):
        d = self.api.user()
        gid = _im_group(self.api, self.owner, [d])
        self.im(self.owner, "DELETE", "/group/kick", {"group_id": gid, "user_list": [d.id]})
        return "group.member.kicked"

    def LeaveImGroup(self):
        d = self.api.user()
        gid = _im_group(self.api, self.owner, [d])
        self.im(d, "DELETE", "/group/leave", {"group_id": gid})
        return "group.member.left"

    def TransferImGroup(self):
        gid = _im_group(self.api, self.owner, [self.a])
        self.im(self.owner, "PUT", "/group/transfer", {"group_id": gid, "new_owner": self.a.id})
        return "group.owner.transferred"

    def DestroyImGroup(self):
        gid = _im_group(self.api, self.owner, [self.a])
        self.im(self.owner, "DELETE", "/group/destroy", {"group_id": gid})
        return "group.dismissed"

    def ApplyImGroup(self):
        d = self.api.user()
        self.im(d, "POST", "/group/apply", {"group_id": self.gid, "reason": "hi"})
        return "group.member.*"

    def InviteImMembers(self):
        d = self.api.user()
        self.im(self.owner, "POST", "/group/invite", {"group_id": self.gid, "user_list": [d.id], "reason": "r"})
        return "group.invitation.created"

    def HandleImInvitation(self):
        d = self.api.user()
        self.im(self.owner, "POST", "/group/invite", {"group_id": self.gid, "user_list": [d.id], "reason": "r"})
        self.im(d, "PUT", "/group/invite/handle", {"group_id": self.gid, "user_id": self.owner.id, "approval": True})
        return "group.invitation.decided"

    def BlockImMembers(self):
        d = self.api.user()
        self.im(self.owner, "POST", "/group/block", {"group_id": self.gid, "user_list": [d.id]})
        return "group.member.blocked"

    def UnblockImMembers(self):
        d = self.api.user()
        self.im(self.owner, "POST", "/group/block", {"group_id": self.gid, "user_list": [d.id]})
        self.im(self.owner, "DELETE", "/group/unblock", {"group_id": self.gid, "user_list": [d.id]})
        return "group.member.unblocked"


class CommunitySweep(Sweep):
    """The community dialect, notices, the circles and the internal admin services."""

    def __init__(self, api):
        super().__init__(api)
        self.group = api.community_group(self.owner, [self.a, self.b, self.c])
        self.pk = self.group["id"]
        self.groupid = int(api.groupid_of(self.owner, self.pk))
        self.ids = membership_ids(self.owner, self.pk)
        self.circles = CircleAdmin(api)
        self.category, self.tag = self.circles.category(), self.circles.tag()

    def post(self, user, path, body=None):
        return _ok(user.post(path, body or {}))

    def patch(self, user, path, body):
        return _ok(user.patch(path, body))

    def UpdateGroup(self):
        self.patch(self.owner, f"/api/groups/{self.pk}", {"name": "改名"})
        return "group.updated"

    def SetGroupBackground(self):
        self.patch(self.owner, f"/api/groups/{self.pk}/background", {"background": "bg.png"})
        return "group.updated"

    def SetMemberNickname(self):
        self.patch(self.a, f"/api/members/{self.ids[self.a.id]}/nickname", {"nickname": "阿"})
        return "group.member.settings_updated"

    def SetMemberChatBackground(self):
        self.patch(self.a, f"/api/members/{self.ids[self.a.id]}/chat-bgd", {"bgd": "b.png"})
        return "group.member.settings_updated"

    def SetMemberChatSetting(self):
        self.patch(self.a, f"/api/members/{self.a.id}/chat-setting", {"group_id": self.groupid, "msg_top": 1})
        return "group.member.settings_updated"

    def _group(self, *members):
        return self.api.community_group(self.owner, list(members))["id"]

    def RemoveMembers(self):
        d = self.api.user()
        pk = self._group(d)
        self.post(self.owner, "/api/members/remove", {"group_id": pk, "members": [membership_ids(self.owner, pk)[d.id]]})
        return "group.member.kicked"

    def QuitGroup(self):
        d = self.api.user()
        pk = self._group(d)
        self.post(d, f"/api/members/{membership_ids(self.owner, pk)[d.id]}/quit")
        return "group.member.left"

    def TransferGroup(self):
        pk = self._group(self.a)
        self.post(self.owner, f"/api/groups/{pk}/transfer", {"user_id": self.a.id})
        return "group.owner.transferred"

    def DismissGroup(self):
        pk = self._group()
        _ok(self.api.request("DELETE", f"/api/groups/{pk}", headers=self.owner.bearer))
        return "group.dismissed"

    def QuitCommunity(self):
        community = self.api.community_group(self.owner, [], kind="community")["id"]
        pk = self._group()
        put_in_community(self.api, community, pk)
        _ok(self.api.request("DELETE", f"/api/groups/{community}/quit", headers=self.owner.bearer, json={"groups": [pk]}))
        return "group.community.left"

    def InviteToGroup(self):
        self.post(self.owner, "/api/invite/group", {"group_id": self.pk, "friends": [self.api.user().id]})
        return "group.member.joined"

    def JoinGroup(self):
        self.post(self.api.user(), f"/api/groups/{self.pk}/join", {})
        return "group.member.joined"

    def _approval_group(self):
        pk = self._group()
        groupid = int(self.api.groupid_of(self.owner, pk))
        _ok(self.owner.im("PUT", "/group/settings/require_admin_approval", {"group_id": groupid, "apply_approval": 1}))
        applicant = self.api.user()
        self.post(applicant, f"/api/groups/{pk}/join", {"remark": "让我进"})
        return groupid, applicant

    def AuditJoinRequest(self):
        groupid, _ = self._approval_group()
        [application] = self.owner.im("POST", "/group/application_list", {"group_list": [groupid]}).json()["data"]
        self.post(self.owner, "/api/group/join/audit", {"status": 1, "read_id": application["read_id"]})
        return "group.application.decided"

    def HandleImApplication(self):
        groupid, applicant = self._approval_group()
        self.im(self.owner, "PUT", "/group/apply/handle", {"group_id": groupid, "user_id": applicant.id, "approval": False})
        return "group.application.decided"

    def JoinImGroupByQrCode(self):
        signed = _ok(self.a.im("GET", "/group/qrcode/sign", params={"group_id": self.gid})).json()["data"]
        self.im(self.api.user(), "POST", "/group/qrcode/invite", {"qr_info": signed["qr_info"]})
        return "group.member.joined"

    def AddGroupAdmins(self):
        self.post(self.owner, "/api/groups/admins", {"group_id": self.pk, "users": [self.b.id]})
        return "group.admin.added"

    def RemoveGroupAdmin(self):
        self.post(self.owner, "/api/groups/admins", {"group_id": self.pk, "users": [self.c.id]})
        _ok(self.api.request("DELETE", "/api/groups/admins", headers=self.owner.bearer,
                             json={"group_id": self.pk, "user_id": self.c.id}))
        return "group.admin.removed"

    def ToggleGroupSilence(self):
        self.post(self.owner, f"/api/group/total/silence/{self.pk}", {})
        return "group.mute_all.updated"

    def SilenceGroupMembers(self):
        self.post(self.owner, f"/api/group/part/silence/{self.pk}", {"user_ids": [self.a.id]})
        return "group.member.muted"

    def UnsilenceGroupMember(self):
        _ok(self.api.request("DELETE", f"/api/group/part/silence/{self.pk}", headers=self.owner.bearer,
                             json={"user_id": self.a.id}))
        return "group.member.muted"

    def SetGroupManageItem(self):
        self.post(self.owner, "/group/manage/4", {"group_id": self.pk, "pid": 1})
        return "group.updated"

    def UpgradeGroup(self):
        grades = GradesAdminServiceStub(_channel(self.api.stack))
        grades.SetPayPassword(grades_pb.SetPayPasswordRequest(user_id=self.owner.id, pay_pass="135790"),
                              metadata=_admin(self.api))
        grades.CreditWallet(grades_pb.CreditWalletRequest(user_id=self.owner.id, amount=10**7, reason="充值"),
                            metadata=_admin(self.api))
        rules = _ok(self.owner.get("/api/group/upgrade/rule")).json()["data"]["rules"]
        rule = min((r for r in rules if r["level"] > 1), key=lambda r: r["level"])
        self.post(self.owner, f"/api/group/{self.pk}/upgrade", {"id": rule["id"], "pay_pass": "135790"})
        return "group.upgraded"

    def CreateNotice(self):
        self.post(self.owner, "/api/group/notices", {"group_id": self.groupid, "title": "t", "content": "c"})
        return "group.notice.published"

    def _notice(self):
        reply = self.post(self.owner, "/api/group/notices", {"group_id": self.groupid, "title": "t", "content": "c"})
        return reply.json()["data"]["id"]

    def DeleteNotice(self):
        _ok(self.api.request("DELETE", f"/api/group/notices/{self._notice()}", headers=self.owner.bearer))
        return "group.notice.deleted"

    def ReadNotice(self):
        self.post(self.a, f"/api/group/notices/{self._notice()}/read")
        return "group.notice.read"

    # internal admin services (gRPC, admin token)

    def UpsertUser(self):
        UserAdminServiceStub(_channel(self.api.stack)).UpsertUser(
            user_pb.UpsertUserRequest(user_id=self.a.id, name="新名"), metadata=_admin(self.api))
        return "user.profile.updated"

    def UpsertUpgradeRule(self):
        # The app's highest rule again, unchanged: the stack is shared with the grades tests.
        rule = max(_ok(self.owner.get("/api/group/upgrade/rule")).json()["data"]["rules"], key=lambda r: r["level"])
        GradesAdminServiceStub(_channel(self.api.stack)).UpsertUpgradeRule(
            grades_pb.UpsertUpgradeRuleRequest(level=rule["level"], max_members=rule["max_members"],
                                               max_admins=rule["max_admins"], price=rule["price"]),
            metadata=_admin(self.api))
        return "grades.updated"

    def SetUpgradeDescriptions(self):
        desc = _ok(self.owner.get("/api/group/upgrade/rule")).json()["data"]["desc"]  # kept as they are
        GradesAdminServiceStub(_channel(self.api.stack)).SetUpgradeDescriptions(
            grades_pb.SetUpgradeDescriptionsRequest(**desc), metadata=_admin(self.api))
        return "grades.updated"

    def CreditWallet(self):
        GradesAdminServiceStub(_channel(self.api.stack)).CreditWallet(
            grades_pb.CreditWalletRequest(user_id=self.a.id, amount=5, reason="r"), metadata=_admin(self.api))
        return "user.account.updated"

    def SetPayPassword(self):
        GradesAdminServiceStub(_channel(self.api.stack)).SetPayPassword(
            grades_pb.SetPayPasswordRequest(user_id=self.a.id, pay_pass="246802"), metadata=_admin(self.api))
        return "user.account.updated"

    def SetUserStats(self):
        GradesAdminServiceStub(_channel(self.api.stack)).SetUserStats(
            grades_pb.SetUserStatsRequest(user_id=self.a.id, invites=3), metadata=_admin(self.api))
        return "user.account.updated"

    # circles

    def _circle(self, **fields):
        return create_circle(self.owner, self.category, self.tag, **fields)["id"]

    def CreateCircle(self):
        self._circle()
        return "circle.created"

    def UpdateCircle(self):
        _ok(self.owner.post(f"{P}/groups/{self._circle()}", {"summary": "新的简介"}))
        return "circle.updated"

    def JoinCircle(self):
        _ok(put(self.a, f"{P}/groups/{self._circle()}"))
        return "circle.member.joined"

    def SetCirclePermissions(self):
        _ok(self.owner.patch(f"{P}/groups/{self._circle()}/permissions", {"permissions": ["member", "founder"]}))
        return "circle.permissions.updated"

    def ExitCircle(self):
        circle = self._circle()
        _ok(put(self.a, f"{P}/groups/{circle}"))
        _ok(delete(self.a, f"{P}/groups/{circle}/exit"))
        return "circle.member.left"

    def BindImGroup(self):
        _ok(put(self.owner, f"{P}/group/groups/{self._circle()}/bind-im-group", json={"id": str(self.gid)}))
        return "circle.im_group.bound"

    def _member_id(self, circle, user, kind="member"):
        listed = _ok(self.owner.get(f"{P}/groups/{circle}/members", params={"type": kind})).json()
        return next(m["id"] for m in listed if m["user_id"] == user.id)

    def AuditCircleMember(self):
        circle = self._circle(mode="private")
        _ok(put(self.a, f"{P}/groups/{circle}"))
        _ok(self.owner.patch(f"{P}/groups/{circle}/members/{self._member_id(circle, self.a, 'audit')}/audit",
                             {"status": 1}))
        return "circle.member.audited"

    def _joined(self, user):
        circle = self._circle()
        _ok(put(user, f"{P}/groups/{circle}"))
        return circle, self._member_id(circle, user)

    def AddCircleManager(self):
        circle, member = self._joined(self.a)
        _ok(put(self.owner, f"{P}/groups/{circle}/managers/{member}"))
        return "circle.manager.added"

    def RemoveCircleManager(self):
        circle, member = self._joined(self.a)
        _ok(put(self.owner, f"{P}/groups/{circle}/managers/{member}"))
        _ok(delete(self.owner, f"{P}/groups/{circle}/managers/{member}"))
        return "circle.manager.removed"

    def AddToCircleBlacklist(self):
        circle, member = self._joined(self.a)
        _ok(put(self.owner, f"{P}/groups/{circle}/blacklist/{member}"))  # {member}: a membership id
        return "circle.member.blacklisted"

    def RemoveFromCircleBlacklist(self):
        circle, member = self._joined(self.a)
        _ok(put(self.owner, f"{P}/groups/{circle}/blacklist/{member}"))
        _ok(delete(self.owner, f"{P}/groups/{circle}/blacklist/{member}"))
        return "circle.member.unblacklisted"

    def TransferCircle(self):
        circle, _ = self._joined(self.a)
        _ok(self.owner.patch(f"{P}/groups/{circle}/owner", {"target": self.a.id}))
        return "circle.owner.transferred"

    def RemoveCircleMember(self):
        circle, member = self._joined(self.a)
        _ok(delete(self.owner, f"{P}/groups/{circle}/members/{member}"))
        return "circle.member.removed"

    def UpsertCircleCategory(self):
        self.circles.category()
        return "circle.category.updated"

    def UpsertCircleTag(self):
        self.circles.tag()
        return "circle.tag.updated"

    def SetCircleRecommendation(self):
        self.circles.recommend(self._circle())
        return "circle.recommendation.updated"

    def SetCircleProtocol(self):
        self.circles.protocol(_ok(self.api.request("GET", f"{P}/groups/protocol")).json()["protocol"])  # as it is
        return "circle.protocol.updated"

    def ReviewCircle(self):
        self.circles.review(self._circle(), 3)
        return "circle.reviewed"


# WebhookAdminService configures delivery (endpoints, secrets, veto callbacks) and changes none of
# the four services' state: its writes are audit entries through record_audit
# (tests/e2e/test_webhooks.py), not events.
AUDITED_ONLY = {
    "CreateWebhookEndpoint", "UpdateWebhookEndpoint", "DeleteWebhookEndpoint", "RotateWebhookSecret",
    "RedeliverWebhook", "PutCallback", "DeleteCallback",
}


def _swept() -> set[str]:
    return {name for cls in (Sweep, CommunitySweep) for name in vars(cls) if name[0].isupper()}


def test_every_state_changing_rpc_is_swept():
    """A new write RPC fails here until the sweep calls it (and so checks its event)."""
    assert state_changing_rpcs() - _swept() - AUDITED_ONLY == set(), "a new write RPC: add a call to the sweep"
    assert _swept() - state_changing_rpcs() == set()


def test_every_event_type_is_dotted_and_listed_once():
    assert len(EVENT_TYPES) == len(set(EVENT_TYPES)) > 40
    assert all(t.count(".") >= 1 and t == t.lower() for t in EVENT_TYPES)


def test_each_swept_rpc_records_its_event_in_the_outbox(api):
    sweep = CommunitySweep(api)
    missing = []
    cursor = _cursor(api)
    for name in sorted(_swept()):
        expected = getattr(sweep, name)()

        def expected_in(events, expected=expected):
            return any(e.type == expected or expected.endswith("*") and e.type.startswith(expected[:-1]) for e in events)

        found = _events_since(api, cursor, until=expected_in)  # this call's events (and its setup's)
        if not expected_in(found):
            missing.append((name, expected))
        assert all(e.type in EVENT_TYPES for e in found)
        cursor = max([cursor, *(e.seq for e in found)])
    assert missing == []


# ---- the envelope, ListEvents, Watch and resume ----


def test_envelope_versions_and_filters(api):
    owner, member = api.user(), api.user()
    before = _cursor(api)
    gid = _im_group(api, owner, [member])
    _ok(owner.im("PUT", "/group/info/name", {"group_id": gid, "value": "v2"}))
    found = _events_since(api, before, until=lambda events: len([e for e in events if e.data["im_group_id"] == gid]) >= 3)
    mine = [e for e in found if e.data["im_group_id"] == gid]
    assert [e.type for e in mine] == ["group.created", "group.member.joined", "group.updated"]
    assert [e.version for e in mine] == [1, 2, 3]
    assert all(e.id.startswith("evt_") and len(e.id) == 30 for e in mine)
    assert [e.seq for e in found] == sorted(e.seq for e in found)
    assert mine[0].actor == f"user:{owner.id}" and mine[0].request_id
    updated = mine[2]
    assert updated.data["changes"][0]["key"] == "name" and updated.data["changes"][0]["new"] == "v2"
    only = _events_since(api, before, types=["group.member.*"], group_ids=[mine[0].group_id])
    assert [e.type for e in only] == ["group.member.joined"]


def test_watch_streams_new_events_and_resumes_from_a_cursor(api):
    owner = api.user()
    stub = ev_grpc.EventServiceStub(_channel(api.stack))
    start = _cursor(api)
    stream = stub.Watch(ev.WatchRequest(after_seq=start, types=["group.created"]), metadata=_admin(api), timeout=20)
    received = []

    def consume():
        for frame in stream:
            received.extend(frame.events)
            if len(received) >= 2:
                return

    reader = threading.Thread(target=consume)
    reader.start()
    time.sleep(0.3)
    started = time.monotonic()
    first = _im_group(api, owner, [])
    second = _im_group(api, owner, [])
    reader.join(10)
    stream.cancel()
    assert [int(e.data["im_group_id"]) for e in received] == [first, second]
    assert time.monotonic() - started < 5
    # A consumer restarting with the first event's seq gets the second (and nothing before it).
    resumed = stub.Watch(ev.WatchRequest(after_seq=received[0].seq, types=["group.created"]), metadata=_admin(api),
                         timeout=10)
    frame = next(iter(resumed))
    resumed.cancel()
    assert frame.events[0].id == received[1].id


def test_event_service_needs_an_admin_token(api):
    user = api.user()
    stub = ev_grpc.EventServiceStub(_channel(api.stack))
    with pytest.raises(grpc.RpcError) as caught:
        stub.GetCursor(ev.GetCursorRequest(), metadata=[("authorization", f"Bearer {user.token}")])
    assert caught.value.code() == grpc.StatusCode.PERMISSION_DENIED


# ---- the audit log ----


def test_audit_entries_carry_the_reason_header_through_envoy(api):
    owner, member, admin = api.user(), api.user(), api.user()
    gid = _im_group(api, owner, [member, admin])
    _ok(owner.im("POST", "/group/admin/add", {"group_id": gid, "user_list": [admin.id]}))
    reason = "刷屏 spam%20links"
    _ok(owner.im("DELETE", "/group/kick", {"group_id": gid, "user_list": [member.id]},
                 headers={"x-audit-log-reason": reason.encode().decode("latin-1")}))
    stub = audit_grpc.AuditLogServiceStub(_channel(api.stack))
    as_admin = stub.ListAuditEntries(audit_pb.ListAuditEntriesRequest(group_id=gid, limit=10), metadata=_admin(api))
    kicked = [e for e in as_admin.entries if e.action == "group.member.kicked"]
    assert len(kicked) == 1 and kicked[0].reason == "刷屏 spam links" and kicked[0].actor == f"user:{owner.id}"
    assert kicked[0].target == f"user:{member.id}" and kicked[0].request_id
    assert [e.action for e in as_admin.entries][:2] == ["group.member.kicked", "group.admin.added"]
    # The group's admin reads its log; a member may not, nor may anyone read the whole app's.
    as_group_admin = stub.ListAuditEntries(audit_pb.ListAuditEntriesRequest(group_id=gid),
                                           metadata=[("authorization", f"Bearer {admin.token}")])
    assert [e.id for e in as_group_admin.entries] == [e.id for e in as_admin.entries]
    for request in (audit_pb.ListAuditEntriesRequest(group_id=gid), audit_pb.ListAuditEntriesRequest()):
        with pytest.raises(grpc.RpcError) as caught:
            stub.ListAuditEntries(request, metadata=[("authorization", f"Bearer {member.token}")])
        assert caught.value.code() == grpc.StatusCode.PERMISSION_DENIED
    # Cursors: after the oldest, oldest first; before the newest, newest first.
    oldest = as_admin.entries[-1].id
    after = stub.ListAuditEntries(audit_pb.ListAuditEntriesRequest(group_id=gid, after=oldest), metadata=_admin(api))
    assert [e.id for e in after.entries] == sorted(e.id for e in as_admin.entries if e.id > oldest)
    with pytest.raises(grpc.RpcError) as caught:
        stub.ListAuditEntries(audit_pb.ListAuditEntriesRequest(limit=101), metadata=_admin(api))
    assert caught.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    # Self-leave is an event, not an audit entry.
    _ok(admin.im("DELETE", "/group/leave", {"group_id": gid}))
    again = stub.ListAuditEntries(audit_pb.ListAuditEntriesRequest(group_id=gid), metadata=_admin(api))
    assert "group.member.left" not in [e.action for e in again.entries]


def test_a_reason_over_512_characters_is_refused(api):
    owner = api.user()
    gid = _im_group(api, owner, [])
    reply = owner.im("PUT", "/group/info/name", {"group_id": gid, "value": "x"}, headers={"x-audit-log-reason": "r" * 513})
    assert reply.status_code == 400, reply.text


# ---- retention: an expired cursor ----


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def short_retention(request):
    # 0.00003 days = 2.6 s; retention runs every 0.5 s.
    with running_stack(request.param, {"EVENT_RETENTION_DAYS": "0.00003"}) as stack:
        yield Api(stack)


def test_an_expired_cursor_is_out_of_range_with_the_oldest_seq(short_retention):
    api = short_retention
    owner = api.user()
    _im_group(api, owner, [])
    time.sleep(4)
    _im_group(api, owner, [])
    stub = ev_grpc.EventServiceStub(_channel(api.stack))
    cursor = stub.GetCursor(ev.GetCursorRequest(), metadata=_admin(api))
    assert cursor.oldest_seq > 1
    for call in (lambda: stub.ListEvents(ev.ListEventsRequest(after_seq=0), metadata=_admin(api)),
                 lambda: next(iter(stub.Watch(ev.WatchRequest(after_seq=0), metadata=_admin(api), timeout=5)))):
        with pytest.raises(grpc.RpcError) as caught:
            call()
        assert caught.value.code() == grpc.StatusCode.OUT_OF_RANGE
        status = status_pb2.Status.FromString(dict(caught.value.trailing_metadata())["grpc-status-details-bin"])
        info = error_details_pb2.ErrorInfo()
        status.details[0].Unpack(info)
        assert info.metadata["oldest_seq"] == str(cursor.oldest_seq)
    kept = stub.ListEvents(ev.ListEventsRequest(after_seq=cursor.oldest_seq - 1), metadata=_admin(api))
    assert kept.events[0].seq == cursor.oldest_seq


# ---- PostgreSQL: a commit held open while later ones publish ----


def test_a_commit_held_open_is_not_skipped_by_a_watcher():
    with running_stack("postgresql", {"SERVER_PROCESSES": "2"}) as stack:
        api = Api(stack)
        owner = api.user()
        stub = ev_grpc.EventServiceStub(_channel(stack, 0))
        start = _cursor(api)
        frames = stub.Watch(ev.WatchRequest(after_seq=start), metadata=_admin(api), timeout=30)
        seen = []

        def consume():
            try:
                for frame in frames:
                    seen.extend(frame.events)
            except grpc.RpcError as error:
                assert error.code() == grpc.StatusCode.CANCELLED

        reader = threading.Thread(target=consume, daemon=True)
        reader.start()
        # A writer that inserted its outbox row (its id taken) and has not committed.
        held = psycopg2.connect(stack.database_url)
        cur = held.cursor()
        cur.execute(
            'INSERT INTO "event" ("event_id", "app", "type", "occurred_at", "version", "actor", "target", "reason", '
            '"request_id", "data") VALUES (%s, %s, %s, %s, 0, %s, %s, %s, %s, %s) RETURNING "id"',
            ("evt_HELD0000000000000000000000", "default", "group.updated", int(time.time() * 1000), "system",
             "app", "", "", "{}"),
        )
        held_id = cur.fetchone()[0]
        # Later writes (Envoy spreads them over both server processes) commit and are published.
        groups = [_im_group(api, owner, []) for _ in range(3)]
        deadline = time.monotonic() + 10
        while len([e for e in seen if e.type == "group.created"]) < 3 and time.monotonic() < deadline:
            time.sleep(0.05)
        later_ids = _ids_of(stack, groups)
        assert min(later_ids) > held_id  # the held row's id is lower: BIGSERIAL order would skip it
        held.commit()
        held.close()
        deadline = time.monotonic() + 10
        while "evt_HELD0000000000000000000000" not in [e.id for e in seen] and time.monotonic() < deadline:
            time.sleep(0.05)
        frames.cancel()
        ids = [e.id for e in seen]
        assert "evt_HELD0000000000000000000000" in ids
        seqs = [e.seq for e in seen]
        assert seqs == list(range(start + 1, start + 1 + len(seqs)))  # no gap, no repeat
        held_seq = next(e.seq for e in seen if e.id == "evt_HELD0000000000000000000000")
        assert held_seq > max(e.seq for e in seen if e.type == "group.created")  # published when it committed


def _ids_of(stack, im_ids):
    connection = psycopg2.connect(stack.database_url)
    try:
        cur = connection.cursor()
        cur.execute('SELECT "id" FROM "event" WHERE "type" = %s AND "data" LIKE ANY(%s)',
                    ("group.created", [f'%"im_group_id": {i}%' for i in im_ids]))
        return [r[0] for r in cur.fetchall()]
    finally:
        connection.close()
