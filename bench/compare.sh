#!/usr/bin/env bash
# Every comparison of issue 10 available so far, each against its baseline measured in the same
# run, then one table of ratios:
#   upload and download vs iperf3 -F and memory to memory, CPU per GiB   bench/transfer_vs_iperf.sh
#   room fan-out to 50 vs mosquitto QoS 1 (+ peak RSS) bench/chat_fanout.sh, bench/mosquitto_fanout.sh
#     (both start the clock once the sender has logged in / connected, so the rate is the relay's)
#   the same with one receiver that stops reading       STALLED=1 of both (back-pressure)
#   one CLI send (login included) vs mosquitto_pub     bench/login_vs_mosquitto.sh
#   PBKDF2-HMAC-SHA-256, 100,000 iterations vs OpenSSL bench_pbkdf2
#   10,000 idle connections: ping and memory        bench/idle_connections.sh (bench_idle)
# Installs the Debian packages it needs when missing (iperf3 mosquitto mosquitto-clients socat
# hyperfine; apt-get, through sudo when not root) and builds the targets it runs.
#
#   bench/compare.sh [BUILD_DIR]
# Environment: UPLOAD_MIB (default 1024), UPLOAD_ROUNDS (5: single rounds on a VM swing by
# several times, iperf3's too; the best of 5 of each side is steadier), RECEIVERS (50), MESSAGES (2000),
# FANOUT_ROUNDS (3), STALLED_MESSAGES (20000), LOGIN_RUNS (30), IDLE_COUNTS (1000,5000,10000),
# IDLE_PINGS (2000), SKIP (space-separated: upload fanout login pbkdf2 idle).
set -euo pipefail
src=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$src/build}
case $build in /*) ;; *) build=$src/$build ;; esac
skip=" ${SKIP:-} "
log=$(mktemp -d)
trap 'rm -rf "$log"' EXIT

missing=()
for p in iperf3 mosquitto mosquitto-clients socat hyperfine; do
  dpkg-query -W -f='${Status}' "$p" 2> /dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  echo "compare: installing ${missing[*]}" >&2
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -q >&2
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" >&2
fi

if [ ! -f "$build/CMakeCache.txt" ]; then
  cmake -S "$src" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >&2
fi
cmake --build "$build" --target switchboard-server switchboard-cli bench_transfer bench_pbkdf2 -- -j2 >&2

# Rows: "workload|switchboard|baseline|ratio|target".
rows=()
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else printf "-" }'; }

echo "# $(date -u +%Y-%m-%dT%H:%MZ) $(uname -srm), $(nproc) CPUs, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo)," \
     "load $(cut -d' ' -f1-3 /proc/loadavg)"

if [[ $skip != *" upload "* ]]; then
  echo "== upload vs iperf3 (${UPLOAD_MIB:-1024} MiB, ${UPLOAD_ROUNDS:-5} rounds)" >&2
  "$src/bench/transfer_vs_iperf.sh" "$build" "${UPLOAD_MIB:-1024}" "${UPLOAD_ROUNDS:-5}" | tee "$log/upload" >&2 \
    || echo "compare: transfer_vs_iperf.sh failed after its rounds; using the rounds it printed" >&2
  # Best of the printed rounds, Mbit/s -> MiB/s.
  best() { awk -v key="$1" '/^round/ { for (i = 1; i <= NF; i++) if ($i == key && $(i+2) ~ /^Mbit/) { v = $(i+1); if (v > b) b = v } }
                            END { printf "%.0f", b * 1e6 / 8 / 1048576 }' "$log/upload"; }
  mem=$(best iperf3)
  file=$(best -F)
  ours=$(best switchboard)
  rows+=("upload ${UPLOAD_MIB:-1024} MiB, MiB/s|$ours|iperf3 -F $file|$(ratio "$ours" "$file")|>= 0.8")
  rows+=("upload ${UPLOAD_MIB:-1024} MiB, MiB/s|$ours|iperf3 memory $mem|$(ratio "$ours" "$mem")|>= 0.6")
  down=$(best download)
  rows+=("download ${UPLOAD_MIB:-1024} MiB, MiB/s|$down|iperf3 -F $file|$(ratio "$down" "$file")|>= 0.8")
  rows+=("download ${UPLOAD_MIB:-1024} MiB, MiB/s|$down|iperf3 memory $mem|$(ratio "$down" "$mem")|>= 0.6")
  # CPU seconds per GiB, client + server (least of the rounds): a ratio where lower is better.
  cpu() { awk -v key="$1" 'index($0, key) { for (i = 1; i < NF; i++) if ($i == "CPU") { print $(i+1); exit } }' "$log/upload"; }
  cf=$(cpu "iperf3 -F (file to file)")
  cu=$(cpu "switchboard upload")
  cd=$(cpu "switchboard download")
  rows+=("upload CPU s per GiB, client + server|$cu|iperf3 -F $cf|$(ratio "$cu" "$cf")|<= 1.5")
  rows+=("download CPU s per GiB, client + server|$cd|iperf3 -F $cf|$(ratio "$cd" "$cf")|<= 1.5")
fi

if [[ $skip != *" fanout "* ]]; then
  n=${RECEIVERS:-50}
  m=${MESSAGES:-2000}
  rounds=${FANOUT_ROUNDS:-3}
  echo "== room fan-out to $n receivers, $m messages, $rounds rounds (Switchboard and mosquitto alternated)" >&2
  for r in $(seq "$rounds"); do
    "$src/bench/chat_fanout.sh" "$build" "$n" "$m" | tee "$log/sb-fanout" >&2
    "$src/bench/mosquitto_fanout.sh" "$n" "$m" | tee "$log/mq-fanout" >&2
    grep '^result' "$log/sb-fanout" >> "$log/sb-rounds"
    grep '^result' "$log/mq-fanout" >> "$log/mq-rounds"
  done
  # The median round of each (by deliveries/s); its CPU and peak RSS go with it.
  median() { sort -k2,2n "$1" | awk '{ l[NR] = $0 } END { print l[int((NR + 1) / 2)] }'; }
  read -r _ sbd _ sbpeak sbcpu _ < <(median "$log/sb-rounds")
  read -r _ mqd _ mqpeak mqcpu _ < <(median "$log/mq-rounds")
  all() { awk '{ printf "%s%s", (NR > 1 ? ", " : ""), $2 }' "$1"; }
  rows+=("fan-out 1 -> $n, $m messages, deliveries/s end to end, median of $rounds ($(all "$log/sb-rounds") / $(all "$log/mq-rounds"))|$sbd|mosquitto QoS 1 $mqd|$(ratio "$sbd" "$mqd")|>= 2")
  # What the server itself costs: deliveries per CPU second of the server / broker process.
  sbe=$(awk -v d=$((n * m)) -v c="$sbcpu" 'BEGIN { printf "%.0f", (c > 0 ? d / c : 0) }')
  mqe=$(awk -v d=$((n * m)) -v c="$mqcpu" 'BEGIN { printf "%.0f", (c > 0 ? d / c : 0) }')
  rows+=("fan-out, deliveries per server CPU second|$sbe|mosquitto $mqe|$(ratio "$sbe" "$mqe")|-")
  # A ratio of memory: lower is better.
  rows+=("fan-out server peak RSS, MiB|$(awk -v k="$sbpeak" 'BEGIN { printf "%.1f", k / 1024 }')|mosquitto $(awk -v k="$mqpeak" 'BEGIN { printf "%.1f", k / 1024 }')|$(ratio "$sbpeak" "$mqpeak")|<= 64 MiB")

  # Back-pressure: one more receiver that stops reading, 20,000 messages of 100 bytes. The
  # server's bound (1 MiB here) drops it with slow_consumer; mosquitto (queues unbounded, as
  # in its fan-out run) keeps everything for it.
  sm=${STALLED_MESSAGES:-20000}
  echo "== fan-out to $n receivers + 1 that stops reading, $sm messages of 100 bytes" >&2
  STALLED=1 PAD=100 MAX_QUEUED=1048576 "$src/bench/chat_fanout.sh" "$build" "$n" "$sm" | tee "$log/sb-stalled" >&2
  STALLED=1 PAD=100 "$src/bench/mosquitto_fanout.sh" "$n" "$sm" | tee "$log/mq-stalled" >&2
  read -r _ sbd _ sbpeak _ sbdropped < <(grep '^result' "$log/sb-stalled")
  read -r _ mqd _ mqpeak _ _ < <(grep '^result' "$log/mq-stalled")
  rows+=("fan-out to $n + 1 stalled, $sm x 100 B: server peak RSS, MiB (stalled one dropped: $sbdropped)|$(awk -v k="$sbpeak" 'BEGIN { printf "%.1f", k / 1024 }')|mosquitto $(awk -v k="$mqpeak" 'BEGIN { printf "%.1f", k / 1024 }')|$(ratio "$sbpeak" "$mqpeak")|<= 64 MiB")
  rows+=("the same, deliveries/s to the $n that read|$sbd|mosquitto QoS 1 $mqd|$(ratio "$sbd" "$mqd")|>= 1.5")
fi

if [[ $skip != *" login "* ]]; then
  echo "== one CLI send, login included" >&2
  "$src/bench/login_vs_mosquitto.sh" "$build" "${LOGIN_RUNS:-30}" | tee "$log/login" >&2
  read -r _ _ sbmean sbmin < <(grep '^result switchboard' "$log/login")
  read -r _ _ mqmean mqmin < <(grep '^result mosquitto' "$log/login")
  rows+=("switchboard-cli send (whole run), ms mean / best|$sbmean / $sbmin|mosquitto_pub -q 1 $mqmean / $mqmin|$(ratio "$sbmean" "$mqmean")|<= 100 ms")
fi

if [[ $skip != *" pbkdf2 "* ]]; then
  echo "== PBKDF2-HMAC-SHA-256, 100,000 iterations" >&2
  "$build/bench/bench_pbkdf2" --rounds 5 | tee "$log/pbkdf2" >&2
  read -r _ _ sbbest _ < <(grep '^result switchboard' "$log/pbkdf2")
  read -r _ _ osbest _ < <(grep '^result openssl' "$log/pbkdf2")
  read -r _ _ qtbest _ < <(grep '^result qt' "$log/pbkdf2")
  rows+=("PBKDF2 100,000 iterations, ms best|$sbbest|OpenSSL $osbest (Qt: $qtbest)|$(ratio "$sbbest" "$osbest")|≤ 1")
fi

# Idle connections (issue 10 item 2): the same server with none is the latency baseline,
# mosquitto with as many idle clients the memory one.
idle_rows() {
  local f=$1 n
  n=$(awk '$1 == "result" && $2 == "switchboard-epoll" { n = $3 } END { print n + 0 }' "$f")
  field() { awk -v s="$1" -v c="$2" -v k="$3" '$1 == "result" && $2 == s && $3 == c { for (i = 4; i < NF; i++) if ($i == k) print $(i+1) }' "$f"; }
  local p0 pn p99 mem tls mq mqp
  p0=$(field switchboard-epoll 0 ping_p50_us)
  pn=$(field switchboard-epoll "$n" ping_p50_us)
  p99=$(field switchboard-epoll "$n" ping_p99_us)
  mem=$(field switchboard-epoll "$n" per_conn_bytes)
  tls=$(field switchboard-tls "$n" per_conn_bytes)
  mq=$(field mosquitto "$n" per_conn_bytes)
  mqp=$(field mosquitto "$n" ping_p50_us)
  rows+=("ping p50 with $n idle clients, µs (p99 $p99)|$pn|same server, none idle $p0|$(ratio "$pn" "$p0")|<= 2")
  # The same with bench_idle and the server pinned to one CPU: no idle vCPU to wake per ping.
  local s0 sn
  s0=$(field switchboard-epoll 0 same_cpu_p50_us)
  sn=$(field switchboard-epoll "$n" same_cpu_p50_us)
  rows+=("the same, client and server on one CPU, µs|$sn|same server, none idle $s0|$(ratio "$sn" "$s0")|<= 2")
  rows+=("ping p50 with $n idle clients, µs|$pn|mosquitto $mqp|$(ratio "$pn" "$mqp")|-")
  rows+=("server memory per idle plaintext client, bytes|$mem|mosquitto $mq|$(ratio "$mem" "$mq")|<= 4096")
  rows+=("server memory per idle TLS client, bytes|${tls:--}|mosquitto $mq (plaintext)|$(ratio "${tls:-0}" "$mq")|measure")
}

if [[ $skip != *" idle "* ]]; then
  echo "== idle connections (${IDLE_COUNTS:-1000,5000,10000})" >&2
  cmake --build "$build" --target switchboard-server bench_idle -- -j2 >&2
  IDLE_SERVERS="epoll tls mosquitto" "$src/bench/idle_connections.sh" "$build" "${IDLE_COUNTS:-1000,5000,10000}" \
    "${IDLE_PINGS:-2000}" | tee "$log/idle" >&2
  idle_rows "$log/idle"
fi

echo
printf '| %s | %s | %s | %s | %s |\n' "workload" "Switchboard" "baseline, same run" "ratio" "target"
printf '|---|---|---|---|---|\n'
for r in "${rows[@]}"; do
  IFS='|' read -r w s b q t <<< "$r"
  printf '| %s | %s | %s | %s | %s |\n' "$w" "$s" "$b" "$q" "$t"
done
echo
