#!/usr/bin/env bash
# Installs every Debian 12 package that building, running and testing Switchboard needs.
# Safe to run again: it only calls apt-get when something is missing.
set -euo pipefail

PKGS=(
  build-essential cmake ninja-build pkg-config
  qt6-base-dev qt6-base-dev-tools qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
  libqt6sql6-sqlite libqt6opengl6-dev libgl-dev libxxhash-dev libssl-dev
  qt6-translations-l10n
  xvfb xauth fonts-wqy-microhei fonts-noto-color-emoji
  clang libclang-rt-14-dev
  python3
  tshark help2man desktop-file-utils appstream lintian systemd debootstrap systemd-container
  postgresql libqt6sql6-psql redis-server libhiredis-dev
)
# Optional extras used by benchmarks (installed when asked; bench/compare.sh installs its own
# when missing).
EXTRA=(iperf3 imagemagick mosquitto mosquitto-clients socat hyperfine)
if [ "${SWITCHBOARD_EXTRAS:-0}" = 1 ]; then PKGS+=("${EXTRA[@]}"); fi

missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
echo "setup: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q >&2
$SUDO apt-get install -y -q --no-install-recommends "${missing[@]}" >&2
