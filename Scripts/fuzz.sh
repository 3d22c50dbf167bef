#!/usr/bin/env bash
# Fuzz one reader with libFuzzer: Scripts/fuzz.sh TARGET SECONDS [RUNS]
#   TARGET: agenda | scheduler | programme | csv | keys
#   SECONDS: how long at most (wall clock); RUNS: stop after that many executions
# Builds Tests/Fuzz with -sanitize=fuzzer,address (release, its own .build-fuzz folder; with
# FUZZ_SANITIZERS=fuzzer, without AddressSanitizer, about twice the executions a second, in
# .build-fuzz-plain: Swift checks its own memory, ASan watches the C underneath: libyaml), starts
# from the seeds in Tests/Fuzz/Corpus/TARGET, keeps what it learns in .build-fuzz/corpus/TARGET,
# writes any crashing input to Benchmarks/results/fuzz-crashes/, and prints one line:
#   fuzz TARGET: N executions in S s, K crashes
# It exits 1 when it found a crash (replay one with: swift run intersession-fuzz TARGET FILE).
set -euo pipefail
cd "$(dirname "$0")/.."
target=${1:?usage: Scripts/fuzz.sh agenda|programme|csv|keys SECONDS}
seconds=${2:?usage: Scripts/fuzz.sh TARGET SECONDS}
runs_limit=${3:-}
case "$target" in agenda|scheduler|programme|csv|keys) ;; *) echo "fuzz: unknown target '$target'" >&2; exit 64 ;; esac
[[ "$seconds" =~ ^[0-9]+$ ]] || { echo "fuzz: SECONDS must be a whole number" >&2; exit 64; }
[[ -z "$runs_limit" || "$runs_limit" =~ ^[0-9]+$ ]] || { echo "fuzz: RUNS must be a whole number" >&2; exit 64; }

sanitizers=${FUZZ_SANITIZERS:-fuzzer,address}
case "$sanitizers" in fuzzer,address) scratch=.build-fuzz ;; fuzzer) scratch=.build-fuzz-plain ;;
    *) echo "fuzz: FUZZ_SANITIZERS is fuzzer,address or fuzzer" >&2; exit 64 ;; esac
swift build -c release --scratch-path "$scratch" --product intersession-fuzz \
    -Xswiftc -sanitize="$sanitizers" -Xswiftc -Xclang-linker -Xswiftc -fsanitize=fuzzer-no-link -Xswiftc -DFUZZING -Xswiftc -parse-as-library >&2
bin=$(swift build -c release --scratch-path "$scratch" --product intersession-fuzz --show-bin-path)/intersession-fuzz

corpus=.build-fuzz/corpus/$target
crashes=Benchmarks/results/fuzz-crashes
mkdir -p "$corpus" "$crashes"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
set +e
ASAN_OPTIONS=detect_leaks=0 FUZZ_TARGET=$target "$bin" "$corpus" "Tests/Fuzz/Corpus/$target" \
    -max_total_time="$seconds" -max_len=16384 -rss_limit_mb=4096 -timeout=20 -print_final_stats=1 -detect_leaks=0 \
    -artifact_prefix="$crashes/$target-" ${runs_limit:+-runs=$runs_limit} 2> "$log"
status=$?
set -e
runs=$(grep -Eo 'stat::number_of_executed_units: *[0-9]+' "$log" | grep -Eo '[0-9]+$' | tail -1)
time=$(grep -Eo 'Done [0-9]+ runs in [0-9]+ second' "$log" | grep -Eo 'in [0-9]+' | grep -Eo '[0-9]+' | tail -1)
found=$(grep -c -E '^==[0-9]+==ERROR|deadly signal|Fatal error|SUMMARY: (Address|libFuzzer)' "$log" || true)
echo "fuzz $target ($sanitizers): ${runs:-0} executions in ${time:-$seconds} s, $found crashes"
if [ "$status" -ne 0 ] || [ "$found" -ne 0 ]; then
    grep -E 'Fatal error|ERROR|SUMMARY|Test unit written' "$log" | head -20 >&2
    exit 1
fi
