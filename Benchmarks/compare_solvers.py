#!/usr/bin/env python3
"""Side-by-side scheduling benchmark: Intersession's solver vs the CP-SAT peer, in one run.

    python3 Benchmarks/compare_solvers.py            # all instances
    python3 Benchmarks/compare_solvers.py --quick    # KP sample and 60x40 only
    python3 Benchmarks/compare_solvers.py --planted  # planted dense meetings only (issue 21)

For each instance: our `plan` (one core) with its time limit; CP-SAT on the same exported model
at equal time and at 60 s (all cores); each placement is scored by `intersession evaluate`, so both
sides are judged by one function. Prints a Markdown table and writes it to
Benchmarks/results/scheduling-DATE.md with the machine and date.
"""
import argparse
import datetime
import json
import os
import pathlib
import platform
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
BIN = ROOT / ".build" / "release" / "intersession"
INSTANCES = [  # (name, agenda, our time limit in seconds)
    ("KP 2021 sample", ROOT / "Agendas" / "kp-2021-intersessional.yaml", 1),
    ("synthetic 60x40", ROOT / "Benchmarks" / "instances" / "synthetic-60x40.yaml", 1),
    ("synthetic 120x200", ROOT / "Benchmarks" / "instances" / "synthetic-120x200.yaml", 10),
    ("synthetic 200x1000", ROOT / "Benchmarks" / "instances" / "synthetic-200x1000.yaml", 10),
]


def timed(cmd):
    """Runs cmd under GNU time; returns (stdout, peak KB, exit code)."""
    with tempfile.NamedTemporaryFile("r") as t:
        p = subprocess.run(["/usr/bin/time", "-f", "%M", "-o", t.name] + cmd, capture_output=True, text=True)
        peak = int(open(t.name).read().strip().splitlines()[-1] or 0)
    return p.stdout, peak, p.returncode, p.stderr


def evaluate(agenda, programme):
    p = subprocess.run([str(BIN), "evaluate", str(agenda), programme, "--format", "json"], capture_output=True, text=True)
    if not p.stdout.strip():
        return None
    d = json.loads(p.stdout)
    return d["score"]["hard"], d["score"]["soft"], d["lower_bound"]


def run_cpsat(instance_json, agenda, seconds, out):
    return run_cpsat_with(instance_json, agenda, seconds, out, workers=0)


def run_cpsat_with(instance_json, agenda, seconds, out, workers):
    """CP-SAT on the exported model (workers 0: its default, all cores); its placement scored by `evaluate`."""
    stdout, peak, code, err = timed([sys.executable, str(ROOT / "Benchmarks" / "cpsat_peer.py"), instance_json,
                                     "--time-limit", str(seconds), "--out", out, "--agenda", str(agenda),
                                     "--workers", str(workers)])
    try:
        info = json.loads(stdout.strip().splitlines()[-1])
    except Exception:
        return {"status": f"failed ({err.strip().splitlines()[-1] if err.strip() else code})", "peak_kb": peak}
    info["peak_kb"] = peak
    if "objective" in info and os.path.exists(out):
        info["score"] = evaluate(agenda, out)
    return info


# Planted dense meetings (generate_instance.py --planted: a programme is known to exist), made at
# run time: (name, sessions, room use, days, our time limit).
PLANTED = [("planted 300 at 85 %, seed 1", 300, 0.85, 5, 10), ("planted 1000 at 85 %, seed 1", 1000, 0.85, 10, 10)]


def fmt(score):
    if not score:
        return "none"
    hard, soft, _ = score
    return f"{soft:,.1f}" if hard == 0 else f"{hard} hard / {soft:,.1f}"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--long", type=float, default=60, help="CP-SAT's long run, seconds")
    ap.add_argument("--planted", action="store_true", help="only the planted dense meetings")
    a = ap.parse_args()
    subprocess.run(["swift", "build", "-c", "release", "--product", "intersession"], cwd=ROOT, check=True, capture_output=True)
    rows = []
    work = tempfile.mkdtemp(prefix="intersession-bench-")
    instances = INSTANCES[:2] if a.quick else INSTANCES
    if a.planted:
        instances = []
        for name, sessions, use, days, limit in PLANTED:
            agenda = pathlib.Path(work) / f"planted-{sessions}-{round(use * 100)}-s1.yaml"
            subprocess.run([sys.executable, str(ROOT / "Benchmarks" / "generate_instance.py"), "--planted", "--sessions",
                            str(sessions), "--use", str(use), "--days", str(days), "--seed", "1", "--out", str(agenda)],
                           check=True, capture_output=True)
            instances.append((name, agenda, limit))
    for name, agenda, limit in instances:
        # Short runs vary by seed (about ±1 % on the KP sample): five seeds, the median reported with the range.
        seeds = [1, 2, 3, 4, 5] if limit <= 1 else [1]
        runs = []
        for seed in seeds:
            ours_out = f"{work}/ours-{agenda.stem}-{seed}.yaml"
            stdout, peak, code, err = timed([str(BIN), "plan", str(agenda), "--time-limit", str(limit), "--seed", str(seed),
                                             "--format", "json", "--out", ours_out])
            if stdout.strip():
                runs.append((json.loads(stdout), peak))
        runs.sort(key=lambda r: (r[0]["score"]["hard"], r[0]["score"]["soft"]))
        ours, peak = runs[len(runs) // 2] if runs else (None, 0)
        spread = f" (seeds {seeds[0]}-{seeds[-1]}: {runs[0][0]['score']['soft']:,.0f} to {runs[-1][0]['score']['soft']:,.0f})" if len(runs) > 1 else ""
        ours_score = (ours["score"]["hard"], ours["score"]["soft"], ours["lower_bound"]) if ours else None
        inst = f"{work}/{agenda.stem}.json"
        subprocess.run([str(BIN), "instance", str(agenda), "--out", inst], check=True)
        equal = run_cpsat(inst, agenda, limit, f"{work}/cp-equal-{agenda.stem}.yaml")
        long = run_cpsat(inst, agenda, a.long, f"{work}/cp-long-{agenda.stem}.yaml")
        best_cp = min([s for s in (equal.get("score"), long.get("score")) if s and s[0] == 0], key=lambda s: s[1], default=None)
        gap = f"{(ours_score[1] - best_cp[1]) / best_cp[1] * 100:+.2f} %" if ours_score and best_cp and ours_score[0] == 0 else "-"
        rows.append({
            "instance": name, "limit": limit,
            "ours": fmt(ours_score) + spread, "ours_best_s": f"{ours['solver']['seconds_to_best']:.2f}" if ours else "-",
            "ours_feasible_s": f"{ours['solver']['seconds_to_feasible']:.2f}" if ours and ours["solver"]["seconds_to_feasible"] is not None else "never",
            "ours_mb": f"{peak / 1024:.0f}",
            "cp_equal": fmt(equal.get("score")) + f" ({equal['status']})",
            "cp_long": fmt(long.get("score")) + f" ({long['status']})",
            "cp_bound": f"{long['bound']:,.1f}" if "bound" in long else "-",
            "cp_mb": f"{long.get('peak_kb', 0) / 1024:.0f}",
            "cp_build_s": f"{long.get('build_seconds', '-')}",
            "gap": gap, "lower_bound": f"{ours_score[2]:,.1f}" if ours_score else "-",
        })
        print(rows[-1], file=sys.stderr)
    header = ("| instance | our limit | ours (soft) | ours: s to best | ours: s to feasible | ours peak MB | CP-SAT at equal time | "
              f"CP-SAT at {a.long:.0f} s | CP-SAT bound | CP-SAT peak MB | CP-SAT model build s | ours vs CP-SAT best | our lower bound |")
    lines = [header, "|" + "---|" * 13]
    for r in rows:
        lines.append(f"| {r['instance']} | {r['limit']} s | {r['ours']} | {r['ours_best_s']} | {r['ours_feasible_s']} | {r['ours_mb']} | "
                     f"{r['cp_equal']} | {r['cp_long']} | {r['cp_bound']} | {r['cp_mb']} | {r['cp_build_s']} | {r['gap']} | {r['lower_bound']} |")
    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), platform.processor())
    text = (f"# Scheduling benchmark\n\nDate: {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC; machine: {platform.node()}, "
            f"{os.cpu_count()} cores ({cpu}); ours: one thread, simulated annealing, the median of seeds 1-5 at 1 s, seed 1 at 10 s; CP-SAT: OR-Tools "
            f"{__import__('ortools').__version__}, default workers (all cores). Scores are the soft score of `intersession evaluate` "
            f"(lower is better; 'N hard' = infeasible); CP-SAT's equal-time run gets the same seconds of solving as ours "
            f"(its model build comes on top).\n\n" + "\n".join(lines) + "\n")
    print(text)
    out = ROOT / "Benchmarks" / "results" / f"scheduling{'-planted' if a.planted else ''}-{datetime.date.today()}.md"
    out.parent.mkdir(exist_ok=True)
    out.write_text(text)
    print(f"written to {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
