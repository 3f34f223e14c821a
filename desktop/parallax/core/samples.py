"""The built-in sample workspace: the seed article and the sample sources listed beside it.

`resources/samples/manifest.json` lists the sample sources (file, role, label); every sample
other than the seed is written by the Parallax team and marked as such in its text.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from parallax.core.loaders import load_path
from parallax.core.paths import resources_dir, sample_article_path
from parallax.core.workspace import ROLES, Workspace


def samples_dir() -> Path:
    return resources_dir() / "samples"


def sample_manifest() -> list[dict[str, Any]]:
    manifest = samples_dir() / "manifest.json"
    if not manifest.exists():
        return []
    data = json.loads(manifest.read_text(encoding="utf-8"))
    return list(data.get("sources", []))


def sample_workspace(with_sources: bool = True) -> Workspace:
    """The seed article, plus the sample translations and reports unless told otherwise."""
    workspace = Workspace(load_path(sample_article_path()))
    if not with_sources:
        return workspace
    for entry in sample_manifest():
        role = entry.get("role", "report")
        if role not in ROLES:
            raise ValueError(f"sample manifest: unknown role {role!r}")
        article = load_path(samples_dir() / entry["file"])
        workspace = workspace.with_source(article, role, entry.get("label", ""))
    return workspace
