"""WebhookAdminService for the tests (admin token, gRPC port) and the audit entries a stack wrote."""

import grpc

from groupkit.internal.v1 import webhook_admin_service_pb2 as pb
from groupkit.internal.v1 import webhook_admin_service_pb2_grpc


class WebhookAdmin:
    def __init__(self, api, app="default"):
        self.api = api
        self.admin = api.user(admin=True, app=app)

    def call(self, method, request, token=None):
        with grpc.insecure_channel(f"127.0.0.1:{self.api.stack.grpc_port}") as channel:
            stub = webhook_admin_service_pb2_grpc.WebhookAdminServiceStub(channel)
            return getattr(stub, method)(
                request, metadata=[("authorization", f"Bearer {token or self.admin.token}")], timeout=15
            )

    def put_callback(self, hook, url, timeout_ms=0, failure_policy=""):
        return self.call("PutCallback", pb.PutCallbackRequest(callback=pb.Callback(
            hook=hook, url=url, timeout_ms=timeout_ms, failure_policy=failure_policy)))

    def delete_callback(self, hook):
        return self.call("DeleteCallback", pb.DeleteCallbackRequest(hook=hook))

    def create_endpoint(self, url, event_types=(), description=""):
        return self.call("CreateWebhookEndpoint", pb.CreateWebhookEndpointRequest(
            url=url, event_types=list(event_types), description=description))

    def deliveries(self, endpoint_id, status=""):
        return list(self.call("ListWebhookDeliveries", pb.ListWebhookDeliveriesRequest(
            endpoint_id=endpoint_id, status=status, limit=100)).deliveries)

    def endpoint(self, endpoint_id):
        endpoints = self.call("ListWebhookEndpoints", pb.ListWebhookEndpointsRequest()).endpoints
        return next(e for e in endpoints if e.id == endpoint_id)


def audit_rows(admin: WebhookAdmin, action: str) -> list[tuple]:
    """(actor, target, reason, the changes' new values) of the app's newest 100 audit entries
    with this action, oldest first, from AuditLogService."""
    from groupkit.internal.v1 import audit_log_service_pb2, audit_log_service_pb2_grpc

    with grpc.insecure_channel(f"127.0.0.1:{admin.api.stack.grpc_port}") as channel:
        reply = audit_log_service_pb2_grpc.AuditLogServiceStub(channel).ListAuditEntries(
            audit_log_service_pb2.ListAuditEntriesRequest(action=action, limit=100),
            metadata=[("authorization", f"Bearer {admin.admin.token}")], timeout=15,
        )
    return [(e.actor, e.target, e.reason, " ".join(c.new_value for c in e.changes)) for e in reversed(reply.entries)]
