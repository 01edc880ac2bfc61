"""Documented shapes of the moderation endpoints: community (000) from its JSON examples,
im (003) from its field tables."""

from tests.support.documented import community, im, im_page
from tests.support.shapes import NULL_TEXT, NUMBER, TEXT

# ---- community dialect, document 000 ----

MANAGE_ITEMS = community([{"id": NUMBER, "name": TEXT}])


def _option(depth: int) -> dict:
    """A manage option with `depth` levels of children below it (the document shows two)."""
    child = [_option(depth - 1)] if depth else []
    return {"id": NUMBER, "name": TEXT, "pid": NUMBER, "sort": NUMBER, "checked": NUMBER, "child": child}


MANAGE_OPTIONS = community([_option(2)])

# ---- im dialect, document 003 ----

IM_USER_RESULTS = im([{"reason": NULL_TEXT, "result": TEXT, "user_id": NUMBER}])
IM_MEMBERS = im([{"display_name": TEXT, "expired_time": NUMBER, "join_time": NUMBER, "user_id": NUMBER}])
IM_BANNED_PAGE = im_page({"display_name": TEXT, "expired_time": NUMBER, "join_time": NUMBER, "user_id": NUMBER})
IM_BAN_ALL = im({"ban_expire_time": NUMBER})
