#!/usr/bin/env bash
# The crash harness (issue 18): kills `firebreak play` and `firebreak host`
# (SIGKILL, one to three times in a row, a third of the kills in the
# process's first second) and runs them again to the end; every trial must
# end with the result of an uninterrupted run and one exercise in the
# database. Play trials rotate over the built-in scenarios' scripts; host
# trials run two team laptops (join --script) on loopback.
#
#   bash scripts/crash-harness.sh [PLAY_TRIALS] [HOST_TRIALS]
#
# CI runs `bash scripts/crash-harness.sh 20 1` (about a minute and a half);
# the figure in the issue is `bash scripts/crash-harness.sh 500 20`.
# FIREBREAK_CRASH_SEED=N replays one run's choices (the log prints its seed).
set -euo pipefail
cd "$(dirname "$0")/.."
export FIREBREAK_CRASH_PLAY=${1:-40} FIREBREAK_CRASH_HOST=${2:-2}
timeout=$(( 600 + FIREBREAK_CRASH_PLAY * 6 + FIREBREAK_CRASH_HOST * 120 ))
go test -tags crash,ci,migrated_fynedo -count=1 -timeout "${timeout}s" -run '^TestCrashHarness' -v ./internal/cli/
