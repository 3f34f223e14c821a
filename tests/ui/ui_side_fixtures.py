"""Data for the side-panel tests: the real sample article, two hand-written English sources and
a comparison built from them (the real `compare_workspace` when it is available)."""

from __future__ import annotations

import functools

from parallax.core.comparison import DELETE, EQUAL, INSERT, Comparison, DiffSpan, Flag, Link
from parallax.core.loaders import load_text
from parallax.core.samples import sample_workspace
from parallax.core.workspace import TITLE, MachineTranslation, Workspace

TRANSLATION_TEXT = """Russia-Ukraine war escalates again

Test Desk 2024-09-04 10:00:00

The Russia-Ukraine war has escalated again and the situation is increasingly tense. Russia's \
fierce bombing of key infrastructure has hit the energy system. The operation was large.

The United States quickly formed a coalition of 50 countries. Putin flew to Mongolia.
"""

REPORT_TEXT = """Putin visits Mongolia despite <b>ICC</b> warrant

Example Wire 2024-09-04 12:00:00

Putin arrived in Mongolia on Tuesday. Some 50 nations back Ukraine, officials said.

Russian strikes hit energy sites in 15 regions. Mongolia did not arrest him.
"""


def side_workspace() -> Workspace:
    workspace = sample_workspace(with_sources=False)
    workspace = workspace.with_source(load_text(TRANSLATION_TEXT), "translation", "Draft EN")
    workspace = workspace.with_source(load_text(REPORT_TEXT), "report", "Example Wire")
    original = workspace.original
    texts = {TITLE: "Arrest warrant issued, US forms 50-nation coalition to fight Russia"}
    for n, sentence in enumerate(original.iter_sentences(), start=1):
        texts[sentence.id] = f"Pivot sentence {n} <i>&amp;</i>."
    return workspace.with_translation(
        "original", MachineTranslation("fake", "1", "zh", "en", texts))


def hand_comparison(workspace: Workspace) -> Comparison:
    """Links and flags over real sentence ids, shaped like `compare_workspace` output."""
    src1, src2 = (s.id for s in workspace.sources)
    o = [s.id for s in workspace.original.iter_sentences()]
    r = [s.id for s in workspace.source(src2).article.iter_sentences()]
    t = [s.id for s in workspace.source(src1).article.iter_sentences()]
    diff = (DiffSpan(EQUAL, "Putin "), DiffSpan(DELETE, "suddenly announced"),
            DiffSpan(INSERT, "arrived in"), DiffSpan(EQUAL, " Mongolia <b>x</b>"))
    links = (
        Link(TITLE, src2, TITLE, 0.41, (DiffSpan(DELETE, "fight Russia"),)),
        Link(o[0], src1, t[0], 0.92, (DiffSpan(EQUAL, "The war"),)),
        Link(o[1], src1, t[1], 0.81),
        Link(o[4], src2, r[0], 0.63, diff),
        Link(o[4], src1, t[4], 0.55),
        Link(o[3], src2, r[1], 0.48),
        Link(o[3], src1, t[3], 0.87),
        Link(o[1], src2, r[2], 0.35),
    )
    flags = (
        Flag("omitted_claim", "Mongolia did not arrest him.", "Only the report says this.",
             None, src2, r[3]),
        Flag("number_mismatch", "15", "15 regions only in the report.", o[1], src2, r[2]),
        Flag("loaded_word", "猛烈", "Evaluative word.", o[1]),
        Flag("headline_escalation", "打俄", "The headline is stronger than the body.", TITLE),
        Flag("vague_attribution", "外界普遍认为", "Unattributed consensus.", o[5]),
        Flag("entity_only_here", "普京", "Name only in the original.", o[4], src2, r[0]),
        Flag("unmatched_claim", o[10], "No other source makes this claim.", o[10]),
        Flag("hedge", "some", "Hedge.", o[3], src1, t[3]),
    )
    return Comparison(links, flags)


def expected_order(workspace: Workspace) -> list[str]:
    """The hand flags' kinds in document order (title, original order, then sources)."""
    return ["headline_escalation", "loaded_word", "number_mismatch", "hedge",
            "entity_only_here", "vague_attribution", "unmatched_claim", "omitted_claim"]


@functools.lru_cache(maxsize=1)
def real_data() -> tuple[Workspace, Comparison]:
    """The built-in sample compared by the real engine (computed once per test run)."""
    from parallax.core.compare import compare_workspace

    workspace = sample_workspace()
    return workspace, compare_workspace(workspace)


def document_key(workspace: Workspace, flag: Flag) -> tuple[int, int]:
    """Where a reader meets a flag: headline, original sentence order, then other sources."""
    order = [TITLE, *(s.id for s in workspace.original.iter_sentences())]
    sources = [s.id for s in workspace.sources]
    if flag.original is not None:
        return order.index(flag.original), -1 if flag.source is None else sources.index(
            flag.source)
    return len(order), sources.index(flag.source) if flag.source else -1
