"""Issue 19: the deploy/ files are checked against the formats' own schemas (the Compose spec's,
shipped in npm's dclint; Kubernetes', in PyPI's kubernetes-validate), and against the code: the
settings they set are the README's, the probes are gRPC's, the global limits are the Envoys'."""

import json
import re

import jsonschema
import pytest
import yaml
from kubernetes_validate import utils as kubernetes

from server.cli.envoy_config import LIMITS, render
from server.cli.topology import Topology, apply
from server.config import PROJECT_ROOT
from tests.unit.test_topology import JWKS, _valid

DEPLOY = PROJECT_ROOT / "deploy"
COMPOSE_SCHEMA = PROJECT_ROOT / "node_modules" / "dclint" / "schemas" / "compose.schema.json"
KUBERNETES_VERSION = "1.30.0"  # gRPC probes are GA since 1.27
README = (PROJECT_ROOT / "README.md").read_text()


def _documents(path):
    return [doc for doc in yaml.safe_load_all(path.read_text()) if doc]


def _compose() -> dict:
    return yaml.safe_load((DEPLOY / "compose.yaml").read_text())


def test_the_compose_file_follows_the_compose_spec():
    assert COMPOSE_SCHEMA.exists(), "make node installs the Compose spec's schema (npm dclint)"
    schema = json.loads(COMPOSE_SCHEMA.read_text())
    errors = sorted(jsonschema.Draft7Validator(schema).iter_errors(_compose()), key=str)
    assert not errors, [f"{list(e.absolute_path)}: {e.message}" for e in errors]


def test_a_broken_compose_file_is_caught():
    broken = _compose()
    broken["services"]["edge"]["replica"] = 2  # not a key of a service
    schema = json.loads(COMPOSE_SCHEMA.read_text())
    assert list(jsonschema.Draft7Validator(schema).iter_errors(broken))


@pytest.mark.parametrize("name", ["groupkit.yaml", "ratelimit.yaml"])
def test_the_kubernetes_manifests_follow_kubernetes_schemas(name):
    for document in _documents(DEPLOY / "kubernetes" / name):
        kubernetes.validate(document, KUBERNETES_VERSION, strict=True)


def test_a_broken_manifest_is_caught():
    document = next(d for d in _documents(DEPLOY / "kubernetes" / "groupkit.yaml") if d["kind"] == "Deployment")
    document["spec"]["template"]["spec"]["containers"][0]["readinessProbe"]["grpc"]["port"] = "grpc"
    with pytest.raises(kubernetes.ValidationError):
        kubernetes.validate(document, KUBERNETES_VERSION, strict=True)


def test_servers_behind_a_headless_service_with_grpc_readiness_and_an_envoy_deployment():
    documents = {(d["kind"], d["metadata"]["name"]): d for d in _documents(DEPLOY / "kubernetes" / "groupkit.yaml")}
    server = documents[("Deployment", "groupkit-server")]["spec"]["template"]["spec"]["containers"][0]
    assert server["readinessProbe"]["grpc"]["port"] == 50051
    assert server["args"] == ["server.cli.serve"]
    assert documents[("Service", "groupkit-server")]["spec"]["clusterIP"] == "None"
    edge = documents[("Deployment", "groupkit-edge")]["spec"]["template"]["spec"]["containers"][0]
    assert edge["args"] == ["server.cli.edge"]
    config = documents[("ConfigMap", "groupkit")]["data"]
    assert config["SERVER_DNS"].split(":")[0] == "groupkit-server"
    assert config["EDGE_PEERS_DNS"].split(":")[0] == "groupkit-edge-peers"
    assert documents[("Service", "groupkit-edge-peers")]["spec"]["clusterIP"] == "None"


def _settings_set() -> set[str]:
    names = set()
    for service in _compose()["services"].values():
        names |= {k for k in service.get("environment", {}) if k != "<<"}
    names |= set(_compose()["x-database"])
    for document in _documents(DEPLOY / "kubernetes" / "groupkit.yaml"):
        if document["kind"] == "ConfigMap":
            names |= set(document["data"])
        if document["kind"] == "Secret" and document["metadata"]["name"] == "groupkit-database":
            names |= set(document["stringData"])
        if document["kind"] == "Deployment":
            for container in document["spec"]["template"]["spec"]["containers"]:
                names |= {e["name"] for e in container.get("env", [])}
    return names - {"POSTGRES_USER", "POSTGRES_PASSWORD", "POSTGRES_DB", "PGPASSWORD", "PGDATA", "PRIMARY_HOST",
                    "USE_STATSD", "LOG_LEVEL", "REDIS_SOCKET_TYPE", "REDIS_URL", "RUNTIME_ROOT",
                    "RUNTIME_SUBDIRECTORY", "RUNTIME_WATCH_ROOT"}  # PostgreSQL's and ratelimit's own images


def test_the_settings_they_set_are_the_readmes():
    names = _settings_set()
    assert "SERVER_DNS" in names and "DATABASE_READ_URL" in names
    undocumented = sorted(n for n in names if not re.search(rf"`{n}`", README))
    assert not undocumented


def test_the_global_limits_are_the_envoys():
    shipped = yaml.safe_load((DEPLOY / "ratelimit" / "config" / "groupkit.yaml").read_text())
    copied = next(d for d in _documents(DEPLOY / "kubernetes" / "ratelimit.yaml") if d["kind"] == "ConfigMap")
    assert yaml.safe_load(copied["data"]["groupkit.yaml"]) == shipped
    per_caller = shipped["descriptors"][0]
    assert per_caller["key"] == "app" and per_caller["descriptors"][0]["key"] == "caller"
    kinds = {d["value"]: d["rate_limit"]["requests_per_unit"] for d in per_caller["descriptors"][0]["descriptors"]}
    assert kinds == {"read": LIMITS["RATE_LIMIT_READS"][0], "write": LIMITS["RATE_LIMIT_WRITES"][0]}
    assert shipped["descriptors"][1]["rate_limit"]["requests_per_unit"] == LIMITS["RATE_LIMIT_TOTAL"][0]
    config = json.loads(apply(render(http_port=8080, admin_port=9901, grpc_port=50051, jwks=JWKS),
                              Topology.from_env({"GLOBAL_RATE_LIMIT_SERVICE": "groupkit-ratelimit:8081"})))
    host = config["static_resources"]["listeners"][0]["filter_chains"][0]["filters"][0]["typed_config"]
    sent = [[next(iter(a.values()))["descriptor_key"] for a in limit["actions"]]
            for limit in host["route_config"]["virtual_hosts"][0]["rate_limits"]]
    assert sent == [["app", "caller", "kind"], ["app", "caller", "kind"], ["total"]]
    assert any(f["name"] == "envoy.filters.http.ratelimit" for f in host["http_filters"])


def test_the_global_limit_config_loads_in_envoy(tmp_path):
    text = apply(render(http_port=8080, admin_port=9901, grpc_port=50051, jwks=JWKS),
                 Topology.from_env({"GLOBAL_RATE_LIMIT_SERVICE": "groupkit-ratelimit:8081", "SERVER_DNS": "s:50051"}))
    _valid(tmp_path, text)


def test_the_image_copies_what_exists_and_runs_a_role():
    text = (DEPLOY / "Containerfile").read_text()
    for sources in re.findall(r"^COPY (.+) \S+$", text, re.M):
        for source in sources.split():
            assert (PROJECT_ROOT / source).exists(), source
    assert 'ENTRYPOINT ["python", "-m"]' in text
    role = re.search(r'^CMD \["([\w.]+)"\]', text, re.M).group(1)
    assert (PROJECT_ROOT / (role.replace(".", "/") + ".py")).exists()
