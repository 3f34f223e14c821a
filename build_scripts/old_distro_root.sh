#!/usr/bin/env bash
# An Ubuntu 22.04 (glibc 2.35, the supported floor) root with what the .deb depends on, for the
# packaging tests that run the bundle and install the .deb there with chroot:
#
#   sudo build_scripts/old_distro_root.sh [build/old-root-run]     # about a minute, 300 MB
#   sudo PARALLAX_OLD_ROOT=build/old-root-run .venv/bin/python -m pytest tests/packaging
#
# (`make old-root` runs it; `make test` then passes the root to the tests.) Needs root,
# mmdebstrap and network access to Ubuntu's archive.
set -euo pipefail

HERE=$(cd "$(dirname "$0")/.." && pwd)
ROOT=${1:-$HERE/build/old-root-run}
SUITE=${SUITE:-jammy}
MIRROR=${MIRROR:-http://archive.ubuntu.com/ubuntu}

if [ "$(id -u)" != "0" ]; then echo "run as root (mmdebstrap and chroot)" >&2; exit 2; fi
command -v mmdebstrap >/dev/null || apt-get install -y mmdebstrap
KEYRING=/usr/share/keyrings/ubuntu-archive-keyring.gpg
[ -f "$KEYRING" ] || apt-get install -y ubuntu-keyring || true
if [ ! -f "$KEYRING" ]; then  # not in every Debian mirror: take Ubuntu's own package
  mkdir -p "$HERE/build"
  curl -fsSL -o "$HERE/build/ubuntu-keyring.deb" \
    "$MIRROR/pool/main/u/ubuntu-keyring/ubuntu-keyring_2021.03.26_all.deb"
  dpkg-deb -x "$HERE/build/ubuntu-keyring.deb" "$HERE/build/ubuntu-keyring"
  KEYRING=$HERE/build/ubuntu-keyring/usr/share/keyrings/ubuntu-archive-keyring.gpg
fi
rm -rf "$ROOT"
mmdebstrap --variant=apt --keyring="$KEYRING" --components=main,universe \
  --include=libegl1,libgl1,libfontconfig1,libglib2.0-0,libdbus-1-3,libxkbcommon-x11-0,libxcb-cursor0,fonts-wqy-microhei \
  "$SUITE" "$ROOT" "deb $MIRROR $SUITE main universe" "deb $MIRROR $SUITE-updates main universe"
cp /etc/resolv.conf "$ROOT/etc/resolv.conf"  # apt inside the root fetches the .deb's Depends
chroot "$ROOT" apt-get update -q
echo "ok: $ROOT ($(chroot "$ROOT" ldd --version | head -n1))"
