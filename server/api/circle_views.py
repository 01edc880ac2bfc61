"""Circles (documents 001/002) as the circles dialect shows them: domain → protobuf."""

from datetime import UTC, datetime

from google.protobuf import struct_pb2

from groupkit.circle.v1 import circle_pb2 as pb
from server.api.values import NULL, datetime_text, nullable, struct_value
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


def member_dict(member: dc.CircleMember) -> dict:
    return {
        "id": member.id, "group_id": member.circle_id, "user_id": member.user_id, "audit": member.audit,
        "role": member.role, "disabled": member.disabled,
        "created_at": datetime_text(member.created_at), "updated_at": datetime_text(member.updated_at),
    }


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
    c = view.circle
    message = pb.Circle(
        id=c.id, name=c.name, user_id=c.user_id, category_id=c.category_id,
        location=nullable(c.location), longitude=nullable(c.longitude), latitude=nullable(c.latitude),
        geo_hash=nullable(c.geo_hash), allow_feed=c.allow_feed, mode=c.mode, permissions=c.permissions,
        money=c.money, summary=nullable(c.summary), notice=nullable(c.notice), users_count=c.users_count,
        posts_count=0, audit=c.audit, im_group_id=nullable(c.im_group_id), excellen_posts_count=0,
        created_at=datetime_text(c.created_at), updated_at=datetime_text(c.updated_at), deleted_at=NULL,
        joined=struct_value(member_dict(view.joined) if view.joined is not None else None),
        avatar=nullable(avatar_url(c.avatar, base_url)),
    )
    if view.incomes is not None:
        message.join_income_count, message.pinned_income_count = view.incomes
    if view.blacklist_count is not None:
        message.blacklist_count = view.blacklist_count
    if view.join_at is not None:
        message.join_at = iso_zulu(view.join_at)
    if view.detail:
        message.user.CopyFrom(struct_value(user_dict(view.creator)))
        message.tags.CopyFrom(struct_pb2.ListValue())
        message.tags.extend([
            {"id": t.id, "name": t.name, "tag_category_id": t.tag_category_id, "weight": t.weight} for t in view.tags
        ])
        if view.category is not None:
            message.category.CopyFrom(category(view.category))
        founder = None
        if view.founder is not None:
            founder = {**member_dict(view.founder), "user": user_dict(view.founder_profile)}
        message.founder.CopyFrom(struct_value(founder))
    return message


def member(m: dc.CircleMember, profile: dc.Profile) -> pb.CircleMember:
    return pb.CircleMember(
        id=m.id, group_id=m.circle_id, user_id=m.user_id, audit=m.audit, role=m.role, disabled=m.disabled,
        created_at=datetime_text(m.created_at), updated_at=datetime_text(m.updated_at),
        user=struct_value(user_dict(profile)),
    )
