"""Circles domain rules: permissions, geohash, neighbouring cells, distance, paging; the body parser."""

import pytest

from server.api.forms import _nest, parse_body
from server.domain import circles as dc
from server.domain import errors


def test_permissions_from_an_array_or_a_comma_string():
    assert dc.parse_permissions(["administrator", "founder"]) == "administrator,founder"
    assert dc.parse_permissions("member, founder,member") == "member,founder"
    for bad, reason in ((["owner"], "无效的发帖权限参数"), ([], "无效的参数"), ("", "无效的参数"), (5, "无效的参数")):
        with pytest.raises(errors.InvalidArgument) as caught:
            dc.parse_permissions(bad)
        assert (caught.value.message, caught.value.field) == (reason, "permissions")


def test_geohash_matches_the_standard_encoding():
    assert dc.geohash(57.64911, 10.40744, 11) == "u4pruydqqvj"
    assert dc.geohash(30.66, 104.06, 4) == "wm3y"  # the reference, with its axes swapped, searches "uxvz"


def test_nearby_cells_are_the_cell_and_its_neighbours():
    cells = dc.nearby_cells(30.66, 104.06)
    assert "wm3y" in cells and len(cells) == 9
    assert dc.geohash(30.66 - 0.17, 104.06, 4) in cells and dc.geohash(30.66, 104.06 + 0.35, 4) in cells


def test_distance_is_great_circle():
    assert dc.distance_km(0, 0, 0, 1) == pytest.approx(111.19, abs=0.01)
    assert dc.distance_km(30.66, 104.06, 30.66, 104.06) == 0
    assert dc.distance_km(0, 179.5, 0, -179.5) == pytest.approx(111.19, abs=0.01)


def test_coordinates_and_paging_are_checked():
    assert dc.parse_coordinate("30.5", "latitude", 90) == 30.5
    for text in ("x", "", "inf", "nan", "90.1", None):
        with pytest.raises(errors.InvalidArgument):
            dc.parse_coordinate(text, "latitude", 90)
    assert dc.page(None, None, 15) == (15, 0)
    with pytest.raises(errors.InvalidArgument):
        dc.page(101, 0, 15)


def test_mode_may_only_become_more_private():
    dc.check_mode_change(dc.PUBLIC, dc.PAID)
    with pytest.raises(errors.InvalidArgument):
        dc.check_mode_change(dc.PRIVATE, dc.PUBLIC)


def test_php_bracket_forms_nest_into_lists_and_objects():
    assert _nest([("tags[0][id]", "1"), ("tags[1][id]", "2"), ("name", "x"), ("summary", "")]) == {
        "tags": [{"id": "1"}, {"id": "2"}], "name": "x", "summary": None}
    assert _nest([("tags[][id]", "1"), ("tags[][id]", "2"), ("permissions[]", "founder")]) == {
        "tags": [{"id": "1"}, {"id": "2"}], "permissions": ["founder"]}


class _Body:
    def __init__(self, content_type, data):
        self.content_type, self.data = content_type, data


def test_bodies_by_content_type():
    assert parse_body(_Body("application/json", b'{"a": "", "b": 1}')) == {"a": None, "b": 1}
    assert parse_body(_Body("application/x-www-form-urlencoded", b"id=12&x=%E5%9C%88")) == {"id": "12", "x": "圈"}
    multipart = (
        b"--B\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\n\xe5\x9c\x88\r\n"
        b"--B\r\nContent-Disposition: form-data; name=\"avatar\"; filename=\"a.png\"\r\nContent-Type: image/png\r\n\r\n"
        b"\x89PNG\r\n\x1a\nDATA\r\n--B--\r\n"
    )
    parsed = parse_body(_Body("multipart/form-data; boundary=B", multipart))
    assert parsed["name"] == "圈" and parsed["avatar"].data == b"\x89PNG\r\n\x1a\nDATA"
    assert parse_body(_Body("", b"")) == {}
    for bad in (_Body("application/json", b"[1]"), _Body("application/json", b"{x")):
        with pytest.raises(errors.InvalidArgument):
            parse_body(bad)
