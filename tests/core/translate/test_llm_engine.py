"""The LLM engine end to end through the real llama.cpp binding, on tiny generated GGUF models.

Random weights produce nonsense, so these tests check the contract (one output per input, in
order, deterministic, progress, cancel, glossary check, fallbacks, bounded output, errors), not
translation quality. `PARALLAX_TEST_GGUF=model.gguf` adds a test with a real model.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, cast

import numpy as np
import pytest
from gguf import GGUFWriter

from parallax.core.errors import Cancelled, LanguagePairError, ModelPackageError
from parallax.core.progress import CancelToken
from parallax.core.translate import gguf_models
from parallax.core.translate.engine import Engine
from parallax.core.translate.gguf_models import add_gguf
from parallax.core.translate.glossary import (
    GlossaryMiss,
    active_glossary,
    check_glossary,
    default_glossary,
    fingerprint,
    parse_glossary,
)
from parallax.core.translate.llm import (
    UNTRANSLATED_MARK,
    LlmEngine,
    LlmSettings,
    available,
    max_tokens_for,
)
from support.gguf_model import write_tiny_llama

pytestmark = pytest.mark.skipif(
    not available()[0], reason=f"llama.cpp binding not installed: {available()[1]}"
)

SENTENCES = [
    "普京访问蒙古国。",
    "国际刑事法院对其发出逮捕令。",
    "",
    "蒙古国是《罗马规约》的缔约国。",
    "克里姆林宫对此表示不担心。",
]
SETTINGS = LlmSettings(threads=1, context_length=1024)


@pytest.fixture(scope="module")
def models(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("gguf")
    return {
        "chat": write_tiny_llama(folder / "tiny-chat.gguf"),
        "plain": write_tiny_llama(folder / "tiny-plain.gguf", chat_template=None, seed=3),
        "silent": write_tiny_llama(folder / "tiny-silent.gguf", always_token="</s>"),
        "putin": write_tiny_llama(folder / "tiny-putin.gguf", always_token="▁Putin"),
    }


@pytest.fixture(scope="module")
def chat_engine(models: dict[str, Path]) -> LlmEngine:
    engine = LlmEngine(models["chat"], SETTINGS)
    engine.load()
    return engine


def test_it_is_an_engine(chat_engine: LlmEngine, models: dict[str, Path]) -> None:
    assert isinstance(chat_engine, Engine)
    assert chat_engine.name == "llm" and not chat_engine.is_gloss
    sha = gguf_models.sha256_file(models["chat"])
    assert chat_engine.version.startswith(f"llm:tiny-chat.gguf@sha256:{sha[:12]} prompt:")
    assert chat_engine.version.endswith(f" glossary:{fingerprint(active_glossary())}")
    no_glossary = LlmEngine(models["chat"], LlmSettings(glossary=None))
    assert no_glossary.version == chat_engine.version.split(" glossary:")[0]
    assert ("zh", "en") in {(p.source, p.target) for p in chat_engine.pairs()}


def test_one_output_per_input_in_order_and_deterministic(chat_engine: LlmEngine) -> None:
    first = chat_engine.translate(SENTENCES, "zh", "en")
    assert len(first) == len(SENTENCES)
    assert first[2] == ""  # an empty sentence stays empty, in its place
    assert all(out.strip() for i, out in enumerate(first) if i != 2)
    assert chat_engine.translate(SENTENCES, "zh", "en") == first  # greedy: reproducible
    # The first sentence has no context, so alone it translates exactly as in the batch.
    assert chat_engine.translate(SENTENCES[:1], "zh", "en") == first[:1]
    assert chat_engine.translate([], "zh", "en") == []


def test_progress_counts_every_sentence(chat_engine: LlmEngine) -> None:
    seen: list[tuple[int, int]] = []
    chat_engine.translate(SENTENCES, "zh", "en", on_progress=lambda d, t: seen.append((d, t)))
    total = len(SENTENCES)
    assert seen == [(done, total) for done in range(total + 1)]


def test_cancel_between_sentences_keeps_finished_work(chat_engine: LlmEngine) -> None:
    full = chat_engine.translate(SENTENCES, "zh", "en")
    token = CancelToken()

    def progress(done: int, total: int) -> None:
        if done == 2:
            token.cancel()

    with pytest.raises(Cancelled) as caught:
        chat_engine.translate(SENTENCES, "zh", "en", on_progress=progress, cancel=token)
    assert caught.value.partial == full[:2]
    # The engine is usable afterwards.
    assert chat_engine.translate(SENTENCES[:1], "zh", "en") == full[:1]


def test_cancel_interrupts_a_long_generation(
    models: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    engine = LlmEngine(models["putin"], LlmSettings(threads=1, glossary=None))
    engine.load()
    token = CancelToken()
    chunks_per_call: list[int] = []
    real = engine._server.handle_chat_completions

    class CancelMidway:
        def handle_chat_completions(self, request: dict[str, object], callback: Any) -> object:
            chunks_per_call.append(0)

            def counting(chunk: object) -> bool:
                chunks_per_call[-1] += 1
                if len(chunks_per_call) == 2 and chunks_per_call[-1] == 3:
                    token.cancel()  # as if the user pressed Cancel during sentence 2
                return bool(callback(chunk))

            return real(request, counting)

    monkeypatch.setattr(engine, "_server", CancelMidway())
    long_sentence = "普京访问蒙古国。" * 3
    with pytest.raises(Cancelled) as caught:
        engine.translate(["普京。", long_sentence, "普京。"], "zh", "en", cancel=token)
    assert caught.value.partial == [" ".join(["Putin"] * max_tokens_for("普京。", "zh"))]
    # Sentence 2 would have streamed ~100 tokens; it stopped at the cancel. 3 never started.
    assert len(chunks_per_call) == 2
    assert chunks_per_call[1] == 3 < max_tokens_for(long_sentence, "zh")


def test_plain_prompt_model_without_chat_template(models: dict[str, Path]) -> None:
    engine = LlmEngine(models["plain"], SETTINGS)
    outputs = engine.translate(SENTENCES, "zh", "en")
    assert len(outputs) == len(SENTENCES)
    for index, out in enumerate(outputs):
        if index in engine.last_fallbacks:
            assert out == UNTRANSLATED_MARK + SENTENCES[index]
        else:
            assert not out.startswith(UNTRANSLATED_MARK)


def test_empty_answers_fall_back_to_a_marked_source(models: dict[str, Path]) -> None:
    engine = LlmEngine(models["silent"], SETTINGS)
    outputs = engine.translate(SENTENCES, "zh", "en")
    assert outputs == [UNTRANSLATED_MARK + s if s else "" for s in SENTENCES]
    assert engine.last_fallbacks == [0, 1, 3, 4]


def test_a_sentence_too_long_for_the_context_falls_back_alone(models: dict[str, Path]) -> None:
    engine = LlmEngine(models["putin"], LlmSettings(threads=1, context_length=512))
    huge = "普京访问蒙古国。" * 200
    outputs = engine.translate(["普京。", huge, "普京。"], "zh", "en")
    assert outputs[1] == UNTRANSLATED_MARK + huge
    assert engine.last_fallbacks == [1]
    assert outputs[0].startswith("Putin") and outputs[2].startswith("Putin")


def test_output_is_bounded_by_the_input_length(models: dict[str, Path]) -> None:
    # No glossary: this byte-level toy vocabulary would fill the small context with it.
    engine = LlmEngine(models["putin"], LlmSettings(threads=1, glossary=None))
    short = "普京访问。"
    long_ = "普京此次出国正值国际刑事法院对其发出逮捕令后，这也是普京首次访问成员国。"
    outputs = engine.translate([short, long_], "zh", "en")
    # The rigged model says "Putin" forever; only the token budget stops it.
    assert outputs[0].split() == ["Putin"] * max_tokens_for(short, "zh")
    assert outputs[1].split() == ["Putin"] * max_tokens_for(long_, "zh")


def test_glossary_misses_are_reported_per_sentence(models: dict[str, Path]) -> None:
    glossary = default_glossary()
    engine = LlmEngine(models["putin"], LlmSettings(threads=1, glossary=glossary))
    outputs = engine.translate(SENTENCES, "zh", "en")
    assert engine.last_glossary_misses == [
        GlossaryMiss(m.source, m.expected, index)
        for index, (src, out) in enumerate(zip(SENTENCES, outputs, strict=True))
        for m in check_glossary(src, out, glossary)
    ]
    flagged = {(m.sentence_index, m.source) for m in engine.last_glossary_misses}
    assert (0, "普京") not in flagged  # "Putin" is in its output
    assert (0, "蒙古国") in flagged and (1, "国际刑事法院") in flagged
    assert (3, "罗马规约") in flagged and (4, "克里姆林宫") in flagged


def test_the_zh_en_glossary_is_not_applied_to_other_pairs(models: dict[str, Path]) -> None:
    engine = LlmEngine(models["putin"], LlmSettings(threads=1, glossary=default_glossary()))
    engine.translate(SENTENCES, "zh", "ru")
    assert engine.last_glossary_misses == []


def test_glossary_terms_reach_the_prompt(
    models: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    glossary = parse_glossary("国际刑事法院\tInternational Criminal Court\n普京\tPutin\n")
    engine = LlmEngine(models["chat"], LlmSettings(threads=1, glossary=glossary))
    engine.load()
    sent: list[dict[str, object]] = []
    server = engine._server
    real = server.handle_chat_completions

    class Spy:
        def handle_chat_completions(self, request: dict[str, object], callback: Any) -> object:
            sent.append(dict(request))
            return real(request, callback)

    monkeypatch.setattr(engine, "_server", Spy())
    engine.translate(["国际刑事法院成员国。", "蒙古国。"], "zh", "en")
    # The sentence's own message (the worked examples before it carry their own glossary);
    # a second try repeats the first request's messages, so the firsts are what is checked.
    last = [cast(list[dict[str, str]], r["messages"])[-1] for r in sent]
    asked = [m["content"] for m in last if m["role"] == "user" and "Translate this" in m["content"]]
    first, second = dict.fromkeys(asked)
    assert "国际刑事法院 = International Criminal Court" in first
    assert "普京 = Putin" not in first
    assert "Glossary" not in second  # no term occurs in it
    assert "国际刑事法院成员国。" not in second  # no previous sentence: SEND_CONTEXT is off


def test_unknown_pair(chat_engine: LlmEngine) -> None:
    with pytest.raises(LanguagePairError, match="fr->en"):
        chat_engine.translate(["Bonjour."], "fr", "en")


def test_bad_model_files_give_clear_errors_and_the_app_carries_on(
    tmp_path: Path, models: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    not_model = tmp_path / "notes.gguf"
    not_model.write_text("hello", encoding="utf-8")
    with pytest.raises(ModelPackageError, match="not a GGUF model file"):
        LlmEngine(not_model, SETTINGS).translate(["普京。"], "zh", "en")
    cut = tmp_path / "cut.gguf"
    cut.write_bytes(models["chat"].read_bytes()[:100_000])
    with pytest.raises(ModelPackageError, match="truncated"):
        LlmEngine(cut, SETTINGS).translate(["普京。"], "zh", "en")
    with monkeypatch.context() as patch:
        patch.setattr(gguf_models, "available_memory", lambda: 64 * 1024 * 1024)
        with pytest.raises(ModelPackageError, match="memory"):
            LlmEngine(models["chat"], SETTINGS).translate(["普京。"], "zh", "en")
    assert LlmEngine(models["chat"], SETTINGS).translate(["普京。"], "zh", "en")[0]


def test_a_chat_template_llama_cpp_cannot_parse_falls_back_to_a_plain_prompt(
    tmp_path: Path,
) -> None:
    path = write_tiny_llama(
        tmp_path / "broken-template.gguf", chat_template="{% for m in messages %}",
        always_token="▁Putin",
    )
    engine = LlmEngine(path, LlmSettings(threads=1, glossary=None))
    outputs = engine.translate(["普京。", "蒙古国。"], "zh", "en")
    assert [o.split()[0] for o in outputs] == ["Putin", "Putin"]
    assert engine.last_fallbacks == []


def test_an_architecture_llama_cpp_does_not_know(tmp_path: Path) -> None:
    path = tmp_path / "future.gguf"
    writer = GGUFWriter(str(path), "nosucharch")
    writer.add_block_count(1)
    writer.add_tokenizer_model("llama")
    writer.add_token_list(["<unk>", "<s>", "</s>"])
    writer.add_tensor("token_embd.weight", np.zeros((3, 8), dtype=np.float32))
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()
    with pytest.raises(ModelPackageError, match=r"could not load future\.gguf \(nosucharch\)"):
        LlmEngine(path, SETTINGS).translate(["普京。"], "zh", "en")


def test_registered_model_version_uses_the_recorded_hash(
    models: dict[str, Path], isolated_home: Path
) -> None:
    model = add_gguf(models["plain"])
    assert LlmEngine(model).version.startswith(f"llm:tiny-plain.gguf@sha256:{model.sha256[:12]} ")
    assert LlmEngine(models["plain"]).version == LlmEngine(model).version


def test_registered_model_by_name_and_a_changed_file(
    models: dict[str, Path], tmp_path: Path, isolated_home: Path
) -> None:
    copy = tmp_path / "copy.gguf"
    copy.write_bytes(models["chat"].read_bytes())
    add_gguf(copy, name="chat")
    engine = LlmEngine.from_name("chat", SETTINGS)
    assert engine.model_path == copy.resolve()
    assert len(engine.translate(SENTENCES[:2], "zh", "en")) == 2
    with copy.open("ab") as handle:
        handle.write(b"\0" * 32)
    with pytest.raises(ModelPackageError, match="has changed since it was added"):
        LlmEngine.from_name("chat", SETTINGS).translate(SENTENCES[:1], "zh", "en")
    with pytest.raises(ModelPackageError, match="No GGUF model named"):
        LlmEngine.from_name("missing")


@pytest.mark.realmodel
@pytest.mark.slow
@pytest.mark.skipif(
    not os.environ.get("PARALLAX_TEST_GGUF"), reason="set PARALLAX_TEST_GGUF=path/to/model.gguf"
)
def test_real_model_translates_seed_sentences() -> None:
    path = Path(os.environ["PARALLAX_TEST_GGUF"])
    engine = LlmEngine(path, LlmSettings(glossary=default_glossary()))
    sentences = [
        "就在俄乌战事升级的关键时刻,克里姆林宫突然宣布普京将乘专机离开俄罗斯,前往蒙古国进行访问。",
        "首先,普京的此次出国正值国际刑事法院对其发出“逮捕令”后,"
        "这也是普京首次访问国际刑事法院成员国。",
        "蒙古国作为《罗马规约》的缔约国,理论上有义务配合国际刑事法院的行动。",
    ]
    outputs = engine.translate(sentences, "zh", "en")
    assert len(outputs) == 3 and engine.last_fallbacks == []
    text = " ".join(outputs)
    for name in ("Putin", "Mongolia", "International Criminal Court"):
        assert name.lower() in text.lower(), (name, outputs)


def test_get_engine_passes_the_llm_settings_through(models: dict[str, Path]) -> None:
    from parallax.core.translate.engines import get_engine

    glossary = parse_glossary("普京\tPutin\n")
    engine = get_engine("llm", model=models["chat"], threads=1, context_length=768,
                        glossary=glossary)
    assert isinstance(engine, LlmEngine)
    assert (engine.settings.threads, engine.settings.context_length) == (1, 768)
    assert engine.settings.glossary is glossary
    without = get_engine("llm", model=models["chat"], glossary=None)
    assert isinstance(without, LlmEngine) and without.settings.glossary is None
    default = get_engine("llm", model=models["chat"])
    assert isinstance(default, LlmEngine) and default.settings.glossary == active_glossary()
