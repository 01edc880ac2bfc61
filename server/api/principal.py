"""Who is calling, from the request's metadata: the token, the app, and the im headers."""

from dataclasses import dataclass

from server.api.tokens import TokenVerifier
from server.domain import errors, ids
from server.domain.model import Principal

DEFAULT_APP = "default"


@dataclass(frozen=True)
class Caller:
    principal: Principal
    name: str | None  # profile claims, kept on the user row; None when absent or acting as another
    avatar: str | None


MAX_APP_LENGTH = 64  # an app (tenant) name, as stored with every row


def _digits(value: str, header: str) -> int:
    message = f"请求头 {header} 必须是正整数"
    number = ids.parse_digits(value, header, message)
    if number <= 0:
        raise errors.InvalidArgument(message, field=header)
    return number


def _token(metadata: dict) -> str | None:
    authorization = metadata.get("authorization", "")
    if authorization[:7].lower() == "bearer ":
        return authorization[7:].strip() or None
    return metadata.get("access-token") or None


def identify(metadata: dict, verifier: TokenVerifier, *, public: bool, needs_app_id: bool) -> Caller | None:
    """The caller, or None on a public RPC called without a token.

    needs_app_id: an im REST call must send app_id, and it must be the token's app.
    An admin token may act as another user (user_id header) or as a group's
    administrator (group_id header); any other token that sends them is refused."""
    token = _token(metadata)
    if token is None:
        if public:
            return None
        raise errors.Unauthenticated("未登录或缺少令牌")
    claims = verifier.verify(token)
    app = str(claims.get("app") or DEFAULT_APP)
    if len(app) > MAX_APP_LENGTH or "\x00" in app:
        raise errors.Unauthenticated("令牌的 app 无效")
    app_id = metadata.get("app_id")
    if needs_app_id and not app_id:
        raise errors.Unauthenticated("缺少请求头 app_id", field="app_id")
    if app_id and app_id != app:
        raise errors.Unauthenticated("app_id 与令牌不符", field="app_id")
    is_admin = claims.get("admin") is True
    as_user, as_group = metadata.get("user_id"), metadata.get("group_id")
    if (as_user or as_group) and not is_admin:
        raise errors.PermissionDenied("仅应用管理员令牌可以使用 user_id 或 group_id 请求头")
    user_id = int(claims["sub"])
    acting_as_other = False
    if as_user:
        as_user_id = _digits(as_user, "user_id")
        acting_as_other = as_user_id != user_id
        user_id = as_user_id
    principal = Principal(
        app=app,
        user_id=user_id,
        is_app_admin=is_admin,
        acting_admin_of_im_group=_digits(as_group, "group_id") if as_group else None,
    )
    if acting_as_other:
        return Caller(principal, None, None)
    return Caller(principal, claims.get("name"), claims.get("avatar"))
