"""Documented shapes of grades (document 000): upgrade rules and group creation conditions."""

from tests.support.documented import community
from tests.support.shapes import NUMBER, TEXT, assert_shape

UPGRADE_RULES = community(
    {
        "rules": [
            {"id": NUMBER, "level": NUMBER, "max_members": NUMBER, "max_admins": NUMBER, "coin": TEXT, "price": NUMBER}
        ],
        "desc": {"upgrade_desc": TEXT, "transfer_desc": TEXT},
    }
)

# Every condition has key, name, extra and status; extra differs by key (a count or "done/total").
_CONDITIONS = community({"conditions": [{"key": TEXT, "name": TEXT, "status": True}], "status": True})
CONDITION_EXTRAS = {
    "invite": {"rate": NUMBER, "num": NUMBER},
    "level": {"level": NUMBER, "num": NUMBER, "rate": NUMBER},
    "invite:group": {"rate": NUMBER, "num": NUMBER},
    "invite:group:member": {"rate": TEXT, "num": NUMBER, "members": NUMBER},
    "invite:user:member": {"rate": TEXT, "num": NUMBER},
}


def assert_conditions_shape(body: dict) -> None:
    """The documented envelope and items, and each item's extra as documented for its key, in the document's order."""
    conditions = body["data"]["conditions"]
    assert [c["key"] for c in conditions] == list(CONDITION_EXTRAS)
    for item in conditions:
        assert_shape(item["extra"], CONDITION_EXTRAS[item["key"]], f"$.extra[{item['key']}]")
    without_extra = {**body, "data": {**body["data"], "conditions": [
        {k: v for k, v in c.items() if k != "extra"} for c in conditions
    ]}}
    assert_shape(without_extra, _CONDITIONS)
