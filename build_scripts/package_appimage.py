"""Build the AppImage's AppDir from `dist/parallax/`, check it runs, then pack it if possible.

    python build_scripts/package_appimage.py [--bundle DIR] [--appdir DIR] [--no-self-test]

The AppDir is complete and runnable here (`build/Parallax.AppDir/AppRun --self-test`). The last
step, `appimagetool`, is run only when it is on PATH (it is not packaged by Debian; download it
on a networked build machine, see docs/packaging.md); otherwise the exact command is printed.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bundle_layout import APP_ID, BUNDLE, DIST, EXECUTABLE_NAME, ROOT, project_version
from package_deb import ICONS, stage_desktop_files

APPDIR = ROOT / "build" / "Parallax.AppDir"

# AppRun: resolve the AppDir however the AppImage runtime mounted it, then run the bundle.
APPRUN = """\
#!/bin/sh
# Parallax AppImage entry point: the PyInstaller bundle lives in usr/lib/parallax/.
HERE="$(dirname "$(readlink -f "$0")")"
exec "$HERE/usr/lib/parallax/parallax" "$@"
"""


def build_appdir(bundle: Path = BUNDLE, appdir: Path = APPDIR) -> Path:
    if not (bundle / EXECUTABLE_NAME).is_file():
        raise SystemExit(f"no bundle at {bundle}: run `make build` first")
    if appdir.exists():
        shutil.rmtree(appdir)
    shutil.copytree(bundle, appdir / "usr" / "lib" / "parallax", symlinks=True)
    stage_desktop_files(appdir, project_version())
    apprun = appdir / "AppRun"
    apprun.write_text(APPRUN, encoding="utf-8")
    apprun.chmod(0o755)
    # appimagetool wants the desktop entry and the icon at the top of the AppDir.
    shutil.copy2(appdir / "usr" / "share" / "applications" / f"{APP_ID}.desktop",
                 appdir / f"{APP_ID}.desktop")
    shutil.copy2(ICONS / "parallax-256.png", appdir / f"{APP_ID}.png")
    (appdir / ".DirIcon").symlink_to(f"{APP_ID}.png")
    return appdir


def appimagetool_command(appdir: Path, out: Path) -> list[str]:
    return ["appimagetool", "--no-appstream", str(appdir), str(out)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bundle", type=Path, default=BUNDLE)
    parser.add_argument("--appdir", type=Path, default=APPDIR)
    parser.add_argument("--no-self-test", action="store_true")
    args = parser.parse_args(argv)
    appdir = build_appdir(args.bundle, args.appdir)
    print(f"built {appdir}")
    if not args.no_self_test:
        env = dict(os.environ)
        if not env.get("DISPLAY") and not env.get("WAYLAND_DISPLAY"):
            env["QT_QPA_PLATFORM"] = "offscreen"
        subprocess.run([str(appdir / "AppRun"), "--self-test"], check=True, env=env)
    arch = os.uname().machine
    out = DIST / f"Parallax-{project_version()}-{arch}.AppImage"
    command = appimagetool_command(appdir, out)
    if shutil.which("appimagetool"):
        subprocess.run(command, check=True, env={**os.environ, "ARCH": arch})
        print(f"built {out}")
    else:
        print("appimagetool is not installed here; on a build machine with it run:\n  "
              f"ARCH={arch} " + " ".join(command))
    return 0


if __name__ == "__main__":
    sys.exit(main())
