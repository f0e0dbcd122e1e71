#!/usr/bin/env bash
# One whole CLI run against its baseline, in the same run: `switchboard-cli send lobby TEXT`
# (process start, connect, SCRAM login with a 100,000-iteration PBKDF2, join, one message
# acknowledged, exit) against `mosquitto_pub -u -P -q 1` (process start, connect with user name
# and password, one QoS 1 message acknowledged, exit). Timed with hyperfine when installed (a
# plain loop otherwise). Prints the table and "result NAME MEAN_MS MIN_MS" lines for scripts.
#   bench/login_vs_mosquitto.sh [BUILD_DIR] [RUNS=30]
set -euo pipefail
src=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$src/build}
case $build in /*) ;; *) build=$src/$build ;; esac
runs=${2:-30}
for tool in mosquitto mosquitto_pub mosquitto_passwd; do
  PATH=$PATH:/usr/sbin command -v "$tool" > /dev/null || { echo "$tool missing: apt-get install -y mosquitto mosquitto-clients" >&2; exit 1; }
done
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT

"$build/app/switchboard-server" --listen 127.0.0.1:0 --data "$work/data" > "$work/server.out" 2> "$work/server.err" &
for _ in $(seq 50); do grep -q listening "$work/server.out" 2>/dev/null && break; sleep 0.1; done
port=$(sed -n 's/.*:\([0-9]*\)$/\1/p' "$work/server.out" | head -1)
export SWITCHBOARD_PASSWORD=bench-password
"$build/app/switchboard-cli" --server "127.0.0.1:$port" --user alice register > /dev/null

mqport=$(( 20000 + $(od -An -N2 -tu2 /dev/urandom | tr -d ' ') % 20000 ))
PATH=$PATH:/usr/sbin mosquitto_passwd -b -c "$work/passwd" alice bench-password 2> /dev/null
cat > "$work/mosquitto.conf" <<EOF
user $(id -un)
listener $mqport 127.0.0.1
allow_anonymous false
password_file $work/passwd
EOF
PATH=$PATH:/usr/sbin mosquitto -c "$work/mosquitto.conf" > "$work/mosquitto.log" 2>&1 &
for _ in $(seq 50); do
  mosquitto_pub -h 127.0.0.1 -p "$mqport" -u alice -P bench-password -q 1 -t lobby -m ready 2> /dev/null && break
  sleep 0.1
done

sb=("$build/app/switchboard-cli" --server "127.0.0.1:$port" --user alice send lobby hello)
mq=(mosquitto_pub -h 127.0.0.1 -p "$mqport" -u alice -P bench-password -q 1 -t lobby -m hello)
echo "# $(date -u +%Y-%m-%dT%H:%MZ) $(uname -srm), $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg)"
if command -v hyperfine > /dev/null; then
  hyperfine -N -w 3 -r "$runs" --export-json "$work/h.json" -n switchboard "${sb[*]}" -n mosquitto "${mq[*]}" >&2
  python3 - "$work/h.json" <<'PY'
import json, sys
for r in json.load(open(sys.argv[1]))["results"]:
    print(f"result {r['command']} {r['mean'] * 1000:.1f} {r['min'] * 1000:.1f}")
PY
else
  # A plain loop: mean and best of RUNS runs, in milliseconds.
  for name in switchboard mosquitto; do
    if [ $name = switchboard ]; then cmd=("${sb[@]}"); else cmd=("${mq[@]}"); fi
    for _ in $(seq "$runs"); do
      s=$(date +%s%N); "${cmd[@]}" > /dev/null; e=$(date +%s%N); echo $(( (e - s) / 1000 ))
    done | awk -v n=$name '{ t += $1; if (min == "" || $1 < min) min = $1 } END { printf "result %s %.1f %.1f\n", n, t / NR / 1000, min / 1000 }'
  done
fi
