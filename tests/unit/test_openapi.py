"""The OpenAPI document (tools/openapi.py → gen/openapi.json): valid OpenAPI 3.1, current with the
descriptor, one operation per REST binding of every public service, and the JSON mapping Envoy
prints (checked on a test proto that has every construct the dialects use)."""

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from google.api import annotations_pb2
from google.protobuf import descriptor_pb2
from grpc_tools import protoc
from openapi_spec_validator import validate

from server.cli.envoy_config import PUBLIC_SERVICES
from tests.support.processes import ROOT

sys.path.insert(0, str(ROOT / "tools"))
import openapi  # noqa: E402

DOCUMENT = ROOT / "gen" / "openapi.json"

SAMPLE = textwrap.dedent("""
    syntax = "proto3";
    package sample.v1;
    import "google/api/annotations.proto";
    import "google/api/httpbody.proto";
    import "google/protobuf/struct.proto";
    import "groupkit/common/v1/options.proto";

    // SampleService has every construct.
    service SampleService {
      // ListThings streams things.
      rpc ListThings(ListThingsRequest) returns (stream Thing) {
        option (google.api.http) = {get: "/api/v2/plus-group/things"};
        option (groupkit.common.v1.route) = {dialect: DIALECT_CIRCLES, public: true};
      }
      // CreateThing takes a form.
      rpc CreateThing(CreateThingRequest) returns (Thing) {
        option (google.api.http) = {post: "/api/v2/plus-group/cats/{category}/things" body: "http_body"};
        option (groupkit.common.v1.route) = {dialect: DIALECT_CIRCLES, success_status: 201};
      }
      // DeleteThing answers 204.
      rpc DeleteThing(ThingRequest) returns (Envelope) {
        option (google.api.http) = {delete: "/group/things" body: "*" additional_bindings {post: "/group/things/delete" body: "*"}};
        option (groupkit.common.v1.route) = {dialect: DIALECT_IM, success_status: 204};
      }
      // GetThing answers the community envelope.
      rpc GetThing(ThingRequest) returns (Envelope) {
        option (google.api.http) = {get: "/api/things/{id}"};
        option (groupkit.common.v1.route).dialect = DIALECT_COMMUNITY;
      }
      // Avatar answers raw bytes.
      rpc Avatar(ThingRequest) returns (AvatarResponse) {
        option (google.api.http) = {get: "/api/v2/plus-group/avatars/{id}" response_body: "body"};
        option (groupkit.common.v1.route) = {dialect: DIALECT_CIRCLES, public: true};
      }
    }
    message ListThingsRequest { int32 limit = 1; repeated int64 ids = 2; Kind kind = 3; Page page = 4; }
    message Page { int32 after = 1; }
    message CreateThingRequest { int64 category = 1; google.api.HttpBody http_body = 2; }
    message ThingRequest { int64 id = 1; string reason = 2; }
    enum Kind { KIND_UNSPECIFIED = 0; KIND_BIG = 2; }
    message Thing {
      int64 id = 1; double big = 2; string name = 3; Kind kind = 4; repeated int32 tags = 5;
      map<string, int32> counts = 6; google.protobuf.NullValue nothing = 7; google.protobuf.Value avatar = 8;
      optional int32 maybe = 9; Thing parent = 10; google.protobuf.Struct extra = 11;
    }
    message Envelope { int32 code = 1; Thing data = 2; google.protobuf.NullValue message = 3; }
    message AvatarResponse { google.api.HttpBody body = 1; }
""")


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    work = tmp_path_factory.mktemp("sample")
    (work / "sample.proto").write_text(SAMPLE)
    include = Path(protoc.__file__).parent / "_proto"
    out = work / "sample.pb"
    assert protoc.main(["protoc", f"-I{work}", f"-I{ROOT / 'protos'}", f"-I{include}", "--include_imports",
                        "--include_source_info", f"--descriptor_set_out={out}", "sample.proto"]) == 0
    document = openapi.generate(out, ["sample.v1.SampleService"])
    validate(document)
    return document


def schema_of(document, ref):
    return document["components"]["schemas"][ref["$ref"].rsplit("/", 1)[-1]]


def test_gen_document_is_valid_openapi_31_and_current():
    document = json.loads(DOCUMENT.read_text())
    assert document["openapi"] == "3.1.0"
    validate(document)
    assert openapi.generate(ROOT / "gen" / "api.pb") == document, "gen/openapi.json is stale: run make gen"


def test_the_explorer_documents_split_the_whole_one_by_dialect():
    document = json.loads(DOCUMENT.read_text())
    parts = openapi.dialect_documents(document)
    assert set(parts) == {tag["name"] for tag in document["tags"]}
    operations = 0
    for tag, part in parts.items():
        validate(part)
        assert json.loads((DOCUMENT.parent / f"openapi-{tag}.json").read_text()) == part, "run make gen"
        mine = [op for ops in part["paths"].values() for op in ops.values()]
        assert mine and all(op["tags"] == [tag] for op in mine)
        assert len(mine) <= 146, f"{tag}: Swagger UI stops rendering past 146 operations"
        operations += len(mine)
    assert operations == sum(len(ops) for ops in document["paths"].values())


def test_every_binding_of_every_public_service_is_an_operation():
    document = json.loads(DOCUMENT.read_text())
    fds = descriptor_pb2.FileDescriptorSet.FromString((ROOT / "gen" / "api.pb").read_bytes())
    expected = set()
    for file in fds.file:
        for service in file.service:
            if f"{file.package}.{service.name}" not in PUBLIC_SERVICES:
                continue
            for method in service.method:
                rule = method.options.Extensions[annotations_pb2.http]
                for binding in [rule, *rule.additional_bindings]:
                    verb = binding.WhichOneof("pattern")
                    if verb is None:  # gRPC only: the streaming side of a circles list
                        continue
                    path = openapi._path_and_variables(getattr(binding, verb))[0]
                    expected.add((verb, path, f"/{file.package}.{service.name}/{method.name}"))
    found = {(verb, path, op["x-grpc-method"]) for path, ops in document["paths"].items() for verb, op in ops.items()}
    assert found == expected
    assert {t["name"] for t in document["tags"]} >= {"community", "im"}
    ids = [op["operationId"] for ops in document["paths"].values() for op in ops.values()]
    assert len(ids) == len(set(ids))


def test_a_json_array_rpc_is_documented_as_its_stream():
    """ListCirclesJson answers an HttpBody the server renders: the document shows the array of
    circles and the words of ListCircles, the RPC whose elements it renders."""
    document = json.loads(DOCUMENT.read_text())
    operation = document["paths"]["/api/v2/plus-group/groups"]["get"]
    assert operation["x-grpc-method"] == "/groupkit.circle.v1.CircleService/ListCirclesJson"
    assert operation["summary"].startswith("ListCircles ")
    assert "lists approved circles" in operation["description"]
    schema = operation["responses"]["200"]["content"]["application/json"]["schema"]
    assert schema == {"type": "array", "items": {"$ref": "#/components/schemas/groupkit.circle.v1.Circle"}}
    members = document["paths"]["/api/v2/plus-group/groups/{group}/members"]["get"]["responses"]["200"]
    assert members["content"]["application/json"]["schema"]["items"]["$ref"].endswith("CircleMember")


def test_streaming_rpc_answers_a_top_level_array_with_the_printed_json_mapping(sample):
    operation = sample["paths"]["/api/v2/plus-group/things"]["get"]
    assert operation["security"] == []  # public
    schema = operation["responses"]["200"]["content"]["application/json"]["schema"]
    assert schema["type"] == "array"
    thing = schema_of(sample, schema["items"])
    props = thing["properties"]
    assert props["id"]["type"] == "string"  # int64 prints as a string
    assert props["big"] == {"type": "number"}
    assert props["kind"]["type"] == "integer"  # enums as ints
    assert props["tags"]["type"] == "array" and props["counts"]["type"] == "object"
    assert props["nothing"] == {"type": "null"}
    # always_print_primitive_fields: scalars, repeated, maps and NullValue always there; messages,
    # Value and proto3 optional only when set.
    assert set(thing["required"]) == {"id", "big", "name", "kind", "tags", "counts", "nothing"}
    names = [p["name"] for p in operation["parameters"]]
    assert names == ["limit", "ids", "kind", "page.after"]
    ids = operation["parameters"][1]
    assert ids["schema"]["items"]["type"] == "integer" and ids["explode"] is True
    assert set(operation["responses"]) == {"200", "400", "401", "403", "404", "409", "422", "429"}
    error = sample["components"]["responses"]["circles422"]["content"]["application/json"]["schema"]
    assert schema_of(sample, error)["required"] == ["message"]


def test_httpbody_request_status_201_and_security(sample):
    operation = sample["paths"]["/api/v2/plus-group/cats/{category}/things"]["post"]
    assert operation["security"] == [{"bearerAuth": []}]
    assert set(operation["requestBody"]["content"]) == {
        "application/json", "multipart/form-data", "application/x-www-form-urlencoded"}
    assert "201" in operation["responses"] and "200" not in operation["responses"]
    assert "413" in operation["responses"]
    assert [p["name"] for p in operation["parameters"]] == ["category"]


def test_additional_bindings_204_and_im_security(sample):
    delete = sample["paths"]["/group/things"]["delete"]
    post = sample["paths"]["/group/things/delete"]["post"]
    assert delete["operationId"] == "SampleService_DeleteThing" and post["operationId"] == "SampleService_DeleteThing_1"
    for operation in (delete, post):
        assert operation["responses"]["204"] == {"description": "Done, no body"}
        assert operation["security"] == [{"imAccessToken": [], "imAppId": []}]
        assert "422" not in operation["responses"]
    body = schema_of(sample, delete["requestBody"]["content"]["application/json"]["schema"])
    assert body["properties"]["id"]["type"] == "integer"  # int64 is parsed from a number
    error = schema_of(sample, sample["components"]["responses"]["im404"]["content"]["application/json"]["schema"])
    assert error["required"] == ["code", "data", "message"]


def test_path_parameters_stay_out_of_the_query_and_raw_responses(sample):
    get = sample["paths"]["/api/things/{id}"]["get"]
    assert [(p["name"], p["in"]) for p in get["parameters"]] == [("id", "path"), ("reason", "query")]
    envelope = schema_of(sample, get["responses"]["200"]["content"]["application/json"]["schema"])
    assert envelope["required"] == ["code", "message"]
    assert envelope["properties"]["message"] == {"type": "null"}
    avatar = sample["paths"]["/api/v2/plus-group/avatars/{id}"]["get"]
    assert avatar["responses"]["200"]["content"] == {"*/*": {"schema": {}}}
    error = schema_of(sample, sample["components"]["responses"]["community400"]["content"]["application/json"]["schema"])
    assert error["required"] == ["msg", "code", "data"]


def _git(repo, *args):
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True)


def test_breaking_guard_fails_on_removed_field_or_renamed_json_key(tmp_path):
    repo = tmp_path / "repo"
    (repo / "tools").mkdir(parents=True)
    (repo / "tools" / "breaking.sh").write_text((ROOT / "tools" / "breaking.sh").read_text())
    (repo / "buf.yaml").write_text((ROOT / "buf.yaml").read_text())
    proto = repo / "protos" / "x" / "v1" / "x.proto"
    proto.parent.mkdir(parents=True)
    proto.write_text('syntax = "proto3";\npackage x.v1;\n// M is a message.\nmessage M {\n  int32 a = 1;\n  string b = 2;\n}\n')
    _git(repo, "init", "-q")
    _git(repo, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qam", "first", "--allow-empty")
    _git(repo, "add", "-A")
    _git(repo, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "protos")
    buf = str(Path(sys.executable).parent / "buf")

    def guard():
        return subprocess.run(["bash", "tools/breaking.sh"], cwd=repo, env={"BUF": buf, "PATH": "/usr/bin:/bin"},
                              capture_output=True, text=True)

    assert guard().returncode == 0  # HEAD~1 has no protos: skipped
    proto.write_text(proto.read_text().replace("  string b = 2;\n", "  string b = 2;\n  bool c = 3;\n"))
    _git(repo, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qam", "add a field")
    assert guard().returncode == 0, guard().stdout  # adding is compatible
    original = proto.read_text()
    proto.write_text(original.replace("  string b = 2;\n", ""))
    removed = guard()
    assert removed.returncode != 0 and "deleted" in removed.stdout.lower(), removed.stdout
    proto.write_text(original.replace("string b = 2;", "string bee = 2;"))
    renamed = guard()
    assert renamed.returncode != 0 and "json_name" in renamed.stdout, renamed.stdout
    # A shallow clone (no previous commit) skips instead of failing.
    shallow = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{repo}", str(shallow)], check=True)
    result = subprocess.run(["bash", "tools/breaking.sh"], cwd=shallow, env={"BUF": buf, "PATH": "/usr/bin:/bin"},
                            capture_output=True, text=True)
    assert result.returncode == 0 and "skipped" in result.stdout, result.stdout + result.stderr
