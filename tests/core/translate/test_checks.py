"""Per-sentence translation checks, and what the cache keeps: never a fallback, always the
context the prompt held."""

from __future__ import annotations

from pathlib import Path

import pytest

from parallax.core.article import Article
from parallax.core.loaders import load_text
from parallax.core.translate.article_translation import translate_article
from parallax.core.translate.cache import TranslationCache
from parallax.core.translate.checks import check_sentence, summary_line
from parallax.core.translate.glossary import parse_glossary
from parallax.core.translate.prompting import UNTRANSLATED_MARK, context_key
from parallax.core.workspace import MachineTranslation, Workspace

GLOSSARY = parse_glossary("绍伊古\tShoigu\n国际刑事法院\tInternational Criminal Court\n")


def kinds(*args: object) -> list[str]:
    return [c.kind for c in check_sentence(*args)]  # type: ignore[arg-type]


def test_any_chinese_left_in_english_output_is_flagged() -> None:
    found = check_sentence("国际刑事法院院长表示。", "International Criminal Court院长 said.",
                           "zh", "en", None)
    assert [c.kind for c in found] == ["chinese_left"]
    assert found[0].detail == "院长"
    assert kinds("国际刑事法院院长表示。", "The ICC president said so.", "zh", "en", None) == []
    # Chinese output is expected when translating into Chinese.
    assert kinds("Putin visited Mongolia on Monday.", "普京周一访问了蒙古国。", "en", "zh",
                 None) == []


def test_glossary_miss_names_the_term() -> None:
    found = check_sentence("绍伊古出席了会议。", "The defence minister attended.", "zh", "en",
                           GLOSSARY)
    assert [(c.kind, c.detail) for c in found] == [("glossary_miss", "绍伊古 = Shoigu")]
    assert kinds("绍伊古出席了会议。", "Shoigu attended.", "zh", "en", GLOSSARY) == []


def test_fallback_and_length_ratio() -> None:
    source = "俄罗斯对乌克兰能源系统发动了大规模袭击。"
    assert kinds(source, UNTRANSLATED_MARK + source, "zh", "en", None) == ["fallback"]
    assert kinds(source, "Attack.", "zh", "en", None) == ["length_ratio"]
    assert kinds(source, "Russia attacked Ukraine's energy system on a large scale.", "zh",
                 "en", None) == []
    assert kinds("", "", "zh", "en", None) == []


def test_summary_line_counts_flagged_sentences() -> None:
    checks = {"s1": check_sentence("绍伊古出席了会议。", "Minister 院长.", "zh", "en", GLOSSARY),
              "s2": ()}
    line = summary_line(checks)
    assert line.startswith("1 sentence flagged:")
    assert "Chinese left in the output" in line and "glossary term missing" in line
    assert summary_line({"s1": ()}) == ""


def test_context_is_part_of_the_cache_key() -> None:
    assert context_key("普京。", None) == "普京。"
    one, two = context_key("普京。", "第一句。"), context_key("普京。", "第二句。")
    assert len({one, two, "普京。"}) == 3


@pytest.fixture()
def article() -> Article:
    return load_text("标题\n\n普京访问蒙古国。绍伊古出席了会议。\n\n普京访问蒙古国。",
                     source="t.txt")


def test_fallbacks_are_never_cached_and_are_flagged(
        isolated_home: Path, tmp_path: Path, article: Article) -> None:
    from parallax.core.translate.llm import LlmEngine, LlmSettings, available
    from support.gguf_model import write_tiny_llama

    if not available()[0]:
        pytest.skip("llama.cpp binding not installed")
    silent = write_tiny_llama(tmp_path / "silent.gguf", always_token="</s>")
    engine = LlmEngine(silent, LlmSettings(threads=1, context_length=1024, glossary=GLOSSARY))
    with TranslationCache(tmp_path / "cache.sqlite3") as cache:
        result = translate_article(article, engine, "en", cache)
        assert cache.count() == 0
    assert all(text.startswith(UNTRANSLATED_MARK) for text in result.texts.values())
    assert {c["kind"] for found in result.checks.values() for c in found} == {"fallback"}
    assert set(result.checks) == set(result.texts)


def test_checks_and_model_travel_with_the_workspace(
        isolated_home: Path, tmp_path: Path, article: Article) -> None:
    translation = MachineTranslation(
        "openai", "openai:http://127.0.0.1:1/v1 model:m prompt:2", "zh", "en",
        {"s1": "Putin visited Mongolia."},
        checks={"s1": ({"kind": "glossary_miss", "detail": "普京 = Putin"},)},
        server="http://127.0.0.1:1/v1", model="m")
    workspace = Workspace(article).with_translation("original", translation)
    path = tmp_path / "w.parallax"
    workspace.save(path)
    loaded = Workspace.load(path).translations["original"]
    assert loaded.checks == {"s1": ({"kind": "glossary_miss", "detail": "普京 = Putin"},)}
    assert (loaded.server, loaded.model) == ("http://127.0.0.1:1/v1", "m")


def test_the_glossary_check_accepts_a_names_adjective() -> None:
    glossary = parse_glossary("乌克兰\tUkraine\n俄罗斯\tRussia\n蒙古国\tMongolia\n")
    assert kinds("乌克兰外交部批评蒙古国。", "The Ukrainian foreign ministry criticised the "
                 "Mongolian government.", "zh", "en", glossary) == []
    assert kinds("俄罗斯总统抵达。", "The Russian president arrived.", "zh", "en", glossary) == []
    assert kinds("俄罗斯总统抵达。", "The president arrived.", "zh", "en", glossary) == [
        "glossary_miss"]
    assert kinds("乌克兰外交部。", "Ukrai foreign ministry.", "zh", "en", glossary) == [
        "glossary_miss"]
