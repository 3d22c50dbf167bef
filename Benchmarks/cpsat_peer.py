#!/usr/bin/env python3
"""The CP-SAT peer: Intersession's scheduling model rebuilt in Google OR-Tools CP-SAT.

    intersession instance AGENDA --out instance.json
    python3 Benchmarks/cpsat_peer.py instance.json --time-limit 60 --out cpsat.yaml --agenda AGENDA
    intersession evaluate AGENDA cpsat.yaml --format json     # scored by the same function as ours

Same hard constraints: each session at one start of its domain; order (opening first, closing last,
'after', series parts); at most len(rooms) at once (cumulative; rooms are then given by interval
colouring, which needs no more rooms than the peak); delegation capacity (a cumulative per
delegation); a chair in one session at a time; the minimum break between sessions sharing a
delegation unless they overlap. Same objective, every weight multiplied by 1000 to make it integer:
burden, fairness (sum of squared per-delegation burden), rotation, preferred windows, split days,
chair compactness, daily hours (stability is 0 without a reference programme).

Prints one JSON line: status, objective, bound, seconds, peak memory (KB).
"""
import argparse
import json
import resource
import sys
import time

from ortools.sat.python import cp_model

SCALE = 1000


def build(inst):
    m = cp_model.CpModel()
    cm, ncell = inst["cell_minutes"], inst["cell_count"]
    sessions, dels, zones = inst["sessions"], inst["delegations"], inst["zones"]
    day_of_cell, day_slots = inst["day_of_cell"], inst["day_slots"]
    w = inst["weights"]
    n = len(sessions)
    x, start, interval, slot_day = [], [], [], []
    for s, ses in enumerate(sessions):
        xs = [m.NewBoolVar(f"x{s}_{k}") for k in range(len(ses["domain"]))]
        m.AddExactlyOne(xs)
        st = m.NewIntVarFromDomain(cp_model.Domain.FromValues(ses["domain"]), f"start{s}")
        m.Add(st == sum(c * v for c, v in zip(ses["domain"], xs)))
        x.append(xs)
        start.append(st)
        interval.append(m.NewFixedSizeIntervalVar(st, ses["length"], f"iv{s}"))
    # Order.
    for q, ses in enumerate(sessions):
        for p in ses["predecessors"]:
            m.Add(start[q] >= start[p] + sessions[p]["length"])
    # Rooms, capacity, chairs.
    m.AddCumulative(interval, [1] * n, len(inst["rooms"]))
    attending = [[] for _ in dels]
    for s, ses in enumerate(sessions):
        for d in ses["attendees"]:
            attending[d].append(s)
    for d, row in enumerate(dels):
        if len(attending[d]) > row["size"]:
            m.AddCumulative([interval[s] for s in attending[d]], [1] * len(attending[d]), row["size"])
    chaired = {}
    for s, ses in enumerate(sessions):
        if ses["chair"] >= 0:
            chaired.setdefault(ses["chair"], []).append(s)
    for ch, ss in chaired.items():
        if len(ss) > 1:
            m.AddNoOverlap([interval[s] for s in ss])
    # Minimum break between sessions sharing a delegation: the gap is never in [0, break) cells.
    mb = -(-inst["min_break_minutes"] // cm)
    if mb > 0:
        members = [set(ses["attendees"]) for ses in sessions]
        for s in range(n):
            for t in range(s + 1, n):
                if members[s] & members[t]:
                    for a, b in ((s, t), (t, s)):
                        m.AddLinearExpressionInDomain(start[b] - start[a] - sessions[a]["length"],
                                                      cp_model.Domain.FromIntervals([[-ncell, -1], [mb, ncell]]))
    # Day of each session, as booleans.
    on_day = []
    for s, ses in enumerate(sessions):
        row = []
        for k in range(day_slots):
            terms = [x[s][i] for i, c in enumerate(ses["domain"]) if day_of_cell[c] == k]
            if terms:
                b = m.NewBoolVar(f"on{s}_{k}")
                m.Add(b == sum(terms))
                row.append(b)
            else:
                row.append(None)
        on_day.append(row)

    def cells_sum(table, c, length):
        return sum(table[c:c + length])

    objective = []
    # Burden (precomputed per start) and preferred windows.
    for s, ses in enumerate(sessions):
        objective += [(round(SCALE * w["burden"]) * b + round(SCALE * w["preferred_window"]) * p, v)
                      for b, p, v in zip(ses["burden"], ses["preferred"], x[s]) if b or p]
    # Fairness: B_d = sum of its sessions' burden; minimise w * sum(B_d^2) / 1000 (times SCALE).
    if w["fairness"] > 0:
        for d, row in enumerate(dels):
            table = zones[row["zone"]]["weighted"]
            terms, top = [], 0
            for s in attending[d]:
                ses = sessions[s]
                vals = [cells_sum(table, c, ses["length"]) for c in ses["domain"]]
                top += max(vals)
                terms += [(v, x[s][i]) for i, v in enumerate(vals) if v]
            if not terms:
                continue
            bd = m.NewIntVar(0, top, f"B{d}")
            m.Add(bd == sum(v * var for v, var in terms))
            sq = m.NewIntVar(0, top * top, f"B2_{d}")
            m.AddMultiplicationEquality(sq, [bd, bd])
            objective.append((round(w["fairness"] * SCALE / 1000), sq))
    # Rotation: min(night on day k, night on day k+1) per delegation.
    if inst["rotate"] and w["rotation"] > 0:
        for d, row in enumerate(dels):
            night = zones[row["zone"]]["night"]
            per_day = [[] for _ in range(day_slots)]
            for s in attending[d]:
                ses = sessions[s]
                for i, c in enumerate(ses["domain"]):
                    v = cells_sum(night, c, ses["length"])
                    if v:
                        per_day[day_of_cell[c]].append((v, x[s][i]))
            nd = []
            for k in range(day_slots):
                var = m.NewIntVar(0, 24 * 60 * 10, f"N{d}_{k}")
                m.Add(var == sum(v * b for v, b in per_day[k]))
                nd.append(var)
            for k in range(day_slots - 1):
                if per_day[k] and per_day[k + 1]:
                    mn = m.NewIntVar(0, 24 * 60 * 10, f"R{d}_{k}")
                    m.AddMinEquality(mn, [nd[k], nd[k + 1]])
                    objective.append((round(SCALE * w["rotation"]), mn))
    # Daily hours over the limit.
    if w["daily_hours"] > 0:
        for d in range(len(dels)):
            for k in range(day_slots):
                terms = [(sessions[s]["duration"], on_day[s][k]) for s in attending[d] if on_day[s][k] is not None]
                if sum(v for v, _ in terms) <= inst["max_daily_minutes"]:
                    continue
                ex = m.NewIntVar(0, 24 * 60 * 10, f"D{d}_{k}")
                m.Add(ex >= sum(v * b for v, b in terms) - inst["max_daily_minutes"])
                objective.append((round(SCALE * w["daily_hours"]), ex))
    # Split days: |day(next) - day(this) - 1|.
    if w["split_days"] > 0:
        for s, ses in enumerate(sessions):
            q = ses["series_next"]
            if q < 0:
                continue
            ds = sum(k * b for k, b in enumerate(on_day[s]) if b is not None)
            dq = sum(k * b for k, b in enumerate(on_day[q]) if b is not None)
            a = m.NewIntVar(0, day_slots, f"split{s}")
            m.AddAbsEquality(a, dq - ds - 1)
            objective.append((round(SCALE * w["split_days"]), a))
    # Chair compactness: idle minutes between a chair's first and last session of a day.
    if w["chair_compactness"] > 0:
        horizon = ncell * cm
        for ch, ss in chaired.items():
            for k in range(day_slots):
                here = [s for s in ss if on_day[s][k] is not None]
                if len(here) < 2:
                    continue
                first = m.NewIntVar(0, horizon, f"first{ch}_{k}")
                last = m.NewIntVar(0, horizon, f"last{ch}_{k}")
                for s in here:
                    m.Add(first <= start[s] * cm).OnlyEnforceIf(on_day[s][k])
                    m.Add(last >= start[s] * cm + sessions[s]["duration"]).OnlyEnforceIf(on_day[s][k])
                idle = m.NewIntVar(0, horizon, f"idle{ch}_{k}")
                m.Add(idle >= last - first - sum(sessions[s]["duration"] * on_day[s][k] for s in here))
                objective.append((round(SCALE * w["chair_compactness"]), idle))
    m.Minimize(sum(c * v for c, v in objective))
    return m, start


def rooms_for(inst, starts):
    """Interval colouring by start: never needs more rooms than the peak, which the model caps."""
    sessions = inst["sessions"]
    order = sorted(range(len(sessions)), key=lambda s: (starts[s], s))
    free_at = [0] * len(inst["rooms"])
    rooms = [0] * len(sessions)
    for s in order:
        r = next((r for r, t in enumerate(free_at) if t <= starts[s]), min(range(len(free_at)), key=lambda r: free_at[r]))
        rooms[s] = r
        free_at[r] = starts[s] + sessions[s]["length"]
    return rooms


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("instance")
    ap.add_argument("--time-limit", type=float, default=60)
    ap.add_argument("--workers", type=int, default=0, help="0: CP-SAT's default (all cores)")
    ap.add_argument("--out", help="programme file to write (read by 'intersession evaluate')")
    ap.add_argument("--agenda", help="the agenda path to name in the programme file")
    a = ap.parse_args()
    inst = json.load(open(a.instance))
    t0 = time.time()
    model, start = build(inst)
    built = time.time() - t0
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = a.time_limit
    if a.workers:
        solver.parameters.num_workers = a.workers
    status = solver.Solve(model)
    result = {"status": solver.StatusName(status), "build_seconds": round(built, 2), "solve_seconds": round(solver.WallTime(), 2),
              "workers": a.workers or "default"}
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        result["objective"] = solver.ObjectiveValue() / SCALE
        result["bound"] = solver.BestObjectiveBound() / SCALE
        starts = [solver.Value(v) for v in start]
        if a.out:
            rooms = rooms_for(inst, starts)
            from datetime import datetime, timedelta, timezone
            origin = datetime.fromisoformat(inst["origin"].replace("Z", "+00:00"))
            lines = [f"# Written by Benchmarks/cpsat_peer.py ({result['status']}, objective {result['objective']}).",
                     "programme:", f"  agenda: {a.agenda}", "  placements:"]
            for s, ses in enumerate(inst["sessions"]):
                t = origin + timedelta(minutes=starts[s] * inst["cell_minutes"])
                lines.append(f'    - {{session: {ses["id"]}, start: "{t.strftime("%Y-%m-%dT%H:%MZ")}", room: {inst["rooms"][rooms[s]]}}}')
            open(a.out, "w").write("\n".join(lines) + "\n")
    result["peak_kb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps(result))


main()
