"""The comparison as JSON: the same versioned contract `parallax compare --json` prints.

`core.compare_json.comparison_to_json` owns the contract; when it is not importable (an older
tree) this module's own `comparison_to_json` writes the same shape, so exports keep working.
"""

from __future__ import annotations

import importlib
import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from parallax import __version__
from parallax.core.article import Article
from parallax.core.comparison import FLAG_LABELS, Comparison
from parallax.core.export.report import sentence_text
from parallax.core.progress import CancelToken, ProgressCallback
from parallax.core.workspace import ORIGINAL, TITLE, Workspace

if TYPE_CHECKING:
    from parallax.core.export import ExportOptions

FORMAT_NAME = "parallax-comparison"
FORMAT_VERSION = 1
Contract = Callable[[Workspace, Comparison], dict[str, Any]]


def _article(workspace: Workspace, key: str, article: Article) -> dict[str, Any]:
    ids = ([TITLE] if article.title else []) + [s.id for s in article.sentences]
    return {
        "title": article.title,
        "outlet": article.outlet,
        "published": article.published.isoformat() if article.published else None,
        "lang": article.lang,
        "source": article.source,
        "sentences": [
            {"id": sid, "text": sentence_text(article, sid),
             "translation": workspace.translation_text(key, sid)}
            for sid in ids
        ],
    }


def comparison_to_json(workspace: Workspace, comparison: Comparison) -> dict[str, Any]:
    """A plain-data dict of the whole comparison (json.dumps-able)."""
    return {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "app_version": __version__,
        "settings": workspace.settings.to_dict(),
        "original": _article(workspace, ORIGINAL, workspace.original),
        "sources": [
            {"id": s.id, "role": s.role, "label": s.display_name,
             **_article(workspace, s.id, s.article)}
            for s in workspace.sources
        ],
        "translations": {
            key: {k: v for k, v in mt.to_dict().items() if k != "texts"}
            for key, mt in workspace.translations.items()
        },
        "links": [link.to_dict() for link in comparison.links],
        "flags": [{**f.to_dict(), "label": FLAG_LABELS.get(f.kind, f.kind)}
                  for f in comparison.flags],
        "notes": list(comparison.notes),
    }


def contract() -> Contract:
    """The shared contract when it exists, else this module's equivalent."""
    try:
        module = importlib.import_module("parallax.core.compare_json")
    except ImportError:
        return comparison_to_json
    function: Contract = getattr(module, "comparison_to_json", comparison_to_json)
    return function


def export_bytes(
    workspace: Workspace,
    comparison: Comparison,
    options: ExportOptions,
    on_progress: ProgressCallback | None = None,
    cancel: CancelToken | None = None,
) -> bytes:
    if cancel is not None:
        cancel.raise_if_cancelled()
    data = contract()(workspace, comparison)
    if on_progress is not None:
        on_progress(1, 1)
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    return text.encode("utf-8", errors="replace")  # a lone surrogate cannot be UTF-8
