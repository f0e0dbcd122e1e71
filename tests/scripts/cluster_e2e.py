#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""ctest script_cluster_e2e: a real three-node cluster, PostgreSQL + Redis, through switchboard-cli.

Run by scripts/cluster-demo.sh --exec (which starts a private PostgreSQL, a private Redis and
three nodes on loopback, and describes them in SB_* variables). Checks:
  - accounts made on one node log in on the others (one database);
  - a message sent through node 1 reaches a listener on node 2 and one on node 3 exactly once,
    in the same order for both;
  - history (search) reads the same from every node;
  - a file uploaded through node 1 downloads byte-identical through nodes 2 and 3, by its id, for
    its owner and for a member of the room connected to another node;
  - a user on node 3 is listed in the room from node 1, and no longer within the presence expiry
    after node 3 is killed with SIGKILL;
  - a listener given node 3 then node 2 moves to node 2 when node 3 dies and misses nothing.
"""
import hashlib
import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time

NODES = os.environ["SB_NODES"].split()
PIDS = [int(p) for p in os.environ["SB_NODE_PIDS"].split()]
CLI = os.environ["SB_CLI"]
FINGERPRINT = os.environ["SB_FINGERPRINT"]
PASSWORD = "Cluster-Test-pw-1"
PRESENCE_EXPIRY_S = 20  # generous: the nodes' expiry is 4 s

failures = []


def check(cond, what):
    print(("ok   " if cond else "FAIL ") + what, flush=True)
    if not cond:
        failures.append(what)


HOME = tempfile.mkdtemp(prefix="sb-cluster-e2e-")
ENV = dict(os.environ, HOME=HOME, SWITCHBOARD_PASSWORD=PASSWORD, LC_ALL="C.UTF-8")


def cli_args(servers, user, *args):
    return [CLI, "--server", ",".join(servers), "--user", user, "--fingerprint", FINGERPRINT,
            "--json", "--timeout", "10000", *args]


def cli(servers, user, *args, timeout=30):
    p = subprocess.run(cli_args(servers, user, *args), env=ENV, capture_output=True, text=True,
                       timeout=timeout)
    lines = []
    for line in p.stdout.splitlines():
        try:
            lines.append(json.loads(line))
        except ValueError:
            pass
    return p.returncode, lines, p.stderr


class Listener:
    """switchboard-cli listen ROOM --count N in the background; ready once it says it listens."""

    def __init__(self, servers, user, room, count):
        self.proc = subprocess.Popen(cli_args(servers, user, "listen", room, "--count", str(count)),
                                     env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        self.messages = []
        self.notices = []
        self.ready = threading.Event()
        threading.Thread(target=self._out, daemon=True).start()
        threading.Thread(target=self._err, daemon=True).start()

    def _out(self):
        for line in self.proc.stdout:
            try:
                self.messages.append(json.loads(line))
            except ValueError:
                pass

    def _err(self):
        for line in self.proc.stderr:
            self.notices.append(line.rstrip())
            if '"listening"' in line:
                self.ready.set()

    def wait(self, timeout):
        try:
            self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        time.sleep(0.1)  # let the reader threads drain the pipes
        return self.proc.returncode


def texts(messages):
    return [m.get("text") for m in messages]


def members(node, user, room):
    rc, lines, _ = cli([node], user, "room", "members", room)
    for line in lines:
        if line.get("type") == "room.members":
            return set(line.get("members", []))
    return None


def main():
    n1, n2, n3 = NODES
    for user, node in (("alice", n1), ("bob", n2), ("carol", n3)):
        rc, _, err = cli([node], user, "register")
        check(rc == 0, f"register {user} through {node}: {err.strip()[-200:]}")
    rc, _, err = cli([n3], "alice", "ping", "--count", "1")
    check(rc == 0, "alice (made through node 1) logs in on node 3: " + err.strip()[-200:])

    # One message path: sent on node 1, received on nodes 2 and 3, once each, same order.
    room = "e2e"
    sent = [f"m{i} 例 {time.time_ns()}" for i in range(20)]
    bob = Listener([n2], "bob", room, len(sent))
    carol = Listener([n3], "carol", room, len(sent))
    check(bob.ready.wait(20) and carol.ready.wait(20), "listeners on nodes 2 and 3 are ready")
    rc, lines, err = cli([n1], "alice", "send", room, *sent)
    check(rc == 0, "alice sends 20 messages through node 1: " + err.strip()[-200:])
    acked = [line.get("msg") for line in lines if line.get("type") == "sent"]
    bob.wait(30)
    carol.wait(30)
    check(texts(bob.messages) == sent, f"bob on node 2 got each message once, in order ({len(bob.messages)})")
    check(texts(carol.messages) == sent, f"carol on node 3 got each message once, in order ({len(carol.messages)})")
    ids_b = [m.get("msg") for m in bob.messages]
    check(ids_b == sorted(ids_b) and len(set(ids_b)) == len(ids_b), "message ids unique and increasing")
    check([m.get("msg") for m in carol.messages] == ids_b, "both nodes delivered the same ids in the same order")
    if acked:
        check(acked == ids_b, "the ids alice was acknowledged are the ids delivered")

    # History is the same from every node.
    results = []
    for node in NODES:
        rc, lines, _ = cli([node], "bob", "search", room, "例", "--limit", "100")
        results.append(sorted(line["msg"] for line in lines if line.get("type") == "chat.message"))
    check(results[0] == results[1] == results[2] and len(results[0]) == len(sent),
          f"search from each node finds the same {len(sent)} messages ({[len(r) for r in results]})")

    # A file through node 1, by id through nodes 2 and 3.
    data = os.urandom(3 * 1024 * 1024 + 17)
    src = os.path.join(HOME, "upload.bin")
    with open(src, "wb") as f:
        f.write(data)
    rc, lines, err = cli([n1], "alice", "upload", src, "--room", room, timeout=60)
    ids = [line.get("file") for line in lines if line.get("type") == "uploaded"]
    check(rc == 0 and ids and ids[0], f"upload through node 1 prints the file id: {lines} {err.strip()[-200:]}")
    if ids and ids[0]:
        # A room's file is for the room's members (PROTOCOL.md 8): its owner, and bob while he is
        # in the room on node 2 — downloading through node 3, which knows him only through Redis.
        member = Listener([n2], "bob", room, 1000)
        check(member.ready.wait(20), "bob is in the room on node 2")
        for node, user in ((n2, "alice"), (n3, "alice"), (n3, "bob")):
            out = os.path.join(HOME, f"down-{user}-{node.replace(':', '_')}.bin")
            rc, _, err = cli([node], user, "download", str(ids[0]), "-o", out, timeout=60)
            same = rc == 0 and os.path.exists(out) and \
                hashlib.sha256(open(out, "rb").read()).digest() == hashlib.sha256(data).digest()
            check(same, f"{user} downloads the file byte-identical through {node}: {err.strip()[-200:]}")
        member.proc.kill()

    # Presence follows a node killed with SIGKILL; a listener given node 3 then node 2 moves.
    stay = Listener([n3], "carol", "presence", 1000)
    moving = Listener([n3, n2], "bob", "presence", 2)
    check(stay.ready.wait(20) and moving.ready.wait(20), "carol and bob listen on node 3")
    check("carol" in (members(n1, "alice", "presence") or set()), "node 1 lists carol (on node 3) in the room")
    rc, _, _ = cli([n1], "alice", "send", "presence", "before")
    os.kill(PIDS[2], signal.SIGKILL)
    t0 = time.time()
    gone = False
    while time.time() - t0 < PRESENCE_EXPIRY_S:
        m = members(n1, "alice", "presence")
        if m is not None and "carol" not in m:
            gone = True
            break
        time.sleep(0.5)
    check(gone, f"carol leaves node 1's member list within {PRESENCE_EXPIRY_S} s of node 3's SIGKILL "
                f"({time.time() - t0:.1f} s)")
    rc, _, _ = cli([n1], "alice", "send", "presence", "after")
    moving.wait(30)
    check(texts(moving.messages) == ["before", "after"],
          f"bob's listener failed over to node 2 and missed nothing: {texts(moving.messages)} {moving.notices[-3:]}")
    stay.proc.kill()

    print(f"{len(failures)} failure(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
