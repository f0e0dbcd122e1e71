#!/usr/bin/env bash
# The whole test suite on a fresh Debian 12 machine: installs, builds, runs every test with ctest.
set -euo pipefail
cd "$(dirname "$0")/.."
# --sanitize: the unit and integration tests built with ASan + UBSan instead (scripts/test-sanitize.sh).
if [ "${1:-}" = "--sanitize" ]; then
  shift
  exec ./scripts/test-sanitize.sh "$@"
fi
SWITCHBOARD_EXTRAS=1 ./scripts/setup-debian.sh
./scripts/build.sh
BUILD_DIR=${BUILD_DIR:-build}
cd "$BUILD_DIR"
export QT_QPA_PLATFORM=offscreen
ctest --output-on-failure -j"$(nproc)" --timeout 600 "$@"
