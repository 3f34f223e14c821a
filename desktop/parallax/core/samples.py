"""The built-in sample workspace: the seed article and the sample sources listed beside it.

`resources/samples/manifest.json` lists the sample sources (file, role, label, lang); every
sample other than the seed is written by the Parallax team and marked as such in its text. The
languages are written down because the sample opens on every start without arguments, and
detecting them (langdetect loads its profiles) would cost half a second before the first paint;
a test checks they match what detection says.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from parallax.core.article import Article
from parallax.core.loaders import decode_bytes, load_path, load_text, read_limited
from parallax.core.paths import resources_dir, sample_article_path
from parallax.core.workspace import ROLES, Workspace


def samples_dir() -> Path:
    return resources_dir() / "samples"


def _manifest_data() -> dict[str, Any]:
    manifest = samples_dir() / "manifest.json"
    if not manifest.exists():
        return {}
    return dict(json.loads(manifest.read_text(encoding="utf-8")))


def sample_manifest() -> list[dict[str, Any]]:
    return list(_manifest_data().get("sources", []))


def load_sample(path: Path, lang: str | None = None) -> Article:
    """A sample text file as `load_path` reads it, in `lang` when given (no detection)."""
    if lang is None:
        return load_path(path)
    text = decode_bytes(read_limited(path), name=path.name)
    return load_text(text, source=str(path), lang=lang)


def sample_workspace(with_sources: bool = True) -> Workspace:
    """The seed article, plus the sample translations and reports unless told otherwise."""
    manifest = _manifest_data()
    workspace = Workspace(load_sample(sample_article_path(), manifest.get("seed_lang")))
    if not with_sources:
        return workspace
    for entry in manifest.get("sources", []):
        role = entry.get("role", "report")
        if role not in ROLES:
            raise ValueError(f"sample manifest: unknown role {role!r}")
        article = load_sample(samples_dir() / entry["file"], entry.get("lang"))
        workspace = workspace.with_source(article, role, entry.get("label", ""))
    return workspace
