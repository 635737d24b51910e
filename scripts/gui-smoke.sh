#!/usr/bin/env bash
# Starts the app under Xvfb with a throwaway database and checks that its
# window appears and the process stays alive for a few seconds.
set -euo pipefail
bin=${1:-./firebreak}
d=99
while [ -e /tmp/.X11-unix/X$d ] || [ -e /tmp/.X$d-lock ]; do d=$((d+1)); done
Xvfb :$d -screen 0 1366x768x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
home=$(mktemp -d)
# The app may still be writing its settings as it stops: wait for it before
# removing its home.
cleanup() {
  if [ -n "${app:-}" ]; then kill "$app" 2>/dev/null || true; wait "$app" 2>/dev/null || true; fi
  kill $xvfb 2>/dev/null || true
  rm -rf "$home" 2>/dev/null || { sleep 1; rm -rf "$home" 2>/dev/null || true; }
}
trap cleanup EXIT
# The socket appears before the server answers: wait until it does.
for _ in $(seq 50); do
  [ -e /tmp/.X11-unix/X$d ] && DISPLAY=:$d xdotool getdisplaygeometry >/dev/null 2>&1 && break
  sleep 0.1
done
# Under load GLFW now and then finds no display even so
# ("PlatformUnavailable"): start the app again then, at most twice (as
# scripts/xbench.sh does); any other failure stops the check.
found=""
for try in 1 2 3; do
  DISPLAY=:$d HOME=$home XDG_CONFIG_HOME=$home/.config "$bin" >"$home/log" 2>&1 &
  app=$!
  for _ in $(seq 40); do
    if DISPLAY=:$d xdotool search --name '^Firebreak' >/dev/null 2>&1; then found=1; break; fi
    kill -0 $app 2>/dev/null || break
    sleep 0.25
  done
  [ -n "$found" ] && break
  if ! kill -0 $app 2>/dev/null && grep -q PlatformUnavailable "$home/log" && [ $try -lt 3 ]; then
    echo "GUI smoke: GLFW found no display; starting the app again"
    wait $app 2>/dev/null || true
    sleep 1
    continue
  fi
  break
done
[ -n "$found" ] || { echo "GUI smoke: no Firebreak window appeared"; cat "$home/log"; exit 1; }
sleep 3
kill -0 $app 2>/dev/null || { echo "GUI smoke: the app died"; cat "$home/log"; exit 1; }
# A fresh account: Fyne must have made its folders (it used to print
# "Failed to create fyne cache space" when ~/.cache did not exist).
if grep -q "Failed to create" "$home/log"; then echo "GUI smoke: the app could not make its folders:"; cat "$home/log"; exit 1; fi
# The window fits the 1366×768 screen it opened on.
eval "$(DISPLAY=:$d xdotool search --name '^Firebreak' getwindowgeometry --shell | head -n 6)"
if [ "${WIDTH:-0}" -gt 1366 ] || [ "${HEIGHT:-0}" -gt 768 ] || [ "${WIDTH:-0}" -eq 0 ]; then
  echo "GUI smoke: the window is ${WIDTH:-?}×${HEIGHT:-?}, larger than the 1366×768 screen"; exit 1
fi
echo "GUI smoke: window 'Firebreak' (${WIDTH}×${HEIGHT} on 1366×768) is up, made its folders and the app stayed alive"
