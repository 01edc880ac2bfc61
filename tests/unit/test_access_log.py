"""The access line: one JSON object per request after the time and the logger's name."""

import json
import os
import re

from server.api.edge import AccessLog
from server.api.values import datetime_text


def test_each_request_is_one_line_with_a_json_object(tmp_path):
    path = tmp_path / "access.log"
    fd = os.open(path, os.O_WRONLY | os.O_CREAT)
    try:
        log = AccessLog(fd)
        log.write("/groupkit.group.v1.GroupService/GetGroup", "OK", 200, 1.25)
        log.write("/groupkit.group.v1.GroupService/GetGroup", "NOT_FOUND", 404, 0.5)
    finally:
        os.close(fd)
    lines = path.read_text().splitlines()
    assert len(lines) == 2
    for line in lines:
        assert re.match(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} groupkit\.access \{", line), line
    assert json.loads(lines[1].split(" ", 3)[3]) == {
        "method": "/groupkit.group.v1.GroupService/GetGroup", "status": "NOT_FOUND", "http": 404, "ms": 0.5,
    }


def test_community_times_are_utc_seconds():
    assert datetime_text(0) == "1970-01-01 00:00:00"
    assert datetime_text(1_795_693_710_999) == "2026-11-26 11:48:30"
    assert datetime_text(-1) == "1969-12-31 23:59:59"
