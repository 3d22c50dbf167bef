#!/usr/bin/env bash
# The SSH front door against OpenSSH's sshd (issue 18): login time, memory per session, CPU while
# sessions sit idle, keystroke → frame latency with 1, 50 and 200 sessions typing. Needs Debian's
# openssh-server and asyncssh (Benchmarks/requirements.txt). Prints a table and writes
# Benchmarks/results/frontdoor-DATE.md, with the login's split (frontdoor_login.py).
# Usage: bash Benchmarks/frontdoor.sh [--sessions N]
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product intersession >/dev/null
swift build -c release --product intersession-benchmarks >/dev/null
out="Benchmarks/results/frontdoor-$(date -u +%Y-%m-%d).md"
bin="$(swift build -c release --show-bin-path)/intersession"
{
    python3 Benchmarks/frontdoor.py "$bin" "$@"
    echo
    python3 Benchmarks/frontdoor_login.py "$bin"
} | tee "$out"
