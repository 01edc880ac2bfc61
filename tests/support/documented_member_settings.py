"""Documented shapes of the per-member settings: community (000) null-data replies, im (003) tables."""

from tests.support.documented import im
from tests.support.shapes import NUMBER, TEXT

IM_OBJECT = im({})  # mute_mode / push_mode: "data | object"; answered with an empty object
IM_DISPLAY_NAMES = im([{"display_name": TEXT, "expired_time": NUMBER, "join_time": NUMBER, "user_id": NUMBER}])
