#!/usr/bin/python3
"""The outbox end to end (issue 20): `intersession` hands its messages to msmtp (Debian), which
relays them to an SMTP sink on 127.0.0.1 (aiosmtpd, Debian's python3-aiosmtpd); the sink and
Python's email parser say what arrived. Account letters, change notices, a failing transport
then a good one, and a send killed with SIGKILL then run again.
Usage: outbox_smtp.py INTERSESSION REPO   (prints the problems, then "N problems")"""
import email
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from email import policy

from aiosmtpd.controller import Controller

binary, repo = sys.argv[1], sys.argv[2]
problems = []
received = []


class Sink:
    async def handle_DATA(self, server, session, envelope):
        received.append((list(envelope.rcpt_tos), envelope.content))
        return "250 OK"


with socket.socket() as s:
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
controller = Controller(Sink(), hostname="127.0.0.1", port=port)
controller.start()
work = tempfile.mkdtemp()
conf = os.path.join(work, "msmtprc")
with open(conf, "w") as f:
    f.write(f"defaults\nauth off\ntls off\naccount default\nhost 127.0.0.1\nport {port}\nfrom asm@kp.example.org\n")
os.chmod(conf, 0o600)
msmtp = f"sendmail:/usr/bin/msmtp -C {conf} -t -i"
env = dict(os.environ, INTERSESSION_DB=os.path.join(work, "i.sqlite"), HOME=work, LC_ALL="C.UTF-8",
           INTERSESSION_MAIL_FROM="KP ASM <asm@kp.example.org>", INTERSESSION_SSH_HOST="kp.example.org:2222",
           XDG_DATA_HOME=os.path.join(work, "data"))


def run(*args, check=True):
    r = subprocess.run([binary, *args], env=env, capture_output=True, text=True, cwd=repo, timeout=120)
    if check and r.returncode != 0:
        problems.append(f"{' '.join(args)}: exit {r.returncode}: {r.stderr.strip()}")
    return r


def publish_moving_s03(to):
    src = open(os.path.join(repo, "Agendas/kp-2021-intersessional.programme.yaml")).read()
    moved = src.replace('{session: S03, start: "2021-06-22 13:00"', '{session: S03, start: "%s"' % to)
    path = os.path.join(work, "p.yaml")
    open(path, "w").write(moved)
    run("programme", "import", path)
    run("publish")


def arrived(since):
    out = []
    for rcpt, content in received[since:]:
        m = email.message_from_bytes(content, policy=policy.default)
        out.append((rcpt[0], m))
    return out


run("meeting", "import", "Agendas/kp-2021-intersessional.yaml")
run("programme", "import", "Agendas/kp-2021-intersessional.programme.yaml")
run("publish")
people = [("Алексей", "Моисеев", "a.moiseev@mid.ru", "RU", "ru"), ("小明", "王", "wang@mofcom.gov.cn", "CN", "en"),
          ("فاطمة", "الزهراء", "fatima@economy.ae", "AE", "en"), ("Siân", "Llewelyn", "sian@fcdo.gov.uk", "GB", "en"),
          ("Zoë", "Ångström", "zoe@state.gov", "US", "en"), ("Nomvula", "Dlamini", "n.dlamini@dmre.gov.za", "ZA", "en")]
rows = os.path.join(work, "list.csv")
with open(rows, "w") as f:
    f.write("given_name,family_name,email,delegation,languages\n")
    for g, fam, mail, code, lang in people:
        f.write(f"{g},{fam},{mail},{code},{lang}\n")
run("delegates", "import", rows)
run("delegates", "approve", "1", "2", "3", "4", "5", "6")

# The front door started with a key of its own path: the letters carry that key's fingerprint
# when given the same path, and a path with no key is refused before any account is issued.
key = os.path.join(work, "frontdoor_key")
fingerprint = run("serve", "--fingerprint", "--host-key", key).stdout.split(" ")[0]
r = run("accounts", "issue", "1", "--send", "--transport", msmtp, "--host-key", key + ".missing", check=False)
if r.returncode == 0 or "no host key at " + key + ".missing" not in r.stderr or received:
    problems.append(f"a missing host key: exit {r.returncode}, {r.stderr.strip()!r}, {len(received)} sent")

# Account letters: issued and handed to msmtp in one step; exactly one per delegate.
r = run("accounts", "issue", "1", "2", "3", "4", "5", "6", "--send", "--transport", msmtp, "--host-key", key)
letters = arrived(0)
if sorted(to for to, _ in letters) != sorted(p[2] for p in people):
    problems.append(f"account letters: the sink received {[to for to, _ in letters]}")
for to, m in letters:
    person = next(p for p in people if p[2] == to)
    name = m["To"].addresses[0].display_name
    if name != f"{person[0]} {person[1]}":
        problems.append(f"account letter to {to}: the name reads {name!r}")
    if "ssh " not in m.get_body().get_content() or "-p 2222" not in m.get_body().get_content():
        problems.append(f"account letter to {to}: no ssh command")
    if not fingerprint.startswith("SHA256:") or fingerprint not in m.get_body().get_content():
        problems.append(f"account letter to {to}: not the host key's fingerprint {fingerprint!r}")
db = open(env["INTERSESSION_DB"], "rb").read() + (open(env["INTERSESSION_DB"] + "-wal", "rb").read()
                                                 if os.path.exists(env["INTERSESSION_DB"] + "-wal") else b"")
for to, m in letters:
    text = m.get_body().get_content()
    token = [line.split(":", 1)[1].strip() for line in text.splitlines() if ":" in line and "-" in line.split(":", 1)[1]
             and len(line.split(":", 1)[1].strip()) == 23]
    for t in token:
        if t.encode() in db or t.replace("-", "").encode() in db:
            problems.append(f"the token of {to} is in the database file")
if not letters or not all(any(len(l.split(":", 1)[-1].strip()) == 23 for l in m.get_body().get_content().splitlines()) for _, m in letters):
    problems.append("the letters carry no token")

# Change notices: two publishes, one notice each; a failing transport, then msmtp.
publish_moving_s03("2021-06-22 14:00")
publish_moving_s03("2021-06-23 15:00")
r = run("outbox", "compose")
if "change notices queued: 6" not in r.stdout:
    problems.append(f"compose: {r.stdout.strip()}")
r = run("outbox", "send", "--transport", "sendmail:/bin/false", check=False)
if r.returncode != 1 or "failed: 6" not in r.stdout:
    problems.append(f"send with a failing transport: {r.returncode} {r.stdout.strip()}")
if run("outbox", "list", "--state", "failed").stdout.count("change-notice") != 6:
    problems.append("the failed notices are not listed as failed")
before = len(received)
r = run("outbox", "send", "--transport", msmtp)
notices = arrived(before)
if sorted(to for to, _ in notices) != sorted(p[2] for p in people):
    problems.append(f"change notices: the sink received {[to for to, _ in notices]}")
for to, m in notices:
    if m["Auto-Submitted"] != "auto-generated" or not any(p.get_content_type() == "text/calendar" for p in m.iter_attachments()):
        problems.append(f"change notice to {to}: not an automatic message with its calendar")

# A send killed (SIGKILL) while messages are being handed over, then run again: nobody gets a
# notice twice; the one being handed over when it died is "unknown" (not resent on its own).
publish_moving_s03("2021-06-24 15:00")
run("outbox", "compose")
slow = os.path.join(work, "slow-sendmail")
with open(slow, "w") as f:
    f.write(f"#!/bin/sh\nsleep 0.5\nexec /usr/bin/msmtp -C {conf} -t -i\n")
os.chmod(slow, 0o755)
before = len(received)
p = subprocess.Popen([binary, "outbox", "send", "--transport", "sendmail:" + slow], env=env, cwd=repo,
                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
time.sleep(1.3)
os.kill(p.pid, signal.SIGKILL)
p.wait()
time.sleep(1.0)  # the program that had the message may still be delivering it
r = run("outbox", "send", "--transport", msmtp)
time.sleep(0.5)
third = [to for to, _ in arrived(before)]
if len(third) != len(set(third)):
    problems.append(f"after kill -9 and a second send, a delegate got a notice twice: {sorted(third)}")
unknown = run("outbox", "list", "--state", "unknown").stdout.count("change-notice")
if unknown > 1:
    problems.append(f"{unknown} notices unknown after one kill")
if len(set(third)) + (unknown if len(set(third)) < 6 else 0) < 6:
    problems.append(f"after kill -9 and a second send, only {sorted(set(third))} got the notice ({unknown} unknown)")

controller.stop()
for line in problems:
    print(line)
print(f"outbox over msmtp to an SMTP sink: {len(received)} messages received, {len(problems)} problems")
sys.exit(1 if problems else 0)
