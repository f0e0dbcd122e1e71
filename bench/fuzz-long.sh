#!/usr/bin/env bash
# Runs every libFuzzer target (the ctests labelled "fuzz", tests/fuzz/CMakeLists.txt) for MINUTES
# minutes each, one after the other, on its seed corpus, and prints the executions per target.
#   bench/fuzz-long.sh [MINUTES] [TARGET_REGEX]      (default 10 minutes, every target; MINUTES may
#                                                    be a fraction, e.g. 0.5, but not under a second)
# Environment: BUILD_DIR (default build), FUZZ_SCRATCH (where new inputs, crashes and logs go;
# default a fresh directory under /tmp). The source tree is only read: the seeds are passed as an
# extra, read-only corpus. Exit status 1 if any target found a crash.
# The command line of each run is the ctest's own (dictionary, -max_len, sanitizer options), with
# only the time, the artifact prefix and the writable corpus replaced.
set -euo pipefail
src=$(cd "$(dirname "$0")/.." && pwd)
minutes=${1:-10}
filter=${2:-.}
build=${BUILD_DIR:-build}
case $build in /*) ;; *) build=$src/$build ;; esac
scratch=${FUZZ_SCRATCH:-$(mktemp -d /tmp/switchboard-fuzz.XXXXXX)}
mkdir -p "$scratch"
seconds=$(awk -v m="$minutes" 'BEGIN { s = int(m * 60); print (s >= 1 ? s : 0) }')
if [ "$seconds" -lt 1 ]; then # libFuzzer reads -max_total_time=0 as "forever"
  echo "fuzz-long: MINUTES must be at least 1/60" >&2
  exit 2
fi

if [ ! -f "$build/CMakeCache.txt" ]; then
  cmake -S "$src" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >&2
fi
targets=$(cd "$build" && ninja -t targets all | sed -n 's/^\(tests\/fuzz\/\)\{0,1\}\(fuzz_[a-z0-9_]*_build\): phony$/\2/p' | sort -u)
if [ -z "$targets" ]; then
  echo "fuzz-long: no fuzz targets in $build (clang++ with libFuzzer is needed)" >&2
  exit 2
fi
cmake --build "$build" -j2 --target $targets >&2

# One line per ctest: name <TAB> environment (;-separated) <TAB> command (NUL-free, \x1f-separated).
plan=$(cd "$build" && ctest --show-only=json-v1 -L fuzz | python3 -c '
import json, sys
for t in json.load(sys.stdin)["tests"]:
    env = next((p["value"] for p in t.get("properties", []) if p["name"] == "ENVIRONMENT"), [])
    print(t["name"], ";".join(env), "\x1f".join(t["command"]), sep="\t")
')

printf '# libFuzzer runs, %s, %s, %s CPUs, %s min per target, scratch %s\n' \
  "$(date -u +%Y-%m-%dT%H:%MZ)" "$(uname -srm)" "$(nproc)" "$minutes" "$scratch"
printf '%-20s %12s %10s %8s %8s  %s\n' target executions exec/s corpus cov result
status=0
total=0
while IFS=$'\t' read -r name env command; do
  [[ $name =~ $filter ]] || continue
  IFS=$'\x1f' read -r -a cmd <<<"$command"
  out=$scratch/$name
  mkdir -p "$out/corpus"
  args=("${cmd[0]}")
  for a in "${cmd[@]:1}"; do
    case $a in
      -max_total_time=*) args+=("-max_total_time=$seconds") ;;
      -artifact_prefix=*) args+=("-artifact_prefix=$out/") ;;
      -*) args+=("$a") ;;
      "$build"/*) ;;                 # the ctest's writable corpus: replaced by the scratch one
      *) seeds=$a ;;
    esac
  done
  args+=("$out/corpus" "$seeds")
  rc=0
  (IFS=';'; for e in $env; do export "$e"; done; exec "${args[@]}") >"$out/log" 2>&1 || rc=$?
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$out/log" | tail -1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$out/log" | tail -1)
  cov=$(grep -o 'cov: [0-9]*' "$out/log" | tail -1 | cut -d' ' -f2)
  if [ -z "$execs" ]; then # a crash ends the run before the final stats
    execs=$(grep -o '^#[0-9]*' "$out/log" | tail -1 | tr -d '#')
  fi
  result=ok
  if [ "$rc" -ne 0 ] || ls "$out"/crash-* "$out"/leak-* "$out"/timeout-* "$out"/oom-* >/dev/null 2>&1; then
    result="FINDING (exit $rc): see $out/log and $out/"
    status=1
  fi
  total=$((total + ${execs:-0}))
  printf '%-20s %12s %10s %8s %8s  %s\n' "$name" "${execs:-?}" "${rate:-?}" \
    "$(ls "$out/corpus" | wc -l)" "${cov:-?}" "$result"
done <<<"$plan"
printf '%-20s %12s\n' total "$total"
exit $status
