"""The one interceptor between gRPC and the servicers.

It identifies the caller, runs the handler, and turns the outcome into what both kinds
of client expect: native gRPC callers get real status codes (with a google.rpc.ErrorInfo
detail); REST callers through Envoy get the dialect's HTTP status and envelope, carried
in x-http-code / x-http-body metadata that envoy/edge.lua applies. No exception text
ever reaches a client."""

import contextlib
import contextvars
import json
import logging
import os
import random
import threading
import time
from urllib.parse import unquote

import grpc
from google.protobuf import any_pb2
from google.rpc import error_details_pb2, status_pb2

from groupkit.common.v1 import options_pb2
from server.api import metrics
from server.api.callback_view import request_json
from server.api.principal import Caller, identify
from server.api.values import check_numbers
from server.domain import errors, events

log = logging.getLogger("groupkit.access")

current_caller: contextvars.ContextVar[Caller | None] = contextvars.ContextVar("current_caller", default=None)


class AccessLog:
    """One line per request, written with one write(2): no LogRecord, no handler lock (under load
    the worker threads queued on the logging lock, about 6 % of the server's time, and building
    the record cost as much again). A line is shorter than PIPE_BUF, so lines from several
    threads or processes never interleave. Same format as the root logger's lines."""

    def __init__(self, fd: int):
        self._fd = fd
        self._second = -1
        self._stamp = ""

    def write(self, method: str, outcome: str, http_status: int, ms: float) -> None:
        now = time.time()
        second = int(now)
        if second != self._second:  # a racing thread at worst formats the same second twice
            self._stamp, self._second = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(second)), second
        line = (f'{self._stamp},{int((now - second) * 1000):03d} {log.name} {{"method": "{method}", '
                f'"status": "{outcome}", "http": {http_status}, "ms": {ms}}}\n')
        try:
            os.write(self._fd, line.encode())
        except OSError:
            pass


_access_log: AccessLog | None = None


def install_access_log(fd: int = 2) -> None:
    """The server's access lines go straight to fd (stderr) instead of through the logging module."""
    global _access_log
    _access_log = AccessLog(fd)


def current_principal():
    """The caller of the RPC being served (None only on a public RPC called without a token)."""
    caller = current_caller.get()
    return caller.principal if caller is not None else None

# Server-streaming RPCs that stay open, sending as they go (the others are produced whole first).
LIVE_STREAMS = frozenset({"/groupkit.event.v1.EventService/Watch"})

COMMUNITY, CIRCLES, IM = options_pb2.DIALECT_COMMUNITY, options_pb2.DIALECT_CIRCLES, options_pb2.DIALECT_IM

# Domain error → (gRPC code, HTTP status). Circles answer invalid input with 422 (Laravel).
STATUS_OF = {
    errors.InvalidArgument: (grpc.StatusCode.INVALID_ARGUMENT, 400),
    errors.InvalidArguments: (grpc.StatusCode.INVALID_ARGUMENT, 400),
    errors.Unauthenticated: (grpc.StatusCode.UNAUTHENTICATED, 401),
    errors.PermissionDenied: (grpc.StatusCode.PERMISSION_DENIED, 403),
    errors.CallbackDenied: (grpc.StatusCode.PERMISSION_DENIED, 403),
    errors.NotFound: (grpc.StatusCode.NOT_FOUND, 404),
    errors.AlreadyExists: (grpc.StatusCode.ALREADY_EXISTS, 409),
    errors.FailedPrecondition: (grpc.StatusCode.FAILED_PRECONDITION, 409),
    errors.LimitReached: (grpc.StatusCode.RESOURCE_EXHAUSTED, 409),
    errors.TooLarge: (grpc.StatusCode.RESOURCE_EXHAUSTED, 413),
    errors.RateLimited: (grpc.StatusCode.RESOURCE_EXHAUSTED, 429),
    errors.Unavailable: (grpc.StatusCode.UNAVAILABLE, 503),
    errors.Contention: (grpc.StatusCode.UNAVAILABLE, 503),
    errors.OutOfRange: (grpc.StatusCode.OUT_OF_RANGE, 400),
}
INTERNAL_MESSAGE = "服务器内部错误"


def envelope(dialect: int, http_status: int, message: str, field: str | None, violations: dict | None = None) -> dict:
    """The error body of a dialect, as CONTRACT.md fixes it. violations (field → reason) are
    the circles 422's errors when several fields are invalid at once."""
    if dialect == COMMUNITY:
        return {"msg": message, "code": http_status, "data": None}
    if dialect == IM:
        return {"code": http_status, "data": None, "message": message}
    if dialect == CIRCLES:
        if http_status == 401:
            return {"message": "Unauthenticated."}
        if http_status == 422:
            listed = violations or {field or "request": message}
            return {"message": "提交的信息验证错误", "errors": {key: [reason] for key, reason in listed.items()}}
        if http_status == 404:
            return {"message": "内容不存在"}
    return {"message": message}


def _rich_status(code: grpc.StatusCode, reason: str, message: str, field: str | None,
                 violations: dict | None = None, metadata: dict | None = None) -> status_pb2.Status:
    info = error_details_pb2.ErrorInfo(reason=f"ERROR_REASON_{reason}", domain="groupkit", metadata=metadata or {})
    details = [any_pb2.Any()]
    details[0].Pack(info)
    if field:
        listed = violations or {field: message}
        violation = error_details_pb2.BadRequest(
            field_violations=[
                error_details_pb2.BadRequest.FieldViolation(field=key, description=text) for key, text in listed.items()
            ]
        )
        details.append(any_pb2.Any())
        details[-1].Pack(violation)
    return status_pb2.Status(code=code.value[0], message=message, details=details)


def route_options(service_descriptors) -> dict[str, options_pb2.RouteOptions]:
    """RouteOptions of every method, by full method name (/package.Service/Method)."""
    routes = {}
    for service in service_descriptors:
        for method in service.methods:
            options = method.GetOptions().Extensions[options_pb2.route]
            routes[f"/{service.full_name}/{method.name}"] = options
    return routes


def request_context(caller: Caller | None, metadata: dict) -> events.RequestContext:
    """Who acts and why, for the events and audit entries of the call: the reason is the
    x-audit-log-reason header (REST, URL-encoded UTF-8 allowed) or metadata (gRPC)."""
    reason = unquote(metadata.get(REASON_HEADER, "")).strip()
    if len(reason) > events.MAX_REASON:
        raise errors.InvalidArgument(f"{REASON_HEADER} 不能超过 {events.MAX_REASON} 个字符", field=REASON_HEADER)
    return events.RequestContext(
        actor=events.actor_of(caller.principal if caller else None),
        request_id=metadata.get("x-request-id", "")[:128] or os.urandom(16).hex(),  # Envoy sets one for REST
        reason=reason,
    )


REASON_HEADER = "x-audit-log-reason"


def _run_retrying(call, context):
    """The use case, run again (whole) when its transaction lost to another one (errors.Contention,
    rolled back); after errors.Contention.ATTEMPTS runs the Contention stands: 503, retryable."""
    for attempt in range(1, errors.Contention.ATTEMPTS + 1):
        try:
            return call()
        except errors.Contention:
            if attempt == errors.Contention.ATTEMPTS or not context.is_active():
                raise
            log.info(json.dumps({"retry": attempt, "reason": "contention"}))
            time.sleep(random.uniform(0, 0.01 * 2**attempt))  # jitter, so the two sides do not collide again


class EdgeInterceptor(grpc.ServerInterceptor):
    def __init__(self, routes: dict, verifier, on_caller=None, workers: int | None = None, veto=None, *,
                 im_errors_as_200: bool = False):
        self._routes = routes
        self._verifier = verifier
        self._on_caller = on_caller  # called with each identified caller (profile sync)
        # Unary calls queue for the worker pool (server/api/call_pools.py); list streams run on
        # the stream threads, and at most workers of them at once.
        self._gate = threading.BoundedSemaphore(workers) if workers else contextlib.nullcontext()
        self._veto = veto  # server.delivery.callbacks.Veto: asked before hooked writes, outside their transaction
        self._im_errors_as_200 = im_errors_as_200  # IM_ERRORS_AS_200 (server.config.Settings)

    def intercept_service(self, continuation, handler_call_details):
        handler = continuation(handler_call_details)
        route = self._routes.get(handler_call_details.method)
        if handler is None or route is None:
            return handler  # health, reflection: untouched
        method = handler_call_details.method
        if handler.unary_unary is not None:
            inner = handler.unary_unary

            def unary(request, context):
                return self._serve(method, route, context, request, lambda: inner(request, context))

            return grpc.unary_unary_rpc_method_handler(
                unary, request_deserializer=handler.request_deserializer,
                response_serializer=handler.response_serializer,
            )
        if handler.unary_stream is not None and method in LIVE_STREAMS:
            live_stream = handler.unary_stream

            def live(request, context):
                yield from self._serve_live(method, route, context, request, lambda: live_stream(request, context))

            return grpc.unary_stream_rpc_method_handler(
                live, request_deserializer=handler.request_deserializer,
                response_serializer=handler.response_serializer,
            )
        if handler.unary_stream is not None:
            inner_stream = handler.unary_stream

            def stream(request, context):
                # The whole list is produced before the first message: a failure is still a
                # clean error status (and HTTP envelope), never half an array.
                with self._gate:
                    messages = self._serve(
                        method, route, context, request, lambda: list(inner_stream(request, context))
                    )
                yield from messages

            return grpc.unary_stream_rpc_method_handler(
                stream, request_deserializer=handler.request_deserializer,
                response_serializer=handler.response_serializer,
            )
        return handler

    def _serve(self, method, route, context, request, call):
        """Identifies the caller, runs call(), and maps its outcome (see the module's doc)."""
        started = time.perf_counter()
        outcome, http_status = "OK", route.success_status or 200
        via_rest = False
        try:
            metadata = dict(context.invocation_metadata())
            via_rest = "x-envoy-original-path" in metadata
            caller = identify(
                metadata, self._verifier, public=route.public,
                needs_app_id=via_rest and route.dialect == IM,
            )
            if caller is not None and self._on_caller is not None:
                self._on_caller(caller)
            check_numbers(request)  # ids, limits, offsets: in range before any use case sees them
            token = current_caller.set(caller)
            request_token = events.REQUEST.set(request_context(caller, metadata))
            try:
                if self._veto is not None and caller is not None:  # before the use case's transaction
                    self._veto.check(method, caller.principal, lambda: request_json(request))
                response = _run_retrying(call, context)
            finally:
                events.REQUEST.reset(request_token)
                current_caller.reset(token)
            if http_status != 200:
                # Only now: a status sent before the handler ends would stick to an error.
                context.send_initial_metadata((("x-http-code", str(http_status)),))
            return response
        except errors.DomainError as exc:
            code, http_status = STATUS_OF[type(exc)]
            if route.dialect == CIRCLES and http_status == 400:
                http_status = 422
            outcome = code.name
            self._abort(context, route, code, http_status, exc.reason, exc.message, exc.field,
                        getattr(exc, "violations", None), getattr(exc, "metadata", None), via_rest=via_rest)
        except Exception:  # servicers never abort themselves: anything else is a fault
            log.exception("unhandled error in %s", method)
            outcome, http_status = "INTERNAL", 500
            self._abort(context, route, grpc.StatusCode.INTERNAL, 500, "INTERNAL", INTERNAL_MESSAGE, None,
                        via_rest=via_rest)
        finally:
            # The JSON object json.dumps made, without its cost: method and outcome are ASCII words.
            elapsed = time.perf_counter() - started
            metrics.observe(method, outcome, http_status, elapsed)
            ms = round(elapsed * 1000, 2)
            if _access_log is not None:
                _access_log.write(method, outcome, http_status, ms)
            elif log.isEnabledFor(logging.INFO):
                log.info('{"method": "%s", "status": "%s", "http": %d, "ms": %s}', method, outcome, http_status, ms)

    def _serve_live(self, method, route, context, request, produce):
        """A stream that stays open (EventService/Watch): messages go out as produce() yields
        them; an error ends it with the same status and details as _serve's."""
        started = time.perf_counter()
        outcome, http_status = "OK", 200
        try:
            metadata = dict(context.invocation_metadata())
            caller = identify(metadata, self._verifier, public=route.public, needs_app_id=False)
            check_numbers(request)
            token = current_caller.set(caller)
            request_token = events.REQUEST.set(request_context(caller, metadata))
            try:
                yield from produce()
            finally:
                events.REQUEST.reset(request_token)
                current_caller.reset(token)
        except errors.DomainError as exc:
            code, http_status = STATUS_OF[type(exc)]
            outcome = code.name
            self._abort(context, route, code, http_status, exc.reason, exc.message, exc.field,
                        getattr(exc, "violations", None), getattr(exc, "metadata", None))
        except Exception:
            log.exception("unhandled error in %s", method)
            outcome, http_status = "INTERNAL", 500
            self._abort(context, route, grpc.StatusCode.INTERNAL, 500, "INTERNAL", INTERNAL_MESSAGE, None)
        finally:
            metrics.observe(method, outcome, http_status, time.perf_counter() - started)

    def _abort(self, context, route, code, http_status, reason, message, field, violations=None, metadata=None, *,
               via_rest=False):
        body = envelope(route.dialect, http_status, message, field, violations)
        if via_rest and route.dialect == IM and self._im_errors_as_200:
            # IM_ERRORS_AS_200=1: HTTP 200, the status in the body; a token that is missing, expired
            # or invalid is 402, on which MaxIM's SDK logs in again (a wrong app_id stays 401).
            if code == grpc.StatusCode.UNAUTHENTICATED and field != "app_id":
                body["code"] = 402
            http_status = 200
        rich = _rich_status(code, reason, message, field, violations, metadata)
        context.set_trailing_metadata(
            (
                ("x-http-code", str(http_status)),
                # A header must be ASCII: json escapes Chinese as \uXXXX, still valid JSON.
                ("x-http-body", json.dumps(body, ensure_ascii=True, separators=(",", ":"))),
                ("grpc-status-details-bin", rich.SerializeToString()),
            )
        )
        context.abort(code, message)
