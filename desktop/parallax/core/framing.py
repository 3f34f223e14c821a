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

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from parallax.core.comparison import Flag
from parallax.core.entities import Name, find_names, unmatched
from parallax.core.lexicon import Hit, find_terms
from parallax.core.numbers import Quantity, describe, find_quantities
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


# ---- numbers -------------------------------------------------------------------------------


def number_flags(
    original_text: str, original_lang: str, other_text: str, other_lang: str, where: Where
) -> list[Flag]:
    """Differing values and qualifiers of the same kind of number in two aligned sentences."""
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
                flags.append(Flag(
                    "number_qualifier", first_a.text,
                    f"The original says “{first_a.text}”, {where.label} says "
                    f"“{first_b.text}”: the same number, qualified differently.",
                    where.original, where.source, where.sentence,
                ))
        only_a = [q for q in a if q.value not in values_b]
        only_b = [q for q in b if q.value not in values_a]
        if only_a and only_b:
            others = ", ".join(f"“{q.text}”" for q in _unique(only_b))
            for q in _unique(only_a):
                flags.append(Flag(
                    "number_mismatch", q.text,
                    f"The original says “{q.text}” where {where.label} says {others}.",
                    where.original, where.source, where.sentence,
                ))
    return flags


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
    """Headline claims stronger than the body sentences that share its numbers or names.

    `body` is (sentence id, text) in the same language as `title`.
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
    if not related:
        return []
    ids = ", ".join(sid for sid, _, _ in related[:6]) + ("…" if len(related) > 6 else "")
    body_terms = {h.term for _, text, _ in related for h in find_terms(text, lang, ("escalation",))}
    for hit in find_terms(title, lang, ("escalation",)):
        if hit.term in body_terms:
            continue
        flags.append(Flag(
            "headline_escalation", hit.text,
            f"The headline says “{hit.text}” ({hit.note or 'escalation'}), but the body "
            f"sentences on the same subject ({ids}) do not.",
            TITLE,
        ))
    for q in title_numbers:
        body_same = [b for _, _, numbers in related for b in numbers
                     if b.kind == q.kind and b.value == q.value]
        if body_same and all(b.qualifier != q.qualifier for b in body_same):
            flags.append(Flag(
                "headline_escalation", q.text,
                f"The headline says “{q.text}” ({describe(q)}), the body says "
                f"“{body_same[0].text}” ({describe(body_same[0])}).",
                TITLE,
            ))
    return flags
