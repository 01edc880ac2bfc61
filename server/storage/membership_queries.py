"""Store queries of the membership capability; composed into Store."""

import secrets

from server.domain import model as dm
from server.storage.models import AppSecret, BlockedUser, Group, Invitation, JoinRequest
from server.storage.rows import group_from_row
from server.storage.sql import fetch_all, marks, quoted

PENDING = dm.RequestStatus.PENDING


def _application(row: JoinRequest, im_id: int) -> dm.Application:
    return dm.Application(
        id=row.id, group_id=row.group_id, group_im_id=im_id, status=row.status, expired_time=row.expired_time,
        reason=row.reason, updated_at=row.updated_at, applicant_id=row.applicant_id,
        group_ids=[int(i) for i in row.group_ids.split(",") if i],
    )


def _invitation(row: Invitation, im_id: int) -> dm.Invitation:
    return dm.Invitation(
        id=row.id, group_id=row.group_id, group_im_id=im_id, status=row.status, expired_time=row.expired_time,
        reason=row.reason, updated_at=row.updated_at, inviter_id=row.inviter_id, invitee_id=row.invitee_id,
    )


class MembershipQueries:
    # Groups

    def groups_by_ids(self, group_ids: list[int], *, lock: bool = False) -> dict[int, dm.Group]:
        if not group_ids:
            return {}
        query = Group.select().where((Group.app == self.app) & (Group.id.in_(group_ids)) & (Group.status == 0))
        return {r.id: group_from_row(r) for r in (self._lock(query) if lock else query)}

    def join_community(self, community_id: int, group_ids: list[int], now: int) -> None:
        """Moves groups into a community and counts them there, in the caller's transaction."""
        Group.update(comm_id=community_id, updated_at=now).where(
            (Group.app == self.app) & (Group.id.in_(group_ids))
        ).execute()
        Group.update(group_count=Group.group_count + len(group_ids), updated_at=now).where(
            Group.id == community_id
        ).execute()

    # Applications

    def insert_application(
        self, group: dm.Group, applicant_id: int, *, reason: str, source: str, group_ids: list[int], now: int, expires: int
    ) -> int:
        return JoinRequest.insert(
            app=self.app, group=group.id, applicant_id=applicant_id, reason=reason, source=source,
            group_ids=",".join(map(str, group_ids)), status=PENDING, expired_time=expires,
            created_at=now, updated_at=now,
        ).execute()

    def application(self, application_id: int, *, lock: bool = False) -> dm.Application | None:
        query = (
            JoinRequest.select(JoinRequest, Group.id, Group.im_id)
            .join(Group)
            .where((JoinRequest.app == self.app) & (JoinRequest.id == application_id))
        )
        row = (self._lock(query) if lock else query).first()
        return _application(row, row.group.im_id) if row else None

    def latest_pending_application(self, group: dm.Group, applicant_id: int, *, lock: bool = False) -> dm.Application | None:
        query = (
            JoinRequest.select()
            .where(
                (JoinRequest.group == group.id) & (JoinRequest.applicant_id == applicant_id)
                & (JoinRequest.status == PENDING)
            )
            .order_by(JoinRequest.id.desc())
        )
        row = (self._lock(query) if lock else query).first()
        return _application(row, group.im_id) if row else None

    def set_application_status(self, application_id: int, status: int, now: int) -> None:
        JoinRequest.update(status=status, updated_at=now).where(JoinRequest.id == application_id).execute()

    def application_page(self, group_ids: list[int], after_id: int, limit: int) -> list[dm.Application]:
        rows = (
            JoinRequest.select(JoinRequest, Group.id, Group.im_id)
            .join(Group)
            .where((JoinRequest.group.in_(group_ids)) & (JoinRequest.id > after_id))
            .order_by(JoinRequest.id)
            .limit(limit)
        )
        return [_application(r, r.group.im_id) for r in rows]

    def count_applications(self, group_ids: list[int]) -> int:
        return JoinRequest.select().where(JoinRequest.group.in_(group_ids)).count()

    # Invitations

    def pending_invitees(self, group_id: int, inviter_id: int, user_ids: list[int], now: int) -> set[int]:
        """Users with an unexpired invitation from this inviter still waiting."""
        rows = Invitation.select(Invitation.invitee_id).where(
            (Invitation.group == group_id) & (Invitation.invitee_id.in_(user_ids)) & (Invitation.inviter_id == inviter_id)
            & (Invitation.status == PENDING) & (Invitation.expired_time > now)
        )
        return {r.invitee_id for r in rows}

    def insert_invitations(
        self, group_id: int, inviter_id: int, invitee_ids: list[int], *, reason: str, now: int, expires: int
    ) -> None:
        if not invitee_ids:
            return
        Invitation.insert_many(
            [
                {
                    "app": self.app, "group": group_id, "inviter_id": inviter_id, "invitee_id": uid, "reason": reason,
                    "status": PENDING, "expired_time": expires, "created_at": now, "updated_at": now,
                }
                for uid in invitee_ids
            ]
        ).execute()

    def latest_pending_invitation(self, group: dm.Group, invitee_id: int, inviter_id: int) -> dm.Invitation | None:
        query = (
            Invitation.select()
            .where(
                (Invitation.group == group.id) & (Invitation.invitee_id == invitee_id)
                & (Invitation.inviter_id == inviter_id) & (Invitation.status == PENDING)
            )
            .order_by(Invitation.id.desc())
        )
        row = self._lock(query).first()
        return _invitation(row, group.im_id) if row else None

    def pending_invitations(self, group: dm.Group, invitee_id: int) -> list[dm.Invitation]:
        """The invitee's pending invitations to the group, from any inviter, newest first."""
        query = (
            Invitation.select()
            .where((Invitation.group == group.id) & (Invitation.invitee_id == invitee_id) & (Invitation.status == PENDING))
            .order_by(Invitation.id.desc())
        )
        return [_invitation(row, group.im_id) for row in self._lock(query)]

    def set_invitation_status(self, invitation_id: int, status: int, now: int) -> None:
        Invitation.update(status=status, updated_at=now).where(Invitation.id == invitation_id).execute()

    def invitation_page(self, invitee_id: int, after_id: int, limit: int) -> list[dm.Invitation]:
        rows = (
            Invitation.select(Invitation, Group.id, Group.im_id)
            .join(Group)
            .where(
                (Invitation.app == self.app) & (Invitation.invitee_id == invitee_id) & (Invitation.id > after_id)
                & (Group.status == 0)  # a dismissed group's invitations are gone with it
            )
            .order_by(Invitation.id)
            .limit(limit)
        )
        return [_invitation(r, r.group.im_id) for r in rows]

    def count_invitations(self, invitee_id: int) -> int:
        return (
            Invitation.select().join(Group)
            .where((Invitation.app == self.app) & (Invitation.invitee_id == invitee_id) & (Group.status == 0))
            .count()
        )

    def close_pending_requests(self, group_id: int, user_ids: list[int], now: int) -> None:
        """Refuses the users' waiting applications and invitations (they were blocked)."""
        JoinRequest.update(status=dm.RequestStatus.REFUSED, updated_at=now).where(
            (JoinRequest.group == group_id) & (JoinRequest.applicant_id.in_(user_ids)) & (JoinRequest.status == PENDING)
        ).execute()
        Invitation.update(status=dm.RequestStatus.REFUSED, updated_at=now).where(
            (Invitation.group == group_id) & (Invitation.invitee_id.in_(user_ids)) & (Invitation.status == PENDING)
        ).execute()

    # Block list

    def blocked_among(self, group_id: int, user_ids: list[int]) -> set[int]:
        if not user_ids:
            return set()
        rows = fetch_all(
            f'SELECT "user_id" FROM {quoted(BlockedUser)} WHERE "group_id" = ? AND "user_id" IN ({marks(len(user_ids))})',
            [group_id, *user_ids],
        )
        return {user_id for (user_id,) in rows}

    def block(self, group_id: int, user_ids: list[int], now: int) -> None:
        if user_ids:
            BlockedUser.insert_many(
                [{"app": self.app, "group": group_id, "user_id": uid, "created_at": now} for uid in user_ids]
            ).execute()

    def unblock(self, group_id: int, user_ids: list[int]) -> None:
        if user_ids:
            BlockedUser.delete().where((BlockedUser.group == group_id) & (BlockedUser.user_id.in_(user_ids))).execute()

    def block_page(self, group: dm.Group, after_id: int, limit: int) -> list[dm.BlockEntry]:
        rows = (
            BlockedUser.select()
            .where((BlockedUser.group == group.id) & (BlockedUser.id > after_id))
            .order_by(BlockedUser.id)
            .limit(limit)
        )
        return [dm.BlockEntry(r.id, group.im_id, r.user_id, r.created_at) for r in rows]

    def count_blocked(self, group_id: int) -> int:
        return BlockedUser.select().where(BlockedUser.group == group_id).count()

    # QR codes

    def app_secret(self, now: int) -> str:
        """The app's QR signing secret, made on first use (a racing insert loses quietly)."""
        row = AppSecret.get_or_none(AppSecret.app == self.app)
        if row is None:
            AppSecret.insert(app=self.app, secret=secrets.token_hex(32), created_at=now).on_conflict_ignore().execute()
            row = AppSecret.get(AppSecret.app == self.app)
        return row.secret
