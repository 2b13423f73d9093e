#!/usr/bin/env bash
# `npm run docs:check`: the documentation cannot drift from the API.
#
# 1. Every TypeScript example in README.md and in doc comments compiles against
#    the built assembly (jsii-rosetta, strict; fragments use the generated
#    fixture rosetta/default.ts-fixture). It also writes the translations into
#    .jsii.tabl.json, which `npm run package` puts into the Python, Java, C#
#    and Go docs.
# 2. API.md (jsii-docgen) and the rosetta fixture (scripts/rosetta-fixture.js)
#    are what the assembly gives (`npm run build` regenerates both), and in CI,
#    where the checkout is a commit, the committed files are those: commit them
#    with every API change.
# Run `npm run build` first.
set -euo pipefail
cd "$(dirname "$0")/.."
export JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION=1
export JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION="${JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION:-20}"
bin=node_modules/.bin
status=0

if [ ! -f .jsii ] || [ README.md -nt .jsii ]; then
  echo "docs:check: .jsii is missing or older than README.md: run \`npm run build\` first" >&2
  exit 1
fi

if "$bin/jsii-rosetta" extract --strict; then
  echo "docs:check: every TypeScript example compiles"
else
  echo "docs:check: FAILED: the TypeScript examples above do not compile (README.md line numbers are in the file names; fixture: rosetta/default.ts-fixture)" >&2
  status=1
fi

# Generated files: what the build makes of the assembly, and (in CI, where the
# checkout is a commit) committed as such.
mkdir -p .tmp
"$bin/jsii-docgen" -o .tmp/generated.API.md
node scripts/rosetta-fixture.js .tmp/generated.default.ts-fixture
for pair in "API.md .tmp/generated.API.md" "rosetta/default.ts-fixture .tmp/generated.default.ts-fixture"; do
  set -- $pair
  if ! cmp -s "$2" "$1"; then
    echo "docs:check: FAILED: $1 does not match the assembly: run \`npm run build\` (or \`npm run docs\`)" >&2
    status=1
  elif [ "${CI:-}" = "true" ] && git ls-files --error-unmatch "$1" >/dev/null 2>&1 && ! git diff --quiet HEAD -- "$1"; then
    git --no-pager diff --stat HEAD -- "$1" >&2
    echo "docs:check: FAILED: the committed $1 is out of date: commit the $1 that \`npm run build\` regenerated" >&2
    status=1
  else
    echo "docs:check: $1 matches the API"
  fi
done
exit $status
