#!/usr/bin/env bash
# Terminal UI benchmark: keystroke → reduce → render → diff over 1,000 sessions and 20,000
# delegates (in process), then the real program in a pseudo-terminal: start to first frame and
# bytes written per keystroke. Prints a table and writes Benchmarks/results/tui-DATE.md.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product intersession >/dev/null
swift build -c release --product intersession-benchmarks >/dev/null
bin="$(swift build -c release --show-bin-path)"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export INTERSESSION_DB="$work/tui.sqlite"
"$bin/intersession" meeting import Agendas/kp-2021-intersessional.yaml >/dev/null
"$bin/intersession" programme import Agendas/kp-2021-intersessional.programme.yaml >/dev/null
"$bin/intersession" delegates add --delegation RU --given Алексей --family Моисеев --email am@mid.ru >/dev/null
"$bin/intersession" delegates approve 1 >/dev/null
token=$("$bin/intersession" accounts issue 1 2>/dev/null | awk '$1 == "1" {print $NF}')
out="Benchmarks/results/tui-$(date -u +%Y-%m-%d).md"
{
  echo "# Terminal UI benchmark"
  echo
  echo "Date: $(date -u '+%Y-%m-%d %H:%M') UTC; host: $(hostname), $(nproc) cores; release build. Targets: ≤ 5 ms median and ≤ 16 ms p99 per keystroke, ≤ 200 ms to the first frame."
  echo
  "$bin/intersession-benchmarks" keystrokes
  echo
  python3 Benchmarks/tui_terminal.py "$bin/intersession" "$INTERSESSION_DB" amoiseev "$token"
} | tee "$out"
echo "written to $out"
