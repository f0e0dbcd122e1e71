#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# A three-node Switchboard cluster on this machine, for real: PostgreSQL 15 and Redis 7 from their
# Debian packages (installed when missing), each started by this script with its data in a
# temporary directory and listening on loopback only; no system service is touched. Then three
# switchboard-server nodes sharing that database, that Redis and one files directory.
#
#   scripts/cluster-demo.sh                 start everything, print how to connect, wait for Ctrl+C
#   scripts/cluster-demo.sh --exec CMD ...  start everything, run CMD with the cluster described in
#                                           its environment (below), stop everything, exit with
#                                           CMD's status (the end-to-end test uses this)
#
# Environment given to CMD (and printed in interactive mode):
#   SB_NODES="127.0.0.1:P1 127.0.0.1:P2 127.0.0.1:P3"   the nodes' client ports
#   SB_NODE_PIDS="pid1 pid2 pid3"                        the nodes' processes (same order)
#   SB_DATABASE=postgresql://switchboard@127.0.0.1:PORT/switchboard
#   SB_CLUSTER=redis://127.0.0.1:PORT
#   SB_FILES=DIR   SB_DEMO_DIR=DIR   SB_CLI=path/to/switchboard-cli   SB_SERVER=path/to/switchboard-server
#   SB_FINGERPRINT=SHA256:...  the nodes' shared TLS certificate (give the CLI --fingerprint)
#   SB_NODE_ARGS="..." the arguments every node was started with (to start a node again)
# Ports: SB_BASE_PORT (default: a free range chosen at start) → nodes BASE, BASE+1, BASE+2;
# PostgreSQL BASE+10, Redis BASE+11. SB_SKIP_SETUP=1 skips installing and building;
# SB_SERVER_BIN / SB_CLI_BIN name other binaries (ctest passes its own).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
BUILD_DIR=${BUILD_DIR:-build}

EXEC=()
if [ "${1:-}" = "--exec" ]; then
  shift
  EXEC=("$@")
  [ ${#EXEC[@]} -gt 0 ] || { echo "cluster-demo: --exec needs a command" >&2; exit 2; }
elif [ $# -gt 0 ]; then
  sed -n '3,23p' "$0" | sed 's/^# \{0,1\}//'
  exit 2
fi

if [ "${SB_SKIP_SETUP:-0}" != 1 ]; then
  ./scripts/setup-debian.sh
  ./scripts/build.sh >&2
fi
SERVER=${SB_SERVER_BIN:-$ROOT/$BUILD_DIR/app/switchboard-server}
CLI=${SB_CLI_BIN:-$ROOT/$BUILD_DIR/app/switchboard-cli}
PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
for need in "$SERVER" "$CLI"; do
  [ -x "$need" ] || { echo "cluster-demo: $need is not built (scripts/build.sh)" >&2; exit 3; }
done
# Exit status 77 (ctest: skipped) when an engine is not installed and could not be.
for need in "${PGBIN:-/usr/lib/postgresql/15/bin}/initdb" "$(command -v redis-server || echo redis-server)" \
            "$(command -v openssl || echo openssl)"; do
  if [ ! -x "$need" ]; then
    echo "cluster-demo: SKIPPED: $need is not installed (scripts/setup-debian.sh installs it)" >&2
    exit 77
  fi
done

# A free block of 12 ports (nothing listening on any of them), below the kernel's ephemeral range
# (32768-60999 on Debian), where other programs' outgoing connections and tests' port-0 listeners
# could take one of them between this check and the bind.
port_free() { ! (exec 3<>/dev/tcp/127.0.0.1/"$1") 2>/dev/null; }
if [ -z "${SB_BASE_PORT:-}" ]; then
  for _ in $(seq 1 50); do
    cand=$(( 20000 + (RANDOM % 1000) * 12 ))
    ok=1
    for i in $(seq 0 11); do port_free $((cand + i)) || { ok=0; break; }; done
    [ $ok = 1 ] && { SB_BASE_PORT=$cand; break; }
  done
fi
[ -n "${SB_BASE_PORT:-}" ] || { echo "cluster-demo: no free port range found" >&2; exit 3; }
PGPORT=$((SB_BASE_PORT + 10))
REDISPORT=$((SB_BASE_PORT + 11))

DEMO=$(mktemp -d /tmp/switchboard-cluster.XXXXXX)
chmod 755 "$DEMO"
PIDS=()
PG_STARTED=0
AS_PG=()
if [ "$(id -u)" -eq 0 ]; then
  # initdb and postgres refuse to run as root: run them as the package's postgres user.
  AS_PG=(runuser -u postgres --)
fi

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
  if [ $PG_STARTED = 1 ]; then
    "${AS_PG[@]}" "$PGBIN/pg_ctl" -D "$DEMO/pg" -m fast -w stop >/dev/null 2>&1 || true
  fi
  if [ "${SB_KEEP_DEMO_DIR:-0}" = 1 ]; then
    echo "cluster-demo: kept $DEMO" >&2
  else
    rm -rf "$DEMO"
  fi
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

echo "cluster-demo: state in $DEMO" >&2

# PostgreSQL: a private cluster, loopback TCP and a socket in the demo directory; "trust" for
# loopback (the nodes' URL carries no password: the server's own authentication decides).
mkdir -p "$DEMO/pg" "$DEMO/pgsock"
[ ${#AS_PG[@]} -gt 0 ] && chown postgres "$DEMO/pg" "$DEMO/pgsock"
"${AS_PG[@]}" "$PGBIN/initdb" -D "$DEMO/pg" -U switchboard -A trust -E UTF8 --no-sync >"$DEMO/initdb.log" 2>&1 \
  || { cat "$DEMO/initdb.log" >&2; exit 1; }
"${AS_PG[@]}" "$PGBIN/pg_ctl" -D "$DEMO/pg" -w -t 60 -l "$DEMO/pg/server.log" \
  -o "-c listen_addresses=127.0.0.1 -p $PGPORT -k $DEMO/pgsock -c fsync=off" start >/dev/null \
  || { cat "$DEMO/pg/server.log" >&2; exit 1; }
PG_STARTED=1
"${AS_PG[@]}" "$PGBIN/createdb" -h 127.0.0.1 -p "$PGPORT" -U switchboard switchboard
DATABASE="postgresql://switchboard@127.0.0.1:$PGPORT/switchboard"

# Redis: loopback only, nothing written to disk.
redis-server --port "$REDISPORT" --bind 127.0.0.1 --save "" --appendonly no \
  --logfile "$DEMO/redis.log" --dir "$DEMO" &
PIDS+=($!)
for _ in $(seq 1 100); do port_free "$REDISPORT" || break; sleep 0.1; done
CLUSTER="redis://127.0.0.1:$REDISPORT"

# One certificate for every node, so a client that trusts it may fail over between them.
openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj "/CN=127.0.0.1" \
  -addext "subjectAltName=IP:127.0.0.1,DNS:localhost" \
  -keyout "$DEMO/tls.key" -out "$DEMO/tls.crt" 2>/dev/null
chmod 600 "$DEMO/tls.key"
FINGERPRINT="SHA256:$(openssl x509 -in "$DEMO/tls.crt" -outform DER | openssl dgst -sha256 -binary | base64 | tr -d '=')"

mkdir -p "$DEMO/files"
NODE_ARGS="--database $DATABASE --cluster $CLUSTER --files $DEMO/files --tls-cert $DEMO/tls.crt --tls-key $DEMO/tls.key --no-announce"
NODES=()
for i in 0 1 2; do
  port=$((SB_BASE_PORT + i))
  mkdir -p "$DEMO/node$((i + 1))"
  # shellcheck disable=SC2086  # NODE_ARGS is a list of words
  "$SERVER" --listen "127.0.0.1:$port" --data "$DEMO/node$((i + 1))" --node-id "node$((i + 1))" \
    $NODE_ARGS >"$DEMO/node$((i + 1)).log" 2>&1 &
  PIDS+=($!)
  NODES+=("127.0.0.1:$port")
done
NODE_PIDS="${PIDS[*]:1}"
for i in 0 1 2; do
  port=$((SB_BASE_PORT + i))
  pid=${PIDS[$((i + 1))]}
  for _ in $(seq 1 150); do
    port_free "$port" || break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  if port_free "$port"; then
    echo "cluster-demo: node$((i + 1)) did not start:" >&2
    cat "$DEMO/node$((i + 1)).log" >&2
    exit 1
  fi
done

export SB_NODES="${NODES[*]}" SB_NODE_PIDS="$NODE_PIDS" SB_DATABASE="$DATABASE" SB_CLUSTER="$CLUSTER"
export SB_FILES="$DEMO/files" SB_DEMO_DIR="$DEMO" SB_CLI="$CLI" SB_SERVER="$SERVER" SB_FINGERPRINT="$FINGERPRINT"
export SB_NODE_ARGS="$NODE_ARGS"

if [ ${#EXEC[@]} -gt 0 ]; then
  set +e
  "${EXEC[@]}"
  rc=$?
  set -e
  if [ $rc -ne 0 ]; then
    for i in 1 2 3; do echo "--- node$i.log (last 20 lines)" >&2; tail -20 "$DEMO/node$i.log" >&2; done
  fi
  exit $rc
fi

cat <<MSG
Switchboard cluster running (Ctrl+C stops everything and deletes $DEMO):
  nodes       ${NODES[*]}   (logs: $DEMO/node1.log ...)
  PostgreSQL  $DATABASE
  Redis       $CLUSTER
  files       $DEMO/files
Add a user (any node's database is the same one):
  $SERVER --database $DATABASE user add alice
Connect a client that fails over between the nodes:
  $CLI --server ${NODES[0]},${NODES[1]},${NODES[2]} --fingerprint $FINGERPRINT --user alice listen
  $BUILD_DIR/app/switchboard   (server field: ${NODES[0]}, ${NODES[1]}, ${NODES[2]})
Kill a node to watch presence and clients move:  kill -9 <pid>   (node pids: $NODE_PIDS)
MSG
wait "${PIDS[1]}" "${PIDS[2]}" "${PIDS[3]}" || true
