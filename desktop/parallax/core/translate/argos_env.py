"""The one place argostranslate is imported.

`argostranslate.settings` reads its environment and creates folders at import time, so the
environment is pointed at Parallax's own folders first. Only `argostranslate.package` is ever
imported: `argostranslate.translate` pulls in MiniSBD, whose sentence splitter downloads a model.
"""

from __future__ import annotations

import os
import threading
from types import ModuleType

from parallax.core.paths import models_dir

_lock = threading.Lock()
_package: ModuleType | None = None


def import_argos() -> ModuleType:
    """`argostranslate.package`, imported once with Parallax's model folder configured."""
    global _package
    with _lock:
        if _package is None:
            os.environ["ARGOS_PACKAGES_DIR"] = str(models_dir())
            os.environ.setdefault("ARGOS_DEBUG", "0")
            os.environ.setdefault("ARGOS_DEVICE_TYPE", "cpu")
            os.environ.setdefault("ARGOS_CHUNK_TYPE", "NONE")  # we segment sentences ourselves
            import argostranslate.package as package

            _package = package
        return _package


def argos_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    for dist in ("argos-translate-lt", "argostranslate"):
        try:
            return version(dist)
        except PackageNotFoundError:
            continue
    return "unknown"
