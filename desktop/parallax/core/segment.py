"""Sentence segmentation for Chinese, English and Russian news text.

Returns character spans, so every sentence can be traced back into the article body.
Chinese: split after `。！？；…` and the ASCII `? ! ;` that real pages mix in, keeping closing
quotes and brackets with their sentence, never inside `《》`, and never on a dot between digits.
English/Russian: split after `. ! ?` followed by a space and a sentence start, except after
known abbreviations (`Mr.`, `Sept. 2`, `Co. Ltd`, `т.е.`) and initials (`V. Putin`); an
abbreviation that often ends a sentence (`Inc.`, `U.S.`) ends one before `The`, `He`, ...
In both, a closing quote or bracket typed after a space (`走吧。 ”`, `He left. ” Next`) stays
with the sentence it closes, and a span of punctuation alone joins its neighbour: no sentence
is only a stray quote.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime

from parallax.core.article import PARAGRAPH_SEPARATOR, Article, Paragraph, Sentence
from parallax.core.language import is_han

ZH_TERMINATORS = frozenset("。！？；…!?;")
# Closers that belong to the sentence they end: quotes, brackets, and repeated terminators.
CLOSERS = frozenset("”’」』）)】〕》〉\"'»")
BOOK_TITLE_OPEN = "《〈"
BOOK_TITLE_CLOSE = "》〉"

# Closers that can only close: after a sentence end and spaces, they still close it.
STRAY_CLOSERS = frozenset("”’」』）)】〕》〉»]")
# Quotes that open or close: after a sentence end and spaces, they close it only when a space
# or the paragraph's end follows (`说完了。 “` typed for `”`, `he said. " Next`).
AMBIGUOUS_QUOTES = frozenset("\"'“‘")

# Lower-cased, without the final dot. Multi-dot forms are matched on the whole token.
ABBREVIATIONS = frozenset(
    """
    mr mrs ms dr prof sen rep gov gen col lt maj capt sgt cmdr adm st jr sr rev hon pres
    inc ltd co corp plc llc dept univ assn bros est approx vs al etc fig no nos vol pp ed eds
    jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thurs fri sat sun
    u.s u.k u.n e.u u.s.a u.s.s.r d.c a.m p.m e.g i.e cf ft mt
    т.е т.к др пр ул им акад проф млн млрд тыс руб коп чел ст стр см напр
    янв фев февр мар апр авг сен сент окт нояб дек
    """.split()
)
# Abbreviations only before a number (`No. 5`, `Sept. 2`); otherwise words (`said no.`) or
# surnames (`Mr. Sun.`) that may end a sentence.
BEFORE_NUMBER_ONLY = frozenset(
    "no nos vol fig pp art jan feb mar apr jun jul aug sep sept oct nov dec sun sat wed".split()
)
# Abbreviations that often end a sentence too (`... of Acme Inc. The ...`): they do before a
# word that starts sentences and never follows them inside one.
MAY_END = frozenset("inc ltd co corp plc llc bros etc jr sr u.s u.k u.n e.u u.s.a a.m p.m".split())
SENTENCE_STARTERS = frozenset(
    """
    the a an he she it they we i you his her its their our this that these those there
    but and however meanwhile in on at if when while after according some many
    """.split()
)
_EN_BOUNDARY = re.compile(
    r"[.!?…]+[\"'”’»)\]]*"
    # closers typed after a space: definite ones always, ambiguous quotes before a space or end
    r"(?:\s+(?:[”’»)\]]+|[\"'“‘](?=\s|$)))*"
    r"(?=\s+[\"'“‘«(\[”]?[A-ZА-ЯЁ0-9])"
)
_NEXT_WORD = re.compile(r"\s*[\"'“‘«(\[”]?([^\W_]+)")
_TOKEN_BEFORE = re.compile(r"(\S+)$")


def split_sentences(text: str, lang: str) -> list[tuple[int, int]]:
    """Character spans of the sentences in one paragraph, whitespace trimmed, none empty."""
    if lang.startswith("zh") or lang in ("ja", "ko"):
        raw = _split_cjk(text)
    else:
        raw = _split_alphabetic(text)
    spans: list[tuple[int, int]] = []
    for start, end in raw:
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            spans.append((start, end))
    return _join_bare_punctuation(text, spans)


def _join_bare_punctuation(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """A span with no letter or digit (a stray quote, a lone `……`) joins the one before it,
    or the one after when it comes first; only a paragraph of nothing else keeps one."""
    joined: list[tuple[int, int]] = []
    pending: int | None = None  # start of leading punctuation waiting for a sentence
    for start, end in spans:
        if not any(ch.isalnum() for ch in text[start:end]):
            if joined:
                joined[-1] = (joined[-1][0], end)
            elif pending is None:
                pending = start
            continue
        joined.append((start if pending is None else pending, end))
        pending = None
    if pending is not None:  # nothing but punctuation in the paragraph
        joined.append((pending, spans[-1][1]))
    return joined


def _split_cjk(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    start = 0
    depth = 0  # inside 《》 titles nothing ends a sentence
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        if ch in BOOK_TITLE_OPEN:
            depth += 1
        elif ch in BOOK_TITLE_CLOSE and depth:
            depth -= 1
        elif depth == 0 and (ch in ZH_TERMINATORS or _is_cjk_full_stop(text, i)):
            j = _end_of_closers(text, i + 1)
            if ch in "!?;" and j < n and text[j].isascii() and text[j].isalnum():
                i += 1  # "a?b" inside Latin text is not a Chinese sentence end
                continue
            spans.append((start, j))
            start = j
            i = j
            continue
        i += 1
    if start < n:
        spans.append((start, n))
    return spans


def _end_of_closers(text: str, j: int) -> int:
    """Where a sentence ends whose terminator ends before `j`: after the terminators and
    closers that follow it, and after closers separated from it by spaces (`走吧。 ”`)."""
    n = len(text)
    while True:
        while j < n and (text[j] in ZH_TERMINATORS or text[j] in CLOSERS or text[j] == "."):
            j += 1
        k = j
        while k < n and text[k].isspace():
            k += 1
        if k in (j, n):
            return j
        after = text[k + 1] if k + 1 < n else " "
        if text[k] in STRAY_CLOSERS or (text[k] in AMBIGUOUS_QUOTES and after.isspace()):
            j = k + 1
            continue
        return j


def _is_cjk_full_stop(text: str, i: int) -> bool:
    """An ASCII dot used as a Chinese full stop: after a CJK character, not before a digit."""
    if text[i] != "." or i == 0:
        return False
    nxt = text[i + 1] if i + 1 < len(text) else ""
    return is_han(text[i - 1]) and not nxt.isdigit()


def _split_alphabetic(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _EN_BOUNDARY.finditer(text):
        end = match.end()
        following = _NEXT_WORD.match(text, end)
        next_word = following.group(1) if following else ""
        if text[match.start()] == "." and _ends_with_abbreviation(
                text[start:match.start() + 1], next_word):
            continue
        spans.append((start, end))
        start = end
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def _ends_with_abbreviation(chunk: str, next_word: str = "") -> bool:
    """Whether the dot ending `chunk` belongs to an abbreviation, given the word after it."""
    found = _TOKEN_BEFORE.search(chunk)
    if not found:
        return False
    token = found.group(1).lstrip("\"'“‘«([").rstrip(".").lower()
    if token in BEFORE_NUMBER_ONLY:
        return next_word[:1].isdigit()
    if token in ABBREVIATIONS:
        return not (token in MAY_END and next_word.lower() in SENTENCE_STARTERS)
    if token in ("г", "гг"):
        # "2024 г." (year) may end a sentence; "г. Москва" (city) does not.
        before = chunk[: found.start()].rstrip()
        return not before[-1:].isdigit()
    # Initials such as "V." in "V. Putin", or "J.R." / "В.В." runs: capitals only.
    raw = found.group(1).lstrip("\"'“‘«([").rstrip(".")
    return bool(re.fullmatch(r"(?:[^\W\d_]\.)*[^\W\d_]", raw)) and raw.replace(".", "").isupper() \
        and len(raw.replace(".", "")) <= 3


def build_paragraphs(texts: Sequence[str], lang: str) -> tuple[str, tuple[Paragraph, ...]]:
    """Join paragraph texts into a body and segment them; empty paragraphs are dropped."""
    kept = [t.strip() for t in texts if t.strip()]
    body_parts: list[str] = []
    paragraphs: list[Paragraph] = []
    offset = 0
    counter = 0
    for index, para in enumerate(kept):
        if index:
            body_parts.append(PARAGRAPH_SEPARATOR)
            offset += len(PARAGRAPH_SEPARATOR)
        sentences: list[Sentence] = []
        for s, e in split_sentences(para, lang):
            counter += 1
            sentences.append(Sentence(f"s{counter}", para[s:e], offset + s, offset + e))
        paragraphs.append(Paragraph(index, offset, offset + len(para), tuple(sentences)))
        body_parts.append(para)
        offset += len(para)
    return "".join(body_parts), tuple(paragraphs)


def make_article(
    title: str,
    paragraphs: Sequence[str],
    lang: str,
    outlet: str | None = None,
    published: datetime | None = None,
    source: str | None = None,
) -> Article:
    """Build a segmented `Article` from its parts."""
    body, paras = build_paragraphs(paragraphs, lang)
    return Article(
        title=title.strip(),
        body=body,
        paragraphs=paras,
        lang=lang,
        outlet=outlet,
        published=published,
        source=source,
    )
