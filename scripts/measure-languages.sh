#!/usr/bin/env bash
# Measures, on this machine, the import time of cirrus_constructs in Python and
# the synthesis time of the order-processing example in TypeScript, Python and
# (when scripts/go-e2e.sh has built it) Go; prints the median of N runs each
# (default 3), runs interleaved so that load from other processes spreads evenly.
#   bash scripts/measure-languages.sh [N]
# Needs the virtual environment of `npm run test:python`.
set -euo pipefail
cd "$(dirname "$0")/.."
export JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION=1
export JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION="${JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION:-20}"
runs="${1:-3}"
py="${CIRRUS_PYTHON_VENV:-.tmp/python-venv}/bin/python"
out=.tmp/measure
mkdir -p "$out"
: > "$out/samples.jsonl"

wall() {  # wall <label> <command...>: runs it, appends {"label", "wallSeconds", ...its JSON line} to samples
  local label=$1; shift
  local started; started=$(date +%s%N)
  local line; line=$("$@" | grep '^{' | tail -1)
  local ms=$(( ($(date +%s%N) - started) / 1000000 ))
  node -e 'const [l, ms, j] = process.argv.slice(1); console.log(JSON.stringify({ label: l, wallSeconds: ms / 1000, ...JSON.parse(j || "{}") }))' \
    "$label" "$ms" "$line" >> "$out/samples.jsonl"
}

for i in $(seq "$runs"); do
  wall "python import cirrus_constructs" "$py" -c 'import time; t = time.perf_counter(); import cirrus_constructs; print("{\"importSeconds\": %f}" % (time.perf_counter() - t))'
  wall "python example" "$py" examples/python/app.py --cdk-out "$out/py/cdk.out" --tf-out "$out/py/cdktf.out"
  wall "typescript example (tsx)" node_modules/.bin/tsx scripts/synth-example-to.ts "$out/ts/cdk.out" "$out/ts/cdktf.out"
  if [ -x .tmp/go-e2e/orders ]; then
    wall "go example" .tmp/go-e2e/orders "$out/go/cdk.out" "$out/go/cdktf.out"
  fi
done

node -e '
  const samples = require("fs").readFileSync(process.argv[1], "utf8").trim().split("\n").map(JSON.parse);
  const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
  const by = {};
  for (const s of samples) (by[s.label] ??= []).push(s);
  const stat = (label, key) => by[label] ? median(by[label].map((s) => s[key]).filter((x) => x !== undefined)) : undefined;
  const fmt = (x) => x === undefined ? "-" : x.toFixed(2);
  console.log(`median of ${process.argv[2]} runs (seconds)      process   imports     synth`);
  for (const label of Object.keys(by)) {
    console.log(`${label.padEnd(34)} ${fmt(stat(label, "wallSeconds")).padStart(8)} ${fmt(stat(label, "importSeconds")).padStart(9)} ${fmt(stat(label, "synthSeconds")).padStart(9)}`);
  }
  const ts = "typescript example (tsx)";
  for (const other of ["python example", "go example"]) {
    if (!by[other]) continue;
    console.log(`${other} / typescript: synth ${(stat(other, "synthSeconds") / stat(ts, "synthSeconds")).toFixed(2)}x, whole process ${(stat(other, "wallSeconds") / stat(ts, "wallSeconds")).toFixed(2)}x`);
  }
' "$out/samples.jsonl" "$runs"
