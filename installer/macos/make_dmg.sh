#!/usr/bin/env bash
# Build dist/Parallax-<version>.dmg from dist/Parallax.app (run on macOS, after
# `python build_scripts/build.py`, which writes the .app from the spec's BUNDLE section).
#
#   installer/macos/make_dmg.sh                                   # unsigned
#   CODESIGN_IDENTITY="Developer ID Application: ..." installer/macos/make_dmg.sh   # signed
#   CODESIGN_IDENTITY=... NOTARY_PROFILE=parallax installer/macos/make_dmg.sh       # + notarised
#
# NOTARY_PROFILE names credentials stored once with
#   xcrun notarytool store-credentials parallax --apple-id ... --team-id ... --password ...
# Without CODESIGN_IDENTITY and NOTARY_PROFILE those steps are skipped (and said so).
# Uses only tools that ship with macOS and Xcode's command-line tools.
set -euo pipefail
cd "$(dirname "$0")/../.."

APP="dist/Parallax.app"
VERSION="$(sed -n 's/^version *= *"\(.*\)"/\1/p' pyproject.toml | head -n1)"
DMG="dist/Parallax-${VERSION}.dmg"
STAGE="build/dmg"
ENTITLEMENTS="installer/macos/entitlements.plist"

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

sign() {  # one file or bundle, hardened runtime, secure timestamp
  codesign --force --options runtime --timestamp --entitlements "$ENTITLEMENTS" \
    --sign "$CODESIGN_IDENTITY" "$1"
}

if [ -n "${CODESIGN_IDENTITY:-}" ]; then
  # Inside out, never `codesign --deep`: every Mach-O file first (libraries, Qt plugins,
  # Python extensions), then nested frameworks, then the app. --deep signs nested code with
  # the outer options and misses code outside the standard locations.
  find "$APP/Contents" -type f \( -name "*.dylib" -o -name "*.so" -o -perm -u+x \) -print0 |
    while IFS= read -r -d '' file; do
      if file -b "$file" | grep -q "Mach-O"; then sign "$file"; fi
    done
  find "$APP/Contents" -depth -type d -name "*.framework" -print0 |
    while IFS= read -r -d '' framework; do sign "$framework"; done
  sign "$APP"
  codesign --verify --strict --verbose=2 "$APP"
else
  echo "make_dmg: CODESIGN_IDENTITY not set: the app and dmg stay unsigned" >&2
fi

rm -rf "$STAGE" "$DMG"
mkdir -p "$STAGE"
ditto "$APP" "$STAGE/Parallax.app"
ln -s /Applications "$STAGE/Applications"
hdiutil create -volname "Parallax ${VERSION}" -srcfolder "$STAGE" -fs HFS+ \
  -format UDZO -imagekey zlib-level=9 -ov "$DMG"
rm -rf "$STAGE"

if [ -n "${CODESIGN_IDENTITY:-}" ]; then
  codesign --force --timestamp --sign "$CODESIGN_IDENTITY" "$DMG"
  if [ -n "${NOTARY_PROFILE:-}" ]; then
    # Apple's notary service checks the signed dmg; stapling puts the ticket inside it so
    # Gatekeeper accepts it offline.
    xcrun notarytool submit "$DMG" --keychain-profile "$NOTARY_PROFILE" --wait
    xcrun stapler staple "$DMG"
    xcrun stapler validate "$DMG"
    spctl --assess --type open --context context:primary-signature --verbose "$DMG"
  else
    echo "make_dmg: NOTARY_PROFILE not set: signed but not notarised" >&2
  fi
fi
echo "built $DMG"
