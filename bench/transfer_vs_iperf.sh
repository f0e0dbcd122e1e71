#!/bin/sh
# Upload and download throughput of Switchboard vs iperf3 over loopback, in the same run, the CPU
# seconds both ends spend per GiB (Switchboard: each process's getrusage around the transfer;
# iperf3: /usr/bin/time of both processes), and the peak RSS of the client and the server (from
# /usr/bin/time -v, or each process's own VmHWM). A download is the same work in the other
# direction, so it is set against the same iperf3 baselines.
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
# BEFORE=path/to/another/bench_transfer: each round also runs that build's upload and download
# (say, the commit before a change), so a change is measured against its baseline in the same run.
# WARM=0: no warm-up. By default each file-writing run (iperf3 -F, and ours: an upload and a
# download write a file each) is preceded by writing and deleting as much in $WORKDIR, so every
# receiver gets pages the machine has just used: on a VM that hands freed memory back to its host
# (virtio free page reporting), a run that gets pages the host took back pays a host page fault per
# block, 3-5x the CPU, and which run pays depends on the order, not on the program.
# TLS=1: each round also uploads and downloads over TLS (the server's self-signed certificate,
# the client trusting its fingerprint), reported beside plaintext (no iperf3 counterpart).
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
# A VM that reports freed memory to its host (see WARM above) says so here.
pr=/sys/module/page_reporting/parameters
[ -r "$pr/page_reporting_order" ] && echo "# free page reporting to the host: order $(cat "$pr/page_reporting_order")$( \
    [ -r "$pr/min_free_ms" ] && echo ", min_free_ms $(cat "$pr/min_free_ms")"), warm-up ${WARM:-1}"
head -c "${size}M" /dev/urandom > "$work/big"
head -c 64M /dev/urandom > "$work/small"

# Writes and deletes MiB of zeros in the work directory (see WARM above).
warm() {
    [ "${WARM:-1}" = 0 ] && return 0
    dd if=/dev/zero of="$work/warm" bs=1M count="$1" status=none 2>/dev/null || true
    rm -f "$work/warm"
}

# User + system seconds from a /usr/bin/time -v report (0 without one).
cpu_of() { awk -F: '/User time|System time/ { s += $2 } END { printf "%.2f", s }' "$1" 2>/dev/null || echo 0; }

# Prints "MBITS CPU_S" of one iperf3 transfer of SIZE_MIB (CPU: client + server); with "file",
# from and to files like an upload.
iperf_once() {
    port=$(( 20000 + $(od -An -N2 -tu2 /dev/urandom | tr -d ' ') % 20000 ))
    rm -f "$work/iperf-s.time" "$work/iperf-c.time"
    tv_s=""; tv_c=""
    [ -n "$timev" ] && { tv_s="$timev -o $work/iperf-s.time"; tv_c="$timev -o $work/iperf-c.time"; }
    if [ "${1:-}" = file ]; then
        $tv_s iperf3 -s -1 -p "$port" -F "$work/iperf-recv" >/dev/null 2>&1 &
    else
        $tv_s iperf3 -s -1 -p "$port" >/dev/null 2>&1 &
    fi
    spid=$!
    sleep 0.3
    if [ "${1:-}" = file ]; then
        m=$($tv_c iperf3 -c 127.0.0.1 -p "$port" -F "$work/big" -f m 2>/dev/null | awk '/receiver/ { print $(NF-2) }')
    else
        m=$($tv_c iperf3 -c 127.0.0.1 -p "$port" -n "${size}M" -f m 2>/dev/null | awk '/receiver/ { print $(NF-2) }')
    fi
    wait "$spid" 2>/dev/null || true
    rm -f "$work/iperf-recv"
    echo "$m $(awk -v a="$(cpu_of "$work/iperf-s.time")" -v b="$(cpu_of "$work/iperf-c.time")" 'BEGIN { printf "%.2f", a + b }')"
}

# Runs our server, an upload of FILE and its download (with "tls" as second argument, over TLS);
# prints "MBITS CLIENT_RSS_KB SERVER_RSS_KB HASH_S UP_CPU_S DOWN_MBITS DOWN_CPU_S" (CPU: client + server).
ours_once() {
    file=$1
    run=${ours_bin:-$bin}
    tls_server=""; tls_client=""
    [ "${2:-}" = tls ] && tls_server="--tls"
    rm -rf "$work/data"
    # The last round's server.out must go first: the server's shell truncates it only once it
    # runs, and the wait below could read the old "listening" line (a dead port) before that.
    rm -f "$work/server.out"
    $timev "$run" server --port 0 --data "$work/data" --exit-after 1 $tls_server > "$work/server.out" 2> "$work/server.time" &
    spid=$!
    i=0
    while ! grep -q '^listening' "$work/server.out" 2>/dev/null; do
        i=$((i + 1)); [ $i -lt 100 ] || { echo "server did not start" >&2; exit 1; }
        sleep 0.05
    done
    port=$(awk '/^listening/ { print $2 }' "$work/server.out")
    [ -n "$tls_server" ] && tls_client="--tls $(awk '/^fingerprint/ { print $2 }' "$work/server.out")"
    if ! $timev "$run" upload --port "$port" --download "$work/down" $tls_client "$file" > "$work/client.out" 2> "$work/client.time"; then
        # Say why (the client's output and stderr, the server's), stop its server, and report a
        # zero round instead of ending the whole run.
        { echo "transfer_vs_iperf: the upload client of $run failed:"; cat "$work/client.out" "$work/client.time"
          echo "its server:"; cat "$work/server.out"; } | sed 's/^/  /' >&2
        kill "$spid" 2>/dev/null || true
        wait "$spid" 2>/dev/null || true
        rm -rf "$work/down"
        echo "0 0 0 0 0 0 0"
        return 0
    fi
    wait "$spid"
    rm -rf "$work/down"
    mbits=$(sed -n 's/^upload.*Mbit\/s=\([0-9.]*\).*/\1/p' "$work/client.out")
    hash_s=$(sed -n 's/^upload.*hash_s=\([0-9.]*\).*/\1/p' "$work/client.out")
    down_mbits=$(sed -n 's/^download.*Mbit\/s=\([0-9.]*\).*/\1/p' "$work/client.out")
    c_up=$(sed -n 's/^upload.*cpu_s=\([0-9.]*\).*/\1/p' "$work/client.out")
    c_down=$(sed -n 's/^download.*cpu_s=\([0-9.]*\).*/\1/p' "$work/client.out")
    s_up=$(sed -n 's/^stored file.*cpu_s=\([0-9.]*\).*/\1/p' "$work/server.out")
    s_all=$(sed -n 's/^server.*cpu_s=\([0-9.]*\).*/\1/p' "$work/server.out")
    up_cpu=$(awk -v a="$c_up" -v b="$s_up" 'BEGIN { printf "%.2f", a + b }')
    down_cpu=$(awk -v a="$c_down" -v b="$s_all" -v c="$s_up" 'BEGIN { printf "%.2f", a + b - c }')
    if [ -n "$timev" ]; then
        crss=$(awk -F: '/Maximum resident set size/ { gsub(/ /, "", $2); print $2 }' "$work/client.time")
        srss=$(awk -F: '/Maximum resident set size/ { gsub(/ /, "", $2); print $2 }' "$work/server.time")
    else
        crss=$(sed -n 's/.*peak_rss_kb=\([0-9]*\).*/\1/p' "$work/client.out")
        srss=$(sed -n 's/.*peak_rss_kb=\([0-9]*\).*/\1/p' "$work/server.out")
    fi
    echo "$mbits $crss $srss $hash_s $up_cpu ${down_mbits:-0} $down_cpu"
}

max() { awk -v a="$1" -v b="$2" 'BEGIN { print (b > a) ? b : a }'; }
min() { awk -v a="$1" -v b="$2" 'BEGIN { print (b == 0) ? a : ((a == 0 || b < a) ? b : a) }'; } # 0: a failed round
best_iperf=0
best_file=0
best_ours=0
best_down=0
best_before_up=0
best_before_down=0
cpu_before_up=0
cpu_before_down=0
best_tls_up=0
best_tls_down=0
cpu_tls_up=0
cpu_tls_down=0
cpu_file=0
cpu_up=0
cpu_down=0
r=1
while [ $r -le "$rounds" ]; do
    set -- $(iperf_once); ip=$1
    warm $((size + 64))
    set -- $(iperf_once file); ipf=$1; ipf_cpu=$2
    warm $((2 * size + 64))
    set -- $(ours_once "$work/big")
    echo "round $r: iperf3 ${ip} Mbit/s, iperf3 -F ${ipf} Mbit/s, switchboard $1 Mbit/s, download $6 Mbit/s" \
         "(CPU s: iperf3 -F ${ipf_cpu}, upload $5, download $7; client RSS $2 kB, server RSS $3 kB, client hash ${4}s)"
    best_iperf=$(max "$best_iperf" "$ip")
    best_file=$(max "$best_file" "$ipf")
    best_ours=$(max "$best_ours" "$1")
    best_down=$(max "$best_down" "$6")
    cpu_file=$(min "$cpu_file" "$ipf_cpu")
    cpu_up=$(min "$cpu_up" "$5")
    cpu_down=$(min "$cpu_down" "$7")
    big_crss=$2; big_srss=$3
    if [ -n "${BEFORE:-}" ]; then
        warm $((2 * size + 64))
        set -- $(ours_bin=$BEFORE ours_once "$work/big")
        echo "round $r, BEFORE build: upload $1 Mbit/s, download $6 Mbit/s (CPU s: upload $5, download $7)"
        best_before_up=$(max "$best_before_up" "$1")
        best_before_down=$(max "$best_before_down" "$6")
        cpu_before_up=$(min "$cpu_before_up" "$5")
        cpu_before_down=$(min "$cpu_before_down" "$7")
    fi
    if [ "${TLS:-0}" = 1 ]; then
        warm $((2 * size + 64))
        set -- $(ours_once "$work/big" tls)
        echo "round $r over TLS: upload $1 Mbit/s, download $6 Mbit/s (CPU s: upload $5, download $7)"
        best_tls_up=$(max "$best_tls_up" "$1")
        best_tls_down=$(max "$best_tls_down" "$6")
        cpu_tls_up=$(min "$cpu_tls_up" "$5")
        cpu_tls_down=$(min "$cpu_tls_down" "$7")
    fi
    r=$((r + 1))
done
set -- $(ours_once "$work/small")
small_crss=$2; small_srss=$3

echo
echo "${size} MiB over loopback (best of $rounds; CPU = client + server, least of $rounds, per GiB)"
awk -v i="$best_iperf" -v f="$best_file" -v o="$best_ours" -v d="$best_down" -v cf="$cpu_file" -v cu="$cpu_up" \
    -v cd="$cpu_down" -v g="$size" 'BEGIN {
    gib = g / 1024
    printf "  iperf3 (memory to memory)  %8.0f Mbit/s  %7.0f MiB/s\n", i, i * 1e6 / 8 / 1048576
    printf "  iperf3 -F (file to file)   %8.0f Mbit/s  %7.0f MiB/s  CPU %.2f s/GiB\n", f, f * 1e6 / 8 / 1048576, cf / gib
    printf "  switchboard upload         %8.0f Mbit/s  %7.0f MiB/s  CPU %.2f s/GiB  = %.0f%% of iperf3, %.0f%% of iperf3 -F, CPU %.2fx\n",
           o, o * 1e6 / 8 / 1048576, cu / gib, 100 * o / i, 100 * o / f, (cf > 0 ? cu / cf : 0)
    printf "  switchboard download       %8.0f Mbit/s  %7.0f MiB/s  CPU %.2f s/GiB  = %.0f%% of iperf3, %.0f%% of iperf3 -F, CPU %.2fx\n",
           d, d * 1e6 / 8 / 1048576, cd / gib, 100 * d / i, 100 * d / f, (cf > 0 ? cd / cf : 0) }'
if [ -n "${BEFORE:-}" ]; then
    awk -v u="$best_before_up" -v d="$best_before_down" -v cu="$cpu_before_up" -v cd="$cpu_before_down" -v g="$size" \
        -v i="$best_iperf" -v f="$best_file" -v cf="$cpu_file" 'BEGIN {
        gib = g / 1024
        printf "  BEFORE build upload        %8.0f Mbit/s  %7.0f MiB/s  CPU %.2f s/GiB  = %.0f%% of iperf3, %.0f%% of iperf3 -F, CPU %.2fx\n",
               u, u * 1e6 / 8 / 1048576, cu / gib, 100 * u / i, 100 * u / f, (cf > 0 ? cu / cf : 0)
        printf "  BEFORE build download      %8.0f Mbit/s  %7.0f MiB/s  CPU %.2f s/GiB  = %.0f%% of iperf3, %.0f%% of iperf3 -F, CPU %.2fx\n",
               d, d * 1e6 / 8 / 1048576, cd / gib, 100 * d / i, 100 * d / f, (cf > 0 ? cd / cf : 0) }'
fi
if [ "${TLS:-0}" = 1 ]; then
    awk -v u="$best_tls_up" -v d="$best_tls_down" -v cu="$cpu_tls_up" -v cd="$cpu_tls_down" -v g="$size" \
        -v o="$best_ours" -v od="$best_down" 'BEGIN {
        gib = g / 1024
        printf "  switchboard upload, TLS    %8.0f Mbit/s  %7.0f MiB/s  CPU %.2f s/GiB  = %.0f%% of plaintext\n",
               u, u * 1e6 / 8 / 1048576, cu / gib, (o > 0 ? 100 * u / o : 0)
        printf "  switchboard download, TLS  %8.0f Mbit/s  %7.0f MiB/s  CPU %.2f s/GiB  = %.0f%% of plaintext\n",
               d, d * 1e6 / 8 / 1048576, cd / gib, (od > 0 ? 100 * d / od : 0) }'
fi
echo "peak RSS (upload + download)  64 MiB     ${size} MiB"
echo "  client          ${small_crss} kB        ${big_crss} kB"
echo "  server          ${small_srss} kB        ${big_srss} kB"
