"""The .deb: its metadata, its layout, its validators, and the app installed from it."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from packaging_support import REPO, offscreen_env, run_self_test

from bundle_layout import APP_ID, project_version

QT_SYSTEM_LIBRARIES = ("libxcb-cursor0", "libxkbcommon-x11-0", "libegl1", "libfontconfig1",
                       "libgl1")


def control_fields(deb: Path) -> dict[str, str]:
    out = subprocess.run(["dpkg-deb", "--field", str(deb)], capture_output=True, text=True,
                         check=True).stdout
    fields: dict[str, str] = {}
    key = ""
    for line in out.splitlines():
        if line.startswith(" ") and key:
            fields[key] += "\n" + line
        elif ":" in line:
            key, value = line.split(":", 1)
            fields[key] = value.strip()
    return fields


def test_control_declares_qt_libraries_and_cjk_fonts(deb: Path) -> None:
    fields = control_fields(deb)
    assert fields["Package"] == "parallax"
    assert fields["Version"] == project_version()
    depends = [d.strip().split(" ")[0] for d in fields["Depends"].split(",")]
    for library in QT_SYSTEM_LIBRARIES:
        assert library in depends
    assert fields["Recommends"] == "fonts-noto-cjk | fonts-wqy-microhei"


def test_layout(deb_root: Path) -> None:
    link = deb_root / "usr" / "bin" / "parallax"
    assert link.is_symlink()
    assert str(link.readlink()) == "/opt/parallax/parallax"
    assert (deb_root / "opt" / "parallax" / "parallax").is_file()
    share = deb_root / "usr" / "share"
    assert (share / "applications" / f"{APP_ID}.desktop").is_file()
    assert (share / "metainfo" / f"{APP_ID}.metainfo.xml").is_file()
    assert (share / "mime" / "packages" / f"{APP_ID}.xml").is_file()
    assert (share / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg").is_file()
    for size in (16, 32, 48, 128, 256, 512):
        assert (share / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png").is_file()
    assert (share / "doc" / "parallax" / "copyright").is_file()


def test_installed_binary_passes_the_self_test(deb_root: Path) -> None:
    result = run_self_test(deb_root / "opt" / "parallax" / "parallax")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "self-test passed" in result.stdout


def test_installed_binary_runs_the_cli(deb_root: Path) -> None:
    seed = REPO / "resources" / "samples" / "putin-mongolia-2024-09-04.zh.txt"
    result = subprocess.run([str(deb_root / "opt" / "parallax" / "parallax"), "info", str(seed)],
                            capture_output=True, text=True, timeout=120, env=offscreen_env())
    assert result.returncode == 0, result.stderr
    assert "Sentences:" in result.stdout


def test_desktop_entry_validates(deb_root: Path) -> None:
    if shutil.which("desktop-file-validate") is None:
        pytest.skip("desktop-file-validate is not installed (build_scripts/system_deps.sh)")
    entry = deb_root / "usr" / "share" / "applications" / f"{APP_ID}.desktop"
    result = subprocess.run(["desktop-file-validate", str(entry)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "error" not in result.stdout.lower()


def test_metainfo_validates(deb_root: Path) -> None:
    if shutil.which("appstreamcli") is None:
        pytest.skip("appstreamcli is not installed (build_scripts/system_deps.sh)")
    metainfo = deb_root / "usr" / "share" / "metainfo" / f"{APP_ID}.metainfo.xml"
    result = subprocess.run(["appstreamcli", "validate", "--no-net", str(metainfo)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_lintian_finds_no_errors(deb: Path) -> None:
    if shutil.which("lintian") is None:
        pytest.skip("lintian is not installed (build_scripts/system_deps.sh)")
    result = subprocess.run(["lintian", "--fail-on", "error", str(deb)], capture_output=True,
                            text=True, timeout=600)
    errors = [line for line in result.stdout.splitlines() if line.startswith("E:")]
    assert errors == [], "\n".join(errors)
    assert result.returncode == 0, result.stdout + result.stderr
