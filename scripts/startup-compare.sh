#!/usr/bin/env bash
# startup-compare.sh [RUNS] — Firebreak against a bare Fyne window with the
# same fonts (internal/bench/barewindow), side by side under Xvfb: time from
# exec to a mapped window, and resident memory 5 s after that. Prints each
# run, the medians and the ratios (issue 13 point 5; docs/architecture.md,
# "Start-up, memory and idle CPU"). Needs xvfb, xdotool (scripts/install-deps.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go build -tags migrated_fynedo -o "$tmp/firebreak" .
go build -tags migrated_fynedo -o "$tmp/barewindow" ./internal/bench/barewindow
d=97
while [ -e /tmp/.X11-unix/X$d ] || [ -e /tmp/.X$d-lock ]; do d=$((d+1)); done
Xvfb :$d -screen 0 1366x768x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb 2>/dev/null; rm -rf "$tmp"' EXIT
for _ in $(seq 50); do [ -e /tmp/.X11-unix/X$d ] && break; sleep 0.1; done
export DISPLAY=:$d
measure() { # name binary title → "ms kb"
  local home="$tmp/home-$1-$RANDOM"; mkdir -p "$home"
  local start=$(date +%s%N)
  HOME="$home" "$2" >"$home/log" 2>&1 &
  local pid=$!
  # Poll every 20 ms: `xdotool search --sync` polls only every 500 ms,
  # which made the times multiples of half a second.
  until xdotool search --onlyvisible --name "^$3\$" >/dev/null 2>&1; do
    if ! kill -0 $pid 2>/dev/null; then
      echo "startup-compare: $1 exited before showing its window:" >&2; tail -5 "$home/log" >&2; exit 1
    fi
    (( $(date +%s%N) - start < 60000000000 )) || { echo "startup-compare: no $1 window after 60 s" >&2; kill $pid; exit 1; }
    sleep 0.02
  done
  local ms=$(( ($(date +%s%N) - start) / 1000000 ))
  sleep 5
  local kb=$(ps -o rss= -p $pid | tr -d ' ')
  kill $pid; wait $pid 2>/dev/null || true
  echo "$ms $kb"
}
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
: > "$tmp/fb" ; : > "$tmp/bare"
for i in $(seq "$runs"); do
  # Alternate which goes first, so neither always has the warmer cache.
  if (( i % 2 )); then
    measure fb "$tmp/firebreak" Firebreak >> "$tmp/fb"; measure bare "$tmp/barewindow" barewindow >> "$tmp/bare"
  else
    measure bare "$tmp/barewindow" barewindow >> "$tmp/bare"; measure fb "$tmp/firebreak" Firebreak >> "$tmp/fb"
  fi
done
for f in fb bare; do echo "$f runs (ms kB):"; sed 's/^/  /' "$tmp/$f"; done
fbt=$(cut -d' ' -f1 "$tmp/fb" | median); bt=$(cut -d' ' -f1 "$tmp/bare" | median)
fbm=$(cut -d' ' -f2 "$tmp/fb" | median); bm=$(cut -d' ' -f2 "$tmp/bare" | median)
echo "median time to a visible window: firebreak ${fbt} ms, bare ${bt} ms, ratio $(awk -v a=$fbt -v b=$bt 'BEGIN{printf "%.2f", a/b}')"
echo "median resident memory after 5 s: firebreak ${fbm} kB, bare ${bm} kB, ratio $(awk -v a=$fbm -v b=$bm 'BEGIN{printf "%.2f", a/b}')"
