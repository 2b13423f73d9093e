#!/usr/bin/env bash
# `npm run test:floor`: proves the floors of the peer dependency ranges, after
# `npm run build`.
#
#   1. packs the built package (npm pack), as a user gets it from npm;
#   2. installs it into .tmp/floor/app with exactly the floor of each peer
#      dependency (the version a `^x.y.z` range of package.json starts at) and
#      without --legacy-peer-deps, so npm itself checks that the ranges admit
#      the floors; the repository's node_modules is not touched;
#   3. copies Cirrus's sources, the bundled examples and the all-constructs app
#      (test/security) there, the examples and the app importing the package
#      by name, and compiles them against the floor versions (tsc, strict):
#      Cirrus builds with the floors, and its declarations serve a user's code;
#   4. synthesizes the examples and the all-constructs app there with plain
#      node, loading nothing from outside .tmp/floor/app, and the same apps in
#      the repository with the development versions (the devDependencies);
#   5. fails on any synthesis error, CloudFormation validation finding or
#      error annotation, on any difference between the two outputs (resource
#      types, addresses and every property, other template sections, code
#      package contents; asset hashes aside: test/python/compare_synth.py),
#      and on any difference in the warnings.
# Output: .tmp/floor/out/{dev,floor}/<app>/. Takes about a minute (the first
# run also downloads the floor versions).
set -euo pipefail
cd "$(dirname "$0")/.."
export JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION=1
export JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION="${JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION:-20}"
root=$(pwd)
work="$root/.tmp/floor"
app="$work/app"
bin="$root/node_modules/.bin"
started=$(date +%s%N)
seconds() { awk -v ns="$(( $(date +%s%N) - $1 ))" 'BEGIN { printf "%.1f", ns / 1e9 }'; }

if [ ! -f .jsii ] || [ ! -f index.js ]; then
  echo "floor: no build: run \`npm run build\` first" >&2
  exit 1
fi
stale=$(find index.ts constructs lib package.json -newer .jsii \
  \( -name '*.ts' ! -name '*.d.ts' -o -name package.json \) 2>/dev/null | head -1 || true)
if [ -n "$stale" ] && [ "${CI:-}" != "true" ]; then
  echo "floor: $stale is newer than .jsii: run \`npm run build\` first" >&2
  exit 1
fi

# The floors (peerDependencies, each `^x.y.z`) and the development pins.
floors=$(node -e '
  const pkg = require("./package.json");
  for (const [name, range] of Object.entries(pkg.peerDependencies)) {
    const m = /^\^(\d+\.\d+\.\d+)$/.exec(range);
    if (!m) { console.error(`floor: peer dependency ${name} is "${range}", not ^x.y.z`); process.exit(1); }
    console.log(`${name}@${m[1]}`);
  }')
echo "floor: peers at their floors: $(echo $floors)"
echo "floor: development versions:  $(node -e '
  const pkg = require("./package.json");
  console.log(Object.keys(pkg.peerDependencies).map((n) => `${n}@${pkg.devDependencies[n]}`).join(" "))')"

# 1 + 2. The packed package and the floors, installed into their own folder.
mkdir -p "$app"
rm -f "$work"/cirrus-constructs-*.tgz
tarball=$(npm pack --silent --pack-destination "$work" | tail -1)
node -e '
  const [app, tarball, ...floors] = process.argv.slice(1);
  const dependencies = { "cirrus-constructs": `file:../${tarball}` };
  for (const f of floors) { const at = f.lastIndexOf("@"); dependencies[f.slice(0, at)] = f.slice(at + 1); }
  require("fs").writeFileSync(`${app}/package.json`, JSON.stringify({
    name: "cirrus-floor-test", private: true, description: "scripts/floor-test.sh", dependencies }, null, 2) + "\n");
' "$app" "$tarball" $floors
# The tarball's name does not change with its content: reinstall it every time.
rm -rf "$app/node_modules/cirrus-constructs" "$app/package-lock.json"
step=$(date +%s%N)
(cd "$app" && npm install --no-audit --no-fund --loglevel=error)
fingerprint() { node -p "JSON.parse(require('fs').readFileSync('$1', 'utf8')).fingerprint"; }
if [ "$(fingerprint "$app/node_modules/cirrus-constructs/.jsii")" != "$(fingerprint .jsii)" ]; then
  echo "floor: the installed cirrus-constructs is not this build (.jsii fingerprints differ)" >&2
  exit 1
fi
echo "floor: npm install took $(seconds "$step") s"

# 3. Sources, examples and the all-constructs app, compiled against the floors.
step=$(date +%s%N)
rm -rf "$app/src"
mkdir -p "$app/src/cirrus"
# The files of the working tree (tracked or new, not ignored, not deleted).
files() { git ls-files -co --exclude-standard -- "$@" | while read -r f; do [ -f "$f" ] && echo "$f"; done; }
files index.ts lib constructs | grep -E '\.ts$' | tar -cf - -T - | tar -xf - -C "$app/src/cirrus"
files examples test/security/all-constructs-app.ts scripts/floor-synth.ts scripts/summary.ts \
  | grep -vE '^examples/(go|python)/' | tar -cf - -T - | tar -xf - -C "$app/src"
find "$app/src/examples" "$app/src/test" -name '*.ts' -exec sed -i "s#from '\.\./\.\./index'#from 'cirrus-constructs'#" {} +
if grep -rn "'\.\./\.\./index'" "$app/src/examples" "$app/src/test"; then
  echo "floor: an example still imports the sources instead of the package" >&2
  exit 1
fi
# Cirrus's compiler options; @types/node (types only) comes from the repository.
node -e '
  const base = require("./tsconfig.json").compilerOptions;
  const compilerOptions = { ...base, declaration: false, inlineSourceMap: false, inlineSources: false,
    typeRoots: [process.argv[2]] };
  require("fs").writeFileSync(process.argv[1], JSON.stringify({ compilerOptions, include: ["src/**/*.ts"] }, null, 2) + "\n");
' "$app/tsconfig.json" "$root/node_modules/@types"
"$bin/tsc" -p "$app/tsconfig.json"
echo "floor: compiling against the floors took $(seconds "$step") s"

# 4. Both syntheses, side by side, from the same working directory (cdktf
# writes it into the local backend's path).
step=$(date +%s%N)
expect=()
for f in $floors; do expect+=(--expect "$f"); done
node "$app/src/scripts/floor-synth.js" "$app/src" "$work/out/floor" --isolated "$app" "${expect[@]}" \
  > "$work/floor.log" 2>&1 &
floor_pid=$!
dev_status=0
"$bin/tsx" scripts/floor-synth.ts "$root" "$work/out/dev" > "$work/dev.log" 2>&1 || dev_status=$?
floor_status=0
wait "$floor_pid" || floor_status=$?
echo "floor: with the development versions:"; cat "$work/dev.log"
echo "floor: with the floors:"; cat "$work/floor.log"
echo "floor: synthesis took $(seconds "$step") s"
if [ "$dev_status" -ne 0 ] || [ "$floor_status" -ne 0 ]; then
  echo "floor: synthesis failed" >&2
  exit 1
fi

# 5. The two outputs and their warnings must be the same.
status=0
for dir in "$work/out/dev"/*/; do
  name=$(basename "$dir")
  printf 'floor: %-21s ' "$name"
  python3 test/python/compare_synth.py --labels dev floor --quiet "$dir" "$work/out/floor/$name" || status=1
done
node -e '
  const [dev, floor] = process.argv.slice(1).map((f) => require(f).annotations);
  let same = true;
  for (const app of Object.keys(dev)) {
    for (const stack of Object.keys(dev[app])) {
      const a = dev[app][stack].warnings, b = (floor[app]?.[stack]?.warnings) ?? [];
      for (const w of a.filter((w) => !b.includes(w))) { console.error(`floor: warning only with the development versions: ${app}/${w}`); same = false; }
      for (const w of b.filter((w) => !a.includes(w))) { console.error(`floor: warning only with the floors: ${app}/${w}`); same = false; }
    }
  }
  console.log(same ? "floor: warnings identical" : "floor: warnings differ");
  process.exit(same ? 0 : 1);
' "$work/out/dev/annotations.json" "$work/out/floor/annotations.json" || status=1

echo "floor: total $(seconds "$started") s"
if [ "$status" -ne 0 ]; then
  echo "floor: the floors do not synthesize what the development versions do" >&2
fi
exit $status
