#!/usr/bin/env bash
# idle-cpu.sh [RUNS] [SECONDS] — idle CPU of Firebreak running a 4-team
# exercise against the bare Fyne window (internal/bench/barewindow), side by
# side under Xvfb (issue 13 point 5; docs/architecture.md, "Start-up, memory
# and idle CPU"). Each run: a fresh database with an exercise of four teams
# played to 10:00 (internal/bench/midexercise), Firebreak opened on it
# (FIREBREAK_RESUME), its clock started with Space (the console's key), 5 s
# to settle, then user+system CPU of all its threads over SECONDS (default
# 30) from /proc/PID/stat; the bare window the same, untouched. Prints each
# run, the medians as % of one core, and the ratio. The console is shown;
# TABS=1 shows the first team's tab instead. BEFORE=BINARY measures an
# older Firebreak too, in the same runs (a before/after side by side with the
# same comparator). Needs xvfb, xdotool (scripts/install-deps.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/xbench.sh
runs=${1:-3}
secs=${2:-30}
tmp=$(mktemp -d)
trap 'xbench_cleanup; rm -rf "$tmp"' EXIT
# FB or BARE name a binary to measure instead of building this tree's (an
# older commit's, for a before/after). Either way the binary measured is a
# copy, as an installed one is: the resident share of a file the linker
# has just written is larger (17 MB more for Firebreak, 4 MB for the bare
# window, measured minutes apart), which is the page cache, not the program.
[ -n "${FB:-}" ] || { FB=$tmp/build/firebreak; go build -tags migrated_fynedo -o "$FB" .; }
[ -n "${BARE:-}" ] || { BARE=$tmp/build/barewindow; go build -tags migrated_fynedo -o "$BARE" ./internal/bench/barewindow; }
cp "$FB" "$tmp/firebreak"; cp "$BARE" "$tmp/barewindow"
[ -z "${BEFORE:-}" ] || cp "$BEFORE" "$tmp/before"
go build -o "$tmp/midexercise" ./internal/bench/midexercise
xbench_xvfb
hz=$(getconf CLK_TCK)
cputicks() { awk '{print $14 + $15}' "/proc/$1/stat"; } # utime + stime, all threads
# llvmticks: the same for the process's llvmpipe threads alone (Mesa's
# software rasteriser, which shades the pixels of each frame under Xvfb).
llvmticks() {
  local t n=0
  for t in /proc/$1/task/*; do
    [[ $(cat "$t/comm" 2>/dev/null) == llvmpipe* ]] && n=$((n + $(awk '{print $14 + $15}' "$t/stat")))
  done
  echo $n
}
measure() { # name (fb, before or bare) → "percent-of-a-core"
  local home="$tmp/home-$1-$RANDOM" id="" db="" bin="$tmp/firebreak"
  mkdir -p "$home"
  [ "$1" != before ] || bin="$tmp/before"
  if [ "$1" != bare ]; then
    db="$home/.config/firebreak/firebreak.db"
    id=$("$tmp/midexercise" -db "$db")
    # The exercise's title in the window's, once its screen is shown.
    FIREBREAK_RESUME="$id" xbench_start "$home" '^Firebreak .' "$bin"
    sleep 1
    xdotool windowfocus --sync "$xbench_win" key space
    # TABS=N shows the Nth tab after the console (ctrl+Tab), e.g. TABS=1
    # for the first team's.
    for _ in $(seq "${TABS:-0}"); do xdotool key ctrl+Tab; sleep 0.3; done
  else
    xbench_start "$home" '^barewindow$' "$tmp/barewindow"
  fi
  sleep 5
  local t0=$(cputicks $xbench_pid) l0=$(llvmticks $xbench_pid) s0=$(date +%s%N)
  sleep "$secs"
  local t1=$(cputicks $xbench_pid) l1=$(llvmticks $xbench_pid) s1=$(date +%s%N)
  if [ "$1" != bare ]; then
    # The clock must have run: the app saves it every second.
    local clock state
    read -r clock state < <("$tmp/midexercise" -db "$db" -clock "$id")
    if [ "$state" != running ] || [ "$clock" -lt $((600 + secs)) ]; then
      echo "idle-cpu: the exercise clock did not run ($clock s, $state)" >&2; xbench_stop; exit 1
    fi
  fi
  xbench_stop
  awk -v t=$((l1 - l0)) -v hz=$hz -v ns=$((s1 - s0)) 'BEGIN{printf "%.2f\n", 100 * t / hz / (ns / 1e9)}' >> "$tmp/llvm-$1"
  awk -v t=$((t1 - t0)) -v hz=$hz -v ns=$((s1 - s0)) 'BEGIN{printf "%.2f\n", 100 * t / hz / (ns / 1e9)}'
}
progs=(fb bare)
[ -z "${BEFORE:-}" ] || progs=(fb bare before)
for i in $(seq "$runs"); do
  # Each run starts with the next program, so none always has the warmest cache.
  for j in "${!progs[@]}"; do
    p=${progs[$(( (i + j) % ${#progs[@]} ))]}
    measure "$p" >> "$tmp/out-$p"
  done
done
for f in "${progs[@]}"; do
  echo "$f runs (% of a core over $secs s; in brackets, of which llvmpipe's threads):"
  paste -d' ' "$tmp/out-$f" "$tmp/llvm-$f" | awk '{printf "  %s (%s)\n", $1, $2}'
done
fb=$(xbench_median < "$tmp/out-fb"); bare=$(xbench_median < "$tmp/out-bare")
echo "median idle CPU, 4-team exercise running: firebreak ${fb} %, bare ${bare} %, ratio $(awk -v a=$fb -v b=$bare 'BEGIN{printf "%.2f", a/b}')"
for f in "${progs[@]}"; do echo "  median of llvmpipe's threads, $f: $(xbench_median < "$tmp/llvm-$f") %"; done
if [ -n "${BEFORE:-}" ]; then
  before=$(xbench_median < "$tmp/out-before")
  echo "  before (BEFORE): ${before} %, ratio $(awk -v a=$before -v b=$bare 'BEGIN{printf "%.2f", a/b}')"
fi
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) ($(nproc) cores)"
