"""Build the Windows installer with Inno Setup from `dist/parallax/` (run on Windows).

    python build_scripts/build.py
    python build_scripts/windows_installer.py [--iscc PATH] [--dry-run]

The version comes from pyproject.toml and is passed to the script as /DAppVersion, so the
installer, the executable's version resource and the wheel always agree.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bundle_layout import BUNDLE, ROOT, project_version

ISS = ROOT / "installer" / "windows" / "parallax.iss"
DEFAULT_ISCC = Path(r"C:\Program Files (x86)\Inno Setup 6\ISCC.exe")


def iscc_command(iscc: str | Path, bundle: Path = BUNDLE) -> list[str]:
    return [str(iscc), f"/DAppVersion={project_version()}", f"/DBundleDir={bundle}", str(ISS)]


def find_iscc() -> Path | None:
    found = shutil.which("iscc") or shutil.which("ISCC")
    if found:
        return Path(found)
    return DEFAULT_ISCC if DEFAULT_ISCC.is_file() else None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--iscc", type=Path, help="path to ISCC.exe (Inno Setup 6)")
    parser.add_argument("--bundle", type=Path, default=BUNDLE)
    parser.add_argument("--dry-run", action="store_true", help="print the command only")
    args = parser.parse_args(argv)
    iscc = args.iscc or find_iscc() or DEFAULT_ISCC
    command = iscc_command(iscc, args.bundle.resolve())
    print(" ".join(f'"{part}"' if " " in part else part for part in command))
    if args.dry_run:
        return 0
    if not (args.bundle / "parallax.exe").is_file():
        raise SystemExit(f"no Windows bundle at {args.bundle}: run build_scripts/build.py first")
    subprocess.run(command, check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
