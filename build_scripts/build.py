"""Build the packaged app with PyInstaller: `dist/parallax/` (or one file with --onefile).

    python build_scripts/build.py [--onefile] [--model path.argosmodel]

Prints the build time and the bundle size. Works unchanged on Linux, Windows and macOS
(on macOS the spec also writes `dist/Parallax.app`).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bundle_layout import DIST, ROOT, project_version  # after the path is set
from third_party import collect, install_licences

SPEC = ROOT / "build_scripts" / "parallax.spec"
WORK = ROOT / "build" / "pyinstaller"


def windows_version_file(version: str, target: Path) -> Path:
    """The VSVersionInfo resource PyInstaller embeds in parallax.exe."""
    numbers = [int(part) for part in version.split("+")[0].split(".")[:4] if part.isdigit()]
    numbers += [0] * (4 - len(numbers))
    tup = tuple(numbers)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(
        f"""VSVersionInfo(
  ffi=FixedFileInfo(filevers={tup}, prodvers={tup}, mask=0x3f, flags=0x0, OS=0x40004,
                    fileType=0x1, subtype=0x0, date=(0, 0)),
  kids=[
    StringFileInfo([StringTable('040904B0', [
      StringStruct('CompanyName', 'Parallax developers'),
      StringStruct('FileDescription', 'Parallax'),
      StringStruct('FileVersion', '{version}'),
      StringStruct('InternalName', 'parallax'),
      StringStruct('LegalCopyright', 'MIT License'),
      StringStruct('OriginalFilename', 'parallax.exe'),
      StringStruct('ProductName', 'Parallax'),
      StringStruct('ProductVersion', '{version}')])]),
    VarFileInfo([VarStruct('Translation', [1033, 1200])])
  ]
)
""",
        encoding="utf-8",
    )
    return target


def tree_size(path: Path) -> int:
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def build(onefile: bool = False, model: Path | None = None, clean: bool = False) -> Path:
    """Run PyInstaller on the spec; returns the executable's path."""
    env = dict(os.environ)
    env["PARALLAX_ONEFILE"] = "1" if onefile else "0"
    env["PARALLAX_BUNDLE_MODEL"] = str(model.resolve()) if model else ""
    env["PARALLAX_VERSION_FILE"] = str(
        windows_version_file(project_version(), WORK / "version_info.txt")
    )
    # One file goes to dist/onefile/ so it never collides with the dist/parallax/ folder.
    distpath = DIST / "onefile" if onefile else DIST
    command = [
        sys.executable, "-m", "PyInstaller", str(SPEC), "--noconfirm", "--log-level=WARN",
        "--distpath", str(distpath), "--workpath", str(WORK / ("onefile" if onefile else "onedir")),
    ]
    if clean:
        command.append("--clean")
    started = time.monotonic()
    subprocess.run(command, check=True, cwd=ROOT, env=env)
    elapsed = time.monotonic() - started
    suffix = ".exe" if sys.platform == "win32" else ""
    exe = distpath / f"parallax{suffix}" if onefile else DIST / "parallax" / f"parallax{suffix}"
    if not exe.exists():
        raise SystemExit(f"build finished but {exe} is missing")
    if not onefile:  # the licence list from what the bundle really holds (third_party.py)
        python, native, problems = collect(exe.parent)
        if problems:
            raise SystemExit("components without a licence entry (build_scripts/third_party.py):"
                             "\n  " + "\n  ".join(problems))
        install_licences(exe.parent, python, native, exe.parent / "_internal")
    size = tree_size(exe if onefile else exe.parent)
    print(f"built {exe.relative_to(ROOT)} in {elapsed:.0f} s; size {size / 1e6:.1f} MB")
    return exe


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--onefile", action="store_true", help="one self-extracting executable")
    parser.add_argument("--model", type=Path, help="an .argosmodel to ship inside the bundle")
    parser.add_argument("--clean", action="store_true", help="drop PyInstaller's cache first")
    args = parser.parse_args(argv)
    if args.model and not args.model.is_file():
        parser.error(f"no such model file: {args.model}")
    build(onefile=args.onefile, model=args.model, clean=args.clean)
    return 0


if __name__ == "__main__":
    sys.exit(main())
