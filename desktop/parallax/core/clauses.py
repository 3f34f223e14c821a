"""Clauses of a sentence, so that part of a sentence can be matched on its own.

News sentences often join two claims ("Mongolia is obliged to cooperate with the court, but
the Kremlin says it is not worried"), and Chinese reporting chains a whole paragraph of comma
clauses into one sentence. Compared whole, such a sentence shares only part of its words with
a sentence that restates one of its parts, and the similarity is diluted.

`split_clauses` gives the pieces a sentence is scored by. Chinese: at every clause comma,
semicolon or colon (lists use 、 and stay whole). Alphabetic languages: at semicolons, colons,
and at a comma only before a conjunction, since a comma there often sets off an appositive
("Piotr Hofmański, the president of the court, ...").

A piece must carry enough words to stand as a claim: shorter pieces ("However,", "据悉，",
"以力挺乌克兰，") join the next piece (or the previous one at the end), so connectives,
attributions and bare names never stand alone.
"""

from __future__ import annotations

import re
from functools import lru_cache

from parallax.core.language import HAN_CHARS, is_chinese

MIN_WORDS = 5  # alphabetic languages: words in a piece
MIN_HAN = 10  # Chinese: characters in a piece (a name and a verb are not a claim)

_CONJUNCTIONS = (r"but|while|whereas|although|though|yet|and|so|however|"
                 r"но|а|однако|хотя|и")
_CLAUSE_ZH = re.compile(r"(?<=[;；:：，])|(?<=,)(?!\d)")
_CLAUSE_OTHER = re.compile(
    rf"(?<=;)|(?<=:)(?!\d)|(?<=,)(?=\s+(?:{_CONJUNCTIONS})\b)", re.IGNORECASE
)
_WORD = re.compile(r"[^\W_]+")
_HAN = re.compile(f"[{HAN_CHARS}]")


def _size(text: str, chinese: bool) -> int:
    return len(_HAN.findall(text)) if chinese else len(_WORD.findall(text))


def _split(text: str, chinese: bool, breaks: re.Pattern[str]) -> tuple[str, ...]:
    minimum = MIN_HAN if chinese else MIN_WORDS
    joiner = "" if chinese else " "
    pieces: list[str] = []
    pending = ""
    for piece in breaks.split(text):
        pending += piece
        if _size(pending, chinese) >= minimum:
            pieces.append(pending.strip())
            pending = ""
    if pending.strip():
        if pieces:
            pieces[-1] = pieces[-1] + joiner + pending.strip()
        else:
            pieces.append(pending.strip())
    return tuple(pieces) if len(pieces) > 1 else (text,)


@lru_cache(maxsize=50_000)
def split_clauses(text: str, lang: str) -> tuple[str, ...]:
    """The clauses `text` is scored by (the sentence itself when it has only one)."""
    chinese = is_chinese(lang)
    return _split(text, chinese, _CLAUSE_ZH if chinese else _CLAUSE_OTHER)
