"""Circles: GET /round/groups orders approved circles by great-circle distance, nearest first,
checked against distances computed here with another formula (spherical law of cosines)."""

import math

import pytest

from tests.support import documented_circles as doc
from tests.support.circles_setup import CircleAdmin, P, assert_circles_error, create_circle
from tests.support.shapes import assert_shape

CENTER = (-33.8688, 151.2093)  # Sydney: no other test puts circles here


def _distance_km(a, b):
    (lat1, lon1), (lat2, lon2) = (tuple(map(math.radians, p)) for p in (a, b))
    cosine = math.sin(lat1) * math.sin(lat2) + math.cos(lat1) * math.cos(lat2) * math.cos(lon2 - lon1)
    return 6371.0 * math.acos(max(-1.0, min(1.0, cosine)))


@pytest.fixture(scope="module")
def placed(api):
    admin = CircleAdmin(api)
    category, tag = admin.category(), admin.tag()
    owner = api.user()
    points = {
        "east_8km": (-33.8688, 151.2950),
        "north_3km": (-33.8418, 151.2093),
        "next_cell_20km": (-34.0500, 151.2093),
        "sw_15km": (-33.9700, 151.1000),
        "here": (-33.8690, 151.2090),
        "far_150km": (-32.9283, 151.7817),  # Newcastle: outside the prefilter
    }
    made = {}
    for name, (lat, lon) in points.items():  # created in this order: ids do not follow distance
        made[name] = create_circle(owner, category, tag, location=name, latitude=str(lat), longitude=str(lon),
                                   geo_hash="client-value")
    pending = create_circle(owner, category, tag, location="x", latitude="-33.8688", longitude="151.2093", geo_hash="x")
    admin.review(pending["id"], 3)  # closed: never listed
    return points, made


def test_nearby_orders_by_true_distance(api, placed):
    points, made = placed
    reply = api.request("GET", f"{P}/round/groups", params={"latitude": CENTER[0], "longitude": CENTER[1]})
    assert reply.status_code == 200, reply.text
    assert_shape(reply.json(), [doc.CIRCLE])
    expected = sorted((n for n in points if n != "far_150km"), key=lambda n: _distance_km(CENTER, points[n]))
    assert [c["id"] for c in reply.json()] == [made[n]["id"] for n in expected]
    assert expected[0] == "here" and expected[-1] == "next_cell_20km"
    assert made["far_150km"]["id"] not in [c["id"] for c in reply.json()]
    page = api.request("GET", f"{P}/round/groups", params={"latitude": CENTER[0], "longitude": CENTER[1],
                                                             "limit": 2, "offset": 1}).json()
    assert [c["id"] for c in page] == [made[n]["id"] for n in expected[1:3]]


def test_latitude_and_longitude_are_not_swapped(api, placed):
    # The reference reads the point with its axes swapped; here latitude is latitude: the
    # swapped pair is refused (151 is no latitude) and the right pair finds the circles.
    swapped = api.request("GET", f"{P}/round/groups", params={"latitude": CENTER[1], "longitude": CENTER[0]})
    assert list(assert_circles_error(swapped, 422)["errors"]) == ["latitude"]
    _, made = placed
    here = api.request("GET", f"{P}/round/groups", params={"latitude": -33.869, "longitude": 151.209}).json()
    assert here[0]["id"] == made["here"]["id"]


@pytest.mark.parametrize(("params", "field"), [
    ({"longitude": "151.2"}, "latitude"),
    ({"latitude": "-33.8"}, "longitude"),
    ({"latitude": "abc", "longitude": "151.2"}, "latitude"),
    ({"latitude": "-33.8", "longitude": "east"}, "longitude"),
    ({"latitude": "91", "longitude": "151.2"}, "latitude"),
    ({"latitude": "-33.8", "longitude": "-181"}, "longitude"),
    ({"latitude": "nan", "longitude": "151.2"}, "latitude"),
])
def test_nearby_needs_numeric_coordinates(api, params, field):
    body = assert_circles_error(api.request("GET", f"{P}/round/groups", params=params), 422)
    assert list(body["errors"]) == [field]
