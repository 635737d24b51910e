#!/usr/bin/env bash
# Rebuild the bundled CJK fonts (NotoSansSC-Regular.ttf, NotoSansSC-Bold.ttf and
# NotoSansSC-LICENSE.txt in this directory). Re-run whenever a scenario or a
# translation adds characters outside GB2312 (the tool always includes GB2312,
# ASCII/Latin-1 and common punctuation, plus every character in the text files
# passed to it).
#
# Needs: apt-get install -y fonts-noto-cjk python3-fonttools
# Usage (from anywhere): assets/fonts/regenerate.sh
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
tool=${MAKE_CJK_FONT:-$root/../shared/tools/make-cjk-font}
shopt -s nullglob
texts=("$root"/scenarios/*.yaml "$root"/assets/translations/*.json)
# Equivalent to:
#   /work/shared/tools/make-cjk-font /work/main/assets/fonts \
#       /work/main/scenarios/*.yaml /work/main/assets/translations/*.json
exec "$tool" "$here" "${texts[@]}"
