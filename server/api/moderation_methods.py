"""GroupService methods of the moderation capability, both dialects; composed into GroupServicer."""


class ModerationMethods:
    pass
