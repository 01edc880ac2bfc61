"""GroupService methods of the membership capability, both dialects; composed into GroupServicer."""


class MembershipMethods:
    pass
