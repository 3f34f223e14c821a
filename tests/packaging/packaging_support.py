"""Helpers shared by the packaging tests and their fixtures."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "build_scripts"))

from bundle_layout import EXECUTABLE_NAME  # noqa: E402 - after the path is set

SOURCES = ("desktop", "resources", "build_scripts", "pyproject.toml")


def newest_source_mtime() -> float:
    newest = 0.0
    for name in SOURCES:
        path = REPO / name
        paths = [path] if path.is_file() else path.rglob("*")
        for item in paths:
            if item.is_file() and "__pycache__" not in item.parts and item.suffix != ".pyc":
                newest = max(newest, item.stat().st_mtime)
    return newest


def bundle_is_fresh(bundle: Path) -> bool:
    exe = bundle / EXECUTABLE_NAME
    return exe.is_file() and exe.stat().st_mtime > newest_source_mtime()


def offscreen_env(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env.update(extra)
    return env


def run_self_test(executable: Path, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(executable), "--self-test"], capture_output=True, text=True,
                          timeout=timeout, env=offscreen_env())
