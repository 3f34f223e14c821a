"""Language detection over the profile table answers exactly as langdetect.detect."""

from __future__ import annotations

import random
from pathlib import Path

from langdetect import DetectorFactory, LangDetectException, detect

from parallax.core import langdetect_table
from parallax.core.language import detect_language
from parallax.core.samples import samples_dir

_OTHERS = ["Der Präsident sagte heute in Berlin, dass die Gespräche weitergehen.",
           "Le président a déclaré mardi que les négociations continueraient.",
           "El presidente dijo que las conversaciones continuarán la próxima semana.",
           "Il presidente ha detto che i colloqui proseguiranno.", "ok", "12345 abc", "x"]


def _answer(text: str, cache: Path | None) -> str:
    DetectorFactory.seed = 0
    try:
        return str(detect(text) if cache is None else langdetect_table.detect(text, cache))
    except LangDetectException as error:
        return f"error {error.code}"


def test_detections_are_langdetects_own(tmp_path: Path) -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted(samples_dir().glob("*.txt"))]
    words = " ".join(texts).split()
    rng = random.Random(16)
    texts += [" ".join(rng.choice(words) for _ in range(rng.randint(1, 25))) for _ in range(150)]
    texts += _OTHERS
    for text in texts:
        assert _answer(text, tmp_path) == _answer(text, None), text[:80]
    assert [p.name for p in tmp_path.iterdir()] == [langdetect_table._folder(tmp_path).name]


def test_detect_language_reads_the_table_from_our_cache() -> None:
    assert detect_language("The president said on Tuesday that talks would go on.") == "en"
    assert detect_language("Президент заявил во вторник, что переговоры продолжатся.") == "ru"
