"""Domain errors. Each says what went wrong in words a client can show; the API
layer turns the class into a gRPC status, an HTTP status and the dialect's envelope."""


class DomainError(Exception):
    reason = "INTERNAL"

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


class InvalidArgument(DomainError):
    reason = "INVALID_ARGUMENT"


class InvalidArguments(InvalidArgument):
    """Several fields are invalid at once, each with its reason (Laravel's validator lists them
    all); message and field are the first one's."""

    def __init__(self, violations: dict[str, str]):
        field, message = next(iter(violations.items()))
        super().__init__(message, field=field)
        self.violations = dict(violations)


class Unauthenticated(DomainError):
    reason = "UNAUTHENTICATED"


class PermissionDenied(DomainError):
    reason = "PERMISSION_DENIED"


class CallbackDenied(PermissionDenied):
    """The app's veto callback refused the action (or failed under failure_policy deny);
    the message is the callback's, code the callback's own code (0 none)."""

    reason = "CALLBACK_DENIED"

    def __init__(self, message: str, code: int = 0):
        super().__init__(message)
        self.code = code
        self.metadata = {"callback_code": str(code)}  # ErrorInfo.metadata for gRPC callers


class NotFound(DomainError):
    reason = "NOT_FOUND"


class AlreadyExists(DomainError):
    reason = "ALREADY_EXISTS"


class LimitReached(DomainError):
    reason = "LIMIT_REACHED"


class FailedPrecondition(DomainError):
    reason = "FAILED_PRECONDITION"


class TooLarge(DomainError):
    reason = "TOO_LARGE"


class RateLimited(DomainError):
    reason = "RATE_LIMITED"


class Unavailable(DomainError):
    """Try again shortly: the database was too busy (contention), nothing was changed."""

    reason = "UNAVAILABLE"


class Contention(Unavailable):
    """The transaction lost a serialization conflict or a deadlock, or waited too long for a lock;
    it was rolled back whole, so running the use case again is safe."""

    ATTEMPTS = 4  # runs of one use case (the first and three retries) before the 503 stands


class OutOfRange(DomainError):
    """A cursor older than what is kept (events past retention). metadata goes into the
    google.rpc.ErrorInfo (oldest_seq)."""

    reason = "CURSOR_EXPIRED"

    def __init__(self, message: str, metadata: dict[str, str] | None = None):
        super().__init__(message)
        self.metadata = metadata or {}
