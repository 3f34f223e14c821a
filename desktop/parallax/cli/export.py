"""`parallax export WORKSPACE -o OUT`: a report or exchange file from a saved workspace.

The comparison is recomputed from the workspace (it is derived data, never stored), then
written atomically in the format asked for, or the one the output file's suffix names.
"""

from __future__ import annotations

import argparse
import logging
from pathlib import Path
from typing import Any

from parallax.core.errors import ExportError
from parallax.core.export import (
    DESCRIPTIONS,
    FORMATS,
    ExportOptions,
    export_workspace,
    format_for_path,
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
    parser.add_argument("-o", "--output", required=True, help="the file to write")
    parser.add_argument("-f", "--format", choices=FORMATS,
                        help="output format (default: from the output file's suffix)")
    parser.add_argument("--include-reports", action="store_true",
                        help="TMX: also pair the original with other outlets' reports")
    parser.add_argument("--font", help="PDF: a TrueType font with Chinese glyphs to embed")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    out = Path(args.output)
    fmt = args.format or format_for_path(out)
    if fmt is None:
        raise ExportError(
            f"Cannot tell the format from {out.name!r}; add --format "
            f"({', '.join(FORMATS)}) or use a matching suffix."
        )
    workspace = Workspace.load(args.workspace)
    log.info("comparing %d sources", len(workspace.sources))
    from parallax.core.compare import compare_workspace  # numpy: not for `parallax --help`

    comparison = compare_workspace(workspace)
    options = ExportOptions(include_reports=args.include_reports, font_path=args.font)
    path = export_workspace(workspace, comparison, fmt, out, options)
    print(f"Wrote {path} ({fmt}, {path.stat().st_size:,} bytes).")
    return 0
