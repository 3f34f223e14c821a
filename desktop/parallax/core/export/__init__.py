"""Exports of a comparison: HTML, PDF, TMX, CSV/XLSX and JSON.

One entry point, `export_workspace`, for the CLI and the GUI alike. Each format is a module
with `export_bytes(workspace, comparison, options, on_progress, cancel) -> bytes`; a new format
is one new module and one branch in `_renderer`. The file is written atomically, so a failed
export (full disk, unwritable folder, cancel) leaves any previous file as it was. Whatever goes
wrong surfaces as `ExportError` (or `Cancelled` when the user stops it).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from parallax.core.comparison import Comparison
from parallax.core.errors import Cancelled, ExportError, ParallaxError
from parallax.core.progress import CancelToken, ProgressCallback
from parallax.core.workspace import Workspace, check_output_path, write_atomic

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ExportOptions:
    include_reports: bool = False  # TMX: also pair the original with other outlets' reports
    font_path: str | None = None  # PDF: a CJK TTF/OTF/TTC to embed instead of the system's


FORMATS: tuple[str, ...] = ("html", "pdf", "tmx", "csv", "xlsx", "json")
SUFFIXES = {"html": ".html", "pdf": ".pdf", "tmx": ".tmx", "csv": ".csv", "xlsx": ".xlsx",
            "json": ".json"}
DESCRIPTIONS = {
    "html": "HTML report (one self-contained file)",
    "pdf": "PDF report",
    "tmx": "TMX 1.4 translation memory",
    "csv": "CSV table of aligned pairs (UTF-8)",
    "xlsx": "Excel workbook of aligned pairs",
    "json": "Comparison JSON",
}


class _Renderer(Protocol):
    def __call__(
        self,
        workspace: Workspace,
        comparison: Comparison,
        options: ExportOptions,
        on_progress: ProgressCallback | None,
        cancel: CancelToken | None,
    ) -> bytes: ...


def format_for_path(path: str | Path) -> str | None:
    """The format a file name asks for by its suffix, if any."""
    suffix = Path(path).suffix.lower()
    if suffix == ".htm":
        return "html"
    return next((fmt for fmt, s in SUFFIXES.items() if s == suffix), None)


def _renderer(fmt: str) -> _Renderer:
    # Imported here, not at the top: fpdf2 and openpyxl load only for the format asked for.
    # Plain import statements (not importlib) so a frozen build's analysis finds them.
    if fmt == "html":
        from parallax.core.export import html
        return html.export_bytes
    if fmt == "pdf":
        from parallax.core.export import pdf
        return pdf.export_bytes
    if fmt == "tmx":
        from parallax.core.export import tmx
        return tmx.export_bytes
    if fmt == "json":
        from parallax.core.export import json_report
        return json_report.export_bytes
    from parallax.core.export import table
    return table.export_csv if fmt == "csv" else table.export_xlsx


def render_export(
    workspace: Workspace,
    comparison: Comparison,
    fmt: str,
    options: ExportOptions | None = None,
    on_progress: ProgressCallback | None = None,
    cancel: CancelToken | None = None,
) -> bytes:
    """The export's bytes, without writing anything."""
    fmt = fmt.lower()
    if fmt not in FORMATS:
        raise ExportError(f"Unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}.")
    try:
        return _renderer(fmt)(workspace, comparison, options or ExportOptions(), on_progress,
                              cancel)
    except (ExportError, Cancelled):
        raise
    except ParallaxError as exc:
        raise ExportError(str(exc)) from exc
    except MemoryError as exc:
        raise ExportError(f"The workspace is too large to export as {fmt.upper()}.") from exc
    except Exception as exc:  # a bug or data no writer expected: never a traceback for the user
        log.exception("%s export failed", fmt)
        raise ExportError(
            f"Could not build the {fmt.upper()} export ({type(exc).__name__}: {exc})."
        ) from exc


def export_workspace(
    workspace: Workspace,
    comparison: Comparison,
    fmt: str,
    out_path: str | Path,
    options: ExportOptions | None = None,
    on_progress: ProgressCallback | None = None,
    cancel: CancelToken | None = None,
    inputs: Iterable[str | Path] = (),
) -> Path:
    """Write `workspace` + `comparison` as `fmt` to `out_path` atomically; returns the path.

    `inputs` (the workspace file, a font) are never overwritten, nor are devices or folders.
    """
    path = Path(out_path)
    inputs = list(inputs)
    try:
        check_output_path(path, inputs)
    except ParallaxError as exc:
        raise ExportError(str(exc)) from exc
    data = render_export(workspace, comparison, fmt, options, on_progress, cancel)
    if cancel is not None:
        cancel.raise_if_cancelled()
    try:
        write_atomic(path, data, inputs)
    except ParallaxError as exc:
        raise ExportError(str(exc)) from exc
    log.info("exported %s (%d bytes) to %s", fmt, len(data), path)
    return path
