#!/usr/bin/env python3
"""Where a front-door login's time goes, with and without processes started ahead (issue 18).

    python3 Benchmarks/frontdoor_login.py BIN [--rounds 12]

BIN is the release `intersession`. Two servers on 127.0.0.1, `--warm-sessions 2` and
`--warm-sessions 0`, on one database (the sample meeting published, one delegate with a one-time
token); logins alternate between them. Each login is split: connect + key exchange +
password (the yescrypt hash), the session's channel and terminal opened, and the first byte of
the first frame. Prints medians in ms.
"""
import argparse
import asyncio
import csv
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time

import asyncssh

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
parser = argparse.ArgumentParser()
parser.add_argument("bin")
parser.add_argument("--rounds", type=int, default=12)
args = parser.parse_args()
BIN = os.path.abspath(args.bin)
TMP = tempfile.mkdtemp(prefix="frontdoor-login-")
ENV = dict(os.environ, INTERSESSION_DB=os.path.join(TMP, "db.sqlite"), HOME=TMP, LC_ALL="C.UTF-8",
           INTERSESSION_NOW="2021-06-22T10:30Z", INTERSESSION_HOST_KEY=os.path.join(TMP, "host_key"))


def run(*argv):
    subprocess.run(argv, env=ENV, check=True, capture_output=True)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def setup():
    run(BIN, "meeting", "import", os.path.join(ROOT, "Agendas/kp-2021-intersessional.yaml"))
    run(BIN, "programme", "import", os.path.join(ROOT, "Agendas/kp-2021-intersessional.programme.yaml"))
    run(BIN, "publish")
    rows = subprocess.run([sys.executable, os.path.join(ROOT, "Benchmarks/generate_delegates_csv.py"), "1"],
                          check=True, capture_output=True, text=True).stdout
    with open(os.path.join(TMP, "d.csv"), "w") as f:
        f.write(rows)
    run(BIN, "delegates", "import", os.path.join(TMP, "d.csv"))
    run(BIN, "delegates", "approve", "1")
    run(BIN, "accounts", "issue", "--out", os.path.join(TMP, "t.csv"), "1")
    with open(os.path.join(TMP, "t.csv")) as f:
        r = list(csv.reader(f))
    return r[1][r[0].index("username")], r[1][r[0].index("token")]


async def login(port, user, token):
    t0 = time.perf_counter()
    c = await asyncssh.connect("127.0.0.1", port, username=user, password=token, known_hosts=None,
                               agent_path=None, preferred_auth="password")
    t1 = time.perf_counter()
    p = await c.create_process(term_type="xterm-256color", term_size=(100, 30), encoding=None)
    t2 = time.perf_counter()
    await p.stdout.read(1)
    t3 = time.perf_counter()
    c.close()
    await c.wait_closed()
    return t1 - t0, t2 - t1, t3 - t2, t3 - t0


async def main():
    user, token = setup()
    servers = {}
    for warm in ("2", "0"):
        port = free_port()
        servers[warm] = (port, subprocess.Popen(
            [BIN, "serve", "--listen", f"127.0.0.1:{port}", "--warm-sessions", warm],
            env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
    time.sleep(1.5)
    times = {"2": [], "0": []}
    try:
        for _ in range(args.rounds):
            for warm, (port, _) in servers.items():
                times[warm].append(await login(port, user, token))
                await asyncio.sleep(0.3)
    finally:
        for _, p in servers.values():
            p.terminate()
    print(f"Front-door login split, median of {args.rounds} alternating logins, ms\n")
    print("| --warm-sessions | connect + key exchange + password | channel + terminal | first byte | total |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for warm, rows in times.items():
        cols = [statistics.median(c) * 1000 for c in zip(*rows)]
        print(f"| {warm} | " + " | ".join(f"{v:.1f}" for v in cols) + " |")


asyncio.run(main())
