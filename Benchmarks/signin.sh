#!/usr/bin/env bash
# Sign-in benchmark (issue 15): hash time and memory at the cost in force, sign-in time for a right
# password, a wrong one and an unknown username, sign-ins per second on one core. Prints a table
# and writes Benchmarks/results/signin-DATE.md. Usage: bash Benchmarks/signin.sh
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product intersession-benchmarks >/dev/null
out="Benchmarks/results/signin-$(date -u +%Y-%m-%d).md"
"$(swift build -c release --show-bin-path)/intersession-benchmarks" signin | tee "$out"
