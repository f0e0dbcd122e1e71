#!/usr/bin/env python3
"""A client built from the Python snippets of docs/PROTOCOL.md, checking the document's rules
against the real server. usage: docclient.py HOST PORT [FINGERPRINT]   (run by run_pyclient.py)
With FINGERPRINT every connection uses the document's tls_wrap() and checks the server's
certificate against it (the default server speaks TLS).

The snippets (framing, SCRAM, XXH3, download) are executed from the document itself, so a
snippet that stops working fails this test. On top of them it checks, in the order the document
states them: hello limits, registration and login, what a client receives about itself (presence,
room.joined copies, the chat.message echo after chat.ack), history order, `before` and limit
clamping, the chunk-size rule, chunk errors carrying `upload`, upload resume after rejoining,
the initial download window and absolute download acks, and `created` with milliseconds.
"""
import contextlib
import io
import os
import random
import re
import sys
import tempfile

DOC = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "docs", "PROTOCOL.md")
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from doc_snippets import snippets  # noqa: E402

MIB = 1024 * 1024
FINGERPRINT = None  # the server's certificate fingerprint: connect with TLS
CREATED = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")


class Mismatch(Exception):
    pass


def expect(what, got, want):
    if got != want:
        raise Mismatch(f"{what}: expected {want!r}, got {got!r}")
    print(f"  ok: {what}")


def load_doc():
    """Every function and class the document's snippets define, in one namespace."""
    ns = {"__name__": "protocol_doc"}
    for _, code, _ in snippets(DOC):
        with contextlib.redirect_stdout(io.StringIO()):  # the snippets' own demonstrations
            exec(code, ns)
    return ns


class Peer:
    """One connection of the test, on the document's Conn."""

    def __init__(self, ns, host, port, label):
        self.ns, self.label = ns, label
        self.conn = ns["Conn"](host, port)
        if FINGERPRINT:
            self.conn.sock = ns["tls_wrap"](self.conn.sock, host, FINGERPRINT)
        self.hello = self.call({"type": "hello", "versions": [1], "client": "docclient/1"})[-1]

    def call(self, header, payload=b""):
        """Sends a request; returns the frames received up to and including its answer."""
        req = self.conn.request(header, payload)
        return self.until(lambda h: h.get("id") == req)

    def until(self, match):
        frames = []
        while True:
            h, payload = self.conn.recv()
            frames.append(h if not payload else {**h, "_payload": payload})
            if match(h):
                return frames

    def sync(self):
        """The frames the server sent before answering a ping now: what is pending for us."""
        frames = self.call({"type": "ping"})
        expect(f"{self.label}: pong closes the sync", frames[-1]["type"], "pong")
        return frames[:-1]

    def login(self, user, password, register=False):
        ns = self.ns
        if register:
            reg = ns["register_frame"](user, password, iterations=4096)
            expect(f"{self.label}: registered", self.call(reg), [{"type": "registered", "id": self.conn.last_id,
                                                                   "user": user}])
        cnonce = ns["b64"](os.urandom(18))
        first, bare = ns["client_first"](user, cnonce)
        challenge = self.call({"type": "auth.start", "mechanism": "SCRAM-SHA-256", "data": first})
        expect(f"{self.label}: challenge is the next frame", [h["type"] for h in challenge], ["auth.challenge"])
        final, expected_v = ns["client_final"](user, password, cnonce, bare, challenge[0]["data"])
        ok = self.call({"type": "auth.finish", "data": final})
        expect(f"{self.label}: auth.ok is the next frame", [h["type"] for h in ok], ["auth.ok"])
        expect(f"{self.label}: server signature", ok[0]["data"], expected_v)
        self.user = user


def drain(*peers):
    for p in peers:
        p.sync()


def types(frames):
    return [(h["type"], h.get("event"), h.get("user")) if h["type"] == "presence" else (h["type"],) for h in frames]


def check_hello(p):
    print("hello")
    h = p.hello
    limits = h["limits"]
    for key in ("maxHeader", "maxPayload", "maxText", "idleTimeout"):
        expect(f"limits.{key} is an integer", type(limits[key]), int)
    expect("maxText = min(32768, maxHeader - 1024)", limits["maxText"], max(0, min(32768, limits["maxHeader"] - 1024)))
    expect("idleTimeout in seconds (default 90)", limits["idleTimeout"], 90)
    expect("transfer.chunk between 4 KiB and 4 MiB", 4096 <= h["transfer"]["chunk"] <= 4 * MIB, True)
    expect("auth", h["auth"], ["SCRAM-SHA-256"])


def main(host, port):
    with tempfile.TemporaryDirectory(prefix="sb-docclient-") as tmp:
        run(host, port, tmp)


def run(host, port, tmp):
    ns = load_doc()
    a = Peer(ns, host, port, "alice#1")
    if FINGERPRINT:
        expect("TLS 1.2 or later", a.conn.sock.version() in ("TLSv1.2", "TLSv1.3"), True)
        try:
            ns["tls_wrap"](ns["Conn"](host, port).sock, host, "SHA256:" + "A" * 43)
            expect("a wrong fingerprint is refused", False, True)
        except ns["ssl"].SSLError:
            print("  ok: a wrong fingerprint is refused")
    check_hello(a)

    print("accounts")
    unauth = a.call({"type": "room.join", "room": "lobby"})
    expect("chat needs a login", (unauth[-1]["type"], unauth[-1]["code"]), ("error", "auth_required"))
    a.login("alice", "pw-alice", register=True)
    expect("own online after auth.ok", types(a.sync()), [("presence", "online", "alice")])
    a2 = Peer(ns, host, port, "alice#2")
    a2.login("alice", "pw-alice")
    expect("second connection of a user: no presence", types(a2.sync()), [])
    expect("nothing to the first connection either", types(a.sync()), [])

    print("rooms")
    joined = a.call({"type": "room.join", "room": "lobby", "future-member": {"ignored": True}})
    expect("join: presence join, then the reply", types(joined), [("presence", "join", "alice"), ("room.joined",)])
    copies = a2.sync()
    expect("other connection: presence join, then room.joined", types(copies),
           [("presence", "join", "alice"), ("room.joined",)])
    expect("the copy has no id", "id" in copies[-1], False)
    again = a.call({"type": "room.join", "room": "lobby"})
    expect("joining again: reply only", types(again), [("room.joined",)])
    expect("and a copy only", types(a2.sync()), [("room.joined",)])
    a.call({"type": "room.join", "room": "docs"})
    a2.sync()

    b = Peer(ns, host, port, "bob")
    b.login("bob", "pw-bob", register=True)
    expect("bob: own online", types(b.sync()), [("presence", "online", "bob")])
    expect("alice: bob online", types(a.sync()), [("presence", "online", "bob")])
    expect("alice#2: bob online", types(a2.sync()), [("presence", "online", "bob")])
    joined = b.call({"type": "room.join", "room": "docs"})
    expect("bob joins docs", types(joined), [("presence", "join", "bob"), ("room.joined",)])
    expect("members sorted, joiner included", joined[-1]["members"], ["alice", "bob"])
    expect("alice sees the join", types(a.sync()), [("presence", "join", "bob")])
    a2.sync()
    left = b.call({"type": "room.leave", "room": "docs"})
    expect("leave: only room.left to the leaver", types(left), [("room.left",)])
    expect("others: presence leave", types(a.sync()), [("presence", "leave", "bob")])
    a2.sync()
    b.call({"type": "room.join", "room": "docs"})
    drain(a, a2)
    rooms = a.call({"type": "room.list"})[-1]
    expect("room list sorted", [r["name"] for r in rooms["rooms"]], ["docs", "lobby"])
    expect("online users sorted", rooms["online"], ["alice", "bob"])

    print("chat")
    sent = a.call({"type": "chat.send", "room": "docs", "text": "hello docs", "future-member": 1}) + a.sync()
    expect("sender: chat.ack, then its own chat.message", types(sent), [("chat.ack",), ("chat.message",)])
    ack = [h for h in sent if h["type"] == "chat.ack"][0]
    expect("the echo has the ack's msg", sent[-1]["msg"], ack["msg"])
    expect("the sender's other connection gets it", [h.get("msg") for h in a2.sync()], [ack["msg"]])
    expect("members get it", [h.get("msg") for h in b.sync()], [ack["msg"]])
    private = a.call({"type": "chat.send", "to": "bob", "text": "hi bob"}) + a.sync()
    expect("private: ack, then echo", types(private), [("chat.ack",), ("chat.message",)])
    expect("private: the sender's other connection", [h.get("to") for h in a2.sync()], ["bob"])
    expect("private: the recipient", [h.get("from") for h in b.sync()], ["alice"])
    max_text = a.hello["limits"]["maxText"]
    expect("maxText bytes are accepted",
           a.call({"type": "chat.send", "room": "docs", "text": "x" * max_text})[0]["type"], "chat.ack")
    too_long = a.call({"type": "chat.send", "room": "docs", "text": "x" * (max_text + 1)})
    expect("one more is message_too_long", too_long[-1].get("code"), "message_too_long")
    expect("white space only is empty_message",
           a.call({"type": "chat.send", "room": "docs", "text": " \n "})[-1].get("code"), "empty_message")
    drain(a, a2, b)

    print("history")
    a.call({"type": "room.join", "room": "paging"})
    first_id = a.conn.last_id + 1
    a.conn.sock.sendall(b"".join(ns["encode"]({"type": "chat.send", "id": first_id + i, "room": "paging",
                                               "text": f"line {i}"}) for i in range(501)))
    a.conn.last_id = first_id + 500
    frames = a.until(lambda h: h["type"] == "chat.message" and h["text"] == "line 500")
    ids = [h["msg"] for h in frames if h["type"] == "chat.ack"]
    expect("501 messages acknowledged", len(ids), 501)
    expect("msg ids increase", ids, sorted(ids))

    def page(**members):
        reply = a.call({"type": "history", "room": "paging", **members})[-1]
        return [m["msg"] for m in reply["messages"]]

    expect("default limit 50, oldest first", page(), ids[-50:])
    expect("limit 1000 is clamped to 500", page(limit=1000), ids[-500:])
    expect("limit 0 is clamped to 1", page(limit=0), ids[-1:])
    bad = a.call({"type": "history", "room": "paging", "limit": "all"})[-1]
    expect("a limit that is not an integer is refused", (bad["type"], bad.get("code")), ("error", "bad_request"))
    expect("before is exclusive", page(before=ids[10], limit=5), ids[5:10])
    expect("nothing before the first", page(before=ids[0]), [])
    with_bob = a.call({"type": "history", "with": "bob"})[-1]["messages"]
    expect("private history", [m["text"] for m in with_bob], ["hi bob"])
    expect("room history needs membership",
           b.call({"type": "history", "room": "paging"})[-1].get("code"), "not_in_room")
    a2.sync()

    print("upload: chunk sizes, chunk errors, resume")
    content = random.Random(8).randbytes(6 * MIB + 1001)
    source = os.path.join(tmp, "source.bin")
    with open(source, "wb") as f:
        f.write(content)
    offer = {"type": "upload.offer", "name": "report.bin", "fileSize": len(content),
             "hash": ns["file_hash"](source), "room": "docs"}
    accept = a.call(offer)[-1]
    expect("accepted at 0", (accept["type"], accept["offset"]), ("upload.accept", 0))
    upload = accept["upload"]
    offset = 0
    for n in (1, 1000, 5 * MIB):  # far from the suggested chunk: any size up to maxPayload
        a.conn.send({"type": "upload.chunk", "upload": upload, "offset": offset}, content[offset:offset + n])
        offset += n
        h, _ = a.conn.recv()
        expect(f"{n}-byte chunk: ack with the absolute offset", (h["type"], h["offset"]), ("upload.ack", offset))
    a.conn.send({"type": "upload.chunk", "upload": upload, "offset": 0}, b"x")
    h, _ = a.conn.recv()
    expect("a chunk at the wrong offset", (h["type"], h["code"], h["upload"], "id" in h),
           ("error", "bad_offset", upload, False))
    a.conn.send({"type": "upload.chunk", "upload": upload, "offset": offset}, content[offset:offset + 10])
    expect("later chunks of it are dropped silently", a.sync(), [])

    for p in (a, a2):
        p.conn.sock.close()
    gone = b.until(lambda h: h["type"] == "presence" and h["event"] == "offline")
    expect("alice's last connection closed: leave, then offline", types(gone),
           [("presence", "leave", "alice"), ("presence", "offline", "alice")])
    a = Peer(ns, host, port, "alice#3")
    a.login("alice", "pw-alice")
    drain(a, b)
    refused = a.call(offer)[-1]
    expect("the same offer before rejoining", refused.get("code"), "not_in_room")
    a.call({"type": "room.join", "room": "docs"})
    b.sync()
    resumed = a.call(offer)[-1]
    expect("the same offer after rejoining resumes", (resumed["upload"], resumed["offset"]), (upload, offset))
    chunk = resumed["chunk"]
    while offset < len(content):
        a.conn.send({"type": "upload.chunk", "upload": upload, "offset": offset}, content[offset:offset + chunk])
        offset += len(content[offset:offset + chunk])
    acks = a.until(lambda h: h["type"] == "upload.ack" and h["offset"] == len(content))
    expect("acks only", {h["type"] for h in acks}, {"upload.ack"})
    done = a.call({"type": "upload.end", "upload": upload})
    expect("announcement, then upload.done", types(done), [("chat.message",), ("upload.done",)])
    file_obj = {k: v for k, v in done[-1].items() if k not in ("type", "id", "upload")}
    expect("the file message carries the file object", done[0]["file"], file_obj)
    expect("file id = upload id", file_obj["file"], upload)
    expect("created: ISO 8601 UTC with milliseconds", bool(CREATED.match(file_obj["created"])), True)
    expect("bob sees the file message", [h.get("file", {}).get("file") for h in b.sync()], [upload])
    expect("cancel of an unknown upload",
           a.call({"type": "upload.cancel", "upload": upload + 1000})[-1].get("code"), "unknown_upload")

    print("download: window and absolute acks")
    resume_at = MIB + 3
    req = b.conn.last_id + 1
    b.conn.sock.sendall(ns["encode"]({"type": "download.request", "id": req, "file": upload, "offset": resume_at})
                        + ns["encode"]({"type": "ping", "id": req + 1}))
    b.conn.last_id = req + 1
    frames = b.until(lambda h: h["type"] == "pong")[:-1]
    begin, chunks = frames[0], frames[1:]
    expect("download.begin first", (begin["type"], begin["id"], begin["offset"]), ("download.begin", req, resume_at))
    expect("download.begin: created with milliseconds", bool(CREATED.match(begin["created"])), True)
    # To the second: servers before 2026-12 round download.begin's value down to whole seconds.
    expect("download.begin: created as in upload.done", begin["created"], file_obj["created"])
    download = begin["download"]
    expect("chunks in order from the offset", [h["offset"] for h in chunks],
           [resume_at + sum(h["size"] for h in chunks[:i]) for i in range(len(chunks))])
    received = sum(h["size"] for h in chunks)
    expect("initial window: 1 MiB past the offset", received, MIB)
    expect("nothing more without an ack", b.sync(), [])
    b.conn.send({"type": "download.ack", "download": download, "offset": received})
    expect("an ack counting from the resume point is ignored", b.sync(), [])
    b.conn.send({"type": "download.ack", "download": download, "offset": resume_at + received})
    more = b.sync()
    expect("the absolute ack moves the window", (more[0]["type"], more[0]["offset"]),
           ("download.chunk", resume_at + received))
    cancelled = b.call({"type": "download.cancel", "download": download})
    expect("download.cancelled last", cancelled[-1]["type"], "download.cancelled")
    expect("only chunks before it", {h["type"] for h in cancelled[:-1]} <= {"download.chunk"}, True)
    expect("nothing after it", b.sync(), [])

    target = os.path.join(tmp, "download.bin")
    with open(target, "wb") as f:
        f.write(content[:12345])  # a partial download from an earlier run
    end_hash = ns["download"](b.conn, upload, target)
    with open(target, "rb") as f:
        expect("the document's download() resumes byte-exact", f.read() == content, True)
    expect("download.end hash = file hash", end_hash, ns["file_hash"](target))
    expect("offset beyond the file",
           b.call({"type": "download.request", "file": upload, "offset": len(content) + 1})[-1].get("code"),
           "bad_offset")
    expect("unknown file", b.call({"type": "download.request", "file": 987654})[-1].get("code"), "file_not_found")
    print("OK")


if __name__ == "__main__":
    try:
        FINGERPRINT = sys.argv[3] if len(sys.argv) > 3 else None
        main(sys.argv[1], int(sys.argv[2]))
    except (Mismatch, OSError, ValueError, KeyError, IndexError, AssertionError, RuntimeError) as e:
        print(f"FAIL: {type(e).__name__}: {e}", file=sys.stderr)
        sys.exit(1)
