#!/usr/bin/env bash
# Build the release bundle and .deb inside the oldest supported distribution, then run the
# bundle's self-test in a second, clean root where only the .deb's Depends are installed.
#
#   sudo build_scripts/old_distro_build.sh            # Ubuntu 22.04 (jammy): glibc 2.35
#   sudo SUITE=bookworm MIRROR=http://deb.debian.org/debian build_scripts/old_distro_build.sh
#
# Why not Debian 11 (bullseye, glibc 2.31): PySide6 6.11's wheels are manylinux_2_34, so Qt
# itself needs glibc 2.34; Ubuntu 22.04 is the oldest widespread system that has it (see
# glibc_floor.FLOOR). A bundle built on a newer system carries that system's libpython and
# needs its glibc; built here it needs nothing newer than the floor, which the packaging test
# (tests/packaging/test_packaging_glibc_floor.py) checks either way.
#
# Needs root, network access to the distribution's mirror and PyPI, mmdebstrap (Debian's
# package) and, for Ubuntu suites on Debian, ubuntu-keyring. Takes 20-40 minutes (the roots,
# pip, PyInstaller). Outputs: dist/old-root/parallax_<version>_amd64.deb and the roots under
# build/ (PARALLAX_OLD_ROOT=build/old-root-run for the chroot self-test in the packaging tests).
set -euo pipefail

SUITE=${SUITE:-jammy}
MIRROR=${MIRROR:-http://archive.ubuntu.com/ubuntu}
HERE=$(cd "$(dirname "$0")/.." && pwd)
BUILD_ROOT=${BUILD_ROOT:-$HERE/build/old-root-build}
RUN_ROOT=${RUN_ROOT:-$HERE/build/old-root-run}
OUT=$HERE/dist/old-root

if [ "$(id -u)" != "0" ]; then echo "run as root (mmdebstrap and chroot)" >&2; exit 2; fi
command -v mmdebstrap >/dev/null || apt-get install -y mmdebstrap
case "$MIRROR" in
  *ubuntu*) KEYRING=/usr/share/keyrings/ubuntu-archive-keyring.gpg
            [ -f "$KEYRING" ] || apt-get install -y ubuntu-keyring || true
            if [ ! -f "$KEYRING" ]; then  # not in every Debian mirror: take Ubuntu's package
              mkdir -p "$HERE/build"
              KEYRING=$HERE/build/ubuntu-keyring/usr/share/keyrings/ubuntu-archive-keyring.gpg
              curl -fsSL -o "$HERE/build/ubuntu-keyring.deb" \
                "$MIRROR/pool/main/u/ubuntu-keyring/ubuntu-keyring_2021.03.26_all.deb"
              dpkg-deb -x "$HERE/build/ubuntu-keyring.deb" "$HERE/build/ubuntu-keyring"
            fi
            COMPONENTS=main,universe
            PYTHON_PACKAGES=python3.11,python3.11-venv,python3.11-dev ;;
  *)        KEYRING=/usr/share/keyrings/debian-archive-keyring.gpg
            COMPONENTS=main
            PYTHON_PACKAGES=python3,python3-venv,python3-dev ;;
esac
# The updates pocket carries the Python 3.11 that jammy-release lacks (3.11.0rc1: for a
# release, PYTHON_PACKAGES can name deadsnakes' 3.11 with its PPA added to SOURCES).
SOURCES=("deb $MIRROR $SUITE ${COMPONENTS//,/ }" "deb $MIRROR $SUITE-updates ${COMPONENTS//,/ }")
[ "$SUITE" = "bookworm" ] && SOURCES=("deb $MIRROR $SUITE ${COMPONENTS//,/ }")
# What Qt's xcb plugin and the bundle's Depends need at run time (the .deb lists them).
RUNTIME=libegl1,libgl1,libfontconfig1,libfreetype6,libglib2.0-0,libdbus-1-3,libxkbcommon0,\
libxkbcommon-x11-0,libxcb-cursor0,libxcb-icccm4,libxcb-image0,libxcb-keysyms1,libxcb-randr0,\
libxcb-render-util0,libxcb-shape0,libxcb-xinerama0,libxcb-xkb1,libx11-xcb1,fonts-wqy-microhei

mount_api() {  # what pip, PyInstaller and Qt expect inside a chroot
  mount -t proc proc "$1/proc"; mount -t sysfs sys "$1/sys"; mount --bind /dev "$1/dev"
}
umount_api() { umount "$1/dev" "$1/sys" "$1/proc" 2>/dev/null || true; }
trap 'umount_api "$BUILD_ROOT"; umount_api "$RUN_ROOT"' EXIT

echo "== build root: $SUITE"
rm -rf "$BUILD_ROOT"
mmdebstrap --variant=apt --keyring="$KEYRING" --components="$COMPONENTS" \
  --include="$PYTHON_PACKAGES,build-essential,binutils,dpkg-dev,lintian,icu-devtools,$RUNTIME" \
  "$SUITE" "$BUILD_ROOT" "${SOURCES[@]}"
mkdir -p "$BUILD_ROOT/src"
tar -C "$HERE" --exclude=./.venv --exclude=./build --exclude=./dist --exclude=./.git -cf - . \
  | tar -C "$BUILD_ROOT/src" -xf -
mount_api "$BUILD_ROOT"
PY=python3.11; [ "$SUITE" = "bookworm" ] && PY=python3
chroot "$BUILD_ROOT" /bin/bash -euc "
  cd /src
  $PY -m venv /venv
  /venv/bin/pip install --quiet --upgrade pip
  /venv/bin/pip install --quiet -e '.[build]'
  /venv/bin/python build_scripts/build.py
  /venv/bin/python build_scripts/glibc_floor.py dist/parallax
  /venv/bin/python build_scripts/package_deb.py --check
"
umount_api "$BUILD_ROOT"
mkdir -p "$OUT"
cp "$BUILD_ROOT"/src/dist/parallax_*.deb "$OUT/"

echo "== clean root: install the .deb with apt and run its self-test"
rm -rf "$RUN_ROOT"
mmdebstrap --variant=apt --keyring="$KEYRING" --components="$COMPONENTS" \
  "$SUITE" "$RUN_ROOT" "${SOURCES[@]}"
cp "$OUT"/parallax_*.deb "$RUN_ROOT/tmp/"
mount_api "$RUN_ROOT"
chroot "$RUN_ROOT" /bin/bash -euc "
  apt-get install -y /tmp/parallax_*.deb
  HOME=/tmp QT_QPA_PLATFORM=offscreen parallax --self-test
"
echo "ok: $(ls "$OUT"/parallax_*.deb) installs and passes its self-test on $SUITE"
