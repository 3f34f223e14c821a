"""The comparison as versioned JSON (contract in docs/compare-json.md), for the CLI and tools.

Version 1. Readers must ignore fields they do not know; a change that removes or renames a
field, or changes its meaning, raises `COMPARE_JSON_VERSION`.
"""

from __future__ import annotations

from typing import Any

from parallax import __version__
from parallax.core.article import Article
from parallax.core.comparison import FLAG_LABELS, Comparison, Pivot
from parallax.core.workspace import ORIGINAL, TITLE, Workspace

COMPARE_JSON_VERSION = 1


def _translation(workspace: Workspace, key: str, sentence_id: str,
                 pivot: Pivot | None) -> str | None:
    """The pivot-language text the comparison compared (a gloss or a human translation when
    it used one), else the stored translation."""
    if pivot is not None and pivot.how != "own":
        return pivot.get(sentence_id)
    return workspace.translation_text(key, sentence_id)


def _pivot(workspace: Workspace, key: str, pivot: Pivot | None) -> dict[str, Any] | None:
    """Where the `translation` texts come from; None when the comparison had none."""
    if pivot is None:
        return None
    machine = workspace.translations.get(key)
    engine = "gloss" if pivot.how == "gloss" else None
    if pivot.how == "translation" and machine is not None:
        engine = machine.engine  # under any hand edits
    return {"how": "version" if pivot.version else pivot.how, "source": pivot.version,
            "engine": engine,
            "edited": pivot.how == "translation" and bool(workspace.edits.get(key))}


def _sentences(workspace: Workspace, key: str, article: Article,
               pivot: Pivot | None) -> list[dict[str, Any]]:
    # The headline comes first, as sentence "title": alignments and flags may point at it.
    heads = [TITLE] if article.title.strip() else []
    texts = {s.id: s.text for s in article.sentences}
    return [
        {"id": sid, "text": article.title if sid == TITLE else texts[sid],
         "translation": _translation(workspace, key, sid, pivot),
         "note": workspace.review.note(key, sid), "headline": sid == TITLE}
        for sid in [*heads, *texts]
    ]


def _article(workspace: Workspace, key: str, article: Article,
             pivot: Pivot | None) -> dict[str, Any]:
    return {
        "title": article.title,
        "title_translation": _translation(workspace, key, TITLE, pivot),
        "title_note": workspace.review.note(key, TITLE),
        "outlet": article.outlet,
        "published": article.published.isoformat() if article.published else None,
        "lang": article.lang,
        "pivot": _pivot(workspace, key, pivot),
        "sentences": _sentences(workspace, key, article, pivot),
    }


def comparison_to_json(workspace: Workspace, comparison: Comparison) -> dict[str, Any]:
    """The whole comparison: texts, pivot translations, alignments, flags and notes."""
    sources = []
    for source in workspace.sources:
        entry = {"id": source.id, "role": source.role, "label": source.display_name,
                 "path": source.article.source}
        entry.update(_article(workspace, source.id, source.article,
                              comparison.pivots.get(source.id)))
        sources.append(entry)
    engines = {
        key: {"engine": t.engine, "engine_version": t.engine_version, "is_gloss": t.is_gloss,
              "source_lang": t.source_lang, "target_lang": t.target_lang,
              "server": t.server or None, "model": t.model or None,
              "model_version": t.model_version or None,
              "checks": {k: [dict(c) for c in v] for k, v in t.checks.items() if v}}
        for key, t in workspace.translations.items()
    }
    flags = []
    for flag in comparison.flags:
        data = flag.to_dict()
        data["label"] = FLAG_LABELS.get(flag.kind, flag.kind)
        flags.append(data)
    original = _article(workspace, ORIGINAL, workspace.original,
                        comparison.pivots.get(ORIGINAL))
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
