#!/usr/bin/env bash
# Installs the Debian packages Firebreak needs to build (Fyne's cgo/GLFW
# build), to run its GUI checks under a virtual display (xvfb, xdotool; the
# start-up and idle-CPU comparisons, scripts/startup-compare.sh and
# scripts/idle-cpu.sh, also use ps from procps), and to check its PDF
# reports (poppler-utils: pdftotext, pdftoppm); iproute2 for the discovery
# tests' network check (scripts/ensure-multicast.sh); for the packages
# (make install, scripts/dist.sh, check-dist.sh): make, the mingw-w64 C
# compiler for the Windows .exe, desktop-file-utils (desktop-file-validate),
# xz-utils and file. Safe to re-run.
set -euo pipefail
pkgs=(gcc pkg-config libgl1-mesa-dev xorg-dev libwayland-dev libxkbcommon-dev xvfb xdotool imagemagick graphviz poppler-utils iproute2 make gcc-mingw-w64-x86-64 desktop-file-utils xz-utils file procps)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo=sudo
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}"
fi
command -v go >/dev/null || [ -x /usr/local/go/bin/go ] || { echo "install Go 1.26 first (https://go.dev/dl)"; exit 1; }
