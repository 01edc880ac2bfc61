"""Grades: listing upgrade rules, upgrading a group with the owner's wallet, the group
creation conditions, and the internal administration of rules, wallets and stats."""

from dataclasses import dataclass

from server.domain import errors
from server.domain import grades as rules_of_grades
from server.domain import policies as rules
from server.domain.grades import Condition, UpgradeRule, UpgradeTexts, UserStats, Wallet
from server.domain.model import Group, Principal
from server.services.clock import now_ms
from server.services.emit import app_event, change, changes_of, group_event
from server.services.lookup import group_or_404, role_of, unknown_users

RULES_PAGE_DEFAULT, RULES_PAGE_MAX = 20, 100
MAX_REASON_LENGTH = 256


@dataclass
class RulesPage:
    rules: list[UpgradeRule]
    texts: UpgradeTexts


def upgrade_rules(uow, actor: Principal, limit: int | None, offset: int | None) -> RulesPage:
    limit = RULES_PAGE_DEFAULT if limit is None else limit
    offset = offset or 0
    if not 0 < limit <= RULES_PAGE_MAX:
        raise errors.InvalidArgument(f"limit 必须在 1 到 {RULES_PAGE_MAX} 之间", field="limit")
    if offset < 0:
        raise errors.InvalidArgument("offset 不能小于 0", field="offset")
    with uow.read(actor.app) as store:
        return RulesPage(store.upgrade_rules(limit, offset), store.upgrade_texts())


def _owned_group(store, actor: Principal, group_ref: int, *, lock: bool = False) -> Group:
    group = group_or_404(store.group_by_ref(group_ref, lock=lock))
    rules.require_owner(role_of(store, actor, group))
    return group


def upgrade_group(uow, actor: Principal, group_ref: int, rule_id: int, pay_pass: str) -> None:
    """The owner pays a rule's price from their wallet and the group takes the rule's grade
    and limits, in one transaction: any refusal leaves balance and grade as they were."""
    if rule_id <= 0:
        raise errors.InvalidArgument("id 不能为空", field="id")
    if not pay_pass:
        raise errors.InvalidArgument("pay_pass 不能为空", field="pay_pass")
    with uow.read(actor.app) as store:
        _owned_group(store, actor, group_ref)
        # The rule the request names comes before any wallet or password check.
        if store.upgrade_rule(rule_id) is None:
            raise errors.NotFound("升级配置不存在")
        wallet = store.wallet(actor.user_id)
    # The password hash is slow on purpose: check it before taking the write lock.
    checked_hash = rules_of_grades.check_pay_pass(wallet, pay_pass)
    now = now_ms()
    with uow.write(actor.app) as store:
        group = _owned_group(store, actor, group_ref, lock=True)
        rule = store.upgrade_rule(rule_id)
        if rule is None:
            raise errors.NotFound("升级配置不存在")
        rules_of_grades.check_upgrade(group, rule)
        rules_of_grades.check_balance(store.wallet(actor.user_id), checked_hash, rule.price)
        store.add_to_balance(actor.user_id, -rule.price, f"社群 {group.im_id} 升级到 {rule.level} 级", now)
        store.update_group(
            group.id, grade=rule.level, max_members=rule.max_members, max_admins=rule.max_admins, updated_at=now
        )
        group_event(store, "group.upgraded", group, rule_id=rule.id, changes=changes_of(
            vars(group), {"grade": rule.level, "max_members": rule.max_members, "max_admins": rule.max_admins}
        ))


def group_conditions(uow, actor: Principal, kind: str) -> list[Condition]:
    with uow.read(actor.app) as store:
        stats = store.user_stats(actor.user_id)
    return rules_of_grades.conditions(kind, stats)


@dataclass
class CreationGate:
    """Whether creating a group needs every condition met; the server sets it at start from
    GROUP_CREATION_REQUIRES_CONDITIONS (off by default)."""

    needs_conditions: bool = False


CREATION_GATE = CreationGate()


def check_may_create(store, actor: Principal, kind: str) -> None:
    """Called by group creation in both dialects, inside its transaction."""
    if CREATION_GATE.needs_conditions and not rules_of_grades.all_met(rules_of_grades.conditions(kind, store.user_stats(actor.user_id))):
        raise errors.FailedPrecondition("尚未满足创建条件", field="type")


# Internal administration (GradesAdminService, app admin tokens only)


def _require_app_admin(actor: Principal) -> None:
    if not actor.is_app_admin:
        raise errors.PermissionDenied("仅应用管理员可以操作")


def _known_user(store, user_id: int) -> None:
    if user_id <= 0:
        raise errors.InvalidArgument("user_id 无效", field="user_id")
    if unknown_users(store, [user_id]):
        raise errors.NotFound("用户不存在")


def upsert_upgrade_rule(uow, actor: Principal, level: int, max_members: int, max_admins: int, price: int) -> tuple[int, bool]:
    _require_app_admin(actor)
    rules_of_grades.check_rule(level, max_members, max_admins, price)
    with uow.write(actor.app) as store:
        found = store.upsert_upgrade_rule(level, max_members, max_admins, price, now_ms())
        app_event(store, "grades.updated", target=f"rule:{found[0]}", level=level, max_members=max_members,
                  max_admins=max_admins, price=price)
        return found


def set_upgrade_texts(uow, actor: Principal, texts: UpgradeTexts) -> None:
    _require_app_admin(actor)
    rules.check_text(texts.upgrade_desc, "upgrade_desc", rules.MAX_TEXT_LENGTH)
    rules.check_text(texts.transfer_desc, "transfer_desc", rules.MAX_TEXT_LENGTH)
    with uow.write(actor.app) as store:
        store.set_upgrade_texts(texts, now_ms())
        app_event(store, "grades.updated", target="app", texts=True)


def credit_wallet(uow, actor: Principal, user_id: int, amount: int, reason: str) -> int:
    """Adds ore to a user's balance with a ledger entry; returns the new balance."""
    _require_app_admin(actor)
    if amount <= 0:
        raise errors.InvalidArgument("amount 必须大于 0", field="amount")
    if not reason:
        raise errors.InvalidArgument("reason 不能为空", field="reason")
    rules.check_text(reason, "reason", MAX_REASON_LENGTH)
    with uow.write(actor.app) as store:
        _known_user(store, user_id)
        balance = store.add_to_balance(user_id, amount, reason, now_ms())
        app_event(store, "user.account.updated", target=f"user:{user_id}", user_id=user_id,
                  changes=[change("balance", balance - amount, balance)])
        return balance


@dataclass
class WalletView:
    wallet: Wallet
    entries: list[tuple[int, str]]


def wallet_of(uow, actor: Principal, user_id: int) -> WalletView:
    _require_app_admin(actor)
    with uow.read(actor.app) as store:
        _known_user(store, user_id)
        return WalletView(store.wallet(user_id) or Wallet(user_id), store.wallet_entries(user_id))


def set_pay_password(uow, actor: Principal, user_id: int, pay_pass: str) -> None:
    _require_app_admin(actor)
    rules_of_grades.check_pay_pass_format(pay_pass)
    hashed = rules_of_grades.hash_pay_pass(pay_pass)  # slow on purpose: outside the transaction
    with uow.write(actor.app) as store:
        _known_user(store, user_id)
        store.set_pay_pass_hash(user_id, hashed, now_ms())
        app_event(store, "user.account.updated", target=f"user:{user_id}", user_id=user_id, pay_password=True)


def set_user_stats(uow, actor: Principal, user_id: int, stats: UserStats) -> None:
    _require_app_admin(actor)
    rules_of_grades.check_stats(stats)
    with uow.write(actor.app) as store:
        _known_user(store, user_id)
        store.set_user_stats(user_id, stats, now_ms())
        app_event(store, "user.account.updated", target=f"user:{user_id}", user_id=user_id, stats=vars(stats))
