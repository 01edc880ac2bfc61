"""What `make bench` measures: one line per row.

A row is one request driven by h2load through Envoy for BENCH_SECONDS. Its path and body are
formatted with the seed's values (bench.seed.Seed: {im_id}, {group_id}, {big_im_id},
{big_first}, {big_middle}, {big_last}, ...). `fresh` names a Seed method that returns one path
per request for writes that must not repeat (a join needs a group the caller is not in yet).
`user` is the caller (see bench.seed for who owns what). To add a row for a new service, add
one line here (and, if it needs rows of its own in the database, a field or method on Seed).

kind: "ceiling" rows are the two ceilings every other row is compared with; the ratio
column of each row is its req/s over the authenticated ceiling ("manage") of the same run.
"""

from dataclasses import dataclass

READ, WRITE, CEILING, FLOOR = "read", "write", "ceiling", "floor"
HEALTH_PATH = "/grpc.health.v1.Health/Check"
AUTH_CEILING = "manage"


@dataclass(frozen=True)
class Row:
    key: str
    label: str
    method: str
    path: str
    kind: str = READ
    body: str | None = None
    user: str = "reader"
    fresh: str | None = None
    databases: tuple[str, ...] = ("sqlite", "postgresql")
    concurrency: int | None = None  # None: BENCH_CONCURRENCY
    grpc: bool = False


FLOOR_ROW = "floor"
BUSY_GROUPS = 5_000  # the groups of the `busy` user (a bot or an admin account), issue 20
BIG_CONCURRENCY = 1  # the 100k-member pages are a latency target (p99 < 20 ms): one request at a time

ROWS = [
    Row("health", "ceiling: gRPC Health/Check (native)", "POST", HEALTH_PATH, CEILING, grpc=True),
    # The bare grpcio server (bench/floor.py, the same worker count, only Health), h2load straight at it.
    Row(FLOOR_ROW, "floor: bare grpcio Health/Check (direct, no Envoy)", "POST", HEALTH_PATH, FLOOR, grpc=True),
    Row(AUTH_CEILING, "ceiling: GET /api/group/manage (auth, static)", "GET", "/api/group/manage", CEILING),
    Row("c-detail", "community detail", "GET", "/api/groups/{im_id}"),
    Row("c-members", "community members", "GET", "/api/members?group_id={group_id}"),
    Row("c-user-groups", "community user groups", "GET", "/api/user/groups"),
    Row("im-info", "im info", "GET", "/group/info?group_id={im_id}"),
    Row("im-members", "im member_list page (50)", "GET", "/group/member_list?group_id={im_id}&limit=50"),
    Row("im-joined", "im user_joined", "GET", "/group/user_joined"),
    Row("notice-list", "community notice list", "GET", "/api/group/notices?group_id={group_id}"),
    Row("circle-list", "circle list (20 circles)", "GET", "/api/v2/plus-group/groups"),
    Row("circle-detail", "circle detail", "GET", "/api/v2/plus-group/groups/{circle_id}"),
    Row("big-first", "100k members: first page", "GET", "/group/member_list?group_id={big_im_id}&limit=50",
        user="big_owner", databases=("postgresql",), concurrency=BIG_CONCURRENCY),
    Row("big-middle", "100k members: middle page", "GET",
        "/group/member_list?group_id={big_im_id}&limit=50&cursor={big_middle}",
        user="big_owner", databases=("postgresql",), concurrency=BIG_CONCURRENCY),
    Row("big-last", "100k members: last page", "GET",
        "/group/member_list?group_id={big_im_id}&limit=50&cursor={big_last}",
        user="big_owner", databases=("postgresql",), concurrency=BIG_CONCURRENCY),
    # A user in 5 000 groups: a few µs per line, and 8 callers at least as fast as one (issue 20).
    Row("busy-groups-c1", f"user in {BUSY_GROUPS} groups: /api/user/groups", "GET", "/api/user/groups",
        user="busy", concurrency=1),
    Row("busy-groups-c8", f"user in {BUSY_GROUPS} groups: /api/user/groups", "GET", "/api/user/groups",
        user="busy", concurrency=8),
    Row("busy-joined-c1", f"user in {BUSY_GROUPS} groups: /group/user_joined", "GET", "/group/user_joined",
        user="busy", concurrency=1),
    Row("busy-joined-c8", f"user in {BUSY_GROUPS} groups: /group/user_joined", "GET", "/group/user_joined",
        user="busy", concurrency=8),
    # Writes last: the rows they add (and PostgreSQL's autovacuum after them) must not disturb the latency rows.
    Row("w-join", "write: join (POST /api/groups/{id}/join)", "POST", "", WRITE, body="{{}}", user="joiner",
        fresh="join_paths"),
    Row("w-create", "write: create group (POST /api/groups)", "POST", "/api/groups", WRITE,
        body='{{"type":"group","name":"bench","members":[{member_a},{member_b}]}}', user="creator"),
]
