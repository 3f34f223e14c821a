"""The wheel carries resources/ as parallax/resources, and an installed copy finds them."""

from __future__ import annotations

import json
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest
from packaging_support import REPO

SEED = REPO / "resources" / "samples" / "putin-mongolia-2024-09-04.zh.txt"


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(out), str(REPO)],
        capture_output=True, text=True, timeout=600,
    )
    if result.returncode != 0 and "Could not find a version" in result.stderr + result.stdout:
        pytest.skip("no package index reachable to fetch setuptools for the isolated build")
    assert result.returncode == 0, result.stdout + result.stderr
    (found,) = out.glob("parallax-*.whl")
    return found


def test_wheel_ships_resources_inside_the_package(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "parallax/resources/samples/putin-mongolia-2024-09-04.zh.txt" in names
    assert "parallax/resources/icons/parallax.svg" in names
    assert not any(name.startswith("resources/") for name in names)


def test_installed_wheel_runs_info_on_the_sample(wheel: Path, tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    site = Path(subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True, text=True, check=True).stdout.strip())
    # Dependencies come from the development environment; Parallax itself only from the wheel.
    (site / "_parallax_test_deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet",
                    "--no-deps", "--no-index", str(wheel)], check=True, timeout=300)

    located = subprocess.run(
        [str(python), "-c",
         "import parallax, parallax.core.paths as p; print(parallax.__file__); "
         "print(p.resources_dir())"],
        capture_output=True, text=True, check=True, cwd=tmp_path,
    ).stdout.splitlines()
    assert Path(located[0]).is_relative_to(site)
    assert Path(located[1]) == site / "parallax" / "resources"

    result = subprocess.run([str(venv / "bin" / "parallax"), "info", "--json", str(SEED)],
                            capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["sentence_count"] > 5
