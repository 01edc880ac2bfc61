"""Documents 001/002 (ThinkSNS+ 圈子) response shapes, from their JSON examples and field
tables. A documented null is Nullable(type of the value when set)."""

from tests.support.shapes import NULL_OBJECT, NULL_TEXT, NUMBER, TEXT, Nullable

MEMBER = {
    "id": NUMBER, "group_id": NUMBER, "user_id": NUMBER, "audit": NUMBER, "role": TEXT, "disabled": NUMBER,
    "created_at": TEXT, "updated_at": TEXT,
}
# Every list item (doc 002's list and user-groups examples; 001's keys stay).
CIRCLE = {
    "id": NUMBER, "name": TEXT, "user_id": NUMBER, "category_id": NUMBER, "location": NULL_TEXT,
    "longitude": NULL_TEXT, "latitude": NULL_TEXT, "geo_hash": NULL_TEXT, "allow_feed": NUMBER, "mode": TEXT,
    "permissions": TEXT, "money": NUMBER, "summary": NULL_TEXT, "notice": NULL_TEXT, "users_count": NUMBER,
    "posts_count": NUMBER, "audit": NUMBER, "im_group_id": NULL_TEXT, "excellen_posts_count": NUMBER,
    "created_at": TEXT, "updated_at": TEXT, "deleted_at": NULL_TEXT, "joined": Nullable(dict), "avatar": NULL_TEXT,
}
PENDING_ITEM = {**CIRCLE, "join_at": TEXT}  # user-groups?type=audit, an application
USER = {
    "id": NUMBER, "name": TEXT, "bio": NULL_TEXT, "sex": NUMBER, "location": NULL_TEXT, "created_at": NULL_TEXT,
    "updated_at": NULL_TEXT, "avatar": NULL_TEXT, "bg": NULL_TEXT, "verified": NULL_OBJECT,
    "extra": NULL_OBJECT,  # the reference's user_extras row (counts of other modules): null here
}
TAG = {"id": NUMBER, "name": TEXT, "tag_category_id": NUMBER, "weight": NUMBER}
CATEGORY = {"id": NUMBER, "name": TEXT, "sort_by": NUMBER, "status": NUMBER, "created_at": TEXT, "updated_at": TEXT}
DETAIL = {
    **CIRCLE, "blacklist_count": NUMBER, "user": USER, "tags": [TAG], "category": CATEGORY,
    "founder": Nullable(dict),
}
FOUNDER_DETAIL = {**DETAIL, "join_income_count": NUMBER, "pinned_income_count": NUMBER}
FOUNDER = {**MEMBER, "user": USER}
COUNT = {"count": NUMBER}
PROTOCOL = {"protocol": TEXT}
MESSAGE = {"message": TEXT}
CREATED = {"message": TEXT, "group": FOUNDER_DETAIL}
VALIDATION = {"message": TEXT, "errors": dict}
LIST_MEMBER = {**MEMBER, "user": USER}
