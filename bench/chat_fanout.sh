#!/usr/bin/env bash
# 1 sender (switchboard-cli send --stdin) and N receivers (switchboard-cli listen) as separate
# processes against switchboard-server on loopback. Prints messages delivered per second.
#   bench/chat_fanout.sh [BUILD_DIR] [RECEIVERS=50] [MESSAGES=2000]
set -euo pipefail
src=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$src/build}
receivers=${2:-50}
messages=${3:-2000}
data=$(mktemp -d)
out=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$data" "$out"' EXIT

# Plaintext, as the figures recorded before TLS became the default (BENCHMARKS.md).
"$build/app/switchboard-server" --listen 127.0.0.1:0 --data "$data" --history 0 --no-tls > "$out/server.out" 2> "$out/server.err" &
for _ in $(seq 50); do grep -q listening "$out/server.out" 2>/dev/null && break; sleep 0.1; done
port=$(sed -n 's/.*:\([0-9]*\)$/\1/p' "$out/server.out" | head -1)
cli=("$build/app/switchboard-cli" --server "127.0.0.1:$port" --timeout 300000 --no-tls)
export SWITCHBOARD_PASSWORD=bench
for i in $(seq 0 "$receivers"); do "${cli[@]}" --user "u$i" register > /dev/null; done
for i in $(seq 1 "$receivers"); do
  "${cli[@]}" --user "u$i" listen lobby --count "$messages" > "$out/r$i.jsonl" &
done
# let every listener log in (key derivation) and join
for _ in $(seq 600); do [ "$(grep -c "logged in" "$out/server.err")" -ge $((2 * receivers + 1)) ] && break; sleep 0.2; done
start=$(date +%s.%N)
seq 1 "$messages" | sed 's/^/message /' | "${cli[@]}" --user u0 send --stdin lobby
sent=$(date +%s.%N)
wait $(jobs -p | tail -n "$receivers") || true
end=$(date +%s.%N)
delivered=$(cat "$out"/r*.jsonl | wc -l)
python3 - "$start" "$sent" "$end" "$delivered" "$receivers" "$messages" <<'PY'
import sys
start, sent, end = map(float, sys.argv[1:4]); delivered, receivers, messages = map(int, sys.argv[4:7])
print(f"chat fan-out (processes): 1 sender, {receivers} receivers, {messages} messages")
print(f"  sender done in {sent-start:.2f} s ({messages/(sent-start):.0f} messages/s acknowledged)")
print(f"  {delivered} of {receivers*messages} deliveries in {end-start:.2f} s: {delivered/(end-start):.0f} deliveries/s")
PY
