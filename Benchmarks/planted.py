#!/usr/bin/env python3
"""Feasibility on dense meetings with a programme known to exist (issue 21, part 1).

    python3 Benchmarks/planted.py              # the whole table (about 13 minutes)
    python3 Benchmarks/planted.py --quick      # 300 sessions at 85 %, seeds 1-2

For each class and seeds 1-5: `generate_instance.py --planted` makes the meeting and its planted
programme; `intersession evaluate` checks that the plant has no hard minutes (else the row says
so: the generator, not the solver, would be wrong); then `intersession plan` on one core
(taskset -c 0) with the class's time limit. Reported: how many seeds ended feasible, the median and
the longest time to the first feasible programme (`seconds_to_feasible`), the hard minutes left
where none was found. Prints a Markdown table and writes Benchmarks/results/planted-DATE.md.
"""
import argparse
import datetime
import json
import pathlib
import platform
import statistics
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
BIN = ROOT / ".build" / "release" / "intersession"
# (sessions asked, room use, days, time limit in seconds): the targets are 10 s up to
# 1,000 sessions at 85 % room use and 60 s at 90 %.
CLASSES = [(300, 0.70, 5, 10), (300, 0.85, 5, 10), (1000, 0.85, 10, 10), (300, 0.90, 5, 60), (1000, 0.90, 10, 60)]


def run(cmd, **kw):
    return subprocess.run([str(c) for c in cmd], capture_output=True, text=True, **kw)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--seeds", type=int, default=5)
    a = ap.parse_args()
    if run(["swift", "build", "-c", "release", "--product", "intersession"], cwd=ROOT).returncode != 0:
        sys.exit("release build failed")
    classes = [(300, 0.85, 5, 10)] if a.quick else CLASSES
    seeds = range(1, (2 if a.quick else a.seeds) + 1)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for sessions, use, days, limit in classes:
            feasible, times, left, notes, sizes = 0, [], [], [], []
            for seed in seeds:
                agenda = pathlib.Path(tmp) / f"planted-{sessions}-{round(use * 100)}-s{seed}.yaml"
                g = run([sys.executable, ROOT / "Benchmarks" / "generate_instance.py", "--planted", "--sessions",
                         sessions, "--use", use, "--days", days, "--seed", seed, "--out", agenda])
                if g.returncode != 0:
                    notes.append(f"seed {seed}: generator failed: {g.stderr.strip()[-200:]}")
                    continue
                sizes.append(g.stdout.strip())
                plant = agenda.with_name(agenda.name.removesuffix(".yaml") + ".programme.yaml")
                e = run([BIN, "evaluate", agenda, plant, "--format", "json"])
                if json.loads(e.stdout)["score"]["hard"] != 0:
                    notes.append(f"seed {seed}: the plant itself has hard minutes")
                    continue
                p = run(["taskset", "-c", "0", BIN, "plan", agenda, "--time-limit", limit, "--seed", seed,
                         "--format", "json"])
                d = json.loads(p.stdout)
                if d["score"]["hard"] == 0:
                    feasible += 1
                    times.append(d["solver"]["seconds_to_feasible"])
                else:
                    left.append(d["score"]["hard"])
                    causes = {v["constraint"] for v in d.get("violations", []) if "constraint" in v}
                    notes.append(f"seed {seed}: {d['score']['hard']} hard minutes left ({', '.join(sorted(causes))})")
            med = f"{statistics.median(times):.2f} s" if times else "—"
            worst = f"{max(times):.2f} s" if times else "—"
            rows.append((f"{sessions} sessions, {use:.0%} use, {days} days", limit, f"{feasible}/{len(seeds)}", med,
                         worst, ", ".join(map(str, left)) or "—", sizes, notes))
            print(rows[-1][:6], file=sys.stderr)
    lines = [
        f"# Planted dense meetings (issue 21), {datetime.date.today()}",
        "",
        f"Machine: {platform.machine()}, {platform.processor() or platform.platform()}; ours on one core "
        "(taskset -c 0), release build. Each seed's plant checked by `evaluate` first (0 hard minutes).",
        "",
        "| class | limit | feasible | time to feasible, median | longest | hard minutes left |",
        "|---|---:|---:|---:|---:|---|",
    ]
    for name, limit, ok, med, worst, left, _, _ in rows:
        lines.append(f"| {name} | {limit} s | {ok} | {med} | {worst} | {left} |")
    lines += ["", "Instances (generator's summary):", ""]
    for row in rows:
        lines += [f"- {s}" for s in row[6]] + [f"  - {n}" for n in row[7]]
    text = "\n".join(lines) + "\n"
    print(text)
    if not a.quick:
        out = ROOT / "Benchmarks" / "results" / f"planted-{datetime.date.today()}.md"
        out.write_text(text)


main()
