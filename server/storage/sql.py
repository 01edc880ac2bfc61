"""Hand-written SQL for the hot paths, with rows as tuples.

Building a peewee query and its model instances costs about as much CPU as the whole gRPC
request (its SQL compilation dominates), while the query itself costs a few microseconds.
So the queries every request makes go through here: fixed SQL text written once (with `?`
placeholders), run through the bound database's `execute_sql` (so peewee's transaction,
connection and error mapping still apply), and tuples turned straight into domain
dataclasses. On PostgreSQL a lookup by key is a prepared statement of the connection
(PreparedStatements: planning it cost more than running it). Column lists come from the models and
the dataclasses, so a new column needs no change here. Only server/storage uses this module."""

import re
import threading
import weakref

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


class PreparedStatements:
    """PostgreSQL plans every statement it is sent as text, and for a lookup by key planning
    costs more than running it (the group with the caller's membership: 230 µs a round trip as
    text, 85 µs prepared). So a statement that finds one row by key (fetch_one) or changes rows
    by key (execute) is prepared once per connection (PREPARE, session-wide and not undone by a
    rollback) and run with EXECUTE, where PostgreSQL keeps a generic plan after five runs. Lists
    (fetch_all: ranges, LIMIT, IN lists) are sent as text and planned with their values each
    time: a generic plan made for small groups walked a 100 000-member group's rows (50 ms a
    page, where a plan made for the values takes 0.2 ms). Statement texts are few and capped:
    past MAX_STATEMENTS a text runs unprepared, and a connection holding MAX_PER_CONNECTION of
    them drops them all first."""

    MAX_STATEMENTS = 2048
    MAX_PER_CONNECTION = 256

    def __init__(self):
        self._names: dict[str, str] = {}  # statement text → name, for the process
        self._prepared: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # connection → names prepared on it
        self._lock = threading.Lock()

    def text_to_run(self, sql: str, count: int) -> str:
        """What to send for sql (with ? placeholders) and count parameters: EXECUTE of the
        statement, prepared on the thread's connection first if it is not yet."""
        name = self._names.get(sql)
        if name is None:
            with self._lock:
                if len(self._names) >= self.MAX_STATEMENTS:
                    return sql.replace("?", "%s")
                name = self._names.setdefault(sql, f"groupkit_{len(self._names)}")
        connection = database.connection()
        with self._lock:
            prepared = self._prepared.setdefault(connection, set())
        if name not in prepared:
            if len(prepared) >= self.MAX_PER_CONNECTION:
                database.execute_sql("DEALLOCATE ALL")
                prepared.clear()
            numbers = iter(range(1, count + 1))
            database.execute_sql(f"PREPARE {name} AS " + _PLACEHOLDER.sub(lambda _: f"${next(numbers)}", sql))
            prepared.add(name)
        return f"EXECUTE {name} ({', '.join(['%s'] * count)})" if count else f"EXECUTE {name}"


_PLACEHOLDER = re.compile(r"\?")
PREPARED = PreparedStatements()


def _run(sql: str, params: tuple | list, *, prepared: bool):
    if database.param == "?":  # SQLite: its module keeps a cache of compiled statements itself
        return database.execute_sql(sql, params)
    if not prepared:
        return database.execute_sql(sql.replace("?", "%s"), params)
    return database.execute_sql(PREPARED.text_to_run(sql, len(params)), params)


def fetch_all(sql: str, params: tuple | list = ()) -> list[tuple]:
    """Rows of a list: planned with its values each time (see PreparedStatements)."""
    return _run(sql, params, prepared=False).fetchall()


def fetch_one(sql: str, params: tuple | list = ()) -> tuple | None:
    """The row a lookup by key finds (a prepared statement on PostgreSQL)."""
    cursor = _run(sql, params, prepared=True)
    row = cursor.fetchone()
    cursor.close()
    return row


def execute(sql: str, params: tuple | list = ()) -> int:
    """Runs a statement that changes rows by key; returns how many it changed (prepared on PostgreSQL)."""
    cursor = _run(sql, params, prepared=True)
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

    def insert(self, rows: list[dict], *, returning_id: bool = False, unless_taken: bool = False) -> int | None:
        """Inserts rows (all with the same keys); with returning_id, one row, and returns its id.
        unless_taken: a row that would break a unique index is not inserted, and None is returned
        (no error: so no savepoint, two statements, is needed to go on in the transaction)."""
        if not rows:
            return None
        given = tuple(rows[0])
        sql, defaulted = self._statement(given)
        defaults = [field.default() if callable(field.default) else field.default for field in defaulted]
        params = [value for row in rows for value in (*(row[name] for name in given), *defaults)]
        if len(rows) > 1:
            width = len(given) + len(defaulted)
            sql += (", (" + marks(width) + ")") * (len(rows) - 1)
        if unless_taken:
            sql += " ON CONFLICT DO NOTHING"
        if returning_id:
            row = fetch_one(sql + ' RETURNING "id"', params)
            return None if row is None else row[0]
        execute(sql, params)
        return None
