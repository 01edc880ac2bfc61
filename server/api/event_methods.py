"""groupkit.event.v1.EventService and groupkit.internal.v1.AuditLogService: internal, on the
gRPC port only (Envoy forwards neither)."""

import datetime
import json

from google.protobuf import struct_pb2

from groupkit.event.v1 import event_pb2, event_service_pb2, event_service_pb2_grpc
from groupkit.internal.v1 import audit_log_service_pb2 as audit_pb
from groupkit.internal.v1 import audit_log_service_pb2_grpc
from server.api.edge import current_principal
from server.domain.events import EventRecord
from server.services import audit, events


def rfc3339(ms: int) -> str:
    moment = datetime.datetime.fromtimestamp(ms / 1000, tz=datetime.UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{ms % 1000:03d}Z"


def event_message(record: EventRecord) -> event_pb2.Event:
    data = struct_pb2.Struct()
    data.update(record.data)
    return event_pb2.Event(
        id=record.id, seq=record.seq, type=record.type, occurred_at=rfc3339(record.occurred_at), app=record.app,
        group_id=record.group_id or 0, circle_id=record.circle_id or 0, version=record.version,
        actor=record.actor, target=record.target, reason=record.reason, request_id=record.request_id, data=data,
    )


class EventServicer(event_service_pb2_grpc.EventServiceServicer):
    def __init__(self, uow, hub: events.EventHub):
        self.uow = uow
        self.hub = hub

    def Watch(self, request, context):
        frames = events.watch(
            self.uow, self.hub, current_principal(), request.after_seq, list(request.types),
            list(request.group_ids), context.is_active,
        )
        for frame in frames:
            yield event_service_pb2.WatchResponse(
                events=[event_message(e) for e in frame.events], seq=frame.seq, progress=frame.progress
            )

    def GetCursor(self, request, context):
        seq, oldest = events.get_cursor(self.uow, current_principal())
        return event_service_pb2.GetCursorResponse(seq=seq, oldest_seq=oldest)

    def ListEvents(self, request, context):
        rows, next_after, more = events.list_events(
            self.uow, current_principal(), request.after_seq, request.page_size, list(request.types),
            list(request.group_ids),
        )
        return event_service_pb2.ListEventsResponse(
            events=[event_message(e) for e in rows], next_after_seq=next_after, more=more
        )


def _json(value) -> str:
    return json.dumps(value, ensure_ascii=False)


class AuditLogServicer(audit_log_service_pb2_grpc.AuditLogServiceServicer):
    def __init__(self, uow):
        self.uow = uow

    def ListAuditEntries(self, request, context):
        entries = audit.list_entries(
            self.uow, current_principal(), before=request.before, after=request.after, limit=request.limit,
            group_ref=request.group_id, circle_id=request.circle_id, actor_filter=request.actor,
            action=request.action, target=request.target,
        )
        return audit_pb.ListAuditEntriesResponse(entries=[
            audit_pb.AuditLogEntry(
                id=e.id, actor=e.actor, action=e.action, target=e.target,
                changes=[
                    audit_pb.AuditLogChange(key=str(c.get("key", "")), old_value=_json(c.get("old")),
                                            new_value=_json(c.get("new")))
                    for c in e.changes
                ],
                reason=e.reason, request_id=e.request_id, group_id=e.group_id or 0, circle_id=e.circle_id or 0,
                created_at=rfc3339(e.created_at),
            )
            for e in entries
        ])
