"""Assertions shared by the end-to-end tests."""

from tests.support.documented import COMMUNITY_ERROR, IM_ERROR
from tests.support.shapes import assert_shape


def assert_community_error(reply, status: int) -> None:
    """A failure in the community envelope: {"msg", "code": status, "data": null}."""
    assert reply.status_code == status, reply.text
    assert_shape(reply.json(), COMMUNITY_ERROR)
    assert reply.json()["code"] == status


def assert_im_error(reply, status: int) -> None:
    """A failure in the im envelope: {"code": status, "data": null, "message"}."""
    assert reply.status_code == status, reply.text
    assert_shape(reply.json(), IM_ERROR)
    assert reply.json()["code"] == status


def gid(group: dict) -> int:
    """The IM group id of a group as /group/create returns it."""
    return int(group["group_id"])
