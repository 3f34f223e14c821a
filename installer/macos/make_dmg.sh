#!/usr/bin/env bash
# Build dist/Parallax-<version>.dmg from dist/Parallax.app (run on macOS, after
# `python build_scripts/build.py`, which writes the .app from the spec's BUNDLE section).
#
#   installer/macos/make_dmg.sh                 # unsigned
#   CODESIGN_IDENTITY="Developer ID Application: ..." installer/macos/make_dmg.sh
#
# Uses only tools that ship with macOS (hdiutil, codesign, ditto).
set -euo pipefail
cd "$(dirname "$0")/../.."

APP="dist/Parallax.app"
VERSION="$(sed -n 's/^version *= *"\(.*\)"/\1/p' pyproject.toml | head -n1)"
DMG="dist/Parallax-${VERSION}.dmg"
STAGE="build/dmg"

if [ ! -d "$APP" ]; then
  echo "make_dmg: $APP is missing; run: python build_scripts/build.py" >&2
  exit 1
fi
if [ "$(uname)" != "Darwin" ]; then
  echo "make_dmg: hdiutil exists only on macOS" >&2
  exit 1
fi

# The bundle must pass its own self-test before it is shipped.
QT_QPA_PLATFORM=offscreen "$APP/Contents/MacOS/parallax" --self-test

if [ -n "${CODESIGN_IDENTITY:-}" ]; then
  codesign --force --deep --options runtime --timestamp --sign "$CODESIGN_IDENTITY" "$APP"
  codesign --verify --deep --strict "$APP"
fi

rm -rf "$STAGE" "$DMG"
mkdir -p "$STAGE"
ditto "$APP" "$STAGE/Parallax.app"
ln -s /Applications "$STAGE/Applications"
hdiutil create -volname "Parallax ${VERSION}" -srcfolder "$STAGE" -fs HFS+ \
  -format UDZO -imagekey zlib-level=9 -ov "$DMG"
rm -rf "$STAGE"

if [ -n "${CODESIGN_IDENTITY:-}" ]; then
  codesign --force --sign "$CODESIGN_IDENTITY" "$DMG"
fi
echo "built $DMG"
