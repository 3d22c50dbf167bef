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


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--delegations", type=int, required=True)
    ap.add_argument("--sessions", type=int, required=True)
    ap.add_argument("--bodies", type=int, default=0, help="default: sessions/12, at least 4")
    ap.add_argument("--days", type=int, default=5)
    ap.add_argument("--rooms", type=int, default=0, help="default: enough for about 50%% use of the daily windows")
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
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
