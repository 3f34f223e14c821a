"""Framing signals: where wording differs between aligned sentences, and loaded wording.

Difference flags compare two aligned sentences (the original's and another source's):
`number_mismatch` and `number_qualifier` (core.numbers: values compared kind by kind, so a
year is never compared with a month), `entity_only_here` / `entity_only_there`
(core.entities). They are only raised where the two sentences actually differ, so identical
texts produce none.

Lexicon flags (`loaded_word`, `vague_attribution`, `hedge` for hedges and boosters) describe a
sentence's own wording (resources/lexicons/framing.<lang>.tsv). They are raised on the
original and on report sentences; on a report sentence a term its linked original sentence
also uses is not raised again (the original's flag already shows it), so a report identical
to the original adds no flags of its own.

`headline_escalation` compares the original's headline with its own body: an escalation term
(category `escalation`: 打, 开战, "fight", "war on", ...) in the headline that none of the body
sentences sharing the headline's anchors (numbers, names) uses; and a number in the headline
stated with a different qualifier in those sentences.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from parallax.core.comparison import Flag
from parallax.core.entities import Name, find_names, unmatched
from parallax.core.lexicon import Hit, find_gazetteer_names, find_terms
from parallax.core.numbers import Quantity, describe, find_quantities, unit_of
from parallax.core.workspace import TITLE

LEXICON_KINDS = {
    "loaded": "loaded_word",
    "vague_attribution": "vague_attribution",
    "hedge": "hedge",
    "booster": "hedge",
}
_CATEGORY_WORDS = {
    "loaded": "Loaded or evaluative word",
    "vague_attribution": "Vague attribution",
    "hedge": "Hedge (softens the claim)",
    "booster": "Booster (presents the claim as certain)",
}


@dataclass(frozen=True)
class Where:
    """Which sentences a flag is about; `label` names the other source in messages."""

    original: str | None = None
    source: str | None = None
    sentence: str | None = None
    label: str = "the other source"


# ---- lexicon -------------------------------------------------------------------------------


def lexicon_hits(text: str, lang: str) -> list[Hit]:
    return find_terms(text, lang, tuple(LEXICON_KINDS))


def lexicon_flags(hits: Iterable[Hit], where: Where, skip: set[str] | None = None) -> list[Flag]:
    flags = []
    seen: set[str] = set()
    for hit in hits:
        if (skip and hit.term in skip) or hit.term in seen:
            continue
        seen.add(hit.term)
        detail = f"{_CATEGORY_WORDS[hit.category]}: “{hit.text}”"
        if hit.note:
            detail += f" ({hit.note})"
        flags.append(Flag(LEXICON_KINDS[hit.category], hit.text, detail + ".",  # type: ignore[arg-type]
                          where.original, where.source, where.sentence))
    return flags


def merged_lexicon_flags(sentences: Sequence[tuple[str, Where, list[Hit]]]) -> list[Flag]:
    """One flag per term of one text, at its first sentence, with how often it is used.

    `sentences`: (sentence id, where a flag on it points, its hits), in reading order; the
    ids of the other sentences using the term go into `Flag.also`.
    """
    first: dict[str, tuple[Where, Hit]] = {}
    seen_in: dict[str, list[str]] = {}
    for sentence_id, where, hits in sentences:
        for hit in hits:
            ids = seen_in.setdefault(hit.term, [])
            if sentence_id in ids:
                continue
            ids.append(sentence_id)
            first.setdefault(hit.term, (where, hit))
    flags: list[Flag] = []
    for term, (where, hit) in first.items():
        ids = seen_in[term]
        flag = lexicon_flags([hit], where)[0]
        if len(ids) > 1:
            flag = replace(flag, detail=f"{flag.detail[:-1]}, used {len(ids)} times.",
                           count=len(ids), also=tuple(ids[1:]))
        flags.append(flag)
    return flags


# ---- numbers -------------------------------------------------------------------------------


def number_flags(
    original_text: str, original_lang: str, other_text: str, other_lang: str, where: Where
) -> list[Flag]:
    """Differing values and qualifiers of the same kind of number in two aligned sentences.

    A number only one side states is paired with the other side's closest number of the same
    kind: when one is a rounded, qualified form of the other ("more than 3,600" for 3,609) the
    flag is a different qualifier; when they are of one magnitude (within `SAME_MAGNITUDE`:
    120 and 310 injured) a different number; otherwise they count different things and
    nothing is flagged (a depth of 10 km is not a differing toll of 105).
    """
    mine = find_quantities(original_text, original_lang)
    theirs = find_quantities(other_text, other_lang)
    if not mine or not theirs:
        return []
    flags: list[Flag] = []
    for kind in sorted({q.kind for q in mine} & {q.kind for q in theirs}):
        a = [q for q in mine if q.kind == kind]
        b = [q for q in theirs if q.kind == kind]
        values_a = {q.value for q in a}
        values_b = {q.value for q in b}
        for value in sorted(values_a & values_b):
            qa = _qualifiers(a, value)
            qb = _qualifiers(b, value)
            if qa != qb:
                first_a = next(q for q in a if q.value == value)
                first_b = next(q for q in b if q.value == value)
                flags.append(_qualifier_flag(first_a, first_b, where))
        only_b = _unique([q for q in b if q.value not in values_a])
        # Only numbers of one thing compare: by unit where both sentences say it, else only
        # close values (105 dead and "a toll of 111"); each number pairs once, closest first.
        candidates = sorted(
            ((_ratio(q.value, o.value), n, q, o)
             for n, q in enumerate(_unique([q for q in a if q.value not in values_b]))
             for o in only_b
             if _same_thing(unit_of(q, original_text, original_lang),
                            unit_of(o, other_text, other_lang), q.value, o.value)),
            key=lambda c: (c[0], c[1]))
        used_a: set[float] = set()
        used_b: set[float] = set()
        pairs: list[tuple[Quantity, Quantity]] = []
        for _ratio_value, _n, q, other in candidates:
            if q.value in used_a or other.value in used_b:
                continue
            used_a.add(q.value)
            used_b.add(other.value)
            pairs.append((q, other))
        for q, other in sorted(pairs, key=lambda p: p[0].start):
            if _consistent(q, other) or _consistent(other, q):
                flags.append(_qualifier_flag(q, other, where))
            elif _ratio(q.value, other.value) <= SAME_MAGNITUDE:
                flags.append(Flag(
                    "number_mismatch", q.text,
                    f"The original says “{q.text}” where {where.label} says “{other.text}”.",
                    where.original, where.source, where.sentence,
                ))
    return flags


SAME_MAGNITUDE = 3.0  # two unmatched numbers this close are read as the same quantity
_ROUNDING = 0.25  # "more than 3,600" still describes 3,609; "more than 1,000" does not


def _qualifier_flag(mine: Quantity, theirs: Quantity, where: Where) -> Flag:
    return Flag(
        "number_qualifier", mine.text,
        f"The original says “{mine.text}” ({describe(mine)}), {where.label} says "
        f"“{theirs.text}” ({describe(theirs)}): the same figure, stated differently.",
        where.original, where.source, where.sentence,
    )


UNSTATED_RATIO = 1.5  # two counts whose units are not both stated pair only this close


def _same_thing(unit_a: str, unit_b: str, a: float, b: float) -> bool:
    if unit_a and unit_b:
        return unit_a == unit_b
    return _ratio(a, b) <= UNSTATED_RATIO


def _ratio(x: float, y: float) -> float:
    if x <= 0 or y <= 0:
        return float("inf") if x != y else 1.0
    return max(x, y) / min(x, y)


def _consistent(exact: Quantity, rounded: Quantity) -> bool:
    """`exact` is what the qualified `rounded` describes (3,609 and "more than 3,600")."""
    if exact.qualifier or not rounded.qualifier or rounded.value <= 0:
        return False
    x, v = exact.value, rounded.value
    near = _ROUNDING * v
    if rounded.qualifier == "more_than":
        return v < x <= v + near
    if rounded.qualifier == "at_least":
        return v <= x <= v + near
    if rounded.qualifier in {"nearly", "less_than"}:
        return v - near <= x < v
    if rounded.qualifier == "at_most":
        return v - near <= x <= v
    if rounded.qualifier == "about":
        return abs(x - v) <= 0.1 * v
    return False


def _qualifiers(quantities: Sequence[Quantity], value: float) -> frozenset[str]:
    return frozenset(q.qualifier for q in quantities if q.value == value)


def _unique(quantities: Sequence[Quantity]) -> list[Quantity]:
    seen: set[float] = set()
    out = []
    for q in quantities:
        if q.value not in seen:
            seen.add(q.value)
            out.append(q)
    return out


# ---- names ---------------------------------------------------------------------------------


def entity_flags(
    mine: Sequence[Name],
    theirs: Sequence[Name],
    where: Where,
    my_topics: Sequence[Name] = (),
    their_topics: Sequence[Name] = (),
) -> list[Flag]:
    """Names in only one sentence of an aligned pair.

    A name the other article is about throughout (`*_topics`: in its headline or in a fifth
    of its sentences) is not flagged: leaving "Putin" out of one sentence of a report about
    Putin changes nothing.
    """
    flags = []
    for name in unmatched(unmatched(mine, theirs), their_topics):
        flags.append(Flag("entity_only_here", name.text,
                          f"“{name.text}” is named in the original but not by {where.label}.",
                          where.original, where.source, where.sentence))
    for name in unmatched(unmatched(theirs, mine), my_topics):
        flags.append(Flag("entity_only_there", name.text,
                          f"{where.label[:1].upper()}{where.label[1:]} names “{name.text}”, "
                          "the original does not.",
                          where.original, where.source, where.sentence))
    return flags


# A domestic report does not name its own country: "China" in an English report of a Chinese
# article's events is not a name the original leaves out.
_IMPLICIT = {"zh": frozenset({"china"})}


def claim_entity_flags(
    o_names: Sequence[Sequence[Name]],
    r_names: Sequence[Sequence[Name]],
    o_title: Sequence[Name],
    r_title: Sequence[Name],
    linked_by_original: Mapping[int, Sequence[int]],
    best_for_report: Mapping[int, int],
    where: Callable[[int, int], Where],
    score_of: Mapping[tuple[int, int], float],
    nearest: Mapping[int, int] | None = None,
) -> tuple[list[tuple[str, Flag]], dict[str, tuple[int, Name]]]:
    """Names that one article uses and the other never does, each name once.

    A name counts as used when the other article has it anywhere (headline included): an
    analyst who finds it one paragraph down has disproved a flag that said it was missing.
    Names an article is about (`topic_names`) are never flagged on the other side.

    Returns the flags with their name keys (`entity_only_here` on the linked claims of the
    original, `entity_only_there` on the report's sentences) and, for every name of the original
    the report never uses, its first sentence index (`compare` turns the names no report uses
    into one flag against all sources, instead of one per source).
    """
    # Each name once (by key): a long report repeats its names thousands of times.
    nearest = nearest or {}
    o_all = list({n.key: n for names in (o_title, *o_names) for n in names}.values())
    r_all = list({n.key: n for names in (r_title, *r_names) for n in names}.values())
    o_topics = topic_names(o_title, o_names)
    r_topics = topic_names(r_title, r_names)
    implicit = {key for name in o_all for key in _IMPLICIT.get(name.lang.split("-")[0], ())}
    absent: dict[str, tuple[int, Name]] = {}
    for i, names in enumerate(o_names):
        for name in unmatched(unmatched(names, r_all), r_topics):
            absent.setdefault(name.key, (i, name))
    flags: list[tuple[str, Flag]] = []
    done: set[str] = set()
    for i in sorted(linked_by_original):
        j = max(linked_by_original[i], key=lambda k: score_of.get((i, k), 0.0))
        at = where(i, j)
        for name in o_names[i]:
            if name.key not in absent or name.key in done:
                continue
            done.add(name.key)
            flags.append((name.key, Flag(
                "entity_only_here", name.text,
                f"“{name.text}” is named in the original but nowhere by {at.label}.",
                at.original, at.source, at.sentence,
                confidence=round(0.8 * score_of.get((i, j), 0.0), 3))))
    for j in range(len(r_names)):
        # A sentence with no counterpart is placed beside the original sentence nearest it.
        i = best_for_report.get(j, nearest.get(j, -1))
        if i < 0:
            continue
        at = where(i, j)
        for name in unmatched(unmatched(r_names[j], o_all), o_topics):
            if name.key in done or name.key in implicit:
                continue
            done.add(name.key)
            flags.append((name.key, Flag(
                "entity_only_there", name.text,
                f"{at.label[:1].upper()}{at.label[1:]} names “{name.text}”, which the original "
                "never does.", at.original, at.source, at.sentence,
                confidence=round(0.8 * score_of.get((i, j), 0.0), 3))))
    return flags, absent


def gazetteer_names_of(text: str, lang: str) -> list[Name]:
    """Only the gazetteer's names: they match across languages (no part-of-speech tagging)."""
    return [Name(hit.id, hit.text, hit.type, lang) for hit in find_gazetteer_names(text, lang)]


def names_of(text: str, lang: str) -> list[Name]:
    return find_names(text, lang)


def topic_names(title: Sequence[Name], sentences: Sequence[Sequence[Name]]) -> list[Name]:
    """Names an article is about: in its headline, or in at least a fifth of its sentences."""
    counts: dict[str, int] = {}
    first: dict[str, Name] = {}
    for names in sentences:
        for name in names:
            counts[name.key] = counts.get(name.key, 0) + 1
            first.setdefault(name.key, name)
    needed = max(2.0, 0.2 * len(sentences))
    topics = {n.key: n for n in title}
    topics.update({k: first[k] for k, c in counts.items() if c >= needed})
    return list(topics.values())


# ---- headline ------------------------------------------------------------------------------


def headline_flags(
    title: str, lang: str, body: Sequence[tuple[str, str]]
) -> list[Flag]:
    """Headline claims stronger than the body sentences on the same subject, and headline
    claims no body sentence makes.

    `body` is (sentence id, text) in the same language as `title`. The body sentences on the
    headline's subject are those sharing its numbers or two of its names, else the three
    sharing most of its words. Raised: an escalation term or a booster (高度, "strongly") of
    the headline that none of them uses; a number they qualify differently; and a part of the
    headline (between its punctuation) whose words no body sentence mostly shares
    (`UNSUPPORTED_SHARE`).
    """
    if not title.strip() or not body:
        return []
    flags: list[Flag] = []
    title_numbers = find_quantities(title, lang)
    title_values = {(q.kind, q.value) for q in title_numbers}
    title_names = {n.key for n in find_names(title, lang)}
    related: list[tuple[str, str, list[Quantity]]] = []
    for sid, text in body:
        numbers = find_quantities(text, lang)
        shares_number = any((q.kind, q.value) in title_values for q in numbers)
        shared_names = title_names & {n.key for n in find_names(text, lang)}
        # Numbers are specific anchors; names need two in common (a lone "Russia" is everywhere).
        if shares_number or len(shared_names) >= 2:
            related.append((sid, text, numbers))
    title_words = _content_words(title, lang)
    if not related and title_words:
        closest = sorted(body, key=lambda b: -len(title_words & _content_words(b[1], lang)))
        related = [(sid, text, find_quantities(text, lang)) for sid, text in closest[:3]
                   if title_words & _content_words(text, lang)]
    flags.extend(_unsupported_parts(title, lang, body))
    if not related:
        return flags
    ids = ", ".join(sid for sid, _, _ in related[:6]) + ("…" if len(related) > 6 else "")
    kinds = ("escalation", "booster")
    body_terms = {h.term for _, text, _ in related for h in find_terms(text, lang, kinds)}
    for hit in find_terms(title, lang, kinds):
        if hit.term in body_terms:
            continue
        flags.append(Flag(
            "headline_escalation", hit.text,
            f"The headline says “{hit.text}” ({hit.note or hit.category}), but the body "
            f"sentences on the same subject ({ids}) do not.",
            TITLE, confidence=0.7,
        ))
    for q in title_numbers:
        body_same = [b for _, _, numbers in related for b in numbers
                     if b.kind == q.kind and b.value == q.value]
        if body_same and all(b.qualifier != q.qualifier for b in body_same):
            flags.append(Flag(
                "headline_escalation", q.text,
                f"The headline says “{q.text}” ({describe(q)}), the body says "
                f"“{body_same[0].text}” ({describe(body_same[0])}).",
                TITLE, confidence=0.8,
            ))
    return flags


UNSUPPORTED_SHARE = 0.4  # a headline part is the body's when a sentence has this much of it
_TITLE_PARTS = re.compile(r"[,，:：;；!！?？|｜]+|\s{1,}(?=\S)")


def _content_words(text: str, lang: str) -> set[str]:
    from parallax.core.similarity import sentence_features

    return {k for k, v in sentence_features(text, lang).words.items()
            if k[:2] in {"z:", "w:"} and v >= 1.0}


def _unsupported_parts(title: str, lang: str, body: Sequence[tuple[str, str]]) -> list[Flag]:
    body_words = [_content_words(text, lang) for _, text in body]
    flags: list[Flag] = []
    for part in _TITLE_PARTS.split(title):
        part = part.strip(" “”\"'「」")
        words = _content_words(part, lang)
        if len(words) < 3:
            continue  # too short to stand as a claim of its own
        share = max((len(words & b) / len(words) for b in body_words), default=0.0)
        if share < UNSUPPORTED_SHARE:
            flags.append(Flag(
                "headline_escalation", part,
                f"The headline says “{part}”, which no sentence of the body says "
                f"(at most {share:.0%} of its words in one sentence).",
                TITLE, confidence=round(0.9 - share, 3),
            ))
    return flags
