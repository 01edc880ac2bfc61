"""make token: prints a JWT for local use, signed with the running stack's key.

The key is DATA_DIR's (data/ by default). Without DATA_DIR, a running stack's (make run notes
each running stack, with its DATA_DIR, in .stacks/): a token made with another key would be
refused by it (401). Refuses, rather than create a key, when DATA_DIR has none and a stack runs
with another one."""

import argparse
import os
import sys
from pathlib import Path

from server.api.tokens import LOCAL_KEY_FILE, mint
from server.cli.stacks import running_stacks
from server.config import TRUE, data_dir_from_env

ADMIN_FALSE = ("", "0", "false", "no", "off")


class TokenError(ValueError):
    pass


def key_dir(env, stacks: list[dict]) -> Path:
    """The data directory whose key signs the token (see the module's docstring)."""
    stack_dirs = sorted({Path(stack["data_dir"]) for stack in stacks})
    chosen = data_dir_from_env(env)
    if not env.get("DATA_DIR") and stack_dirs and chosen not in stack_dirs:
        if len(stack_dirs) > 1:
            raise TokenError("stacks run with several data directories (" + ", ".join(map(str, stack_dirs)) +
                             "): name the one whose key signs the token, e.g. make token DATA_DIR=" + str(stack_dirs[0]))
        return stack_dirs[0]
    if not (chosen / LOCAL_KEY_FILE).exists() and stack_dirs and chosen not in stack_dirs:
        running = ", ".join(f"HTTP_PORT {stack['http_port']}: DATA_DIR={stack['data_dir']}" for stack in stacks)
        raise TokenError(f"DATA_DIR={chosen} has no signing key, and the running stack ({running}) uses another: "
                         "a key made now would sign tokens it refuses (401). Give make token the DATA_DIR of make run.")
    return chosen


def user_id(raw: str) -> int:
    if not (raw.isascii() and raw.isdigit()) or int(raw) == 0:
        raise TokenError(f"USER_ID must be a user id (a positive whole number), not {raw!r}")
    return int(raw)


def admin_flag(raw: str) -> bool:
    value = raw.strip().lower()
    if value in TRUE:
        return True
    if value in ADMIN_FALSE:
        return False
    raise TokenError(f"ADMIN must be 1, true or yes (an admin token) or 0, false, no or empty, not {raw!r}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--user", required=True, help="the user id (sub)")
    parser.add_argument("--name", default="", help="the user's display name")
    parser.add_argument("--avatar", default="", help="the user's avatar")
    parser.add_argument("--app", default="default", help="the tenant (app)")
    parser.add_argument("--admin", default="", help="1, true or yes: an app administrator token")
    parser.add_argument("--ttl", type=int, default=30 * 24 * 3600, help="seconds until it expires")
    args = parser.parse_args()
    try:
        token = mint(
            key_dir(os.environ, running_stacks()), user_id(args.user), app=args.app or "default", name=args.name,
            avatar=args.avatar or None, admin=admin_flag(args.admin), ttl_seconds=args.ttl,
        )
    except TokenError as exc:
        print(f"make token: {exc}", file=sys.stderr)
        return 2
    print(token)
    return 0


if __name__ == "__main__":
    sys.exit(main())
