#!/usr/bin/env bash
# Builds Firebreak's packages with `fyne package` (fyne.io/tools, pinned
# below and installed into a temporary folder with `go install …@version`, so
# nothing is added to go.mod and every machine runs the same version).
# Metadata (name, app id, version, icon, the migrated_fynedo tag) comes from
# FyneApp.toml.
#
#   scripts/dist.sh [linux|windows|all]     (default: all)
#   DIST_DIR=dist/ci scripts/dist.sh linux BINARY
#                                           package BINARY, already built (CI packages the
#                                           binary its build step made, instead of compiling
#                                           a second, release one); only into a DIST_DIR other
#                                           than dist/, which holds release builds only (make
#                                           trusts their timestamps)
#
# into DIST_DIR (default dist/):
#   dist/Firebreak-linux-amd64.tar.xz   firebreak/Makefile, firebreak/usr/local/bin/firebreak,
#                                       …/share/applications/app.firebreak.drill.desktop,
#                                       …/share/pixmaps/app.firebreak.drill.png
#                                       (unpack, then `make user-install`; or `make install` here)
#   dist/Firebreak-windows-amd64.exe    cross-compiled with mingw-w64 (icon, version
#                                       information and manifest embedded)
#
# Both are built with -release (stripped, -trimpath, Fyne's release mode).
# The tarball is compressed by xz at its default level (-6, about 40 s of CPU
# for the 57 MB binary); XZ_OPT=-0 makes it in a few seconds, 15% larger.
#
# A macOS .app cannot be built here (cgo needs Apple's SDK); on a Mac run
#   go run fyne.io/tools/cmd/fyne@v1.7.4 package -os darwin -release --tags migrated_fynedo
# (docs/packaging.md).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
what=${1:-all}
prebuilt=${2:-}
case "$what" in linux|windows|all) ;; *) echo "usage: $0 [linux|windows|all] | $0 linux BINARY" >&2; exit 2;; esac
out=${DIST_DIR:-dist}
case "$out" in /*) ;; *) out=$root/$out;; esac
if [ -n "$prebuilt" ]; then
  [ "$what" = linux ] || { echo "$0: a prebuilt BINARY is for the linux package only" >&2; exit 2; }
  [ -x "$prebuilt" ] || { echo "$0: $prebuilt is not an executable" >&2; exit 2; }
  [ "$(realpath -m "$out")" != "$(realpath -m "$root/dist")" ] ||
    { echo "$0: set DIST_DIR for a prebuilt binary's package (dist/ holds the release builds make dist checks by date)" >&2; exit 2; }
  prebuilt=$(realpath "$prebuilt")
fi

FYNE_TOOLS=fyne.io/tools/cmd/fyne@v1.7.4
mkdir -p "$out"
meta=$(mktemp -d)
# `fyne package` counts builds by rewriting FyneApp.toml (Build = n+1); a
# package build must not change a tracked file, so put it back afterwards.
cp -p FyneApp.toml "$meta/"
cleanup() {
  cp -p "$meta/FyneApp.toml" "$root/FyneApp.toml"
  rm -rf "$meta" "$out/.stage-linux"
  rm -f "$root/fyne.syso" "$root/fyne_metadata_init.go" "$root/firebreak.exe" "$root/Firebreak.exe"
}
trap cleanup EXIT

# The tool is built for this machine (not with the Windows build's GOOS/CC,
# hence not `go run`); from the build cache this takes a second or two.
GOBIN=$meta go install "$FYNE_TOOLS"
fyne() { "$meta/fyne" "$@"; }

build_linux() {
  # Built straight into a staging folder (--executable names a file that does
  # not exist yet, so fyne builds it there): `fyne package` would otherwise
  # build ./firebreak and delete the developer's own ./firebreak first. A
  # prebuilt binary is copied there instead, and fyne packages it as it is.
  local stage=$out/.stage-linux start=$SECONDS
  rm -rf "$stage"; mkdir -p "$stage"
  [ -z "$prebuilt" ] || cp "$prebuilt" "$stage/firebreak"
  (cd "$stage" && fyne package -os linux -release --tags migrated_fynedo \
      --src "$root" --executable "$stage/firebreak")
  mv "$stage/Firebreak.tar.xz" "$out/Firebreak-linux-amd64.tar.xz"
  echo "dist: $(du -h "$out/Firebreak-linux-amd64.tar.xz" | cut -f1) $(realpath --relative-to="$root" "$out/Firebreak-linux-amd64.tar.xz") ($((SECONDS - start)) s)"
}

build_windows() {
  local cc=${WINDOWS_CC:-x86_64-w64-mingw32-gcc} start=$SECONDS
  command -v "$cc" >/dev/null || { echo "dist: $cc not found; run scripts/install-deps.sh (gcc-mingw-w64-x86-64)" >&2; exit 1; }
  # fyne writes the icon and version resource as ./fyne.syso, builds
  # ./firebreak.exe and names it after the app (Firebreak.exe).
  rm -f "$root/firebreak.exe" "$root/Firebreak.exe"
  CGO_ENABLED=1 GOOS=windows GOARCH=amd64 CC="$cc" \
    fyne package -os windows -release --tags migrated_fynedo --src "$root"
  mv "$root/Firebreak.exe" "$out/Firebreak-windows-amd64.exe"
  echo "dist: $(du -h "$out/Firebreak-windows-amd64.exe" | cut -f1) $(realpath --relative-to="$root" "$out/Firebreak-windows-amd64.exe") ($((SECONDS - start)) s)"
}

case "$what" in
  linux) build_linux;;
  windows) build_windows;;
  all) build_linux; build_windows;;
esac
