"""`parallax export WORKSPACE -o OUT`: a report or exchange file from a saved workspace.

The comparison is recomputed from the workspace (it is derived data, never stored), then
written atomically in the format asked for, or the one the output file's suffix names.
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path
from typing import Any

from parallax.cli.output import check_outputs
from parallax.core.errors import ExportError
from parallax.core.export import (
    DESCRIPTIONS,
    FORMATS,
    ExportOptions,
    export_workspace,
    format_for_path,
    render_export,
)
from parallax.core.workspace import Workspace

log = logging.getLogger(__name__)


def register(subparsers: Any) -> None:
    formats = "; ".join(f"{fmt}: {DESCRIPTIONS[fmt]}" for fmt in FORMATS)
    parser = subparsers.add_parser(
        "export",
        help="write a workspace's comparison as HTML, PDF, TMX, CSV, XLSX or JSON",
        description=f"Formats: {formats}.",
    )
    parser.add_argument("workspace", help="a .parallax workspace file")
    parser.add_argument("-o", "--output", required=True,
                        help="the file to write ('-': standard output; needs --format)")
    parser.add_argument("-f", "--format", choices=FORMATS,
                        help="output format (default: from the output file's suffix)")
    parser.add_argument("--include-reports", action="store_true",
                        help="TMX: also pair the original with other outlets' reports")
    parser.add_argument("--font", help="PDF: a TrueType font with Chinese glyphs to embed")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    to_stdout = args.output == "-"
    out = Path(args.output)
    fmt = args.format or (None if to_stdout else format_for_path(out))
    if fmt is None:
        raise ExportError(
            f"Cannot tell the format from {out.name!r}; add --format "
            f"({', '.join(FORMATS)}) or use a matching suffix."
        )
    inputs = [args.workspace] + ([args.font] if args.font else [])
    if not to_stdout:  # refused before the (long) comparison, not after it
        check_outputs([out], inputs)
    workspace = Workspace.load(args.workspace)
    # The articles the workspace was built from are the user's too: never written over.
    inputs += [a.source for a in (workspace.original, *(s.article for s in workspace.sources))
               if a.source and "://" not in a.source]
    if not to_stdout:
        check_outputs([out], inputs)
    log.info("comparing %d sources", len(workspace.sources))
    from parallax.core import pipeline  # numpy: not for `parallax --help`

    _, comparison = pipeline.run(workspace)  # nothing translated: the workspace as saved
    options = ExportOptions(include_reports=args.include_reports, font_path=args.font)
    if to_stdout:
        data = render_export(workspace, comparison, fmt, options)
        sys.stdout.flush()
        sys.stdout.buffer.write(data)  # the bytes as they are: a file format, not terminal text
        sys.stdout.buffer.flush()
        return 0
    path = export_workspace(workspace, comparison, fmt, out, options, inputs=inputs)
    print(f"Wrote {path} ({fmt}, {path.stat().st_size:,} bytes).")
    return 0
