#!/usr/bin/env bash
# `npm run test:python`: the Python end-to-end test.
#
# Creates a virtual environment (.tmp/python-venv, reused when present) and
# installs the cirrus-constructs wheel that `npm run package` built (dist/python)
# the way a user does, with plain `pip install`: pip resolves aws-cdk-lib,
# constructs, cdktf, the three providers (azurerm, google, google-beta) and the jsii runtime from PyPI within
# the ranges the wheel declares (the peer dependency ranges of package.json),
# and `pip check` must pass. Then it installs the test tools
# (test/python/requirements.txt) and runs pytest on test/python:
# examples/python/app.py must synthesize the same AWS, Azure and GCP output as
# the TypeScript example. Extra arguments go to pytest.
# Results: .tmp/pytest-results.xml (JUnit), .tmp/python-e2e/measurements.json,
# .tmp/python-e2e/pip-freeze.txt (what pip installed).
set -euo pipefail
cd "$(dirname "$0")/.."
export JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION=1
export JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION="${JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION:-20}"
export PIP_DISABLE_PIP_VERSION_CHECK=1

venv="${CIRRUS_PYTHON_VENV:-.tmp/python-venv}"
python="${PYTHON:-$(command -v python3.11 || command -v python3)}"

shopt -s nullglob
wheels=(dist/python/cirrus_constructs-*.whl)
if [ "${#wheels[@]}" -ne 1 ]; then
  echo "python-e2e: expected one wheel in dist/python, found ${#wheels[@]}: run \`npm run package\` first" >&2
  exit 1
fi
if [ .jsii -nt "${wheels[0]}" ] && [ "${CI:-}" != "true" ]; then
  echo "python-e2e: ${wheels[0]} is older than .jsii: run \`npm run package\` first" >&2
  exit 1
fi

mkdir -p .tmp/python-e2e
if [ ! -x "$venv/bin/python" ]; then
  "$python" -m venv "$venv"
fi
# A reused environment already holds a cirrus-constructs 0.1.0: remove it, or
# pip would keep it instead of this build.
"$venv/bin/pip" uninstall --quiet --yes cirrus-constructs >/dev/null 2>&1 || true
started=$(date +%s%N)
"$venv/bin/pip" install --quiet "${wheels[0]}"
elapsed_ms=$(( ($(date +%s%N) - started) / 1000000 ))
awk -v ms="$elapsed_ms" 'BEGIN { printf "%.1f\n", ms / 1000 }' > .tmp/python-e2e/pip-install-seconds
"$venv/bin/pip" check
"$venv/bin/pip" freeze > .tmp/python-e2e/pip-freeze.txt
echo "python-e2e: pip install ${wheels[0]} took $(cat .tmp/python-e2e/pip-install-seconds) s;" \
  "resolved: $(grep -iE '^(aws-cdk-lib|constructs|cdktf|cdktf-cdktf-provider-[a-z_-]+|jsii)==' .tmp/python-e2e/pip-freeze.txt | tr '\n' ' ')"
"$venv/bin/pip" install --quiet -r test/python/requirements.txt

exec "$venv/bin/python" -m pytest -c test/python/pytest.ini --rootdir test/python \
  --junitxml=.tmp/pytest-results.xml test/python "$@"
