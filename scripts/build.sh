#!/usr/bin/env bash
# Installs what is missing (Debian 12), configures and builds Switchboard into ./build.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup-debian.sh
BUILD_DIR=${BUILD_DIR:-build}
if [ ! -f "$BUILD_DIR/build.ninja" ]; then
  cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=${BUILD_TYPE:-RelWithDebInfo} >&2
fi
cmake --build "$BUILD_DIR" -j"$(nproc)" >&2
