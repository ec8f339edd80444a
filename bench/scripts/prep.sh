#!/bin/bash
# Builds and freezes the jars the measured runs use, so concurrent builds cannot change them.
# If the tree does not build right now, the previously frozen jars are kept.
set -u
mkdir -p /tmp/sluice-bench
cd /work/main
if mvn -q -o -DskipTests package -pl test-support,bench -am > /tmp/sluice-bench/prep-build.log 2>&1; then
  echo "build ok"
  R=/tmp/sluice-bench/run
  rm -rf $R; mkdir -p $R
  cp -p collector/target/collector.jar bench/target/bench.jar $R/
  cp -rp test-support/target/classes $R/ts-classes
  cp -rp bench/target/test-classes $R/bench-test-classes
  echo "$R/bench-test-classes:$R/ts-classes:$HOME/.m2/repository/org/slf4j/slf4j-api/2.0.17/slf4j-api-2.0.17.jar" \
      > /tmp/sluice-bench/launcher.cp
else
  echo "build FAILED; keeping the jars frozen earlier"; tail -5 /tmp/sluice-bench/prep-build.log
fi
sha256sum /tmp/sluice-bench/run/*.jar; ls -la --time-style=full-iso /tmp/sluice-bench/run
git -C /work/main log -1 --format='%h %s'; git -C /work/main status --short | wc -l
