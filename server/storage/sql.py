"""Hand-written SQL for the hot paths, with rows as tuples.

Building a peewee query and its model instances costs about as much CPU as the whole gRPC
request (its SQL compilation dominates), while the query itself costs a few microseconds.
So the queries every request makes go through here: fixed SQL text written once (with `?`
placeholders, turned into `%s` for PostgreSQL), run through the bound database's
`execute_sql` (so peewee's transaction, connection and error mapping still apply), and
tuples turned straight into domain dataclasses. Column lists come from the models and the
dataclasses, so a new column needs no change here. Only server/storage uses this module."""

import peewee as pw

from server.domain import model as dm
from server.storage.models import Group, Member, database


def quoted(model: type[pw.Model]) -> str:
    return f'"{model._meta.table_name}"'


def _columns(alias: str, model: type[pw.Model], names: list[str]) -> str:
    return ", ".join(f'{alias}."{model._meta.fields[name].column_name}"' for name in names)


# Groups: the dataclass's fields, in its order, so a row is its positional arguments.
GROUP_FIELDS = list(dm.Group.__dataclass_fields__)
GROUP_COLUMNS = _columns("g", Group, GROUP_FIELDS)
GROUP_WIDTH = len(GROUP_FIELDS)
_GROUP_BOOLEANS = [i for i, name in enumerate(GROUP_FIELDS) if isinstance(Group._meta.fields[name], pw.BooleanField)]

# Members: the order member_from_tuple reads.
MEMBER_FIELDS = [
    "id", "group", "user_id", "role", "grade", "nickname", "chat_bgd", "msg_top", "msg_disturb",
    "disturb_accept", "disturb_shielding", "msg_mute_mode", "msg_push_mode", "muted_until", "status",
    "created_at", "updated_at",
]
MEMBER_COLUMNS = _columns("m", Member, MEMBER_FIELDS)
MEMBER_WIDTH = len(MEMBER_FIELDS)

GROUP_TABLE, MEMBER_TABLE = quoted(Group), quoted(Member)


def group_from_tuple(row) -> dm.Group:
    if _GROUP_BOOLEANS and not isinstance(row[_GROUP_BOOLEANS[0]], bool):  # SQLite stores booleans as 0/1
        row = list(row)
        for i in _GROUP_BOOLEANS:
            row[i] = bool(row[i])
    return dm.Group(*row)


_ROLES = {int(role): role for role in dm.Role}  # a dict lookup: calling the enum costs more than the rest of a row


def member_from_tuple(r, user: dm.UserProfile | None = None) -> dm.Member:
    return dm.Member(
        r[0], r[1], r[2], _ROLES[r[3]], r[4], r[5], r[6], dm.ChatSetting(r[7], r[8], r[9], r[10]),
        r[11], r[12], r[13], r[14], r[15], r[16], user,
    )


def _text(sql: str) -> str:
    return sql if database.param == "?" else sql.replace("?", database.param)


def fetch_all(sql: str, params: tuple | list = ()) -> list[tuple]:
    return database.execute_sql(_text(sql), params).fetchall()


def fetch_one(sql: str, params: tuple | list = ()) -> tuple | None:
    cursor = database.execute_sql(_text(sql), params)
    row = cursor.fetchone()
    cursor.close()
    return row


def execute(sql: str, params: tuple | list = ()) -> int:
    """Runs a statement; returns the number of rows it changed."""
    cursor = database.execute_sql(_text(sql), params)
    count = cursor.rowcount
    cursor.close()
    return count


def marks(count: int) -> str:
    return ", ".join("?" * count)


def for_update(lock: bool) -> str:
    return " FOR UPDATE" if lock else ""


class Inserter:
    """INSERT of a model's rows with peewee's Python-side defaults filled in (the schema has
    no column defaults), the statement text built once per set of given fields."""

    def __init__(self, model: type[pw.Model]):
        self.model = model
        self._statements: dict[tuple[str, ...], tuple[str, list]] = {}

    def _statement(self, given: tuple[str, ...]) -> tuple[str, list]:
        found = self._statements.get(given)
        if found is None:
            fields = self.model._meta.fields
            defaulted = [
                name for name, field in fields.items()
                if name not in given and not isinstance(field, pw.AutoField) and field.default is not None
            ]
            names = [*given, *defaulted]
            columns = ", ".join(f'"{fields[name].column_name}"' for name in names)
            sql = f"INSERT INTO {quoted(self.model)} ({columns}) VALUES ({marks(len(names))})"
            found = self._statements[given] = (sql, [fields[name] for name in defaulted])
        return found

    def values(self, given: dict) -> dict:
        """given plus every default, by field name (what the row holds once inserted, but its id)."""
        _, defaulted = self._statement(tuple(given))
        values = dict(given)
        for field in defaulted:
            values[field.name] = field.default() if callable(field.default) else field.default
        return values

    def insert(self, rows: list[dict], *, returning_id: bool = False) -> int | None:
        """Inserts rows (all with the same keys); with returning_id, one row, and returns its id."""
        if not rows:
            return None
        given = tuple(rows[0])
        sql, defaulted = self._statement(given)
        defaults = [field.default() if callable(field.default) else field.default for field in defaulted]
        params = [value for row in rows for value in (*(row[name] for name in given), *defaults)]
        if len(rows) > 1:
            width = len(given) + len(defaulted)
            sql += (", (" + marks(width) + ")") * (len(rows) - 1)
        if returning_id:
            return fetch_one(sql + ' RETURNING "id"', params)[0]
        execute(sql, params)
        return None
