#!/usr/bin/env python3
"""Tutorial mode's login-then-upload, HMAC legitimacy check and remote-command flows, driven by
client code written the tutorials' way (socket, struct, json, hmac, hashlib).

usage: tutorial_flows.py SERVER_BINARY
Server A (no join key): accounts made with `user add` and `user import` (a tutorials' userinfo
file) log in with {"operate": "login", ...} and upload; wrong passwords get {"flag": false} and a
closed connection, and repeated failures lock the account for that address; allowed commands run
and answer struct.pack('i') + output, anything else (shell metacharacters, extra arguments) goes
to the robot and runs nothing; a `sleep` is killed at the time limit.
Server B (--join-key): HMAC-MD5 and HMAC-SHA256 of the 32-byte challenge get b'legal', then the
other flows; a wrong key is closed. Exit status 0 on success.
"""
import hashlib
import hmac
import json
import os
import re
import socket
import struct
import subprocess
import sys
import tempfile
import threading
import time

HOST = "127.0.0.1"


def fail(msg):
    print("FAIL:", msg, file=sys.stderr)
    sys.exit(1)


def check(cond, msg):
    if not cond:
        fail(msg)


def get_md5(usr, pwd):
    # The tutorials' credential: md5(user + password), as stored in their userinfo file.
    md5 = hashlib.md5(usr.encode('utf-8'))
    md5.update(pwd.encode('utf-8'))
    return md5.hexdigest()


def start_server(server_bin, data, extra, log_path):
    log = open(log_path, "w")
    server = subprocess.Popen([server_bin, "--listen", "127.0.0.1:0", "--no-tls", "--no-announce",
                               "--tutorial", "127.0.0.1:0", "--data", data] + extra,
                              stdout=subprocess.PIPE, stderr=log, text=True)
    lines = []

    def read():
        for line in server.stdout:
            lines.append(line)
            if "tutorial protocols" in line:
                return

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    reader.join(30)
    m = re.search(r"tutorial protocols on tcp://127\.0\.0\.1:(\d+)", "".join(lines))
    if not m:
        server.kill()
        fail(f"no tutorial line in {lines!r}")
    return server, int(m.group(1))


def stop_server(server):
    server.terminate()
    try:
        server.wait(10)
    except subprocess.TimeoutExpired:
        server.kill()


def recv_all_until_closed(sk):
    data = b''
    while True:
        try:
            part = sk.recv(1024)
        except ConnectionResetError:
            return data
        if not part:
            return data
        data += part


def upload(sk, file_path):
    # The tutorial client's upload(): struct.pack('i') + JSON head, then the file in 2048-byte pieces.
    filename = os.path.basename(file_path)
    filesize = os.path.getsize(file_path)
    dic = {'filename': filename, 'filesize': filesize}
    bytes_dic = json.dumps(dic).encode('utf-8')
    len_bytes = struct.pack('i', len(bytes_dic))
    sk.send(len_bytes)
    sk.send(bytes_dic)
    with open(file_path, 'rb') as f:
        while filesize > 2048:
            content = f.read(2048)
            sk.send(content)
            filesize -= 2048
        else:
            content = f.read()
            sk.send(content)


def login_then_upload(port, usr, pwd, file_path):
    """The tutorial's login client; returns (raw answer, what followed)."""
    dic = {'operate': 'login', 'user': usr, 'passwd': pwd}
    bytes_dic = json.dumps(dic).encode('utf-8')
    sk = socket.socket()
    sk.settimeout(20)
    sk.connect((HOST, port))
    sk.send(bytes_dic)
    res = sk.recv(1024)
    dic = json.loads(res.decode('utf-8'))
    if dic['flag']:
        upload(sk, file_path)
        after = sk.recv(1024)  # Switchboard's "ok <size>\n" (the tutorial's client does not read it)
    else:
        after = recv_all_until_closed(sk)  # the tutorial's server closes after a failed login
    sk.close()
    return res, after


def run_command(sk, cmd):
    """The tutorial's remote-command client: send, recv(4), struct.unpack('i'), then that many bytes."""
    sk.send(cmd.encode('utf-8'))
    l = sk.recv(4)
    while len(l) < 4:
        more = sk.recv(4 - len(l))
        check(more, f"connection closed after {l!r} for {cmd!r}")
        l += more
    x = struct.unpack('i', l)[0]
    r_s = 0
    data = b''
    while r_s < x:
        r_d = sk.recv(1024)
        check(r_d, f"connection closed after {r_s} of {x} bytes for {cmd!r}")
        data += r_d
        r_s += len(r_d)
    return data


def flows_without_key(server_bin, tmp):
    data = os.path.join(tmp, "a")
    os.mkdir(data)
    add = subprocess.run([server_bin, "--data", data, "user", "add", "alice"], input="alice-pw\n",
                         text=True, capture_output=True, timeout=60)
    check(add.returncode == 0, f"user add: {add.stderr}")
    add = subprocess.run([server_bin, "--data", data, "user", "add", "dave"], input="dave-pw\n",
                         text=True, capture_output=True, timeout=60)
    check(add.returncode == 0, f"user add: {add.stderr}")
    userinfo = os.path.join(tmp, "userinfo")
    with open(userinfo, "w", encoding="utf-8") as f:
        f.write("bob|%s\n" % get_md5("bob", "bob-pw"))
    imp = subprocess.run([server_bin, "--data", data, "user", "import", userinfo], text=True,
                         capture_output=True, timeout=60)
    check(imp.returncode == 0, f"user import: {imp.stderr}")

    marker = os.path.join(tmp, "marker")
    log_path = os.path.join(tmp, "a.log")
    server, port = start_server(server_bin, data, [
        "--allow-command", "hello=echo hello from echo",
        "--allow-command", "err=ls /no-such-dir-for-switchboard",
        "--allow-command", "mark=touch " + marker,
        "--allow-command", "nap=sleep 60",
        "--command-timeout", "1500",
    ], log_path)
    try:
        content = bytes((i * 13) & 0xFF for i in range(100000))
        file_path = os.path.join(tmp, "report.bin")
        with open(file_path, "wb") as f:
            f.write(content)

        # Login then upload: an account from `user add` and one imported from userinfo.
        for usr, pwd in (("alice", "alice-pw"), ("bob", "bob-pw")):
            res, after = login_then_upload(port, usr, pwd, file_path)
            check(res == b'{"flag": true}', f"{usr}: login answer {res!r}")
            check(after == b"ok %d\n" % len(content), f"{usr}: upload answer {after!r}")
            res, after = login_then_upload(port, usr, pwd + "x", file_path)
            check(res == b'{"flag": false}' and after == b'', f"{usr} wrong password: {res!r} then {after!r}")
        res, after = login_then_upload(port, "nobody", "pw", file_path)
        check(res == b'{"flag": false}', f"unknown user: {res!r}")
        stored = sorted(os.listdir(os.path.join(data, "tutorial-uploads")))
        check(stored == ["report (1).bin", "report.bin"], f"stored {stored!r}")
        for name in stored:
            with open(os.path.join(data, "tutorial-uploads", name), "rb") as f:
                check(f.read() == content, f"{name} differs")
        print("login then upload: alice (user add) and bob (userinfo import) ok, wrong passwords refused")

        # The login throttle counts these logins too: five failures lock dave for this address,
        # and then even the right password is refused.
        for _ in range(5):
            res, _after = login_then_upload(port, "dave", "guess", file_path)
            check(res == b'{"flag": false}', f"dave guess: {res!r}")
        res, _after = login_then_upload(port, "dave", "dave-pw", file_path)
        check(res == b'{"flag": false}', f"dave after lockout: {res!r}")
        print("login throttle: locked after 5 failures")

        # Remote commands: only a text equal to an allowed NAME runs, answered struct.pack('i') + output.
        sk = socket.socket()
        sk.settimeout(20)
        sk.connect((HOST, port))
        out = run_command(sk, "hello")
        check(out == b"hello from echo\n", f"hello: {out!r}")
        out = run_command(sk, "err")  # the tutorial's server sends stderr when there is any
        check(b"no-such-dir-for-switchboard" in out, f"err: {out!r}")
        for text in ("mark extra-arg", "mark; touch %s" % marker, "$(touch %s)" % marker, "`touch %s`" % marker,
                     "ls; rm -rf /", "mark && id", "mark|id", "MARK", " mark extra"):
            sk.send(text.encode('utf-8'))
            reply = sk.recv(1024)
            check(len(reply) >= 4 and struct.unpack('i', reply[:4])[0] != len(reply) - 4,
                  f"{text!r} was answered like a command: {reply!r}")
            reply.decode('utf-8')  # the robot's text
        check(not os.path.exists(marker), "a refused text ran a program")
        out = run_command(sk, "mark")
        check(out == b"" and os.path.exists(marker), f"mark did not run: {out!r}")
        print("commands: allowed ones run, metacharacters and extra arguments go to the robot")

        # The time limit kills a sleep; the answer says so.
        started = time.monotonic()
        out = run_command(sk, "nap")
        took = time.monotonic() - started
        check(b"killed" in out and b"time limit" in out, f"nap: {out!r}")
        check(took < 15, f"nap took {took:.1f} s")
        out = run_command(sk, "hello")  # the connection goes on
        check(out == b"hello from echo\n", f"hello after nap: {out!r}")
        sk.close()
        print(f"time limit: sleep killed after {took:.1f} s")
    finally:
        stop_server(server)
    with open(log_path, encoding="utf-8") as f:
        log = f.read()
    check(re.search(r"runs hello=echo hello from echo", log), "command run not logged")
    check(re.search(r"'s nap: killed: time limit of 1500 ms", log), "kill not logged")
    check("failed login for alice" in log and "locked" in log, "login failures not logged")


def flows_with_key(server_bin, tmp):
    data = os.path.join(tmp, "b")
    os.mkdir(data)
    key_file = os.path.join(tmp, "join.key")
    with open(key_file, "wb") as f:
        f.write(b"secretkey\n")  # one trailing newline is not part of the key
    secret_key = b'secretkey'
    log_path = os.path.join(tmp, "b.log")
    server, port = start_server(server_bin, data, ["--join-key", key_file,
                                                   "--allow-command", "hello=echo hello from echo"], log_path)
    try:
        # The tutorial's client: Python 2's hmac.new(key, msg) is HMAC-MD5 (Python 3 names it).
        for digestmod in (hashlib.md5, hashlib.sha256):
            sk = socket.socket()
            sk.settimeout(20)
            sk.connect((HOST, port))
            msg = sk.recv(1024)
            while len(msg) < 32:
                msg += sk.recv(1024)
            check(len(msg) == 32, f"challenge of {len(msg)} bytes")
            h = hmac.new(secret_key, msg, digestmod)
            digest = h.digest()
            sk.send(digest)
            is_legal = sk.recv(1024)
            check(is_legal == b'legal', f"{digestmod.__name__}: {is_legal!r}")
            sk.send('你好'.encode('utf-8'))
            check("robot" in sk.recv(1024).decode('utf-8'), "no robot after legal")
            check(run_command(sk, "hello") == b"hello from echo\n", "no command after legal")
            sk.close()
        # A wrong key: closed without an answer.
        sk = socket.socket()
        sk.settimeout(20)
        sk.connect((HOST, port))
        msg = sk.recv(1024)
        while len(msg) < 32:
            msg += sk.recv(1024)
        sk.send(hmac.new(b'alex sb', msg, hashlib.md5).digest() + hmac.new(b'alex sb', msg, hashlib.md5).digest())
        check(recv_all_until_closed(sk) == b'', "a wrong key was answered")
        sk.close()
        print("join key: HMAC-MD5 and HMAC-SHA256 legal, then the robot and commands; a wrong key closed")
    finally:
        stop_server(server)
    with open(log_path, encoding="utf-8") as f:
        log = f.read()
    check("passed the join check (HMAC-MD5)" in log and "passed the join check (HMAC-SHA256)" in log,
          "accepted joins not logged")
    check("failed the join check" in log and "1 refused so far" in log, "refused join not logged")


def main(server_bin):
    with tempfile.TemporaryDirectory(prefix="sb-tutorial-flows-") as tmp:
        flows_without_key(server_bin, tmp)
        flows_with_key(server_bin, tmp)
    print("all tutorial flows worked")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
