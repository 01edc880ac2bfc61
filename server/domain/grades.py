"""Grades of groups: upgrade rules, wallets and the conditions for creating groups.
The rules of this capability live here: which upgrade is allowed, how pay passwords are
checked, and how the conditions are computed from a user's stats."""

import hashlib
import hmac
import secrets
from dataclasses import dataclass, field

from server.domain import errors
from server.domain.model import Group, GroupKind


@dataclass
class UpgradeRule:
    id: int
    level: int
    max_members: int
    max_admins: int
    coin: str
    price: int


@dataclass
class UpgradeTexts:
    upgrade_desc: str = ""
    transfer_desc: str = ""


@dataclass
class Wallet:
    user_id: int
    balance: int = 0
    pay_pass_hash: str | None = None


@dataclass
class UserStats:
    """What another service reports about a user; the conditions are computed from it."""

    invites: int = 0
    level: int = 0
    ore: int = 0
    invited_group_creators: int = 0
    invited_group_member_counts: list[int] = field(default_factory=list)


@dataclass
class Condition:
    key: str
    name: str
    extra: dict
    status: bool


MIN_PAY_PASS, MAX_PAY_PASS = 6, 64
MAX_RULE_MEMBERS = 2000  # a group holds at most 2000 members (README)


def check_upgrade(group: Group, rule: UpgradeRule) -> None:
    """Upgrades only go up: the same or a lower grade is refused."""
    if rule.level <= group.grade:
        raise errors.FailedPrecondition(f"社群已是 {group.grade} 级，只能升级到更高等级", field="id")


def check_rule(level: int, max_members: int, max_admins: int, price: int) -> None:
    if level < 2:
        raise errors.InvalidArgument("level 必须大于 1（1 级是新群的等级）", field="level")
    if not 0 < max_members <= MAX_RULE_MEMBERS:
        raise errors.InvalidArgument(f"max_members 必须在 1 到 {MAX_RULE_MEMBERS} 之间", field="max_members")
    if not 0 < max_admins <= max_members:
        raise errors.InvalidArgument("max_admins 必须大于 0 且不超过 max_members", field="max_admins")
    if price < 0:
        raise errors.InvalidArgument("price 不能为负数", field="price")


def check_pay_pass_format(pay_pass: str) -> None:
    if not MIN_PAY_PASS <= len(pay_pass) <= MAX_PAY_PASS:
        raise errors.InvalidArgument(
            f"支付密码长度必须在 {MIN_PAY_PASS} 到 {MAX_PAY_PASS} 之间", field="pay_pass"
        )


# scrypt with a per-password salt; the parameters are stored with the hash so they can change.
_SCRYPT_N, _SCRYPT_R, _SCRYPT_P = 2**14, 8, 1


def hash_pay_pass(pay_pass: str) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(pay_pass.encode(), salt=salt, n=_SCRYPT_N, r=_SCRYPT_R, p=_SCRYPT_P)
    return f"scrypt${_SCRYPT_N}${_SCRYPT_R}${_SCRYPT_P}${salt.hex()}${digest.hex()}"


def pay_pass_matches(pay_pass: str, stored: str) -> bool:
    _, n, r, p, salt, digest = stored.split("$")
    candidate = hashlib.scrypt(pay_pass.encode(), salt=bytes.fromhex(salt), n=int(n), r=int(r), p=int(p))
    return hmac.compare_digest(candidate.hex(), digest)


def check_pay_pass(wallet: Wallet | None, pay_pass: str) -> str:
    """The payer must have set a pay password and give it; returns the hash it matched."""
    if wallet is None or wallet.pay_pass_hash is None:
        raise errors.FailedPrecondition("请先设置支付密码", field="pay_pass")
    if not pay_pass_matches(pay_pass, wallet.pay_pass_hash):
        raise errors.PermissionDenied("支付密码错误", field="pay_pass")
    return wallet.pay_pass_hash


def check_balance(wallet: Wallet, checked_hash: str, price: int) -> None:
    """On the locked wallet: the password checked before still stands and the balance covers the price."""
    if wallet.pay_pass_hash != checked_hash:
        raise errors.FailedPrecondition("支付密码已变更，请重试", field="pay_pass")
    if wallet.balance < price:
        raise errors.FailedPrecondition(f"余额不足，需要 {price}，当前 {wallet.balance}", field="id")


# The document's conditions (000, 社群/社区条件); the same for groups and communities.
INVITES_REQUIRED = 5
LEVEL_REQUIRED, ORE_REQUIRED = 4, 5000  # 白金
INVITED_CREATORS_REQUIRED = 30
GROUPS_REQUIRED, GROUP_MEMBERS_ABOVE = 3, 1
INVITED_MEMBERS_REQUIRED = 200


def conditions(kind: str, stats: UserStats) -> list[Condition]:
    """Each condition with the user's progress; a user with no stats has made none."""
    if kind not in GroupKind.ALL:
        raise errors.InvalidArgument("type 必须是 group 或 community", field="type")
    counts = stats.invited_group_member_counts
    big_groups = sum(1 for c in counts if c > GROUP_MEMBERS_ABOVE)
    invited_members = sum(counts)
    return [
        Condition(
            "invite", f"直接推荐注册用户{INVITES_REQUIRED}人",
            {"rate": stats.invites, "num": INVITES_REQUIRED}, stats.invites >= INVITES_REQUIRED,
        ),
        Condition(
            "level", "链乎等级达到白金",
            {"level": LEVEL_REQUIRED, "num": ORE_REQUIRED, "rate": stats.ore}, stats.level >= LEVEL_REQUIRED,
        ),
        Condition(
            "invite:group", f"直接推荐的注册用户中至少有{INVITED_CREATORS_REQUIRED}人成功创建社群",
            {"rate": stats.invited_group_creators, "num": INVITED_CREATORS_REQUIRED},
            stats.invited_group_creators >= INVITED_CREATORS_REQUIRED,
        ),
        Condition(
            "invite:group:member", f"至少有{GROUPS_REQUIRED}个社群符合每个群超过{GROUP_MEMBERS_ABOVE}人",
            {"rate": f"{big_groups}/{GROUPS_REQUIRED}", "num": GROUPS_REQUIRED, "members": GROUP_MEMBERS_ABOVE},
            big_groups >= GROUPS_REQUIRED,
        ),
        Condition(
            "invite:user:member", f"推荐用户创建的社群总人数达到{INVITED_MEMBERS_REQUIRED}人",
            {"rate": f"{invited_members}/{INVITED_MEMBERS_REQUIRED}", "num": INVITED_MEMBERS_REQUIRED},
            invited_members >= INVITED_MEMBERS_REQUIRED,
        ),
    ]


def all_met(conditions_: list[Condition]) -> bool:
    return all(c.status for c in conditions_)


def check_stats(stats: UserStats) -> None:
    numbers = [stats.invites, stats.level, stats.ore, stats.invited_group_creators, *stats.invited_group_member_counts]
    if any(n < 0 for n in numbers):
        raise errors.InvalidArgument("统计数值不能为负数")
