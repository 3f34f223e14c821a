"""The installed app must never pull in torch, stanza or spaCy (hundreds of MB, no use here)."""

from __future__ import annotations

import re
from importlib.metadata import PackageNotFoundError, requires

FORBIDDEN = {"torch", "stanza", "spacy"}


def _name(requirement: str) -> str:
    return re.split(r"[\s\[<>=!~;(]", requirement, maxsplit=1)[0].lower().replace("_", "-")


def _runtime_requirements(dist: str) -> list[str]:
    try:
        reqs = requires(dist) or []
    except PackageNotFoundError:
        return []
    # Extras ("; extra == ...") are optional and not installed by default.
    return [_name(r) for r in reqs if "extra ==" not in r]


def test_no_torch_stanza_or_spacy_in_the_dependency_tree() -> None:
    seen: set[str] = set()
    todo = ["parallax"]
    while todo:
        dist = todo.pop()
        if dist in seen:
            continue
        seen.add(dist)
        todo += _runtime_requirements(dist)
    assert "argos-translate-lt" in seen
    assert "ctranslate2" in seen
    assert not (seen & FORBIDDEN), sorted(seen & FORBIDDEN)
