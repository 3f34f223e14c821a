"""Word-level diffs of two sentences on diff-match-patch.

diff-match-patch compares characters and has no word mode, so each distinct word is mapped to
one private character (the trick its line mode uses), the encoded strings are diffed, and
the result is mapped back to the original texts and cleaned up semantically
(diff_cleanupSemantic's rule, measured in characters of the real words).

Tokens: jieba words for Chinese; for other languages a regex splits words (letters, digits,
inner apostrophes and hyphens), single punctuation marks and whitespace runs; a Chinese
character inside a non-Chinese text is its own token. Joined, the tokens give the text back.

Ignore options change what counts as equal, never what is shown: an ignored token (whitespace,
punctuation) is glued to the word before it and matching uses a normalised key. Spans are the
real texts: DELETE spans are text of `a`, INSERT spans text of `b`, and EQUAL spans carry the
text as written in `a` (with ignore options on, `b`'s spelling of an equal run may differ in
case, spacing or punctuation: that is what ignoring means).
Joining the DELETE and EQUAL spans always gives `a` back exactly.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from diff_match_patch import diff_match_patch

from parallax.core.comparison import DELETE, EQUAL, INSERT, DiffSpan
from parallax.core.language import HAN_CHARS, is_chinese, jieba_words

log = logging.getLogger(__name__)

# A number (3.5, 1,000, 11:34), a word (letters/digits with inner ' ’ - joins), one CJK
# character, a whitespace run, or any other single character (punctuation, symbols).
_CJK = HAN_CHARS
_ALPHA_TOKEN = re.compile(
    rf"\d+(?:[.,:]\d+)*(?![\w])|[{_CJK}]|(?:(?![{_CJK}])\w)+(?:['’\-](?:(?![{_CJK}])\w)+)*|\s+|.",
    re.DOTALL,
)
_HAS_CJK = re.compile(rf"[{_CJK}]")
_CJK_RUN = re.compile(rf"[{_CJK}]+|[^{_CJK}]+")
# Codes for words start past ASCII so diff-match-patch's whitespace/line-break heuristics in
# its semantic clean-up never mistake a word code for a space or a newline.
_CODE_BASE = 0x100
_SURROGATES = range(0xD800, 0xE000)


def tokenize_words(text: str, lang: str) -> list[str]:
    """All tokens of `text` in order (words, punctuation, whitespace); `"".join` gives `text`."""
    if not text:
        return []
    if is_chinese(lang) and _HAS_CJK.search(text):
        return _cut_chinese(text)
    return _ALPHA_TOKEN.findall(text)


def _cut_chinese(text: str) -> list[str]:
    # jieba for runs of Chinese characters; the alphabetic rules elsewhere, so numbers such as
    # "1,000" or "3.5" and Latin words stay whole.
    tokens: list[str] = []
    for run in _CJK_RUN.findall(text):
        if _HAS_CJK.match(run):
            tokens.extend(jieba_words(run))
        else:
            tokens.extend(_ALPHA_TOKEN.findall(run))
    return tokens


def words(text: str, lang: str) -> list[str]:
    """Only the word tokens of `text` (no whitespace, no punctuation)."""
    return [t for t in tokenize_words(text, lang) if not is_space(t) and not is_punctuation(t)]


def is_space(token: str) -> bool:
    return token.isspace()


def is_punctuation(token: str) -> bool:
    """Punctuation or symbols only (full-width Chinese marks included)."""
    return bool(token) and all(
        unicodedata.category(ch)[0] in "PS" or ch.isspace() for ch in token
    ) and not token.isspace()


@dataclass(frozen=True)
class _Unit:
    key: str  # what matching compares
    text: str  # the real text it stands for (ignored tokens glued on)


def _units(
    tokens: Sequence[str], *, ignore_case: bool, ignore_punctuation: bool, ignore_whitespace: bool
) -> list[_Unit]:
    units: list[_Unit] = []
    pending = ""  # ignored tokens before the first kept one
    for token in tokens:
        ignored = (ignore_whitespace and is_space(token)) or (
            ignore_punctuation and is_punctuation(token)
        )
        if ignored:
            if units:
                last = units[-1]
                units[-1] = _Unit(last.key, last.text + token)
            else:
                pending += token
            continue
        key = token.casefold() if ignore_case else token
        if ignore_punctuation:
            key = unicodedata.normalize("NFKC", key)
        units.append(_Unit(key, pending + token))
        pending = ""
    if pending:  # only ignored tokens: one unit that matches any other such text
        units.append(_Unit("", pending))
    return units


def _encode(units: Iterable[_Unit], codes: dict[str, str]) -> str:
    out: list[str] = []
    for unit in units:
        code = codes.get(unit.key)
        if code is None:
            n = _CODE_BASE + len(codes)
            if n >= _SURROGATES.start:
                n += len(_SURROGATES)
            code = chr(n)
            codes[unit.key] = code
        out.append(code)
    return "".join(out)


@lru_cache(maxsize=1)
def _differ() -> diff_match_patch:
    dmp = diff_match_patch()
    dmp.Diff_Timeout = 1.0  # per sentence pair; never reached for sentence-sized inputs
    return dmp


def _char_diff(dmp: diff_match_patch, a: str, b: str) -> list[list[Any]]:
    """diff-match-patch's diff of two code strings, by its C++ implementation where that is
    installed (the same algorithm and result, 4-5x faster: it is most of a long report's
    comparison), else by the Python one."""
    try:
        import fast_diff_match_patch
    except ImportError:
        found: list[list[Any]] = dmp.diff_main(a, b, False)
        return found
    diffs: list[list[Any]] = []
    ia = ib = 0
    for op, n in fast_diff_match_patch.diff(a, b, timelimit=dmp.Diff_Timeout,
                                            checklines=False, cleanup="No"):
        if op == "=":
            diffs.append([EQUAL, a[ia:ia + n]])
            ia += n
            ib += n
        elif op == "-":
            diffs.append([DELETE, a[ia:ia + n]])
            ia += n
        else:
            diffs.append([INSERT, b[ib:ib + n]])
            ib += n
    return diffs


def word_diff(
    a: str,
    b: str,
    lang: str = "en",
    *,
    ignore_case: bool = False,
    ignore_punctuation: bool = False,
    ignore_whitespace: bool = True,
) -> tuple[DiffSpan, ...]:
    """Word-level diff of `a` (original side) and `b` (other side) as (op, text) spans."""
    options = {
        "ignore_case": ignore_case,
        "ignore_punctuation": ignore_punctuation,
        "ignore_whitespace": ignore_whitespace,
    }
    units_a = _units(tokenize_words(a, lang), **options)
    units_b = _units(tokenize_words(b, lang), **options)
    codes: dict[str, str] = {}
    chars_a = _encode(units_a, codes)
    chars_b = _encode(units_b, codes)
    dmp = _differ()
    diffs = _char_diff(dmp, chars_a, chars_b)
    dmp.diff_cleanupMerge(diffs)

    runs: list[_Run] = []
    ia = ib = 0
    for op, chars in diffs:
        n = len(chars)
        if op == EQUAL:
            runs.append(_Run(EQUAL, units_a[ia:ia + n], units_b[ib:ib + n]))
            ia += n
            ib += n
        elif op == DELETE:
            runs.append(_Run(DELETE, units_a[ia:ia + n], []))
            ia += n
        else:
            runs.append(_Run(INSERT, [], units_b[ib:ib + n]))
            ib += n
    return _spans(_cleanup_semantic(runs))


@dataclass
class _Run:
    op: int
    a: list[_Unit]  # units of `a` it covers (EQUAL, DELETE)
    b: list[_Unit]  # units of `b` it covers (EQUAL, INSERT)

    @property
    def size(self) -> int:
        return sum(len(u.text) for u in (self.b if self.op == INSERT else self.a))


def _cleanup_semantic(runs: list[_Run]) -> list[_Run]:
    """diff_cleanupSemantic's elimination pass, measured in characters rather than words.

    An equality no longer than the edits on both of its sides is folded into them, so a diff
    reads as whole phrases; counted in characters, "Ryabkov" between "Sergei" and a long
    rewrite stays visible instead of going down with a run of short words.
    """
    k = 1
    while k < len(runs) - 1:
        run = runs[k]
        if run.op == EQUAL:
            before = _edits_next_to(runs, k, -1)
            after = _edits_next_to(runs, k, 1)
            if run.size <= max(before) and run.size <= max(after):
                runs[k:k + 1] = [_Run(DELETE, run.a, []), _Run(INSERT, [], run.b)]
                runs = _merge(runs)
                # The equality before this one now borders bigger edits: look at it again.
                k = max(1, _previous_equality(runs, k))
                continue
        k += 1
    return runs


def _previous_equality(runs: list[_Run], k: int) -> int:
    k = min(k, len(runs) - 1)
    while k > 0 and runs[k].op != EQUAL:
        k -= 1
    return k - 1 if k > 0 and runs[k].op == EQUAL and k > 1 else k


def _edits_next_to(runs: list[_Run], k: int, step: int) -> tuple[int, int]:
    deleted = inserted = 0
    i = k + step
    while 0 <= i < len(runs) and runs[i].op != EQUAL:
        if runs[i].op == DELETE:
            deleted += runs[i].size
        else:
            inserted += runs[i].size
        i += step
    return deleted, inserted


def _merge(runs: list[_Run]) -> list[_Run]:
    """Adjacent edits become one DELETE then one INSERT; adjacent equalities join."""
    merged: list[_Run] = []
    pending_a: list[_Unit] = []
    pending_b: list[_Unit] = []
    for run in [*runs, _Run(EQUAL, [], [])]:
        if run.op == DELETE:
            pending_a += run.a
            continue
        if run.op == INSERT:
            pending_b += run.b
            continue
        if pending_a:
            merged.append(_Run(DELETE, pending_a, []))
        if pending_b:
            merged.append(_Run(INSERT, [], pending_b))
        pending_a, pending_b = [], []
        if not run.a and not run.b:
            continue
        if merged and merged[-1].op == EQUAL:
            merged[-1] = _Run(EQUAL, merged[-1].a + run.a, merged[-1].b + run.b)
        else:
            merged.append(run)
    return merged


def _spans(runs: list[_Run]) -> tuple[DiffSpan, ...]:
    spans: list[DiffSpan] = []
    for run in runs:
        units = run.b if run.op == INSERT else run.a
        text = "".join(u.text for u in units)
        if not text:
            continue
        if spans and spans[-1].op == run.op:
            spans[-1] = DiffSpan(run.op, spans[-1].text + text)
        else:
            spans.append(DiffSpan(run.op, text))
    return tuple(spans)


def changed_ratio(spans: Sequence[DiffSpan]) -> float:
    """Share of characters (both sides) outside EQUAL spans: 0 identical, 1 nothing shared."""
    equal = sum(len(s.text) for s in spans if s.op == EQUAL)
    changed = sum(len(s.text) for s in spans if s.op in (DELETE, INSERT))
    total = 2 * equal + changed
    return 0.0 if total == 0 else changed / total
