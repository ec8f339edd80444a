#!/bin/bash
# The seed-table run of issue 7: OpenSearch (from test-support), collector.jar with the user's
# config, the user's load, then where every span went; with --jaeger, the same against
# Jaeger v2.1.0. All arguments go to io.sluice.bench.seed.SeedTable (see --help), e.g.
#
#   bench/scripts/seed-table.sh                                   # Sluice, OpenSearch, 8 x 10,000
#   bench/scripts/seed-table.sh --jaeger "$(bench/scripts/build-jaeger.sh)" \
#       --storage opensearch,memory                               # side by side, both storages
#   bench/scripts/seed-table.sh --client go --workers 2 --traces 500
#
# Builds bench.jar, collector.jar and test-support first (Maven; MVN_FLAGS, e.g. "-o", are
# passed on; SKIP_BUILD=1 skips it) and the Go twin bench-go when `go` is on PATH.
set -euo pipefail
cd "$(dirname "$0")/../.."

if [ -z "${SKIP_BUILD:-}" ]; then
  # shellcheck disable=SC2086
  mvn -q ${MVN_FLAGS:-} -DskipTests package -pl bench -am
  if command -v go > /dev/null; then
    (cd bench/go && go build -o target/bench-go .)
  fi
fi

version=$(sed -n 's:^  <version>\(.*\)</version>:\1:p' pom.xml | head -1)
support=test-support/target/test-support-$version.jar
if [ ! -f "$support" ]; then
  echo "seed-table.sh: $support is missing; run without SKIP_BUILD" >&2
  exit 1
fi
exec java -cp "bench/target/bench.jar:$support" io.sluice.bench.seed.SeedTable "$@"
