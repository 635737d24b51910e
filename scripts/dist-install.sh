#!/usr/bin/env bash
# Installs Firebreak's Linux package for the current user, or removes it:
#
#   scripts/dist-install.sh install [PACKAGE.tar.xz]   (default: dist/Firebreak-linux-amd64.tar.xz)
#   scripts/dist-install.sh uninstall
#
# install unpacks the package and runs its own Makefile's `user-install`
# (written by `fyne package`), which puts
#   ~/.local/bin/firebreak
#   ~/.local/share/applications/app.firebreak.drill.desktop  (Exec= the full path above)
#   ~/.local/share/icons/app.firebreak.drill.png
# so Firebreak appears in the desktop's applications menu; no root needed.
# uninstall removes those three files (the exercises in ~/.config/firebreak stay).
set -euo pipefail
cd "$(dirname "$0")/.."
app_id=app.firebreak.drill
bin=$HOME/.local/bin/firebreak
desktop=$HOME/.local/share/applications/$app_id.desktop
icon=$HOME/.local/share/icons/$app_id.png

case "${1:-}" in
  install)
    pkg=${2:-dist/Firebreak-linux-amd64.tar.xz}
    [ -f "$pkg" ] || { echo "no package at $pkg: run make dist-linux (or make install) first" >&2; exit 1; }
    tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
    tar -xJf "$pkg" -C "$tmp"
    make --no-print-directory -s -C "$tmp/firebreak" user-install
    # Desktop menus watch ~/.local/share/applications; the entry declares no
    # MIME types, so there is no cache to refresh (update-desktop-database).
    echo "installed: $bin"
    echo "           $desktop"
    echo "           $icon"
    case ":$PATH:" in *":$HOME/.local/bin:"*) ;; *)
      echo "(the menu entry runs $bin by its full path; add ~/.local/bin to PATH to type 'firebreak')";;
    esac
    ;;
  uninstall)
    for f in "$desktop" "$bin" "$icon"; do
      if [ -e "$f" ]; then rm -f "$f"; echo "removed: $f"; fi
    done
    ;;
  *) echo "usage: $0 install [PACKAGE.tar.xz] | uninstall" >&2; exit 2;;
esac
