# xbench.sh — helpers sourced by scripts/startup-compare.sh and
# scripts/idle-cpu.sh: a private Xvfb, starting a program and waiting for
# its window, stopping it.

# xbench_xvfb starts Xvfb on a free display (1366x768, a common laptop),
# exports DISPLAY and sets xbench_xlog to its log.
xbench_xvfb() {
  local d=97
  while [ -e /tmp/.X11-unix/X$d ] || [ -e /tmp/.X$d-lock ]; do d=$((d + 1)); done
  xbench_xlog=$(mktemp)
  Xvfb :$d -screen 0 1366x768x24 -nolisten tcp >"$xbench_xlog" 2>&1 &
  xbench_xpid=$!
  for _ in $(seq 50); do [ -e /tmp/.X11-unix/X$d ] && break; sleep 0.1; done
  export DISPLAY=:$d
}

xbench_cleanup() {
  [ -n "${xbench_xpid:-}" ] && kill "$xbench_xpid" 2>/dev/null
  rm -f "${xbench_xlog:-}"
}

# xbench_start HOME TITLE-REGEX PROGRAM [ARGS...] starts the program with
# HOME (its log in HOME/log) and waits until a window whose title matches
# is mapped, polling every 20 ms (`xdotool search --sync` polls every
# 500 ms). Sets xbench_pid, xbench_ms (from exec to the window) and
# xbench_win. A program that dies because GLFW could not open the display
# (it happens now and then under load) is started again, at most twice;
# any other death, or no window in 60 s, stops the script.
xbench_start() {
  local home=$1 title=$2 try start
  shift 2
  for try in 1 2 3; do
    start=$(date +%s%N)
    HOME="$home" "$@" >"$home/log" 2>&1 &
    xbench_pid=$!
    while ! xbench_win=$(xdotool search --onlyvisible --name "$title" 2>/dev/null | head -1) || [ -z "$xbench_win" ]; do
      if ! kill -0 $xbench_pid 2>/dev/null; then
        break
      fi
      if (( $(date +%s%N) - start > 60000000000 )); then
        echo "xbench: no window '$title' after 60 s" >&2; xbench_stop; exit 1
      fi
      sleep 0.02
    done
    if [ -n "$xbench_win" ] && kill -0 $xbench_pid 2>/dev/null; then
      xbench_ms=$(( ($(date +%s%N) - start) / 1000000 ))
      return 0
    fi
    wait $xbench_pid 2>/dev/null || true
    if grep -q PlatformUnavailable "$home/log" && [ $try -lt 3 ]; then
      echo "xbench: $1 could not open the display; starting it again" >&2
      continue
    fi
    echo "xbench: $1 exited before showing '$title':" >&2
    grep -v '^\s' "$home/log" | tail -5 >&2
    tail -3 "$xbench_xlog" >&2
    exit 1
  done
}

# xbench_stop ends the program started last: SIGTERM (Fyne quits
# cleanly), SIGKILL after 10 s.
xbench_stop() {
  kill $xbench_pid 2>/dev/null || return 0
  for _ in $(seq 100); do kill -0 $xbench_pid 2>/dev/null || break; sleep 0.1; done
  kill -9 $xbench_pid 2>/dev/null || true
  wait $xbench_pid 2>/dev/null || true
}

xbench_median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
