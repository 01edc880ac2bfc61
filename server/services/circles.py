"""Circles (ThinkSNS+ 圈子): the use cases of CircleService and CircleAdminService.
Plain values in, domain objects out, one unit of work each."""

from dataclasses import dataclass
from datetime import UTC, datetime

from server.domain import circles as dc
from server.domain import errors
from server.domain.ids import check_number, parse_digits
from server.domain.model import Principal
from server.services.clock import now_ms
from server.services.emit import app_event, change, changes_of, circle_event

LIST_DEFAULT, RECOMMEND_DEFAULT, MINE_DEFAULT = 15, 20, 20
MAX_AVATAR_BYTES = 2 * 1024 * 1024
IMAGE_TYPES = (
    (b"\x89PNG\r\n\x1a\n", "png"), (b"\xff\xd8\xff", "jpg"), (b"GIF87a", "gif"), (b"GIF89a", "gif"), (b"BM", "bmp"),
)
JOIN_FEE_REASON = "加入付费圈子"


@dataclass
class CircleSettings:
    """Set at start: CIRCLE_REQUIRE_AUDIT=1 makes new circles wait for an admin's review."""

    require_audit: bool = False


SETTINGS = CircleSettings()


@dataclass
class Upload:
    """A file from a multipart body."""

    filename: str
    content_type: str
    data: bytes


DEFAULT_APP = "default"  # a public read without a token sees the default app


def _app_of(actor: Principal | None) -> str:
    return actor.app if actor is not None else DEFAULT_APP


def _viewer(actor: Principal | None) -> int | None:
    return actor.user_id if actor is not None else None


def _circle_or_404(store, circle_id: int, *, lock: bool = False) -> dc.Circle:
    circle = store.circle(circle_id, lock=lock) if circle_id > 0 else None
    if circle is None:
        raise errors.NotFound("内容不存在")
    return circle


def _views(store, circles: list[dc.Circle], viewer_id: int | None) -> list[dc.CircleView]:
    rows = store.circle_rows_of([c.id for c in circles], viewer_id) if viewer_id is not None else {}
    return [dc.CircleView(c, joined=rows.get(c.id)) for c in circles]


# ---- reads ----


def _ids(text: str) -> list[int]:
    ids = []
    for part in text.split(","):
        part = part.strip()
        if not part or part == "0":
            continue
        ids.append(parse_digits(part, "id", "id 必须是以逗号分隔的圈子 ID"))
    ids = list(dict.fromkeys(ids))
    if len(ids) > dc.MAX_IDS:
        raise errors.InvalidArgument(f"id 最多 {dc.MAX_IDS} 个", field="id")
    return ids


def list_circles(uow, actor, keyword: str, category_id: int, ids: str, limit, offset) -> list[dc.CircleView]:
    limit, offset = dc.page(limit, offset, LIST_DEFAULT)
    with uow.read(_app_of(actor)) as store:
        if ids.strip():
            circles = store.approved_circles_by_ids(_ids(ids))
        else:
            circles = store.approved_circles(keyword.strip(), category_id, limit, offset)
        return _views(store, circles, _viewer(actor))


def category_circles(uow, actor, category_id: int, limit, offset) -> list[dc.CircleView]:
    limit, offset = dc.page(limit, offset, LIST_DEFAULT)
    with uow.read(_app_of(actor)) as store:
        return _views(store, store.category_circles(category_id, limit, offset), _viewer(actor))


def recommended_circles(uow, actor, kind: str, limit, offset) -> list[dc.CircleView]:
    limit, offset = dc.page(limit, offset, RECOMMEND_DEFAULT)
    with uow.read(_app_of(actor)) as store:
        circles = store.recommended_circles(_viewer(actor), kind == "random", limit, offset)
        return _views(store, circles, _viewer(actor))


def count_circles(uow, actor) -> int:
    with uow.read(_app_of(actor)) as store:
        return store.count_approved_circles()


def protocol(uow, actor) -> str:
    with uow.read(_app_of(actor)) as store:
        return store.circle_protocol()


def categories(uow, actor) -> list[dc.Category]:
    with uow.read(_app_of(actor)) as store:
        return store.circle_categories(enabled_only=True)


def my_circles(uow, actor: Principal, kind: str, limit, offset) -> list[dc.CircleView]:
    kind = kind if kind in ("join", "audit", "allow_post") else "join"
    limit, offset = dc.page(limit, offset, MINE_DEFAULT)
    with uow.read(actor.app) as store:
        found = store.user_circles(actor.user_id, kind, limit, offset)
    if kind != "audit":
        return [dc.CircleView(c, joined=m) for c, m in found]
    # Pending: the creator's own circles (no row yet) and the caller's applications.
    return [dc.CircleView(c, joined=None, join_at=m.created_at if m is not None else None) for c, m in found]


def user_circles(uow, actor: Principal | None, user_id: int, kind: str, limit, offset) -> list[dc.CircleView]:
    if user_id <= 0:
        raise errors.InvalidArgument("user_id 字段是必须的", field="user_id")
    if kind and kind != "join":
        raise errors.InvalidArgument("选定的 type 是无效的", field="type")
    limit, offset = dc.page(limit, offset, LIST_DEFAULT)
    with uow.read(_app_of(actor)) as store:
        found = store.user_circles(user_id, "join", limit, offset)
    return [dc.CircleView(c, joined=m) for c, m in found]


def nearby_circles(uow, actor, latitude: str, longitude: str, limit, offset) -> list[dc.CircleView]:
    if not latitude.strip():
        raise errors.InvalidArgument("latitude 字段是必须的", field="latitude")
    if not longitude.strip():
        raise errors.InvalidArgument("longitude 字段是必须的", field="longitude")
    lat = dc.parse_coordinate(latitude, "latitude", 90)
    lon = dc.parse_coordinate(longitude, "longitude", 180)
    limit, offset = dc.page(limit, offset, LIST_DEFAULT)
    with uow.read(_app_of(actor)) as store:
        candidates = store.nearby_candidates(dc.nearby_cells(lat, lon))
        ranked = sorted(
            (dc.distance_km(lat, lon, float(c_lat), float(c_lon)), circle_id) for circle_id, c_lat, c_lon in candidates
        )
        page_ids = [circle_id for _, circle_id in ranked[offset:offset + limit]]
        return _views(store, store.approved_circles_by_ids(page_ids), _viewer(actor))


def circle_detail(uow, actor, circle_id: int) -> dc.CircleView:
    with uow.read(_app_of(actor)) as store:
        return _detail(store, circle_id, _viewer(actor))


def _detail(store, circle_id: int, viewer_id: int | None) -> dc.CircleView:
    found = store.circle_for_detail(circle_id) if circle_id > 0 else None
    if found is None:
        raise errors.NotFound("内容不存在")
    circle, blacklist_count = found
    if circle.audit in (dc.REJECTED, dc.CLOSED):
        raise errors.PermissionDenied("圈子审核被驳回或已关闭无法访问")
    joined, founder = store.circle_viewer_and_founder(circle.id, viewer_id)
    profiles = store.circle_profiles([circle.user_id] + ([founder.user_id] if founder else []))
    is_founder = founder is not None and viewer_id == founder.user_id
    return dc.CircleView(
        circle, joined=joined,
        incomes=store.circle_incomes(circle.id) if is_founder else None,
        blacklist_count=blacklist_count,
        creator=profiles.get(circle.user_id) or dc.Profile(circle.user_id, "", None),
        tags=store.tags_of_circle(circle.id),
        category=store.circle_category(circle.category_id),
        founder=founder,
        founder_profile=(profiles.get(founder.user_id) or dc.Profile(founder.user_id, "", None)) if founder else None,
        detail=True,
    )


def circle_posts(uow, actor, circle_id: int, limit, offset) -> tuple[list, list]:
    """A circle's pinned posts and posts: posts are not part of this service, so both are
    empty for every circle that exists."""
    dc.page(limit, offset, LIST_DEFAULT)
    with uow.read(_app_of(actor)) as store:
        _circle_or_404(store, circle_id)
    return [], []


def avatar_file(files, name: str) -> tuple[bytes, str]:
    data = files.get(name)
    if data is None:
        raise errors.NotFound("内容不存在")
    extension = name.rsplit(".", 1)[-1]
    return data, {"jpg": "image/jpeg"}.get(extension, f"image/{extension}")


# ---- create and update ----


class _Violations:
    """Field errors collected so that one 422 names every invalid field, as Laravel's
    validator does (a create form shows each field's reason at once)."""

    def __init__(self):
        self.found: dict[str, str] = {}

    def add(self, field: str, message: str) -> None:
        self.found.setdefault(field, message)

    def run(self, validate, *args, **kwargs):
        """validate's result, or None when it refused the value (then its reasons are kept)."""
        try:
            return validate(*args, **kwargs)
        except errors.InvalidArguments as exc:
            for field, message in exc.violations.items():
                self.add(field, message)
        except errors.InvalidArgument as exc:
            self.add(exc.field or "request", exc.message)
        return None

    def raise_any(self) -> None:
        if self.found:
            raise errors.InvalidArguments(self.found)


def _text(fields: dict, key: str, max_length: int) -> str | None:
    value = fields.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise errors.InvalidArgument(f"{key} 必须是一个字符串", field=key)
    value = str(value).strip()
    if len(value) > max_length:
        raise errors.InvalidArgument(f"{key} 不能超过 {max_length} 个字符", field=key)
    return value or None


def _integer(fields: dict, key: str) -> int | None:
    value = fields.get(key)
    if value is None:
        return None
    if isinstance(value, bool):
        raise errors.InvalidArgument(f"{key} 必须是个整数", field=key)
    if isinstance(value, int):
        return check_number(value, key)
    if isinstance(value, str):
        text = value.strip()
        negative = text.startswith("-")
        number = parse_digits(text[1:] if negative else text, key, f"{key} 必须是个整数")
        return -number if negative else number
    raise errors.InvalidArgument(f"{key} 必须是个整数", field=key)


def _truthy(value) -> int:
    if isinstance(value, str):
        return 0 if value.strip().lower() in ("", "0", "false") else 1
    return 1 if value else 0


def _tag_ids(store, value) -> list[int]:
    if not isinstance(value, list):
        raise errors.InvalidArgument("tags必须是一个数组", field="tags")
    if not value:
        raise errors.InvalidArgument("请选择标签", field="tags")
    ids = []
    for index, item in enumerate(value):
        raw = item.get("id") if isinstance(item, dict) else item
        key = f"tags.{index}.id"
        if isinstance(raw, bool) or not isinstance(raw, int | str):
            raise errors.InvalidArgument(f"{key} 必须是个整数", field=key)
        ids.append(check_number(raw, key) if isinstance(raw, int) else parse_digits(raw, key, f"{key} 必须是个整数"))
    known = store.circle_tags_by_ids(ids)
    for index, tag_id in enumerate(ids):
        if tag_id not in known:
            raise errors.InvalidArgument(f"选定的 tags.{index}.id 是无效的.", field=f"tags.{index}.id")
    return list(dict.fromkeys(ids))


GEO_FIELDS = ("location", "longitude", "latitude", "geo_hash")


def _geo(fields: dict, geo_fields: tuple[str, ...] = GEO_FIELDS) -> dict:
    """location, longitude, latitude and geo_hash come together (required_with)."""
    values = {
        "location": _text(fields, "location", dc.MAX_LOCATION_LENGTH),
        "longitude": _text(fields, "longitude", 32),
        "latitude": _text(fields, "latitude", 32),
        "geo_hash": _text(fields, "geo_hash", 100),
    }
    present = [k for k in geo_fields if values[k] is not None]
    if not present:
        return {}
    check = _Violations()
    for key in geo_fields:
        if values[key] is None:
            others = ",".join(k for k in geo_fields if k != key)
            check.add(key, f"{key} 字段是必须的当 {others} 是存在的")
    lat = check.run(dc.parse_coordinate, values["latitude"], "latitude", 90) if values["latitude"] else None
    lon = check.run(dc.parse_coordinate, values["longitude"], "longitude", 180) if values["longitude"] else None
    check.raise_any()
    return {**{k: values[k] for k in geo_fields}, "geo_cell": dc.geohash(lat, lon)}


def _avatar(files, value) -> str | None:
    """An uploaded image (stored; its name kept) or an http(s) URL; None when absent."""
    if value is None:
        return None
    if isinstance(value, Upload):
        if len(value.data) > MAX_AVATAR_BYTES:
            raise errors.TooLarge("avatar 的最大为 2048 KB", field="avatar")
        extension = next((ext for magic, ext in IMAGE_TYPES if value.data.startswith(magic)), None)
        if extension is None and value.data[:4] == b"RIFF" and value.data[8:12] == b"WEBP":
            extension = "webp"
        if extension is None:
            raise errors.InvalidArgument("avatar 必须是 jpeg, png, bmp 或者 gif 格式的图片", field="avatar")
        return "avatars/" + files.put(value.data, extension)
    if isinstance(value, str) and value.startswith(("http://", "https://")) and len(value) <= 512:
        return value
    raise errors.InvalidArgument("avatar 必须是图片文件或图片地址", field="avatar")


def _mode_and_money(fields: dict, *, required: bool) -> dict:
    mode = fields.get("mode")
    if mode is None:
        if required:
            raise errors.InvalidArgument("mode 字段是必须的", field="mode")
        return {}
    if mode not in dc.MODES:
        raise errors.InvalidArgument("选定的 mode 是无效的", field="mode")
    money = _integer(fields, "money")
    if mode == dc.PAID:
        if money is None:
            raise errors.InvalidArgument("money 字段是必须的当 mode 是 paid", field="money")
        if not 0 < money <= dc.MAX_MONEY:
            raise errors.InvalidArgument(f"money 必须在 1 到 {dc.MAX_MONEY} 之间", field="money")
    return {"mode": mode, "money": money if mode == dc.PAID else 0}


def _name(store, fields: dict, *, required: bool, except_id: int = 0) -> str | None:
    name = _text(fields, "name", dc.MAX_NAME_LENGTH)
    if name is None:
        if required:
            raise errors.InvalidArgument("圈子名称不能为空", field="name")
        return None
    if store.circle_name_taken(name, except_id):
        raise errors.InvalidArgument("圈子名称已存在", field="name")
    return name


def create_circle(uow, actor: Principal, files, category_id: int, fields: dict) -> tuple[dc.CircleView, bool]:
    """The new circle, and whether it waits for review."""
    now = now_ms()
    pending = SETTINGS.require_audit
    with uow.write(actor.app) as store:
        if category_id <= 0 or store.circle_category(category_id) is None:
            raise errors.NotFound("内容不存在")
        check = _Violations()  # every field is judged; one 422 lists them all
        if fields.get("avatar") is None:
            check.add("avatar", "必须上传头像")
        name = check.run(_name, store, fields, required=True)
        if fields.get("tags") is None:
            check.add("tags", "请选择标签")
        tag_ids = check.run(_tag_ids, store, fields["tags"]) if fields.get("tags") is not None else None
        geo = check.run(_geo, fields)
        mode = check.run(_mode_and_money, fields, required=True)
        summary = check.run(_text, fields, "summary", dc.MAX_TEXT_LENGTH)
        notice = check.run(_text, fields, "notice", dc.MAX_TEXT_LENGTH)
        permissions = dc.DEFAULT_PERMISSIONS
        if fields.get("permissions") is not None:
            permissions = check.run(dc.parse_permissions, fields["permissions"])
        check.raise_any()
        values = {
            "name": name, **mode, **geo, "summary": summary, "notice": notice,
            "allow_feed": _truthy(fields.get("allow_feed")), "permissions": permissions,
        }
        values["avatar"] = _avatar(files, fields["avatar"])  # stored only once everything else holds
        circle = store.insert_circle(
            user_id=actor.user_id, category_id=category_id, audit=dc.PENDING if pending else dc.APPROVED,
            users_count=0 if pending else 1, created_at=now, updated_at=now, **values,
        )
        store.set_circle_tags(circle.id, tag_ids)
        if not pending:
            store.insert_circle_member(circle.id, actor.user_id, dc.FOUNDER, dc.APPROVED, 0, now)
        circle_event(store, "circle.created", circle.id, name=name, category_id=category_id, user_id=actor.user_id,
                     mode=values["mode"], audit=dc.PENDING if pending else dc.APPROVED)
        return _detail(store, circle.id, actor.user_id), pending


FOUNDER_FIELDS = ("name", "location", "longitude", "latitude", "geo_hash", "category_id")


def update_circle(uow, actor: Principal, files, circle_id: int, fields: dict) -> dc.CircleView:
    now = now_ms()
    with uow.write(actor.app) as store:
        circle = _circle_or_404(store, circle_id, lock=True)
        dc.require_approved_circle(circle)
        rank = dc.manager_rank(store.circle_member(circle.id, actor.user_id))
        if rank < dc.ROLE_LEVEL[dc.ADMINISTRATOR]:
            raise errors.PermissionDenied("无权限操作")
        changes: dict = {}
        check = _Violations()  # every field is judged; one 422 lists them all
        if rank == dc.ROLE_LEVEL[dc.FOUNDER]:
            name = check.run(_name, store, fields, required=False, except_id=circle.id)
            if name is not None:
                changes["name"] = name
            changes.update(check.run(_geo, fields) or {})
            category_id = check.run(_integer, fields, "category_id")
            if category_id is not None:
                if store.circle_category(category_id) is None:
                    check.add("category_id", "选定的 category_id 是无效的")
                changes["category_id"] = category_id
        for key in ("summary", "notice"):
            if key in fields:
                changes[key] = check.run(_text, fields, key, dc.MAX_TEXT_LENGTH)
        if fields.get("permissions") is not None:
            changes["permissions"] = check.run(dc.parse_permissions, fields["permissions"])
        if "allow_feed" in fields:  # left as it is when absent (the reference resets it)
            changes["allow_feed"] = _truthy(fields.get("allow_feed"))
        mode = check.run(_mode_and_money, fields, required=False)
        tag_ids = check.run(_tag_ids, store, fields["tags"]) if fields.get("tags") not in (None, []) else None
        check.raise_any()
        if mode and circle.mode != dc.PAID and (mode["mode"], mode["money"]) != (circle.mode, circle.money):
            dc.check_mode_change(circle.mode, mode["mode"])
            if mode["mode"] != circle.mode and store.has_pending_applications(circle.id):
                raise errors.PermissionDenied("当前圈子存在未审核成员,不能修改圈子类型")
            changes.update(mode)
        elif mode and circle.mode == dc.PAID and (mode["mode"], mode["money"]) != (circle.mode, circle.money):
            raise errors.InvalidArgument("付费圈子不能修改类型和金额", field="mode")
        if fields.get("avatar") is not None:
            changes["avatar"] = _avatar(files, fields["avatar"])
        if changes:
            store.update_circle(circle.id, updated_at=now, **changes)
        if tag_ids is not None:
            store.set_circle_tags(circle.id, tag_ids)
        recorded = changes_of(vars(circle), changes) + ([change("tags", None, tag_ids)] if tag_ids is not None else [])
        circle_event(store, "circle.updated", circle.id, changes=recorded)
        return _detail(store, circle.id, actor.user_id)


# ---- membership ----


def join_circle(uow, actor: Principal, circle_id: int) -> bool:
    """Joins (True) or applies (False). A paid application is charged now, in the same transaction."""
    now = now_ms()
    with uow.write(actor.app) as store:
        circle = _circle_or_404(store, circle_id, lock=True)
        if circle.audit != dc.APPROVED:
            raise errors.PermissionDenied("圈子审核未通过或被拒绝")
        row = store.circle_member(circle.id, actor.user_id)
        if row is not None:
            raise errors.AlreadyExists("已加入该圈子或加圈申请正在审核中")
        if store.blacklisted_in([circle.id], actor.user_id):
            raise errors.PermissionDenied("你已被该圈子拉黑，不能加入")
        if circle.mode == dc.PUBLIC:
            store.insert_circle_member(circle.id, actor.user_id, dc.MEMBER, dc.APPROVED, 0, now)
            store.add_to_users_count(circle.id, 1, now)
            circle_event(store, "circle.member.joined", circle.id, target=f"user:{actor.user_id}",
                         user_id=actor.user_id, audit=dc.APPROVED)
            return True
        paid = 0
        if circle.mode == dc.PAID:
            wallet = store.wallet(actor.user_id)
            if wallet is None or wallet.balance < circle.money:
                raise errors.FailedPrecondition("账户余额不足不能申请加入")
            store.add_to_balance(actor.user_id, -circle.money, f"{JOIN_FEE_REASON}「{circle.name}」", now)
            paid = circle.money
        store.insert_circle_member(circle.id, actor.user_id, dc.MEMBER, dc.PENDING, paid, now)
        circle_event(store, "circle.member.joined", circle.id, target=f"user:{actor.user_id}",
                     user_id=actor.user_id, audit=dc.PENDING, paid=paid)
        return False


def _manager(store, actor: Principal, circle: dc.Circle) -> int:
    rank = dc.manager_rank(store.circle_member(circle.id, actor.user_id))
    if rank < dc.ROLE_LEVEL[dc.ADMINISTRATOR]:
        raise errors.PermissionDenied("权限不足")
    return rank


def audit_member(uow, actor: Principal, circle_id: int, member_id: int, status) -> None:
    """Approves (1) or rejects (2) a pending application. Paid: approval pays the founder and
    records the join income; rejection refunds the applicant and lets them apply again.
    status is a number or, from a form, its digits."""
    status = _integer({"status": status}, "status")
    if status not in (1, 2):
        raise errors.InvalidArgument("选定的 status 是无效的", field="status")
    now = now_ms()
    with uow.write(actor.app) as store:
        circle = _circle_or_404(store, circle_id, lock=True)
        _manager(store, actor, circle)
        row = store.circle_member_by_id(circle.id, member_id)
        if row is None:
            raise errors.NotFound("内容不存在")
        if row.audit != dc.PENDING:
            raise errors.FailedPrecondition("该成员已审核")
        if status == 1:
            if row.disabled:
                raise errors.PermissionDenied("该用户已被拉黑，不能通过审核")
            store.update_circle_member(row.id, audit=dc.APPROVED, paid=0, updated_at=now)
            store.add_to_users_count(circle.id, 1, now)
            if row.paid:
                founder = store.circle_founder(circle.id)
                store.add_to_balance(founder.user_id, row.paid, f"圈子「{circle.name}」加圈收入", now)
                store.add_circle_income(circle.id, 1, row.paid, row.user_id, now)
        else:
            store.delete_circle_member(row.id)
            if row.paid:
                store.add_to_balance(row.user_id, row.paid, f"圈子「{circle.name}」加圈申请被拒绝，退款", now)
        circle_event(store, "circle.member.audited", circle.id, target=f"user:{row.user_id}", user_id=row.user_id,
                     member_id=row.id, changes=[change("audit", dc.PENDING, dc.APPROVED if status == 1 else 2)])


def exit_circle(uow, actor: Principal, circle_id: int) -> None:
    now = now_ms()
    with uow.write(actor.app) as store:
        circle = _circle_or_404(store, circle_id, lock=True)
        row = store.circle_member(circle.id, actor.user_id)
        if row is None or row.audit != dc.APPROVED:
            raise errors.PermissionDenied("还未加入圈子或审核未通过")
        if row.role == dc.FOUNDER:
            raise errors.PermissionDenied("你是圈子创始人，不能进行退圈")
        if store.delete_circle_member(row.id):
            store.add_to_users_count(circle.id, -1, now)
        circle_event(store, "circle.member.left", circle.id, target=f"user:{actor.user_id}", user_id=actor.user_id)


def set_permissions(uow, actor: Principal, circle_id: int, value) -> None:
    permissions = dc.parse_permissions(value)
    with uow.write(actor.app) as store:
        circle = _circle_or_404(store, circle_id, lock=True)
        if dc.manager_rank(store.circle_member(circle.id, actor.user_id)) != dc.ROLE_LEVEL[dc.FOUNDER]:
            raise errors.PermissionDenied("无权限操作")
        store.update_circle(circle.id, permissions=permissions, updated_at=now_ms())
        circle_event(store, "circle.permissions.updated", circle.id,
                     changes=[change("permissions", circle.permissions, permissions)])


def bind_im_group(uow, actor: Principal, circle_id: int, fields: dict) -> None:
    im_id = fields.get("id")
    if im_id is None:
        raise errors.InvalidArgument("必须传输群聊 ID", field="id")
    if not isinstance(im_id, str):
        raise errors.InvalidArgument("id 必须是一个字符串", field="id")
    im_id = im_id.strip()
    with uow.write(actor.app) as store:
        circle = _circle_or_404(store, circle_id, lock=True)
        founder = store.circle_founder(circle.id)
        if founder is None or founder.user_id != actor.user_id or founder.disabled:
            raise errors.PermissionDenied("你无权进行操作")
        invalid = errors.InvalidArgument("选定的 id 是无效的（群聊不存在）", field="id")
        if store.group_by_im_id(parse_digits(im_id, "id", invalid.message)) is None:
            raise invalid
        store.update_circle(circle.id, im_group_id=im_id, updated_at=now_ms())
        circle_event(store, "circle.im_group.bound", circle.id, changes=[change("im_group_id", circle.im_group_id, im_id)])


def circle_members(
    uow, actor: Principal, circle_id: int, kind: str, limit, offset, after: int = 0
) -> list[tuple[dc.CircleMember, dc.Profile]]:
    kind = kind or "all"
    if kind not in ("all", "manager", "member", "audit", "blacklist"):
        raise errors.InvalidArgument("选定的 type 是无效的", field="type")
    limit, offset = dc.page(limit, offset, LIST_DEFAULT)
    if after < 0:
        raise errors.InvalidArgument("after 不能小于 0", field="after")
    with uow.read(actor.app) as store:
        circle = _circle_or_404(store, circle_id)
        if kind in ("audit", "blacklist"):
            _manager(store, actor, circle)
        members = store.circle_members(circle.id, kind, limit, offset, after)
        profiles = store.circle_profiles([m.user_id for m in members])
    return [(m, profiles.get(m.user_id) or dc.Profile(m.user_id, "", None)) for m in members]


def join_requests(uow, actor: Principal, limit, after: int) -> list[dc.JoinRequest]:
    """The pending applications to every approved circle the caller runs (founder or
    administrator, not blacklisted), newest first; the caller's own are left out."""
    limit, _ = dc.page(limit, 0, LIST_DEFAULT)
    if after < 0:
        raise errors.InvalidArgument("after 不能小于 0", field="after")
    with uow.read(actor.app) as store:
        managed = {
            row.circle_id: row for row in store.managed_circle_rows(actor.user_id)
            if dc.manager_rank(row) >= dc.ROLE_LEVEL[dc.ADMINISTRATOR]
        }
        applications = store.pending_applications(sorted(managed), actor.user_id, after, limit)
        circle_ids = list(dict.fromkeys(a.circle_id for a in applications))
        by_id = {c.id: c for c in store.approved_circles_by_ids(circle_ids)}
        profiles = store.circle_profiles([a.user_id for a in applications])
    return [
        dc.JoinRequest(
            a, profiles.get(a.user_id) or dc.Profile(a.user_id, "", None),
            dc.CircleView(by_id[a.circle_id], joined=managed[a.circle_id]),
        )
        for a in applications if a.circle_id in by_id
    ]


def _target(store, circle: dc.Circle, member_id: int) -> dc.CircleMember:
    row = store.circle_member_by_id(circle.id, member_id)
    if row is None or row.audit != dc.APPROVED:
        raise errors.NotFound("内容不存在")
    return row


def add_manager(uow, actor: Principal, circle_id: int, member_id: int) -> None:
    now = now_ms()
    with uow.write(actor.app) as store:
        circle = _circle_or_404(store, circle_id, lock=True)
        if _manager(store, actor, circle) != dc.ROLE_LEVEL[dc.FOUNDER]:
            raise errors.PermissionDenied("权限不足")
        row = _target(store, circle, member_id)
        if row.role != dc.MEMBER:
            raise errors.AlreadyExists("该成员已是管理员或圈主")
        if row.disabled:
            raise errors.PermissionDenied("黑名单中的成员不能设为管理员")
        if store.count_circle_role(circle.id, dc.ADMINISTRATOR) >= dc.MAX_ADMINISTRATORS:
            raise errors.LimitReached(f"最多设置{dc.MAX_ADMINISTRATORS}个管理员")
        store.update_circle_member(row.id, role=dc.ADMINISTRATOR, updated_at=now)
        circle_event(store, "circle.manager.added", circle.id, target=f"user:{row.user_id}", user_id=row.user_id,
                     member_id=row.id)


def remove_manager(uow, actor: Principal, circle_id: int, member_id: int) -> None:
    with uow.write(actor.app) as store:
        circle = _circle_or_404(store, circle_id, lock=True)
        if _manager(store, actor, circle) != dc.ROLE_LEVEL[dc.FOUNDER]:
            raise errors.PermissionDenied("权限不足")
        row = _target(store, circle, member_id)
        if row.role != dc.ADMINISTRATOR:
            raise errors.FailedPrecondition("该成员不是管理员")
        store.update_circle_member(row.id, role=dc.MEMBER, updated_at=now_ms())
        circle_event(store, "circle.manager.removed", circle.id, target=f"user:{row.user_id}", user_id=row.user_id,
                     member_id=row.id)


def transfer_circle(uow, actor: Principal, circle_id: int, target) -> None:
    """The founder hands the circle to an approved member who is not blacklisted and becomes
    a member; not while applications wait (the new founder would inherit them unseen).
    target is a user id or, from a form, its digits."""
    target_id = _integer({"target": target}, "target")
    if target_id is None:
        raise errors.InvalidArgument("target 字段是必须的", field="target")
    now = now_ms()
    with uow.write(actor.app) as store:
        circle = _circle_or_404(store, circle_id, lock=True)
        founder = store.circle_member(circle.id, actor.user_id)
        if dc.manager_rank(founder) != dc.ROLE_LEVEL[dc.FOUNDER]:
            raise errors.PermissionDenied("没有权限操作")
        if store.has_pending_applications(circle.id):
            raise errors.FailedPrecondition("圈子内还有待审核人员，不能转让")
        heir = store.circle_member(circle.id, target_id) if target_id != actor.user_id else None
        if dc.manager_rank(heir) < 0:
            raise errors.InvalidArgument("被转让人必须是圈内成员", field="target")
        store.update_circle_member(heir.id, role=dc.FOUNDER, updated_at=now)
        store.update_circle_member(founder.id, role=dc.MEMBER, updated_at=now)
        circle_event(store, "circle.owner.transferred", circle.id, target=f"user:{heir.user_id}", user_id=heir.user_id,
                     changes=[change("founder_id", founder.user_id, heir.user_id)])


LAST_SECOND = 253_402_300_799  # 9999-12-31 23:59:59 UTC: later bounds change nothing


def _instant_ms(text: str, field: str) -> int:
    """Unix seconds or an ISO 8601 time (a zone, else UTC) as epoch milliseconds; "" is 0."""
    text = text.strip()
    if not text:
        return 0
    if text.isascii() and text.isdigit():
        return min(parse_digits(text, field), LAST_SECOND) * 1000
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise errors.InvalidArgument(f"{field} 必须是时间戳或 ISO 8601 时间", field=field) from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return max(0, int(moment.timestamp() * 1000))


def circle_income_records(
    uow, actor: Principal, circle_id: int, kind: str, limit, after: int, start: str, end: str
) -> list[tuple[dc.Income, dc.Profile]]:
    """The founder's view of a circle's incomes, newest first, with each payer's profile."""
    limit, _ = dc.page(limit, 0, LIST_DEFAULT)
    if after < 0:
        raise errors.InvalidArgument("after 不能小于 0", field="after")
    start_ms, end_ms = _instant_ms(start, "start"), _instant_ms(end, "end")
    with uow.read(actor.app) as store:
        circle = _circle_or_404(store, circle_id)
        if dc.manager_rank(store.circle_member(circle.id, actor.user_id)) != dc.ROLE_LEVEL[dc.FOUNDER]:
            raise errors.PermissionDenied("无权查看")
        rows = store.circle_income_rows(
            circle.id, dc.INCOME_KINDS.get(kind), after, start_ms, end_ms, limit
        )
        profiles = store.circle_profiles([r.user_id for r in rows])
    return [(r, profiles.get(r.user_id) or dc.Profile(r.user_id, "", None)) for r in rows]


def role_counts(uow, actor, circle_id: int) -> tuple[int, int]:
    """(plain members, founder and administrators), blacklisted users left out."""
    with uow.read(_app_of(actor)) as store:
        circle = _circle_or_404(store, circle_id)
        counts = store.count_circle_roles(circle.id)
    return counts.get(dc.MEMBER, 0), counts.get(dc.FOUNDER, 0) + counts.get(dc.ADMINISTRATOR, 0)


def _blacklist_user(store, circle: dc.Circle, user_id: int, member_id: int) -> int:
    """The user a blacklist call means: the user of the membership member_id (the clients'
    {member}: an approved membership of this circle), else user_id."""
    if not member_id:
        if user_id <= 0:
            raise errors.InvalidArgument("user_id 字段是必须的", field="user_id")
        return user_id
    row = store.circle_member_by_id(circle.id, member_id)
    if row is None:
        raise errors.NotFound("内容不存在")
    if row.audit != dc.APPROVED:
        raise errors.PermissionDenied("待审核成员不能进行该操作")
    return row.user_id


def add_to_blacklist(uow, actor: Principal, circle_id: int, user_id: int, member_id: int = 0) -> None:
    with uow.write(actor.app) as store:
        circle = _circle_or_404(store, circle_id, lock=True)
        rank = _manager(store, actor, circle)
        user_id = _blacklist_user(store, circle, user_id, member_id)
        target = store.circle_member(circle.id, user_id)
        target_rank = dc.ROLE_LEVEL[target.role] if target is not None and target.audit == dc.APPROVED else -1
        if target_rank >= rank:
            raise errors.PermissionDenied("权限不足")
        if target_rank == dc.ROLE_LEVEL[dc.ADMINISTRATOR]:  # slimkit/plus#527: demote first
            raise errors.PermissionDenied("请先撤销该成员的管理员身份")
        store.add_to_circle_blacklist(circle.id, user_id, now_ms())
        circle_event(store, "circle.member.blacklisted", circle.id, target=f"user:{user_id}", user_id=user_id)


def remove_from_blacklist(uow, actor: Principal, circle_id: int, user_id: int, member_id: int = 0) -> None:
    with uow.write(actor.app) as store:
        circle = _circle_or_404(store, circle_id, lock=True)
        _manager(store, actor, circle)
        user_id = _blacklist_user(store, circle, user_id, member_id)
        if not store.remove_from_circle_blacklist(circle.id, user_id):
            raise errors.NotFound("内容不存在")
        circle_event(store, "circle.member.unblacklisted", circle.id, target=f"user:{user_id}", user_id=user_id)


def remove_member(uow, actor: Principal, circle_id: int, member_id: int) -> None:
    now = now_ms()
    with uow.write(actor.app) as store:
        circle = _circle_or_404(store, circle_id, lock=True)
        rank = _manager(store, actor, circle)
        row = _target(store, circle, member_id)
        if dc.ROLE_LEVEL[row.role] >= rank:
            raise errors.PermissionDenied("权限不足")
        if store.delete_circle_member(row.id):
            store.add_to_users_count(circle.id, -1, now)
        circle_event(store, "circle.member.removed", circle.id, target=f"user:{row.user_id}", user_id=row.user_id,
                     member_id=row.id)


# ---- internal administration (CircleAdminService, app admin tokens) ----


def _require_app_admin(actor: Principal) -> None:
    if not actor.is_app_admin:
        raise errors.PermissionDenied("仅应用管理员可以操作")


def upsert_category(uow, actor: Principal, category_id: int, name: str, sort_by: int, status: int) -> int:
    _require_app_admin(actor)
    name = name.strip()
    if not name or len(name) > 100:
        raise errors.InvalidArgument("name 必须是 1 到 100 个字符", field="name")
    if status not in (0, 1):
        raise errors.InvalidArgument("status 必须是 0 或 1", field="status")
    now = now_ms()
    with uow.write(actor.app) as store:
        same = store.circle_category_named(name)
        if same is not None and same.id != category_id:
            raise errors.AlreadyExists("该分类名称已存在")
        if category_id:
            if store.circle_category(category_id) is None:
                raise errors.NotFound("分类不存在")
            store.update_circle_category(category_id, name=name, sort_by=sort_by or 1000, status=status, updated_at=now)
        else:
            category_id = store.insert_circle_category(name, sort_by or 1000, status, now)
        app_event(store, "circle.category.updated", target=f"category:{category_id}", category_id=category_id,
                  name=name, sort_by=sort_by or 1000, status=status)
        return category_id


def upsert_tag(uow, actor: Principal, tag_id: int, name: str, tag_category_id: int, weight: int) -> int:
    _require_app_admin(actor)
    name = name.strip()
    if not name or len(name) > 150:
        raise errors.InvalidArgument("name 必须是 1 到 150 个字符", field="name")
    with uow.write(actor.app) as store:
        found = store.upsert_circle_tag(tag_id, name, tag_category_id, weight)
        if found is not None:
            app_event(store, "circle.tag.updated", target=f"tag:{found}", tag_id=found, name=name,
                      tag_category_id=tag_category_id, weight=weight)
    if found is None:
        raise errors.NotFound("标签不存在")
    return found


def set_recommendation(uow, actor: Principal, circle_id: int, recommended: bool, sort_by: int) -> None:
    _require_app_admin(actor)
    with uow.write(actor.app) as store:
        circle = _circle_or_404(store, circle_id)
        store.set_circle_recommendation(circle.id, recommended, sort_by or 1000, now_ms())
        circle_event(store, "circle.recommendation.updated", circle.id, recommended=recommended, sort_by=sort_by or 1000)


def set_protocol(uow, actor: Principal, text: str) -> None:
    _require_app_admin(actor)
    if len(text) > 100_000:
        raise errors.InvalidArgument("protocol 过长", field="protocol")
    with uow.write(actor.app) as store:
        store.set_circle_protocol(text, now_ms())
        app_event(store, "circle.protocol.updated", target="app", length=len(text))


def review_circle(uow, actor: Principal, circle_id: int, audit: int) -> None:
    """Approve (the creator becomes founder, once), reject or close."""
    _require_app_admin(actor)
    if audit not in dc.AUDITS:
        raise errors.InvalidArgument("audit 必须是 1、2 或 3", field="audit")
    now = now_ms()
    with uow.write(actor.app) as store:
        circle = _circle_or_404(store, circle_id, lock=True)
        store.update_circle(circle.id, audit=audit, updated_at=now)
        circle_event(store, "circle.reviewed", circle.id, changes=[change("audit", circle.audit, audit)])
        if audit == dc.APPROVED and store.circle_founder(circle.id) is None:
            store.insert_circle_member(circle.id, circle.user_id, dc.FOUNDER, dc.APPROVED, 0, now)
            store.update_circle(circle.id, users_count=store.count_circle_members(circle.id))
