#!/usr/bin/env python3
"""The sticky-packet lesson, run for real: the tutorials' naive upload server behind
`switchboard-cli proxy --split 1` breaks the way the tutorials describe, a length-prefixed server
that loops on recv() keeps working behind the same proxy, and the proxy's capture decodes.

usage: proxy_sticky.py SWITCHBOARD_CLI
Exit status 0 when every check holds.
"""
import json
import os
import re
import socket
import struct
import subprocess
import sys
import tempfile
import threading


def fail(msg):
    print("FAIL:", msg, file=sys.stderr)
    sys.exit(1)


def naive_server(listener, result):
    """The tutorials' server: recv(4) for the length, recv(num) for the head, then the file."""
    conn, _ = listener.accept()
    try:
        num = struct.unpack('i', conn.recv(4))[0]
        head = json.loads(conn.recv(num).decode())
        received = b""
        while len(received) < head["filesize"]:
            received += conn.recv(1024)
        result["ok"] = (head, received)
    except Exception as e:  # the lesson: what a learner sees
        result["error"] = f"{type(e).__name__}: {e}"
    finally:
        conn.close()


def recv_exactly(conn, n):
    data = b""
    while len(data) < n:
        chunk = conn.recv(n - len(data))
        if not chunk:
            raise ConnectionError(f"connection closed after {len(data)} of {n} bytes")
        data += chunk
    return data


def robust_server(listener, result):
    """The same protocol read with a loop: every recv() may return fewer bytes than asked for."""
    conn, _ = listener.accept()
    try:
        num = struct.unpack('<i', recv_exactly(conn, 4))[0]
        head = json.loads(recv_exactly(conn, num).decode())
        body = recv_exactly(conn, head["filesize"])
        conn.sendall(b"ok %d\n" % len(body))
        result["ok"] = (head, body)
    except Exception as e:
        result["error"] = f"{type(e).__name__}: {e}"
    finally:
        conn.close()


def upload(port, name, body):
    s = socket.create_connection(("127.0.0.1", port), timeout=30)
    head = json.dumps({"filename": name, "filesize": len(body)}, ensure_ascii=False).encode()
    s.sendall(struct.pack('i', len(head)))
    s.sendall(head)
    s.sendall(body)
    s.shutdown(socket.SHUT_WR)
    reply = b""
    try:
        while True:
            d = s.recv(100)
            if not d:
                break
            reply += d
    except OSError:
        pass
    s.close()
    return reply


def run_behind_proxy(cli, server_fn, extra, capture=None):
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    target = listener.getsockname()[1]
    result = {}
    t = threading.Thread(target=server_fn, args=(listener, result), daemon=True)
    t.start()
    args = [cli, "proxy", "--listen", "127.0.0.1:0", "--to", f"127.0.0.1:{target}", "--connections", "1"] + extra
    if capture:
        args += ["--capture", capture]
    proxy = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        first = proxy.stdout.readline()
        m = re.search(r"listening on 127\.0\.0\.1:(\d+)", first)
        if not m:
            fail(f"proxy printed {first!r}; stderr: {proxy.stderr.read()}")
        reply = upload(int(m.group(1)), "例.txt", b"0123456789" * 10)
        t.join(30)
        line = proxy.stdout.readline()
        proxy.wait(30)
    finally:
        if proxy.poll() is None:
            proxy.kill()
            proxy.wait()
        listener.close()
    return result, reply, line


def main(cli):
    # Behind --split 1 every recv() returns one byte: recv(4) gets b'\x0b' and struct.unpack fails.
    result, _, line = run_behind_proxy(cli, naive_server, ["--up-split", "1"])
    if "error" not in result:
        fail(f"the naive server survived --split 1: {result}")
    if "unpack requires a buffer of 4 bytes" not in result["error"]:
        fail(f"the naive server failed otherwise than the tutorials describe: {result['error']}")
    print("naive server behind --split 1:", result["error"])
    if "up " not in line:
        fail(f"no connection line from the proxy: {line!r}")

    with tempfile.TemporaryDirectory(prefix="sb-proxy-") as tmp:
        capture = os.path.join(tmp, "split.pcapng")
        result, reply, line = run_behind_proxy(cli, robust_server, ["--split", "1", "--split-delay", "0"], capture)
        if "ok" not in result:
            fail(f"the length-prefixed server failed behind --split 1: {result}")
        head, body = result["ok"]
        if head != {"filename": "例.txt", "filesize": 100} or body != b"0123456789" * 10:
            fail(f"the length-prefixed server got {result['ok']!r}")
        if reply != b"ok 100\n":
            fail(f"the client got {reply!r}")
        # One write per byte each way ("100 + 4 + head" up, 7 down) and FIN passed both ways.
        m = re.search(r"up (\d+) bytes \(\d+ reads from the client, (\d+) writes", line)
        if not m or m.group(1) != m.group(2) or "FIN passed both ways" not in line:
            fail(f"proxy line {line!r}")
        print("length-prefixed server behind --split 1: ok;", line.strip())

        # The proxy's own capture decodes under the tutorial framing.
        out = subprocess.run([cli, "decode", capture, "--stream", "0", "--framing", "tutorial", "--json"],
                             capture_output=True, text=True, timeout=60)
        lines = [json.loads(l) for l in out.stdout.splitlines()]
        heads = [l["head"] for l in lines if "head" in l]
        if heads != [{"filename": "例.txt", "filesize": 100}]:
            fail(f"decode printed {out.stdout!r} {out.stderr!r}")
        if "例" not in out.stdout:
            fail("decode escaped the non-ASCII name")
        print("decode of the proxy's capture:", heads)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    main(sys.argv[1])
