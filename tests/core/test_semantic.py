"""The optional sentence-embedding model: pinned, cached, off when asked, and what it adds."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest

from parallax.core import semantic
from parallax.core.align import claim_alignment, story_relatedness
from parallax.core.semantic import SemanticModelError, SentenceEncoder

encoder_or_skip = pytest.mark.skipif(semantic.get_encoder() is None,
                                     reason="the sentence-embedding model is not installed")

# Invented sentences: a Chinese report and an English one telling the same three claims in
# another order, plus one claim each that the other does not make.
ZH = [
    "暴雨导致河流水位上涨，三座桥梁被冲毁。",
    "市政府宣布全市中小学停课两天。",
    "气象部门预计降雨将持续到周末。",
    "一家面包店推出了新的季节口味。",
]
EN = [
    "Weather officials expect the rain to last until the weekend.",
    "Schools across the city will be closed for two days, the city government said.",
    "Heavy rain swelled the river and washed away three bridges.",
    "A football club signed a new goalkeeper on Monday.",
]


def test_off_by_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PARALLAX_SEMANTIC", "0")
    assert semantic.get_encoder() is None
    assert "PARALLAX_SEMANTIC=0" in (semantic.unavailable_reason() or "")


@encoder_or_skip
def test_a_model_that_is_not_the_pinned_one_is_refused(tmp_path: Path) -> None:
    fake = tmp_path / semantic.MODEL_FILE
    fake.write_bytes(b"not the model")
    encoder = SentenceEncoder(tmp_path, cache_path=tmp_path / "cache.sqlite3")
    with pytest.raises(SemanticModelError, match="not the pinned"):
        encoder.embed(["一句话"])
    missing = SentenceEncoder(tmp_path / "nowhere", cache_path=tmp_path / "c2.sqlite3")
    with pytest.raises(SemanticModelError, match="missing"):
        missing.embed(["一句话"])


@encoder_or_skip
def test_vectors_are_cached_per_sentence_and_reused_without_the_model(tmp_path: Path) -> None:
    shared = semantic.get_encoder()
    assert shared is not None
    model_dir = tmp_path / "model"
    model_dir.mkdir()
    shutil.copy(shared._model_dir / semantic.MODEL_FILE, model_dir / semantic.MODEL_FILE)
    cache = tmp_path / "vectors.sqlite3"
    first = SentenceEncoder(model_dir, cache_path=cache)
    vectors = first.embed([*ZH, ""])
    assert vectors.shape == (5, 384)
    assert np.allclose(np.linalg.norm(vectors[:4], axis=1), 1.0, atol=1e-3)
    assert not vectors[4].any()  # an empty text has no meaning to embed
    first.close()
    # A second encoder whose model has gone still answers from the cache.
    (model_dir / semantic.MODEL_FILE).unlink()
    second = SentenceEncoder(model_dir, cache_path=cache)
    assert np.allclose(second.embed(ZH), vectors[:4])
    with pytest.raises(SemanticModelError):
        second.embed(["一个没有见过的句子"])


@encoder_or_skip
def test_claims_are_matched_across_languages_by_meaning() -> None:
    encoder = semantic.get_encoder()
    assert encoder is not None
    cosines = encoder.cosines(ZH, EN)
    # The pivot texts share nothing here (no translation): only the embeddings can link.
    blank_o, blank_r = [""] * len(ZH), [""] * len(EN)
    alignment = claim_alignment(blank_o, blank_r, semantic=cosines, original_native=ZH,
                                report_native=EN, original_native_lang="zh",
                                report_native_lang="en")
    pairs = {(link.original, link.report) for link in alignment.links}
    assert {(0, 2), (1, 1), (2, 0)} <= pairs
    # Off-topic sentences pair with each other at most, and less surely than the true pairs.
    true_scores = [link.score for link in alignment.links if link.report != 3]
    assert all(link.score < min(true_scores) for link in alignment.links if link.report == 3)
    assert alignment.calibrated
    assert all(0.0 <= link.score <= 1.0 for link in alignment.links)


def test_unrelated_stories_are_not_related() -> None:
    """Relative evidence always has a best pair; relatedness says when there is nothing."""
    lexical = np.full((3, 4), 0.05, dtype=np.float32)
    flat = np.full((3, 4), 0.77, dtype=np.float32)
    assert story_relatedness(lexical, flat) < 0.1
    strong = flat.copy()
    strong[0, 0] = strong[1, 1] = strong[2, 2] = 0.86
    lexical_strong = lexical.copy()
    lexical_strong[0, 0] = lexical_strong[1, 1] = lexical_strong[2, 2] = 0.3
    assert story_relatedness(lexical_strong, strong) > 0.9


@encoder_or_skip
def test_a_comparison_past_the_budget_goes_without_the_model_and_says_so() -> None:
    from uuid import uuid4

    from parallax.core.compare import compare_workspace
    from parallax.core.segment import make_article
    from parallax.core.workspace import Workspace

    tag = uuid4().hex[:8]  # sentences the cache cannot have seen
    original = make_article("暴雨", [f"{tag}号：{t}" for t in ZH], lang="zh")
    report = make_article("Rain", [f"Item {tag}: {t}" for t in EN], lang="en")
    workspace = Workspace(original).with_source(report, "report", "report")
    comparison = compare_workspace(workspace, semantic_budget=2)
    assert any("was not used" in note and "sentences are new" in note
               for note in comparison.notes), comparison.notes
    within = compare_workspace(workspace, semantic_budget=None)
    assert not any("was not used" in note for note in within.notes)


@encoder_or_skip
def test_embedding_stops_when_cancelled_and_keeps_what_it_made(tmp_path: Path) -> None:
    from parallax.core.errors import Cancelled
    from parallax.core.progress import CancelToken

    shared = semantic.get_encoder()
    assert shared is not None
    encoder = SentenceEncoder(shared._model_dir, cache_path=tmp_path / "v.sqlite3")
    token = CancelToken()
    calls = 0

    def check() -> None:
        nonlocal calls
        calls += 1
        if calls == 2:
            token.cancel()
        token.raise_if_cancelled()

    texts = [f"第{i}句：河水上涨。" for i in range(semantic._BATCH + 5)]
    with pytest.raises(Cancelled):
        encoder.embed(texts, check)
    assert encoder.uncached(texts) == 5  # the first batch was kept
