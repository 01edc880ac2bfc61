"""Store queries of the member settings capability; composed into Store."""


class MemberSettingsQueries:
    pass
