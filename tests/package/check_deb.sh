#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Builds the .deb from a finished build folder and checks it as a packager and a new user would:
# control fields and Depends, every file in place, lintian without errors, desktop entry and
# metainfo valid, and the programs run from an unpacked root: --version/--help without a
# display, a server that serves a CLI ping and writes a capture that tshark decodes with the
# packaged dissector and no -X option.
# usage: check_deb.sh BUILD_DIR
set -euo pipefail
# Never "cmd | grep -q" in this script: with pipefail, grep's early exit can kill cmd with SIGPIPE
# and fail the pipeline at random; grep -q PATTERN <<<"$(cmd)" instead.
build=$(cd "$1" && pwd)
work=$(mktemp -d)
server_pid=
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
need() { command -v "$1" >/dev/null || fail "$1 is not installed (scripts/setup-debian.sh installs it)"; }
for t in cpack dpkg-deb lintian desktop-file-validate appstreamcli tshark systemd-analyze; do need "$t"; done

(cd "$build" && cpack -G DEB -B "$work/out" >"$work/cpack.log" 2>&1) || { cat "$work/cpack.log"; fail "cpack"; }
deb=$(ls "$work"/out/switchboard_*.deb)
multiarch=$(gcc -print-multiarch 2>/dev/null || echo x86_64-linux-gnu)
echo "package: $(basename "$deb") ($(du -h "$deb" | cut -f1))"

depends=$(dpkg-deb -f "$deb" Depends)
echo "Depends: $depends"
for d in libqt6core6 libqt6network6 libqt6widgets6 libqt6sql6 libqt6sql6-sqlite libc6; do
  grep -qE "(^|, )$d( |,|$)" <<<"$depends" || fail "Depends lacks $d"
done

dpkg-deb -c "$deb" | awk '{print $6}' | sed 's|^\./|/|' >"$work/files"
for f in /usr/bin/switchboard /usr/bin/switchboard-server /usr/bin/switchboard-cli \
         /usr/share/applications/org.switchboard.Switchboard.desktop \
         /usr/share/metainfo/org.switchboard.Switchboard.metainfo.xml \
         /usr/share/icons/hicolor/scalable/apps/org.switchboard.Switchboard.svg \
         /usr/share/icons/hicolor/48x48/apps/org.switchboard.Switchboard.png \
         /usr/share/icons/hicolor/256x256/apps/org.switchboard.Switchboard.png \
         /usr/share/man/man1/switchboard.1.gz /usr/share/man/man1/switchboard-server.1.gz /usr/share/man/man1/switchboard-cli.1.gz \
         /usr/share/bash-completion/completions/switchboard-cli \
         /usr/lib/$multiarch/wireshark/plugins/switchboard.lua \
         /usr/lib/$multiarch/switchboard/libswitchboard-net.so /usr/lib/$multiarch/switchboard/libswitchboard-widgets.so \
         /usr/lib/$multiarch/switchboard/libswitchboard-commands.so \
         /usr/lib/systemd/system/switchboard-server.service /etc/switchboard/server.conf \
         /usr/share/doc/switchboard/copyright /usr/share/doc/switchboard/changelog.gz \
         /usr/share/doc/switchboard/user-guide.html; do
  grep -qxF "$f" "$work/files" || fail "$f is not in the package"
done
grep -qx /etc/switchboard/server.conf <<<"$(dpkg-deb --ctrl-tarfile "$deb" | tar -xO ./conffiles)" || fail "server.conf is not a conffile"

lintian --tag-display-limit 0 "$deb" >"$work/lintian.log" 2>&1 || true
cat "$work/lintian.log"
if grep -q '^E:' "$work/lintian.log"; then fail "lintian reports errors"; fi

root=$work/root
dpkg-deb -x "$deb" "$root"
kind=$(file "$root/usr/bin/switchboard-server")
grep -q 'stripped' <<<"$kind" && ! grep -q 'not stripped' <<<"$kind" \
  || fail "binaries are not stripped"
desktop-file-validate "$root/usr/share/applications/org.switchboard.Switchboard.desktop"
appstreamcli validate --no-net "$root/usr/share/metainfo/org.switchboard.Switchboard.metainfo.xml"
bash -n "$root/usr/share/bash-completion/completions/switchboard-cli"
# The unit's hardening, as systemd scores it (0 = fully confined, 10 = exposed).
exposure=$(systemd-analyze security --offline=yes "$root/usr/lib/systemd/system/switchboard-server.service" 2>&1 \
  | sed -n 's/.*Overall exposure level for [^:]*: \([0-9.]*\).*/\1/p')
echo "systemd exposure level: $exposure"
awk -v e="$exposure" 'BEGIN { exit !(e != "" && e <= 2.0) }' || fail "the unit's exposure level is ${exposure:-unknown} (want <= 2.0)"

grep -q '^switchboard-server ' <<<"$("$root/usr/bin/switchboard-server" --version)" || fail "server --version"
grep -q 'Usage:' <<<"$("$root/usr/bin/switchboard-cli" --help)" || fail "cli --help"
grep -q 'Usage:' <<<"$(env -u DISPLAY -u WAYLAND_DISPLAY -u QT_QPA_PLATFORM "$root/usr/bin/switchboard" --help)" \
  || fail "switchboard --help without a display"
grep -q '^switchboard ' <<<"$(env -u DISPLAY -u WAYLAND_DISPLAY -u QT_QPA_PLATFORM "$root/usr/bin/switchboard" --version)" \
  || fail "switchboard --version without a display"

# A configuration file as the unit uses it, a capture, one CLI session.
cat >"$work/server.conf" <<CONF
listen = 127.0.0.1:0
no-tls
CONF
"$root/usr/bin/switchboard-server" --config "$work/server.conf" --data "$work/data" --capture "$work/c.pcapng" \
  >"$work/server.out" 2>"$work/server.err" &
server_pid=$!
for _ in $(seq 100); do grep -q '^listening on' "$work/server.out" && break; sleep 0.1; done
endpoint=$(sed -n 's|^listening on tcp://||p' "$work/server.out" | head -1)
[ -n "$endpoint" ] || { cat "$work/server.err"; fail "the packaged server did not start"; }
cli_tls=(--no-tls) # plaintext, so tshark can read the capture's frames
SWITCHBOARD_PASSWORD=pw-pw-pw-1 HOME=$work "$root/usr/bin/switchboard-cli" "${cli_tls[@]}" --server "$endpoint" --user pkgtest register \
  || fail "register through the packaged CLI"
SWITCHBOARD_PASSWORD=pw-pw-pw-1 HOME=$work "$root/usr/bin/switchboard-cli" "${cli_tls[@]}" --server "$endpoint" --user pkgtest send lobby "hello from the package" \
  || fail "send through the packaged CLI"
kill -TERM "$server_pid"; wait "$server_pid" || true; server_pid=

# tshark loads the user's Lua plugins from ~/.local/lib/wireshark/plugins: put the packaged
# dissector there (as the GUI's Help menu does) under a scratch HOME and decode without -X.
mkdir -p "$work/.local/lib/wireshark/plugins"
cp "$root/usr/lib/$multiarch/wireshark/plugins/switchboard.lua" "$work/.local/lib/wireshark/plugins/"
port=${endpoint##*:}
types=$(HOME=$work tshark -r "$work/c.pcapng" -d "tcp.port==$port,switchboard" -Y switchboard -T fields -e switchboard.type 2>"$work/tshark.err" | tr '\n' ' ')
echo "tshark: $types"
grep -q 'chat.send' <<<"$types" || { cat "$work/tshark.err"; fail "tshark did not decode chat.send with the packaged dissector"; }
echo "OK"
