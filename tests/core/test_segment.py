"""Sentence segmentation: Chinese, English and Russian news text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from parallax.core.segment import build_paragraphs, split_sentences


def sentences(text: str, lang: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text, lang)]


def test_chinese_full_width_and_ascii_terminators() -> None:
    text = "俄军发动空袭。乌方呼吁支援!普京出国的目的是什么?局势紧张;各方关注…"
    assert sentences(text, "zh") == [
        "俄军发动空袭。",
        "乌方呼吁支援!",
        "普京出国的目的是什么?",
        "局势紧张;",
        "各方关注…",
    ]


def test_closing_quotes_and_brackets_stay_with_their_sentence() -> None:
    text = "他说:“这是野蛮行径。”随后离开。(据新华社报道。)完。"
    assert sentences(text, "zh") == [
        "他说:“这是野蛮行径。”", "随后离开。", "(据新华社报道。)", "完。"
    ]


def test_no_split_inside_book_title_or_decimal() -> None:
    text = "蒙古国是《罗马规约。附件》的缔约国。增长3.5个百分点。"
    assert sentences(text, "zh") == ["蒙古国是《罗马规约。附件》的缔约国。", "增长3.5个百分点。"]


def test_ellipsis_runs_are_one_terminator() -> None:
    assert sentences("他沉默了……然后说话。", "zh") == ["他沉默了……", "然后说话。"]


def test_english_abbreviations_do_not_end_sentences() -> None:
    text = (
        "Mr. Putin arrived in Ulaanbaatar on Sept. 2. The U.S. State Dept. said it was "
        "concerned. Dr. Smith agreed! Was it legal? V. Putin did not say."
    )
    assert sentences(text, "en") == [
        "Mr. Putin arrived in Ulaanbaatar on Sept. 2.",
        "The U.S. State Dept. said it was concerned.",
        "Dr. Smith agreed!",
        "Was it legal?",
        "V. Putin did not say.",
    ]


def test_english_quotes_stay_with_sentence() -> None:
    text = 'He called it "barbaric." Kyiv asked for more air defence.'
    assert sentences(text, "en") == ['He called it "barbaric."', "Kyiv asked for more air defence."]


def test_russian_abbreviations_and_initials() -> None:
    text = "В.В. Путин прибыл в Монголию 3 сент. 2024 г. Визит длился два дня. Так и т.д. Конец."
    assert sentences(text, "ru") == [
        "В.В. Путин прибыл в Монголию 3 сент. 2024 г.",
        "Визит длился два дня.",
        "Так и т.д.",
        "Конец.",
    ]
    assert sentences("Он живёт в г. Москва. Да.", "ru") == ["Он живёт в г. Москва.", "Да."]


def test_seed_segments_into_its_real_sentences(seed_path) -> None:  # type: ignore[no-untyped-def]
    from parallax.core.loaders import load_path

    article = load_path(seed_path)
    texts = [s.text for s in article.sentences]
    assert len(texts) == 45
    assert all(t.strip() for t in texts)
    # none merged across a 。: a full stop only ever ends a sentence (or sits before a closer)
    for text in texts:
        assert "。" not in text[:-1].rstrip("”’」』）)")
    assert texts[0] == "俄乌战争再度升级,局势日益紧张。"
    assert texts[5] == "那么,俄军此次行动的背后究竟隐藏着怎样的战略意图?"
    assert any("《罗马规约》" in t for t in texts)


TEXT_ALPHABET = st.sampled_from(list("俄乌战争普京蒙古国。!?;,“”《》0123456789.abc ABC\n"))


@settings(max_examples=300, deadline=None)
@given(st.text(TEXT_ALPHABET, max_size=200), st.sampled_from(["zh", "en", "ru"]))
def test_spans_cover_text_in_order_without_overlap(text: str, lang: str) -> None:
    spans = split_sentences(text, lang)
    last = 0
    for start, end in spans:
        assert last <= start < end <= len(text)
        assert text[start:end].strip() == text[start:end]
        last = end
    # nothing but whitespace is lost
    covered = "".join(text[s:e] for s, e in spans)
    assert "".join(covered.split()) == "".join(text.split())


@settings(max_examples=100, deadline=None)
@given(st.lists(st.text(TEXT_ALPHABET, min_size=1, max_size=80), max_size=6))
def test_paragraph_spans_point_into_body(paragraphs: list[str]) -> None:
    body, paras = build_paragraphs(paragraphs, "zh")
    ids = []
    for para in paras:
        for sentence in para.sentences:
            assert body[sentence.start:sentence.end] == sentence.text
            ids.append(sentence.id)
    assert ids == [f"s{i}" for i in range(1, len(ids) + 1)]


def test_closing_quote_after_a_space_stays_with_its_sentence() -> None:
    assert sentences("他说：“走吧。 ”下一句。", "zh") == ["他说：“走吧。 ”", "下一句。"]
    assert sentences("他说：“走吧。 ”", "zh") == ["他说：“走吧。 ”"]
    assert sentences("他说：“走吧！  」 好。", "zh") == ["他说：“走吧！  」", "好。"]
    # an opening quote stays with the sentence it opens
    assert sentences("说完了。 “下一句。”", "zh") == ["说完了。", "“下一句。”"]
    assert sentences("He left. ” Next one.", "en") == ["He left. ”", "Next one."]
    assert sentences('He said "go." Then left. " Why?', "en") == [
        'He said "go."', 'Then left. "', "Why?"
    ]
    assert sentences('He said. "Next one."', "en") == ["He said.", '"Next one."']


def test_opening_quote_typed_as_closing_one() -> None:
    # “ typed where ” belongs, before a space or the paragraph's end
    assert sentences("Nobody got rich from it. “ Now we do. “", "en") == [
        "Nobody got rich from it. “", "Now we do. “"
    ]
    assert sentences("说完了。 “", "zh") == ["说完了。 “"]


def test_company_and_number_abbreviations() -> None:
    text = (
        "He heads Green Valley Farming Co. Ltd, a local firm. It bought Acme Ltd. The deal "
        "closed at 5 p.m. Tuesday. Acme Inc. said it was pleased. Its No. 2 plant is in the U.S. "
        "In March it said no. Mr. Sun. Mr. Sun left on Sept. 3 and came back in Sept. The end."
    )
    assert sentences(text, "en") == [
        "He heads Green Valley Farming Co. Ltd, a local firm.",
        "It bought Acme Ltd.",
        "The deal closed at 5 p.m. Tuesday.",
        "Acme Inc. said it was pleased.",
        "Its No. 2 plant is in the U.S.",
        "In March it said no.",
        "Mr. Sun.",
        "Mr. Sun left on Sept. 3 and came back in Sept.",
        "The end.",
    ]


def test_punctuation_alone_is_never_a_sentence() -> None:
    assert sentences("……然后说话。", "zh") == ["……然后说话。"]
    assert sentences("走吧。 ” ” ！", "zh") == ["走吧。 ” ” ！"]
    assert sentences("Done. ) .", "en") == ["Done. ) ."]


QUOTE_ALPHABET = st.sampled_from(
    [*"走吧他说。！？…”“’‘」『』）(《》\"' .?!;,AaBbMr5 \n", "Co.", "Ltd", "U.S.", "No."]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(QUOTE_ALPHABET, max_size=60).map("".join), st.sampled_from(["zh", "en", "ru"]))
def test_sentences_and_the_space_between_them_rebuild_the_text(text: str, lang: str) -> None:
    spans = split_sentences(text, lang)
    rebuilt = ""
    last = 0
    for start, end in spans:
        assert last <= start < end
        gap = text[last:start]
        assert not gap.strip(), "only whitespace lies between sentences"
        rebuilt += gap + text[start:end]
        last = end
    assert not text[last:].strip()
    assert rebuilt + text[last:] == text


@settings(max_examples=400, deadline=None)
@given(st.lists(QUOTE_ALPHABET, max_size=60).map("".join), st.sampled_from(["zh", "en", "ru"]))
def test_no_sentence_is_only_punctuation(text: str, lang: str) -> None:
    found = sentences(text, lang)
    bare = [s for s in found if not any(ch.isalnum() for ch in s)]
    # only a paragraph of nothing but punctuation is one sentence of it
    assert not bare or found == bare == [text.strip()]
