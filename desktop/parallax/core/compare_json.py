"""The comparison as versioned JSON (contract in docs/compare-json.md), for the CLI and tools.

Version 1. Readers must ignore fields they do not know; a change that removes or renames a
field, or changes its meaning, raises `COMPARE_JSON_VERSION`.
"""

from __future__ import annotations

from typing import Any

from parallax import __version__
from parallax.core.article import Article
from parallax.core.comparison import FLAG_LABELS, Comparison
from parallax.core.workspace import ORIGINAL, TITLE, Workspace

COMPARE_JSON_VERSION = 1


def _sentences(workspace: Workspace, key: str, article: Article) -> list[dict[str, Any]]:
    return [
        {"id": s.id, "text": s.text, "translation": workspace.translation_text(key, s.id),
         "note": workspace.review.note(key, s.id)}
        for s in article.sentences
    ]


def _article(workspace: Workspace, key: str, article: Article) -> dict[str, Any]:
    return {
        "title": article.title,
        "title_translation": workspace.translation_text(key, TITLE),
        "title_note": workspace.review.note(key, TITLE),
        "outlet": article.outlet,
        "published": article.published.isoformat() if article.published else None,
        "lang": article.lang,
        "sentences": _sentences(workspace, key, article),
    }


def comparison_to_json(workspace: Workspace, comparison: Comparison) -> dict[str, Any]:
    """The whole comparison: texts, pivot translations, alignments, flags and notes."""
    sources = []
    for source in workspace.sources:
        entry = {"id": source.id, "role": source.role, "label": source.display_name,
                 "path": source.article.source}
        entry.update(_article(workspace, source.id, source.article))
        sources.append(entry)
    engines = {
        key: {"engine": t.engine, "engine_version": t.engine_version, "is_gloss": t.is_gloss,
              "source_lang": t.source_lang, "target_lang": t.target_lang,
              "server": t.server or None, "model": t.model or None,
              "checks": {k: [dict(c) for c in v] for k, v in t.checks.items() if v}}
        for key, t in workspace.translations.items()
    }
    flags = []
    for flag in comparison.flags:
        data = flag.to_dict()
        data["label"] = FLAG_LABELS.get(flag.kind, flag.kind)
        flags.append(data)
    original = _article(workspace, ORIGINAL, workspace.original)
    original["path"] = workspace.original.source
    return {
        "version": COMPARE_JSON_VERSION,
        "generator": f"parallax {__version__}",
        "settings": workspace.settings.to_dict(),
        "engines": engines,
        "notes": list(comparison.notes),
        "original": original,
        "sources": sources,
        "alignments": [link.to_dict() for link in comparison.links],
        "flags": flags,
        "report_only": [entry.to_dict() for entry in comparison.report_only],
        "review": {"unlinked": [p.to_dict() for p in workspace.review.unlinked]},
    }
