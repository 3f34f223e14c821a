"""Translating articles and workspaces: cache use, cancel, progress, skipped sources."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from parallax.core.article import Article
from parallax.core.errors import Cancelled
from parallax.core.loaders import load_path, load_text
from parallax.core.progress import CancelToken
from parallax.core.translate import article_translation
from parallax.core.translate.argos import ArgosEngine
from parallax.core.translate.article_translation import (
    translate_article,
    translate_workspace,
    translate_workspace_report,
)
from parallax.core.translate.cache import TranslationCache
from parallax.core.translate.gloss import GlossEngine
from parallax.core.workspace import ORIGINAL, TITLE, Workspace


@pytest.fixture()
def seed(seed_path: Path) -> Article:
    return load_path(seed_path)


@pytest.fixture()
def cache(tmp_path: Path) -> TranslationCache:
    return TranslationCache(tmp_path / "cache.sqlite3")


def test_every_sentence_and_the_title(seed: Article, tiny_engine: ArgosEngine) -> None:
    translation = translate_article(seed, tiny_engine, "en")
    assert set(translation.texts) == {TITLE} | {s.id for s in seed.iter_sentences()}
    assert all(translation.texts.values())
    assert translation.engine == "argos"
    assert translation.engine_version == tiny_engine.pair_version("zh", "en")
    assert (translation.source_lang, translation.target_lang) == ("zh", "en")
    assert not translation.is_gloss


def test_reopening_costs_no_model_call(seed: Article, tiny_engine: ArgosEngine,
                                       cache: TranslationCache) -> None:
    first = translate_article(seed, tiny_engine, "en", cache)
    calls = tiny_engine.model_calls
    assert calls > 0
    second = translate_article(seed, tiny_engine, "en", cache)
    assert tiny_engine.model_calls == calls
    assert second == first


def test_only_new_sentences_reach_the_engine(seed: Article, tiny_engine: ArgosEngine,
                                             cache: TranslationCache) -> None:
    translate_article(seed, tiny_engine, "en", cache)
    edited = load_text(seed.title + "\n\n" + "新增加的一句话。\n\n" + seed.body)
    seen: list[list[str]] = []
    original = tiny_engine.translate

    def spy(sentences, *args, **kwargs):  # type: ignore[no-untyped-def]
        seen.append(list(sentences))
        return original(sentences, *args, **kwargs)

    tiny_engine.translate = spy  # type: ignore[method-assign]
    translate_article(edited, tiny_engine, "en", cache)
    assert [s for batch in seen for s in batch] == ["新增加的一句话。"]


def test_progress_counts(seed: Article, tiny_engine: ArgosEngine,
                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(article_translation, "CHUNK", 10)
    reports: list[tuple[int, int]] = []
    translate_article(seed, tiny_engine, "en", on_progress=lambda d, t: reports.append((d, t)))
    total = len({seed.title, *(s.text for s in seed.iter_sentences())})
    assert reports[0] == (0, total)
    assert reports[-1] == (total, total)
    assert [d for d, _ in reports] == sorted(d for d, _ in reports)
    assert all(t == total for _, t in reports)


def test_cancel_keeps_finished_sentences_in_the_cache(
        seed: Article, tiny_engine: ArgosEngine, cache: TranslationCache,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(article_translation, "CHUNK", 8)
    cancel = CancelToken()

    def progress(done: int, total: int) -> None:
        if done >= 10:
            cancel.cancel()

    with pytest.raises(Cancelled) as info:
        translate_article(seed, tiny_engine, "en", cache, progress, cancel)
    partial = info.value.partial
    assert 10 <= len(partial) < seed.sentence_count
    assert cache.count() == len(partial)
    # The cache holds exactly what a full run produces for those sentences.
    full = translate_article(seed, ArgosEngine(beam_size=1, threads=1,
                                               models_dir=tiny_engine._models_dir,
                                               batch_size=4), "en")
    version = tiny_engine.pair_version("zh", "en")
    texts = {seed.title: full.texts[TITLE]} | {
        s.text: full.texts[s.id] for s in seed.iter_sentences()}
    cached = cache.get_many("argos", version, "zh", "en", list(texts))
    assert cached and all(texts[k] == v for k, v in cached.items())
    # Resuming sends only the rest to the engine.
    calls = tiny_engine.model_calls
    translate_article(seed, tiny_engine, "en", cache)
    assert tiny_engine.model_calls > calls
    assert cache.count() == len({seed.title, *(s.text for s in seed.iter_sentences())})


def test_same_language_needs_no_engine(tiny_engine: ArgosEngine) -> None:
    article = load_text("Putin visits Mongolia\n\nPutin arrived on Tuesday. He met officials.")
    translation = translate_article(article, tiny_engine, "en")
    assert translation.texts["s1"] == "Putin arrived on Tuesday."
    assert translation.engine == "identity"
    assert tiny_engine.model_calls == 0


def test_workspace_translates_original_and_foreign_sources(
        seed: Article, tiny_engine: ArgosEngine, cache: TranslationCache) -> None:
    english = load_text("Putin in Mongolia\n\nPutin arrived in Ulaanbaatar. The ICC objected.")
    russian = load_text("Путин в Монголии\n\nПутин прибыл в Улан-Батор. МУС возразил.")
    workspace = Workspace(seed).with_source(english, "report").with_source(russian, "report")
    report = translate_workspace_report(workspace, tiny_engine, cache)
    assert report.translated == (ORIGINAL,)
    assert report.workspace.translations[ORIGINAL].target_lang == "en"
    assert "src1" not in report.workspace.translations  # already English
    assert [s.key for s in report.skipped] == ["src2"]  # no ru->en model
    assert "ru" in report.notes[0] and "install" in report.notes[0]

    again = translate_workspace_report(report.workspace, tiny_engine, cache)
    assert again.up_to_date == (ORIGINAL,)
    assert again.translated == ()


def test_workspace_with_unknown_language_is_skipped(seed: Article,
                                                    tiny_engine: ArgosEngine) -> None:
    mystery = replace(load_text("Xyzzy\n\nPlugh plover."), lang="und")
    workspace = Workspace(seed).with_source(mystery, "report")
    result = translate_workspace(workspace, tiny_engine)
    assert ORIGINAL in result.translations
    assert "src1" not in result.translations


def test_gloss_workspace(seed: Article) -> None:
    workspace = translate_workspace(Workspace(seed), GlossEngine())
    translation = workspace.translations[ORIGINAL]
    assert translation.is_gloss
    assert "Putin" in translation.texts[TITLE]
