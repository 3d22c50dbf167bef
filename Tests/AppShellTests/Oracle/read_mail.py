#!/usr/bin/env python3
"""Reads every .eml file of a folder with Python's email parser (the independent judge of our
MIME writer) and prints, per file, the decoded headers, the text and the attachments as JSON; an
attached calendar is read with icalendar (UID, SEQUENCE, DTSTART in UTC).
Usage: read_mail.py FOLDER"""
import email
import email.header
import json
import os
import sys
from email import policy

import icalendar

out = {}
folder = sys.argv[1]
for name in sorted(os.listdir(folder)):
    if not name.endswith(".eml"):
        continue
    with open(os.path.join(folder, name), "rb") as f:
        raw = f.read()
    m = email.message_from_bytes(raw, policy=policy.default)
    defects = [type(d).__name__ for part in m.walk() for d in part.defects] + [type(d).__name__ for d in m.defects]
    to = m["To"].addresses[0]
    body = m.get_body(preferencelist=("plain",))
    attachments = []
    for part in m.iter_attachments():
        content = part.get_content()
        data = content if isinstance(content, bytes) else content.encode()
        item = {"type": part.get_content_type(), "filename": part.get_filename()}
        if part.get_content_type() == "text/calendar":
            cal = icalendar.Calendar.from_ical(data)
            item["events"] = {
                str(e["UID"]).split("@")[0]: {
                    "sequence": int(e.get("SEQUENCE", 0)),
                    "start": e["DTSTART"].dt.astimezone(__import__("datetime").timezone.utc).strftime("%Y-%m-%dT%H:%MZ"),
                }
                for e in cal.walk("VEVENT")
            }
        attachments.append(item)
    # The To header's name through the RFC 2047 decoder alone (the address parser of Python's
    # email keeps the folding space between encoded words of a phrase, even of its own output).
    raw_to = email.message_from_bytes(raw)["To"]
    phrase = raw_to[: raw_to.rfind("<")].strip()
    to_decoded = str(email.header.make_header(email.header.decode_header(phrase)))
    out[name] = {
        "to_decoded": to_decoded,
        "to_name": to.display_name, "to_address": to.addr_spec, "from": str(m["From"]),
        "subject": str(m["Subject"]), "date": str(m["Date"]), "message_id": str(m["Message-ID"]),
        "auto_submitted": m["Auto-Submitted"], "mime": m.get_content_type(),
        "charset": body.get_content_charset(), "text": body.get_content(), "attachments": attachments,
        "defects": defects, "long_lines": sum(1 for line in raw.split(b"\r\n") if len(line) > 78),
        "bare_lf": raw.count(b"\n") != raw.count(b"\r\n"),
    }
print(json.dumps(out, ensure_ascii=False))
