#!/usr/bin/env python3
"""Generate zoneinfo-oracle.json: UTC offsets and wall times computed by Python's zoneinfo
(system tzdata), the independent oracle for Intersession's time-zone engine.

Run once and commit the output (the tests read the JSON; they do not need Python):
    python3 Tests/MeetingTimeTests/Oracle/generate_zoneinfo_oracle.py

Three parts:
  grid         - every zone zoneinfo knows, at a fixed list of instants across meeting
                 windows (June and November 2021, June 2023, the EU switch of March 2026);
  transitions  - the zone matrix of STYLE.md §3, every offset change 2020-2026 (and the
                 date-line jumps of Apia 2011 and Kiritimati 1994) at -1 min,
                 the transition itself and +1 min: offset and local wall time;
  wall_times   - for the same transitions, a wall time inside each gap or overlap and the
                 instants zoneinfo gives it with fold=0 and fold=1.
"""
import datetime as dt
import json
import pathlib
import zoneinfo

UTC = dt.timezone.utc
MATRIX = ["UTC", "Asia/Kolkata", "Asia/Kathmandu", "Australia/Lord_Howe", "Pacific/Chatham",
          "Pacific/Kiritimati", "Pacific/Apia", "Australia/Sydney", "America/Santiago",
          "America/Mexico_City", "Asia/Tehran", "Europe/Brussels", "Pacific/Auckland", "Asia/Almaty"]


def ts(y, mo, d, h=0, mi=0):
    return int(dt.datetime(y, mo, d, h, mi, tzinfo=UTC).timestamp())


def offset(zone, t):
    return int(dt.datetime.fromtimestamp(t, zone).utcoffset().total_seconds())


def local(zone, t):
    return dt.datetime.fromtimestamp(t, zone).strftime("%Y-%m-%dT%H:%M:%S")


def instants():
    out = []
    for start, days in [((2021, 6, 19), 9), ((2021, 11, 6), 9), ((2023, 6, 17), 3), ((2026, 3, 28), 3)]:
        base = ts(*start)
        out += [base + k * 6 * 3600 + 1800 * (k % 2) for k in range(days * 4)]
    return out


def transitions(zone, start, end):
    found = []
    t, o = start, offset(zone, start)
    while t < end:
        n = t + 3600
        on = offset(zone, n)
        if on != o:
            lo, hi = t, n
            while hi - lo > 1:
                mid = (lo + hi) // 2
                if offset(zone, mid) == o:
                    lo = mid
                else:
                    hi = mid
            found.append((hi, o, on))
            o = on
        t = n
    return found


def main():
    grid_instants = instants()
    names = sorted(zoneinfo.available_timezones())
    grid = {name: [offset(zoneinfo.ZoneInfo(name), t) for t in grid_instants] for name in names}
    trans, walls = [], []
    # The two date-line jumps that skipped a whole day are added to the 2020-2026 span.
    extra = {"Pacific/Apia": [(ts(2011, 6, 1), ts(2012, 1, 2))], "Pacific/Kiritimati": [(ts(1994, 6, 1), ts(1995, 6, 1))]}
    for name in MATRIX:
        zone = zoneinfo.ZoneInfo(name)
        found = [x for a, b in extra.get(name, []) + [(ts(2020, 1, 1), ts(2027, 1, 1))] for x in transitions(zone, a, b)]
        for at, before, after in found:
            for t in (at - 60, at, at + 60):
                trans.append({"zone": name, "utc": t, "offset": offset(zone, t), "local": local(zone, t)})
            # A wall time in the middle of the gap (clocks forward) or the overlap (clocks back).
            # Skipped wall times are [at+before, at+after); repeated ones [at+after, at+before).
            middle = dt.datetime.fromtimestamp(at + min(before, after), UTC).replace(tzinfo=None) + dt.timedelta(seconds=abs(after - before) // 2)
            middle = middle.replace(second=0)
            f0 = int(middle.replace(tzinfo=zone, fold=0).timestamp())
            f1 = int(middle.replace(tzinfo=zone, fold=1).timestamp())
            walls.append({"zone": name, "local": middle.strftime("%Y-%m-%dT%H:%M"),
                          "kind": "gap" if after > before else "overlap", "fold0": f0, "fold1": f1})
    data = {"tzdata": pathlib.Path("/usr/share/zoneinfo/tzdata.zi").read_text().split("\n")[0].removeprefix("# version "),
            "generator": "Tests/MeetingTimeTests/Oracle/generate_zoneinfo_oracle.py",
            "instants": grid_instants, "grid": grid, "transitions": trans, "wall_times": walls}
    out = pathlib.Path(__file__).with_name("zoneinfo-oracle.json")
    out.write_text(json.dumps(data, separators=(",", ":"), sort_keys=True) + "\n")
    print(f"wrote {out}: {len(names)} zones x {len(grid_instants)} instants, {len(trans)} transition readings, {len(walls)} wall times")


main()
