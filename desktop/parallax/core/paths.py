"""Where Parallax keeps its files, from platformdirs (overridable for tests and portable use).

`PARALLAX_HOME` puts every folder under one directory; tests set it to a temp dir.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from platformdirs import PlatformDirs

APP_NAME = "Parallax"
_DIRS = PlatformDirs(APP_NAME, appauthor=False)


def _home() -> Path | None:
    value = os.environ.get("PARALLAX_HOME")
    return Path(value) if value else None


def _ensure(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    return path


def data_dir() -> Path:
    home = _home()
    return _ensure(home / "data" if home else Path(_DIRS.user_data_dir))


def models_dir() -> Path:
    """Installed Argos packages; Argos is pointed here before its first import."""
    return _ensure(data_dir() / "models")


def cache_dir() -> Path:
    home = _home()
    return _ensure(home / "cache" if home else Path(_DIRS.user_cache_dir))


def config_dir() -> Path:
    home = _home()
    return _ensure(home / "config" if home else Path(_DIRS.user_config_dir))


def recovery_dir() -> Path:
    return _ensure(data_dir() / "recovery")


def log_dir() -> Path:
    home = _home()
    return _ensure(home / "logs" if home else Path(_DIRS.user_log_dir))


def resources_dir() -> Path:
    """The shipped `resources/` folder, in a source tree, an installed wheel or a bundle."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    candidates = []
    if frozen_root:
        candidates.append(Path(frozen_root) / "resources")
    here = Path(__file__).resolve()
    candidates.append(here.parents[3] / "resources")  # source tree: desktop/parallax/core
    candidates.append(here.parents[1] / "resources")  # installed: parallax/resources
    for candidate in candidates:
        if (candidate / "samples").is_dir():
            return candidate
    return candidates[-1]


def sample_article_path() -> Path:
    return resources_dir() / "samples" / "putin-mongolia-2024-09-04.zh.txt"
