"""GroupService methods of the member settings capability, both dialects; composed into GroupServicer."""


class MemberSettingsMethods:
    pass
