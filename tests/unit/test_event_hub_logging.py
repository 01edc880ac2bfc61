"""The event hub's background loops: a dropped database connection is one warning line (the loop
retries); any other fault keeps its traceback."""

import logging

import peewee as pw
import psycopg2

from server.services import events


def _logged(caplog, exc):
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger=events.log.name):
        events._log_failure("publishing events failed; retrying", exc)
    [record] = caplog.records
    return record


def test_a_dropped_connection_is_one_line_without_a_traceback(caplog):
    for exc in (pw.OperationalError("server closed the connection unexpectedly\n\tThis probably means"),
                pw.InterfaceError("connection already closed"),
                psycopg2.OperationalError("terminating connection due to administrator command")):
        record = _logged(caplog, exc)
        assert record.exc_info is None
        assert "\n" not in record.getMessage() and record.getMessage().startswith("publishing events failed; retrying: ")


def test_another_fault_keeps_its_traceback(caplog):
    for exc in (pw.ProgrammingError("column \"seq\" does not exist"), KeyError("app")):
        try:
            raise exc
        except Exception as raised:
            record = _logged(caplog, raised)
        assert record.exc_info is not None and record.exc_info[1] is exc
        assert "Traceback" in caplog.text
