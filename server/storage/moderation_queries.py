"""Store queries of the moderation capability (admins, mutes, public groups); composed into Store."""

from server.domain import model as dm
from server.storage.models import Group, Member
from server.storage.rows import member_from_row


def _muted_at(now: int):
    """Members whose mute is in force at now: until lifted (-1), or ending later (lazy expiry)."""
    return (Member.muted_until == dm.FOREVER) | (Member.muted_until > now)


class ModerationQueries:
    def count_admins(self, group_id: int) -> int:
        return Member.select().where(
            (Member.app == self.app) & (Member.group == group_id) & (Member.role == int(dm.Role.ADMIN))
        ).count()

    def set_roles(self, group_id: int, user_ids: list[int], role: dm.Role, now: int) -> None:
        if user_ids:
            Member.update(role=int(role), updated_at=now).where(
                (Member.app == self.app) & (Member.group == group_id) & (Member.user_id.in_(user_ids))
            ).execute()

    def set_muted_until(self, group_id: int, user_ids: list[int], until: int, now: int) -> None:
        if user_ids:
            Member.update(muted_until=until, updated_at=now).where(
                (Member.app == self.app) & (Member.group == group_id) & (Member.user_id.in_(user_ids))
            ).execute()

    def admins(self, group_id: int) -> list[dm.Member]:
        """The group's admins in join order (the owner is not one)."""
        rows = Member.select().where(
            (Member.app == self.app) & (Member.group == group_id) & (Member.role == int(dm.Role.ADMIN))
        ).order_by(Member.id)
        return [member_from_row(r) for r in rows]

    def muted_page(self, group_id: int, now: int, after_id: int, limit: int) -> list[dm.Member]:
        """Members muted at now, in join order after a membership id (keyset pagination)."""
        rows = (
            Member.select()
            .where((Member.app == self.app) & (Member.group == group_id) & (Member.id > after_id) & _muted_at(now))
            .order_by(Member.id)
            .limit(limit)
        )
        return [member_from_row(r) for r in rows]

    def count_muted(self, group_id: int, now: int) -> int:
        return Member.select().where((Member.app == self.app) & (Member.group == group_id) & _muted_at(now)).count()

    def public_im_ids(self, limit: int) -> list[int]:
        """IM ids of the app's groups searchable by keyword, oldest first."""
        rows = (
            Group.select(Group.im_id)
            .where((Group.app == self.app) & (Group.search_mode == dm.SearchMode.KEYWORD) & (Group.status == 0))
            .order_by(Group.id)
            .limit(limit)
        )
        return [r.im_id for r in rows]
