#!/usr/bin/env python3
"""Independent checks of Intersession's exports (run by PublishingTests; installed by .ci/run).

Reads a manifest (JSON) naming the files and what they must say, checks them with other
people's code -- icalendar (PyPI) for .ics, xmllint + the frab XSD for schedule XML,
jsonschema for its JSON form, zoneinfo for every local time -- and prints one line per
problem. Exit status 0 when there is none.
"""
import datetime as dt
import json
import re
import subprocess
import sys
from zoneinfo import ZoneInfo

import icalendar
import jsonschema

problems = []


def utc(text):
    return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))


def check_ics(item):
    raw = open(item["file"], "rb").read()
    # RFC 5545: CRLF line ends, lines of at most 75 octets.
    for n, line in enumerate(raw.split(b"\r\n")[:-1], 1):
        if len(line) > 75:
            problems.append(f"{item['file']}:{n}: line of {len(line)} octets (at most 75)")
        if b"\n" in line:
            problems.append(f"{item['file']}:{n}: bare LF inside a line")
    cal = icalendar.Calendar.from_ical(raw)
    if "name" in item:
        # X-WR-CALNAME is an extension property: read it as TEXT (RFC 5545 3.3.11) ourselves.
        unfolded = raw.replace(b"\r\n ", b"").decode("utf-8").split("\r\n")
        raw_name = next(l for l in unfolded if l.startswith("X-WR-CALNAME:")).split(":", 1)[1]
        probe = icalendar.Calendar.from_ical(f"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:{raw_name}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
        name = str(probe.walk("VEVENT")[0]["SUMMARY"])      # the library's own TEXT decoding
        if name != item["name"]:
            problems.append(f"{item['file']}: calendar name {name!r} != {item['name']!r}")
    own_tz = {}
    for vtz in cal.walk("VTIMEZONE"):
        own_tz[str(vtz["TZID"])] = vtz.to_tz()
    events = {str(e["UID"]): e for e in cal.walk("VEVENT")}
    if set(events) != set(item["events"]):
        problems.append(f"{item['file']}: events {sorted(events)} != {sorted(item['events'])}")
    zone = item.get("zone")
    for uid, want in item["events"].items():
        e = events.get(uid)
        if e is None:
            continue
        for key, field in (("start", "DTSTART"), ("end", "DTEND")):
            prop = e[field]
            value = prop.dt
            expected = utc(want[key])
            if zone is None:
                if value.utcoffset() != dt.timedelta(0) or value != expected:
                    problems.append(f"{item['file']}: {uid} {field} {value} != {expected} (UTC)")
                continue
            tzid = prop.params.get("TZID")
            if tzid != zone:
                problems.append(f"{item['file']}: {uid} {field} has TZID {tzid!r}, not {zone!r}")
                continue
            # The wall time written must be zoneinfo's local time of the instant...
            local = expected.astimezone(ZoneInfo(zone)).replace(tzinfo=None)
            if value.replace(tzinfo=None) != local:
                problems.append(f"{item['file']}: {uid} {field} wall time {value.replace(tzinfo=None)} != zoneinfo's {local}")
            # ...and the file's own VTIMEZONE must map it back to the same instant.
            if zone in own_tz:
                back = value.replace(tzinfo=None).replace(tzinfo=own_tz[zone])
                if back != expected:
                    problems.append(f"{item['file']}: {uid} {field} through the file's VTIMEZONE is {back}, not {expected}")
            else:
                problems.append(f"{item['file']}: no VTIMEZONE for {zone}")
        if "sequence" in want and int(e.get("SEQUENCE", 0)) != want["sequence"]:
            problems.append(f"{item['file']}: {uid} SEQUENCE {e.get('SEQUENCE')} != {want['sequence']}")
        for text in want.get("description_contains", []):
            if text not in str(e.get("DESCRIPTION", "")):
                problems.append(f"{item['file']}: {uid} description lacks {text!r}")


def check_xml(item):
    run = subprocess.run(["xmllint", "--noout", "--schema", item["xsd"], item["file"]], capture_output=True, text=True)
    if run.returncode != 0:
        problems.append(f"{item['file']}: xmllint: {run.stderr.strip()}")


def check_json(item):
    schema = json.load(open(item["schema"]))
    doc = json.load(open(item["file"]))
    validator = jsonschema.Draft6Validator(schema, format_checker=jsonschema.Draft6Validator.FORMAT_CHECKER)
    for error in validator.iter_errors(doc):
        problems.append(f"{item['file']}: {'/'.join(map(str, error.path))}: {error.message[:160]}")
    conference = doc["schedule"]["conference"]
    zone = ZoneInfo(conference["time_zone_name"])
    seen = {}
    for day in conference["days"]:
        for room, events in day["rooms"].items():
            for e in events:
                seen[e["guid"]] = e
                start = dt.datetime.fromisoformat(e["date"])
                if start.utcoffset() != start.astimezone(zone).utcoffset():
                    problems.append(f"{item['file']}: {e['slug']}: offset {start.utcoffset()} is not {conference['time_zone_name']}'s")
                if start.astimezone(zone).date().isoformat() != day["date"]:
                    problems.append(f"{item['file']}: {e['slug']} listed under {day['date']} but starts {start.astimezone(zone).date()}")
    for guid, want in item["events"].items():
        e = seen.get(guid)
        if e is None:
            problems.append(f"{item['file']}: no event {guid}")
        elif dt.datetime.fromisoformat(e["date"]) != utc(want["start"]):
            problems.append(f"{item['file']}: {guid} date {e['date']} != {want['start']}")


def check_printable(item):
    text = open(item["file"], encoding="utf-8").read().splitlines()
    zone, host = ZoneInfo(item["zone"]), ZoneInfo(item["host"])
    day = None
    found = {}
    for line in text:
        if re.match(r"^(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday) \d+ \w+ \d{4}$", line):
            day = dt.datetime.strptime(line.split(" ", 1)[1], "%d %B %Y").date()
        m = re.match(r"^(\d\d:\d\d)-\S+(?: \(next day\))?(?: \(([+−]\d+) days?\))?  (\S+) ", line)
        if m and day:
            found[m.group(3)] = (day, m.group(1), m.group(2))
    for sid, start in item["sessions"].items():
        instant = utc(start)
        local = instant.astimezone(zone)
        want_mark = (local.date() - instant.astimezone(host).date()).days
        if sid not in found:
            problems.append(f"{item['file']}: {sid} not listed")
            continue
        day_, time_, mark = found[sid]
        mark = int(mark.replace("−", "-")) if mark else 0
        if (day_, time_, mark) != (local.date(), local.strftime("%H:%M"), want_mark):
            problems.append(f"{item['file']}: {sid} shown {day_} {time_} mark {mark:+d}; zoneinfo says {local.date()} {local:%H:%M} mark {want_mark:+d}")


manifest = json.load(open(sys.argv[1]))
for kind, check in (("ics", check_ics), ("xml", check_xml), ("json", check_json), ("printable", check_printable)):
    for item in manifest.get(kind, []):
        try:
            check(item)
        except Exception as error:  # a file the parser cannot read is a problem, not a crash
            problems.append(f"{item.get('file')}: {type(error).__name__}: {error}")
for p in problems:
    print(p)
print(f"checked {sum(len(manifest.get(k, [])) for k in ('ics', 'xml', 'json', 'printable'))} files: {len(problems)} problems")
sys.exit(1 if problems else 0)
