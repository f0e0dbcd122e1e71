#!/bin/sh
# Builds and runs the benchmarks; results go to stdout.
#   bench/run.sh [BUILD_DIR] [extra args for both benchmarks, e.g. --seconds 2]
# BUILD_DIR defaults to "build" (relative to the source tree); it is configured if needed.
set -eu
src=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-build}
[ $# -gt 0 ] && shift
case $build in /*) ;; *) build=$src/$build ;; esac

if [ ! -f "$build/CMakeCache.txt" ]; then
    cmake -S "$src" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >&2
fi
cmake --build "$build" --target bench_codec bench_roundtrip -- -j2 >&2

echo "# Switchboard benchmarks, $(date -u +%Y-%m-%dT%H:%MZ), $(uname -srm), $(nproc) CPUs," \
     "build type $(sed -n 's/^CMAKE_BUILD_TYPE:STRING=//p' "$build/CMakeCache.txt")"
echo
"$build/bench/bench_codec" "$@"
echo
"$build/bench/bench_roundtrip" "$@"
