"""The Windows installer, compiled by Inno Setup and run under Wine: install, register, uninstall.

The payload is this session's Linux bundle laid out as a Windows one (parallax.exe beside
_internal/): the installer copies files and writes registry keys without running the app, so
what is checked is the script itself: every file lands in Program Files, the Start menu and
desktop shortcuts and the .parallax association are written, the uninstall entry carries the
project's version, and the uninstaller takes all of it away again.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from packaging_support import REPO  # noqa: F401 - puts build_scripts/ on sys.path

from bundle_layout import EXECUTABLE_NAME, WINDOWS_APP_GUID, project_version
from windows_installer import build_installer, find_iscc, windows_path

PROG_ID = "Parallax.Workspace"
UNINSTALL_KEY = (r"HKLM\Software\Microsoft\Windows\CurrentVersion\Uninstall"
                 f"\\{WINDOWS_APP_GUID}_is1")
REG_LINE = re.compile(r"^\s+(.+?)\s{4}(REG_\w+)\s{4}(.*)$")


@pytest.fixture(scope="module")
def wine_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Environment for Wine with a fresh prefix of its own (no Mono/Gecko prompts)."""
    if shutil.which("wine") is None or shutil.which("wineserver") is None:
        pytest.skip("Wine is not installed (CI=true or PARALLAX_WINE=1 make test installs it)")
    if shutil.which("xvfb-run") is None:
        pytest.skip("xvfb-run is not installed (build_scripts/system_deps.sh)")
    prefix = tmp_path_factory.mktemp("wine-prefix")
    env = dict(os.environ, WINEPREFIX=str(prefix), WINEDEBUG="-all",
               WINEDLLOVERRIDES="mscoree,mshtml=")
    # Wine marks dotfiles hidden, and Inno Setup leaves hidden files out of a wildcard; on
    # Windows python-docx's `_rels/.rels` is an ordinary file.
    subprocess.run(["wine", "reg", "add", r"HKCU\Software\Wine", "/v", "ShowDotFiles", "/d", "Y",
                    "/f"], env=env, capture_output=True, timeout=300, check=True)
    subprocess.run(["wineserver", "-w"], env=env, timeout=300, check=False)
    return env


def windows_shaped(bundle: Path, target: Path) -> Path:
    """`bundle` as PyInstaller lays it out on Windows: parallax.exe, and no symbolic links."""
    for source in bundle.rglob("*"):
        if source.is_symlink() or not source.is_file():
            continue
        relative = source.relative_to(bundle)
        if relative == Path(EXECUTABLE_NAME):
            relative = Path("parallax.exe")
        destination = target / relative
        destination.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(source, destination)
        except OSError:
            shutil.copy2(source, destination)
    return target


@pytest.fixture(scope="module")
def windows_bundle(bundle: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return windows_shaped(bundle, tmp_path_factory.mktemp("windows-bundle"))


@pytest.fixture(scope="module")
def setup_exe(windows_bundle: Path, wine_env: dict[str, str],
              tmp_path_factory: pytest.TempPathFactory) -> Path:
    iscc = find_iscc()
    if iscc is None:
        pytest.skip("Inno Setup is missing: python build_scripts/windows_installer.py --fetch-iscc")
    out_dir = tmp_path_factory.mktemp("installer")
    # Stored, not compressed: lzma2/max takes minutes on this payload and checks nothing more.
    setup = build_installer(iscc, windows_bundle, out_dir, compression="none", env=wine_env)
    # The compiler ran with no display; a Wine server still up from it would keep the setup
    # program off the virtual display too.
    subprocess.run(["wineserver", "-w"], env=wine_env, timeout=300, check=False)
    return setup


def wine(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    """Run a Windows program on a virtual display and wait until Wine has nothing left running
    (the uninstaller hands over to a copy of itself and returns at once)."""
    result = subprocess.run(["xvfb-run", "-a", "wine", *args], capture_output=True, text=True,
                            timeout=600, env=env, check=False)
    subprocess.run(["wineserver", "-w"], env=env, timeout=300, check=False)
    return result


def registry(env: dict[str, str], key: str) -> dict[str, str] | None:
    """The values of a key in the 64-bit registry view, or None when the key does not exist."""
    result = subprocess.run(["wine", "reg", "query", key, "/reg:64"], capture_output=True,
                            text=True, timeout=120, env=env, check=False)
    if result.returncode != 0:
        return None
    return {match.group(1): match.group(3) for line in result.stdout.splitlines()
            if (match := REG_LINE.match(line))}


def drive_c(env: dict[str, str]) -> Path:
    return Path(env["WINEPREFIX"]) / "drive_c"


def relative_files(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}


def test_setup_installs_registers_and_uninstalls(
    setup_exe: Path, windows_bundle: Path, wine_env: dict[str, str], tmp_path: Path
) -> None:
    log = tmp_path / "install.log"
    wine(wine_env, str(setup_exe), "/VERYSILENT", "/SUPPRESSMSGBOXES", "/NORESTART",
         "/ALLUSERS", "/TASKS=fileassoc,desktopicon", f"/LOG={windows_path(log)}")
    log_text = log.read_text(encoding="utf-8-sig", errors="replace") if log.exists() else ""
    assert "Installation process succeeded." in log_text, log_text[-2000:]

    app = drive_c(wine_env) / "Program Files" / "Parallax"
    installed = relative_files(app)
    assert relative_files(windows_bundle) <= installed
    assert {"LICENSE.txt", "THIRD_PARTY.txt", "parallax.ico", "unins000.exe"} <= installed
    menu = drive_c(wine_env) / "ProgramData/Microsoft/Windows/Start Menu/Programs/Parallax"
    assert (menu / "Parallax.lnk").is_file()
    assert (menu / "Uninstall Parallax.lnk").is_file()
    assert (drive_c(wine_env) / "users/Public/Desktop/Parallax.lnk").is_file()

    command = registry(wine_env, rf"HKLM\Software\Classes\{PROG_ID}\shell\open\command")
    assert command == {"(Default)": r'"C:\Program Files\Parallax\parallax.exe" "%1"'}
    association = registry(wine_env, r"HKLM\Software\Classes\.parallax\OpenWithProgids")
    assert association is not None and PROG_ID in association
    entry = registry(wine_env, UNINSTALL_KEY)
    assert entry is not None
    assert entry["DisplayVersion"] == project_version()
    assert entry["DisplayName"] == f"Parallax {project_version()}"

    log = tmp_path / "uninstall.log"
    wine(wine_env, str(app / "unins000.exe"), "/VERYSILENT", "/SUPPRESSMSGBOXES", "/NORESTART",
         f"/LOG={windows_path(log)}")
    log_text = log.read_text(encoding="utf-8-sig", errors="replace") if log.exists() else ""
    assert "Uninstallation process succeeded." in log_text, log_text[-2000:]
    assert not app.exists()
    assert not menu.exists()
    assert not (drive_c(wine_env) / "users/Public/Desktop/Parallax.lnk").exists()
    assert registry(wine_env, rf"HKLM\Software\Classes\{PROG_ID}") is None
    association = registry(wine_env, r"HKLM\Software\Classes\.parallax\OpenWithProgids")
    assert association is None or PROG_ID not in association
    assert registry(wine_env, UNINSTALL_KEY) is None
