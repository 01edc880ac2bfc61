"""The shapes of the shared file endpoints, from document 003's field tables."""

from tests.support.documented import IM_BOOLEAN, im
from tests.support.shapes import NULL_TEXT, NUMBER, TEXT

FILE = {
    "created_at": NUMBER, "file_id": NUMBER, "group_id": NUMBER, "name": TEXT, "size": NUMBER, "type": TEXT,
    "updated_at": NUMBER, "uploader": NUMBER, "url": TEXT,
}
GET_FILE = im(FILE)
DELETE_FILES = im([{"file_id": NUMBER, "reason": NULL_TEXT, "result": TEXT}])
LIST_FILES = im([FILE])
RENAME_FILE = IM_BOOLEAN
UPLOAD_FILE = im(FILE)
