#!/usr/bin/env bash
# Programme builder benchmark: Benchmarks/instances/synthetic-200x1000.yaml, the solver's programme after 20 s, in the builder
# (in process): each edit key through the reducer (re-score, the edited session's violations, its
# heat over the day shown, who is in their night) then render and diff; and a selected session's
# heat along all five days alone. Prints a table and writes Benchmarks/results/builder-DATE.md.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product intersession-benchmarks >/dev/null
bin="$(swift build -c release --show-bin-path)"
out="Benchmarks/results/builder-$(date -u +%Y-%m-%d).md"
{
  echo "# Programme builder benchmark"
  echo
  echo "Date: $(date -u '+%Y-%m-%d %H:%M') UTC; host: $(hostname), $(nproc) cores; release build. Targets (issue 7): moving a session (re-score + render) median ≤ 10 ms; the burden heat of a selected session along 5 days ≤ 20 ms."
  echo
  "$bin/intersession-benchmarks" builder
} | tee "$out"
echo "written to $out"
