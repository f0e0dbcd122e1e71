#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The .deb installed for real, as on a fresh Debian 12 machine: a minimal bookworm root
# (debootstrap, cached as a tarball), `dpkg -i` of the package and `apt-get -f install` for its
# Depends, then the root booted with systemd-nspawn (systemd as PID 1, loopback only) and checked:
#   - `systemctl start switchboard-server` leaves it active, its state in /var/lib/switchboard (0700,
#     owned by the unit's dynamic user), the database there;
#   - switchboard-cli pings, registers and sends against it inside the container (TLS, first use);
#   - the menu entry and its icon in place, its Exec on PATH, the GUI answering --version;
#   - after `no-tls` and a capture file in server.conf and a restart, tshark (installed in the
#     container) decodes the capture with the dissector the package put in Wireshark's global
#     plugin folder: no -X, nothing in a home folder.
# Needs root, debootstrap and systemd-nspawn (apt-get install debootstrap systemd-container), and
# the network for apt (not inside the booted container). Everything it makes (the container, its
# mounts, the temporary root) is removed on exit; every wait is bounded.
# usage: check-deb-install.sh BUILD_DIR|PACKAGE.deb
#        check-deb-install.sh --prepare     (only make the cached base root, e.g. ahead of a build)
# Environment: SWITCHBOARD_ROOTFS_CACHE (default /var/cache/switchboard-test): where the base root
# is kept; SWITCHBOARD_DEBIAN_MIRROR (default: the first Debian mirror of this machine's apt);
# SWITCHBOARD_INSTALL_TSHARK=0 skips tshark (and its check).
# Exit status: 0 passed, 1 failed, 77 cannot run here (not root, tools missing, no mirror).
set -euo pipefail
# No "cmd | grep -q" (with pipefail grep's early exit can fail cmd with SIGPIPE): grep <<<"$(cmd)".

skip() { echo "SKIP: $*" >&2; exit 77; }
fail() { echo "FAIL: $*" >&2; exit 1; }
step() { echo "== $(date -u +%T) $*"; }
[ $# -eq 1 ] || { echo "usage: $0 BUILD_DIR|PACKAGE.deb|--prepare" >&2; exit 2; }
[ "$(id -u)" -eq 0 ] || skip "needs root (debootstrap, systemd-nspawn)"
for t in debootstrap systemd-nspawn nsenter; do
  command -v "$t" >/dev/null || skip "$t is not installed (apt-get install debootstrap systemd-container)"
done

cache=${SWITCHBOARD_ROOTFS_CACHE:-/var/cache/switchboard-test}
mirror=${SWITCHBOARD_DEBIAN_MIRROR:-$(sed -n 's|^URIs: *\(.*/debian\)/*$|\1|p; s|^deb  *\(http[^ ]*/debian\)/* .*|\1|p' \
  /etc/apt/sources.list.d/*.sources /etc/apt/sources.list 2>/dev/null | head -1 || true)}
mirror=${mirror:-http://deb.debian.org/debian}
base=$cache/bookworm-minbase.tar
work=$(mktemp -d /var/tmp/switchboard-install.XXXXXX)
root=$work/root
machine=switchboard-install-$$
nspawn_pid=
cleanup() {
  set +e
  if [ -n "$nspawn_pid" ] && kill -0 "$nspawn_pid" 2>/dev/null; then
    kill -TERM "$nspawn_pid"  # nspawn asks the container's systemd to power off
    for _ in $(seq 100); do kill -0 "$nspawn_pid" 2>/dev/null || break; sleep 0.2; done
    kill -KILL "$nspawn_pid" 2>/dev/null
    wait "$nspawn_pid" 2>/dev/null
  fi
  # Whatever is still mounted below the root (innermost first), then the files.
  findmnt -rn -o TARGET | grep -F "$work/" | sort -r | while read -r m; do umount -l "$m"; done
  rm -rf --one-file-system "$work"
  rmdir "/run/systemd/nspawn/propagate/$machine" 2>/dev/null
}
trap cleanup EXIT
trap 'exit 1' INT TERM

# 1. A minimal Debian 12 with systemd, made once and kept as a tarball; debootstrap's downloads
# go to (and come from) this machine's apt cache.
if [ ! -s "$base" ]; then
  step "debootstrap bookworm from $mirror (once; kept in $base)"
  mkdir -p "$cache" "$work/base"
  timeout 900 debootstrap --variant=minbase --include=systemd,systemd-sysv,dbus \
    --cache-dir=/var/cache/apt/archives bookworm "$work/base" "$mirror" >"$work/debootstrap.log" 2>&1 \
    || { tail -20 "$work/debootstrap.log"; fail "debootstrap"; }
  tar -C "$work/base" --numeric-owner -cf "$base.part" . && mv "$base.part" "$base"
  rm -rf --one-file-system "$work/base"
fi
[ "$1" = --prepare ] && { echo "base root: $base"; exit 0; }

# 2. The package.
if [ -f "$1" ]; then
  deb=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
else
  build=$(cd "$1" && pwd)
  step "cpack"
  (cd "$build" && cpack -G DEB -B "$work/out" >"$work/cpack.log" 2>&1) || { cat "$work/cpack.log"; fail "cpack"; }
  deb=$(ls "$work"/out/switchboard_*.deb)
fi
echo "package: $(basename "$deb")"

step "unpack the base root"
mkdir -p "$root"
tar -C "$root" --numeric-owner -xf "$base"
cat >"$root/etc/apt/sources.list" <<EOF
deb $mirror bookworm main
deb $mirror bookworm-updates main
deb ${mirror%/debian}/debian-security bookworm-security main
EOF
echo switchboard-test >"$root/etc/hostname"
cp "$deb" "$root/root/" # not /tmp: nspawn mounts a tmpfs there
debname=$(basename "$deb")

# 3. Install as an admin would, with the network (the host's) and the host's apt cache.
in_root() {
  timeout 600 systemd-nspawn -q -D "$root" -M "$machine" --register=no --keep-unit --pipe \
    --bind=/var/cache/apt/archives --setenv=DEBIAN_FRONTEND=noninteractive "$@"
}
apt_opts=(-y -q -o APT::Sandbox::User=root -o Dpkg::Use-Pty=0)
step "apt-get update in the root"
# No mirror reachable is this machine's state, not the package's: skipped, not failed.
in_root apt-get "${apt_opts[@]}" update >"$work/apt.log" 2>&1 || { tail -20 "$work/apt.log"; skip "apt-get update: no Debian mirror reachable"; }
step "dpkg -i $debname (its Depends are missing: it stays unconfigured)"
if in_root dpkg -i "/root/$debname" >"$work/dpkg.log" 2>&1; then
  echo "dpkg -i succeeded at once"
else
  grep -q 'dependency problems' "$work/dpkg.log" || { cat "$work/dpkg.log"; fail "dpkg -i"; }
fi
step "apt-get -f install (the Depends)"
in_root apt-get "${apt_opts[@]}" --no-install-recommends -f install >"$work/apt.log" 2>&1 \
  || { tail -30 "$work/apt.log"; fail "apt-get -f install"; }
status=$(in_root dpkg-query -W -f='${Status}' switchboard)
[ "$status" = "install ok installed" ] || fail "switchboard is '$status' after apt-get -f install"
tshark=${SWITCHBOARD_INSTALL_TSHARK:-1}
if [ "$tshark" = 1 ]; then
  step "apt-get install tshark"
  in_root sh -c 'echo "wireshark-common wireshark-common/install-setuid boolean false" | debconf-set-selections' >/dev/null
  in_root apt-get "${apt_opts[@]}" --no-install-recommends install tshark >"$work/apt.log" 2>&1 \
    || { tail -30 "$work/apt.log"; fail "apt-get install tshark"; }
fi

# 4. Boot it: systemd as PID 1, loopback only.
step "boot the root (systemd-nspawn -b --private-network)"
systemd-nspawn -q -D "$root" -M "$machine" --register=no --keep-unit -b --private-network --console=pipe \
  </dev/null >"$work/boot.log" 2>&1 &
nspawn_pid=$!
# The container's PID 1 (systemd) is nspawn's child; commands run in its namespaces (nsenter):
# no machined on this host is needed (--register=no), nor a host systemd (--keep-unit).
leader=
for _ in $(seq 150); do
  kill -0 "$nspawn_pid" 2>/dev/null || { cat "$work/boot.log"; fail "systemd-nspawn exited"; }
  c=$(pgrep -P "$nspawn_pid" | head -1 || true)
  [ -n "$c" ] && [ "$(cat "/proc/$c/comm" 2>/dev/null)" = systemd ] && { leader=$c; break; }
  sleep 0.2
done
[ -n "$leader" ] || { cat "$work/boot.log"; fail "no container init found"; }
in_ct() { timeout 120 nsenter -t "$leader" -a env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LC_ALL=C.UTF-8 HOME=/root "$@"; }
# "running" or "degraded" (a unit that cannot start in a container) both mean booted.
state=
for _ in $(seq 300); do
  state=$(in_ct systemctl is-system-running 2>/dev/null || true)
  case "$state" in running|degraded) break ;; esac
  sleep 0.2
done
case "$state" in running|degraded) echo "booted: $state" ;; *) cat "$work/boot.log"; fail "the container did not boot ($state)" ;; esac
[ "$state" = degraded ] && in_ct systemctl --failed --no-legend || true
links=$(in_ct ls /sys/class/net | tr '\n' ' ')
echo "container network: $links"
[ "$links" = "lo " ] || fail "the container has more than loopback: $links"

# 5. The service as the package installed it.
step "systemctl start switchboard-server"
in_ct systemctl start switchboard-server || { in_ct journalctl -u switchboard-server --no-pager | tail -30; fail "systemctl start"; }
[ "$(in_ct systemctl is-active switchboard-server)" = active ] || fail "switchboard-server is not active"
served=
for _ in $(seq 100); do
  in_ct switchboard-cli --timeout 2000 ping --count 1 >"$work/ping.out" 2>&1 && { served=1; break; }
  sleep 0.2
done
[ -n "$served" ] || { cat "$work/ping.out"; in_ct journalctl -u switchboard-server --no-pager | tail -30; fail "no ping answer"; }
cat "$work/ping.out"
stat=$(in_ct stat -c '%a %u' /var/lib/private/switchboard)
echo "state directory: /var/lib/switchboard -> /var/lib/private/switchboard ($stat)"
[ "${stat%% *}" = 700 ] || fail "/var/lib/private/switchboard has mode ${stat%% *} (want 700)"
in_ct test -L /var/lib/switchboard || fail "/var/lib/switchboard is not the StateDirectory link"
in_ct test -s /var/lib/switchboard/switchboard.db || fail "no database in /var/lib/switchboard"
main_pid=$(in_ct systemctl show -P MainPID switchboard-server)
main_uid=$(in_ct stat -c %u "/proc/$main_pid")
echo "server: pid $main_pid, uid $main_uid"
[ "$main_uid" != 0 ] && [ "$main_uid" = "${stat#* }" ] || fail "the server runs as uid $main_uid (want the dynamic user owning its state)"
cli() { in_ct env SWITCHBOARD_PASSWORD=pw-pw-pw-1 switchboard-cli "$@"; }
cli --user installtest register >/dev/null || fail "switchboard-cli register"
cli --user installtest send lobby "hello from an installed package" || fail "switchboard-cli send (login)"
grep -q 'hello from an installed package' <<<"$(cli --json --user installtest search lobby 'installed package')" \
  || fail "the message is not in the server's history"
in_ct journalctl -u switchboard-server --no-pager -o cat >"$work/journal.log"
grep -q 'listening on' "$work/journal.log" || { cat "$work/journal.log"; fail "no 'listening on' in the journal"; }
echo "journal: $(grep -c . "$work/journal.log") lines from the unit"
# Debian 12's libsqlite3 has FTS5 with the trigram tokenizer: history search is indexed.
grep -q 'history search uses an FTS5 trigram index' "$work/journal.log" || fail "no FTS5 search index in the installed server"

# 6. The desktop side: menu entry, icon, caches the package's triggers refreshed.
step "menu entry and icon"
for f in /usr/share/applications/org.switchboard.Switchboard.desktop \
         /usr/share/icons/hicolor/scalable/apps/org.switchboard.Switchboard.svg \
         /usr/share/icons/hicolor/48x48/apps/org.switchboard.Switchboard.png; do
  in_ct test -s "$f" || fail "$f is not installed"
done
icon=$(in_ct sed -n 's/^Icon=//p' /usr/share/applications/org.switchboard.Switchboard.desktop)
[ "$icon" = org.switchboard.Switchboard ] || fail "the desktop entry's Icon is '$icon'"
exec=$(in_ct sed -n 's/^Exec=\([^ ]*\).*/\1/p' /usr/share/applications/org.switchboard.Switchboard.desktop)
in_ct sh -c "command -v $exec" >/dev/null || fail "the desktop entry's Exec ($exec) is not on PATH"
in_ct env QT_QPA_PLATFORM=offscreen switchboard --version || fail "switchboard --version"

# 7. tshark with the dissector where the package put it (Wireshark's global plugin folder).
if [ "$tshark" = 1 ]; then
  step "a plaintext capture decoded by the installed tshark"
  in_ct sh -c 'printf "\nno-tls\ncapture = /var/lib/switchboard/test.pcapng\n" >>/etc/switchboard/server.conf'
  in_ct systemctl restart switchboard-server
  served=
  for _ in $(seq 100); do
    in_ct switchboard-cli --no-tls --timeout 2000 ping --count 1 >/dev/null 2>&1 && { served=1; break; }
    sleep 0.2
  done
  [ -n "$served" ] || fail "no plaintext ping after the restart"
  cli --no-tls --user installtest send lobby "hello to tshark" || fail "send without TLS"
  in_ct systemctl stop switchboard-server
  types=$(in_ct tshark -r /var/lib/switchboard/test.pcapng -d tcp.port==5151,switchboard -Y switchboard \
    -T fields -e switchboard.type 2>"$work/tshark.err" | tr '\n' ' ')
  echo "tshark: $types"
  grep -q 'chat.send' <<<"$types" || { cat "$work/tshark.err"; fail "tshark did not decode chat.send with the installed dissector"; }
fi
echo "OK"
