#!/usr/bin/env bash
# `npm run package`: builds the language packages from the jsii assembly into dist/.
#
#   dist/js       the npm tarball                                   (built)
#   dist/python   the wheel and the sdist                           (built)
#   dist/go       the Go module sources                             (sources only)
#   dist/java     the Maven project sources                         (sources only)
#   dist/dotnet   the .NET project sources                          (sources only)
#
# Go, Java and .NET are generated with --code-only: building them needs their
# dependencies (aws-cdk-lib, cdktf and provider bindings) from the Go module
# proxy, Maven Central and NuGet, and here the proxy and Maven Central do not
# serve them (see README, "Packages for other languages"); dotnet is not
# installed. Run `npm run build` first.
set -euo pipefail
cd "$(dirname "$0")/.."
export JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION=1
export JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION="${JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION:-20}"
bin=node_modules/.bin

if [ ! -f .jsii ]; then
  echo "package: no .jsii assembly: run \`npm run build\` first" >&2
  exit 1
fi
stale=$(find index.ts constructs lib README.md package.json -newer .jsii \
  \( -name '*.ts' ! -name '*.d.ts' -o -name README.md -o -name package.json \) 2>/dev/null | head -1 || true)
if [ -n "$stale" ]; then
  if [ "${CI:-}" = "true" ]; then
    # CI has just built: a newer source means someone edits this working tree meanwhile.
    echo "package: warning: $stale is newer than .jsii (edited since the build)" >&2
  else
    echo "package: $stale is newer than .jsii: run \`npm run build\` first" >&2
    exit 1
  fi
fi

timed() {
  local label=$1; shift
  local started=$(date +%s%N)
  "$@"
  local ms=$(( ($(date +%s%N) - started) / 1000000 ))
  awk -v l="$label" -v ms="$ms" 'BEGIN { printf "package: %-34s %6.1f s\n", l, ms / 1000 }'
}

# Translations of the README and doc-comment examples into the other languages,
# picked up by jsii-pacmak from .jsii.tabl.json (untranslatable snippets stay in
# TypeScript; `npm run docs:check` is the strict check).
if [ ! -f .jsii.tabl.json ] || [ .jsii -nt .jsii.tabl.json ]; then
  mkdir -p .tmp
  timed "translate examples (jsii-rosetta)" "$bin/jsii-rosetta" extract --compile 2>.tmp/rosetta-extract.log
fi
timed "js + python (built)" "$bin/jsii-pacmak" --no-npmignore --targets js python
timed "go + java + dotnet (sources only)" "$bin/jsii-pacmak" --no-npmignore --code-only --targets go java dotnet
find dist -maxdepth 2 -mindepth 2 | sort
