#!/bin/bash
# Builds Jaeger v2.1.0's `jaeger` binary for the side-by-side benchmark, outside the repository.
#
# Jaeger tagged v1.64.0 and v2.1.0 on one commit (65cff3c3), so the Go module
# github.com/jaegertracing/jaeger@v1.64.0 holds v2.1.0's cmd/jaeger. Its go.mod has a `replace`,
# which `go install module@version` refuses, so the module is copied from Go's module cache into
# a writable directory and built there with `go build`. Nothing of Jaeger's lands in this
# repository. The build is niced and runs one package at a time, to leave the cores to others.
#
# Usage: bench/scripts/build-jaeger.sh [--force]
# Prints the binary's path on its last line. Cache: $SLUICE_BENCH_CACHE (~/.cache/sluice-bench).
set -euo pipefail

MODULE=github.com/jaegertracing/jaeger
MODULE_VERSION=v1.64.0
JAEGER_VERSION=v2.1.0
JAEGER_COMMIT=65cff3c30823ea20d3dc48bae39d5685ae307da5
CACHE=${SLUICE_BENCH_CACHE:-$HOME/.cache/sluice-bench}
OUT=$CACHE/jaeger-$JAEGER_VERSION
BIN=$OUT/jaeger

if [ -x "$BIN" ] && [ "${1:-}" != "--force" ]; then
  echo "already built (use --force to rebuild): $BIN" >&2
  echo "$BIN"
  exit 0
fi
command -v go > /dev/null || { echo "build-jaeger.sh: 'go' is not on PATH" >&2; exit 1; }

mkdir -p "$OUT"
# Outside any module, so that no go.mod of ours takes part.
dir=$(cd "$OUT" && go mod download -json "$MODULE@$MODULE_VERSION" \
    | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
[ -d "$dir" ] || { echo "build-jaeger.sh: go mod download gave no directory" >&2; exit 1; }

src=$OUT/src
rm -rf "$src"
cp -r "$dir" "$src"
chmod -R u+w "$src"

echo "building $MODULE@$MODULE_VERSION ./cmd/jaeger in $src (nice 19, -p=1)" >&2
pkg=$MODULE/pkg/version
(cd "$src" && nice -n 19 env GOFLAGS="-p=1 -buildvcs=false" go build -trimpath \
    -ldflags "-X $pkg.latestVersion=$JAEGER_VERSION -X $pkg.commitSHA=$JAEGER_COMMIT \
-X $pkg.date=$(date -u +%Y-%m-%dT%H:%M:%SZ)" \
    -o "$BIN.tmp" ./cmd/jaeger)
mv "$BIN.tmp" "$BIN"
"$BIN" version >&2 || true
echo "$BIN"
