#!/usr/bin/env bash
# The unit and integration tests again, built with AddressSanitizer and UndefinedBehaviorSanitizer
# (into build-asan/). GUI, script and fuzz tests run in the normal build (scripts/test.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup-debian.sh
BUILD_DIR=${ASAN_BUILD_DIR:-build-asan}
if [ ! -f "$BUILD_DIR/build.ninja" ]; then
  cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=Debug -DSWITCHBOARD_SANITIZE=address,undefined \
        -DSWITCHBOARD_BUILD_BENCH=OFF -DSWITCHBOARD_BUILD_FUZZ=OFF >&2
fi
# Only what the sanitized tests need: the libraries, the tests and the two programs they start.
targets=$(cd "$BUILD_DIR" && ninja -t targets all | sed -n 's/^\(tests\/\)\{0,1\}\(unit_tst_[a-z0-9_]*\|integration_tst_[a-z0-9_]*\): phony$/\2/p' | sort -u)
cmake --build "$BUILD_DIR" -j"$(nproc)" --target switchboard-server switchboard-cli $targets >&2
cd "$BUILD_DIR"
export QT_QPA_PLATFORM=offscreen
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:strict_string_checks=1}
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$PWD/../scripts/lsan.supp:print_suppressions=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
ctest --output-on-failure -j"$(nproc)" --timeout 900 -R '^(unit|integration)_' "$@"
