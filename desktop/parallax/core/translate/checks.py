"""Per-sentence checks on a machine translation, kept with it so every view can show them.

- `fallback`: the engine gave nothing usable; the output is the source behind a mark.
- `chinese_left`: Chinese characters left in output meant to be in another language (any
  run, however short: "International Criminal Court院长" is a miss, not a translation).
- `glossary_miss`: a glossary term occurs in the sentence and none of its renderings in the
  translation.
- `length_ratio`: the output is far shorter or longer than the source usually translates to
  (a dropped clause or an invented sentence).

Checks are computed from the source, the output and the glossary alone, so a cached result is
checked exactly as a fresh one.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from parallax.core.language import HAN_CHARS, base_language
from parallax.core.translate.glossary import Glossary, check_glossary
from parallax.core.translate.prompting import GLOSSARY_PAIR, is_fallback

CHECK_KINDS = ("fallback", "chinese_left", "glossary_miss", "length_ratio")
CHECK_LABELS = {
    "fallback": "not translated",
    "chinese_left": "Chinese left in the output",
    "glossary_miss": "glossary term missing",
    "length_ratio": "suspicious length",
}
_CJK_RUN = re.compile(f"[{HAN_CHARS}]+")
# Output characters per source character outside which a translation is suspicious.
_RATIO_BOUNDS = {
    ("zh", "alphabetic"): (0.8, 9.0),  # one hanzi is 2-4 English letters
    ("alphabetic", "zh"): (0.08, 1.2),
    ("alphabetic", "alphabetic"): (0.4, 2.5),
}
_MIN_RATIO_CHARS = 8  # shorter sources vary too much to judge


@dataclass(frozen=True)
class SentenceCheck:
    kind: str  # one of CHECK_KINDS
    detail: str = ""

    def to_dict(self) -> dict[str, str]:
        return {"kind": self.kind, "detail": self.detail}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> SentenceCheck:
        return cls(str(data.get("kind", "")), str(data.get("detail", "")))

    def __str__(self) -> str:
        label = CHECK_LABELS.get(self.kind, self.kind)
        return f"{label}: {self.detail}" if self.detail else label


def _script(lang: str) -> str:
    return "zh" if base_language(lang) == "zh" else "alphabetic"


def check_sentence(
    source_text: str,
    output: str,
    source_lang: str,
    target_lang: str,
    glossary: Glossary | None = None,
) -> tuple[SentenceCheck, ...]:
    """The checks one translated sentence fails (empty when it passes them all)."""
    if not source_text.strip():
        return ()
    if is_fallback(output):
        return (SentenceCheck("fallback"),)
    checks: list[SentenceCheck] = []
    if base_language(target_lang) != "zh":
        runs = _CJK_RUN.findall(output)
        if runs:
            checks.append(SentenceCheck("chinese_left", " ".join(dict.fromkeys(runs))[:80]))
    if (glossary is not None and base_language(source_lang) == GLOSSARY_PAIR.source
            and base_language(target_lang) == GLOSSARY_PAIR.target):
        checks.extend(SentenceCheck("glossary_miss", f"{m.source} = {m.expected}")
                      for m in check_glossary(source_text, output, glossary))
    source_chars = len("".join(source_text.split()))
    if source_chars >= _MIN_RATIO_CHARS:
        low, high = _RATIO_BOUNDS.get((_script(source_lang), _script(target_lang)), (0.0, 1e9))
        ratio = len("".join(output.split())) / source_chars
        if not low <= ratio <= high:
            checks.append(SentenceCheck("length_ratio", f"{ratio:.2f}× the source length"))
    return tuple(checks)


def count_checks(checks: Mapping[str, tuple[SentenceCheck, ...]]) -> dict[str, int]:
    """How many sentences fail each kind of check (kinds with none left out)."""
    counts = {kind: 0 for kind in CHECK_KINDS}
    for found in checks.values():
        for kind in {c.kind for c in found}:
            counts[kind] = counts.get(kind, 0) + 1
    return {kind: n for kind, n in counts.items() if n}


def summary_line(checks: Mapping[str, tuple[SentenceCheck, ...]]) -> str:
    """`3 sentences flagged: 2 glossary term missing, 1 Chinese left in the output`, or ''."""
    flagged = sum(1 for found in checks.values() if found)
    if not flagged:
        return ""
    parts = ", ".join(f"{n} {CHECK_LABELS.get(kind, kind)}"
                      for kind, n in count_checks(checks).items())
    noun = "sentence" if flagged == 1 else "sentences"
    return f"{flagged} {noun} flagged: {parts}"
