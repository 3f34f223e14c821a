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
import tempfile
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
from glibc_floor import FLOOR, above_floor, elf_files, format_version
from third_party import (
    NATIVE_LIBRARIES,
    bundled_modules,
    distribution_of,
    native_files_by_row,
    normalise,
    python_entries,
)

PACKAGE = "parallax"
INSTALL_DIR = Path("opt") / "parallax"
LINUX = ROOT / "installer" / "linux"
ICONS = ROOT / "resources" / "icons"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
MAINTAINER = "Parallax developers <parallax@example.org>"
# What Qt's xcb platform plugin and OpenGL/EGL integration load from the system (some with
# dlopen, which dpkg-shlibdeps cannot see); dpkg-shlibdeps adds what the bundled libraries link
# against (HOST_LIBRARIES in bundle_layout.py), with the versions their symbols need.
DEPENDS = (
    f"libc6 (>= {format_version(FLOOR['GLIBC'])})",
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


# SPDX identifiers as DEP-5 short names (where they differ).
DEP5_NAMES = {
    "GPL-2.0-or-later": "GPL-2+", "GPL-3.0-or-later": "GPL-3+", "LGPL-3.0-only": "LGPL-3",
    "LGPL-2.1-or-later": "LGPL-2.1+", "BSD-3-Clause": "BSD-3-clause",
    "BSD-2-Clause": "BSD-2-clause", "blessing": "public-domain", "MIT": "Expat",
    "LicenseRef-Intel-ISSL": "Intel-ISSL",
}
# Licences Debian ships in /usr/share/common-licenses, by DEP-5 name.
COMMON = {"GPL-2+": "GPL-2", "GPL-3+": "GPL-3", "LGPL-3": "LGPL-3", "LGPL-2.1+": "LGPL-2.1",
          "Apache-2.0": "Apache-2.0", "MPL-2.0": "MPL-2.0", "CC0-1.0": "CC0-1.0"}
DOC = Path("usr") / "share" / "doc" / PACKAGE


def dep5_expression(spdx: str) -> str:
    """An SPDX expression in DEP-5 syntax ("MIT AND GPL-2.0-or-later" -> "Expat and GPL-2+")."""
    words = []
    for word in spdx.split():
        if word in ("AND", "OR"):
            words.append(word.lower())
        elif word == "WITH":
            words.append("with")
        elif word.endswith("-exception-3.1"):
            words.append("GCC-3.1 exception")
        else:
            words.append(DEP5_NAMES.get(word, word))
    return " ".join(words)


def _licence_names(expression: str) -> set[str]:
    names = set()
    skip = False
    for word in expression.split():
        if skip or word in ("and", "or"):
            skip = False
        elif word == "with":
            skip = True
        elif word != "exception":
            names.add(word)
    return {n for n in names if not n.endswith("exception")}


def _licence_paragraph(name: str) -> str:
    if name in COMMON:
        body = (f" On Debian systems, the complete text of this licence can be found in\n"
                f" /usr/share/common-licenses/{COMMON[name]}.")
    elif name == "Expat":
        licence = (ROOT / "LICENSE").read_text(encoding="utf-8")
        body = "\n".join(f" {line}" if line.strip() else " ." for line in licence.splitlines())
    else:
        body = (f" The licence files the components ship, with their copyright notices, are\n"
                f" in /{DOC}/licenses/ and /{INSTALL_DIR}/_internal/licenses/.")
    return f"License: {name}\n{body}\n"


def copyright_text(bundle: Path) -> str:
    """debian/copyright in DEP-5 format: one Files paragraph per bundled component."""
    python = python_entries(bundled_modules(bundle))[0]
    by_key = {normalise(e.name): e for e in python}
    internal = f"{INSTALL_DIR.as_posix()}/_internal"
    paragraphs = [
        "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n"
        "Upstream-Name: Parallax\n"
        "Source: https://example.invalid/parallax\n"
        "Comment: /opt/parallax is a PyInstaller bundle: Python, Qt and the packages below.\n"
        " It includes translate-toolkit (GPL-3.0-or-later), so the program as a whole is\n"
        " distributed under GPL-3.0-or-later; Parallax's own code is MIT (Expat).\n"
        " /usr/share/doc/parallax/THIRD_PARTY.md.gz lists every component.\n",
        "Files: *\nCopyright: Parallax developers\nLicense: Expat\n",
        f"Files: {INSTALL_DIR.as_posix()}/{EXECUTABLE_NAME} {internal}/base_library.zip\n"
        "Copyright: Parallax developers and the authors of the packages listed here\n"
        "License: GPL-3+\n"
        "Comment: The executable holds the compiled Python modules of Parallax and of:\n"
        + "".join(f"  {e.name} {e.version}: {e.licence}\n" for e in python),
    ]
    used = {"Expat", "GPL-3+"}
    for module in sorted(bundled_modules(bundle)):
        folder = bundle / "_internal" / module
        entry = by_key.get(distribution_of(module) or "")
        if not folder.is_dir() or entry is None:
            continue
        expression = dep5_expression(entry.licence)
        used |= _licence_names(expression)
        paragraphs.append(f"Files: {internal}/{module}/*\nCopyright: the {entry.name} authors\n"
                          f"License: {expression}\n")
    rows = {row.component: row for row in NATIVE_LIBRARIES}
    for component, files in sorted(native_files_by_row(bundle).items()):
        row = rows[component]
        expression = dep5_expression(row.licence)
        used |= _licence_names(expression)
        listed = "\n ".join(f"{internal}/{rel}" for rel in files)
        paragraphs.append(f"Files: {listed}\nCopyright: the {component} authors\n"
                          f"License: {expression}\n")
    paragraphs += [_licence_paragraph(name) for name in sorted(used)]
    return "\n".join(paragraphs)


def shlibs_depends(root: Path) -> list[str]:
    """dpkg-shlibdeps' Depends: for the staged package's ELF files ([] without the tool)."""
    if shutil.which("dpkg-shlibdeps") is None:
        return []
    root = root.resolve()  # dpkg-shlibdeps runs in a scratch folder
    elves = list(elf_files(root / INSTALL_DIR))
    files = [str(p) for p in elves]
    # The bundle's own library folders, relative to the package root: with -S they make
    # dpkg-shlibdeps find bundled libraries (libssl, Qt) there instead of on this system.
    private = sorted({"/" + p.parent.relative_to(root).as_posix() for p in elves
                      if ".so" in p.name})
    with tempfile.TemporaryDirectory() as work:  # it wants a source package around it
        (Path(work) / "debian").mkdir()
        (Path(work) / "debian" / "control").write_text(
            f"Source: {PACKAGE}\n\nPackage: {PACKAGE}\nArchitecture: any\n", encoding="utf-8")
        result = subprocess.run(
            ["dpkg-shlibdeps", "-O", "--ignore-missing-info", f"-S{root}",
             *(f"-l{folder}" for folder in private), *files],
            capture_output=True, text=True, cwd=work, check=False)
    for line in result.stdout.splitlines():
        if line.startswith("shlibs:Depends="):
            return [d.strip() for d in line.split("=", 1)[1].split(",") if d.strip()]
    return []


# Versions kept from dpkg-shlibdeps: these libraries version their symbols, so the minimum it
# computes is what the bundle really calls (and glibc_floor.py checks them against the floor).
# For the others it copies the build machine's shlibs entry ("libx11-xcb1 (>= 2:1.8.4)" on
# Debian 12), which Ubuntu 22.04's older but sufficient packages would fail: the self-test in
# the old-distribution root shows what suffices.
VERSIONED = frozenset({"libc6", "libstdc++6", "libgcc-s1"})


def merge_depends(computed: list[str], fixed: tuple[str, ...] = DEPENDS) -> list[str]:
    """`fixed` plus the packages `computed` adds, versioned only for VERSIONED; libc6 keeps
    the floor's version (package_deb refuses bundles that need more)."""
    by_name = {d.split(" ")[0]: d for d in fixed}
    for dep in computed:
        name = dep.split(" ")[0]
        if name == "libc6" and name in by_name:
            continue
        by_name[name] = dep if name in VERSIONED else name
    return [by_name[name] for name in sorted(by_name)]


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
    offenders = above_floor(elf_files(bundle))
    if offenders:
        listed = "\n  ".join(str(r) for r in offenders[:20])
        raise SystemExit(f"the bundle needs more than the supported floor {FLOOR} "
                         f"(build it on the oldest supported system: "
                         f"build_scripts/old_distro_build.sh):\n  {listed}")
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
    doc = root / DOC
    _write(doc / "copyright", copyright_text(bundle))
    internal = bundle / "_internal"
    _write(doc / "THIRD_PARTY.md.gz", _gzip_n((internal / "THIRD_PARTY.md").read_bytes()))
    if (internal / "licenses").is_dir():
        shutil.copytree(internal / "licenses", doc / "licenses")
        for path in (doc / "licenses").rglob("*"):
            path.chmod(0o755 if path.is_dir() else 0o644)
    changelog = (f"{PACKAGE} ({version}) unstable; urgency=medium\n\n"
                 f"  * Release {version}.\n\n -- {MAINTAINER}  "
                 f"{time.strftime('%a, %d %b %Y %H:%M:%S +0000', time.gmtime())}\n")
    _write(doc / "changelog.gz", _gzip_n(changelog.encode()))
    _write(root / "usr" / "share" / "lintian" / "overrides" / PACKAGE, LINTIAN_OVERRIDES)
    _dir(root / "DEBIAN")  # dpkg-shlibdeps resolves $ORIGIN relative to the package root
    installed_kib = sum(p.stat().st_size for p in root.rglob("*")
                        if p.is_file() and not p.is_symlink()) // 1024
    control = (
        f"Package: {PACKAGE}\n"
        f"Version: {version}\n"
        f"Architecture: {deb_architecture()}\n"
        f"Maintainer: {MAINTAINER}\n"
        f"Installed-Size: {installed_kib}\n"
        f"Depends: {', '.join(merge_depends(shlibs_depends(root)))}\n"
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
