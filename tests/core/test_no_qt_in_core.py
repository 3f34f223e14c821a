"""The core never imports Qt: checked in a fresh interpreter over every core module."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import parallax.core


def test_core_modules_do_not_load_qt() -> None:
    names = [
        m.name
        for m in pkgutil.walk_packages(parallax.core.__path__, prefix="parallax.core.")
    ]
    assert "parallax.core.article" in names
    code = (
        "import importlib, sys\n"
        f"for name in {names!r}:\n"
        "    try:\n"
        "        importlib.import_module(name)\n"
        "    except ImportError as exc:\n"
        "        if 'xllamacpp' not in str(exc):\n"
        "            raise\n"
        "qt = sorted(m for m in sys.modules if m.startswith(('PySide6', 'PyQt', 'shiboken')))\n"
        "print(','.join(qt))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == "", f"core loaded Qt modules: {result.stdout}"
