"""The CC-CEDICT gloss on the seed article: names, places, numbers and dates come through."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from parallax.core.errors import Cancelled, LanguagePairError
from parallax.core.loaders import load_path
from parallax.core.progress import CancelToken
from parallax.core.translate.engine import Engine
from parallax.core.translate.gloss import DictionaryEntry, GlossEngine, best_gloss, clean_sense


@pytest.fixture(scope="module")
def gloss() -> GlossEngine:
    return GlossEngine()


@pytest.fixture(scope="module")
def seed_glosses(gloss: GlossEngine, seed_path: Path) -> dict[str, str]:
    article = load_path(seed_path)
    texts = [article.title, *(s.text for s in article.iter_sentences())]
    return dict(zip(texts, gloss.translate(texts, "zh", "en"), strict=True))


def _gloss_of(glosses: dict[str, str], fragment: str) -> str:
    return next(g for s, g in glosses.items() if fragment in s)


def test_is_an_always_available_gloss_engine(gloss: GlossEngine) -> None:
    assert isinstance(gloss, Engine)
    assert gloss.name == "gloss"
    assert gloss.is_gloss
    assert "cc-cedict" in gloss.version
    assert [str(p) for p in gloss.pairs()] == ["zh->en"]


def test_seed_names_and_places(seed_glosses: dict[str, str]) -> None:
    visit = _gloss_of(seed_glosses, "前往蒙古国")
    assert "Putin" in visit
    assert "Mongolia" in visit
    assert "Russia" in visit
    icc = _gloss_of(seed_glosses, "正值国际刑事法院")
    assert "international criminal court" in icc.lower()
    assert "Kremlin" in _gloss_of(seed_glosses, "克里姆林宫对此")


def test_seed_numbers_stay_intact(seed_glosses: dict[str, str]) -> None:
    assert " 50 " in _gloss_of(seed_glosses, "由50国组成")
    assert " 15 " in _gloss_of(seed_glosses, "在内的15个地区")
    assert "85 anniversary" in _gloss_of(seed_glosses, "胜利85周年")
    assert "March" in _gloss_of(seed_glosses, "自去年3月起生效")
    assert "September" in _gloss_of(seed_glosses, "俄罗斯去年9月")


def test_every_seed_sentence_gets_english(seed_glosses: dict[str, str]) -> None:
    for source, text in seed_glosses.items():
        assert text, source
        han = sum("\u4e00" <= ch <= "\u9fff" for ch in text)
        assert han <= len(text) // 10, (source, text)  # mostly English


@pytest.mark.parametrize(("chinese", "expected"), [
    ("十五个州", "15"),
    ("八十五周年", "85"),
    ("2024年9月", "September 2024"),
    ("2024年9月4日", "4 September 2024"),
    ("二〇二四年九月", "September 2024"),
])
def test_numbers_and_dates(gloss: GlossEngine, chinese: str, expected: str) -> None:
    assert expected in gloss.gloss(chinese)


def test_classifier_after_a_number_is_dropped(gloss: GlossEngine) -> None:
    assert gloss.gloss("十五个州").startswith("15 ")
    assert "individual" not in gloss.gloss("15个地区")


def test_traditional_chinese(gloss: GlossEngine) -> None:
    text = gloss.gloss("普京抵達蒙古國。")
    assert "Putin" in text and "Mongolia" in text
    words = [w for w, _ in gloss.gloss_words("普京抵達蒙古國。")]
    assert "".join(words) == "普京抵達蒙古國。"  # words point into the original text


def test_gloss_words_pairs(gloss: GlossEngine) -> None:
    pairs = gloss.gloss_words("普京前往蒙古国。")
    assert ("普京", "Putin") in pairs  # the gazetteer's name, as the text names him
    assert ("蒙古国", "Mongolia") in pairs
    assert pairs[-1] == ("。", ".")


def test_gazetteer_names_stay_whole_and_gloss_as_names(gloss: GlossEngine) -> None:
    # CC-CEDICT lacks these transliterations: split by character they read as nonsense
    # ("Gera west do not husband"); the gazetteer gives the name (and ties it to reports).
    pairs = gloss.gloss_words("总参谋长格拉西莫夫和副外长里亚布科夫抵达乌兰巴托。")
    assert ("格拉西莫夫", "Gerasimov") in pairs
    assert ("里亚布科夫", "Ryabkov") in pairs
    assert ("乌兰巴托", "Ulaanbaatar") in pairs
    assert ("国际刑事法院", "International Criminal Court") in gloss.gloss_words(
        "国际刑事法院发出逮捕令。")


def test_lookup_for_hover(gloss: GlossEngine) -> None:
    entries = gloss.lookup("蒙古國")
    assert entries and entries[0] == DictionaryEntry("蒙古国", "蒙古國", "Meng3 gu3 guo2",
                                                     ("Mongolia",))
    assert gloss.lookup("普京")[0].senses[0].startswith("Vladimir Putin")
    assert gloss.lookup("蒙古国") == gloss.lookup("蒙古國")
    assert gloss.lookup("不是一个词语啊") == []


def test_sense_choice_skips_noise() -> None:
    surname = DictionaryEntry("乘", "乘", "Cheng2", ("surname Cheng",))
    ride = DictionaryEntry("乘", "乘", "cheng2", ("to ride", "to mount"))
    assert best_gloss([surname, ride], prefer_proper=True) == "ride"
    variant = DictionaryEntry("X", "X", "x1", ("variant of 乘[cheng2]", "old variant of Y"))
    assert best_gloss([variant], prefer_proper=False) is None
    particle = DictionaryEntry("了", "了", "le5", ("(completed action marker)",))
    assert best_gloss([particle], prefer_proper=False) == ""
    assert clean_sense("Vladimir Putin (1952-), president of Russia", proper=True) == (
        "Vladimir Putin")


def test_other_pairs_are_refused(gloss: GlossEngine) -> None:
    with pytest.raises(LanguagePairError):
        gloss.translate(["Hello."], "en", "ru")


def test_cancel_and_progress(gloss: GlossEngine) -> None:
    cancel = CancelToken()
    seen: list[int] = []

    def progress(done: int, total: int) -> None:
        seen.append(done)
        if done == 2:
            cancel.cancel()

    with pytest.raises(Cancelled) as info:
        gloss.translate(["普京。", "蒙古国。", "俄罗斯。", "乌克兰。"], "zh", "en",
                        progress, cancel)
    assert len(info.value.partial) == 2
    assert seen == [1, 2]


def test_part_of_speech_picks_the_reading(gloss: GlossEngine) -> None:
    words = dict(gloss.gloss_words("美组建50国联盟打俄"))
    assert words["打"] == "beat"  # the verb, not the loanword "dozen"
    assert words["俄"] == "Russia"
    assert dict(gloss.gloss_words("他已经走了。"))["了"] == ""  # particle, not "finish"


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(list(
    "普京蒙古国访问十五八百千万两二〇年月日号个了的打美俄國際刑事法院與這"
    "0123456789,.。，、“”《》 abcXYZ"
)), max_size=40))
def test_any_text_glosses_without_losing_words(text: str) -> None:
    engine = GlossEngine()
    pairs = engine.gloss_words(text)
    assert "".join(word for word, _ in pairs) == "".join(text.split())
    assert isinstance(engine.gloss(text), str)


def test_country_abbreviations_in_news_compounds(gloss: GlossEngine) -> None:
    assert gloss.gloss("美俄对话。") == "US-Russia dialogue."
    assert ("乌军", "Ukraine army") in gloss.gloss_words("乌军近期在库尔斯克方向推进。")
    # Words CC-CEDICT has keep its reading; 乌 alone is "crow" unless tagged an abbreviation.
    assert ("俄军", "Russian army") in gloss.gloss_words("俄军发动空袭。")
    assert "crow" not in gloss.gloss("俄乌战事再度升级。")


def test_a_preposition_reads_as_one(gloss: GlossEngine) -> None:
    words = dict(gloss.gloss_words("俄军对乌克兰境内的基础设施发动空袭。"))
    assert words["对"] == "towards"


def test_a_month_that_does_not_exist_is_no_date(gloss: GlossEngine) -> None:
    assert "".join(word for word, _ in gloss.gloss_words("八〇月")) == "八〇月"
    assert ("9月3日", "3 September") in gloss.gloss_words("9月3日普京抵达。")
