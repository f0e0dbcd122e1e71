#!/usr/bin/env python3
"""Runs the Python snippets of docs/PROTOCOL.md and checks that they print what the document says.

usage: doc_snippets.py [PROTOCOL.md]

Every ```python block is run on its own with this interpreter. When the next fenced block is a
```text block and at most one line of prose ("prints:") stands between them, the snippet's
standard output must equal that block. Exits non-zero on the first difference or failure.
"""
import os
import re
import subprocess
import sys

DEFAULT_DOC = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "docs", "PROTOCOL.md")
FENCE = re.compile(r"^```(\w*)\s*$")


def blocks(lines):
    """Yields (language, first line number, text) of every fenced block, in order."""
    i = 0
    while i < len(lines):
        m = FENCE.match(lines[i])
        if not m:
            i += 1
            continue
        start = i + 1
        end = start
        while end < len(lines) and lines[end].rstrip() != "```":
            end += 1
        yield m.group(1), start + 1, end, "".join(lines[start:end])
        i = end + 1


def snippets(path):
    """(line, code, expected output or None) for every Python snippet of the document."""
    with open(path, encoding="utf-8") as f:
        lines = f.readlines()
    found = list(blocks(lines))
    out = []
    for k, (lang, line, end, text) in enumerate(found):
        if lang != "python":
            continue
        expected = None
        if k + 1 < len(found) and found[k + 1][0] == "text":
            between = [l for l in lines[end + 1:found[k + 1][1] - 2] if l.strip()]
            if len(between) <= 1:
                expected = found[k + 1][3]
        out.append((line, text, expected))
    return out


def main(path):
    failures = 0
    items = snippets(path)
    if not items:
        print(f"FAIL: no Python snippets in {path}", file=sys.stderr)
        return 1
    for line, code, expected in items:
        result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                                env={**os.environ, "PYTHONIOENCODING": "utf-8"})
        what = f"snippet at line {line}"
        if result.returncode != 0:
            print(f"FAIL: {what} exited with {result.returncode}:\n{result.stderr}", file=sys.stderr)
            failures += 1
        elif expected is not None and result.stdout != expected:
            print(f"FAIL: {what} printed\n{result.stdout}instead of\n{expected}", file=sys.stderr)
            failures += 1
        else:
            print(f"ok: {what}" + (" (output checked)" if expected is not None else " (runs)"))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else DEFAULT_DOC))
