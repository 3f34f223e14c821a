"""The optional one-file build, with a translation model inside (`build.py --onefile --model`).

One build covers both options: the self-extracting executable must pass the self-test with the
model it carries, install that model on its first start, and leave nothing unpacked behind.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from packaging_support import REPO, offscreen_env

from bundle_layout import DIST, EXECUTABLE_NAME
from parallax.core.translate.tiny_model import build_tiny_argos_package

MODEL_NAME = "translate-zh_en-tiny.argosmodel"


@pytest.fixture(scope="session")
def onefile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """dist/onefile/parallax, built now with a tiny real zh->en model inside."""
    model = build_tiny_argos_package(tmp_path_factory.mktemp("model") / MODEL_NAME, "zh", "en")
    subprocess.run([sys.executable, str(REPO / "build_scripts" / "build.py"), "--onefile",
                    "--model", str(model)], check=True, cwd=REPO)
    exe = DIST / "onefile" / EXECUTABLE_NAME
    assert exe.is_file()
    return exe


def run_onefile(exe: Path, tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run with its own home and its own TMPDIR, where the executable unpacks itself."""
    (tmp_path / "unpack").mkdir(exist_ok=True)
    env = offscreen_env(PARALLAX_HOME=str(tmp_path / "home"), TMPDIR=str(tmp_path / "unpack"))
    env.pop("ARGOS_PACKAGES_DIR", None)  # the frozen app points Argos at its own models folder
    return subprocess.run([str(exe), *args], capture_output=True, text=True, timeout=300,
                          env=env)


def test_onefile_self_test_uses_the_bundled_model(onefile: Path, tmp_path: Path) -> None:
    result = run_onefile(onefile, tmp_path, "--self-test")
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert "self-test passed" in lines
    assert any(line.startswith(f"ok   install a translation model (bundled {MODEL_NAME})")
               for line in lines), result.stdout
    assert list((tmp_path / "unpack").iterdir()) == []  # the unpacked copy was removed


def test_onefile_installs_its_model_on_first_start(onefile: Path, tmp_path: Path) -> None:
    result = run_onefile(onefile, tmp_path, "models", "list", "--json")
    assert result.returncode == 0, result.stderr
    models = json.loads(result.stdout)
    assert [m["pair"] for m in models if m["kind"] == "argos"] == ["zh->en"]
    # No embedding model in the bundle: the list says so, and how to install it.
    [embeddings] = [m for m in models if m["kind"] == "embeddings"]
    assert not embeddings["available"] and embeddings["problem"]
    assert list((tmp_path / "unpack").iterdir()) == []
