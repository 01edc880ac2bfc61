"""Store queries of the membership capability; composed into Store."""


class MembershipQueries:
    pass
