#!/usr/bin/env bash
# `npm run scan`: the security scanners over everything Cirrus synthesizes.
#
#   1. installs cfn-lint and checkov (exact versions: test/security/requirements.txt)
#      into a virtualenv under .tmp/scan-venv (reinstalled only when the pins change);
#   2. synthesizes every bundled example (`npm run synth`: cdk.out/, cdktf.out/) and
#      the all-constructs app (test/security/all-constructs-app.ts) into .tmp/scan-out/;
#   3. cfn-lint on every CloudFormation template: no errors (warnings are printed);
#   4. checkov on every CloudFormation template (framework cloudformation) and every
#      cdktf stack (cdk.tf.json, framework terraform_json): no failed checks.
#
# Skips: CloudFormation ones are in the templates (resource Metadata checkov.skip,
# set by lib/aws); Terraform ones in .checkov.yaml (checkov reads no skip from
# Terraform JSON). docs/security.md gives the reason for each.
# Set SCAN_SKIP_SYNTH=1 to scan the outputs already in place.
set -euo pipefail
cd "$(dirname "$0")/.."
export JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION=1
started=$(date +%s)

venv=.tmp/scan-venv
requirements=test/security/requirements.txt
stamp="$venv/.requirements"
if [ ! -x "$venv/bin/checkov" ] || ! cmp -s "$requirements" "$stamp"; then
  rm -rf "$venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$requirements"
  cp "$requirements" "$stamp"
fi
echo "scan: $("$venv/bin/cfn-lint" --version), checkov $("$venv/bin/checkov" --version) ($(( $(date +%s) - started )) s)"

scan_out=.tmp/scan-out
if [ "${SCAN_SKIP_SYNTH:-}" != "1" ]; then
  npm run --silent synth
  npx tsx test/security/synth-all-constructs.ts "$scan_out"
fi

# Stack outputs only: templates at the top of each assembly, never asset folders.
mapfile -t templates < <(find cdk.out "$scan_out/cdk.out" -name '*.template.json' -not -path '*/asset.*' | sort)
mapfile -t tfstacks < <(find cdktf.out "$scan_out/cdktf.out" -path '*/stacks/*/cdk.tf.json' | sort)
if [ "${#templates[@]}" -eq 0 ] || [ "${#tfstacks[@]}" -eq 0 ]; then
  echo "scan: nothing to scan (${#templates[@]} templates, ${#tfstacks[@]} Terraform stacks)" >&2
  exit 1
fi
echo "scan: ${#templates[@]} CloudFormation templates, ${#tfstacks[@]} Terraform stacks"

status=0

# cfn-lint exit code is a bit mask: 2 errors, 4 warnings, 8 informational; 1 a failure to run.
# W3005 (a DependsOn also implied by a Ref) is left out: aws-cdk-lib writes it for every
# function's role, and the budget's DependsOn on its topics also orders their topic policies.
set +e
"$venv/bin/cfn-lint" --format parseable --ignore-checks W3005 -- "${templates[@]}"
lint=$?
set -e
if (( lint & 3 )); then
  echo "scan: cfn-lint found errors" >&2
  status=1
else
  echo "scan: cfn-lint: no errors"
fi

checkov() {
  local framework=$1; shift
  local files=()
  for f in "$@"; do files+=(-f "$f"); done
  # --quiet prints failed checks only; the exit code is 1 on any failed check.
  if "$venv/bin/checkov" --config-file .checkov.yaml --framework "$framework" --compact --quiet "${files[@]}"; then
    echo "scan: checkov $framework: no failed checks"
  else
    echo "scan: checkov $framework: failed checks (above)" >&2
    status=1
  fi
}
checkov cloudformation "${templates[@]}"
checkov terraform_json "${tfstacks[@]}"

echo "scan: took $(( $(date +%s) - started )) s"
exit $status
