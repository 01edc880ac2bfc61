"""Settings from the environment, with the contract's defaults."""

import os
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Settings:
    grpc_port: int
    http_port: int
    admin_port: int
    metrics_port: int  # per-RPC Prometheus metrics of every server process, on 127.0.0.1
    database_url: str
    data_dir: Path
    grpc_workers: int
    server_processes: int  # gRPC server processes behind Envoy, on ports GRPC_PORT, GRPC_PORT+1, ...
    jwt_jwks: str  # a JWKS document or a path to one; empty means the local key
    jwt_public_key: str  # a PEM public key or a path to one; empty means the local key
    # GROUP_CREATION_REQUIRES_CONDITIONS=1: creating a group or community needs every condition of
    # GET /api/groups/conditions met (both dialects).
    group_creation_requires_conditions: bool = False
    # CIRCLE_REQUIRE_AUDIT=1: a new circle is pending until CircleAdminService approves it.
    circle_require_audit: bool = False
    # PUBLIC_BASE_URL: where clients reach Envoy, for the URLs of uploaded circle avatars.
    public_base_url: str = ""
    # USERS_MUST_EXIST=1: a user id never seen (no token of theirs, no user sync) is refused.
    users_must_exist: bool = False
    # CORS_ALLOWED_ORIGINS: the browser origins Envoy answers CORS for, comma-separated; * any
    # (the default, as ThinkSNS+'s cors middleware: tokens travel in headers, not cookies); empty none.
    cors_allowed_origins: tuple[str, ...] = ("*",)
    # DATABASE_READ_URL: a streaming standby of DATABASE_URL's PostgreSQL; reads may go there, each
    # caller's own writes stay visible to them (server/storage/replica.py). Empty: the primary only.
    database_read_url: str = ""

    @classmethod
    def from_env(cls, env=None) -> "Settings":
        env = os.environ if env is None else env
        data_dir = Path(env.get("DATA_DIR", PROJECT_ROOT / "data"))
        return cls(
            grpc_port=int(env.get("GRPC_PORT", "50051")),
            http_port=int(env.get("HTTP_PORT", "8080")),
            admin_port=int(env.get("ADMIN_PORT", "9901")),
            metrics_port=int(env.get("METRICS_PORT", "9464")),
            database_url=env.get("DATABASE_URL", "sqlite:///data/groups.db"),
            data_dir=data_dir,
            grpc_workers=int(env.get("GRPC_WORKERS", "4")),
            server_processes=max(1, int(env.get("SERVER_PROCESSES", "1"))),
            jwt_jwks=env.get("JWT_JWKS", ""),
            jwt_public_key=env.get("JWT_PUBLIC_KEY", ""),
            group_creation_requires_conditions=env.get("GROUP_CREATION_REQUIRES_CONDITIONS", "") == "1",
            circle_require_audit=env.get("CIRCLE_REQUIRE_AUDIT", "") == "1",
            public_base_url=env.get("PUBLIC_BASE_URL", "") or f"http://127.0.0.1:{env.get('HTTP_PORT', '8080')}",
            users_must_exist=env.get("USERS_MUST_EXIST", "") == "1",
            database_read_url=env.get("DATABASE_READ_URL", ""),
            cors_allowed_origins=tuple(
                origin.strip() for origin in env.get("CORS_ALLOWED_ORIGINS", "*").split(",") if origin.strip()
            ),
        )
