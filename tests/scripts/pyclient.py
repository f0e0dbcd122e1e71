#!/usr/bin/env python3
"""Minimal Switchboard client written from docs/PROTOCOL.md only (sections 1-5). usage: pyclient.py HOST PORT
Says hello, pings (alone and coalesced), checks a non-fatal and a framing error; exits non-zero on a mismatch.
"""
import json
import socket
import struct
import sys

MAX_HEADER = 65536


class Mismatch(Exception):
    pass


def expect(what, got, want):
    print(f"  {what}: {got!r}")
    if got != want:
        raise Mismatch(f"{what}: expected {want!r}, got {got!r}")


def frame(header):
    h = json.dumps(header, separators=(",", ":")).encode("utf-8")
    return struct.pack(">I", len(h)) + h  # no "size" member, so no payload


class Conn:
    def __init__(self, host, port):
        self.sock = socket.create_connection((host, port), timeout=10)
        self.buf = b""  # bytes received but not yet used (sticky packets)

    def read_exact(self, n):
        while len(self.buf) < n:
            chunk = self.sock.recv(65536)
            if not chunk:
                raise Mismatch("server closed the connection unexpectedly")
            self.buf += chunk
        out, self.buf = self.buf[:n], self.buf[n:]
        return out

    def recv_frame(self):
        (n,) = struct.unpack(">I", self.read_exact(4))
        if not 1 <= n <= MAX_HEADER:  # never trust the prefix for an allocation
            raise Mismatch(f"bad header length {n}")
        header = json.loads(self.read_exact(n).decode("utf-8"))
        if not isinstance(header, dict) or not isinstance(header.get("type"), str):
            raise Mismatch(f"not a valid header: {header!r}")
        payload = self.read_exact(header["size"]) if "size" in header else b""
        return header, payload

    def closed_by_peer(self):
        return not self.buf and self.sock.recv(1) == b""


def main(host, port):
    c = Conn(host, port)
    print("hello:")
    c.sock.sendall(frame({"type": "hello", "id": 1, "versions": [1], "client": "pyclient/1"}))
    h, _ = c.recv_frame()
    expect("type", h["type"], "hello")
    expect("id", h["id"], 1)
    expect("version", h["version"], 1)
    print(f"  server: {h.get('server')!r}, limits: {h.get('limits')!r}")

    print("ping:")
    c.sock.sendall(frame({"type": "ping", "id": 2, "t": 12345}))
    h, _ = c.recv_frame()
    expect("pong", (h["type"], h["id"], h.get("t")), ("pong", 2, 12345))

    print("three pings in one write:")
    c.sock.sendall(b"".join(frame({"type": "ping", "id": i}) for i in (3, 4, 5)))
    pongs = [c.recv_frame()[0] for _ in range(3)]
    expect("pongs", [(h["type"], h["id"]) for h in pongs], [("pong", 3), ("pong", 4), ("pong", 5)])

    print("unknown type (not fatal):")
    c.sock.sendall(frame({"type": "no.such.type", "id": 6}) + frame({"type": "ping", "id": 7}))
    h, _ = c.recv_frame()
    expect("error", (h["type"], h["code"], h["id"], h.get("fatal", False)), ("error", "unknown_type", 6, False))
    expect("then pong", c.recv_frame()[0]["id"], 7)
    c.sock.close()

    print("zero length prefix (fatal framing error):")
    bad = Conn(host, port)
    bad.sock.sendall(struct.pack(">I", 0))
    h, _ = bad.recv_frame()
    expect("error", (h["type"], h["code"], h.get("fatal")), ("error", "frame_zero_length", True))
    expect("closed by server", bad.closed_by_peer(), True)
    print("OK")


if __name__ == "__main__":
    try:
        main(sys.argv[1], int(sys.argv[2]))
    except (Mismatch, OSError, ValueError, KeyError) as e:
        print(f"FAIL: {e}", file=sys.stderr)
        sys.exit(1)
