"""Build hook: ship the top-level `resources/` folder inside the wheel as `parallax/resources`.

Metadata lives in pyproject.toml; `parallax.core.paths.resources_dir()` looks for the folder
beside the installed package. Editable installs read `resources/` from the source tree instead.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
RESOURCES = ROOT / "resources"
LICENCE_FILES = ("THIRD_PARTY.md", "LICENSE")  # shown by the About box


class BuildPyWithResources(build_py):
    def run(self) -> None:
        super().run()
        if self.editable_mode:
            return
        target = Path(self.build_lib) / "parallax" / "resources"
        shutil.copytree(RESOURCES, target, dirs_exist_ok=True,
                        ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "*.ts"))
        for name in LICENCE_FILES:
            shutil.copy2(ROOT / name, target.parent / name)


setup(cmdclass={"build_py": BuildPyWithResources})
