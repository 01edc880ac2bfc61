"""Shared file use cases (im dialect): a group's files are metadata (name, size, type,
url). Members upload, list and read; the uploader and the group's owner and admins
rename and delete."""

from server.domain import errors, policies
from server.domain import files as rules
from server.domain.files import GroupFile
from server.domain.model import Group, ItemResult, Principal
from server.services.clock import now_ms
from server.services.emit import change, group_event
from server.services.lookup import group_or_404, require_group_id, role_of

NOT_FOUND = "文件不存在"
NOT_YOURS = "仅上传者、群主或管理员可以删除该文件"


def _group(store, im_id: int) -> Group:
    return group_or_404(store.group_by_im_id(require_group_id(im_id)))


def _require_file_id(value: int) -> int:
    if value <= 0:
        raise errors.InvalidArgument("file_id 不能为空", field="file_id")
    return value


def _one(store, group: Group, file_id: int) -> GroupFile:
    found = store.group_files(group, [file_id])
    if not found:
        raise errors.NotFound(NOT_FOUND)
    return found[0]


def upload(uow, actor: Principal, im_id: int, name: str, size: int | None, type_: str, url: str) -> GroupFile:
    """Registers a file a member shares; type defaults to the name's extension."""
    require_group_id(im_id)
    rules.check_name(name)
    rules.check_url(url)
    rules.check_size(size)
    type_ = rules.file_type(type_, name)
    with uow.write(actor.app) as store:
        group = _group(store, im_id)
        policies.require_member(role_of(store, actor, group))
        stored = store.insert_file(group, actor.user_id, name, size, type_, url, now_ms())
        group_event(store, "group.file.uploaded", group, target=f"file:{stored.id}", file_id=stored.id, name=name,
                    size=size)
        return stored


def get(uow, actor: Principal, im_id: int, file_id: int) -> GroupFile:
    require_group_id(im_id)
    _require_file_id(file_id)
    with uow.read(actor.app) as store:
        group = _group(store, im_id)
        policies.require_member(role_of(store, actor, group))
        return _one(store, group, file_id)


def listing(uow, actor: Principal, im_id: int) -> list[GroupFile]:
    """The group's files, newest first (at most files.LIST_MAX)."""
    with uow.read(actor.app) as store:
        group = _group(store, im_id)
        policies.require_member(role_of(store, actor, group))
        return store.group_files(group, limit=rules.LIST_MAX)


def rename(uow, actor: Principal, im_id: int, file_id: int, name: str) -> None:
    require_group_id(im_id)
    _require_file_id(file_id)
    rules.check_name(name)
    with uow.write(actor.app) as store:
        group = _group(store, im_id)
        role = policies.require_member(role_of(store, actor, group))
        found = _one(store, group, file_id)
        if not rules.may_change(actor.user_id, role, found):
            raise errors.PermissionDenied("仅上传者、群主或管理员可以重命名该文件")
        store.rename_file(found.id, name, now_ms())
        group_event(store, "group.file.renamed", group, target=f"file:{found.id}", file_id=found.id,
                    changes=[change("name", found.name, name)])


def delete(uow, actor: Principal, im_id: int, file_ids: list[int]) -> list[ItemResult]:
    """Deletes files one by one: an unknown file, another group's or one the caller may not
    delete fails alone with a reason. Results are one per id, in the order given."""
    require_group_id(im_id)
    file_ids = policies.check_batch(file_ids, "file_list")
    with uow.write(actor.app) as store:
        group = _group(store, im_id)
        role = policies.require_member(role_of(store, actor, group))
        found = {f.id: f for f in store.group_files(group, file_ids)}
        results = []
        for file_id in file_ids:
            if file_id not in found:
                results.append(ItemResult(file_id, False, NOT_FOUND))
            elif not rules.may_change(actor.user_id, role, found[file_id]):
                results.append(ItemResult(file_id, False, NOT_YOURS))
            else:
                results.append(ItemResult(file_id, True))
        deleting = [r.id for r in results if r.ok]
        store.delete_files(group.id, deleting)
        if deleting:
            group_event(store, "group.file.deleted", group,
                        target=f"file:{deleting[0]}" if len(deleting) == 1 else "files", file_ids=deleting,
                        uploader_ids=sorted({found[i].uploader_id for i in deleting}))
    return results
