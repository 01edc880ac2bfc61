"""The documents' response shapes. Community (000) from its JSON examples, a documented
null written as Nullable(type of the value when set); im (003) from its field tables."""

from tests.support.shapes import NULL_OBJECT, NULL_TEXT, NUMBER, TEXT

# ---- community dialect, document 000 ----

CHAT_SETTING = {"msg_top": NUMBER, "msg_disturb": NUMBER, "msg_disturb_options": {"accept": NUMBER, "shielding": NUMBER}}
USER = {"id": NUMBER, "name": TEXT, "avatar": NULL_TEXT}


def community(data):
    return {"msg": TEXT, "code": NUMBER, "data": data}


CREATE_GROUP = community(
    {
        "name": NULL_TEXT, "type": TEXT, "avatar": NULL_TEXT, "number": NUMBER, "describe": NULL_TEXT,
        "background": NULL_TEXT, "grade": NUMBER, "comm_id": NUMBER, "maxadmins": NUMBER, "group_count": NUMBER,
        "maxmembers": NUMBER, "member_count": NUMBER, "owner": NUMBER, "updated_at": TEXT, "created_at": TEXT,
        "id": NUMBER,
    }
)

NULL_DATA = community(None)

GROUP_SECTIONS = community(
    [
        {
            "name": TEXT,
            "list": [
                {"id": NUMBER, "groupid": TEXT, "name": NULL_TEXT, "avatar": NULL_TEXT, "chat_setting": CHAT_SETTING, "role": NUMBER}
            ],
        }
    ]
)

USER_GROUPS = community([{"id": NUMBER, "name": NULL_TEXT, "avatar": NULL_TEXT, "groupid": TEXT, "role": NUMBER}])

_DETAIL_MEMBER = {
    "id": NUMBER, "user_id": NUMBER, "grade": NUMBER, "group_id": NUMBER, "nickname": NULL_TEXT, "chat_bgd": NULL_TEXT,
    "status": NUMBER, "role": NUMBER, "chat_setting": CHAT_SETTING, "top": NUMBER, "created_at": TEXT,
    "updated_at": TEXT, "user": USER,
}
OWN_MEMBER = {
    "id": NUMBER, "user_id": NUMBER, "group_id": NUMBER, "nickname": NULL_TEXT, "chat_bgd": NULL_TEXT,
    "status": NUMBER, "role": NUMBER, "chat_setting": CHAT_SETTING, "created_at": TEXT, "updated_at": TEXT,
}
_GROUP_DETAIL = {
    "id": NUMBER, "name": NULL_TEXT, "avatar": NULL_TEXT, "describe": NULL_TEXT, "background": NULL_TEXT,
    "comm_id": NUMBER, "group_count": NUMBER, "member_count": NUMBER, "dynamic_count": NUMBER, "owner": USER,
    "number": TEXT, "type": TEXT, "saymsg": NUMBER, "from": NUMBER, "excellent": NUMBER, "silence_status": NUMBER,
    "members": [_DETAIL_MEMBER], "member": NULL_OBJECT,
}
_GROUP_CARD = {"id": NUMBER, "name": NULL_TEXT, "avatar": NULL_TEXT, "member_count": NUMBER}
GROUP_DETAIL = community(_GROUP_DETAIL)
COMMUNITY_DETAIL = community(
    {
        **_GROUP_DETAIL,
        "may_apply_groups": [_GROUP_CARD],
        "has_joined_groups": [_GROUP_CARD],
        "groups": [{"id": NUMBER, "comm_id": NUMBER, "name": NULL_TEXT, "avatar": NULL_TEXT}],
    }
)

MEMBERS = community(
    [
        {
            "id": NUMBER, "user_id": NUMBER, "group_id": NUMBER, "nickname": NULL_TEXT, "chat_bgd": NULL_TEXT,
            "role": NUMBER, "chat_setting": CHAT_SETTING, "user": USER,
        }
    ]
)

COMMUNITY_ERROR = {"msg": TEXT, "code": NUMBER, "data": None}

# ---- im dialect, document 003 ----


def im(data):
    return {"code": NUMBER, "data": data, "message": None}


def im_page(item):
    return {"code": NUMBER, "cursor": TEXT, "data": [item], "message": None, "total": NUMBER, "version": NUMBER}


IM_GROUP_INFO = im(
    {
        "apply_approval": NUMBER, "avatar": TEXT, "ban_expire_time": NUMBER, "capacity": NUMBER, "count": NUMBER,
        "created_at": NUMBER, "description": TEXT, "ext": TEXT, "group_id": NUMBER, "history_visible": True,
        "member_invite": True, "member_modify": True, "msg_mute_mode": NUMBER, "msg_push_mode": NUMBER, "name": TEXT,
        "owner_id": NUMBER, "read_ack": True, "status": NUMBER, "type": NUMBER, "updated_at": NUMBER,
        "hide_member_info": True,  # upstream MaxIM (im.gitbook 4.24, 4.47)
    }
)
IM_GROUP_BATCH = im(
    [
        {
            "apply_approval": NUMBER, "avatar": TEXT, "capacity": NUMBER, "count": NUMBER, "group_id": NUMBER,
            "msg_mute_mode": NUMBER, "msg_push_mode": NUMBER, "name": TEXT, "owner": NUMBER, "status": NUMBER,
            "type": NUMBER,
        }
    ]
)
IM_BOOLEAN = im(True)
IM_MEMBER_PAGE = im_page({"display_name": TEXT, "expired_time": NUMBER, "join_time": NUMBER, "user_id": NUMBER})
IM_ID_LIST = im([NUMBER])
IM_ERROR = {"code": NUMBER, "data": None, "message": TEXT}
