"""Writes the server hosts' EDS file Envoy watches (SERVER_ENDPOINTS_FILE), atomically:

    python -m server.cli.endpoints --file /etc/groupkit/servers.json 10.0.0.11:50051 10.0.0.12:50051

Every Envoy reading the file routes to exactly these within a moment, with no restart; a host
left out stops getting new calls and its calls in flight finish."""

import argparse
import os
from pathlib import Path

from server.cli.topology import SERVER_CLUSTER, split_host_port, write_endpoints


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--file", type=Path, default=os.environ.get("SERVER_ENDPOINTS_FILE") or None,
                        required=not os.environ.get("SERVER_ENDPOINTS_FILE"), help="the EDS file (SERVER_ENDPOINTS_FILE)")
    parser.add_argument("--cluster", default=SERVER_CLUSTER, help="the cluster the file is for")
    parser.add_argument("addresses", nargs="*", help="host:port of each server process")
    args = parser.parse_args()
    for address in args.addresses:
        split_host_port(address)
    write_endpoints(args.file, args.addresses, args.cluster)


if __name__ == "__main__":
    main()
