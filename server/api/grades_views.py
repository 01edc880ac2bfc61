"""Grades → community-dialect messages (document 000)."""

from groupkit.group.v1 import grades_pb2 as pb
from server.domain import grades as dg
from server.services.grades import RulesPage


def upgrade_rules(page: RulesPage) -> pb.UpgradeRules:
    return pb.UpgradeRules(
        rules=[
            pb.UpgradeRule(
                id=r.id, level=r.level, max_members=r.max_members, max_admins=r.max_admins, coin=r.coin, price=r.price
            )
            for r in page.rules
        ],
        desc=pb.UpgradeDescriptions(upgrade_desc=page.texts.upgrade_desc, transfer_desc=page.texts.transfer_desc),
    )


def group_conditions(conditions: list[dg.Condition]) -> pb.GroupConditions:
    items = []
    for c in conditions:
        item = pb.GroupCondition(key=c.key, name=c.name, status=c.status)
        item.extra.update(c.extra)
        items.append(item)
    return pb.GroupConditions(conditions=items, status=dg.all_met(conditions))
