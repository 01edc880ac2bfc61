"""Store queries of the member settings capability; composed into Store."""

from server.domain import model as dm
from server.storage.models import Group, Member
from server.storage.rows import member_from_row

# Domain names of the chat setting's options → their columns.
_COLUMNS = {"accept": "disturb_accept", "shielding": "disturb_shielding"}


class MemberSettingsQueries:
    def member_by_id(self, member_id: int) -> dm.Member | None:
        """A membership by its id, in this app and in a group that is not dismissed."""
        row = (
            Member.select(Member).join(Group)
            .where((Member.app == self.app) & (Member.id == member_id) & (Group.status == 0))
            .first()
        )
        return member_from_row(row) if row else None

    def update_member_settings(self, member_id: int, now: int, **changes) -> None:
        columns = {_COLUMNS.get(name, name): value for name, value in changes.items()}
        Member.update(updated_at=now, **columns).where((Member.app == self.app) & (Member.id == member_id)).execute()

