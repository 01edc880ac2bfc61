"""Issue 19: the topology is configuration. Each rendered variant is loaded by the real Envoy
(--mode validate); the one box's config is the template's, untouched."""

import json
import subprocess

import pytest

from server.cli.envoy_config import render
from server.cli.topology import EDGE_CLUSTER, SERVER_CLUSTER, Topology, apply, write_endpoints
from tests.support.processes import ENVOY


def _render() -> str:
    return render(http_port=8080, admin_port=9901, grpc_port=50051, jwks=JWKS)


JWKS = json.dumps({"keys": [{"kty": "RSA", "e": "AQAB", "n": "sXchDaQebHnPiGvyDOAT4saGEUetSyo9MKLOoWFsueri23bOdgWp4Dy1Wl"
                                                           "UzewbgBHod5pcM9H95GQRV3JDXboIRROSBigeC5yjU1hGzHHyXss8UDpre"
                                                           "cbAYxknTcQkhslANGRUZmdTOQ5qTRsLAt6BTYuyvVRdhS8exSZEy_c4gs_"
                                                           "7svlJJQ4H9_NxsiIoLwAEk7-Q3UXERGYw_75IDrGA84-lA_-Ct4eTlXHBI"
                                                           "Y2EaV7t7LjJaynVJCpkv4LKjTTAumiGUIuQhrNhZLuF_RJLqHpM2kgWFLU"
                                                           "7-VTdL1VbC2tejvcI2BlMkEpk1BzBZI0KQB0GaDWFLN-aEAw3vRw"}]})


def _valid(tmp_path, text: str) -> None:
    path = tmp_path / "envoy.yaml"
    path.write_text(text)
    result = subprocess.run([str(ENVOY), "--mode", "validate", "-c", str(path), "--log-level", "error"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_one_box_is_the_template_and_balances_by_least_request():
    text = _render()
    assert apply(text, Topology.from_env({})) == text
    assert "lb_policy: LEAST_REQUEST" in text
    assert "healthy_panic_threshold: {value: 0}" in text


def test_servers_from_a_watched_file_and_limits_shared_by_the_edges(tmp_path):
    write_endpoints(tmp_path / "servers.json", ["198.18.0.11:50051", "198.18.0.12:50051"])
    write_endpoints(tmp_path / "edges.json", ["198.18.0.21:8080", "198.18.0.22:8080"], EDGE_CLUSTER)
    env = {"SERVER_ENDPOINTS_FILE": str(tmp_path / "servers.json"), "EDGE_PEERS_FILE": str(tmp_path / "edges.json"),
           "EDGE_LISTEN_ADDRESS": "0.0.0.0", "EDGE_FAULT_DELAY_MS": "20"}
    text = apply(_render(), Topology.from_env(env))
    config = json.loads(text)
    servers = next(c for c in config["static_resources"]["clusters"] if c["name"] == SERVER_CLUSTER)
    assert servers["type"] == "EDS" and "load_assignment" not in servers
    assert servers["lb_policy"] == "LEAST_REQUEST"
    assert config["cluster_manager"]["local_cluster_name"] == EDGE_CLUSTER
    assert '"local_cluster_rate_limit": {}' in text
    assert config["static_resources"]["listeners"][0]["address"]["socket_address"]["address"] == "0.0.0.0"
    assert "127.0.0.1" not in json.dumps(config["static_resources"])
    assert '"fixed_delay": "0.02s"' in text
    _valid(tmp_path, text)


def test_servers_by_dns(tmp_path):
    text = apply(_render(), Topology.from_env({"SERVER_DNS": "groupkit-server:50051", "EDGE_PEERS_DNS": "groupkit-edge:8080"}))
    servers = next(c for c in json.loads(text)["static_resources"]["clusters"] if c["name"] == SERVER_CLUSTER)
    assert servers["type"] == "STRICT_DNS"
    _valid(tmp_path, text)


@pytest.mark.parametrize("env", [
    {"SERVER_DNS": "no-port"}, {"SERVER_DNS": "a:1", "SERVER_ENDPOINTS_FILE": "/x"}, {"EDGE_PEERS_DNS": "a:99999"},
])
def test_bad_topologies_stop_the_start(env):
    with pytest.raises(ValueError):
        Topology.from_env(env)
