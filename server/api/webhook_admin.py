"""WebhookAdminService: webhook endpoints and veto callbacks (internal, admin token)."""

from groupkit.internal.v1 import webhook_admin_service_pb2 as pb
from groupkit.internal.v1 import webhook_admin_service_pb2_grpc as pb_grpc
from server.api.edge import current_principal
from server.services import webhooks


def _endpoint(row: dict) -> pb.WebhookEndpoint:
    return pb.WebhookEndpoint(**row)


def _delivery(row: dict) -> pb.WebhookDelivery:
    return pb.WebhookDelivery(**{**row, "attempts": [pb.WebhookAttempt(**a) for a in row["attempts"]]})


class WebhookAdminServicer(pb_grpc.WebhookAdminServiceServicer):
    def __init__(self, uow):
        self.uow = uow

    def CreateWebhookEndpoint(self, request, context):
        endpoint, secret = webhooks.create_endpoint(
            self.uow, current_principal(), request.url, list(request.event_types), request.description)
        return pb.CreateWebhookEndpointResponse(endpoint=_endpoint(endpoint), secret=secret)

    def ListWebhookEndpoints(self, request, context):
        rows = webhooks.list_endpoints(self.uow, current_principal())
        return pb.ListWebhookEndpointsResponse(endpoints=[_endpoint(row) for row in rows])

    def UpdateWebhookEndpoint(self, request, context):
        changes = {name: getattr(request, name) for name in ("url", "enabled", "description")
                   if request.HasField(name)}
        if request.set_event_types:
            changes["event_types"] = list(request.event_types)
        endpoint = webhooks.update_endpoint(self.uow, current_principal(), request.id, changes)
        return pb.UpdateWebhookEndpointResponse(endpoint=_endpoint(endpoint))

    def DeleteWebhookEndpoint(self, request, context):
        webhooks.delete_endpoint(self.uow, current_principal(), request.id)
        return pb.DeleteWebhookEndpointResponse()

    def RotateWebhookSecret(self, request, context):
        secret, until = webhooks.rotate_secret(self.uow, current_principal(), request.id)
        return pb.RotateWebhookSecretResponse(secret=secret, previous_valid_until=until)

    def ListWebhookDeliveries(self, request, context):
        rows = webhooks.list_deliveries(self.uow, current_principal(), request.endpoint_id, request.status,
                                        request.before_id, request.limit)
        return pb.ListWebhookDeliveriesResponse(deliveries=[_delivery(row) for row in rows])

    def RedeliverWebhook(self, request, context):
        delivery = webhooks.redeliver(self.uow, current_principal(), request.delivery_id)
        return pb.RedeliverWebhookResponse(delivery=_delivery(delivery))

    def PutCallback(self, request, context):
        given = request.callback
        callback, secret = webhooks.put_callback(self.uow, current_principal(), given.hook, given.url,
                                                 given.timeout_ms, given.failure_policy)
        return pb.PutCallbackResponse(callback=pb.Callback(**callback), secret=secret)

    def ListCallbacks(self, request, context):
        rows = webhooks.list_callbacks(self.uow, current_principal())
        return pb.ListCallbacksResponse(callbacks=[pb.Callback(**row) for row in rows])

    def DeleteCallback(self, request, context):
        webhooks.delete_callback(self.uow, current_principal(), request.hook)
        return pb.DeleteCallbackResponse()
