#!/usr/bin/env python3
"""The terminal UI in a pseudo-terminal: start to first frame, and bytes written per keystroke.

    python3 Benchmarks/tui_terminal.py BIN DB USERNAME TOKEN

BIN is the release `intersession`, DB a database holding the sample meeting, its programme and
a delegate whose one-time token is TOKEN. Prints a Markdown table (medians of the runs).
"""
import fcntl
import os
import pty
import select
import statistics
import struct
import sys
import termios
import time

BIN, DB, USER, TOKEN = sys.argv[1:5]
ENV = dict(os.environ, TERM="xterm-256color", LANG="C.UTF-8", INTERSESSION_DB=DB, INTERSESSION_NOW="2021-06-22T10:30Z")


def start():
    pid, fd = pty.fork()
    if pid == 0:
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
        os.execve(BIN, [BIN, "sign-in"], ENV)
    return pid, fd


def read_until(fd, text, timeout=10.0):
    buf, end = b"", time.monotonic() + timeout
    while time.monotonic() < end:
        r, _, _ = select.select([fd], [], [], 0.05)
        if r:
            try:
                buf += os.read(fd, 65536)
            except OSError:
                break
            if text.encode() in buf:
                return buf
    raise SystemExit(f"never saw {text!r}")


def drain(fd, quiet=0.08):
    """Bytes the app writes until it has been quiet for `quiet` seconds."""
    n = 0
    while True:
        r, _, _ = select.select([fd], [], [], quiet)
        if not r:
            return n
        try:
            n += len(os.read(fd, 65536))
        except OSError:            # the program has exited and closed the terminal
            return n


firsts = []
for run in range(5):
    t0 = time.monotonic()
    pid, fd = start()
    read_until(fd, "Username")
    firsts.append((time.monotonic() - t0) * 1000)
    os.write(fd, b"\x1b")           # Esc quits the sign-in form
    drain(fd)
    os.waitpid(pid, 0)

pid, fd = start()
read_until(fd, "Username")
os.write(fd, USER.encode() + b"\r" + TOKEN.encode() + b"\r")
read_until(fd, "Choose your password")
os.write(fd, b"correct horse battery\rcorrect horse battery\r")
read_until(fd, "sessions")
drain(fd, 0.3)
rows = []
for name, key, count in [("j (cursor down, my schedule)", b"j", 12), ("z (zone: host, UTC, prompt, Esc)", b"z", 3), ("3 / 1 (world clock and back)", None, 10)]:
    sizes = []
    for i in range(count):
        k = key if key else (b"3" if i % 2 == 0 else b"1")
        os.write(fd, k)
        sizes.append(drain(fd))
    if key == b"z":
        os.write(fd, b"\x1b")
        drain(fd)
    rows.append((name, count, statistics.median(sizes), max(sizes)))
full = drain(fd, 0.05)
os.write(fd, b"q")
drain(fd)
os.waitpid(pid, 0)

print("| terminal UI in a pty, 100×30 | runs | median | max |")
print("|---|---:|---:|---:|")
print(f"| start to first frame (sign-in form drawn) | {len(firsts)} | {statistics.median(firsts):.0f} ms | {max(firsts):.0f} ms |")
for name, count, med, mx in rows:
    print(f"| bytes written per keystroke: {name} | {count} | {med:.0f} B | {mx} B |")
