# Grades: upgrade rules (seeded for the default app with the documented three levels)
# and their texts, wallets with a ledger, and the stats behind the creation conditions.
import time

from peewee import *


def up(migrator, db):
    class UpgradeRule(Model):
        id = BigAutoField()
        app = CharField(max_length=64)
        level = SmallIntegerField()
        max_members = IntegerField()
        max_admins = IntegerField()
        coin = CharField(max_length=16, default='ore')
        price = BigIntegerField()
        created_at = BigIntegerField()
        updated_at = BigIntegerField()
        class Meta:
            database = db
            table_name = 'upgrade_rule'
            indexes = ((('app', 'level'), True),)

    class UpgradeText(Model):
        app = CharField(max_length=64, primary_key=True)
        upgrade_desc = TextField(default='')
        transfer_desc = TextField(default='')
        updated_at = BigIntegerField()
        class Meta:
            database = db
            table_name = 'upgrade_text'

    class Wallet(Model):
        id = BigAutoField()
        app = CharField(max_length=64)
        user_id = BigIntegerField()
        balance = BigIntegerField(default=0)
        pay_pass_hash = CharField(null=True, max_length=256)
        updated_at = BigIntegerField()
        class Meta:
            database = db
            table_name = 'wallet'
            indexes = ((('app', 'user_id'), True),)

    class WalletEntry(Model):
        id = BigAutoField()
        app = CharField(max_length=64)
        user_id = BigIntegerField()
        amount = BigIntegerField()
        balance_after = BigIntegerField()
        reason = CharField(max_length=256)
        created_at = BigIntegerField()
        class Meta:
            database = db
            table_name = 'wallet_entry'
            indexes = ((('app', 'user_id', 'id'), False),)

    class UserStats(Model):
        id = BigAutoField()
        app = CharField(max_length=64)
        user_id = BigIntegerField()
        invites = IntegerField(default=0)
        level = IntegerField(default=0)
        ore = IntegerField(default=0)
        invited_group_creators = IntegerField(default=0)
        invited_group_member_counts = TextField(default='[]')
        updated_at = BigIntegerField()
        class Meta:
            database = db
            table_name = 'user_stats'
            indexes = ((('app', 'user_id'), True),)

    db.create_tables([UpgradeRule, UpgradeText, Wallet, WalletEntry, UserStats])

    now = int(time.time() * 1000)
    UpgradeRule.insert_many([
        {'app': 'default', 'level': level, 'max_members': members, 'max_admins': admins, 'coin': 'ore',
         'price': price, 'created_at': now, 'updated_at': now}
        for level, members, admins, price in ((2, 1000, 10, 1000), (3, 1500, 15, 1500), (4, 2000, 20, 2000))
    ]).execute()
    UpgradeText.insert(
        app='default', upgrade_desc='this is upgrade rule', transfer_desc='this is transfer rule', updated_at=now
    ).execute()


def down(migrator, db):
    for table in ('user_stats', 'wallet_entry', 'wallet', 'upgrade_text', 'upgrade_rule'):
        migrator.migrate(migrator.drop_table(table))
