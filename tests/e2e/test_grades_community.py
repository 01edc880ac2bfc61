"""Grades (document 000): upgrade rules, upgrading a group with the owner's wallet (all or
nothing), the group creation conditions, and the internal GradesAdminService behind them."""

import itertools

import grpc
import pytest

from groupkit.internal.v1 import grades_admin_service_pb2 as pb
from groupkit.internal.v1 import grades_admin_service_pb2_grpc
from tests.support.assertions import assert_community_error
from tests.support.documented import NULL_DATA
from tests.support.documented_grades import UPGRADE_RULES, assert_conditions_shape
from tests.support.shapes import assert_shape

DOCUMENTED_RULES = [(2, 1000, 10, "ore", 1000), (3, 1500, 15, "ore", 1500), (4, 2000, 20, "ore", 2000)]
PAY_PASS = "135790"
_apps = itertools.count(1)


class Admin:
    """GradesAdminService over gRPC with a user's token."""

    def __init__(self, stack, user):
        self._channel = grpc.insecure_channel(f"127.0.0.1:{stack.grpc_port}")
        self._stub = grades_admin_service_pb2_grpc.GradesAdminServiceStub(self._channel)
        self._auth = [("authorization", f"Bearer {user.token}")]

    def __getattr__(self, rpc):
        return lambda request: getattr(self._stub, rpc)(request, metadata=self._auth, timeout=10)

    def close(self):
        self._channel.close()


@pytest.fixture
def admin(api, stack):
    client = Admin(stack, api.user(admin=True))
    yield client
    client.close()


def fresh_app() -> str:
    return f"grades{next(_apps)}"


def rules_of(user, **params) -> dict:
    reply = user.get("/api/group/upgrade/rule", params=params)
    assert reply.status_code == 200, reply.text
    return reply.json()["data"]


def rule_id(user, level: int) -> int:
    return next(r["id"] for r in rules_of(user)["rules"] if r["level"] == level)


def capacity(user, groupid) -> int:
    return user.im("GET", "/group/info", params={"group_id": groupid}).json()["data"]["capacity"]


def balance(admin, user) -> int:
    return admin.GetWallet(pb.GetWalletRequest(user_id=user.id)).balance


def ledger(admin, user) -> list[int]:
    return [e.amount for e in admin.GetWallet(pb.GetWalletRequest(user_id=user.id)).entries]


class TestUpgradeRules:
    def test_lists_the_seeded_documented_rules_and_texts(self, api):
        reply = api.user().get("/api/group/upgrade/rule")
        assert reply.status_code == 200, reply.text
        body = reply.json()
        assert_shape(body, UPGRADE_RULES)
        assert (body["msg"], body["code"]) == ("ok", 0)
        rules = body["data"]["rules"]
        assert [(r["level"], r["max_members"], r["max_admins"], r["coin"], r["price"]) for r in rules] == DOCUMENTED_RULES
        assert len({r["id"] for r in rules}) == 3
        assert body["data"]["desc"] == {"upgrade_desc": "this is upgrade rule", "transfer_desc": "this is transfer rule"}

    def test_limit_and_offset(self, api):
        user = api.user()
        assert [r["level"] for r in rules_of(user, limit=1, offset=1)["rules"]] == [3]
        assert [r["level"] for r in rules_of(user, offset=2)["rules"]] == [4]
        assert rules_of(user, offset=3)["rules"] == []

    @pytest.mark.parametrize("params", [{"limit": 0}, {"limit": 101}, {"offset": -1}, {"limit": "x"}])
    def test_bad_paging_is_400(self, api, params):
        assert_community_error(api.user().get("/api/group/upgrade/rule", params=params), 400)

    def test_rules_and_texts_are_per_app_and_set_by_the_internal_service(self, api, admin_of_app):
        app = fresh_app()
        user, app_admin = api.user(app=app), admin_of_app(app)
        assert rules_of(user) == {"rules": [], "desc": {"upgrade_desc": "", "transfer_desc": ""}}
        created = app_admin.UpsertUpgradeRule(pb.UpsertUpgradeRuleRequest(level=2, max_members=800, max_admins=8, price=300))
        assert created.created is True
        again = app_admin.UpsertUpgradeRule(pb.UpsertUpgradeRuleRequest(level=2, max_members=900, max_admins=9, price=400))
        assert (again.id, again.created) == (created.id, False)
        app_admin.SetUpgradeDescriptions(pb.SetUpgradeDescriptionsRequest(upgrade_desc="升级说明", transfer_desc="转让说明"))
        data = rules_of(user)
        assert data["rules"] == [{"id": created.id, "level": 2, "max_members": 900, "max_admins": 9, "coin": "ore", "price": 400}]
        assert data["desc"] == {"upgrade_desc": "升级说明", "transfer_desc": "转让说明"}
        assert [r["level"] for r in rules_of(api.user())["rules"]] == [2, 3, 4]  # the default app's are untouched

    def test_needs_a_token(self, api):
        assert_community_error(api.request("GET", "/api/group/upgrade/rule"), 401)


@pytest.fixture
def admin_of_app(api, stack):
    clients = []

    def make(app):
        clients.append(Admin(stack, api.user(app=app, admin=True)))
        return clients[-1]

    yield make
    for client in clients:
        client.close()


@pytest.fixture
def paying_owner(api, admin):
    """An owner with a pay password and 2500 ore, a member, and their group (level 1)."""
    owner, member = api.user(), api.user()
    admin.SetPayPassword(pb.SetPayPasswordRequest(user_id=owner.id, pay_pass=PAY_PASS))
    admin.CreditWallet(pb.CreditWalletRequest(user_id=owner.id, amount=2500, reason="充值"))
    group = api.community_group(owner, [member])
    return owner, member, group, api.groupid_of(owner, group["id"])


class TestUpgradeGroup:
    def test_owner_upgrades_paying_once_and_the_group_takes_the_new_limits(self, api, admin, paying_owner):
        owner, _, group, groupid = paying_owner
        assert capacity(owner, groupid) == 500
        reply = owner.post(f"/api/group/{group['id']}/upgrade", {"id": rule_id(owner, 2), "pay_pass": PAY_PASS})
        assert reply.status_code == 200, reply.text
        assert_shape(reply.json(), NULL_DATA)
        assert (reply.json()["msg"], reply.json()["code"], reply.json()["data"]) == ("ok", 0, None)
        assert capacity(owner, groupid) == 1000
        assert (balance(admin, owner), ledger(admin, owner)) == (1500, [2500, -1000])
        # And again by groupid, to level 4 this time: grades may be skipped.
        assert owner.post(f"/api/group/{groupid}/upgrade", {"id": rule_id(owner, 4), "pay_pass": PAY_PASS}).status_code == 409
        admin.CreditWallet(pb.CreditWalletRequest(user_id=owner.id, amount=500, reason="充值"))
        assert owner.post(f"/api/group/{groupid}/upgrade", {"id": rule_id(owner, 4), "pay_pass": PAY_PASS}).status_code == 200
        assert (capacity(owner, groupid), balance(admin, owner)) == (2000, 0)
        assert ledger(admin, owner) == [2500, -1000, 500, -2000]

    def test_same_or_lower_grade_is_409_and_changes_nothing(self, api, admin, paying_owner):
        owner, _, group, groupid = paying_owner
        assert owner.post(f"/api/group/{group['id']}/upgrade", {"id": rule_id(owner, 3), "pay_pass": PAY_PASS}).status_code == 200
        for level in (2, 3):
            reply = owner.post(f"/api/group/{group['id']}/upgrade", {"id": rule_id(owner, level), "pay_pass": PAY_PASS})
            assert_community_error(reply, 409)
        assert (capacity(owner, groupid), balance(admin, owner)) == (1500, 1000)

    def test_wrong_pay_password_is_403_and_changes_nothing(self, api, admin, paying_owner):
        owner, _, group, groupid = paying_owner
        reply = owner.post(f"/api/group/{group['id']}/upgrade", {"id": rule_id(owner, 2), "pay_pass": "000000"})
        assert_community_error(reply, 403)
        assert (capacity(owner, groupid), ledger(admin, owner)) == (500, [2500])

    def test_insufficient_balance_is_409_and_changes_nothing(self, api, admin, paying_owner):
        owner, _, group, groupid = paying_owner
        assert owner.post(f"/api/group/{group['id']}/upgrade", {"id": rule_id(owner, 2), "pay_pass": PAY_PASS}).status_code == 200
        reply = owner.post(f"/api/group/{group['id']}/upgrade", {"id": rule_id(owner, 4), "pay_pass": PAY_PASS})
        assert_community_error(reply, 409)  # 2000 for 1500
        assert (capacity(owner, groupid), ledger(admin, owner)) == (1000, [2500, -1000])

    def test_no_pay_password_set_is_409(self, api, admin):
        owner = api.user()
        admin.CreditWallet(pb.CreditWalletRequest(user_id=owner.id, amount=5000, reason="充值"))
        group = api.community_group(owner)
        reply = owner.post(f"/api/group/{group['id']}/upgrade", {"id": rule_id(owner, 2), "pay_pass": PAY_PASS})
        assert_community_error(reply, 409)
        assert balance(admin, owner) == 5000

    def test_an_unknown_rule_is_404_before_any_wallet_or_password_check(self, api):
        owner = api.user()  # no wallet, no pay password
        group = api.community_group(owner)
        reply = owner.post(f"/api/group/{group['id']}/upgrade", {"id": 987654321, "pay_pass": "123456"})
        assert_community_error(reply, 404)
        assert reply.json()["msg"] == "升级配置不存在"

    def test_only_the_owner_upgrades(self, api, admin, paying_owner):
        owner, member, group, groupid = paying_owner
        for caller in (member, api.user()):
            admin.SetPayPassword(pb.SetPayPasswordRequest(user_id=caller.id, pay_pass=PAY_PASS))
            admin.CreditWallet(pb.CreditWalletRequest(user_id=caller.id, amount=5000, reason="充值"))
            reply = caller.post(f"/api/group/{group['id']}/upgrade", {"id": rule_id(owner, 2), "pay_pass": PAY_PASS})
            assert_community_error(reply, 403)
            assert balance(admin, caller) == 5000
        assert capacity(owner, groupid) == 500

    def test_unknown_and_other_apps_groups_and_rules_are_404(self, api, admin, paying_owner, admin_of_app):
        owner, _, group, _ = paying_owner
        body = {"id": rule_id(owner, 2), "pay_pass": PAY_PASS}
        assert_community_error(owner.post("/api/group/999999/upgrade", body), 404)
        assert_community_error(owner.post(f"/api/group/{group['id']}/upgrade", {"id": 999_999, "pay_pass": PAY_PASS}), 404)
        app = fresh_app()
        stranger, app_admin = api.user(app=app), admin_of_app(app)
        app_admin.SetPayPassword(pb.SetPayPasswordRequest(user_id=stranger.id, pay_pass=PAY_PASS))
        app_admin.CreditWallet(pb.CreditWalletRequest(user_id=stranger.id, amount=5000, reason="充值"))
        assert_community_error(stranger.post(f"/api/group/{group['id']}/upgrade", body), 404)
        theirs = api.community_group(stranger)
        assert_community_error(stranger.post(f"/api/group/{theirs['id']}/upgrade", body), 404)  # the default app's rule

    @pytest.mark.parametrize("body", [{"pay_pass": PAY_PASS}, {"id": 1}, {"id": 1, "pay_pass": ""}, {"id": "x", "pay_pass": PAY_PASS}])
    def test_rule_id_and_pay_password_are_required(self, paying_owner, body):
        owner, _, group, _ = paying_owner
        assert_community_error(owner.post(f"/api/group/{group['id']}/upgrade", body), 400)

    def test_needs_a_token(self, api):
        assert_community_error(api.request("POST", "/api/group/1/upgrade", json={"id": 1, "pay_pass": PAY_PASS}), 401)


def conditions_of(user, kind="group") -> dict:
    reply = user.get("/api/groups/conditions", params={"type": kind})
    assert reply.status_code == 200, reply.text
    assert_conditions_shape(reply.json())
    assert (reply.json()["msg"], reply.json()["code"]) == ("ok", 0)
    return reply.json()["data"]


class TestConditions:
    def test_a_user_without_stats_has_met_none(self, api):
        data = conditions_of(api.user())
        assert data["status"] is False
        assert [(c["key"], c["name"], c["extra"], c["status"]) for c in data["conditions"]] == [
            ("invite", "直接推荐注册用户5人", {"rate": 0, "num": 5}, False),
            ("level", "链乎等级达到白金", {"level": 4, "num": 5000, "rate": 0}, False),
            ("invite:group", "直接推荐的注册用户中至少有30人成功创建社群", {"rate": 0, "num": 30}, False),
            ("invite:group:member", "至少有3个社群符合每个群超过1人", {"rate": "0/3", "num": 3, "members": 1}, False),
            ("invite:user:member", "推荐用户创建的社群总人数达到200人", {"rate": "0/200", "num": 200}, False),
        ]

    def test_progress_comes_from_the_stats_the_internal_service_sets(self, api, admin):
        user = api.user()
        admin.SetUserStats(pb.SetUserStatsRequest(
            user_id=user.id, invites=5, level=3, ore=158, invited_group_creators=12,
            invited_group_member_counts=[1, 2, 5],
        ))
        data = conditions_of(user, "community")
        assert [(c["extra"]["rate"], c["status"]) for c in data["conditions"]] == [
            (5, True), (158, False), (12, False), ("2/3", False), ("8/200", False),
        ]
        assert data["status"] is False
        admin.SetUserStats(pb.SetUserStatsRequest(
            user_id=user.id, invites=6, level=4, ore=5200, invited_group_creators=30,
            invited_group_member_counts=[2, 3, 195],
        ))
        data = conditions_of(user)
        assert [c["status"] for c in data["conditions"]] == [True] * 5 and data["status"] is True
        assert conditions_of(api.user())["status"] is False  # another user's stats are their own

    @pytest.mark.parametrize("params", [{}, {"type": "club"}])
    def test_type_must_be_group_or_community(self, api, params):
        assert_community_error(api.user().get("/api/groups/conditions", params=params), 400)

    def test_needs_a_token(self, api):
        assert_community_error(api.request("GET", "/api/groups/conditions", params={"type": "group"}), 401)


class TestGradesAdminService:
    REQUESTS = {
        "UpsertUpgradeRule": pb.UpsertUpgradeRuleRequest(level=5, max_members=2000, max_admins=20, price=1),
        "SetUpgradeDescriptions": pb.SetUpgradeDescriptionsRequest(upgrade_desc="x"),
        "CreditWallet": pb.CreditWalletRequest(amount=10, reason="x"),
        "GetWallet": pb.GetWalletRequest(),
        "SetPayPassword": pb.SetPayPasswordRequest(pay_pass=PAY_PASS),
        "SetUserStats": pb.SetUserStatsRequest(invites=1),
    }

    @pytest.mark.parametrize("rpc", list(REQUESTS))
    def test_a_plain_token_is_refused(self, api, stack, admin, rpc):
        user = api.user()
        request = type(self.REQUESTS[rpc])()
        request.CopyFrom(self.REQUESTS[rpc])
        if hasattr(request, "user_id"):
            request.user_id = user.id
        plain = Admin(stack, user)
        with pytest.raises(grpc.RpcError) as caught:
            getattr(plain, rpc)(request)
        plain.close()
        assert caught.value.code() == grpc.StatusCode.PERMISSION_DENIED
        assert balance(admin, user) == 0

    def test_not_reachable_through_envoy(self, api, stack):
        admin_user = api.user(admin=True)
        with grpc.insecure_channel(f"127.0.0.1:{stack.http_port}") as channel:
            stub = grades_admin_service_pb2_grpc.GradesAdminServiceStub(channel)
            with pytest.raises(grpc.RpcError) as caught:
                stub.CreditWallet(
                    pb.CreditWalletRequest(user_id=admin_user.id, amount=1, reason="x"),
                    metadata=[("authorization", f"Bearer {admin_user.token}")], timeout=5,
                )
            assert caught.value.code() != grpc.StatusCode.OK

    @pytest.mark.parametrize(
        ("rpc", "request_", "code"),
        [
            ("UpsertUpgradeRule", pb.UpsertUpgradeRuleRequest(level=1, max_members=500, max_admins=4, price=0), "INVALID_ARGUMENT"),
            ("UpsertUpgradeRule", pb.UpsertUpgradeRuleRequest(level=5, max_members=2001, max_admins=4, price=0), "INVALID_ARGUMENT"),
            ("UpsertUpgradeRule", pb.UpsertUpgradeRuleRequest(level=5, max_members=100, max_admins=4, price=-1), "INVALID_ARGUMENT"),
            ("CreditWallet", pb.CreditWalletRequest(user_id=1, amount=0, reason="x"), "INVALID_ARGUMENT"),
            ("CreditWallet", pb.CreditWalletRequest(user_id=1, amount=5, reason=""), "INVALID_ARGUMENT"),
            ("CreditWallet", pb.CreditWalletRequest(user_id=0, amount=5, reason="x"), "INVALID_ARGUMENT"),
            ("GetWallet", pb.GetWalletRequest(user_id=-1), "INVALID_ARGUMENT"),
            ("SetPayPassword", pb.SetPayPasswordRequest(user_id=1, pay_pass="12345"), "INVALID_ARGUMENT"),
            ("SetPayPassword", pb.SetPayPasswordRequest(user_id=0, pay_pass=PAY_PASS), "INVALID_ARGUMENT"),
            ("SetUserStats", pb.SetUserStatsRequest(user_id=1, invites=-1), "INVALID_ARGUMENT"),
            ("SetUserStats", pb.SetUserStatsRequest(user_id=0, invites=1), "INVALID_ARGUMENT"),
        ],
    )
    def test_invalid_requests_and_unknown_users(self, admin, rpc, request_, code):
        with pytest.raises(grpc.RpcError) as caught:
            getattr(admin, rpc)(request_)
        assert caught.value.code() == getattr(grpc.StatusCode, code)

    def test_credits_add_up_and_wallets_are_per_app(self, api, admin, admin_of_app):
        user = api.user()
        assert admin.CreditWallet(pb.CreditWalletRequest(user_id=user.id, amount=30, reason="奖励")).balance == 30
        assert admin.CreditWallet(pb.CreditWalletRequest(user_id=user.id, amount=12, reason="邀请")).balance == 42
        wallet = admin.GetWallet(pb.GetWalletRequest(user_id=user.id))
        assert [(e.amount, e.reason) for e in wallet.entries] == [(30, "奖励"), (12, "邀请")]
        assert wallet.has_pay_pass is False
        admin.SetPayPassword(pb.SetPayPasswordRequest(user_id=user.id, pay_pass=PAY_PASS))
        assert admin.GetWallet(pb.GetWalletRequest(user_id=user.id)).has_pay_pass is True
        other_admin = admin_of_app(fresh_app())  # the same id in another app: another user, another wallet
        assert other_admin.CreditWallet(pb.CreditWalletRequest(user_id=user.id, amount=1, reason="x")).balance == 1
        assert admin.GetWallet(pb.GetWalletRequest(user_id=user.id)).balance == 42

