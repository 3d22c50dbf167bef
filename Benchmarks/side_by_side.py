#!/usr/bin/env python3
"""Issue 21's side-by-side table: ours (one core) against CP-SAT (two workers), in one run.

    python3 Benchmarks/side_by_side.py            # every instance, 1, 10 and 60 s (about 25 min)
    python3 Benchmarks/side_by_side.py --quick    # the two KP rows, 1 and 10 s

Instances: the KP sample (default weights, and burden alone), a 150-session meeting (180
delegations, 4 rooms, 10 days), and planted dense meetings (generate_instance.py --planted, seed
1: a programme is known to exist). For each time limit: ours (`plan --seed 1`, pinned to core 0)
and CP-SAT on the same exported model; every placement is scored by `intersession evaluate`.
Columns: the soft score found ('N hard' when infeasible, 'none' when nothing), our time to the
first feasible programme, our lower bound and whether we stopped proven optimal, CP-SAT's bound
and status, peak memory. Writes Benchmarks/results/side-by-side-DATE.md.
"""
import argparse
import datetime
import json
import os
import pathlib
import platform
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from compare_solvers import BIN, ROOT, evaluate, fmt, run_cpsat_with, timed  # noqa: E402

BURDEN_ONLY = ("  weights: {burden: 1, fairness: 0, rotation: 0, stability: 0, preferred_window: 0, "
               "split_days: 0, chair_compactness: 0, daily_hours: 0}\n")


def instances(work, quick):
    """(name, agenda path) pairs, made in `work` where they are generated."""
    kp = ROOT / "Agendas" / "kp-2021-intersessional.yaml"
    burden = work / "kp-2021-intersessional-burden.yaml"
    text = kp.read_text().replace("  rotate_inconvenient_hours: true\n", "  rotate_inconvenient_hours: true\n" + BURDEN_ONLY)
    burden.write_text(text)
    shutil.copy(ROOT / "Agendas" / "kp-delegations-2021.yaml", work / "kp-delegations-2021.yaml")
    out = [("KP 2021 sample, default weights", kp), ("KP 2021 sample, burden alone", burden)]
    if quick:
        return out
    gen = [sys.executable, str(ROOT / "Benchmarks" / "generate_instance.py")]
    wide = work / "synthetic-150x180.yaml"
    wide.write_text(subprocess.run(gen + ["--delegations", "180", "--sessions", "150", "--rooms", "4", "--days", "10",
                                          "--seed", "1"], check=True, capture_output=True, text=True).stdout)
    out.append(("150 sessions, 180 delegations, 4 rooms, 10 days", wide))
    for sessions, use, days in [(300, 0.85, 5), (1000, 0.85, 10), (300, 0.90, 5)]:
        agenda = work / f"planted-{sessions}-{round(use * 100)}-s1.yaml"
        subprocess.run(gen + ["--planted", "--sessions", str(sessions), "--use", str(use), "--days", str(days),
                              "--seed", "1", "--out", str(agenda)], check=True, capture_output=True)
        out.append((f"planted {sessions} at {round(use * 100)} %, seed 1", agenda))
    return out


def ours(agenda, limit, out):
    stdout, peak, _, _ = timed(["taskset", "-c", "0", str(BIN), "plan", str(agenda), "--time-limit", str(limit),
                                "--seed", "1", "--format", "json", "--out", out])
    if not stdout.strip():
        return None
    d = json.loads(stdout)
    return {"score": (d["score"]["hard"], d["score"]["soft"], d["lower_bound"]), "feasible_s": d["solver"]["seconds_to_feasible"],
            "seconds": d["solver"]["seconds"], "bound": d["lower_bound"], "proven": d["proven_optimal"],
            "stop": d["solver"]["stop"], "mb": peak / 1024}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true")
    a = ap.parse_args()
    subprocess.run(["swift", "build", "-c", "release", "--product", "intersession"], cwd=ROOT, check=True, capture_output=True)
    limits = [1, 10] if a.quick else [1, 10, 60]
    work = pathlib.Path(tempfile.mkdtemp(prefix="intersession-side-"))
    lines = ["| instance | limit | ours | ours: s to feasible | ours: bound | ours: stop | ours MB | CP-SAT (2 workers) | "
             "CP-SAT bound | CP-SAT MB |", "|" + "---|" * 10]
    for name, agenda in instances(work, a.quick):
        inst = work / f"{agenda.stem}.json"
        subprocess.run([str(BIN), "instance", str(agenda), "--out", str(inst)], check=True)
        for limit in limits:
            o = ours(agenda, limit, str(work / f"ours-{agenda.stem}-{limit}.yaml"))
            cp = run_cpsat_with(str(inst), agenda, limit, str(work / f"cp-{agenda.stem}-{limit}.yaml"), workers=2)
            feasible = "never" if not o or o["feasible_s"] is None else f"{o['feasible_s']:.2f}"
            stop = "-" if not o else ("proven optimal at " + f"{o['seconds']:.2f} s" if o["proven"] else o["stop"])
            row = (f"| {name} | {limit} s | {fmt(o and o['score'])} | {feasible} | "
                   f"{'-' if not o else format(o['bound'], ',.1f')} | {stop} | {'-' if not o else format(o['mb'], '.0f')} | "
                   f"{fmt(cp.get('score'))} ({cp['status']}) | {format(cp['bound'], ',.1f') if 'bound' in cp else '-'} | "
                   f"{cp.get('peak_kb', 0) / 1024:.0f} |")
            print(row, file=sys.stderr)
            lines.append(row)
    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), platform.processor())
    text = (f"# Side by side with CP-SAT (issue 21)\n\nDate: {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC; "
            f"machine: {platform.node()}, {os.cpu_count()} cores ({cpu}); ours: one thread (taskset core 0), simulated annealing, "
            f"seed 1; CP-SAT: OR-Tools {__import__('ortools').__version__}, 2 workers, its model build on top of the limit. "
            f"Scores are the soft score of `intersession evaluate` (lower is better; 'N hard / …' = infeasible; 'none' = "
            f"nothing found). Generated by `python3 Benchmarks/side_by_side.py{' --quick' if a.quick else ''}`.\n\n"
            + "\n".join(lines) + "\n")
    print(text)
    out = ROOT / "Benchmarks" / "results" / f"side-by-side-{datetime.date.today()}.md"
    out.write_text(text)
    print(f"written to {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
