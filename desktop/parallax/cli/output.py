"""Helpers shared by subcommands for writing JSON and text results.

Text from articles, file names and model packages can hold terminal escape sequences (ANSI
colours, OSC hyperlinks and title changes, cursor movement): `SafeStream` strips control
characters from everything the CLI writes, so none reaches the terminal raw.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any, TextIO

from parallax.core.workspace import write_atomic

# C0 controls except tab and newline, DEL, and the C1 block (U+009B is a one-byte CSI); also
# the bidirectional overrides that can make a file name read differently from what it is.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def terminal_text(text: str) -> str:
    """`text` without control characters: safe to print, whatever file it came from."""
    return _CONTROL.sub("", text)


class SafeStream:
    """A text stream that strips control characters from what is written to it."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        self._stream.write(terminal_text(text))
        return len(text)

    def writelines(self, lines: Iterable[str]) -> None:
        for line in lines:
            self.write(line)

    def __getattr__(self, name: str) -> Any:  # flush, buffer, isatty, encoding, fileno…
        return getattr(self._stream, name)


def install_safe_streams() -> None:
    """Route the CLI's stdout and stderr through `SafeStream` (once)."""
    for name in ("stdout", "stderr"):
        stream = getattr(sys, name)
        if stream is not None and not isinstance(stream, SafeStream):
            setattr(sys, name, SafeStream(stream))


def write_json(data: Any, out: str | None, inputs: Iterable[str | Path] = ()) -> None:
    """Write JSON to a file (atomically) or, for None or '-', to stdout.

    `inputs` are the command's input files: the output is refused if it is one of them (or a
    device, FIFO or folder), before anything is written.
    """
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if out in (None, "-"):
        # JSON leaves C1 controls and bidi overrides raw: escape them (lossless, still valid
        # JSON, since they only occur inside strings) rather than let SafeStream drop them.
        sys.stdout.write(_CONTROL.sub(lambda m: f"\\u{ord(m.group()):04x}", text))
        return
    write_atomic(Path(out), text.encode("utf-8"), inputs)


def check_outputs(outputs: Iterable[str | Path | None], inputs: Iterable[str | Path]) -> None:
    """Refuse, before any work, outputs that would replace an input, a device or a folder."""
    from parallax.core.workspace import check_output_path

    sources = [Path(p) for p in inputs]
    for out in outputs:
        if out is not None and str(out) != "-":
            check_output_path(out, sources)
