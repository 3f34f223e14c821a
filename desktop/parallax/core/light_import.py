"""Import a library that asks pkg_resources for its data files without importing pkg_resources.

zhconv and cn2an call only `pkg_resources.resource_stream` (the file beside a module), but
importing pkg_resources scans every installed distribution: 0.15-0.3 s of a 1 s command. The
bundle leaves pkg_resources out and gives them a stand-in (build_scripts/entry.py); here the
same stand-in is in place only while such a library is imported, so any other importer of
pkg_resources still gets the real one.
"""

from __future__ import annotations

import importlib
import os
import sys
import threading
import types
from typing import IO, Any

_lock = threading.Lock()


def _resource_stream(module_name: str, resource: str) -> IO[bytes]:
    module = importlib.import_module(module_name)
    folder = os.path.dirname(module.__file__ or "")
    return open(os.path.join(folder, *resource.split("/")), "rb")


def import_module(name: str) -> Any:
    """`importlib.import_module(name)`, with the stand-in for pkg_resources meanwhile when the
    real one is not loaded already."""
    if name in sys.modules:
        return sys.modules[name]
    with _lock:
        if "pkg_resources" in sys.modules:
            return importlib.import_module(name)
        shim = types.ModuleType("pkg_resources")
        shim.resource_stream = _resource_stream  # type: ignore[attr-defined]
        sys.modules["pkg_resources"] = shim
        try:
            return importlib.import_module(name)
        finally:
            if sys.modules.get("pkg_resources") is shim:
                del sys.modules["pkg_resources"]
