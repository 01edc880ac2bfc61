"""Store queries of the shared files capability; composed into Store."""

from server.domain import model as dm
from server.domain.files import GroupFile as DomainFile
from server.storage.models import GroupFile

_NEWEST_FIRST = (GroupFile.created_at.desc(), GroupFile.id.desc())


def _file(row: GroupFile, group_im_id: int) -> DomainFile:
    return DomainFile(
        id=row.id, group_id=row.group_id, group_im_id=group_im_id, uploader_id=row.uploader_id, name=row.name,
        size=row.size, type=row.type, url=row.url, created_at=row.created_at, updated_at=row.updated_at,
    )


class FileQueries:
    def insert_file(
        self, group: dm.Group, uploader_id: int, name: str, size: int, type_: str, url: str, now: int
    ) -> DomainFile:
        row = GroupFile.create(
            app=self.app, group=group.id, uploader_id=uploader_id, name=name, size=size, type=type_, url=url,
            created_at=now, updated_at=now,
        )
        return _file(row, group.im_id)

    def group_files(self, group: dm.Group, ids: list[int] | None = None, limit: int | None = None) -> list[DomainFile]:
        """The group's files (only those of ids, when given), newest first; other groups' ids are left out."""
        query = GroupFile.select().where((GroupFile.app == self.app) & (GroupFile.group == group.id))
        if ids is not None:
            query = query.where(GroupFile.id.in_(ids))
        query = self._lock(query.order_by(*_NEWEST_FIRST))
        if limit is not None:
            query = query.limit(limit)
        return [_file(r, group.im_id) for r in query]

    def rename_file(self, file_id: int, name: str, now: int) -> None:
        GroupFile.update(name=name, updated_at=now).where((GroupFile.app == self.app) & (GroupFile.id == file_id)).execute()

    def delete_files(self, group_id: int, ids: list[int]) -> None:
        if ids:
            GroupFile.delete().where((GroupFile.group == group_id) & (GroupFile.id.in_(ids))).execute()

    def delete_group_files(self, group_id: int) -> None:
        """A dismissed group's files go with it."""
        GroupFile.delete().where(GroupFile.group == group_id).execute()
