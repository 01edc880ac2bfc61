"""A user's group lists (issue 20: only the columns they print): every live group of the user, in
the order the user joined them, which is not the groups' order."""

from server.domain.model import GroupKind, Role
from server.services import groups


def test_the_lists_follow_the_joining_order_not_the_groups(uow, users):
    made = [
        groups.create_group(uow, users(1), kind=GroupKind.GROUP, name=f"g{i}", avatar=None, describe=None, member_ids=[])
        for i in range(3)
    ]
    with uow.write("default") as store:
        for group in (made[2], made[0], made[1]):
            store.add_members(group.id, [2], Role.MEMBER, 0)
    expected = [made[2], made[0], made[1]]
    assert groups.joined_im_ids(uow, users(2)) == [g.im_id for g in expected]
    listed = groups.joined_groups(uow, users(2))
    assert [(g.id, g.im_id, g.name, g.role) for g in listed] == [(g.id, g.im_id, g.name, int(Role.MEMBER)) for g in expected]
    assert [g.role for g in groups.joined_groups(uow, users(1))] == [int(Role.OWNER)] * 3
    assert groups.joined_im_ids(uow, users(3)) == [] and groups.joined_groups(uow, users(3)) == []
