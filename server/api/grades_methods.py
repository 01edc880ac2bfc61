"""GroupService methods of the grades capability (community dialect), composed into
GroupServicer, and the internal GradesAdminService."""

from groupkit.group.v1 import grades_pb2 as pb
from groupkit.internal.v1 import grades_admin_service_pb2 as admin_pb
from groupkit.internal.v1 import grades_admin_service_pb2_grpc
from server.api import grades_views
from server.api.edge import current_principal
from server.domain.grades import UpgradeTexts, UserStats
from server.services import grades

OK = "ok"


class GradesMethods:
    def ListUpgradeRules(self, request, context):
        page = grades.upgrade_rules(
            self.uow, current_principal(),
            request.limit if request.HasField("limit") else None,
            request.offset if request.HasField("offset") else None,
        )
        return pb.ListUpgradeRulesResponse(msg=OK, code=0, data=grades_views.upgrade_rules(page))

    def UpgradeGroup(self, request, context):
        grades.upgrade_group(self.uow, current_principal(), request.group_id, request.id, request.pay_pass)
        return pb.UpgradeGroupResponse(msg=OK, code=0)

    def GetGroupConditions(self, request, context):
        conditions = grades.group_conditions(self.uow, current_principal(), request.type)
        return pb.GetGroupConditionsResponse(msg=OK, code=0, data=grades_views.group_conditions(conditions))


class GradesAdminServicer(grades_admin_service_pb2_grpc.GradesAdminServiceServicer):
    def __init__(self, uow):
        self.uow = uow

    def UpsertUpgradeRule(self, request, context):
        rule_id, created = grades.upsert_upgrade_rule(
            self.uow, current_principal(), request.level, request.max_members, request.max_admins, request.price
        )
        return admin_pb.UpsertUpgradeRuleResponse(id=rule_id, created=created)

    def SetUpgradeDescriptions(self, request, context):
        texts = UpgradeTexts(request.upgrade_desc, request.transfer_desc)
        grades.set_upgrade_texts(self.uow, current_principal(), texts)
        return admin_pb.SetUpgradeDescriptionsResponse()

    def CreditWallet(self, request, context):
        balance = grades.credit_wallet(self.uow, current_principal(), request.user_id, request.amount, request.reason)
        return admin_pb.CreditWalletResponse(balance=balance)

    def GetWallet(self, request, context):
        view = grades.wallet_of(self.uow, current_principal(), request.user_id)
        return admin_pb.GetWalletResponse(
            balance=view.wallet.balance, has_pay_pass=view.wallet.pay_pass_hash is not None,
            entries=[admin_pb.WalletEntry(amount=amount, reason=reason) for amount, reason in view.entries],
        )

    def SetPayPassword(self, request, context):
        grades.set_pay_password(self.uow, current_principal(), request.user_id, request.pay_pass)
        return admin_pb.SetPayPasswordResponse()

    def SetUserStats(self, request, context):
        stats = UserStats(
            request.invites, request.level, request.ore, request.invited_group_creators,
            list(request.invited_group_member_counts),
        )
        grades.set_user_stats(self.uow, current_principal(), request.user_id, stats)
        return admin_pb.SetUserStatsResponse()
