"""Moderation results → messages of both dialects (documents 000 and 003)."""

from groupkit.group.v1 import moderation_pb2 as pb
from server.api import im_views
from server.domain import manage_tree


def manage_items() -> list[pb.ManageItem]:
    return [pb.ManageItem(id=n.id, name=n.name) for n in manage_tree.ITEMS]


def manage_option(option: manage_tree.ManageOption) -> pb.ManageOption:
    node = option.node
    return pb.ManageOption(
        id=node.id, name=node.name, pid=node.pid, sort=node.sort, checked=int(option.checked),
        child=[manage_option(c) for c in option.child],
    )


def ban_all(ban_all_until: int) -> pb.ImBanAll:
    return pb.ImBanAll(ban_expire_time=im_views.ban_expire_seconds(ban_all_until))
