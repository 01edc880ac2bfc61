"""make token: prints a JWT for local use, signed with the data directory's key."""

import argparse

from server.api.tokens import mint
from server.config import Settings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--user", type=int, required=True, help="the user id (sub)")
    parser.add_argument("--name", default="", help="the user's display name")
    parser.add_argument("--avatar", default="", help="the user's avatar")
    parser.add_argument("--app", default="default", help="the tenant (app)")
    parser.add_argument("--admin", action="store_true", help="an app administrator token")
    parser.add_argument("--ttl", type=int, default=30 * 24 * 3600, help="seconds until it expires")
    args = parser.parse_args()
    print(
        mint(
            Settings.from_env().data_dir, args.user, app=args.app or "default", name=args.name,
            avatar=args.avatar or None, admin=args.admin, ttl_seconds=args.ttl,
        )
    )


if __name__ == "__main__":
    main()
