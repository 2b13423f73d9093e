#!/usr/bin/env bash
# `npm run compat`: reports API changes that would break users, with jsii-diff.
#
#   npm run compat                      # against the default baseline (below)
#   npm run compat -- npm:cirrus-constructs@1.2.3
#   npm run compat -- git:<commit>
#
# Default baseline: the last published version on npm once there is one (found
# with `npm view`); until then a commit: HEAD~1 when the API sources are
# unchanged in the working tree (CI, a fresh clone: the previous commit), HEAD
# when they are changed (what you are about to commit). A git baseline is
# exported with `git archive` into a temporary folder and compiled there with
# this checkout's node_modules.
#
# Every API is experimental for now, so every breaking change is an error
# (--error-on all) unless listed, with the reason, in
# scripts/compat-allowed-breaking-changes.txt (the keys this script prints).
set -euo pipefail
cd "$(dirname "$0")/.."
export JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION=1
export JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION="${JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION:-20}"
root=$(pwd)
name=$(node -p 'require("./package.json").name')

baseline="${1:-${COMPAT_BASELINE:-}}"
if [ -z "$baseline" ]; then
  published=$(npm view "$name" version 2>/dev/null || true)
  repo=$(npm view "$name" repository.url 2>/dev/null || true)
  if [ -n "$published" ] && [ "$repo" = "$(node -p 'require("./package.json").repository.url')" ]; then
    baseline="npm:$name@$published"
  elif git diff --quiet HEAD -- index.ts lib constructs package.json 2>/dev/null; then
    baseline="git:HEAD~1"
  else
    baseline="git:HEAD"
  fi
fi

if [ ! -f .jsii ]; then
  echo "compat: no .jsii assembly: run \`npm run build\` first" >&2
  exit 1
fi

original="$baseline"
if [[ "$baseline" == git:* ]]; then
  ref="${baseline#git:}"
  if ! commit=$(git rev-parse --verify --quiet "$ref^{commit}"); then
    echo "compat: skipped: $ref does not exist in this clone (first commit, or a shallow clone)"
    exit 0
  fi
  if ! git cat-file -e "$commit:package.json" 2>/dev/null || [ -z "$(git ls-tree --name-only "$commit" index.ts)" ]; then
    echo "compat: skipped: $ref has no jsii package to compare with"
    exit 0
  fi
  work=$(mktemp -d "${TMPDIR:-/tmp}/cirrus-compat.XXXXXX")
  trap 'rm -rf "$work"' EXIT
  git archive "$commit" | tar -x -C "$work"
  ln -s "$root/node_modules" "$work/node_modules"
  echo "compat: compiling the API of $ref ($(git log -1 --format='%h %s' "$commit" | cut -c1-72))"
  if ! (cd "$work" && "$root/node_modules/.bin/jsii" --silence-warnings=reserved-word >"$work/.jsii-build.log" 2>&1); then
    tail -20 "$work/.jsii-build.log"
    echo "compat: skipped: $ref does not compile with this checkout's node_modules (nothing to compare with)"
    exit 0
  fi
  original="$work"
fi

echo "compat: $baseline -> working tree"
exec node_modules/.bin/jsii-diff --error-on all --keys \
  --ignore-file scripts/compat-allowed-breaking-changes.txt "$original" .
