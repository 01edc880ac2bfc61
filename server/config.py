"""Settings from the environment, with the contract's defaults. A malformed value raises
SettingsError, whose message names the variable and what it accepts (make run prints it and
stops, never with a traceback)."""

import os
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_JWT_MAX_LIFETIME_SECONDS = 31 * 24 * 3600  # make token's 30 days fit


class SettingsError(ValueError):
    """A malformed setting: the message names the variable, the value and what it accepts."""


def integer(env, name: str, default: int, *, minimum: int = 1, maximum: int | None = None, what: str = "") -> int:
    """A whole number in [minimum, maximum] from env[name]; unset or blank is the default."""
    raw = env.get(name, "")
    if not raw.strip():
        return default
    accepts = what or (f"a whole number from {minimum} to {maximum}" if maximum is not None
                       else f"a whole number, at least {minimum}")
    try:
        value = int(raw.strip())
    except ValueError:
        raise SettingsError(f"{name} must be {accepts}, not {raw!r}") from None
    if value < minimum or (maximum is not None and value > maximum):
        raise SettingsError(f"{name} must be {accepts}, not {raw!r}")
    return value


def port(env, name: str, default: int) -> int:
    return integer(env, name, default, minimum=1, maximum=65535, what="a TCP port number (1 to 65535)")


def seconds(env, name: str, default: float) -> float:
    """A duration in seconds (a decimal number > 0) from env[name]; unset or blank is the default."""
    raw = env.get(name, "")
    if not raw.strip():
        return default
    try:
        value = float(raw.strip())
    except ValueError:
        value = -1.0
    if not value > 0 or value == float("inf"):
        raise SettingsError(f"{name} must be a number of seconds above 0, not {raw!r}")
    return value


def seconds_list(env, name: str) -> tuple[float, ...]:
    """Comma-separated durations in seconds (each ≥ 0); unset or blank is ()."""
    raw = env.get(name, "")
    try:
        values = tuple(float(part) for part in raw.split(",") if part.strip())
    except ValueError:
        values = (-1.0,)
    if any(not value >= 0 or value == float("inf") for value in values):
        raise SettingsError(f"{name} must be comma-separated numbers of seconds, not {raw!r}")
    return values


def data_dir_from_env(env) -> Path:
    """DATA_DIR (relative to the working directory), else the checkout's data/: always absolute."""
    return Path(env.get("DATA_DIR", "") or PROJECT_ROOT / "data").absolute()


TRUE, FALSE = ("1", "true", "yes", "on"), ("", "0", "false", "no", "off")


def flag(env, name: str) -> bool:
    """On for 1/true/yes/on, off for unset, empty, 0/false/no/off (any case); else an error."""
    raw = env.get(name, "")
    value = raw.strip().lower()
    if value in TRUE:
        return True
    if value in FALSE:
        return False
    raise SettingsError(f"{name} must be 1, true or yes (on) or 0, false, no or empty (off), not {raw!r}")


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
    # Webhooks and veto callbacks (server/delivery). WEBHOOK_ALLOW_PRIVATE=1 lets URLs reach private
    # and loopback addresses (tests, closed networks); the rest tune the worker (tests shorten them).
    webhook_allow_private: bool = False
    webhook_poll_seconds: float = 1.0
    webhook_timeout_seconds: float = 15.0
    webhook_endpoint_concurrency: int = 4
    webhook_senders: int = 8
    webhook_retry_schedule: tuple[float, ...] = ()  # seconds after the first attempt; () the spec's
    webhook_disable_after_seconds: float = 3 * 86400
    webhook_rotation_grace_seconds: float = 86400
    callback_breaker_failures: int = 5
    callback_breaker_seconds: float = 30.0
    # IM_ERRORS_AS_200=1: every im-dialect error answers HTTP 200 with the status in the envelope's
    # code (402 for a missing, expired or invalid token), as MaxIM's server and web SDK expect.
    im_errors_as_200: bool = False
    # JWT_REQUIRE_EXP (default on): a token without exp is refused, at the edge and in the server;
    # off only for identity providers that cannot set it.
    jwt_require_exp: bool = True
    # JWT_MAX_LIFETIME_SECONDS: a token whose exp is further ahead (of its iat, and of now) is
    # refused; 0 means no maximum.
    jwt_max_lifetime_seconds: int = DEFAULT_JWT_MAX_LIFETIME_SECONDS
    # DATABASE_READ_URL: a streaming standby of DATABASE_URL's PostgreSQL; reads may go there, each
    # caller's own writes stay visible to them (server/storage/replica.py). Empty: the primary only.
    database_read_url: str = ""

    @classmethod
    def from_env(cls, env=None) -> "Settings":
        env = os.environ if env is None else env
        data_dir = data_dir_from_env(env)
        http_port = port(env, "HTTP_PORT", 8080)
        server_processes = integer(env, "SERVER_PROCESSES", 1, maximum=64)
        grpc_port = port(env, "GRPC_PORT", 50051)
        if grpc_port + server_processes - 1 > 65535:
            raise SettingsError(f"GRPC_PORT + SERVER_PROCESSES - 1 must be at most 65535, not {grpc_port + server_processes - 1}")
        database_url = env.get("DATABASE_URL", "").strip() or f"sqlite:///{data_dir}/groups.db"
        if not database_url.startswith(("sqlite:///", "postgres://", "postgresql://")):
            raise SettingsError(
                "DATABASE_URL must be sqlite:///relative/path, sqlite:////absolute/path or "
                f"postgresql://user:pass@host:port/db, not {database_url!r}"
            )
        return cls(
            grpc_port=grpc_port,
            http_port=http_port,
            admin_port=port(env, "ADMIN_PORT", 9901),
            metrics_port=port(env, "METRICS_PORT", 9464),
            database_url=database_url,
            data_dir=data_dir,
            grpc_workers=integer(env, "GRPC_WORKERS", 4, maximum=256),
            server_processes=server_processes,
            jwt_jwks=env.get("JWT_JWKS", ""),
            jwt_public_key=env.get("JWT_PUBLIC_KEY", ""),
            group_creation_requires_conditions=flag(env, "GROUP_CREATION_REQUIRES_CONDITIONS"),
            circle_require_audit=flag(env, "CIRCLE_REQUIRE_AUDIT"),
            public_base_url=env.get("PUBLIC_BASE_URL", "") or f"http://127.0.0.1:{http_port}",
            users_must_exist=flag(env, "USERS_MUST_EXIST"),
            im_errors_as_200=flag(env, "IM_ERRORS_AS_200"),
            database_read_url=env.get("DATABASE_READ_URL", "").strip(),
            cors_allowed_origins=tuple(
                origin.strip() for origin in env.get("CORS_ALLOWED_ORIGINS", "*").split(",") if origin.strip()
            ),
            jwt_require_exp=not flag(env, "JWT_ALLOW_NO_EXP"),
            jwt_max_lifetime_seconds=integer(
                env, "JWT_MAX_LIFETIME_SECONDS", DEFAULT_JWT_MAX_LIFETIME_SECONDS, minimum=0,
                what="a whole number of seconds (0: no maximum)",
            ),
            webhook_allow_private=flag(env, "WEBHOOK_ALLOW_PRIVATE"),
            webhook_poll_seconds=seconds(env, "WEBHOOK_POLL_SECONDS", 1.0),
            webhook_timeout_seconds=seconds(env, "WEBHOOK_TIMEOUT_SECONDS", 15.0),
            webhook_endpoint_concurrency=integer(env, "WEBHOOK_ENDPOINT_CONCURRENCY", 4, maximum=1024),
            webhook_senders=integer(env, "WEBHOOK_SENDERS", 8, maximum=1024),
            webhook_retry_schedule=seconds_list(env, "WEBHOOK_RETRY_SCHEDULE"),
            webhook_disable_after_seconds=seconds(env, "WEBHOOK_DISABLE_AFTER_SECONDS", 3 * 86400.0),
            webhook_rotation_grace_seconds=seconds(env, "WEBHOOK_ROTATION_GRACE_SECONDS", 86400.0),
            callback_breaker_failures=integer(env, "CALLBACK_BREAKER_FAILURES", 5),
            callback_breaker_seconds=seconds(env, "CALLBACK_BREAKER_SECONDS", 30.0),
        )
