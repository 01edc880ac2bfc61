"""Shared files → im-dialect messages (document 003)."""

from groupkit.file.v1 import file_service_pb2 as pb
from server.api.values import nullable
from server.domain.files import GroupFile
from server.domain.model import ItemResult


def group_file(file: GroupFile) -> pb.ImGroupFile:
    return pb.ImGroupFile(
        created_at=file.created_at, file_id=file.id, group_id=file.group_im_id, name=file.name, size=file.size,
        type=file.type, updated_at=file.updated_at, uploader=file.uploader_id, url=file.url,
    )


def file_results(results: list[ItemResult]) -> list[pb.ImFileResult]:
    """A deletion's per-file outcomes: {"file_id": n, "reason": null|"…", "result": "success"|"fail"}."""
    return [
        pb.ImFileResult(file_id=r.id, reason=nullable(r.reason), result="success" if r.ok else "fail") for r in results
    ]
