#!/usr/bin/env bash
# Cordon's main job on the embedded default, end to end: create the workspace (first run only),
# classify the sample dataset's columns, draft its data contract, protect it (tokens, pseudonyms,
# generalisation), reveal one value for an allowed purpose and show a denied reveal, then encrypt it under the default key with an encryption context, decrypt it, check the
# round trip, and show the keys and the audit trail. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."
cordon() { echo "\$ cordon $*" >&2; node bin/cordon.js "$@"; }
home="${CORDON_HOME:-.cordon}"
mkdir -p out
[ -f "$home/config.json" ] || cordon init
cordon scan examples/patients.csv
cordon contract init examples/patients.csv -o out/patients.odcs.yaml --force
# A reviewer would edit the draft; the demo allows one purpose, "demo-review", on every column.
sed -i 's/value: \[\]/value: [demo-review]/' out/patients.odcs.yaml
cordon protect examples/patients.csv -c out/patients.odcs.yaml -o out/patients.protected.csv
echo "before (examples/patients.csv):" >&2; head -n 3 examples/patients.csv >&2
echo "after (out/patients.protected.csv):" >&2; head -n 3 out/patients.protected.csv >&2
# Reveals need a purpose the contract allows AND a grant in policy.json (created here only if absent).
[ -f "$home/policy.json" ] || echo '{"principals": {"demo:reviewer": ["demo-review"]}}' > "$home/policy.json"
token="$(sed -n 2p out/patients.protected.csv | cut -d, -f2)"
CORDON_PRINCIPAL=demo:reviewer cordon reveal "$token" -c out/patients.odcs.yaml --column name --purpose demo-review
if CORDON_PRINCIPAL=demo:intruder cordon reveal "$token" -c out/patients.odcs.yaml --column name --purpose demo-review 2>/dev/null; then
  echo "unexpected: the reveal was allowed" >&2; exit 1
fi
echo "demo:intruder was denied (ERR_POLICY_DENIED, exit 4); both attempts are in the audit log" >&2
cordon encrypt examples/patients.csv -o out/patients.csv.cdn --context dataset=patients --force
cordon decrypt out/patients.csv.cdn -o out/patients.csv --context dataset=patients --force
cmp examples/patients.csv out/patients.csv
echo "round trip OK: out/patients.csv is byte-identical to examples/patients.csv" >&2
cordon keys list
echo "last audit events ($home/audit.jsonl):" >&2
tail -n 3 "$home/audit.jsonl"
