#!/usr/bin/env bash
# The main job: the GUI with an embedded server on 127.0.0.1 when a display is available,
# otherwise the headless server. Extra arguments go to the program.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/build.sh
BUILD_DIR=${BUILD_DIR:-build}
if [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; then
  exec "$BUILD_DIR/app/switchboard" --host "$@"
fi
PORT=${SWITCHBOARD_PORT:-5151}
cat >&2 <<MSG
No display found: starting the headless server on 127.0.0.1:$PORT.
Connect from this machine with:
  $BUILD_DIR/app/switchboard-cli --server 127.0.0.1:$PORT ping
or run the GUI where a display exists:  $BUILD_DIR/app/switchboard
Stop the server with Ctrl+C.
MSG
exec "$BUILD_DIR/app/switchboard-server" --listen "127.0.0.1:$PORT" "$@"
