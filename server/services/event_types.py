"""The event types, read from groupkit.event.v1.EventType (the one documented list)."""

from groupkit.event.v1 import event_pb2
from server.domain import events as de


def _types() -> dict[str, bool]:
    found = {}
    for value in event_pb2.EventType.DESCRIPTOR.values:
        option = value.GetOptions().Extensions[event_pb2.event_type]
        if option.name:
            found[option.name] = option.audited
    return found


EVENT_TYPES: dict[str, bool] = _types()  # name → audited
de.AUDITED.update(name for name, audited in EVENT_TYPES.items() if audited)
