"""Where the parts are (issue 19): Envoy's addresses, how it finds the server hosts, and the
Envoys it shares its rate limits with. All from the environment; the defaults are the one box
(`make run`: everything on 127.0.0.1, the servers on consecutive ports, limits per Envoy).

- EDGE_LISTEN_ADDRESS, ENVOY_ADMIN_ADDRESS: where Envoy listens (default 127.0.0.1).
- SERVER_ENDPOINTS_FILE: a file Envoy watches for the server hosts (EDS). Rewrite it atomically
  (`python -m server.cli.endpoints`, or write a temporary file and mv it over): Envoy takes the
  new list without a restart. Envoy reloads only on such a move, never on an edit in place.
- SERVER_DNS: host:port resolved every SERVER_DNS_REFRESH_SECONDS (default 5); every address is
  a server (STRICT_DNS: a Kubernetes headless Service, a compose service name).
- Neither: the one box's servers, GRPC_PORT .. GRPC_PORT + SERVER_PROCESSES - 1 on 127.0.0.1.
- EDGE_PEERS_FILE or EDGE_PEERS_DNS: the Envoys of the edge, themselves included (same
  formats). With one, the per-caller and total limits are shared by them (local_cluster_rate_limit):
  each Envoy admits its share, so the edge as a whole holds RATE_LIMIT_* whatever its size.
- GLOBAL_RATE_LIMIT_SERVICE: host:port of an envoyproxy/ratelimit service (Redis behind it): the
  exact-global option. Every Envoy asks it about the same descriptors as the local limits
  (deploy/ratelimit/config/groupkit.yaml holds the numbers); the local limits stay as each Envoy's
  flood guard. It fails open: with the service down, calls pass (the local limits still hold).
- EDGE_FAULT_DELAY_MS: Envoy's fault filter delays every call by this much before it goes to a
  server (a slow network where tc netem is unavailable: the multi-host test). Not for production."""

import json
import os
import socket
import tempfile
from dataclasses import dataclass
from pathlib import Path

import yaml

SERVER_CLUSTER = "groupkit_grpc"
EDGE_CLUSTER = "groupkit_edges"
LOOPBACK = "127.0.0.1"


@dataclass(frozen=True)
class Topology:
    listen_address: str = LOOPBACK
    admin_address: str = LOOPBACK
    servers_file: str = ""
    servers_dns: str = ""  # host:port
    dns_refresh_seconds: float = 5.0
    peers_file: str = ""
    peers_dns: str = ""  # host:port
    global_rate_limit: str = ""  # GLOBAL_RATE_LIMIT_SERVICE: host:port of envoyproxy/ratelimit (gRPC)
    fault_delay_ms: int = 0  # EDGE_FAULT_DELAY_MS: every call waits this long at this Envoy (tests: a slow network)

    @classmethod
    def from_env(cls, env=None) -> "Topology":
        env = os.environ if env is None else env
        topology = cls(
            listen_address=env.get("EDGE_LISTEN_ADDRESS", "") or LOOPBACK,
            admin_address=env.get("ENVOY_ADMIN_ADDRESS", "") or LOOPBACK,
            servers_file=env.get("SERVER_ENDPOINTS_FILE", ""),
            servers_dns=env.get("SERVER_DNS", ""),
            dns_refresh_seconds=float(env.get("SERVER_DNS_REFRESH_SECONDS", "") or 5),
            peers_file=env.get("EDGE_PEERS_FILE", ""),
            peers_dns=env.get("EDGE_PEERS_DNS", ""),
            global_rate_limit=env.get("GLOBAL_RATE_LIMIT_SERVICE", ""),
            fault_delay_ms=int(env.get("EDGE_FAULT_DELAY_MS", "") or 0),
        )
        if topology.servers_file and topology.servers_dns:
            raise ValueError("set SERVER_ENDPOINTS_FILE or SERVER_DNS, not both")
        if topology.peers_file and topology.peers_dns:
            raise ValueError("set EDGE_PEERS_FILE or EDGE_PEERS_DNS, not both")
        for name, value in (("SERVER_DNS", topology.servers_dns), ("EDGE_PEERS_DNS", topology.peers_dns),
                            ("GLOBAL_RATE_LIMIT_SERVICE", topology.global_rate_limit)):
            if value:
                split_host_port(value, name)
        return topology

    @property
    def one_box(self) -> bool:
        return self == Topology()


def split_host_port(value: str, name: str = "address") -> tuple[str, int]:
    host, _, port = value.rpartition(":")
    if not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise ValueError(f"{name}: {value!r} is not host:port")
    return host.strip("[]"), int(port)


def _endpoint(host: str, port: int) -> dict:
    return {"endpoint": {"address": {"socket_address": {"address": host, "port_value": port}}}}


def load_assignment(cluster: str, addresses: list[str]) -> dict:
    """A ClusterLoadAssignment of host:port addresses."""
    return {
        "@type": "type.googleapis.com/envoy.config.endpoint.v3.ClusterLoadAssignment",
        "cluster_name": cluster,
        "endpoints": [{"lb_endpoints": [_endpoint(*split_host_port(a)) for a in addresses]}],
    }


def write_endpoints(path: Path, addresses: list[str], cluster: str = SERVER_CLUSTER) -> None:
    """Writes the EDS file Envoy watches: a temporary file in the same directory, then a rename
    over the old one (Envoy reloads on the move; a reader never sees half a file)."""
    path = Path(path)
    text = json.dumps({"resources": [load_assignment(cluster, addresses)]}, indent=1)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    with os.fdopen(fd, "w") as out:
        out.write(text)
    os.chmod(tmp, 0o644)
    os.replace(tmp, path)


def _discovery(cluster: str, path: str, dns: str, refresh: float) -> dict:
    """The cluster fields that say where its hosts are: EDS from a watched file, or STRICT_DNS."""
    if path:
        return {
            "type": "EDS",
            "eds_cluster_config": {
                "service_name": cluster,
                "eds_config": {
                    "resource_api_version": "V3",
                    # The directory too: a Kubernetes ConfigMap is swapped in by a symlink move.
                    "path_config_source": {"path": str(path), "watched_directory": {"path": str(Path(path).parent)}},
                },
            },
        }
    host, port = split_host_port(dns)
    return {
        "type": "STRICT_DNS",
        "dns_lookup_family": "V4_PREFERRED",
        "dns_refresh_rate": f"{refresh}s",
        "respect_dns_ttl": False,
        "load_assignment": {"cluster_name": cluster, "endpoints": [{"lb_endpoints": [_endpoint(host, port)]}]},
    }


def _local_rate_limits(config: dict):
    for listener in config["static_resources"]["listeners"]:
        for chain in listener.get("filter_chains", []):
            for network_filter in chain.get("filters", []):
                for http_filter in network_filter.get("typed_config", {}).get("http_filters", []):
                    if http_filter.get("typed_config", {}).get("@type", "").endswith("LocalRateLimit"):
                        yield http_filter["typed_config"]


def _router_filters(config: dict):
    for listener in config["static_resources"]["listeners"]:
        if "socket_address" not in listener.get("address", {}):
            continue
        for chain in listener.get("filter_chains", []):
            for network_filter in chain.get("filters", []):
                filters = network_filter.get("typed_config", {}).get("http_filters")
                if filters:
                    yield filters


RATE_LIMIT_CLUSTER = "ratelimit"
RATE_LIMIT_DOMAIN = "groupkit"


def _add_global_rate_limit(config: dict, address: str) -> None:
    """envoy.filters.http.ratelimit right after the local limits, asking the service with the
    same descriptors (app, caller, kind) plus one every call shares (total: all)."""
    host, port = split_host_port(address, "GLOBAL_RATE_LIMIT_SERVICE")
    config["static_resources"]["clusters"].append({
        "name": RATE_LIMIT_CLUSTER, "type": "STRICT_DNS", "connect_timeout": "1s", "dns_lookup_family": "V4_PREFERRED",
        "typed_extension_protocol_options": {"envoy.extensions.upstreams.http.v3.HttpProtocolOptions": {
            "@type": "type.googleapis.com/envoy.extensions.upstreams.http.v3.HttpProtocolOptions",
            "explicit_http_config": {"http2_protocol_options": {}}}},
        "load_assignment": {"cluster_name": RATE_LIMIT_CLUSTER,
                            "endpoints": [{"lb_endpoints": [_endpoint(host, port)]}]},
    })
    for filters in _router_filters(config):
        local = next(i for i, f in enumerate(filters) if f["typed_config"]["@type"].endswith("LocalRateLimit"))
        actions = [limit["actions"] for limit in filters[local]["typed_config"]["rate_limits"]]
        filters.insert(local + 1, {"name": "envoy.filters.http.ratelimit", "typed_config": {
            "@type": "type.googleapis.com/envoy.extensions.filters.http.ratelimit.v3.RateLimit",
            "domain": RATE_LIMIT_DOMAIN, "stage": 0, "timeout": "0.02s", "failure_mode_deny": False,
            "enable_x_ratelimit_headers": "DRAFT_VERSION_03",
            "rate_limit_service": {"transport_api_version": "V3",
                                   "grpc_service": {"envoy_grpc": {"cluster_name": RATE_LIMIT_CLUSTER}}},
        }})
    for listener in config["static_resources"]["listeners"]:
        if "socket_address" not in listener.get("address", {}):
            continue
        for chain in listener["filter_chains"]:
            for network_filter in chain["filters"]:
                for host_config in network_filter["typed_config"]["route_config"]["virtual_hosts"]:
                    host_config["rate_limits"] = [
                        *({"stage": 0, "actions": a} for a in actions),
                        {"stage": 0, "actions": [{"generic_key": {"descriptor_key": "total", "descriptor_value": "all"}}]},
                    ]


def apply(config_text: str, topology: Topology) -> str:
    """The rendered one-box config, placed on the topology. The one box's text comes back as it
    was; anything else comes back as JSON (YAML's flow style, which Envoy loads the same)."""
    if topology.one_box:
        return config_text
    config = yaml.safe_load(config_text)
    # xDS from files (and the local cluster) need the Envoy to name itself.
    config["node"] = {"id": f"{socket.gethostname()}-{os.getpid()}", "cluster": "groupkit_edge"}
    config["admin"]["address"]["socket_address"]["address"] = topology.admin_address
    for listener in config["static_resources"]["listeners"]:
        if "socket_address" in listener.get("address", {}):
            listener["address"]["socket_address"]["address"] = topology.listen_address
    clusters = config["static_resources"]["clusters"]
    servers = next(c for c in clusters if c["name"] == SERVER_CLUSTER)
    if topology.servers_file or topology.servers_dns:
        for key in ("type", "load_assignment", "eds_cluster_config"):
            servers.pop(key, None)
        servers.update(_discovery(SERVER_CLUSTER, topology.servers_file, topology.servers_dns,
                                  topology.dns_refresh_seconds))
        # A host taken out of the list gets no new calls at once, even while it still answers its
        # health check (Envoy would keep it otherwise); its calls in flight finish.
        servers["ignore_health_on_host_removal"] = True
    if topology.peers_file or topology.peers_dns:
        clusters.append({"name": EDGE_CLUSTER, "connect_timeout": "1s",
                         **_discovery(EDGE_CLUSTER, topology.peers_file, topology.peers_dns,
                                      topology.dns_refresh_seconds)})
        config.setdefault("cluster_manager", {})["local_cluster_name"] = EDGE_CLUSTER
        for limit in _local_rate_limits(config):
            limit["local_cluster_rate_limit"] = {}
    if topology.global_rate_limit:
        _add_global_rate_limit(config, topology.global_rate_limit)
    if topology.fault_delay_ms:
        for filters in _router_filters(config):
            filters.insert(len(filters) - 1, {"name": "envoy.filters.http.fault", "typed_config": {
                "@type": "type.googleapis.com/envoy.extensions.filters.http.fault.v3.HTTPFault",
                "delay": {"fixed_delay": f"{topology.fault_delay_ms / 1000}s",
                          "percentage": {"numerator": 100, "denominator": "HUNDRED"}},
            }})
    return json.dumps(config, indent=1)
