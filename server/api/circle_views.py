"""Circles (documents 001/002) as the circles dialect shows them: domain → protobuf."""

from datetime import UTC, datetime

from google.protobuf import struct_pb2

from groupkit.circle.v1 import circle_pb2 as pb
from server.api.values import NULL, datetime_text, memoized_view, nullable, struct_value
from server.domain import circles as dc

AVATAR_PATH = "/api/v2/plus-group/"


def iso_zulu(ms: int) -> str:
    return datetime.fromtimestamp(ms / 1000, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def avatar_url(stored: str | None, base_url: str) -> str | None:
    if stored is None:
        return None
    if stored.startswith(("http://", "https://")):
        return stored
    return base_url.rstrip("/") + AVATAR_PATH + stored


def user_dict(profile: dc.Profile) -> dict:
    """The user object of the documents, from what this service knows of a user; the fields
    it does not keep (bio, location, bg, verified, extra: the reference's user_extras row,
    null when a user has none) are null, sex 0."""
    return {
        "id": profile.user_id, "name": profile.name, "bio": None, "sex": 0, "location": None,
        "created_at": datetime_text(profile.created_at) if profile.created_at else None,
        "updated_at": datetime_text(profile.updated_at) if profile.updated_at else None,
        "avatar": profile.avatar, "bg": None, "verified": None, "extra": None,
    }


def category(c: dc.Category) -> pb.Category:
    return pb.Category(
        id=c.id, name=c.name, sort_by=c.sort_by, status=c.status,
        created_at=datetime_text(c.created_at), updated_at=datetime_text(c.updated_at),
    )


def circle(view: dc.CircleView, base_url: str) -> pb.Circle:
    """The message is shared (server.api.values.memoized_view): it is only returned, yielded
    or copied into a parent, never changed."""
    c = view.circle
    fields = (
        c.id, c.name, c.user_id, c.category_id, c.location, c.longitude, c.latitude, c.geo_hash, c.allow_feed, c.mode,
        c.permissions, c.money, c.summary, c.notice, c.users_count, c.audit, c.im_group_id, c.avatar, c.created_at,
        c.updated_at,
    )
    joined = _member_fields(view.joined)
    if not view.detail:
        return _circle(fields, base_url, joined, view.incomes, view.blacklist_count, view.join_at)
    founder = view.founder
    return _circle_detail(
        fields, base_url, joined, view.incomes, view.blacklist_count, view.join_at, _profile_fields(view.creator),
        tuple((t.id, t.name, t.tag_category_id, t.weight) for t in view.tags),
        _category_fields(view.category) if view.category is not None else None,
        _member_fields(founder), _profile_fields(view.founder_profile) if founder is not None else None,
    )


def _member_fields(m: dc.CircleMember | None) -> tuple | None:
    if m is None:
        return None
    return m.id, m.circle_id, m.user_id, m.audit, m.role, m.disabled, m.created_at, m.updated_at


def _profile_fields(p: dc.Profile) -> tuple:
    return p.user_id, p.name, p.avatar, p.created_at, p.updated_at


def _category_fields(c: dc.Category) -> tuple:
    return c.id, c.name, c.sort_by, c.status, c.created_at, c.updated_at


def _member_value(fields: tuple) -> dict:
    member_id, circle_id, user_id, audit, role, disabled, created_at, updated_at = fields
    return {
        "id": member_id, "group_id": circle_id, "user_id": user_id, "audit": audit, "role": role, "disabled": disabled,
        "created_at": datetime_text(created_at), "updated_at": datetime_text(updated_at),
    }


def _user_value(fields: tuple) -> dict:
    return user_dict(dc.Profile(*fields))


@memoized_view
def _circle_base(fields: tuple, base_url: str) -> pb.Circle:
    """What every view of a circle shows of its own columns."""
    (circle_id, name, user_id, category_id, location, longitude, latitude, geo_hash, allow_feed, mode, permissions,
     money, summary, notice, users_count, audit, im_group_id, avatar, created_at, updated_at) = fields
    return pb.Circle(
        id=circle_id, name=name, user_id=user_id, category_id=category_id,
        location=nullable(location), longitude=nullable(longitude), latitude=nullable(latitude),
        geo_hash=nullable(geo_hash), allow_feed=allow_feed, mode=mode, permissions=permissions,
        money=money, summary=nullable(summary), notice=nullable(notice), users_count=users_count,
        posts_count=0, audit=audit, im_group_id=nullable(im_group_id), excellen_posts_count=0,
        created_at=datetime_text(created_at), updated_at=datetime_text(updated_at), deleted_at=NULL,
        avatar=nullable(avatar_url(avatar, base_url)),
    )


@memoized_view
def _joined(fields: tuple | None) -> struct_pb2.Value:
    return struct_value(_member_value(fields) if fields is not None else None)


@memoized_view
def _circle(fields: tuple, base_url: str, joined: tuple | None, incomes, blacklist_count, join_at) -> pb.Circle:
    """A circle as a list shows it to one viewer."""
    message = pb.Circle()
    message.CopyFrom(_circle_base(fields, base_url))
    message.joined.CopyFrom(_joined(joined))
    if incomes is not None:
        message.join_income_count, message.pinned_income_count = incomes
    if blacklist_count is not None:
        message.blacklist_count = blacklist_count
    if join_at is not None:
        message.join_at = iso_zulu(join_at)
    return message


@memoized_view
def _circle_detail(
    fields: tuple, base_url: str, joined: tuple | None, incomes, blacklist_count, join_at, creator: tuple,
    tags: tuple, category_fields: tuple | None, founder: tuple | None, founder_profile: tuple | None,
) -> pb.Circle:
    message = pb.Circle()
    message.CopyFrom(_circle(fields, base_url, joined, incomes, blacklist_count, join_at))
    message.user.CopyFrom(struct_value(_user_value(creator)))
    message.tags.CopyFrom(struct_pb2.ListValue())
    message.tags.extend([
        {"id": tag_id, "name": name, "tag_category_id": tag_category_id, "weight": weight}
        for tag_id, name, tag_category_id, weight in tags
    ])
    if category_fields is not None:
        message.category.CopyFrom(category(dc.Category(*category_fields)))
    message.founder.CopyFrom(struct_value(
        {**_member_value(founder), "user": _user_value(founder_profile)} if founder is not None else None
    ))
    return message


def member(m: dc.CircleMember, profile: dc.Profile) -> pb.CircleMember:
    return pb.CircleMember(
        id=m.id, group_id=m.circle_id, user_id=m.user_id, audit=m.audit, role=m.role, disabled=m.disabled,
        created_at=datetime_text(m.created_at), updated_at=datetime_text(m.updated_at),
        user=struct_value(user_dict(profile)),
    )


def join_request(found: dc.JoinRequest, base_url: str) -> pb.CircleJoinRequest:
    """A pending application as the reference's user-group-audit-members shows its record."""
    a = found.application
    return pb.CircleJoinRequest(
        id=a.id, group_id=a.circle_id, user_id=a.user_id, member_id=a.id, status=0, auditer=NULL, audit_at=NULL,
        created_at=datetime_text(a.created_at), updated_at=datetime_text(a.updated_at),
        user=struct_value(user_dict(found.applicant)), audit_user=NULL,
        member_info=struct_value(_member_value(_member_fields(a))), group=circle(found.circle, base_url),
    )


def income(found: dc.Income, payer: dc.Profile) -> pb.CircleIncome:
    subject = f'"{payer.name}"加入圈子' if found.kind == 1 else "帖子置顶"
    return pb.CircleIncome(
        id=found.id, group_id=found.circle_id, subject=subject, type=found.kind, amount=found.amount,
        user_id=found.user_id, created_at=datetime_text(found.created_at), updated_at=datetime_text(found.created_at),
        user=struct_value(user_dict(payer)),
    )
