#!/usr/bin/env python3
"""ctest driver for script_pyclient.

usage: run_pyclient.py SERVER_BINARY PYCLIENT
Starts the server on 127.0.0.1 port 0 with a temporary data directory, reads the port from its
"listening on tcp://HOST:PORT" line, runs the client against it, then stops the server with
SIGTERM and checks that it exits 0. The exit status is non-zero if anything failed.
"""
import os
import re
import subprocess
import sys
import tempfile
import threading

TIMEOUT = 30


def main(server_bin, client):
    with tempfile.TemporaryDirectory(prefix="sb-pyclient-") as data:
        server = subprocess.Popen([server_bin, "--listen", "127.0.0.1:0", "--data", data],
                                  stdout=subprocess.PIPE, text=True)
        try:
            # Read the first stdout line in a thread so a server that never prints cannot hang us.
            first = []
            reader = threading.Thread(target=lambda: first.append(server.stdout.readline()), daemon=True)
            reader.start()
            reader.join(TIMEOUT)
            line = first[0].strip() if first else ""
            print(f"server: {line}")
            m = re.fullmatch(r"listening on tcp://127\.0\.0\.1:(\d+)", line)
            if not m:
                print("FAIL: no 'listening on' line from the server", file=sys.stderr)
                return 1
            result = subprocess.run([sys.executable, client, "127.0.0.1", m.group(1)], timeout=TIMEOUT)
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
    if len(sys.argv) != 3 or not os.access(sys.argv[1], os.X_OK):
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    sys.exit(main(sys.argv[1], sys.argv[2]))
