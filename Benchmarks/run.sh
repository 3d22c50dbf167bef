#!/usr/bin/env bash
# Builds the benchmarks in release mode and runs them; prints a table and writes it to
# Benchmarks/results/burden-DATE.md. Usage: bash Benchmarks/run.sh
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product intersession-benchmarks
mkdir -p Benchmarks/results
out="Benchmarks/results/burden-$(date -u +%Y-%m-%d).md"
"$(swift build -c release --show-bin-path)/intersession-benchmarks" --out "$out"
