#!/usr/bin/env python3
"""Reads a delegate's .ics with icalendar (the independent parser) and prints, per event, its
UID, URL, LOCATION and DESCRIPTION as JSON. Usage: join_fields.py FILE.ics"""
import json
import sys

import icalendar

with open(sys.argv[1], "rb") as f:
    calendar = icalendar.Calendar.from_ical(f.read())
out = {}
for event in calendar.walk("VEVENT"):
    out[str(event["UID"]).split("@")[0]] = {
        "url": str(event["URL"]) if "URL" in event else None,
        "location": str(event.get("LOCATION", "")),
        "description": str(event.get("DESCRIPTION", "")),
    }
print(json.dumps(out))
