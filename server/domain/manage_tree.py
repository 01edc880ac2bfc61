"""The community dialect's group management tree (社群管理设置), as data.

Two top items, each with options; a leaf option stands for one value of a group setting,
so choosing it sets that value and `checked` marks the leaf the group's value matches
(the document's example checks 通过群号或关键词 but not its parent 允许被搜索):

    1 加群方式        3 允许任何人加入 (apply_approval 0)
                      4 需要管理员审核 (apply_approval 1)
                      5 不允许任何人加入 (apply_approval 2)
    2 查找方式        6 允许被搜索      7 通过群号或关键词 (search_mode 1)
                                        8 仅可通过群号 (search_mode 2)
                      9 不允许被搜索 (search_mode 0)
"""

from dataclasses import dataclass, field

from server.domain import errors
from server.domain.model import ApplyApproval, Group, SearchMode


@dataclass(frozen=True)
class ManageNode:
    id: int
    name: str
    pid: int  # 0 for a top item
    sort: int
    setting: str | None = None  # the Group field a leaf sets, None for a node that groups others
    value: int = 0


NODES = (
    ManageNode(1, "加群方式", 0, 1),
    ManageNode(2, "查找方式", 0, 2),
    ManageNode(3, "允许任何人加入", 1, 1, "apply_approval", ApplyApproval.OPEN),
    ManageNode(4, "需要管理员审核", 1, 2, "apply_approval", ApplyApproval.BY_ADMINS),
    ManageNode(5, "不允许任何人加入", 1, 3, "apply_approval", ApplyApproval.CLOSED),
    ManageNode(6, "允许被搜索", 2, 1),
    ManageNode(7, "通过群号或关键词", 6, 1, "search_mode", SearchMode.KEYWORD),
    ManageNode(8, "仅可通过群号", 6, 2, "search_mode", SearchMode.NUMBER),
    ManageNode(9, "不允许被搜索", 2, 2, "search_mode", SearchMode.HIDDEN),
)
ITEMS = [n for n in NODES if n.pid == 0]


@dataclass
class ManageOption:
    """An option as shown for one group."""

    node: ManageNode
    checked: bool
    child: list["ManageOption"] = field(default_factory=list)


def item(item_id: int) -> ManageNode:
    found = next((n for n in ITEMS if n.id == item_id), None)
    if found is None:
        raise errors.NotFound("管理项不存在")
    return found


def options(parent_id: int, group: Group) -> list[ManageOption]:
    """The options under a node, sorted, each checked when the group's setting matches it."""
    return [
        ManageOption(n, n.setting is not None and getattr(group, n.setting) == n.value, options(n.id, group))
        for n in sorted((n for n in NODES if n.pid == parent_id), key=lambda n: n.sort)
    ]


def choice(option_id: int, parent_id: int) -> ManageNode:
    """The option a group chooses (POST /group/manage/{id}: {id} is the option, pid its
    父级管理项): a leaf under pid, its direct parent or its top item."""
    node = next((n for n in NODES if n.id == option_id), None)
    if node is None:
        raise errors.NotFound("管理项不存在")
    if node.setting is None:
        raise errors.InvalidArgument("该管理项不能直接选择，请选择它的子项", field="id")
    if not _under(node, parent_id):
        raise errors.InvalidArgument("pid 不是该选项的父级管理项", field="pid")
    return node


def _under(node: ManageNode, ancestor_id: int) -> bool:
    while node.pid:
        if node.pid == ancestor_id:
            return True
        node = next(n for n in NODES if n.id == node.pid)
    return False
