#!/usr/bin/env python3
"""Generate a synthetic meeting in Intersession's agenda format (YAML), for the scheduling benchmarks.

    python3 Benchmarks/generate_instance.py --delegations 60 --sessions 40 --days 3 --seed 1 \
        > Benchmarks/instances/synthetic-60x40.yaml

Delegations sit in real capitals' zones drawn like the KP's (the sample's 60 zones, repeated with
small variations when more are asked for); bodies have realistic, overlapping memberships (a few
large bodies, many small ones, large delegations in more of them); sessions are an opening and a
closing, a few plenaries, body sessions, some joint sessions and some two-part series. Delegation
sizes (1-6) follow how many sessions each delegation sits in, so the instance is loose enough to be
feasible but tight enough that capacity binds for the small ones. Deterministic for a seed.

With --planted, a programme is made first and the meeting derived from it, so that a programme is
known to exist however dense the meeting (issue 21):

    python3 Benchmarks/generate_instance.py --planted --sessions 300 --use 0.85 --seed 1 \
        --out Benchmarks/instances/planted-300-85-s1.yaml

writes the agenda and, beside it, the planted programme (`...programme.yaml`, which `intersession
evaluate` scores with no hard minutes). Rooms are filled to --use of the daily windows; the opening,
the plenaries and the closing are attended by every delegation, with other rooms free only from
15 minutes before to 15 minutes after them (the break rule binding around them); each delegation has
1-4 delegates and exactly as many as its busiest moment in the plant needs; every body session is
given to a body all of whose members have a delegate free with the minimum break on both sides;
series and `after:` pairs follow the plant's order.
"""
import argparse
import math
import pathlib
import random
import re

HERE = pathlib.Path(__file__).resolve().parent
KP = HERE.parent / "Agendas" / "kp-delegations-2021.yaml"
# Extra real capitals used when more delegations than the KP's 60 are asked for.
EXTRA_ZONES = ["America/Bogota", "America/Lima", "America/Santiago", "America/Argentina/Buenos_Aires",
               "Africa/Lagos", "Africa/Nairobi", "Africa/Cairo", "Africa/Algiers", "Europe/Paris", "Europe/Berlin",
               "Europe/Warsaw", "Europe/Athens", "Asia/Riyadh", "Asia/Tehran", "Asia/Karachi", "Asia/Kathmandu",
               "Asia/Tashkent", "Asia/Manila", "Asia/Yangon", "Pacific/Fiji", "Pacific/Port_Moresby", "Asia/Baku"]


def kp_zones():
    return re.findall(r"zone: ([A-Za-z_/]+)", KP.read_text())


GRID, BREAK = 15, 15
WINDOW_START, WINDOW_END = 6 * 60, 20 * 60  # 06:00-20:00 UTC


def planted(a):
    """The meeting derived from a planted programme: (agenda lines, programme lines, summary)."""
    rng = random.Random(a.seed)
    s_total, days = a.sessions, a.days
    lengths = [60, 60, 90, 90, 90, 120, 150, 180]
    mean = sum(lengths) / len(lengths)
    window = WINDOW_END - WINDOW_START
    rooms = a.rooms or max(2, math.floor(s_total * mean / (a.use * days * window)))
    n = a.delegations or max(20, min(200, s_total * 3 // 5))
    zones = kp_zones()
    pool = zones + EXTRA_ZONES
    dz = [zones[i] if i < len(zones) else pool[rng.randrange(len(pool))] for i in range(n)]
    codes = [f"D{i:03d}" for i in range(n)]
    caps = [rng.choice([1, 1, 2, 2, 3, 4]) for _ in range(n)]

    # 1. The all-hands sessions, in room 0: the opening first thing on day 1, the closing last
    # thing on the last day, plenaries on the days between. Every delegation attends them, so a
    # session in another room either runs beside one (its delegations need a second delegate) or
    # keeps the minimum break from it; nothing runs before the opening ends or after the closing
    # starts (order), with the break.
    def at(day, minute):
        return day * 1440 + minute
    allhands = [("Opening", "opening", 120, at(0, WINDOW_START))]
    plenaries = max(1, min(days - 1, s_total // 100))
    for k in range(plenaries):
        day = 1 + k * max(1, days - 2) // plenaries if days > 2 else 0
        minutes = rng.choice([60, 90, 120])
        # Apart from the all-hands sessions already laid, by the break.
        for _ in range(1000):
            start = at(day, WINDOW_START + GRID * rng.randrange((window - minutes) // GRID + 1))
            if all(start + minutes + BREAK <= st or st + m + BREAK <= start for _, _, m, st in allhands):
                break
        else:
            raise SystemExit("too many plenaries for the days: ask for more --days")
        allhands.append((f"Plenary {k + 1}", "plenary", minutes, start))
    allhands.append(("Closing", "closing", 90, at(days - 1, WINDOW_END - 90)))
    ordered = [(at(0, 0), allhands[0][3] + 120 + BREAK), (allhands[-1][3] - BREAK, at(days, 0))]
    near = [(st, st + m) for _, kind, m, st in allhands if kind == "plenary"]

    def allowed(start, minutes, room):
        end = start + minutes
        if any(start < hi and lo < end for lo, hi in ordered):
            return False
        for lo, hi in near:
            if room == 0 and start < hi + BREAK and lo - BREAK < end:
                return False  # the plenary's own room
            if not (start < hi and lo < end) and not (end + BREAK <= lo or hi + BREAK <= start):
                return False
        return True

    # 2. Body sessions laid in each room's days, gaps drawn so that the rooms are used at about
    # --use of the windows; one room-day at a time, the emptiest first, until the count is reached.
    def fill(gap_mean):
        cursors = {(d, r): at(d, WINDOW_START) for d in range(days) for r in range(rooms)}
        placed = []  # (start, minutes, room)
        wanted = s_total - len(allhands)
        while len(placed) < wanted and cursors:
            key = min(cursors, key=lambda k: (cursors[k] - at(k[0], WINDOW_START), rng.random()))
            d, r = key
            start = cursors[key]
            if gap_mean > 0:
                start += GRID * round(rng.expovariate(1 / gap_mean) / GRID)
            choice = None
            for minutes in rng.sample(lengths, len(lengths)):
                # The first start from here that the all-hands sessions allow.
                t = start
                while t + minutes <= at(d, WINDOW_END) and not allowed(t, minutes, r):
                    t += GRID
                if t + minutes <= at(d, WINDOW_END):
                    choice = (t, minutes)
                    break
            if choice is None:
                del cursors[key]
                continue
            placed.append((choice[0], choice[1], r))
            cursors[key] = choice[0] + choice[1]
        return placed
    capacity = rooms * days * window
    allhands_minutes = sum(m for _, _, m, _ in allhands)
    # The gap that gives the use asked for, found by halving (the laying is random but seeded).
    lo_gap, hi_gap = 0.0, 4 * mean
    for _ in range(12):
        mid = (lo_gap + hi_gap) / 2
        state = rng.getstate()
        use = (sum(m for _, m, _ in fill(mid)) + allhands_minutes) / capacity
        rng.setstate(state)
        lo_gap, hi_gap = (mid, hi_gap) if use > a.use else (lo_gap, mid)
    placed = fill((lo_gap + hi_gap) / 2)

    # 3. Bodies and the delegations in each session: a body whose members each have a delegate
    # free (capacity) and the minimum break on both sides of every other session they sit in.
    busy = [[] for _ in range(n)]  # per delegation: (start, end)
    chairing = [[] for _ in range(n)]
    def overlaps(x, y):
        return x[0] < y[1] and y[0] < x[1]
    def fits(i, iv):
        together = 0
        for t in busy[i]:
            if overlaps(t, iv):
                together += 1
            elif not (t[1] + BREAK <= iv[0] or iv[1] + BREAK <= t[0]):
                return False
        # Sessions overlapping `iv` that also overlap one another are counted as if all at once:
        # an upper bound on the delegates needed, so the plant never needs more than the cap.
        return together + 1 <= caps[i]
    bodies = []  # [members, chair, count]
    for _ in range(a.bodies or max(4, s_total // 12)):
        size = max(3, min(int(0.4 * n), int(rng.paretovariate(1.3) * 6)))
        members = sorted(rng.sample(range(n), size))
        bodies.append([members, rng.choice(members), 0])
    sessions = []  # (title, kind, [body indexes], minutes, start, room)
    for title, kind, minutes, start in allhands:
        sessions.append((title, kind, [-1], minutes, start, 0))
        for i in range(n):
            busy[i].append((start, start + minutes))
    chairing[0] += [(st, st + m) for _, _, m, st in allhands]
    dropped = 0
    for start, minutes, room in sorted(placed):
        iv = (start, start + minutes)
        def body_fits(b):
            members, chair, _ = bodies[b]
            return all(fits(i, iv) for i in members) and not any(overlaps(t, iv) for t in chairing[chair])
        fitting = [b for b in range(len(bodies)) if body_fits(b)]
        if not fitting:
            free = [i for i in range(n) if fits(i, iv)]
            chairs_free = [i for i in free if not any(overlaps(t, iv) for t in chairing[i])]
            if len(free) < 3 or not chairs_free:
                dropped += 1
                continue
            members = sorted(rng.sample(free, min(len(free), rng.randint(3, 8))))
            chair = next((i for i in members if i in chairs_free), None)
            if chair is None:
                chair = rng.choice(chairs_free)
                members = sorted(members + [chair])
            bodies.append([members, chair, 0])
            fitting = [len(bodies) - 1]
        fitting.sort(key=lambda b: (bodies[b][2], rng.random()))
        chosen = [fitting[0]]
        # A joint session now and then: two bodies that fit together.
        if rng.random() < 0.08:
            for other in fitting[1:4]:
                together = sorted(set(bodies[fitting[0]][0]) | set(bodies[other][0]))
                if all(fits(i, iv) for i in together):
                    chosen.append(other)
                    break
        for b in chosen:
            bodies[b][2] += 1
        for i in sorted({i for b in chosen for i in bodies[b][0]}):
            busy[i].append(iv)
        chairing[bodies[chosen[0]][1]].append(iv)
        kind = "joint" if len(chosen) > 1 else "body"
        sessions.append((None, kind, chosen, minutes, start, room))
    sessions.sort(key=lambda x: (x[4], x[5]))

    # Delegates: exactly what the busiest moment of each delegation needs (at its limit).
    def need(i):
        events = sorted([(st, 1) for st, _ in busy[i]] + [(en, -1) for _, en in busy[i]], key=lambda e: (e[0], e[1]))
        now = most = 0
        for _, step in events:
            now += step
            most = max(most, now)
        return max(1, most)
    delegates = [need(i) for i in range(n)]
    assert all(delegates[i] <= caps[i] for i in range(n))

    # Ids in start order; series: two sessions of one body on different days (in plant order);
    # `after:`: a later session of a body after an earlier one of the same body.
    ids = [f"S{k + 1:04d}" for k in range(len(sessions))]
    by_body = {}
    for k, (_, kind, bs, _, _, _) in enumerate(sessions):
        if kind == "body":
            by_body.setdefault(bs[0], []).append(k)
    series, after = {}, {}
    count = 0
    for b, ks in sorted(by_body.items()):
        if len(ks) >= 2 and rng.random() < 0.25:
            k1, k2 = ks[0], next((k for k in ks[1:] if sessions[k][4] // 1440 > sessions[ks[0]][4] // 1440), None) or ks[1]
            count += 1
            series[k1] = series[k2] = f"X{count}"
        elif len(ks) >= 2 and rng.random() < 0.3:
            first, later = ks[0], ks[-1]
            if sessions[first][4] + sessions[first][3] <= sessions[later][4]:
                after[later] = ids[first]

    name = f"planted-{s_total}-{round(a.use * 100)}-s{a.seed}"
    total = sum(x[3] for x in sessions)
    use = total / (rooms * days * window)
    agenda = [
        f"# Planted meeting: {n} delegations, {len(sessions)} sessions, {len(bodies)} bodies, {days} days, {rooms} rooms, "
        f"{use:.0%} room use (seed {a.seed}).",
        f"# Generated by Benchmarks/generate_instance.py --planted --sessions {s_total} --days {days} --use {a.use} "
        f"--seed {a.seed}{f' --rooms {a.rooms}' if a.rooms else ''}{f' --delegations {a.delegations}' if a.delegations else ''}.",
        "# A programme with no hard minutes is known: the .programme.yaml beside this file.",
        "meeting:",
        f"  id: {name}",
        f"  title: Planted meeting {len(sessions)} sessions at {use:.0%}",
        "  host_zone: UTC",
        "  first_day: 2021-06-01",
        f"  last_day: 2021-06-{days:02d}",
        "  languages: [en]",
        f"  grid_minutes: {GRID}",
        '  daily_window_utc: "06:00-20:00"',
        "scheduling:",
        f"  rooms: [{', '.join(f'R{i + 1}' for i in range(rooms))}]",
        f"  min_break_minutes: {BREAK}",
        "  max_session_minutes_per_day: 480",
        "  rotate_inconvenient_hours: true",
        "delegations:",
    ]
    for i in range(n):
        agenda.append(f"  - {{code: {codes[i]}, name: Delegation {i}, zone: {dz[i]}, delegates: {delegates[i]}}}")
    agenda.append("bodies:")
    agenda.append("  - {id: PLENARY, name: Plenary, chair: D000, members: all}")
    for b, (members, chair, _) in enumerate(bodies):
        agenda.append(f"  - {{id: B{b:03d}, name: Body {b}, chair: {codes[chair]}, members: [{', '.join(codes[i] for i in members)}]}}")
    agenda.append("sessions:")
    programme = [
        f"# The planted programme of {name}.yaml (no hard minutes).",
        "programme:",
        f"  agenda: {name}.yaml",
        "  zone: UTC",
        "  placements:",
    ]
    for k, (title, kind, bs, minutes, start, room) in enumerate(sessions):
        body = "body: PLENARY" if bs == [-1] else (f"body: B{bs[0]:03d}" if len(bs) == 1 else f"bodies: [{', '.join(f'B{b:03d}' for b in bs)}]")
        title = title or (f"B{bs[0]:03d} session" if len(bs) == 1 else "Joint " + "+".join(f"B{b:03d}" for b in bs))
        more = (f", series: {series[k]}" if k in series else "") + (f", after: [{after[k]}]" if k in after else "")
        agenda.append(f"  - {{id: {ids[k]}, title: \"{title}\", kind: {kind}, {body}, minutes: {minutes}{more}}}")
        day, minute = divmod(start, 1440)
        programme.append(f"    - {{session: {ids[k]}, start: \"2021-06-{day + 1:02d} {minute // 60:02d}:{minute % 60:02d}\", room: R{room + 1}}}")
    summary = f"{name}: {len(sessions)} sessions, {rooms} rooms, {use:.1%} room use, {n} delegations, {len(bodies)} bodies, {dropped} slots left empty"
    return name, agenda, programme, summary


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--delegations", type=int, default=0, help="required without --planted")
    ap.add_argument("--sessions", type=int, required=True)
    ap.add_argument("--planted", action="store_true", help="plant a programme first (see above)")
    ap.add_argument("--use", type=float, default=0.85, help="with --planted: room use of the daily windows")
    ap.add_argument("--out", help="with --planted: the agenda file (the programme is written beside it)")
    ap.add_argument("--bodies", type=int, default=0, help="default: sessions/12, at least 4")
    ap.add_argument("--days", type=int, default=5)
    ap.add_argument("--rooms", type=int, default=0, help="default: enough for about 50%% use of the daily windows")
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    if a.planted:
        if not 0.3 <= a.use <= 0.95:
            ap.error("--use: between 0.3 and 0.95")
        name, agenda, programme, summary = planted(a)
        out = pathlib.Path(a.out) if a.out else None
        if out is None:
            print("\n".join(agenda))
            return
        out.write_text("\n".join(agenda) + "\n")
        out.with_name(out.name.removesuffix(".yaml") + ".programme.yaml").write_text("\n".join(programme) + "\n")
        print(summary)
        return
    if not a.delegations:
        ap.error("--delegations is required without --planted")
    rng = random.Random(a.seed)
    n, s_total, days = a.delegations, a.sessions, a.days
    bodies = a.bodies or max(4, s_total // 12)
    zones = kp_zones()
    pool = zones + EXTRA_ZONES
    dz = [zones[i] if i < len(zones) else pool[rng.randrange(len(pool))] for i in range(n)]
    codes = [f"D{i:03d}" for i in range(n)]
    # Activity: how many bodies a delegation joins (a few very active, most moderately).
    activity = [rng.choice([1, 1, 2, 2, 2, 3, 3, 4, 6]) for _ in range(n)]
    # Body sizes: a few large, many small.
    sizes = [max(3, min(int(0.4 * n), int(rng.paretovariate(1.3) * 6))) for _ in range(bodies)]
    members = []
    for b in range(bodies):
        weights = [activity[i] + rng.random() for i in range(n)]
        chosen = sorted(range(n), key=lambda i: -weights[i] * rng.random())[: sizes[b]]
        members.append(sorted(chosen))
    window_start, window_end = 6 * 60, 20 * 60            # 06:00-20:00 UTC
    window = window_end - window_start

    sessions = []   # (id, title, kind, bodies, minutes, extra)
    sessions.append(("S0001", "Opening", "opening", ["PLENARY"], 120, {}))
    plenaries = max(1, s_total // 50)
    for k in range(plenaries):
        sessions.append((f"S{len(sessions) + 1:04d}", f"Plenary {k + 1}", "plenary", ["PLENARY"], rng.choice([60, 90, 120]), {}))
    series_count = 0
    while len(sessions) < s_total - 1:
        roll = rng.random()
        sid = f"S{len(sessions) + 1:04d}"
        if roll < 0.08 and bodies >= 2:
            pair = rng.sample(range(bodies), 2)
            sessions.append((sid, f"Joint B{pair[0]:02d}+B{pair[1]:02d}", "joint", [f"B{pair[0]:02d}", f"B{pair[1]:02d}"], rng.choice([60, 90]), {}))
        elif roll < 0.14 and len(sessions) < s_total - 2:
            b = rng.randrange(bodies)
            series_count += 1
            for part in (1, 2):
                sessions.append((f"S{len(sessions) + 1:04d}", f"B{b:02d} series {series_count} part {part}", "body", [f"B{b:02d}"], 90, {"series": f"X{series_count}"}))
        else:
            b = rng.randrange(bodies)
            sessions.append((sid, f"B{b:02d} session", "body", [f"B{b:02d}"], rng.choice([60, 60, 90, 90, 90, 120, 150, 180]), {}))
    sessions = sessions[: s_total - 1]
    sessions.append((f"S{len(sessions) + 1:04d}", "Closing", "closing", ["PLENARY"], 90, {}))

    # Sizes 1-6 from the minutes each delegation sits, so the instance stays feasible: a delegation
    # that would sit more than six delegates could at 30 % of the daily windows leaves bodies first.
    def sitting_minutes():
        sitting = [0] * n
        for _, _, kind, bs, minutes, _ in sessions:
            who = range(n) if kind in ("opening", "closing", "plenary") else {m for b in bs if b != "PLENARY" for m in members[int(b[1:])]}
            for i in who:
                sitting[i] += minutes
        return sitting
    limit = 6 * 0.3 * days * window
    sitting = sitting_minutes()
    for i in sorted(range(n), key=lambda i: -sitting[i]):
        while sitting[i] > limit:
            joined = [b for b in range(bodies) if i in members[b] and len(members[b]) > 3]
            if not joined:
                break
            members[rng.choice(joined)].remove(i)
            sitting = sitting_minutes()
    delegates = [max(1, min(6, math.ceil(sitting[i] / (0.3 * days * window)) + rng.choice([0, 0, 1]))) for i in range(n)]
    total = sum(m for *_, m, _ in sessions)
    rooms = a.rooms or max(2, math.ceil(total / (0.5 * days * window)))

    out = [f"# Synthetic meeting: {n} delegations, {len(sessions)} sessions, {bodies} bodies, {days} days, {rooms} rooms (seed {a.seed}).",
           f"# Generated by Benchmarks/generate_instance.py --delegations {n} --sessions {s_total} --days {days} --seed {a.seed}.",
           "meeting:",
           f"  id: synthetic-{n}x{len(sessions)}",
           f"  title: Synthetic meeting {n} x {len(sessions)}",
           "  host_zone: UTC",
           "  first_day: 2021-06-21",
           f"  last_day: 2021-06-{20 + days:02d}",
           "  languages: [en]",
           "  grid_minutes: 15",
           '  daily_window_utc: "06:00-20:00"',
           "scheduling:",
           f"  rooms: [{', '.join(f'R{i + 1}' for i in range(rooms))}]",
           "  min_break_minutes: 15",
           "  max_session_minutes_per_day: 480",
           "  rotate_inconvenient_hours: true",
           "delegations:"]
    for i in range(n):
        out.append(f"  - {{code: {codes[i]}, name: Delegation {i}, zone: {dz[i]}, delegates: {delegates[i]}}}")
    out.append("bodies:")
    chairs = {0}
    out.append("  - {id: PLENARY, name: Plenary, chair: D000, members: all}")
    for b in range(bodies):
        # One body per chair where possible; a body whose members all chair already gets a new member to chair it.
        free = [i for i in members[b] if i not in chairs]
        if not free:
            free = [i for i in range(n) if i not in chairs][:1] or members[b]
            if free[0] not in members[b]:
                members[b] = sorted(members[b] + [free[0]])
        chair_index = rng.choice(free)
        chairs.add(chair_index)
        chair = codes[chair_index]
        out.append(f"  - {{id: B{b:02d}, name: Body {b}, chair: {chair}, members: [{', '.join(codes[i] for i in members[b])}]}}")
    out.append("sessions:")
    for sid, title, kind, bs, minutes, extra in sessions:
        body = f"bodies: [{', '.join(bs)}]" if len(bs) > 1 else f"body: {bs[0]}"
        more = "".join(f", {k}: {v}" for k, v in extra.items())
        out.append(f"  - {{id: {sid}, title: \"{title}\", kind: {kind}, {body}, minutes: {minutes}{more}}}")
    print("\n".join(out))


main()
