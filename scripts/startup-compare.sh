#!/usr/bin/env bash
# startup-compare.sh [RUNS] — Firebreak against a bare Fyne window with the
# same fonts (internal/bench/barewindow), side by side under Xvfb: time from
# exec to a mapped window, and resident memory 5 s after that. Prints each
# run, the medians and the ratios (issue 13 point 5; docs/architecture.md,
# "Start-up, memory and idle CPU"). Each run has a fresh HOME, so both start
# as on a new account. Needs xvfb, xdotool (scripts/install-deps.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/xbench.sh
runs=${1:-7}
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
xbench_xvfb
measure() { # name binary title → "ms rss-kB anon-kB"
  local home="$tmp/home-$1-$RANDOM"; mkdir -p "$home"
  xbench_start "$home" "^$3\$" "$2"
  sleep 5
  local kb=$(ps -o rss= -p $xbench_pid | tr -d ' ')
  # The anonymous part (heaps, stacks; not the mapped binary and
  # libraries, whose resident share depends on the page cache).
  local anon=$(awk '/^RssAnon:/{print $2}' /proc/$xbench_pid/status)
  xbench_stop
  echo "$xbench_ms $kb $anon"
}
: > "$tmp/fb" ; : > "$tmp/bare"
for i in $(seq "$runs"); do
  # Alternate which goes first, so neither always has the warmer cache.
  if (( i % 2 )); then
    measure fb "$tmp/firebreak" Firebreak >> "$tmp/fb"; measure bare "$tmp/barewindow" barewindow >> "$tmp/bare"
  else
    measure bare "$tmp/barewindow" barewindow >> "$tmp/bare"; measure fb "$tmp/firebreak" Firebreak >> "$tmp/fb"
  fi
done
for f in fb bare; do echo "$f runs (ms, resident kB, of which anonymous kB):"; sed 's/^/  /' "$tmp/$f"; done
fbt=$(cut -d' ' -f1 "$tmp/fb" | xbench_median); bt=$(cut -d' ' -f1 "$tmp/bare" | xbench_median)
fbm=$(cut -d' ' -f2 "$tmp/fb" | xbench_median); bm=$(cut -d' ' -f2 "$tmp/bare" | xbench_median)
fba=$(cut -d' ' -f3 "$tmp/fb" | xbench_median); ba=$(cut -d' ' -f3 "$tmp/bare" | xbench_median)
ratio() { awk -v a=$1 -v b=$2 'BEGIN{printf "%.2f", a/b}'; }
echo "median time to a visible window: firebreak ${fbt} ms, bare ${bt} ms, ratio $(ratio $fbt $bt)"
echo "median resident memory after 5 s: firebreak ${fbm} kB, bare ${bm} kB, ratio $(ratio $fbm $bm)"
echo "  of which anonymous: firebreak ${fba} kB, bare ${ba} kB, ratio $(ratio $fba $ba)"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) ($(nproc) cores)"
