"""Building the gRPC server: servicers, the interceptor, health and reflection."""

import logging
import os

import grpc
from grpc_health.v1 import health, health_pb2, health_pb2_grpc
from grpc_reflection.v1alpha import reflection, reflection_pb2, reflection_pb2_grpc

from groupkit.circle.v1 import circle_service_pb2, circle_service_pb2_grpc
from groupkit.event.v1 import event_service_pb2, event_service_pb2_grpc
from groupkit.file.v1 import file_service_pb2, file_service_pb2_grpc
from groupkit.group.v1 import group_service_pb2, group_service_pb2_grpc
from groupkit.internal.v1 import (
    audit_log_service_pb2,
    audit_log_service_pb2_grpc,
    circle_admin_service_pb2,
    circle_admin_service_pb2_grpc,
    user_admin_service_pb2,
    user_admin_service_pb2_grpc,
)
from groupkit.internal.v1 import grades_admin_service_pb2 as grades_admin_pb2
from groupkit.internal.v1 import grades_admin_service_pb2_grpc as grades_admin_grpc
from groupkit.internal.v1 import webhook_admin_service_pb2 as webhook_admin_pb2
from groupkit.internal.v1 import webhook_admin_service_pb2_grpc as webhook_admin_grpc
from groupkit.notice.v1 import notice_service_pb2, notice_service_pb2_grpc
from server.api.call_pools import CallPools
from server.api.circle_methods import CircleAdminServicer, CircleServicer
from server.api.edge import EdgeInterceptor, current_caller, route_options
from server.api.event_methods import AuditLogServicer, EventServicer
from server.api.file_servicer import FileServicer
from server.api.grades_methods import GradesAdminServicer
from server.api.notice_servicer import NoticeServicer
from server.api.servicers import GroupServicer, UserAdminServicer
from server.api.tokens import TokenVerifier
from server.api.webhook_admin import WebhookAdminServicer
from server.config import Settings
from server.delivery.callbacks import CallbackSettings, Veto
from server.delivery.targets import TARGETS
from server.delivery.worker import Worker, WorkerSettings
from server.services import circles, event_types, events, grades, lookup, webhooks
from server.services.users import ProfileCache, sync_profile
from server.storage.db import migrate, open_database
from server.storage.files import LocalFileStore
from server.storage.replica import Standby, acting_for
from server.storage.uow import UnitOfWork

log = logging.getLogger(__name__)

MAX_MESSAGE_BYTES = 16 * 1024 * 1024
STREAM_SPARE = 8  # health Watch and reflection streams (Envoy and grpcurl open some)
SERVICES = [
    group_service_pb2.DESCRIPTOR.services_by_name["GroupService"],
    notice_service_pb2.DESCRIPTOR.services_by_name["NoticeService"],
    file_service_pb2.DESCRIPTOR.services_by_name["FileService"],
    user_admin_service_pb2.DESCRIPTOR.services_by_name["UserAdminService"],
    grades_admin_pb2.DESCRIPTOR.services_by_name["GradesAdminService"],
    circle_service_pb2.DESCRIPTOR.services_by_name["CircleService"],
    circle_admin_service_pb2.DESCRIPTOR.services_by_name["CircleAdminService"],
    webhook_admin_pb2.DESCRIPTOR.services_by_name["WebhookAdminService"],
    event_service_pb2.DESCRIPTOR.services_by_name["EventService"],
    audit_log_service_pb2.DESCRIPTOR.services_by_name["AuditLogService"],
]
assert event_types.EVENT_TYPES  # the audited types are loaded before the first write


# Served on the gRPC port only, never routed by Envoy: the internal admin services and the event feed.
INTERNAL_PACKAGE = ("groupkit.internal.", "groupkit.event.")
PUBLIC_PORT_HEADER = ("x-groupkit-port", "public")  # Envoy's public port adds it to every call it forwards


class _PublicReflection(reflection.ReflectionServicer):
    """Reflection as the public port shows it: internal services are unknown there."""

    def _file_containing_symbol(self, request, fully_qualified_name):
        if fully_qualified_name.startswith(INTERNAL_PACKAGE):
            return reflection_pb2.ServerReflectionResponse(
                error_response=reflection_pb2.ErrorResponse(
                    error_code=grpc.StatusCode.NOT_FOUND.value[0], error_message=b"not served on the public port",
                ),
                original_request=request,
            )
        return super()._file_containing_symbol(request, fully_qualified_name)


class PortAwareReflection(reflection.ReflectionServicer):
    """Server reflection (issue 21): every service to callers on the gRPC port, only the public
    ones (and health, reflection) to calls Envoy's public port forwarded."""

    def __init__(self, every_service: list[str], public_services: list[str]):
        super().__init__(every_service)
        self._public = _PublicReflection(public_services)

    def ServerReflectionInfo(self, request_iterator, context):
        if PUBLIC_PORT_HEADER in tuple(context.invocation_metadata()):
            return self._public.ServerReflectionInfo(request_iterator, context)
        return super().ServerReflectionInfo(request_iterator, context)


def _caller_key() -> tuple[str, int] | None:
    """Whose reads and writes these are, for read-your-writes with a standby."""
    caller = current_caller.get()
    if caller is not None:
        return caller.principal.app, caller.principal.user_id
    return acting_for.get()


def _standby(settings: Settings) -> Standby | None:
    """DATABASE_READ_URL's standby, if one is set (issue 19)."""
    if not settings.database_read_url:
        return None
    return Standby(open_database(settings.database_read_url, bind=False), _caller_key)


def build_server(settings: Settings, bind: str | None = None) -> tuple[grpc.Server, int]:
    """A started-ready (not yet started) server bound to 127.0.0.1:GRPC_PORT; returns it and the port."""
    db = open_database(settings.database_url)
    migrate(db)
    uow = UnitOfWork(db, _standby(settings))
    event_settings = events.EventSettings.from_env(os.environ)  # EVENT_*/AUDIT_* variables
    hub = events.EventHub(db, event_settings)
    uow.after_commit = hub.committed
    grades.CREATION_GATE.needs_conditions = settings.group_creation_requires_conditions
    circles.SETTINGS.require_audit = settings.circle_require_audit
    lookup.USER_DIRECTORY.must_exist = settings.users_must_exist
    verifier = TokenVerifier(settings.data_dir, settings.jwt_jwks, settings.jwt_public_key,
                             require_exp=settings.jwt_require_exp, max_lifetime_seconds=settings.jwt_max_lifetime_seconds)
    profiles = ProfileCache()

    def keep_profile(caller):
        token = acting_for.set((caller.principal.app, caller.principal.user_id))
        try:
            sync_profile(uow, profiles, caller.principal, caller.name, caller.avatar)
        finally:
            acting_for.reset(token)

    veto = _veto(settings, uow)
    server = grpc.server(
        # Unary calls on grpc_workers threads; each open Watch (and list stream) on a thread of its own.
        CallPools(settings.grpc_workers, streams=settings.grpc_workers + event_settings.max_watchers + STREAM_SPARE),
        interceptors=[EdgeInterceptor(route_options(SERVICES), verifier, keep_profile, workers=settings.grpc_workers,
                                      veto=veto, im_errors_as_200=settings.im_errors_as_200)],
        options=[
            ("grpc.max_receive_message_length", MAX_MESSAGE_BYTES),
            ("grpc.max_send_message_length", MAX_MESSAGE_BYTES),
            # A stale server on the same port must fail the bind, not share traffic.
            ("grpc.so_reuseport", 0),
        ],
    )
    group_service_pb2_grpc.add_GroupServiceServicer_to_server(GroupServicer(uow), server)
    notice_service_pb2_grpc.add_NoticeServiceServicer_to_server(NoticeServicer(uow), server)
    file_service_pb2_grpc.add_FileServiceServicer_to_server(FileServicer(uow), server)
    user_admin_service_pb2_grpc.add_UserAdminServiceServicer_to_server(UserAdminServicer(uow), server)
    grades_admin_grpc.add_GradesAdminServiceServicer_to_server(GradesAdminServicer(uow), server)
    circle_files = LocalFileStore(settings.data_dir / "circle-avatars")
    circle_service_pb2_grpc.add_CircleServiceServicer_to_server(
        CircleServicer(uow, circle_files, settings.public_base_url), server
    )
    circle_admin_service_pb2_grpc.add_CircleAdminServiceServicer_to_server(CircleAdminServicer(uow), server)
    webhook_admin_grpc.add_WebhookAdminServiceServicer_to_server(WebhookAdminServicer(uow), server)
    server.webhook_worker = _worker(settings, db).follow(hub)  # started with the server by server/__main__.py
    event_service_pb2_grpc.add_EventServiceServicer_to_server(EventServicer(uow, hub), server)
    audit_log_service_pb2_grpc.add_AuditLogServiceServicer_to_server(AuditLogServicer(uow), server)
    hub.start()

    health_servicer = health.HealthServicer()
    health_pb2_grpc.add_HealthServicer_to_server(health_servicer, server)
    for name in ["", *(s.full_name for s in SERVICES)]:
        health_servicer.set(name, health_pb2.HealthCheckResponse.SERVING)
    # This start's identity (make run's supervisor, issue 21): it waits for SERVING on this name,
    # which a foreign server on the same port would not answer.
    if os.environ.get("GROUPKIT_INSTANCE"):
        health_servicer.set(f"groupkit.instance.{os.environ['GROUPKIT_INSTANCE']}", health_pb2.HealthCheckResponse.SERVING)
    reflection_pb2_grpc.add_ServerReflectionServicer_to_server(
        PortAwareReflection(
            [*(s.full_name for s in SERVICES), health.SERVICE_NAME, reflection.SERVICE_NAME],
            [*(s.full_name for s in SERVICES if not s.full_name.startswith(INTERNAL_PACKAGE)),
             health.SERVICE_NAME, reflection.SERVICE_NAME],
        ),
        server,
    )
    port = server.add_insecure_port(bind or f"127.0.0.1:{settings.grpc_port}")
    if port == 0:
        raise RuntimeError(f"cannot bind gRPC port {settings.grpc_port}")
    return server, port


def _veto(settings: Settings, uow) -> Veto:
    """The veto callbacks' client; WebhookAdminService changes in this process reach it at once,
    other processes' within its config TTL."""
    TARGETS.allow_private = settings.webhook_allow_private
    webhooks.SETTINGS.rotation_grace_seconds = settings.webhook_rotation_grace_seconds
    veto = Veto(
        load=lambda app: webhooks.load_callbacks(uow, app),
        audit=lambda principal, hook, policy, why, request_id: webhooks.record_fallback(
            uow, principal, hook, policy, why, request_id),
        settings=CallbackSettings(settings.callback_breaker_failures, settings.callback_breaker_seconds),
    )
    webhooks.SETTINGS.on_callbacks_changed = veto.forget
    return veto


def _worker(settings: Settings, db) -> Worker:
    options = WorkerSettings(
        poll_seconds=settings.webhook_poll_seconds, timeout_seconds=settings.webhook_timeout_seconds,
        endpoint_concurrency=settings.webhook_endpoint_concurrency, senders=settings.webhook_senders,
        disable_after_seconds=settings.webhook_disable_after_seconds,
    )
    if settings.webhook_retry_schedule:
        options = WorkerSettings(**{**options.__dict__, "schedule": settings.webhook_retry_schedule})
    return Worker(db, options)
