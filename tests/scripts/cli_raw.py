#!/usr/bin/env python3
"""ctest script_cli_raw: switchboard-cli raw against nc-like peers written with Python's socket.

usage: cli_raw.py CLI_BINARY
- raw tcp: a TCP server that answers each read upper-cased; text, hex and GBK payloads, --hex-out,
  --json, --stdin, and a peer that closes (the CLI exits at once).
- raw udp: a UDP server that answers each datagram upper-cased.
- raw tcp --listen --echo and raw udp --listen --echo: a Python client gets its bytes back.
- bad usage exits 2, a closed port exits 3, and every run ends by itself (--wait).
Loopback only.
"""
import json
import socket
import subprocess
import sys
import threading
import time

CLI = sys.argv[1]
FAILURES = []


def check(cond, what):
    if not cond:
        FAILURES.append(what)
        print("FAIL:", what, flush=True)
    else:
        print("ok:", what, flush=True)


def cli(*args, stdin=None, timeout=20):
    started = time.time()
    p = subprocess.run([CLI, "raw", *args], input=stdin, capture_output=True, timeout=timeout)
    return p.returncode, p.stdout, p.stderr, time.time() - started


def tcp_upper_server(close_after=None):
    """Listens on an ephemeral loopback port; answers each read upper-cased. Returns (port, reads)."""
    srv = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    srv.bind(("127.0.0.1", 0))
    srv.listen(5)
    reads = []

    def serve():
        while True:
            try:
                conn, _ = srv.accept()
            except OSError:
                return
            with conn:
                while True:
                    data = conn.recv(65536)
                    if not data:
                        break
                    reads.append(data)
                    conn.sendall(data.upper())
                    if close_after is not None and len(reads) >= close_after:
                        break

    threading.Thread(target=serve, daemon=True).start()
    return srv, srv.getsockname()[1], reads


def udp_upper_server():
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind(("127.0.0.1", 0))
    got = []

    def serve():
        while True:
            try:
                data, addr = s.recvfrom(65536)
            except OSError:
                return
            got.append(data)
            s.sendto(data.upper(), addr)

    threading.Thread(target=serve, daemon=True).start()
    return s, s.getsockname()[1], got


def free_port(kind):
    s = socket.socket(socket.AF_INET, kind)
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


# --- raw tcp as a client ---
srv, port, reads = tcp_upper_server()
rc, out, err, took = cli("tcp", f"127.0.0.1:{port}", "--text", "hello raw\\n", "--wait", "500")
check(rc == 0, f"raw tcp --text exits 0 (got {rc}, {err!r})")
check(out == b"HELLO RAW\n", f"raw tcp prints the answer as text (got {out!r})")
check(reads and reads[-1] == b"hello raw\n", "the peer read the text with the escape expanded")
check(took < 10, "raw tcp ends by itself after --wait")

rc, out, err, _ = cli("tcp", f"127.0.0.1:{port}", "--hex", "01 02 ff 61", "--wait", "500")
check(rc == 0 and reads[-1] == b"\x01\x02\xffa", f"raw tcp --hex sends the bytes (got {reads[-1]!r})")
check(out.strip() == b"01 02 ff 41", f"an answer that is not UTF-8 is printed in hex (got {out!r})")

rc, out, err, _ = cli("tcp", f"127.0.0.1:{port}", "--text", "abc", "--hex-out", "--wait", "500")
check(out.strip() == b"41 42 43", f"--hex-out prints hex (got {out!r})")

rc, out, err, _ = cli("tcp", f"127.0.0.1:{port}", "--text", "\u4f60\u597d ok", "--encoding", "gbk", "--wait", "500")
check(reads[-1] == "\u4f60\u597d ok".encode("gbk"), f"--encoding gbk sends GBK bytes (got {reads[-1]!r})")
check(out.decode("utf-8") == "\u4f60\u597d OK", f"and decodes the GBK answer (got {out!r})")

rc, out, err, _ = cli("tcp", f"127.0.0.1:{port}", "--stdin", "--json", "--wait", "500", stdin=b"from\x00stdin")
check(reads[-1] == b"from\x00stdin", "--stdin sends standard input byte for byte")
lines = [json.loads(l) for l in out.decode().splitlines()]
check([l["dir"] for l in lines] == ["out", "in"], f"--json prints what went out and came in (got {lines})")
check(lines and lines[-1]["hex"] == "46 52 4f 4d 00 53 54 44 49 4e" and lines[-1]["size"] == 10
      and lines[-1]["peer"] == f"127.0.0.1:{port}", "the JSON line has hex, size and peer")
srv.close()

# A peer that closes after answering: the CLI exits without waiting.
srv, port, reads = tcp_upper_server(close_after=1)
rc, out, err, took = cli("tcp", f"127.0.0.1:{port}", "--text", "bye", "--wait", "15000")
check(rc == 0 and out == b"BYE" and took < 10, f"the peer closing ends raw tcp (rc {rc}, {out!r}, {took:.1f}s)")
srv.close()

rc, out, err, _ = cli("tcp", f"127.0.0.1:{free_port(socket.SOCK_STREAM)}", "--text", "x")
check(rc == 3 and b"Cannot connect" in err, f"a closed port exits 3 (got {rc}, {err!r})")

# --- raw udp as a client ---
usrv, uport, got = udp_upper_server()
rc, out, err, took = cli("udp", f"127.0.0.1:{uport}", "--text", "datagram", "--wait", "500")
check(rc == 0 and got == [b"datagram"], f"raw udp sends one datagram (got {got!r})")
check(out == b"DATAGRAM", f"raw udp prints the answer (got {out!r})")
usrv.close()

# --- listening ---
port = free_port(socket.SOCK_STREAM)
p = subprocess.Popen([CLI, "raw", "tcp", f"127.0.0.1:{port}", "--listen", "--echo", "--wait", "1500"],
                     stdout=subprocess.PIPE, stderr=subprocess.PIPE)
answer = b""
for _ in range(100):
    try:
        c = socket.create_connection(("127.0.0.1", port), timeout=5)
        break
    except OSError:
        time.sleep(0.05)
else:
    c = None
check(c is not None, "raw tcp --listen accepts a connection")
if c:
    c.sendall(b"echo me")
    while len(answer) < 7:
        data = c.recv(100)
        if not data:
            break
        answer += data
    c.close()
check(answer == b"echo me", f"--echo sends back what arrives (got {answer!r})")
out, err = p.communicate(timeout=20)
check(p.returncode == 0 and out == b"echo me", f"--listen prints what arrived and exits after --wait ({out!r}, {err!r})")

uport = free_port(socket.SOCK_DGRAM)
p = subprocess.Popen([CLI, "raw", "udp", f"127.0.0.1:{uport}", "--listen", "--echo", "--json", "--wait", "1500"],
                     stdout=subprocess.PIPE, stderr=subprocess.PIPE)
# Wait for it to bind (it says so on stderr).
line = p.stderr.readline()
check(b"Bound to" in line, f"raw udp --listen says where it is bound ({line!r})")
u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
u.settimeout(5)
u.sendto(b"ping", ("127.0.0.1", uport))
try:
    reply, _ = u.recvfrom(100)
except OSError:
    reply = b""
check(reply == b"ping", f"raw udp --listen --echo answers (got {reply!r})")
out, _ = p.communicate(timeout=20)
events = [json.loads(l) for l in out.decode().splitlines()]
check([e["dir"] for e in events] == ["in", "out"] and events[0].get("text") == "ping",
      f"its JSON shows the datagram in and the echo out ({events})")

# --- usage ---
rc, _, err, _ = cli("tcp", "127.0.0.1:1", "--hex", "0g")
check(rc == 2 and b"hex digit" in err, f"bad hex exits 2 ({err!r})")
rc, _, err, _ = cli("sctp", "127.0.0.1:1", "--text", "x")
check(rc == 2, "an unknown transport exits 2")
rc, _, err, _ = cli("tcp", "127.0.0.1:1", "--text", "x", "--hex", "00")
check(rc == 2, "two payloads exit 2")
rc, _, err, _ = cli("udp", "127.0.0.1:1")
check(rc == 2, "raw udp without a payload exits 2")

if FAILURES:
    print(f"{len(FAILURES)} check(s) failed")
    sys.exit(1)
print("all checks passed")
