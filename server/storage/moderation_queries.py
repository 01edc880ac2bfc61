"""Store queries of the moderation capability; composed into Store."""


class ModerationQueries:
    pass
