"""Build `dist/parallax_<version>_<arch>.deb` from the PyInstaller bundle in `dist/parallax/`.

    python build_scripts/package_deb.py [--bundle dist/parallax] [--fast] [--check]

Layout: the app under /opt/parallax/, /usr/bin/parallax -> /opt/parallax/parallax, a desktop
entry, hicolor icons, AppStream metainfo and a MIME type for .parallax workspaces. Debian's
triggers (desktop-file-utils, hicolor-icon-theme, shared-mime-info) refresh their caches, so the
package needs no maintainer scripts. `--check` runs lintian, desktop-file-validate and
`appstreamcli validate --no-net` when they are installed.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import io
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bundle_layout import (  # after the path is set
    APP_ID,
    BUNDLE,
    DIST,
    EXECUTABLE_NAME,
    ROOT,
    project_version,
)

PACKAGE = "parallax"
INSTALL_DIR = Path("opt") / "parallax"
LINUX = ROOT / "installer" / "linux"
ICONS = ROOT / "resources" / "icons"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
MAINTAINER = "Parallax developers <parallax@example.org>"
# The libraries Qt's xcb platform plugin and OpenGL/EGL integration load from the system.
DEPENDS = (
    "libc6 (>= 2.31)",
    "libegl1",
    "libgl1",
    "libfontconfig1",
    "libfreetype6",
    "libxkbcommon0",
    "libxkbcommon-x11-0",
    "libxcb-cursor0",
    "libxcb-icccm4",
    "libxcb-image0",
    "libxcb-keysyms1",
    "libxcb-randr0",
    "libxcb-render-util0",
    "libxcb-shape0",
    "libxcb-xinerama0",
    "libxcb-xkb1",
    "libx11-xcb1",
    "libdbus-1-3",
)
RECOMMENDS = ("fonts-noto-cjk | fonts-wqy-microhei",)
DESCRIPTION = """\
compare a Chinese article with its translations and other reports
 Parallax shows a Chinese news article beside an offline machine translation
 (Argos Translate) and beside parallel reporting of the same events from other
 outlets, aligned claim by claim, and highlights where the wording differs:
 numbers, names, loaded words, vague attribution and claims only one source
 makes. Exports HTML, PDF, CSV, XLSX and TMX. Works with no network."""

# The bundle is a PyInstaller folder: private copies of Python, Qt and their libraries.
LINTIAN_OVERRIDES = """\
# A PyInstaller bundle: a private Python, Qt and libraries under /opt, by design.
parallax: dir-or-file-in-opt *
parallax: embedded-library *
parallax: custom-library-search-path *
parallax: shared-library-lacks-prerequisites *
parallax: library-not-linked-against-libc *
parallax: hardening-no-pie *
# Libraries repaired by auditwheel break when stripped (numpy's OpenBLAS no longer loads).
parallax: unstripped-binary-or-object [opt/parallax/_internal/*.libs/*]
# libblkid/libmount mention sensible-pager in strings; the app never runs a pager.
parallax: missing-depends-on-sensible-utils *
# The one executable is both the GUI and the CLI (`parallax --help`).
parallax: no-manual-page *
"""


def deb_architecture() -> str:
    try:
        out = subprocess.run(["dpkg", "--print-architecture"], capture_output=True, text=True,
                             check=True)
        return out.stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return {"x86_64": "amd64", "aarch64": "arm64"}.get(os.uname().machine, "amd64")


def _write(path: Path, text: str | bytes, mode: int = 0o644) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, str):
        path.write_text(text, encoding="utf-8")
    else:
        path.write_bytes(text)
    path.chmod(mode)


def _gzip_n(data: bytes) -> bytes:
    """gzip -9n: no name or timestamp, as Debian policy wants for docs."""
    buffer = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, compresslevel=9, mtime=0) as gz:
        gz.write(data)
    return buffer.getvalue()


def metainfo_text(version: str) -> str:
    template = (LINUX / f"{APP_ID}.metainfo.xml").read_text(encoding="utf-8")
    return template.replace("@VERSION@", version).replace("@DATE@", time.strftime("%Y-%m-%d"))


def stage_desktop_files(root: Path, version: str) -> None:
    """Desktop entry, icons, metainfo and MIME type under root/usr/share (also used by AppDir)."""
    share = root / "usr" / "share"
    shutil.copy2(LINUX / f"{APP_ID}.desktop", _dir(share / "applications") / f"{APP_ID}.desktop")
    _write(share / "metainfo" / f"{APP_ID}.metainfo.xml", metainfo_text(version))
    shutil.copy2(LINUX / f"{APP_ID}.mime.xml", _dir(share / "mime" / "packages") / f"{APP_ID}.xml")
    for size in ICON_SIZES:
        target = _dir(share / "icons" / "hicolor" / f"{size}x{size}" / "apps") / f"{APP_ID}.png"
        shutil.copy2(ICONS / f"parallax-{size}.png", target)
    shutil.copy2(ICONS / "parallax.svg",
                 _dir(share / "icons" / "hicolor" / "scalable" / "apps") / f"{APP_ID}.svg")


def _dir(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    return path


def _copyright() -> str:
    licence = (ROOT / "LICENSE").read_text(encoding="utf-8")
    body = "\n".join(f" {line}" if line.strip() else " ." for line in licence.splitlines())
    return (
        "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n"
        "Upstream-Name: Parallax\n"
        "Source: https://example.invalid/parallax\n\n"
        "Files: *\n"
        "Copyright: Parallax developers\n"
        "License: MIT\n"
        f"{body}\n\n"
        "Files: opt/parallax/_internal/*\n"
        "Copyright: the authors of the bundled components\n"
        "License: various\n"
        " The bundle carries Python, Qt (LGPL-3), CTranslate2, SentencePiece, jieba,\n"
        " CC-CEDICT (CC BY-SA 4.0) and other components under their own licences;\n"
        " see THIRD_PARTY.md in the source for the list.\n"
    )


def _md5sums(root: Path) -> str:
    lines = []
    for path in sorted(root.rglob("*")):
        if path.is_symlink() or not path.is_file() or path.parts[len(root.parts)] == "DEBIAN":
            continue
        digest = hashlib.md5(path.read_bytes()).hexdigest()  # dpkg md5sums format, not security
        lines.append(f"{digest}  {path.relative_to(root).as_posix()}")
    return "\n".join(lines) + "\n"


def stage(bundle: Path, root: Path) -> Path:
    """Lay the package's files out under `root`; returns root."""
    if not (bundle / EXECUTABLE_NAME).is_file():
        raise SystemExit(f"no bundle at {bundle}: run `make build` first")
    if root.exists():
        shutil.rmtree(root)
    version = project_version()
    shutil.copytree(bundle, root / INSTALL_DIR, symlinks=True)
    main_binary = root / INSTALL_DIR / EXECUTABLE_NAME
    for path in (root / INSTALL_DIR).rglob("*"):  # world-readable; only the program executable
        if not path.is_symlink():
            path.chmod(0o755 if path.is_dir() or path == main_binary else 0o644)
    usr_bin = _dir(root / "usr" / "bin")
    (usr_bin / PACKAGE).symlink_to(Path("/") / INSTALL_DIR / EXECUTABLE_NAME)
    stage_desktop_files(root, version)
    doc = root / "usr" / "share" / "doc" / PACKAGE
    _write(doc / "copyright", _copyright())
    changelog = (f"{PACKAGE} ({version}) unstable; urgency=medium\n\n"
                 f"  * Release {version}.\n\n -- {MAINTAINER}  "
                 f"{time.strftime('%a, %d %b %Y %H:%M:%S +0000', time.gmtime())}\n")
    _write(doc / "changelog.gz", _gzip_n(changelog.encode()))
    _write(root / "usr" / "share" / "lintian" / "overrides" / PACKAGE, LINTIAN_OVERRIDES)
    installed_kib = sum(p.stat().st_size for p in root.rglob("*")
                        if p.is_file() and not p.is_symlink()) // 1024
    control = (
        f"Package: {PACKAGE}\n"
        f"Version: {version}\n"
        f"Architecture: {deb_architecture()}\n"
        f"Maintainer: {MAINTAINER}\n"
        f"Installed-Size: {installed_kib}\n"
        f"Depends: {', '.join(DEPENDS)}\n"
        f"Recommends: {', '.join(RECOMMENDS)}\n"
        "Section: text\n"
        "Priority: optional\n"
        "Homepage: https://example.invalid/parallax\n"
        f"Description: {DESCRIPTION}\n"
    )
    _write(root / "DEBIAN" / "control", control)
    _write(root / "DEBIAN" / "md5sums", _md5sums(root))
    for directory in [root, *(p for p in root.rglob("*") if p.is_dir() and not p.is_symlink())]:
        directory.chmod(0o755)
    return root


def build_deb(bundle: Path = BUNDLE, out_dir: Path = DIST, fast: bool = False) -> Path:
    """Stage and pack the .deb; `fast` trades size for speed (gzip -1, for tests)."""
    root = stage(bundle, ROOT / "build" / "deb" / "root")
    out = out_dir / f"{PACKAGE}_{project_version()}_{deb_architecture()}.deb"
    compression = ["-Zgzip", "-z1"] if fast else ["-Zxz", "-z6"]
    subprocess.run(["dpkg-deb", "--root-owner-group", *compression, "--build", str(root),
                    str(out)], check=True, stdout=subprocess.DEVNULL)
    print(f"built {out} ({out.stat().st_size / 1e6:.1f} MB)")
    return out


def validate(deb: Path) -> list[str]:
    """Run the Debian and freedesktop validators that are installed; returns their complaints."""
    problems: list[str] = []
    root = ROOT / "build" / "deb" / "root"
    checks = [
        ["desktop-file-validate",
         str(root / "usr" / "share" / "applications" / f"{APP_ID}.desktop")],
        ["appstreamcli", "validate", "--no-net", "--pedantic",
         str(root / "usr" / "share" / "metainfo" / f"{APP_ID}.metainfo.xml")],
        ["lintian", "--fail-on", "error", "--suppress-tags",
         "bad-distribution-in-changes-file", str(deb)],
    ]
    for command in checks:
        if shutil.which(command[0]) is None:
            print(f"skipped {command[0]}: not installed (build_scripts/system_deps.sh)")
            continue
        result = subprocess.run(command, capture_output=True, text=True)
        output = (result.stdout + result.stderr).strip()
        if result.returncode != 0:
            problems.append(f"{command[0]} failed:\n{output}")
        else:
            print(f"ok {command[0]}" + (f"\n{output}" if output else ""))
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bundle", type=Path, default=BUNDLE, help="the PyInstaller folder")
    parser.add_argument("--out-dir", type=Path, default=DIST)
    parser.add_argument("--fast", action="store_true", help="gzip -1 instead of xz (tests)")
    parser.add_argument("--check", action="store_true", help="run lintian & co. afterwards")
    args = parser.parse_args(argv)
    deb = build_deb(args.bundle, args.out_dir, args.fast)
    if args.check:
        problems = validate(deb)
        for problem in problems:
            print(problem, file=sys.stderr)
        return 1 if problems else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
