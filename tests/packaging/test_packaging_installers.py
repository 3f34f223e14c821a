"""Installers for other systems: what can be checked on Linux without their tools."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path, PureWindowsPath

import pytest
from packaging_support import REPO, offscreen_env

from bundle_layout import APP_ID, BUNDLE_ID, WINDOWS_APP_GUID, project_version

ISS = REPO / "installer" / "windows" / "parallax.iss"
SPEC = REPO / "build_scripts" / "parallax.spec"


def iss_defines(text: str) -> dict[str, str]:
    return dict(re.findall(r'^#define\s+(\w+)\s+"([^"]*)"', text, re.MULTILINE))


def iss_sources(text: str) -> list[str]:
    return re.findall(r'^Source:\s*"([^"]+)"', text, re.MULTILINE)


def resolve_iss_path(source: str, defines: dict[str, str], bundle: Path) -> Path:
    """An Inno Setup Source: path on this machine (the Linux bundle has no `.exe` suffix)."""
    for name, value in {**defines, "BundleDir": str(bundle)}.items():
        source = source.replace(f"{{#{name}}}", value)
    source = source.replace(".exe", "") if source.endswith(".exe") else source
    if source.startswith(str(bundle)):
        return Path(source.replace("\\", "/"))
    return (ISS.parent / Path(*PureWindowsPath(source).parts)).resolve()


def test_every_inno_setup_source_exists_in_the_bundle_layout(bundle: Path) -> None:
    text = ISS.read_text(encoding="utf-8")
    sources = iss_sources(text)
    assert len(sources) >= 3
    for source in sources:
        path = resolve_iss_path(source, iss_defines(text), bundle)
        if path.name == "*":
            assert path.parent.is_dir() and any(path.parent.iterdir()), source
        else:
            assert path.exists(), f"{source} -> {path}"


def test_inno_setup_version_and_id_come_from_the_project() -> None:
    text = ISS.read_text(encoding="utf-8")
    assert re.search(r"^AppVersion=\{#AppVersion\}$", text, re.MULTILINE)
    assert re.search(r"^OutputBaseFilename=Parallax-\{#AppVersion\}-setup$", text, re.MULTILINE)
    assert f"AppId={{{WINDOWS_APP_GUID}" in text  # `{{` is Inno Setup's escaped brace
    assert re.search(r"\.parallax", text)  # file association
    assert "{uninstallexe}" in text
    sys.path.insert(0, str(REPO / "build_scripts"))
    from windows_installer import iscc_command

    command = iscc_command("ISCC.exe")
    assert f"/DAppVersion={project_version()}" in command
    assert command[-1].endswith(r"installer\windows\parallax.iss")
    assert command[0] == ("ISCC.exe" if sys.platform == "win32" else "wine")


def test_version_resource_for_windows_matches(tmp_path: Path) -> None:
    from build import windows_version_file

    text = windows_version_file(project_version(), tmp_path / "v.txt").read_text()
    assert f"StringStruct('ProductVersion', '{project_version()}')" in text


def test_macos_bundle_settings() -> None:
    text = SPEC.read_text(encoding="utf-8")
    assert "bundle_identifier=BUNDLE_ID" in text
    assert BUNDLE_ID == APP_ID
    assert "info_plist=macos_info_plist(VERSION, pyside6_macos_minimum())" in text
    script = REPO / "installer" / "macos" / "make_dmg.sh"
    assert os.access(script, os.X_OK)
    subprocess.run(["bash", "-n", str(script)], check=True)


def test_appdir_runs_its_self_test(bundle: Path, tmp_path: Path) -> None:
    sys.path.insert(0, str(REPO / "build_scripts"))
    from package_appimage import build_appdir

    appdir = build_appdir(bundle, tmp_path / "Parallax.AppDir")
    assert (appdir / f"{APP_ID}.desktop").is_file()
    assert (appdir / ".DirIcon").exists()
    result = subprocess.run([str(appdir / "AppRun"), "--self-test"], capture_output=True,
                            text=True, timeout=300, env=offscreen_env())
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("name", ["parallax.ico", "parallax.icns", "parallax.svg"])
def test_installer_icons_exist(name: str) -> None:
    assert (REPO / "resources" / "icons" / name).stat().st_size > 0
