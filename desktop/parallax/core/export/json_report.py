"""The comparison as JSON: the versioned contract `parallax compare` prints (core.compare_json).

One writer for both, so a file exported from the app and the CLI's output never drift apart.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from parallax.core.compare_json import comparison_to_json
from parallax.core.comparison import Comparison
from parallax.core.progress import CancelToken, ProgressCallback
from parallax.core.workspace import Workspace

if TYPE_CHECKING:
    from parallax.core.export import ExportOptions


def export_bytes(
    workspace: Workspace,
    comparison: Comparison,
    options: ExportOptions,
    on_progress: ProgressCallback | None = None,
    cancel: CancelToken | None = None,
) -> bytes:
    if cancel is not None:
        cancel.raise_if_cancelled()
    data = comparison_to_json(workspace, comparison)
    if on_progress is not None:
        on_progress(1, 1)
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    return text.encode("utf-8", errors="replace")  # a lone surrogate cannot be UTF-8
