"""Building the gRPC server: servicers, the interceptor, health and reflection."""

import logging
from concurrent import futures

import grpc
from grpc_health.v1 import health, health_pb2, health_pb2_grpc
from grpc_reflection.v1alpha import reflection

from groupkit.circle.v1 import circle_service_pb2, circle_service_pb2_grpc
from groupkit.file.v1 import file_service_pb2, file_service_pb2_grpc
from groupkit.group.v1 import group_service_pb2, group_service_pb2_grpc
from groupkit.internal.v1 import (
    circle_admin_service_pb2,
    circle_admin_service_pb2_grpc,
    user_admin_service_pb2,
    user_admin_service_pb2_grpc,
)
from groupkit.internal.v1 import grades_admin_service_pb2 as grades_admin_pb2
from groupkit.internal.v1 import grades_admin_service_pb2_grpc as grades_admin_grpc
from groupkit.notice.v1 import notice_service_pb2, notice_service_pb2_grpc
from server.api.circle_methods import CircleAdminServicer, CircleServicer
from server.api.edge import EdgeInterceptor, current_caller, route_options
from server.api.file_servicer import FileServicer
from server.api.grades_methods import GradesAdminServicer
from server.api.notice_servicer import NoticeServicer
from server.api.servicers import GroupServicer, UserAdminServicer
from server.api.tokens import TokenVerifier
from server.config import Settings
from server.services import circles, grades, lookup
from server.services.users import ProfileCache, sync_profile
from server.storage.db import migrate, open_database
from server.storage.files import LocalFileStore
from server.storage.replica import Standby, acting_for
from server.storage.uow import UnitOfWork

log = logging.getLogger(__name__)

MAX_MESSAGE_BYTES = 16 * 1024 * 1024
SERVICES = [
    group_service_pb2.DESCRIPTOR.services_by_name["GroupService"],
    notice_service_pb2.DESCRIPTOR.services_by_name["NoticeService"],
    file_service_pb2.DESCRIPTOR.services_by_name["FileService"],
    user_admin_service_pb2.DESCRIPTOR.services_by_name["UserAdminService"],
    grades_admin_pb2.DESCRIPTOR.services_by_name["GradesAdminService"],
    circle_service_pb2.DESCRIPTOR.services_by_name["CircleService"],
    circle_admin_service_pb2.DESCRIPTOR.services_by_name["CircleAdminService"],
]


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
    grades.CREATION_GATE.needs_conditions = settings.group_creation_requires_conditions
    circles.SETTINGS.require_audit = settings.circle_require_audit
    lookup.USER_DIRECTORY.must_exist = settings.users_must_exist
    verifier = TokenVerifier(settings.data_dir, settings.jwt_jwks, settings.jwt_public_key)
    profiles = ProfileCache()

    def keep_profile(caller):
        token = acting_for.set((caller.principal.app, caller.principal.user_id))
        try:
            sync_profile(uow, profiles, caller.principal, caller.name, caller.avatar)
        finally:
            acting_for.reset(token)

    server = grpc.server(
        futures.ThreadPoolExecutor(max_workers=settings.grpc_workers),
        interceptors=[EdgeInterceptor(route_options(SERVICES), verifier, keep_profile)],
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

    health_servicer = health.HealthServicer()
    health_pb2_grpc.add_HealthServicer_to_server(health_servicer, server)
    for name in ["", *(s.full_name for s in SERVICES)]:
        health_servicer.set(name, health_pb2.HealthCheckResponse.SERVING)
    reflection.enable_server_reflection(
        [*(s.full_name for s in SERVICES), health.SERVICE_NAME, reflection.SERVICE_NAME], server
    )
    port = server.add_insecure_port(bind or f"127.0.0.1:{settings.grpc_port}")
    if port == 0:
        raise RuntimeError(f"cannot bind gRPC port {settings.grpc_port}")
    return server, port
