#!/usr/bin/env python3
"""The SSH front door against OpenSSH's sshd (issue 18), side by side in one run.

    python3 Benchmarks/frontdoor.py BIN [--sessions 200]

BIN is the release `intersession`. The script makes a database with the sample meeting
published and N delegates with accounts, starts `intersession serve` and a real sshd (Debian's
openssh-server, as this user, on a loopback port, `ForceCommand BIN sign-in`, key login), both on
127.0.0.1, and measures with SSH clients (`--client`, below):

- login time (connect, authenticate, session open, first frame): ours with the one-time token as
  the password (the yescrypt hash included; the hash alone is timed too), sshd with a key;
- memory per open session (PSS of the processes the server has for it: sshd's per-connection
  processes plus `sign-in`, against our child plus the server's growth);
- CPU of all server-side processes while N sessions sit idle for 10 s;
- keystroke → changed frame (first output byte after a key) with 1, 50 and N sessions typing
  at once (5 keys a second each), median and p99.

`--client asyncssh` (the default) drives every session from asyncssh in this one Python process;
`--client openssh` runs one OpenSSH `ssh` per session on a pseudo-terminal of its own (the
password through SSH_ASKPASS), so the SSH work on the client side is done in C, as a delegate's
own client does it, and this process only writes keys and reads frames.

Prints a Markdown table; the shell wrapper writes it to Benchmarks/results/frontdoor-DATE.md.
"""
import argparse
import asyncio
import csv
import fcntl
import os
import shutil
import signal
import socket
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time

import asyncssh

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
parser = argparse.ArgumentParser()
parser.add_argument("bin")
parser.add_argument("--sessions", type=int, default=200)
parser.add_argument("--client", choices=["asyncssh", "openssh"], default="asyncssh")
parser.add_argument("--perf", help="record `perf record -a -g` into this file while all sessions type (ours)")
args = parser.parse_args()
BIN, N = os.path.abspath(args.bin), args.sessions
TMP = tempfile.mkdtemp(prefix="frontdoor-bench-")
DB = os.path.join(TMP, "bench.sqlite")
ENV = dict(os.environ, INTERSESSION_DB=DB, LC_ALL="C.UTF-8", INTERSESSION_NOW="2021-06-22T10:30Z",
           HOME=TMP, INTERSESSION_HOST_KEY=os.path.join(TMP, "host_key"))


def run(*argv, **kw):
    r = subprocess.run(argv, env=ENV, capture_output=True, text=True, **kw)
    if r.returncode != 0:
        raise SystemExit(f"{' '.join(argv)}: {r.stderr.strip()}")
    return r


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def pss(pid):
    """Proportional set size of a process in KiB (0 when it has gone)."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def anonymous(pid):
    """Anonymous memory (heap, stacks) of a process in KiB: what it allocated, not the binary's
    pages, which count as shared once the sessions map the same file."""
    total = 0
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Anonymous:"):
                    total += int(line.split()[1])
    except OSError:
        pass
    return total


def descendants(pid):
    """Every process below `pid` (children of any of its threads)."""
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        kids = []
        try:
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as f:
                    kids += [int(k) for k in f.read().split()]
        except OSError:
            pass
        out += kids
        todo += kids
    return out


def cpu_seconds(pids):
    tick = os.sysconf("SC_CLK_TCK")
    total = 0
    for p in pids:
        try:
            with open(f"/proc/{p}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])
        except OSError:
            pass
    return total / tick


def setup():
    run(BIN, "meeting", "import", os.path.join(ROOT, "Agendas/kp-2021-intersessional.yaml"))
    run(BIN, "programme", "import", os.path.join(ROOT, "Agendas/kp-2021-intersessional.programme.yaml"))
    run(BIN, "publish")
    rows = subprocess.run([sys.executable, os.path.join(ROOT, "Benchmarks/generate_delegates_csv.py"), str(N)],
                          check=True, capture_output=True, text=True).stdout
    path = os.path.join(TMP, "delegates.csv")
    with open(path, "w") as f:
        f.write(rows)
    run(BIN, "delegates", "import", path)
    run(BIN, "delegates", "approve", *[str(i) for i in range(1, N + 1)])
    tokens = os.path.join(TMP, "tokens.csv")
    run(BIN, "accounts", "issue", "--out", tokens, *[str(i) for i in range(1, N + 1)])
    with open(tokens) as f:
        reader = csv.reader(f)
        header = next(reader)
        u, t = header.index("username"), header.index("token")
        return [(r[u], r[t]) for r in reader]


def start_ours():
    port = free_port()
    log = open(os.path.join(TMP, "serve.log"), "w")
    p = subprocess.Popen([BIN, "serve", "--listen", f"127.0.0.1:{port}", "--max-connections-per-address",
                          str(N + 50), "--max-sessions", str(N + 50), "--idle-timeout", "0"],
                         env=ENV, stdout=log, stderr=subprocess.STDOUT)
    deadline = time.time() + 30
    while time.time() < deadline:
        if "listening on" in open(log.name).read():
            return p, port
        time.sleep(0.05)
    raise SystemExit("intersession serve did not start")


def start_sshd():
    port = free_port()
    d = os.path.join(TMP, "sshd")
    os.makedirs(d)
    run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", os.path.join(d, "host"))
    run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", os.path.join(d, "client"))
    shutil.copy(os.path.join(d, "client.pub"), os.path.join(d, "authorized_keys"))
    os.chmod(os.path.join(d, "authorized_keys"), 0o600)
    config = os.path.join(d, "sshd_config")
    user = os.environ.get("USER") or subprocess.run(["id", "-un"], capture_output=True, text=True).stdout.strip()
    with open(config, "w") as f:
        f.write(f"""Port {port}
ListenAddress 127.0.0.1
HostKey {d}/host
PidFile {d}/sshd.pid
AuthorizedKeysFile {d}/authorized_keys
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
PermitRootLogin prohibit-password
StrictModes no
MaxStartups 200:30:400
MaxSessions 10
AllowUsers {user}
SetEnv INTERSESSION_DB={DB} INTERSESSION_NOW=2021-06-22T10:30Z LC_ALL=C.UTF-8 HOME={TMP}
ForceCommand {BIN} sign-in
""")
    os.makedirs("/run/sshd", exist_ok=True)
    p = subprocess.Popen(["/usr/sbin/sshd", "-D", "-e", "-f", config], stdout=subprocess.DEVNULL,
                         stderr=open(os.path.join(d, "sshd.log"), "w"))
    time.sleep(0.5)
    return p, port, user, os.path.join(d, "client")


class Session:
    """One interactive session with a pseudo-terminal, its output timed."""

    def __init__(self):
        self.last_output = 0.0
        self.event = asyncio.Event()
        self.process = None
        self.connection = None

    async def open(self, port, user, password=None, key=None, waiting_for=b"\x1b"):
        t0 = time.perf_counter()
        self.connection = await asyncssh.connect(
            "127.0.0.1", port, username=user, password=password, client_keys=[key] if key else None,
            known_hosts=None, agent_path=None, preferred_auth="password" if password else "publickey")
        self.process = await self.connection.create_process(term_type="xterm-256color", term_size=(100, 30),
                                                              encoding=None)
        asyncio.get_running_loop().create_task(self.read())
        await asyncio.wait_for(self.event.wait(), 20)
        first = self.last_output - t0  # the first frame starts
        await self.wait_quiet()
        return first

    async def read(self):
        try:
            while True:
                data = await self.process.stdout.read(65536)
                if not data:
                    return
                self.last_output = time.perf_counter()
                self.event.set()
        except Exception:
            return

    async def wait_quiet(self, first=False, quiet=0.3, limit=20):
        """Until output has come and then stopped for `quiet` seconds."""
        deadline = time.perf_counter() + limit
        if first:
            await asyncio.wait_for(self.event.wait(), limit)
        while time.perf_counter() < deadline and time.perf_counter() - self.last_output < quiet:
            await asyncio.sleep(0.05)

    async def key(self, ch):
        """Seconds from sending `ch` to the first output after it."""
        self.event.clear()
        t0 = time.perf_counter()
        self.process.stdin.write(ch)
        await asyncio.wait_for(self.event.wait(), 10)
        return self.last_output - t0

    def close(self):
        if self.connection:
            self.connection.close()


ASKPASS = os.path.join(TMP, "askpass")


class OpenSSHSession(Session):
    """One session through OpenSSH's own client, `ssh -tt`, on a pseudo-terminal of 100×30; the
    harness writes keys to the terminal and times the first byte of the frame that comes back."""

    def __init__(self):
        super().__init__()
        self.fd = None

    async def open(self, port, user, password=None, key=None, waiting_for=b"\x1b"):
        if not os.path.exists(ASKPASS):
            with open(ASKPASS, "w") as f:
                f.write('#!/bin/sh\nprintf "%s\\n" "$BENCH_PASSWORD"\n')
            os.chmod(ASKPASS, 0o700)
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
        argv = ["ssh", "-F", "/dev/null", "-tt", "-e", "none", "-p", str(port),
                "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR",
                "-o", "NumberOfPasswordPrompts=1"]
        if password:
            argv += ["-o", "PreferredAuthentications=password", "-o", "PubkeyAuthentication=no"]
        else:
            argv += ["-o", "PreferredAuthentications=publickey", "-o", "IdentitiesOnly=yes", "-i", key]
        env = dict(os.environ, TERM="xterm-256color", SSH_ASKPASS=ASKPASS, SSH_ASKPASS_REQUIRE="force",
                   BENCH_PASSWORD=password or "", DISPLAY=":0")
        t0 = time.perf_counter()
        self.process = subprocess.Popen(argv + [f"{user}@127.0.0.1"], stdin=slave, stdout=slave, stderr=slave,
                                        env=env, start_new_session=True, close_fds=True)
        os.close(slave)
        self.fd = master
        os.set_blocking(master, False)
        asyncio.get_running_loop().add_reader(master, self.readable)
        await asyncio.wait_for(self.event.wait(), 20)
        first = self.last_output - t0
        await self.wait_quiet()
        return first

    def readable(self):
        try:
            data = os.read(self.fd, 65536)
        except BlockingIOError:
            return
        except OSError:
            data = b""
        if not data:
            asyncio.get_running_loop().remove_reader(self.fd)
            return
        self.last_output = time.perf_counter()
        self.event.set()

    async def key(self, ch):
        self.event.clear()
        t0 = time.perf_counter()
        os.write(self.fd, ch)
        await asyncio.wait_for(self.event.wait(), 10)
        return self.last_output - t0

    def close(self):
        if self.fd is not None:
            try:
                asyncio.get_running_loop().remove_reader(self.fd)
            except Exception:
                pass
            os.close(self.fd)
            self.fd = None
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(5)
            except subprocess.TimeoutExpired:
                self.process.kill()


CLIENT = Session if args.client == "asyncssh" else OpenSSHSession


async def open_many(n, opener, parallel=8):
    gate = asyncio.Semaphore(parallel)

    async def one(i):
        async with gate:
            s = CLIENT()
            await opener(s, i)
            return s
    return await asyncio.gather(*[one(i) for i in range(n)])


async def typing(sessions, seconds=6, rate=5):
    """Every session types `rate` keys a second, a letter then Backspace (each changes the field
    shown, which never fills up); the latencies of all keys."""
    out = []

    async def typist(s, offset):
        await asyncio.sleep(offset)
        end = time.perf_counter() + seconds
        n = 0
        while time.perf_counter() < end:
            n += 1
            try:
                out.append(await s.key(b"x" if n % 2 else b"\x7f"))
            except asyncio.TimeoutError:
                out.append(10.0)
            await asyncio.sleep(1 / rate)
    await asyncio.gather(*[typist(s, i / len(sessions) / rate) for i, s in enumerate(sessions)])
    return out


def pct(values, q):
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))]


async def measure(name, server_pid, opener, rows):
    # Login time: 10 logins one after the other.
    logins = []
    for i in range(10):
        s = CLIENT()
        logins.append(await opener(s, i))
        s.close()
        await asyncio.sleep(0.2)
    rows.append((name, "login (median of 10), ms", f"{statistics.median(logins) * 1000:.0f}"))
    server_before = anonymous(server_pid)
    sessions = await open_many(N, opener)
    await asyncio.sleep(2)
    pids = [server_pid] + descendants(server_pid)
    # The processes each session has (ours: its child; sshd: its per-connection processes and
    # sign-in); the listening process itself is reported apart (ours holds the SSH state too).
    per_session = sum(pss(p) for p in pids[1:]) / N
    rows.append((name, f"memory per open session (PSS of its processes, {N} open), KiB", f"{per_session:.0f}"))
    grown = (anonymous(server_pid) - server_before) / N
    rows.append((name, f"listening process: anonymous memory added per open session, KiB", f"{grown:.0f}"))
    c0 = cpu_seconds(pids)
    await asyncio.sleep(10)
    c1 = cpu_seconds([server_pid] + descendants(server_pid))
    rows.append((name, f"CPU while {N} sessions sit idle, % of one core", f"{(c1 - c0) / 10 * 100:.1f}"))
    for k in [1, 50, N]:
        pids = [server_pid] + descendants(server_pid)
        c0, t0 = cpu_seconds(pids), time.perf_counter()
        recorder = None
        if args.perf and k == N and name == "intersession serve":
            recorder = subprocess.Popen(["perf", "record", "-a", "-g", "-o", args.perf, "--", "sleep", "5"],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        lat = await typing(sessions[:k])
        if recorder:
            recorder.wait()
        c1 = cpu_seconds([p for p in pids if os.path.exists(f"/proc/{p}")])
        rows.append((name, f"keystroke → frame, {k} typing: median / p99, ms",
                     f"{statistics.median(lat) * 1000:.1f} / {pct(lat, 0.99) * 1000:.1f}"))
        rows.append((name, f"CPU of the server's processes while {k} type, % of one core",
                     f"{(c1 - c0) / (time.perf_counter() - t0) * 100:.0f}"))
    for s in sessions:
        s.close()
    await asyncio.sleep(1)


async def main():
    accounts = setup()
    rows = []
    hash_ms = subprocess.run([BIN.replace("/intersession", "/intersession-benchmarks"), "signin"],
                             capture_output=True, text=True).stdout if os.path.exists(
        BIN.replace("/intersession", "/intersession-benchmarks")) else ""
    ours, port = start_ours()
    sshd, sshd_port, user, key = start_sshd()
    try:
        async def our_open(s, i):
            # The one-time token is the password; the session opens on choosing a password.
            return await s.open(port, accounts[i % len(accounts)][0], password=accounts[i % len(accounts)][1])

        async def sshd_open(s, i):
            return await s.open(sshd_port, user, key=key)

        await measure("intersession serve", ours.pid, our_open, rows)
        await measure("sshd + sign-in", sshd.pid, sshd_open, rows)
    finally:
        for p in (ours, sshd):
            p.send_signal(signal.SIGTERM)
            try:
                p.wait(10)
            except subprocess.TimeoutExpired:
                p.kill()
    print(f"Front door benchmark, {time.strftime('%Y-%m-%d', time.gmtime())}, {os.cpu_count()} cores, "
          f"{N} sessions, clients: "
          f"{'asyncssh ' + asyncssh.__version__ if args.client == 'asyncssh' else 'OpenSSH ssh, one process each'}\n")
    print("| server | measure | value |\n| --- | --- | --- |")
    for r in rows:
        print(f"| {r[0]} | {r[1]} | {r[2]} |")
    if hash_ms:
        print("\nThe sign-in benchmark of the same build (the hash's own time):\n")
        print(hash_ms)
    shutil.rmtree(TMP, ignore_errors=True)


asyncio.run(main())
