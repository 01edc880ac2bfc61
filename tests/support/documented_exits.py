"""The documents' shapes and texts of the exits endpoints: community (000) from its JSON
examples, im (003) from its field tables."""

from tests.support.documented import IM_BOOLEAN, NULL_DATA, im
from tests.support.shapes import NULL_TEXT, NUMBER, TEXT

# ---- community dialect, document 000: {"msg": <text>, "code": 0, "data": null} ----

REMOVE_MEMBERS = NULL_DATA
REMOVE_MEMBERS_MSG = "移除成功"
QUIT_GROUP = NULL_DATA
QUIT_MSG = "退出成功"  # both 退出/社群或社区 and 社群退出社区
TRANSFER_GROUP = NULL_DATA
TRANSFER_MSG = "转让成功"
DISMISS_GROUP = NULL_DATA
DISMISS_MSG = "解散成功"
QUIT_COMMUNITY = NULL_DATA

# ---- im dialect, document 003 ----

USER_RESULT = {"reason": NULL_TEXT, "result": TEXT, "user_id": NUMBER}
KICK = im([USER_RESULT])
LEAVE = IM_BOOLEAN
TRANSFER = im(USER_RESULT)
DESTROY = IM_BOOLEAN
