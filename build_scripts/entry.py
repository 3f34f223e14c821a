"""PyInstaller's entry script: the frozen `parallax` executable (GUI, CLI and self-test)."""

import importlib
import importlib.util
import os
import sys
import types
from typing import BinaryIO


def _resource_stream(module_name: str, resource: str) -> BinaryIO:
    """pkg_resources.resource_stream for a frozen app: the file beside the module."""
    module = importlib.import_module(module_name)
    folder = os.path.dirname(module.__file__ or "")
    return open(os.path.join(folder, *resource.split("/")), "rb")


def _provide_resource_stream() -> None:
    """The bundle leaves pkg_resources out (bundle_layout.EXCLUDED_MODULES); cn2an imports
    `resource_stream` from it unconditionally, jieba and zhconv when it is there."""
    if importlib.util.find_spec("pkg_resources") is None:
        shim = types.ModuleType("pkg_resources")
        shim.resource_stream = _resource_stream  # type: ignore[attr-defined]
        sys.modules["pkg_resources"] = shim


_provide_resource_stream()

from parallax.__main__ import main  # noqa: E402 - after the shim is in place

if __name__ == "__main__":
    sys.exit(main())
