#!/usr/bin/env bash
# The baseline of bench/chat_fanout.sh: the same shape with mosquitto (MQTT QoS 1, every message
# acknowledged by the broker and delivered at least once to each subscriber). 1 publisher
# (mosquitto_pub -l, one message per line of stdin) and N subscribers (mosquitto_sub -C), as
# separate processes on loopback. Prints messages delivered per second and the broker's peak RSS,
# then "result DELIVERIES_PER_S ACKS_PER_S PEAK_KB CPU_S 0", like chat_fanout.sh.
#   bench/mosquitto_fanout.sh [RECEIVERS=50] [MESSAGES=2000]
# Environment: STALLED=N more subscribers that stop reading (output to a pipe nobody reads, full
# from the start; not counted), PAD=BYTES makes each message that long, as in chat_fanout.sh,
# INFLIGHT=N mosquitto_pub's -M (QoS 1 messages unacknowledged at once; its default is 20).
set -euo pipefail
receivers=${1:-50}
messages=${2:-2000}
stalled=${STALLED:-0}
for tool in mosquitto mosquitto_pub mosquitto_sub; do
  command -v "$tool" > /dev/null || { echo "$tool missing: apt-get install -y mosquitto mosquitto-clients" >&2; exit 1; }
done
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
# Queues large enough that a slow subscriber is never dropped from (mosquitto's own default would
# drop QoS 1 messages beyond 1,000 queued per client).
# A random port; another one if mosquitto could not take it (or died), until it accepts connections.
for attempt in 1 2 3 4 5; do
  port=$(( 20000 + $(od -An -N2 -tu2 /dev/urandom | tr -d ' ') % 20000 ))
  cat > "$work/mosquitto.conf" <<EOF
user $(id -un)
listener $port 127.0.0.1
allow_anonymous true
max_queued_messages 0
max_inflight_messages 0
log_dest file $work/mosquitto.log
log_type subscribe
log_type notice
EOF
  PATH=$PATH:/usr/sbin mosquitto -c "$work/mosquitto.conf" > /dev/null 2>&1 &
  mpid=$!
  up=0
  for _ in $(seq 100); do
    kill -0 "$mpid" 2> /dev/null || break
    if (exec 3<> "/dev/tcp/127.0.0.1/$port") 2> /dev/null; then up=1; break; fi
    sleep 0.1
  done
  [ "$up" = 1 ] && break
  kill "$mpid" 2> /dev/null || true
  echo "mosquitto did not start on port $port (attempt $attempt)" >&2
done
[ "$up" = 1 ] || { echo "mosquitto would not start" >&2; exit 1; }
subs=()
for i in $(seq 1 "$receivers"); do
  mosquitto_sub -h 127.0.0.1 -p "$port" -q 1 -t lobby -C "$messages" -i "r$i" > "$work/r$i.txt" &
  subs+=($!)
done
stalls=()
for i in $(seq $((receivers + 1)) $((receivers + stalled))); do
  mkfifo "$work/stall$i"
  exec {fd}<> "$work/stall$i" # held open, never read, and full from the start
  head -c 65536 /dev/zero >&"$fd"
  mosquitto_sub -h 127.0.0.1 -p "$port" -q 1 -t lobby -i "r$i" > "$work/stall$i" &
  stalls+=($!)
done
# every subscription is in place
for _ in $(seq 300); do [ "$(grep -c " lobby" "$work/mosquitto.log" || true)" -ge $((receivers + stalled)) ] && break; sleep 0.1; done
# The publisher connects before the clock starts (as the Switchboard sender logs in first in
# chat_fanout.sh): its input is a pipe that gets the messages only once it is connected.
mkfifo "$work/input"
exec {input}<> "$work/input"
mosquitto_pub -h 127.0.0.1 -p "$port" -q 1 -t lobby -l -i sender ${INFLIGHT:+-M "$INFLIGHT"} < "$work/input" {input}>&- &
publisher=$!
for _ in $(seq 300); do grep -q "as sender" "$work/mosquitto.log" && break; sleep 0.05; done
cpu0=$(awk '{ print $14 + $15 }' "/proc/$mpid/stat")
start=$(date +%s.%N)
seq 1 "$messages" | awk -v w="${PAD:-0}" '{ s = "message " $1; if (w > 0) { s = s " "; while (length(s) < w) s = s "x" } print s }' >&"$input"
exec {input}>&-
wait "$publisher"
sent=$(date +%s.%N)
wait "${subs[@]}" || true
end=$(date +%s.%N)
delivered=$(cat "$work"/r*.txt | wc -l)
[ ${#stalls[@]} -gt 0 ] && kill "${stalls[@]}" 2> /dev/null
peak=$(awk '/VmHWM/ { print $2 }' "/proc/$mpid/status")
cpu=$(awk -v hz="$(getconf CLK_TCK)" -v c0="$cpu0" '{ printf "%.2f", ($14 + $15 - c0) / hz }' "/proc/$mpid/stat")
python3 - "$start" "$sent" "$end" "$delivered" "$receivers" "$messages" "$peak" "$cpu" "$stalled" <<'PY'
import sys
start, sent, end = map(float, sys.argv[1:4]); delivered, receivers, messages, peak = map(int, sys.argv[4:8])
cpu = float(sys.argv[8])
print(f"mosquitto fan-out (QoS 1, processes): 1 publisher, {receivers} subscribers, {messages} messages")
if int(sys.argv[9]):
    print(f"  {sys.argv[9]} more subscribers not reading")
print(f"  publisher done in {sent-start:.2f} s ({messages/(sent-start):.0f} messages/s acknowledged)")
print(f"  {delivered} of {receivers*messages} deliveries in {end-start:.2f} s: {delivered/(end-start):.0f} deliveries/s")
print(f"  broker peak RSS {peak / 1024:.1f} MiB, CPU {cpu:.2f} s while measured")
print(f"result {delivered/(end-start):.0f} {messages/(sent-start):.0f} {peak} {cpu:.2f} 0")
PY
