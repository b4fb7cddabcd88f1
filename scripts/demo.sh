#!/usr/bin/env bash
# Cordon's main job on the embedded default, end to end: create the workspace (first run only),
# classify the sample dataset's columns, encrypt it under the default key with an encryption context, decrypt it, check the
# round trip, and show the keys and the audit trail. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."
cordon() { echo "\$ cordon $*" >&2; node bin/cordon.js "$@"; }
home="${CORDON_HOME:-.cordon}"
mkdir -p out
[ -f "$home/config.json" ] || cordon init
cordon scan examples/patients.csv
cordon encrypt examples/patients.csv -o out/patients.csv.cdn --context dataset=patients --force
cordon decrypt out/patients.csv.cdn -o out/patients.csv --context dataset=patients --force
cmp examples/patients.csv out/patients.csv
echo "round trip OK: out/patients.csv is byte-identical to examples/patients.csv" >&2
cordon keys list
echo "last audit events ($home/audit.jsonl):" >&2
tail -n 3 "$home/audit.jsonl"
