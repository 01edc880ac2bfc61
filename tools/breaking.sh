#!/usr/bin/env bash
# The breaking-change guard: `buf breaking` (the WIRE_JSON rules of buf.yaml) of protos/ against a git
# revision, by default the previous commit (HEAD~1: on a merge commit, the main line before it).
# A removed field, a changed type or number, or a renamed JSON key fails. Skipped, with a note, where
# that revision is not there (the first commit, a shallow clone) or has no protos/.
#   tools/breaking.sh [REVISION]          BUF=path/to/buf to choose the binary
set -euo pipefail
cd "$(dirname "$0")/.."
buf=${BUF:-.venv/bin/buf}
against=${1:-HEAD~1}
if ! revision=$(git rev-parse --verify --quiet "${against}^{commit}" 2>/dev/null); then
  echo "buf breaking: skipped, no revision $against here (first commit or shallow clone)"
  exit 0
fi
if ! git cat-file -e "${revision}:protos" 2>/dev/null; then
  echo "buf breaking: skipped, $against has no protos/"
  exit 0
fi
previous=$(mktemp -d)
trap 'rm -rf "$previous"' EXIT
git archive "$revision" protos | tar -x -C "$previous"
cp buf.yaml "$previous/"
"$buf" breaking --against "$previous"
echo "buf breaking: protos/ are wire and JSON compatible with $against (${revision:0:12})"
