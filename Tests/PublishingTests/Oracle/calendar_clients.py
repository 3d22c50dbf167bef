#!/usr/bin/env python3
"""End to end: Intersession's .ics files imported into real calendar programs.

calcurse (Debian) and khal (PyPI) each import the sample programme -- in UTC and with
TZID=Europe/Moscow and its VTIMEZONE -- under two TZ settings, and list the week; every
session must land at the local time zoneinfo gives; a delegate's own calendar shows a released
link in khal. Usage: calendar_clients.py INTERSESSION REPO
"""
import datetime as dt
import os
import re
import subprocess
import sys
import tempfile
from zoneinfo import ZoneInfo

binary, repo = sys.argv[1], sys.argv[2]
agenda = os.path.join(repo, "Agendas/kp-2021-intersessional.yaml")
programme = os.path.join(repo, "Agendas/kp-2021-intersessional.programme.yaml")
problems = []
work = tempfile.mkdtemp(prefix="intersession-calendars-")


def run(args, tz, **kw):
    env = dict(os.environ, TZ=tz, HOME=work)
    return subprocess.run(args, capture_output=True, text=True, env=env, **kw)


# What zoneinfo says: session id -> UTC start and end (from the exported UTC file's own times,
# read back by the frab JSON export, which lists each session's ISO start with its offset).
import json
frab = json.loads(subprocess.run([binary, "export", "frab-json", "--agenda", agenda, "--programme", programme],
                                 capture_output=True, text=True, check=True).stdout)
sessions = {}
for day in frab["schedule"]["conference"]["days"]:
    for events in day["rooms"].values():
        for e in events:
            start = dt.datetime.fromisoformat(e["date"])
            end = dt.datetime.fromisoformat(e["end"])
            sid = e["slug"].split("-")[1].upper()
            sessions[sid] = (start, end)

files = {}
for name, extra in (("utc", []), ("moscow", ["--zone", "Europe/Moscow"])):
    path = os.path.join(work, f"{name}.ics")
    subprocess.run([binary, "export", "ics", "--agenda", agenda, "--programme", programme, "--out", path] + extra, check=True)
    files[name] = path


def expect(client, name, tz, listed):
    zone = ZoneInfo(tz)
    for sid, (start, end) in sessions.items():
        want = (start.astimezone(zone).strftime("%Y-%m-%d %H:%M"), end.astimezone(zone).strftime("%Y-%m-%d %H:%M"))
        got = listed.get(sid)
        if got != want:
            problems.append(f"{client} {name}.ics TZ={tz}: {sid} at {got}, zoneinfo says {want}")


for tz in ("America/New_York", "Pacific/Auckland"):
    for name, path in files.items():
        # calcurse: converts at import into the local time of TZ (so import and list under one TZ).
        if name == "utc":
            data = tempfile.mkdtemp(dir=work)
            imported = run(["calcurse", "-D", data, "-i", path], tz)
            if "14 apps" not in imported.stdout:
                problems.append(f"calcurse {name}.ics TZ={tz}: import said {imported.stdout.strip()!r} {imported.stderr.strip()!r}")
            out = run(["calcurse", "-D", data, "-Q", "--from", "06/19/2021", "--days", "9",
                       "--format-apt", "%(start:%Y-%m-%d %H:%M)|%(end:%Y-%m-%d %H:%M)|%m\n"], tz).stdout
            listed = {m.group(3): (m.group(1), m.group(2)) for m in re.finditer(r"^(.+?)\|(.+?)\|(S\d\d) ", out, re.M)}
            expect("calcurse", name, tz, listed)
        # khal: reads TZID and VTIMEZONE through icalendar; shows times in its local_timezone.
        home = tempfile.mkdtemp(dir=work)
        os.makedirs(os.path.join(home, "cal"))
        config = os.path.join(home, "config")
        with open(config, "w") as f:
            f.write(f"""[calendars]
[[kp]]
path = {home}/cal
type = calendar
[locale]
timeformat = %H:%M
dateformat = %Y-%m-%d
longdateformat = %Y-%m-%d
datetimeformat = %Y-%m-%d %H:%M
longdatetimeformat = %Y-%m-%d %H:%M
local_timezone = {tz}
default_timezone = {tz}
[sqlite]
path = {home}/khal.db
""")
        imported = run(["khal", "-c", config, "import", "--batch", "-a", "kp", path], tz)
        if imported.returncode != 0:
            problems.append(f"khal {name}.ics TZ={tz}: import failed: {imported.stderr.strip()}")
        out = run(["khal", "-c", config, "list", "--format", "{start}|{end}|{title}", "2021-06-19", "9d"], tz).stdout
        listed = {m.group(3): (m.group(1), m.group(2)) for m in re.finditer(r"^(.+?)\|(.+?)\|(S\d\d) ", out, re.M)}
        expect("khal", name, tz, listed)

# A delegate's own calendar (issue 19), made from a database at 2021-06-21 09:00 UTC: the
# opening (released 7 days ahead) carries the delegate's personal link (set for it by the ASM)
# in URL and LOCATION, which khal shows, and in the description, which calcurse keeps as the
# event's note (it drops LOCATION and URL); the closing (24 hours ahead) is not released yet and
# keeps its room.
personal = "https://zoom.example.org/w/83020210621?tk=aroha-personal-7Qx"
store = dict(os.environ, HOME=work, INTERSESSION_DB=os.path.join(work, "delegate.sqlite"),
             INTERSESSION_NOW="2021-06-21T09:00Z", LC_ALL="C.UTF-8")
rows = os.path.join(work, "delegates.csv")
with open(rows, "w") as f:
    f.write("given_name,family_name,email,delegation,role,languages\nAroha,Ngata,a@example.org,NZ,delegate,en\n")
for step in (["meeting", "import", agenda], ["programme", "import", programme], ["publish"],
             ["delegates", "import", rows], ["delegates", "approve", "1"],
             ["links", "set", "1", personal, "--session", "S01"]):
    subprocess.run([binary] + step, env=store, check=True, capture_output=True)
mine = os.path.join(work, "mine.ics")
subprocess.run([binary, "export", "ics", "--delegate", "1", "--out", mine], env=store, check=True, capture_output=True)
home = tempfile.mkdtemp(dir=work)
os.makedirs(os.path.join(home, "cal"))
config = os.path.join(home, "config")
with open(config, "w") as f:
    f.write(f"[calendars]\n[[kp]]\npath = {home}/cal\ntype = calendar\n[locale]\ntimeformat = %H:%M\n"
            f"dateformat = %Y-%m-%d\nlongdateformat = %Y-%m-%d\ndatetimeformat = %Y-%m-%d %H:%M\n"
            f"longdatetimeformat = %Y-%m-%d %H:%M\nlocal_timezone = UTC\ndefault_timezone = UTC\n"
            f"[sqlite]\npath = {home}/khal.db\n")
run(["khal", "-c", config, "import", "--batch", "-a", "kp", mine], "UTC")
listing = run(["khal", "-c", config, "list", "--format", "{title}|{location}|{url}", "2021-06-19", "9d"], "UTC")
out = listing.stdout
shown = {m.group(1): (m.group(2), m.group(3)) for m in re.finditer(r"^(S\d\d) .*?\|(.*?)\|(.*)$", out, re.M)}
link = personal
if shown.get("S01") != (link, link):
    problems.append(f"khal delegate calendar: S01 shows {shown.get('S01')}, want the link in LOCATION and URL")
if shown.get("S14") is None or shown["S14"][1] != "" or "zoom" in shown["S14"][0]:
    problems.append(f"khal delegate calendar: S14 shows {shown.get('S14')}, want its room and no link yet")
data = tempfile.mkdtemp(dir=work)
imported = run(["calcurse", "-D", data, "-i", mine], "UTC")
notes = os.path.join(data, "notes")
kept = [open(os.path.join(notes, n)).read() for n in os.listdir(notes)] if os.path.isdir(notes) else []
if not any("Your personal link (for you only): " + personal in n for n in kept):
    problems.append(f"calcurse delegate calendar: no note carries the personal link ({len(kept)} notes)")
if any("tk=KPopen" in n for n in kept):
    problems.append("calcurse delegate calendar: the shared opening link is offered beside the personal one")

for p in problems:
    print(p)
print(f"calcurse and khal, 2 zones, {len(sessions)} sessions: {len(problems)} problems")
sys.exit(1 if problems or len(sessions) != 14 else 0)
