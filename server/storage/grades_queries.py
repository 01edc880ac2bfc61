"""Store queries of the grades capability (upgrade rules, wallets, condition stats); composed into Store."""

import json

from server.domain import grades as dg
from server.storage.models import UpgradeRule, UpgradeText, UserStats, Wallet, WalletEntry


def _rule(row: UpgradeRule) -> dg.UpgradeRule:
    return dg.UpgradeRule(row.id, row.level, row.max_members, row.max_admins, row.coin, row.price)


class GradesQueries:
    # Upgrade rules

    def upgrade_rules(self, limit: int, offset: int) -> list[dg.UpgradeRule]:
        rows = (
            UpgradeRule.select().where(UpgradeRule.app == self.app)
            .order_by(UpgradeRule.level).limit(limit).offset(offset)
        )
        return [_rule(r) for r in rows]

    def upgrade_rule(self, rule_id: int) -> dg.UpgradeRule | None:
        row = UpgradeRule.select().where((UpgradeRule.app == self.app) & (UpgradeRule.id == rule_id)).first()
        return _rule(row) if row else None

    def upsert_upgrade_rule(self, level: int, max_members: int, max_admins: int, price: int, now: int) -> tuple[int, bool]:
        """The rule's id, and True when the app had no rule for the level."""
        values = {"max_members": max_members, "max_admins": max_admins, "price": price, "updated_at": now}
        row = self._lock(
            UpgradeRule.select().where((UpgradeRule.app == self.app) & (UpgradeRule.level == level))
        ).first()
        if row is not None:
            UpgradeRule.update(**values).where(UpgradeRule.id == row.id).execute()
            return row.id, False
        rule_id = UpgradeRule.insert(app=self.app, level=level, created_at=now, **values).execute()
        return rule_id, True

    def upgrade_texts(self) -> dg.UpgradeTexts:
        row = UpgradeText.get_or_none(UpgradeText.app == self.app)
        return dg.UpgradeTexts(row.upgrade_desc, row.transfer_desc) if row else dg.UpgradeTexts()

    def set_upgrade_texts(self, texts: dg.UpgradeTexts, now: int) -> None:
        UpgradeText.insert(
            app=self.app, upgrade_desc=texts.upgrade_desc, transfer_desc=texts.transfer_desc, updated_at=now
        ).on_conflict(
            conflict_target=[UpgradeText.app],
            update={UpgradeText.upgrade_desc: texts.upgrade_desc, UpgradeText.transfer_desc: texts.transfer_desc,
                    UpgradeText.updated_at: now},
        ).execute()

    # Wallets

    def wallet(self, user_id: int) -> dg.Wallet | None:
        """The user's wallet, locked for update in a write transaction."""
        row = self._lock(Wallet.select().where((Wallet.app == self.app) & (Wallet.user_id == user_id))).first()
        return dg.Wallet(row.user_id, row.balance, row.pay_pass_hash) if row else None

    def _ensure_wallet(self, user_id: int, now: int) -> None:
        Wallet.insert(app=self.app, user_id=user_id, balance=0, updated_at=now).on_conflict_ignore().execute()

    def set_pay_pass_hash(self, user_id: int, pay_pass_hash: str, now: int) -> None:
        self._ensure_wallet(user_id, now)
        Wallet.update(pay_pass_hash=pay_pass_hash, updated_at=now).where(
            (Wallet.app == self.app) & (Wallet.user_id == user_id)
        ).execute()

    def add_to_balance(self, user_id: int, amount: int, reason: str, now: int) -> int:
        """Changes a balance by amount (negative debits) with its ledger entry; returns the new balance.
        A debit's caller has checked the balance on the locked wallet."""
        self._ensure_wallet(user_id, now)
        where = (Wallet.app == self.app) & (Wallet.user_id == user_id)
        Wallet.update(balance=Wallet.balance + amount, updated_at=now).where(where).execute()
        balance = Wallet.select(Wallet.balance).where(where).scalar()
        WalletEntry.insert(
            app=self.app, user_id=user_id, amount=amount, balance_after=balance, reason=reason, created_at=now
        ).execute()
        return balance

    def wallet_entries(self, user_id: int) -> list[tuple[int, str]]:
        """The user's ledger, oldest first: (amount, reason)."""
        rows = WalletEntry.select(WalletEntry.amount, WalletEntry.reason).where(
            (WalletEntry.app == self.app) & (WalletEntry.user_id == user_id)
        ).order_by(WalletEntry.id)
        return [(r.amount, r.reason) for r in rows]

    # Condition stats

    def user_stats(self, user_id: int) -> dg.UserStats:
        row = UserStats.get_or_none((UserStats.app == self.app) & (UserStats.user_id == user_id))
        if row is None:
            return dg.UserStats()
        return dg.UserStats(
            row.invites, row.level, row.ore, row.invited_group_creators, json.loads(row.invited_group_member_counts)
        )

    def set_user_stats(self, user_id: int, stats: dg.UserStats, now: int) -> None:
        values = {
            UserStats.invites: stats.invites, UserStats.level: stats.level, UserStats.ore: stats.ore,
            UserStats.invited_group_creators: stats.invited_group_creators,
            UserStats.invited_group_member_counts: json.dumps(stats.invited_group_member_counts),
            UserStats.updated_at: now,
        }
        UserStats.insert({UserStats.app: self.app, UserStats.user_id: user_id, **values}).on_conflict(
            conflict_target=[UserStats.app, UserStats.user_id], update=values
        ).execute()
