#!/usr/bin/env bash
# Idle connections against switchboard-server and mosquitto, same run, loopback only:
# server memory per idle logged-in connection and one extra client's ping round trip
# (bench_idle; see its header). Each server is started fresh with nothing else connected.
#
#   bench/idle_connections.sh [BUILD_DIR] [COUNTS] [PINGS]
# COUNTS: comma-separated, ascending (default 1000,5000,10000); PINGS per measurement (2000).
# Environment: IDLE_SERVERS (space-separated, default "epoll qt tls mosquitto"):
#   epoll      switchboard-server --no-tls --event-loop epoll (the default server)
#   qt         switchboard-server --no-tls --event-loop qt (Qt's poll()-based dispatcher)
#   tls        switchboard-server with TLS (epoll)
#   mosquitto  mosquitto (MQTT 3.1.1, anonymous), PINGREQ/PINGRESP
# Prints bench_idle's "result ..." lines.
set -euo pipefail
src=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$src/build}
counts=${2:-1000,5000,10000}
pings=${3:-2000}
servers=${IDLE_SERVERS:-epoll qt tls mosquitto}
work=$(mktemp -d)
pid=""
cleanup() {
  [ -n "$pid" ] && kill "$pid" 2> /dev/null && wait "$pid" 2> /dev/null
  rm -rf "$work"
}
trap cleanup EXIT
ulimit -n "$(ulimit -Hn)" # 10,000 clients in one process

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# Starts switchboard-server with the given options; sets pid and port.
start_switchboard() {
  local data=$work/data-$RANDOM
  mkdir -p "$data"
  "$build/app/switchboard-server" --listen 127.0.0.1:0 --data "$data" --no-announce --idle-timeout 0 \
    --max-clients 15000 "$@" > "$work/server.out" 2> "$work/server.err" &
  pid=$!
  for _ in $(seq 100); do
    port=$(sed -n 's/^listening on tcp:\/\/127\.0\.0\.1:\([0-9]*\)$/\1/p' "$work/server.out")
    [ -n "$port" ] && return 0
    sleep 0.1
  done
  echo "idle_connections: the server did not start" >&2
  cat "$work/server.err" >&2
  exit 1
}

stop_server() {
  kill "$pid" 2> /dev/null || true
  wait "$pid" 2> /dev/null || true
  pid=""
}

for s in $servers; do
  case $s in
    epoll | qt)
      start_switchboard --no-tls --event-loop "$s"
      "$build/bench/bench_idle" --port "$port" --pid "$pid" --counts "$counts" --pings "$pings" | sed "s/^result switchboard /result switchboard-$s /"
      ;;
    tls)
      start_switchboard --event-loop epoll
      "$build/bench/bench_idle" --tls --port "$port" --pid "$pid" --counts "$counts" --pings "$pings"
      ;;
    mosquitto)
      if ! command -v mosquitto > /dev/null && [ ! -x /usr/sbin/mosquitto ]; then
        echo "idle_connections: mosquitto is not installed, skipped" >&2
        continue
      fi
      port=$(free_port)
      printf 'listener %s 127.0.0.1\nallow_anonymous true\npersistence false\nlog_dest none\nmax_connections -1\n' "$port" > "$work/mosquitto.conf"
      "$(command -v mosquitto || echo /usr/sbin/mosquitto)" -c "$work/mosquitto.conf" > /dev/null 2>&1 &
      pid=$!
      for _ in $(seq 50); do
        (exec 3<> "/dev/tcp/127.0.0.1/$port") 2> /dev/null && break
        sleep 0.1
      done
      "$build/bench/bench_idle" --protocol mqtt --port "$port" --pid "$pid" --counts "$counts" --pings "$pings"
      ;;
    *)
      echo "idle_connections: unknown server $s" >&2
      exit 2
      ;;
  esac
  stop_server
done
