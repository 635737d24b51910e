#!/usr/bin/env bash
# idle-cpu.sh [RUNS] [SECONDS] — idle CPU of Firebreak running a 4-team
# exercise against the bare Fyne window (internal/bench/barewindow), side by
# side under Xvfb (issue 13 point 5; docs/architecture.md, "Start-up, memory
# and idle CPU"). Each run: a fresh database with an exercise of four teams
# played to 10:00 (internal/bench/midexercise), Firebreak opened on it
# (FIREBREAK_RESUME), its clock started with Space (the console's key), 5 s
# to settle, then user+system CPU over SECONDS (default 30) from
# /proc/PID/stat; the bare window the same, untouched. Prints each run, the
# medians as % of one core, and the ratio. Needs xvfb, xdotool
# (scripts/install-deps.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
secs=${2:-30}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go build -tags migrated_fynedo -o "$tmp/firebreak" .
go build -tags migrated_fynedo -o "$tmp/barewindow" ./internal/bench/barewindow
go build -o "$tmp/midexercise" ./internal/bench/midexercise
d=97
while [ -e /tmp/.X11-unix/X$d ] || [ -e /tmp/.X$d-lock ]; do d=$((d+1)); done
Xvfb :$d -screen 0 1366x768x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb 2>/dev/null; rm -rf "$tmp"' EXIT
for _ in $(seq 50); do [ -e /tmp/.X11-unix/X$d ] && break; sleep 0.1; done
export DISPLAY=:$d
hz=$(getconf CLK_TCK)
cputicks() { awk '{print $14 + $15}' "/proc/$1/stat"; } # utime + stime
window() { # title pid log → window id, once visible
  local w="" n=0
  until w=$(xdotool search --onlyvisible --name "$1" 2>/dev/null | head -1) && [ -n "$w" ]; do
    kill -0 "$2" 2>/dev/null || { echo "idle-cpu: the program exited before showing '$1':" >&2; tail -5 "$3" >&2; exit 1; }
    n=$((n + 1)); (( n < 1200 )) || { echo "idle-cpu: no window '$1' after 60 s" >&2; kill "$2"; exit 1; }
    sleep 0.05
  done
  echo "$w"
}
measure() { # name → "percent-of-a-core"
  local home="$tmp/home-$1-$RANDOM" id="" pid w
  mkdir -p "$home"
  if [ "$1" = fb ]; then
    local db="$home/.config/firebreak/firebreak.db"
    id=$("$tmp/midexercise" -db "$db")
    HOME="$home" FIREBREAK_RESUME="$id" "$tmp/firebreak" >"$home/log" 2>&1 &
    pid=$!
    w=$(window '^Firebreak .' $pid "$home/log") # the exercise's title, once it is shown
    sleep 1
    xdotool windowfocus --sync "$w" key space
  else
    HOME="$home" "$tmp/barewindow" >"$home/log" 2>&1 &
    pid=$!
    window '^barewindow$' $pid "$home/log" >/dev/null
  fi
  sleep 5
  local t0=$(cputicks $pid) s0=$(date +%s%N)
  sleep "$secs"
  local t1=$(cputicks $pid) s1=$(date +%s%N)
  if [ "$1" = fb ]; then
    # The clock must have run: the app saves it every second.
    read -r clock state < <("$tmp/midexercise" -db "$db" -clock "$id")
    if [ "$state" != running ] || [ "$clock" -lt $((600 + secs)) ]; then
      echo "idle-cpu: the exercise clock did not run ($clock s, $state)" >&2; kill $pid; exit 1
    fi
  fi
  kill $pid; wait $pid 2>/dev/null || true
  awk -v t=$((t1 - t0)) -v hz=$hz -v ns=$((s1 - s0)) 'BEGIN{printf "%.2f\n", 100 * t / hz / (ns / 1e9)}'
}
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
: > "$tmp/fb" ; : > "$tmp/bare"
for i in $(seq "$runs"); do
  if (( i % 2 )); then
    measure fb >> "$tmp/fb"; measure bare >> "$tmp/bare"
  else
    measure bare >> "$tmp/bare"; measure fb >> "$tmp/fb"
  fi
done
for f in fb bare; do echo "$f runs (% of a core over $secs s):"; sed 's/^/  /' "$tmp/$f"; done
fb=$(median < "$tmp/fb"); bare=$(median < "$tmp/bare")
echo "median idle CPU, 4-team exercise running: firebreak ${fb} %, bare ${bare} %, ratio $(awk -v a=$fb -v b=$bare 'BEGIN{printf "%.2f", a/b}')"
