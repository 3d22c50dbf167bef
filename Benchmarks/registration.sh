#!/usr/bin/env bash
# Registration benchmark: a 100,000-row CSV imported by `intersession delegates import`, side by
# side with sqlite3's `.import` of the same file into a plain table (the floor), then list, filter
# and search timings over the 100,000 delegates. Prints a table and writes it to
# Benchmarks/results/registration-DATE.md. Needs the sqlite3 command (Debian: sqlite3).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v sqlite3 >/dev/null || { echo "install sqlite3 (apt-get install sqlite3)"; exit 1; }
swift build -c release --product intersession >/dev/null
swift build -c release --product intersession-benchmarks >/dev/null
bin="$(swift build -c release --show-bin-path)"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
rows=${ROWS:-100000}
python3 Benchmarks/generate_delegates_csv.py "$rows" > "$work/delegates.csv"
"$bin/intersession" meeting import Agendas/kp-2021-intersessional.yaml --db "$work/template.sqlite" >/dev/null
"$bin/intersession" db backup "$work/empty.sqlite" --db "$work/template.sqlite" >/dev/null

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
ours=(); floor=()
for run in 1 2 3; do
    cp "$work/empty.sqlite" "$work/ours$run.sqlite"
    t0=$(date +%s.%N); "$bin/intersession" delegates import "$work/delegates.csv" --db "$work/ours$run.sqlite" >/dev/null; t1=$(date +%s.%N)
    ours+=("$(echo "$t1 - $t0" | bc)")
    rm -f "$work/floor$run.sqlite"
    t0=$(date +%s.%N); sqlite3 "$work/floor$run.sqlite" ".import --csv $work/delegates.csv plain"; t1=$(date +%s.%N)
    floor+=("$(echo "$t1 - $t0" | bc)")
done
# Our schema's own floor: sqlite3 alone writing the rows a finished import wrote (delegates with
# their indexes, the search index filled in one statement, the audit rows), in one transaction.
schema=(); again=()
for run in 1 2 3; do
    cp "$work/empty.sqlite" "$work/schema$run.sqlite"
    t0=$(date +%s.%N)
    sqlite3 "$work/schema$run.sqlite" "PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; ATTACH '$work/ours1.sqlite' AS done;
        BEGIN IMMEDIATE; DROP TRIGGER delegate_search_insert;
        INSERT INTO delegate SELECT * FROM done.delegate;
        INSERT INTO delegate_search (rowid, nameKey, emailKey) SELECT id, nameKey, emailKey FROM delegate;
        INSERT INTO audit SELECT * FROM done.audit WHERE action = 'delegate.import';
        $(sqlite3 "$work/ours1.sqlite" "SELECT sql FROM sqlite_master WHERE name = 'delegate_search_insert'"); COMMIT;"
    t1=$(date +%s.%N)
    schema+=("$(echo "$t1 - $t0" | bc)")
    # The same file again into the full database: every row matched by e-mail, nothing to write.
    t0=$(date +%s.%N); "$bin/intersession" delegates import "$work/delegates.csv" --db "$work/ours$run.sqlite" >/dev/null; t1=$(date +%s.%N)
    again+=("$(echo "$t1 - $t0" | bc)")
done
o=$(printf '%s\n' "${ours[@]}" | median); f=$(printf '%s\n' "${floor[@]}" | median)
sf=$(printf '%s\n' "${schema[@]}" | median); ag=$(printf '%s\n' "${again[@]}" | median)
ratio=$(echo "scale=1; $o / $f" | bc)
out="Benchmarks/results/registration-$(date -u +%Y-%m-%d).md"
{
  echo "# Registration benchmark"
  echo
  echo "Date: $(date -u '+%Y-%m-%d %H:%M') UTC; host: $(hostname), $(nproc) cores; release build; $rows rows; medians of 3 runs, side by side in one run."
  echo
  echo "| import of $rows rows | median | runs |"
  echo "|---|---:|---|"
  echo "| intersession delegates import (checks, e-mail matching, audit rows, one transaction) | ${o} s | ${ours[*]} |"
  echo "| sqlite3 .import into a plain table (the floor) | ${f} s | ${floor[*]} |"
  echo "| ratio to the floor (target ≤ 3×) | ${ratio}× | |"
  echo "| sqlite3 alone writing what our import writes (indexes, search index, audit rows) | ${sf} s | ${schema[*]} |"
  echo "| ratio of that to the floor (the cost of the schema itself) | $(echo "scale=1; $sf / $f" | bc)× | |"
  echo "| ratio of our import to sqlite3 writing the same rows (target ≤ 1.5×, issue 22) | $(echo "scale=2; $o / $sf" | bc)× | |"
  echo "| the same file imported again (all $rows matched, nothing written) | ${ag} s | ${again[*]} |"
  echo
  "$bin/intersession-benchmarks" queries --db "$work/ours1.sqlite"
} | tee "$out"
echo "written to $out"
