#!/usr/bin/env python3
"""ctest script_cli_password: how switchboard-cli takes a password.

usage: cli_password.py SERVER_BINARY CLI_BINARY
At a terminal (a pseudo-terminal here) --password-stdin asks "Password: " and the typed password
never appears on the screen; with no password given at all it asks too; --password-file reads the
first line of a file. Each way then logs in against a real server (plaintext, loopback).
"""
import os
import pty
import re
import select
import subprocess
import sys
import tempfile
import time

PASSWORD = "s3cret-Typed-1"


def run_in_pty(argv, typed, env):
    """Runs argv with a pseudo-terminal as stdin/stdout/stderr; types `typed` once it prompts."""
    master, slave = pty.openpty()
    proc = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, env=env, close_fds=True)
    os.close(slave)
    screen = b""
    sent = False
    deadline = time.time() + 30
    while time.time() < deadline:
        ready, _, _ = select.select([master], [], [], 0.2)
        if ready:
            try:
                chunk = os.read(master, 4096)
            except OSError:
                chunk = b""
            if not chunk:
                break
            screen += chunk
        if not sent and b"assword" in screen:
            os.write(master, (typed + "\n").encode())
            sent = True
        if proc.poll() is not None and not ready:
            break
    proc.wait(timeout=10)
    os.close(master)
    return proc.returncode, screen.decode(errors="replace")


def main(server_bin, cli_bin):
    failures = []
    with tempfile.TemporaryDirectory(prefix="sb-clipw-") as data:
        server = subprocess.Popen([server_bin, "--listen", "127.0.0.1:0", "--data", data, "--no-tls"],
                                  stdout=subprocess.PIPE, text=True)
        try:
            m = re.fullmatch(r"listening on tcp://(127\.0\.0\.1:\d+)", server.stdout.readline().strip())
            if not m:
                print("FAIL: the server did not start", file=sys.stderr)
                return 1
            endpoint = m.group(1)
            env = dict(os.environ, HOME=data)
            env.pop("SWITCHBOARD_PASSWORD", None)
            base = [cli_bin, "--no-tls", "--server", endpoint, "--user", "alice"]

            code, screen = run_in_pty(base + ["--password-stdin", "register"], PASSWORD, env)
            print("pty (--password-stdin):", repr(screen))
            if code != 0:
                failures.append(f"register with --password-stdin at a terminal exited {code}")
            if "Password:" not in screen:
                failures.append("no 'Password:' prompt at a terminal")
            if PASSWORD in screen:
                failures.append("the typed password was echoed")

            code, screen = run_in_pty(base + ["send", "lobby", "hello"], PASSWORD, env)
            print("pty (no password given):", repr(screen))
            if code != 0 or "Password for alice:" not in screen or PASSWORD in screen:
                failures.append(f"asking at a terminal without a password source failed (exit {code})")

            code, screen = run_in_pty(base + ["--password-stdin", "send", "lobby", "hello"], "wrong-password-9", env)
            if code == 0:
                failures.append("a wrong password typed at the terminal was accepted")

            pwfile = os.path.join(data, "pw")
            with open(pwfile, "w") as f:
                f.write(PASSWORD + "\n")
            done = subprocess.run(base + ["--password-file", pwfile, "send", "lobby", "hello"], env=env,
                                  stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=30)
            if done.returncode != 0:
                failures.append(f"--password-file exited {done.returncode}: {done.stderr.strip()}")
            done = subprocess.run(base + ["--password-file", os.path.join(data, "missing"), "send", "lobby", "hello"], env=env,
                                  stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=30)
            if done.returncode != 2 or "missing" not in done.stderr:
                failures.append(f"a missing --password-file gave exit {done.returncode}: {done.stderr.strip()}")
        finally:
            server.terminate()
            server.wait(timeout=10)
    for f in failures:
        print("FAIL:", f, file=sys.stderr)
    if not failures:
        print("OK")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
