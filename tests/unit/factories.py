"""Domain objects with sensible defaults, for unit tests."""

from server.domain.model import ChatSetting, Group, Member, Role


def a_group(**overrides) -> Group:
    fields = {
        "id": 1, "app": "default", "im_id": 12_345_678_901_234, "number": 12345678, "kind": "group", "im_type": 0, "name": None,
        "avatar": None, "describe": None, "background": None, "ext": "", "owner_id": 5, "grade": 1, "max_members": 500, "max_admins": 4,
        "member_count": 1, "group_count": 0, "comm_id": 0, "apply_approval": 0, "member_invite": False, "member_modify": False,
        "history_visible": True, "read_ack": False, "ban_all_until": 0, "origin": 1, "excellent": 0, "dynamic_count": 0, "status": 0,
        "created_at": 0, "updated_at": 0,
    }
    return Group(**{**fields, **overrides})


def a_member(**overrides) -> Member:
    fields = {
        "id": 1, "group_id": 1, "user_id": 5, "role": Role.MEMBER, "grade": 0, "nickname": None, "chat_bgd": None, "chat": ChatSetting(),
        "msg_mute_mode": 0, "msg_push_mode": 0, "muted_until": 0, "status": 0, "created_at": 0, "updated_at": 0,
    }
    return Member(**{**fields, **overrides})
