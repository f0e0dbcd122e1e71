#!/usr/bin/env bash
# Deliveries per second with 1, 2 and 3 cluster nodes against one node alone, and the latency a
# cross-node delivery adds (issue 14, item 8). Runs inside scripts/cluster-demo.sh --exec (real
# PostgreSQL 15 and Redis 7 on loopback, TLS, three nodes sharing the database and Redis); the
# "alone" node is one more switchboard-server on the same database and certificate without
# --cluster. Every client is a switchboard-cli process.
#
#   bench/cluster_fanout.sh [BUILD_DIR] [RECEIVERS=30] [MESSAGES=500] [PINGS=200]
#
# Throughput: three senders (`send --stdin`) post MESSAGES each to a fresh room, RECEIVERS
# listeners (`listen --count`) spread round-robin over the case's nodes read all of them; the
# clock runs from the first line given to a sender to the last listener's exit, so
# deliveries/s = RECEIVERS × 3 × MESSAGES / that time. Senders are spread over the nodes too.
# Latency: one sender on node 1 posts one message at a time; the next goes once a listener has
# printed the previous one. The listener is on node 1 (same node) or node 2 (cross node); the
# difference of the medians is what the hop through Redis adds.
# Prints one table and "result CASE DELIVERIES_PER_S" / "latency WHERE P50_US P90_US" lines.
set -euo pipefail
src=$(cd "$(dirname "$0")/.." && pwd)

if [ -z "${SB_NODES:-}" ]; then
  build=$(cd "${1:-$src/build}" && pwd)
  export SB_SKIP_SETUP=${SB_SKIP_SETUP:-1} SB_SERVER_BIN="$build/app/switchboard-server" SB_CLI_BIN="$build/app/switchboard-cli"
  exec "$src/scripts/cluster-demo.sh" --exec "$0" "$build" "${2:-30}" "${3:-500}" "${4:-200}"
fi

receivers=${2:-30}
messages=${3:-500}
pings=${4:-200}
senders=3
read -r -a nodes <<< "$SB_NODES"
work=$(mktemp -d)
alone_pid=
cleanup() {
  for p in $(jobs -p); do kill "$p" 2>/dev/null || true; done
  [ -n "$alone_pid" ] && kill "$alone_pid" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# Accounts straight into the shared database (no registration limit in the way).
users=()
for i in $(seq 0 "$receivers"); do users+=("r$i"); done
for i in $(seq 0 $((senders - 1))); do users+=("s$i"); done
users+=(pinger pingee)
for u in "${users[@]}"; do
  echo bench | "$SB_SERVER" --database "$SB_DATABASE" user add "$u" > /dev/null 2>&1 || { echo "cluster_fanout: cannot add $u" >&2; exit 1; }
done
export SWITCHBOARD_PASSWORD=bench

# The node alone: same database, same certificate, no Redis.
mkdir -p "$work/alone"
"$SB_SERVER" --listen 127.0.0.1:0 --data "$work/alone" --database "$SB_DATABASE" --files "$work/alone" \
  --tls-cert "$SB_DEMO_DIR/tls.crt" --tls-key "$SB_DEMO_DIR/tls.key" --no-announce \
  > "$work/alone.out" 2> "$work/alone.log" &
alone_pid=$!
for _ in $(seq 100); do grep -q listening "$work/alone.out" 2>/dev/null && break; sleep 0.1; done
alone="127.0.0.1:$(sed -n 's/.*:\([0-9]*\)$/\1/p' "$work/alone.out" | head -1)"

logins() { cat "$SB_DEMO_DIR"/node*.log "$work/alone.log" 2>/dev/null | grep -c "logged in" || true; }
wait_logins() { # target, what
  for _ in $(seq 1500); do [ "$(logins)" -ge "$1" ] && return 0; sleep 0.02; done
  echo "cluster_fanout: $2 did not log in" >&2; exit 1
}
# `listen` says "Listening to ROOM" on standard error once it has joined: nothing after is missed.
wait_listening() { # room count what
  for _ in $(seq "${JOIN_WAIT:-3000}"); do
    [ "$(cat "$work/$1".e* 2>/dev/null | grep -c "Listening to")" -ge "$2" ] && return 0
    sleep 0.02
  done
  echo "cluster_fanout: $3 did not join; the first one that did not said:" >&2
  for f in "$work/$1".e*; do grep -q "Listening to" "$f" || { cat "$f" >&2; break; }; done
  exit 1
}
cli() { # node user args...
  local node=$1 user=$2; shift 2
  timeout 600 "$SB_CLI" --server "$node" --fingerprint "$SB_FINGERPRINT" --timeout 300000 --user "$user" "$@"
}

rows=()
throughput() { # case-name room "receiver nodes" "sender nodes"
  local name=$1 room=$2 rn sn
  read -r -a rn <<< "$3"
  read -r -a sn <<< "$4"
  local total=$((senders * messages)) base listeners=() i
  base=$(logins)
  for i in $(seq 1 "$receivers"); do
    cli "${rn[$(( (i - 1) % ${#rn[@]} ))]}" "r$i" listen "$room" --count "$total" > "$work/$room.r$i" 2> "$work/$room.e$i" &
    listeners+=($!)
  done
  wait_listening "$room" "$receivers" "the listeners of $name"
  local pids=() fds=()
  for i in $(seq 0 $((senders - 1))); do
    mkfifo "$work/$room.in$i"
    exec {fd}<> "$work/$room.in$i"
    fds+=("$fd")
    # (without the script's ends of the other senders' pipes, or their EOF never comes)
    (for f in "${fds[@]}"; do eval "exec $f>&-"; done
     exec timeout 600 "$SB_CLI" --server "${sn[$(( i % ${#sn[@]} ))]}" --fingerprint "$SB_FINGERPRINT" \
       --user "s$i" send --stdin "$room" > /dev/null) < "$work/$room.in$i" &
    pids+=($!)
  done
  wait_logins $((base + receivers + senders)) "the senders of $name"
  sleep 0.3
  local start end
  start=$(date +%s.%N)
  for i in $(seq 0 $((senders - 1))); do
    seq 1 "$messages" | sed "s/^/s$i message /" >&"${fds[$i]}"
  done
  for fd in "${fds[@]}"; do exec {fd}>&-; done
  wait "${pids[@]}"
  wait "${listeners[@]}"
  end=$(date +%s.%N)
  local got=0
  for i in $(seq 1 "$receivers"); do got=$((got + $(wc -l < "$work/$room.r$i"))); done
  local rate
  rate=$(awk -v n="$got" -v a="$start" -v b="$end" 'BEGIN { printf "%.0f", n / (b - a) }')
  echo "result $name $rate ($got deliveries, expected $((receivers * total)))"
  rows+=("$name|${#rn[@]}|$got|$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f", b - a }')|$rate")
}

latency() { # where listener-node
  local where=$1 node=$2 room="lat-$1"
  local base
  base=$(logins)
  mkfifo "$work/$room.out" "$work/$room.in"
  exec {lfd}<> "$work/$room.out"
  cli "$node" pingee listen "$room" > "$work/$room.out" 2> "$work/$room.e0" &
  wait_listening "$room" 1 "the latency listener"
  exec {sfd}<> "$work/$room.in"
  cli "${nodes[0]}" pinger send --stdin "$room" < "$work/$room.in" > /dev/null {sfd}>&- {lfd}>&- &
  wait_logins $((base + 2)) "the latency sender"
  sleep 0.3
  local t0 t1 line samples=()
  for i in $(seq 1 "$pings"); do
    t0=$EPOCHREALTIME
    echo "ping $i" >&"$sfd"
    read -r -t 10 line <&"$lfd" || { echo "cluster_fanout: no delivery within 10 s ($where)" >&2; exit 1; }
    t1=$EPOCHREALTIME
    samples+=($(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%d", (b - a) * 1000000 }'))
  done
  exec {sfd}>&-
  local p50 p90
  p50=$(printf '%s\n' "${samples[@]:20}" | sort -n | awk '{ v[NR] = $1 } END { print v[int(NR * 0.5) + 1] }')
  p90=$(printf '%s\n' "${samples[@]:20}" | sort -n | awk '{ v[NR] = $1 } END { print v[int(NR * 0.9) + 1] }')
  echo "latency $where $p50 $p90"
  latrows+=("$where|$p50|$p90")
}

echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
throughput alone room-alone "$alone" "$alone"
throughput one-node room-1 "${nodes[0]}" "${nodes[0]}"
throughput two-nodes room-2 "${nodes[0]} ${nodes[1]}" "${nodes[0]} ${nodes[1]}"
throughput three-nodes room-3 "${nodes[*]}" "${nodes[*]}"
latrows=()
latency same-node "${nodes[0]}"
latency cross-node "${nodes[1]}"
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)" >&2

alone_rate=$(echo "${rows[0]}" | cut -d'|' -f5)
echo
echo "| case | nodes | deliveries | seconds | deliveries/s | vs alone |"
echo "|---|---|---|---|---|---|"
for r in "${rows[@]}"; do
  IFS='|' read -r name n got secs rate <<< "$r"
  echo "| $name | $n | $got | $secs | $rate | $(awk -v a="$rate" -v b="$alone_rate" 'BEGIN { printf "%.2f", a / b }') |"
done
echo
echo "| delivery (sender on node 1, one message at a time) | p50 µs | p90 µs |"
echo "|---|---|---|"
for r in "${latrows[@]}"; do
  IFS='|' read -r where p50 p90 <<< "$r"
  echo "| $where | $p50 | $p90 |"
done
