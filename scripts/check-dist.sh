#!/usr/bin/env bash
# Checks the packages scripts/dist.sh made (CI runs it after dist.sh):
#   Linux  the tarball unpacks and holds the binary, the .desktop file, the
#          icon and fyne's Makefile; the .desktop file validates
#          (desktop-file-validate); `scripts/dist-install.sh install` into a
#          throwaway HOME puts a menu entry whose Exec is the installed binary
#          and whose Icon is installed; that binary starts under Xvfb
#          (scripts/gui-smoke.sh); uninstall leaves none of the files behind.
#   Windows (when dist/Firebreak-windows-amd64.exe exists, or is required
#          with --windows) the .exe linked: a PE32+ x86-64 GUI executable with
#          its resource section (icon, version information, manifest).
#
#   [DIST_DIR=dist] scripts/check-dist.sh [--windows]
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${DIST_DIR:-dist}
pkg=$dir/Firebreak-linux-amd64.tar.xz
exe=$dir/Firebreak-windows-amd64.exe
app_id=app.firebreak.drill
need_windows=""
[ "${1:-}" = "--windows" ] && need_windows=1

fail() { echo "check-dist: $*" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Linux: contents.
[ -f "$pkg" ] || fail "no $pkg (run scripts/dist.sh linux)"
tar -tJf "$pkg" >"$tmp/list" || fail "$pkg does not unpack"
for f in firebreak/Makefile firebreak/usr/local/bin/firebreak \
         "firebreak/usr/local/share/applications/$app_id.desktop" \
         "firebreak/usr/local/share/pixmaps/$app_id.png"; do
  grep -qx "$f" "$tmp/list" || { cat "$tmp/list"; fail "$pkg lacks $f"; }
done
mkdir "$tmp/unpacked"
tar -xJf "$pkg" -C "$tmp/unpacked"
bin=$tmp/unpacked/firebreak/usr/local/bin/firebreak
file -b "$bin" | grep -q 'ELF 64-bit.*x86-64' || fail "the packaged binary is not an x86-64 ELF: $(file -b "$bin")"
echo "check-dist: $pkg ($(du -h "$pkg" | cut -f1)) unpacks: $(grep -vc '/$' "$tmp/list") files, binary $(du -h "$bin" | cut -f1)"

# The .desktop file as packaged: desktop-file-validate prints errors,
# warnings and hints; any of them fails the check.
validate() {
  local out
  out=$(desktop-file-validate "$1" 2>&1) || { echo "$out"; fail "desktop-file-validate rejects $1"; }
  [ -z "$out" ] || { echo "$out"; fail "desktop-file-validate complains about $1"; }
}
validate "$tmp/unpacked/firebreak/usr/local/share/applications/$app_id.desktop"
echo "check-dist: desktop-file-validate: the packaged $app_id.desktop is clean"

# Install for a user whose HOME is a throwaway folder.
home=$tmp/home; mkdir "$home"
HOME=$home bash scripts/dist-install.sh install "$pkg" >"$tmp/install.log" || { cat "$tmp/install.log"; fail "install failed"; }
desktop=$home/.local/share/applications/$app_id.desktop
[ -f "$desktop" ] || fail "install put no $desktop"
validate "$desktop"
exec_line=$(grep -m1 '^Exec=' "$desktop"); exec_path=${exec_line#Exec=}; exec_path=${exec_path%% *}
[ "$exec_path" = "$home/.local/bin/firebreak" ] || fail "the menu entry's $exec_line is not the installed binary $home/.local/bin/firebreak"
[ -x "$exec_path" ] || fail "the menu entry's $exec_line is not an executable file"
icon_name=$(grep -m1 '^Icon=' "$desktop" | cut -d= -f2)
[ -f "$home/.local/share/icons/$icon_name.png" ] || fail "the menu entry's Icon=$icon_name is not installed in ~/.local/share/icons"
cmp -s "$exec_path" "$bin" || fail "the installed binary differs from the packaged one"
echo "check-dist: installed into a fresh HOME: $exec_line exists, Icon=$icon_name installed, the entry validates"

# The installed binary, started the way the menu starts it.
bash scripts/gui-smoke.sh "$exec_path"

HOME=$home bash scripts/dist-install.sh uninstall >/dev/null
left=$(find "$home/.local" -type f | sed "s|^$home|~|")
[ -z "$left" ] || fail "uninstall left: $left"
echo "check-dist: uninstall removed the binary, the menu entry and the icon"

# Windows: linked.
if [ -f "$exe" ]; then
  kind=$(file -b "$exe")
  case "$kind" in "PE32+ executable (GUI) x86-64"*) ;; *) fail "$exe is not a 64-bit Windows GUI executable: $kind";; esac
  objdump=${WINDOWS_OBJDUMP:-x86_64-w64-mingw32-objdump}
  if command -v "$objdump" >/dev/null; then
    "$objdump" -h "$exe" | grep -q '\.rsrc' || fail "$exe has no resource section (icon and version information)"
    kind="$kind, with .rsrc"
  fi
  echo "check-dist: $exe ($(du -h "$exe" | cut -f1)): $kind"
elif [ -n "$need_windows" ]; then
  fail "no $exe (run scripts/dist.sh windows)"
fi
