"""Colours for diffs, flags and coverage: colour-blind-safe (Okabe–Ito hues), light and dark.

Diff colours never rely on hue alone: deletions are also struck through, insertions underlined,
so they read in greyscale and for every kind of colour vision.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QFont, QTextCharFormat

# Okabe & Ito (2008), "Color Universal Design": distinguishable for all common colour deficiencies.
OKABE_ITO = {
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
    "black": "#000000",
}


@dataclass(frozen=True)
class DiffColours:
    inserted: QColor  # text only in the other source
    deleted: QColor  # text only in the original side
    changed_number: QColor
    changed_name: QColor
    selection: QColor  # a light neutral tint over the linked sentence (marks keep their hue)
    unmatched: QColor  # a claim no counterpart covers
    hover: QColor  # lighter still than the selection
    outline: QColor  # the frame drawn around the linked sentence
    find: QColor  # find matches: a hue no diff mark uses


def _tint(hex_colour: str, alpha: int) -> QColor:
    colour = QColor(hex_colour)
    colour.setAlpha(alpha)
    return colour


LIGHT = DiffColours(
    inserted=_tint(OKABE_ITO["blue"], 70),
    deleted=_tint(OKABE_ITO["vermillion"], 70),
    changed_number=_tint(OKABE_ITO["reddish_purple"], 110),
    changed_name=_tint(OKABE_ITO["bluish_green"], 90),
    selection=_tint("#000000", 22),
    unmatched=_tint(OKABE_ITO["orange"], 70),
    hover=_tint("#000000", 12),
    outline=QColor("#1f1f1f"),
    find=_tint(OKABE_ITO["yellow"], 190),
)
DARK = DiffColours(
    inserted=_tint(OKABE_ITO["sky_blue"], 90),
    deleted=_tint(OKABE_ITO["vermillion"], 110),
    changed_number=_tint(OKABE_ITO["reddish_purple"], 140),
    changed_name=_tint(OKABE_ITO["bluish_green"], 130),
    selection=_tint("#ffffff", 30),
    unmatched=_tint(OKABE_ITO["orange"], 100),
    hover=_tint("#ffffff", 16),
    outline=QColor("#f2f2f2"),
    find=_tint(OKABE_ITO["yellow"], 150),
)

FLAG_COLOURS = {
    "number_mismatch": OKABE_ITO["reddish_purple"],
    "number_qualifier": OKABE_ITO["reddish_purple"],
    "entity_only_here": OKABE_ITO["bluish_green"],
    "entity_only_there": OKABE_ITO["bluish_green"],
    "loaded_word": OKABE_ITO["vermillion"],
    "vague_attribution": OKABE_ITO["orange"],
    "hedge": OKABE_ITO["sky_blue"],
    "headline_escalation": OKABE_ITO["vermillion"],
    "unmatched_claim": OKABE_ITO["orange"],
    "no_close_match": OKABE_ITO["yellow"],
    "omitted_claim": OKABE_ITO["blue"],
}


def diff_colours(dark: bool) -> DiffColours:
    return DARK if dark else LIGHT


def coverage_colour(score: float | None, dark: bool) -> QColor:
    """Heat-map cell: no link is neutral grey; stronger links are darker blue (sequential)."""
    if score is None:
        return QColor("#3a3a3a" if dark else "#eeeeee")
    score = max(0.0, min(1.0, score))
    light, strong = (QColor("#1b3a52"), QColor("#56B4E9")) if dark else (
        QColor("#deebf7"), QColor("#08519c"))
    return QColor(
        round(light.red() + (strong.red() - light.red()) * score),
        round(light.green() + (strong.green() - light.green()) * score),
        round(light.blue() + (strong.blue() - light.blue()) * score),
    )


def mark_format(kind: str, colours: DiffColours) -> QTextCharFormat:
    """The one place a diff mark becomes a text format, for every view and the legend.

    Background tint plus a non-colour cue, so marks read in greyscale too: deletions struck
    through, insertions underlined, numbers bold, names dotted, loaded words wavy, claims with no
    counterpart ∅. The selection is a light neutral tint over the marks plus an outline, and
    find matches are yellow, a hue no mark uses, so none of these layers hides another.
    """
    fmt = QTextCharFormat()
    if kind == "deleted":
        fmt.setBackground(colours.deleted)
        fmt.setFontStrikeOut(True)
    elif kind == "inserted":
        fmt.setBackground(colours.inserted)
        fmt.setFontUnderline(True)
    elif kind == "changed_number":
        fmt.setBackground(colours.changed_number)
        fmt.setFontWeight(QFont.Weight.Bold)
    elif kind == "changed_name":
        fmt.setBackground(colours.changed_name)
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
    elif kind == "unmatched":  # with ∅ in the sentence's number
        fmt.setBackground(colours.unmatched)
    elif kind == "selection":  # under an outline the views draw themselves
        fmt.setBackground(colours.selection)
    elif kind == "find":
        fmt.setBackground(colours.find)
    elif kind == "framing":  # a loaded word or vague attribution: wavy, no fill
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
        fmt.setUnderlineColor(QColor(FLAG_COLOURS["loaded_word"]))
    return fmt
