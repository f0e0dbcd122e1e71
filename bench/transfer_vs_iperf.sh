#!/bin/sh
# Upload throughput of Switchboard vs iperf3 over loopback, in the same run, and the peak RSS of
# the uploading client and the server (from /usr/bin/time -v, or each process's own VmHWM).
# Two iperf3 baselines: memory to memory (what the network path can do), and file to file
# (-F on both ends: the sender reads the file, the receiver writes it), which is the same work an
# upload does besides hashing and framing.
#
#   bench/transfer_vs_iperf.sh [BUILD_DIR] [SIZE_MIB] [ROUNDS]
#
# BUILD_DIR (default "build") must contain bench/bench_transfer (or set BENCH_TRANSFER=path).
# SIZE_MIB defaults to 1024 (1 GiB); a 64 MiB upload is measured too, to show memory stays flat.
# Files live in $WORKDIR (default /dev/shm, so the disk is not what is measured; iperf3 touches
# no disk either). Each of ROUNDS (default 3) rounds runs iperf3 then our upload; best of each.
set -eu
src=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-build}
size=${2:-1024}
rounds=${3:-3}
case $build in /*) ;; *) build=$src/$build ;; esac
bin=${BENCH_TRANSFER:-$build/bench/bench_transfer}
[ -x "$bin" ] || { echo "no $bin (build the bench_transfer target)" >&2; exit 1; }
command -v iperf3 >/dev/null || { echo "iperf3 missing: apt-get install -y iperf3" >&2; exit 1; }
timev=""
[ -x /usr/bin/time ] && timev="/usr/bin/time -v"

base=${WORKDIR:-/dev/shm}
[ -w "$base" ] || base=${TMPDIR:-/tmp}
work=$(mktemp -d "$base/sb-iperf-XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM

echo "# $(date -u +%Y-%m-%dT%H:%MZ) $(uname -srm), $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg), files in $base"
head -c "${size}M" /dev/urandom > "$work/big"
head -c 64M /dev/urandom > "$work/small"

# Prints "Mbit/s" of one iperf3 transfer of SIZE_MIB; with "file", from and to files like an upload.
iperf_once() {
    port=$(( 20000 + $(od -An -N2 -tu2 /dev/urandom | tr -d ' ') % 20000 ))
    if [ "${1:-}" = file ]; then
        iperf3 -s -1 -p "$port" -F "$work/iperf-recv" >/dev/null 2>&1 &
    else
        iperf3 -s -1 -p "$port" >/dev/null 2>&1 &
    fi
    spid=$!
    sleep 0.3
    if [ "${1:-}" = file ]; then
        iperf3 -c 127.0.0.1 -p "$port" -F "$work/big" -f m 2>/dev/null | awk '/receiver/ { print $(NF-2) }'
    else
        iperf3 -c 127.0.0.1 -p "$port" -n "${size}M" -f m 2>/dev/null | awk '/receiver/ { print $(NF-2) }'
    fi
    wait "$spid" 2>/dev/null || true
    rm -f "$work/iperf-recv"
}

# Runs our server and an upload of FILE; prints "MBITS CLIENT_RSS_KB SERVER_RSS_KB HASH_S".
ours_once() {
    file=$1
    rm -rf "$work/data"
    $timev "$bin" server --port 0 --data "$work/data" --exit-after 1 > "$work/server.out" 2> "$work/server.time" &
    spid=$!
    i=0
    while ! grep -q '^listening' "$work/server.out" 2>/dev/null; do
        i=$((i + 1)); [ $i -lt 100 ] || { echo "server did not start" >&2; exit 1; }
        sleep 0.05
    done
    port=$(awk '/^listening/ { print $2 }' "$work/server.out")
    $timev "$bin" upload --port "$port" "$file" > "$work/client.out" 2> "$work/client.time"
    wait "$spid"
    mbits=$(sed -n 's/.*Mbit\/s=\([0-9.]*\).*/\1/p' "$work/client.out")
    hash_s=$(sed -n 's/.*hash_s=\([0-9.]*\).*/\1/p' "$work/client.out")
    if [ -n "$timev" ]; then
        crss=$(awk -F: '/Maximum resident set size/ { gsub(/ /, "", $2); print $2 }' "$work/client.time")
        srss=$(awk -F: '/Maximum resident set size/ { gsub(/ /, "", $2); print $2 }' "$work/server.time")
    else
        crss=$(sed -n 's/.*peak_rss_kb=\([0-9]*\).*/\1/p' "$work/client.out")
        srss=$(sed -n 's/.*peak_rss_kb=\([0-9]*\).*/\1/p' "$work/server.out")
    fi
    echo "$mbits $crss $srss $hash_s"
}

max() { awk -v a="$1" -v b="$2" 'BEGIN { print (b > a) ? b : a }'; }
best_iperf=0
best_file=0
best_ours=0
r=1
while [ $r -le "$rounds" ]; do
    ip=$(iperf_once)
    ipf=$(iperf_once file)
    set -- $(ours_once "$work/big")
    echo "round $r: iperf3 ${ip} Mbit/s, iperf3 -F ${ipf} Mbit/s, switchboard $1 Mbit/s" \
         "(client RSS $2 kB, server RSS $3 kB, client hash ${4}s)"
    best_iperf=$(max "$best_iperf" "$ip")
    best_file=$(max "$best_file" "$ipf")
    best_ours=$(max "$best_ours" "$1")
    big_crss=$2; big_srss=$3
    r=$((r + 1))
done
set -- $(ours_once "$work/small")
small_crss=$2; small_srss=$3

echo
echo "upload of ${size} MiB over loopback (best of $rounds)"
awk -v i="$best_iperf" -v f="$best_file" -v o="$best_ours" 'BEGIN {
    printf "  iperf3 (memory to memory)  %8.0f Mbit/s  %7.0f MiB/s\n", i, i * 1e6 / 8 / 1048576
    printf "  iperf3 -F (file to file)   %8.0f Mbit/s  %7.0f MiB/s\n", f, f * 1e6 / 8 / 1048576
    printf "  switchboard upload         %8.0f Mbit/s  %7.0f MiB/s  = %.0f%% of iperf3, %.0f%% of iperf3 -F\n",
           o, o * 1e6 / 8 / 1048576, 100 * o / i, 100 * o / f }'
echo "peak RSS            64 MiB upload   ${size} MiB upload"
echo "  client          ${small_crss} kB        ${big_crss} kB"
echo "  server          ${small_srss} kB        ${big_srss} kB"
