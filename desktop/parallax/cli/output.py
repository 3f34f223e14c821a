"""Helpers shared by subcommands for writing JSON and text results."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from parallax.core.errors import ParallaxError
from parallax.core.workspace import write_atomic


def write_json(data: Any, out: str | None) -> None:
    """Write JSON to a file (atomically) or, for None or '-', to stdout."""
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if out in (None, "-"):
        sys.stdout.write(text)
        return
    try:
        write_atomic(Path(out), text.encode("utf-8"))
    except ParallaxError:
        raise
