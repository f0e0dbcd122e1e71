#!/usr/bin/env python3
"""The socket tutorials' own client code, run against switchboard-server --tutorial.

usage: tutorial_clients.py SERVER_BINARY
Starts the server with --tutorial 127.0.0.1:0, then runs the tutorials' three kinds of client:
a TCP chat (send text, recv the answer, 'q' to end), a TCP file upload (struct.pack('i') length,
a JSON head with filename/filesize, then the bytes) and a UDP client (sendto, recvfrom the
upper-case echo). Checks what the server answered and what it stored. Exit status 0 on success.
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


def main(server_bin):
    with tempfile.TemporaryDirectory(prefix="sb-tutorial-") as data:
        server = subprocess.Popen([server_bin, "--listen", "127.0.0.1:0", "--tutorial", "127.0.0.1:0", "--data", data],
                                  stdout=subprocess.PIPE, text=True)
        try:
            lines = []
            reader = threading.Thread(target=lambda: lines.extend([server.stdout.readline(), server.stdout.readline()]),
                                      daemon=True)
            reader.start()
            reader.join(30)
            m = re.search(r"tutorial protocols on tcp://127\.0\.0\.1:(\d+)", "".join(lines))
            if not m:
                fail(f"no tutorial line in {lines!r}")
            port = int(m.group(1))

            # 1. TCP chat, as in the tutorials' robot client.
            sk = socket.socket()
            sk.settimeout(10)
            sk.connect(("127.0.0.1", port))
            sk.send("你好".encode("utf-8"))
            answer = sk.recv(1024).decode("utf-8")
            print("robot:", answer)
            if "robot" not in answer:
                fail("the robot did not greet: " + answer)
            sk.send(b"time")
            answer = sk.recv(1024).decode("utf-8")
            if not re.search(r"\d\d:\d\d:\d\d", answer):
                fail("no time in " + answer)
            sk.send(b"q")
            if sk.recv(1024) != b"q":
                fail("'q' was not echoed before closing")
            sk.close()

            # 2. TCP upload with the tutorials' struct + JSON head ("sticky packet" fix).
            content = bytes((i * 7) & 0xFF for i in range(200000))
            head = {"filepath": "C:\\Users\\yg\\Desktop", "filename": "../02 基于udp的socket服务.mp4", "filesize": len(content)}
            head_bytes = json.dumps(head).encode("utf-8")
            sk = socket.socket()
            sk.settimeout(10)
            sk.connect(("127.0.0.1", port))
            sk.send(struct.pack("i", len(head_bytes)))
            sk.send(head_bytes)
            for i in range(0, len(content), 2048):
                sk.send(content[i:i + 2048])
            reply = sk.recv(1024)
            sk.close()
            if not reply.startswith(b"ok %d" % len(content)):
                fail(f"upload reply {reply!r}")
            stored = os.path.join(data, "tutorial-uploads")
            names = os.listdir(stored)
            print("stored:", names)
            if len(names) != 1 or ".." in names[0] or "/" in names[0] or names[0].endswith(".part"):
                fail(f"unexpected stored names {names!r}")
            with open(os.path.join(stored, names[0]), "rb") as f:
                if f.read() != content:
                    fail("stored file differs")

            # 3. UDP, as in the tutorials' echo client.
            udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
            udp.settimeout(10)
            udp.sendto("hello udp".encode("utf-8"), ("127.0.0.1", port))
            back, addr = udp.recvfrom(1024)
            if back != b"HELLO UDP":
                fail(f"udp echo {back!r}")
            udp.close()
            print("all tutorial clients worked")
        finally:
            server.terminate()
            try:
                server.wait(10)
            except subprocess.TimeoutExpired:
                server.kill()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
