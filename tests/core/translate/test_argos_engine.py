"""ArgosEngine on the tiny random-weight packages: the outputs are gibberish, the mechanics real."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from parallax.core.errors import Cancelled, LanguagePairError, TranslationError
from parallax.core.progress import CancelToken
from parallax.core.translate.argos import MAX_AUTO_THREADS, ArgosEngine, auto_threads
from parallax.core.translate.engine import Engine, LanguagePair, plan_batches

SENTENCES = [
    "俄乌战争再度升级,局势日益紧张。",
    "普京此刻乘专机离国。",
    "美国迅速组建了一个由50国组成的联盟。",
    "蒙古国作为《罗马规约》的缔约国。",
    "克里姆林宫对此表示不担心。",
    "据悉,普京此行是为了参加诺门罕战役胜利85周年的纪念活动。",
]


def test_is_an_engine(tiny_engine: ArgosEngine) -> None:
    assert isinstance(tiny_engine, Engine)
    assert tiny_engine.name == "argos"
    assert not tiny_engine.is_gloss
    assert "zh->en" in tiny_engine.version


def test_one_output_per_input_in_order(tiny_engine: ArgosEngine) -> None:
    outputs = tiny_engine.translate(SENTENCES, "zh", "en")
    assert len(outputs) == len(SENTENCES)
    assert all(isinstance(o, str) and o for o in outputs)
    singles = [tiny_engine.translate([s], "zh", "en")[0] for s in SENTENCES]
    assert outputs == singles  # batching never reorders or mixes sentences
    assert tiny_engine.translate(SENTENCES[::-1], "zh", "en") == outputs[::-1]


def test_blank_sentences_skip_the_model(tiny_engine: ArgosEngine) -> None:
    assert tiny_engine.translate(["", "  "], "zh", "en") == ["", ""]
    assert tiny_engine.model_calls == 0
    assert tiny_engine.translate([], "zh", "en") == []


def test_batches_and_progress(tiny_engine: ArgosEngine) -> None:
    reports: list[tuple[int, int]] = []
    tiny_engine.translate(SENTENCES, "zh", "en", on_progress=lambda d, t: reports.append((d, t)))
    assert reports == [(0, 6), (4, 6), (6, 6)]  # batch_size=4
    assert tiny_engine.model_calls == 2


def test_translator_is_loaded_once(tiny_engine: ArgosEngine) -> None:
    tiny_engine.translate(SENTENCES[:1], "zh", "en")
    tiny_engine.translate(SENTENCES[1:2], "zh", "en")
    assert len(tiny_engine._loaded) == 1


def test_cancel_mid_run_keeps_finished_batches(tiny_engine: ArgosEngine) -> None:
    cancel = CancelToken()
    finished: dict[int, str] = {}

    def progress(done: int, total: int) -> None:
        if done >= 4:
            cancel.cancel()

    full = tiny_engine.translate(SENTENCES * 2, "zh", "en")
    with pytest.raises(Cancelled) as info:
        tiny_engine.translate(SENTENCES * 2, "zh", "en", on_progress=progress, cancel=cancel,
                              on_result=finished.__setitem__)
    # Batches run longest first, so what is done is reported per sentence; the partial list
    # is the finished prefix of the input.
    assert 4 <= len(finished) < len(full)
    assert all(full[i] == text for i, text in finished.items())
    assert info.value.partial == full[:len(info.value.partial)]


def test_parallel_length_sorted_batches_change_no_result(tiny_models_dir: Path) -> None:
    texts = SENTENCES * 3 + ["普京。", ""]
    singles = [ArgosEngine(beam_size=1, threads=1, models_dir=tiny_models_dir)
               .translate([t], "zh", "en")[0] for t in texts]
    for threads, batch in ((1, 32), (2, 4), (3, 2)):
        engine = ArgosEngine(beam_size=1, threads=threads, models_dir=tiny_models_dir,
                             batch_size=batch)
        assert engine.translate(texts, "zh", "en") == singles
        assert engine.output_tokens > 0


def test_items_are_reported_one_by_one(tiny_engine: ArgosEngine) -> None:
    seen: dict[int, str] = {}
    items = [(s, None) for s in SENTENCES]
    outputs = tiny_engine.translate_items(items, "zh", "en", on_result=seen.__setitem__)
    assert outputs == tiny_engine.translate(SENTENCES, "zh", "en")
    assert seen == dict(enumerate(outputs))


def test_batches_are_planned_by_length() -> None:
    lengths = [5, 40, 12, 40, 7, 30, 1, 22]
    batches = plan_batches(lengths, max_sentences=3, max_tokens=80)
    assert sorted(i for b in batches for i in b) == list(range(len(lengths)))
    flat = [lengths[i] for b in batches for i in b]
    assert flat == sorted(lengths, reverse=True)  # longest first
    assert all(len(b) <= 3 and (len(b) == 1 or len(b) * lengths[b[0]] <= 80) for b in batches)
    assert batches[0] == [1, 3]  # 3 x 40 tokens would pass 80
    assert len(plan_batches([10] * 8, max_sentences=32, min_batches=2)) == 2  # one per worker
    assert plan_batches([], max_sentences=4) == []


def test_automatic_threads_leave_a_core_free_and_are_bounded() -> None:
    assert 1 <= auto_threads() <= max(1, min(MAX_AUTO_THREADS, (os.cpu_count() or 1) - 1))
    assert ArgosEngine().threads == auto_threads()


def test_pivot_through_english(tiny_engine: ArgosEngine) -> None:
    assert LanguagePair("zh", "ru") in tiny_engine.pairs()
    via = tiny_engine.translate(SENTENCES[:3], "zh", "ru")
    english = tiny_engine.translate(SENTENCES[:3], "zh", "en")
    assert via == tiny_engine.translate(english, "en", "ru")
    assert "zh->en" in tiny_engine.pair_version("zh", "ru")
    assert "en->ru" in tiny_engine.pair_version("zh", "ru")


def test_traditional_chinese_uses_the_zh_model(tiny_engine: ArgosEngine) -> None:
    assert tiny_engine.has_pair("zh-Hant", "en")
    assert len(tiny_engine.translate(["普京抵達蒙古國。"], "zh-Hant", "en")) == 1


def test_unknown_pair_is_a_clear_error(tiny_engine: ArgosEngine) -> None:
    with pytest.raises(LanguagePairError, match="No translation model for ru->zh"):
        tiny_engine.translate(["Привет."], "ru", "zh")
    assert not tiny_engine.has_pair("ru", "zh")


def test_no_models_at_all(tmp_path: Path) -> None:
    engine = ArgosEngine(models_dir=tmp_path / "empty")
    assert engine.pairs() == []
    with pytest.raises(LanguagePairError, match="installed: none"):
        engine.translate(["你好"], "zh", "en")


def test_settings_are_checked() -> None:
    with pytest.raises(TranslationError):
        ArgosEngine(beam_size=0)
    with pytest.raises(TranslationError):
        ArgosEngine(threads=-1)


def test_beam_size_is_part_of_the_version(tiny_models_dir: Path) -> None:
    narrow = ArgosEngine(beam_size=1, models_dir=tiny_models_dir)
    wide = ArgosEngine(beam_size=4, models_dir=tiny_models_dir)
    assert narrow.pair_version("zh", "en") != wide.pair_version("zh", "en")
    assert len(wide.translate(SENTENCES[:2], "zh", "en")) == 2


def test_falls_back_when_int8_is_unsupported(tiny_models_dir: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    import ctranslate2

    monkeypatch.setattr(ctranslate2, "get_supported_compute_types", lambda device: {"float32"})
    engine = ArgosEngine(beam_size=1, threads=1, models_dir=tiny_models_dir)
    assert engine.translate(SENTENCES[:2], "zh", "en") == ArgosEngine(
        beam_size=1, threads=1, models_dir=tiny_models_dir,
        compute_type="float32").translate(SENTENCES[:2], "zh", "en")
