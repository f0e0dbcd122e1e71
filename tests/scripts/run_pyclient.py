#!/usr/bin/env python3
"""ctest driver for script_pyclient.

usage: run_pyclient.py SERVER_BINARY PYCLIENT [--tls]
Starts the server on 127.0.0.1 port 0 with a temporary data directory, reads the port from its
"listening on tcp://HOST:PORT" line, runs the client against it, then stops the server with
SIGTERM and checks that it exits 0. The exit status is non-zero if anything failed.
Without --tls the server runs with --no-tls (pyclient.py speaks plaintext); with --tls it keeps
its default TLS and the client gets the "tls fingerprint SHA256:..." it printed as third argument.
"""
import os
import re
import subprocess
import sys
import tempfile
import threading

TIMEOUT = 30


def read_line(stream):
    """The next stdout line, read in a thread so a server that never prints cannot hang us."""
    got = []
    reader = threading.Thread(target=lambda: got.append(stream.readline()), daemon=True)
    reader.start()
    reader.join(TIMEOUT)
    line = got[0].strip() if got else ""
    print(f"server: {line}")
    return line


def main(server_bin, client, tls):
    with tempfile.TemporaryDirectory(prefix="sb-pyclient-") as data:
        server = subprocess.Popen([server_bin, "--listen", "127.0.0.1:0", "--data", data] + ([] if tls else ["--no-tls"]),
                                  stdout=subprocess.PIPE, text=True)
        try:
            m = re.fullmatch(r"listening on tcp://127\.0\.0\.1:(\d+)", read_line(server.stdout))
            if not m:
                print("FAIL: no 'listening on' line from the server", file=sys.stderr)
                return 1
            args = [sys.executable, client, "127.0.0.1", m.group(1)]
            if tls:
                fp = re.fullmatch(r"tls fingerprint (SHA256:[A-Za-z0-9+/]{43})", read_line(server.stdout))
                if not fp:
                    print("FAIL: no 'tls fingerprint' line from the server", file=sys.stderr)
                    return 1
                args.append(fp.group(1))
            result = subprocess.run(args, timeout=TIMEOUT)
            if result.returncode != 0:
                print(f"FAIL: client exited with {result.returncode}", file=sys.stderr)
                return 1
        finally:
            if server.poll() is None:
                server.terminate()  # SIGTERM: the server shuts down cleanly
            try:
                code = server.wait(TIMEOUT)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
                code = "killed after timeout"
        if code != 0:
            print(f"FAIL: server exit status {code}", file=sys.stderr)
            return 1
    print("PASS")
    return 0


if __name__ == "__main__":
    if len(sys.argv) not in (3, 4) or not os.access(sys.argv[1], os.X_OK) or sys.argv[3:] not in ([], ["--tls"]):
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    sys.exit(main(sys.argv[1], sys.argv[2], sys.argv[3:] == ["--tls"]))
