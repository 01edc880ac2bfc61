"""Memoized view fragments: a message is a pure function of the plain values it is built from,
so a cached one is always the right one, and what a response holds is a copy of it."""

from groupkit.group.v1 import community_pb2 as pb
from server.api import community_views, im_views
from server.domain import model as dm


def _member(nickname=None, name="甲", msg_top=0, muted_until=0) -> dm.Member:
    return dm.Member(
        7, 3, 42, dm.Role.ADMIN, 0, nickname, None, dm.ChatSetting(msg_top, 0, 0, 0), 0, 0, muted_until, 0,
        1_700_000_000_000, 1_700_000_001_000, dm.UserProfile(42, name, None),
    )


def test_equal_inputs_give_the_cached_message_and_changed_inputs_a_new_one():
    first = community_views.member_item(_member())
    assert community_views.member_item(_member()) is first  # built once
    renamed = community_views.member_item(_member(name="乙"))
    pinned = community_views.member_item(_member(msg_top=1))
    assert renamed.user.name == "乙" and first.user.name == "甲"
    assert pinned.chat_setting.msg_top == 1 and first.chat_setting.msg_top == 0
    nicknamed = community_views.member_item(_member(nickname="昵称"))
    assert nicknamed.nickname.string_value == "昵称"
    assert first.nickname.WhichOneof("kind") == "null_value"


def test_a_response_holds_a_copy_so_changing_it_leaves_the_cache_alone():
    cached = community_views.member_item(_member())
    response = pb.ListMembersResponse(data=[cached])
    response.data[0].user.name = "改了"
    response.data.append(cached)
    response.data[1].role = 0
    assert community_views.member_item(_member()).user.name == "甲"
    assert community_views.member_item(_member()).role == int(dm.Role.ADMIN)


def test_what_varies_with_the_clock_is_part_of_the_key():
    muted = _member(muted_until=2_000)
    assert im_views.member(muted, now=1_000).expired_time == 2_000
    assert im_views.member(muted, now=3_000).expired_time == 0  # the mute ended: not the cached 2 000
    forever = _member(muted_until=dm.FOREVER)
    assert im_views.member(forever, now=3_000).expired_time == dm.FOREVER


def test_the_own_membership_struct_is_memoized_with_every_field_in_its_key():
    struct = community_views.own_member(_member())
    assert community_views.own_member(_member()) is struct
    other = community_views.own_member(_member(nickname="新"))
    assert other.struct_value["nickname"] == "新"
    assert struct.struct_value["nickname"] is None
    assert community_views.own_member(None).WhichOneof("kind") == "null_value"
