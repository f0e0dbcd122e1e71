#!/usr/bin/env bash
# 1 sender (switchboard-cli send --stdin) and N receivers (switchboard-cli listen) as separate
# processes against switchboard-server on loopback. Prints messages delivered per second and the
# server's peak RSS, then "result DELIVERIES_PER_S ACKS_PER_S PEAK_KB CPU_S STALLED_DROPPED" for
# scripts. bench/mosquitto_fanout.sh is the same shape with mosquitto (QoS 1), the baseline.
# Each receiver prints every message as one line; the deliveries counted are those lines.
#   bench/chat_fanout.sh [BUILD_DIR] [RECEIVERS=50] [MESSAGES=2000]
# Environment: STALLED=N more receivers that stop reading (their output goes to a pipe nobody
# reads, full from the start: they read nothing after their first batch; not counted),
# PAD=BYTES makes each text that long (default: "message N"), MAX_QUEUED=BYTES is the server's
# --max-queued-bytes, WINDOW=N the sender's --window (messages unacknowledged at once; the CLI's
# default is 256), SENDER_WRAP=COMMAND runs the sender under COMMAND (strace, perf record).
set -euo pipefail
src=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$src/build}
receivers=${2:-50}
messages=${3:-2000}
stalled=${STALLED:-0}
data=$(mktemp -d)
out=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$data" "$out"' EXIT

# Plaintext, as the figures recorded before TLS became the default (BENCHMARKS.md).
"$build/app/switchboard-server" --listen 127.0.0.1:0 --data "$data" --history 0 --no-tls --max-registrations-per-hour 0 ${MAX_QUEUED:+--max-queued-bytes "$MAX_QUEUED"} > "$out/server.out" 2> "$out/server.err" &
spid=$!
for _ in $(seq 50); do grep -q listening "$out/server.out" 2>/dev/null && break; sleep 0.1; done
port=$(sed -n 's/.*:\([0-9]*\)$/\1/p' "$out/server.out" | head -1)
cli=("$build/app/switchboard-cli" --server "127.0.0.1:$port" --timeout 300000 --no-tls)
export SWITCHBOARD_PASSWORD=bench
for i in $(seq 0 "$((receivers + stalled))"); do "${cli[@]}" --user "u$i" register > /dev/null; done
listeners=()
for i in $(seq 1 "$receivers"); do
  "${cli[@]}" --user "u$i" listen lobby --count "$messages" > "$out/r$i.jsonl" &
  listeners+=($!)
done
stalls=()
for i in $(seq $((receivers + 1)) $((receivers + stalled))); do
  mkfifo "$out/stall$i"
  exec {fd}<> "$out/stall$i" # held open, never read, and full from the start
  head -c 65536 /dev/zero >&"$fd"
  "${cli[@]}" --user "u$i" listen lobby > "$out/stall$i" &
  stalls+=($!)
done
# let every listener log in (key derivation) and join
for _ in $(seq 600); do [ "$(grep -c "logged in" "$out/server.err")" -ge $((2 * (receivers + stalled) + 1)) ] && break; sleep 0.2; done
# The sender logs in before the clock starts (as mosquitto_pub connects in mosquitto_fanout.sh):
# its input is a pipe that gets the messages only once it is in.
mkfifo "$out/input"
exec {input}<> "$out/input"
${SENDER_WRAP:-} "${cli[@]}" --user u0 send --stdin ${WINDOW:+--window "$WINDOW"} lobby < "$out/input" {input}>&- &
sender=$!
for _ in $(seq 600); do [ "$(grep -c "logged in" "$out/server.err")" -ge $((2 * (receivers + stalled) + 2)) ] && break; sleep 0.05; done
cpu0=$(awk '{ print $14 + $15 }' "/proc/$spid/stat")
start=$(date +%s.%N)
seq 1 "$messages" | awk -v w="${PAD:-0}" '{ s = "message " $1; if (w > 0) { s = s " "; while (length(s) < w) s = s "x" } print s }' >&"$input"
exec {input}>&-
wait "$sender"
sent=$(date +%s.%N)
# (not "jobs -p | tail": a listener done early leaves the list and the server's pid would be waited for)
wait "${listeners[@]}" || true
end=$(date +%s.%N)
delivered=$(cat "$out"/r*.jsonl | wc -l)
dropped=$(grep -c "not reading" "$out/server.err" || true)
[ ${#stalls[@]} -gt 0 ] && kill "${stalls[@]}" 2> /dev/null
peak=$(awk '/VmHWM/ { print $2 }' "/proc/$spid/status")
cpu=$(awk -v hz="$(getconf CLK_TCK)" -v c0="$cpu0" '{ printf "%.2f", ($14 + $15 - c0) / hz }' "/proc/$spid/stat")
python3 - "$start" "$sent" "$end" "$delivered" "$receivers" "$messages" "$peak" "$cpu" "$stalled" "$dropped" <<'PY'
import sys
start, sent, end = map(float, sys.argv[1:4]); delivered, receivers, messages, peak = map(int, sys.argv[4:8])
cpu = float(sys.argv[8]); stalled, dropped = map(int, sys.argv[9:11])
print(f"chat fan-out (processes): 1 sender, {receivers} receivers, {messages} messages")
if stalled:
    print(f"  {stalled} more receivers not reading: {dropped} of them told slow_consumer and dropped by the server")
print(f"  sender done in {sent-start:.2f} s ({messages/(sent-start):.0f} messages/s acknowledged)")
print(f"  {delivered} of {receivers*messages} deliveries in {end-start:.2f} s: {delivered/(end-start):.0f} deliveries/s")
print(f"  server peak RSS {peak / 1024:.1f} MiB, CPU {cpu:.2f} s while measured")
print(f"result {delivered/(end-start):.0f} {messages/(sent-start):.0f} {peak} {cpu:.2f} {dropped}")
PY
