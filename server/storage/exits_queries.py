"""Store queries of the exits capability (removing, leaving, transferring, dismissing); composed into Store."""

from server.domain import model as dm
from server.storage.models import Group, Member
from server.storage.rows import member_from_row


class ExitsQueries:
    def members_by_ids(self, group_id: int, member_ids: list[int]) -> dict[int, dm.Member]:
        """Memberships of one group by membership id; ids of other groups are left out."""
        if not member_ids:
            return {}
        rows = Member.select().where(
            (Member.app == self.app) & (Member.group == group_id) & (Member.id.in_(member_ids))
        )
        return {r.id: member_from_row(r) for r in rows}

    def dissolve_group(self, group_id: int, now: int) -> None:
        """Ends every membership and marks the group dissolved (status 1): reads skip it from now on."""
        Member.delete().where(Member.group == group_id).execute()
        Group.update(status=1, member_count=0, group_count=0, updated_at=now).where(
            (Group.app == self.app) & (Group.id == group_id)
        ).execute()

    def release_groups(self, community_id: int, group_ids: list[int] | None, now: int) -> int:
        """Takes groups (all of them when group_ids is None) out of a community and uncounts
        them in the caller's transaction; returns how many left."""
        query = Group.update(comm_id=0, updated_at=now).where(
            (Group.app == self.app) & (Group.comm_id == community_id) & (Group.status == 0)
        )
        if group_ids is not None:
            query = query.where(Group.id.in_(group_ids))
        released = query.execute()
        if released:
            Group.update(group_count=Group.group_count - released, updated_at=now).where(
                Group.id == community_id
            ).execute()
        return released
