"""Comparing a response with a document's example, key by key and JSON type by type."""


class Nullable:
    """A documented null that holds a value of this JSON type when set."""

    def __init__(self, kind):
        self.kind = kind

    def __repr__(self):
        return f"Nullable({self.kind.__name__})"


NUMBER = 0
TEXT = ""
NULL_TEXT = Nullable(str)
NULL_OBJECT = Nullable(dict)


def assert_shape(actual, documented, path="$"):
    if isinstance(documented, Nullable):
        assert actual is None or _is(actual, documented.kind), f"{path}: {actual!r} is not {documented!r}"
        return
    if isinstance(documented, dict):
        assert isinstance(actual, dict), f"{path}: expected an object, got {actual!r}"
        missing, extra = set(documented) - set(actual), set(actual) - set(documented)
        assert not missing and not extra, f"{path}: missing keys {sorted(missing)}, extra keys {sorted(extra)}"
        for key, value in documented.items():
            assert_shape(actual[key], value, f"{path}.{key}")
        return
    if isinstance(documented, list):
        assert isinstance(actual, list), f"{path}: expected an array, got {actual!r}"
        if documented:
            for i, item in enumerate(actual):
                assert_shape(item, documented[0], f"{path}[{i}]")
        return
    if documented is None:
        assert actual is None, f"{path}: expected null, got {actual!r}"
        return
    assert _is(actual, type(documented)), f"{path}: expected {type(documented).__name__}, got {actual!r}"


def _is(value, kind) -> bool:
    if kind is bool:
        return isinstance(value, bool)
    if kind in (int, float):
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    return isinstance(value, kind)
