"""Users: profiles kept from token claims and from the internal upsert RPC."""

from server.domain import errors
from server.domain.model import Principal
from server.domain.policies import MAX_NAME_LENGTH, MAX_URL_LENGTH, check_text
from server.services.clock import now_ms
from server.services.emit import app_event, change


class ProfileCache:
    """Remembers the last profile written per user, so a request whose token carries an
    unchanged profile costs no write."""

    def __init__(self, size: int = 50_000):
        self._seen: dict[tuple, tuple] = {}
        self._size = size

    def changed(self, key: tuple, profile: tuple) -> bool:
        return self._seen.get(key) != profile

    def remember(self, key: tuple, profile: tuple) -> None:
        if len(self._seen) >= self._size:
            self._seen.clear()
        self._seen[key] = profile


def _keepable(claim: str | None, limit: int) -> str | None:
    return claim if isinstance(claim, str) and len(claim) <= limit and "\x00" not in claim else None


def sync_profile(uow, cache: ProfileCache, principal: Principal, name: str | None, avatar: str | None) -> None:
    """Keeps the caller's row current with the token's profile claims (name, avatar); a claim
    no profile may hold (too long, or with NUL) is not kept, as if the token had none."""
    name, avatar = _keepable(name, MAX_NAME_LENGTH), _keepable(avatar, MAX_URL_LENGTH)
    key = (principal.app, principal.user_id)
    profile = (name, avatar)
    if not cache.changed(key, profile):
        return
    with uow.write(principal.app) as store:
        if name is None and avatar is None:
            store.ensure_user(principal.user_id, now_ms())
        else:
            current = store.user(principal.user_id)
            store.upsert_user(
                principal.user_id,
                name if name is not None else current.name,
                avatar if avatar is not None else current.avatar,
                now_ms(),
            )
    cache.remember(key, profile)


def upsert_user(uow, principal: Principal, user_id: int, name: str, avatar: str | None) -> bool:
    if not principal.is_app_admin:
        raise errors.PermissionDenied("仅应用管理员可以同步用户资料")
    if user_id <= 0:
        raise errors.InvalidArgument("user_id 无效", field="user_id")
    check_text(name, "name", MAX_NAME_LENGTH)
    check_text(avatar, "avatar", MAX_URL_LENGTH)
    with uow.write(principal.app) as store:
        created = store.upsert_user(user_id, name, avatar or None, now_ms())
        app_event(store, "user.profile.updated", target=f"user:{user_id}", user_id=user_id, created=created,
                  changes=[change("name", None, name), change("avatar", None, avatar or None)])
        return created
