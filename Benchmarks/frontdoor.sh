#!/usr/bin/env bash
# The SSH front door against OpenSSH's sshd (issue 18): login time, memory per session, CPU while
# sessions sit idle, keystroke → frame latency with 1, 50 and 200 sessions typing. Needs Debian's
# openssh-server and asyncssh (Benchmarks/requirements.txt). Prints a table and writes
# Benchmarks/results/frontdoor-DATE.md, with the login's split (frontdoor_login.py). It runs twice:
# with asyncssh clients (all in one Python process: the login is timed there), then with one
# OpenSSH `ssh` per session (the clients' SSH work in C, as a delegate's own client does it, so
# that the keystroke latency at 200 sessions measures the servers rather than a Python client
# sharing their two cores).
# Usage: bash Benchmarks/frontdoor.sh [--sessions N]
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product intersession >/dev/null
swift build -c release --product intersession-benchmarks >/dev/null
out="Benchmarks/results/frontdoor-$(date -u +%Y-%m-%d).md"
bin="$(swift build -c release --show-bin-path)/intersession"
{
    python3 Benchmarks/frontdoor.py "$bin" --client asyncssh "$@"
    echo
    python3 Benchmarks/frontdoor.py "$bin" --client openssh "$@"
    echo
    python3 Benchmarks/frontdoor_login.py "$bin"
} | tee "$out"
