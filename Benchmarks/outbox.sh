#!/usr/bin/env bash
# Outbox benchmark (issue 20): the account letters and a change notice for 20,000 delegates
# composed and handed to the file transport, then the notices through the outbox of a database
# file; on one core (taskset), once with the files on the disk's temporary folder and once on
# tmpfs (/dev/shm), so the filesystem's share shows. Prints the tables and writes them to
# Benchmarks/results/outbox-DATE.md. Usage: bash Benchmarks/outbox.sh [DELEGATES]
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product intersession-benchmarks >/dev/null
bin="$(swift build -c release --show-bin-path)/intersession-benchmarks"
out="Benchmarks/results/outbox-$(date -u +%Y-%m-%d).md"
{
    echo "## Files on the disk (${TMPDIR:-/tmp})"
    echo
    taskset -c 0 "$bin" outbox --db "${1:-20000}"
    echo "## Files on tmpfs (/dev/shm)"
    echo
    TMPDIR=/dev/shm taskset -c 0 "$bin" outbox --db "${1:-20000}"
} | tee "$out"
