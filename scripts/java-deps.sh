#!/usr/bin/env bash
# `npm run check:java`: which dependencies of the generated Java project
# (dist/java/pom.xml, after `npm run package`) Maven Central serves.
#
# Maven stops at the first dependency it cannot resolve, so each dependency
# of the pom is resolved on its own (with its transitive dependencies), from a
# local repository of its own (.tmp/java-deps/m2). Prints one line per
# dependency, "resolves  G:A:RANGE -> version" or "missing   G:A:RANGE", and
# exits with 1 if any is missing. Not part of CI: Maven Central, as reachable
# here, lacks some of them (README, "Packages for other languages").
set -euo pipefail
cd "$(dirname "$0")/.."
pom=dist/java/pom.xml
work=.tmp/java-deps
if [ ! -f "$pom" ]; then
  echo "java-deps: no $pom: run \`npm run package\` first" >&2
  exit 1
fi
mkdir -p "$work"
# groupId artifactId version of each <dependency> of the pom.
deps=$(sed -n '/<dependencies>/,/<\/dependencies>/p' "$pom" \
  | grep -E '<(groupId|artifactId|version)>' | sed -E 's/ *<[^>]+>([^<]*)<.*/\1/' | paste - - -)
status=0
while read -r group artifact range; do
  probe="$work/$artifact"
  mkdir -p "$probe"
  cat > "$probe/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>dev.cirrus.probe</groupId>
  <artifactId>probe-$artifact</artifactId>
  <version>0</version>
  <dependencies>
    <dependency><groupId>$group</groupId><artifactId>$artifact</artifactId><version>$range</version></dependency>
  </dependencies>
</project>
POM
  if timeout 600 mvn -B -q -f "$probe/pom.xml" -Dmaven.repo.local="$PWD/$work/m2" \
      dependency:list -DoutputFile="$PWD/$probe/list.txt" -DincludeGroupIds="$group" > "$probe/mvn.log" 2>&1; then
    version=$(grep -E "^ *$group:$artifact:jar:" "$probe/list.txt" | head -1 | cut -d: -f4)
    echo "resolves  $group:$artifact:$range -> $version"
  else
    why=$(grep -oE 'No versions available for [^ ]+ within specified range|Could not find artifact [^ ]+|Could not transfer[^:]*' "$probe/mvn.log" | head -1 || true)
    echo "missing   $group:$artifact:$range${why:+ ($why)}"
    status=1
  fi
done <<< "$deps"
exit $status
