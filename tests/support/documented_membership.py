"""Response shapes of the membership endpoints: community (000) from its JSON examples,
im (003) from its field tables (read_id added to applications as CONTRACT.md decides)."""

from tests.support.documented import im, im_page
from tests.support.shapes import NULL_TEXT, NUMBER, TEXT

IM_USER_RESULT = {"reason": NULL_TEXT, "result": TEXT, "user_id": NUMBER}
IM_RESULT = im(IM_USER_RESULT)
IM_RESULTS = im([IM_USER_RESULT])
IM_APPLICATIONS = im_page(
    {"applicant_id": NUMBER, "expired_time": NUMBER, "group_id": NUMBER, "reason": TEXT, "status": NUMBER, "read_id": NUMBER}
)
IM_INVITATIONS = im_page(
    {
        "expired_time": NUMBER, "group_id": NUMBER, "invitee_id": NUMBER, "inviter_id": NUMBER, "reason": TEXT,
        "status": NUMBER, "updated_at": TEXT,
    }
)
IM_QR_CODE = im({"create_at": NUMBER, "expire_at": NUMBER, "qr_info": TEXT, "expired": NUMBER})  # expired: MaxIM's app-server name
IM_BLOCKED = im_page({"created_at": TEXT, "group_id": NUMBER, "user_id": NUMBER})
