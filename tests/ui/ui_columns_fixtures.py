"""Data for the columns, segment-grid and model tests.

The real sample article, with a machine translation for every sentence, an English translation
source (one sentence per original sentence), an English report telling twelve of the claims in
reverse order (one number differs), and a short Chinese report with its pivot translation. The
comparison links real sentence ids; its diffs come from `core.diff.word_diff` when that is
available, else from a plain word diff with the same conventions.
"""

from __future__ import annotations

from collections.abc import Sequence

from parallax.core.article import Article
from parallax.core.comparison import Comparison, DiffSpan, Flag, Link
from parallax.core.samples import sample_workspace
from parallax.core.segment import make_article
from parallax.core.workspace import ORIGINAL, TITLE, MachineTranslation, Workspace

REPORT_CLAIMS = 12  # original sentences s1..s12 have a counterpart in the English report
NUMBER_SENTENCE = 9  # s9 says 15 regions; the English report says 12


def mt_text(n: int) -> str:
    return f"Machine sentence {n} reports the strikes on day {n} clearly."


def version_text(n: int) -> str:
    return f"Human sentence {n} reports the strikes on day {n}."


def report_text(n: int) -> str:
    regions = 12 if n == NUMBER_SENTENCE else 15
    return f"Wire claim {n} reports the strikes in {regions} regions."


def _word_diff(a: str, b: str) -> tuple[DiffSpan, ...]:
    from parallax.core.diff import word_diff

    return word_diff(a, b, "en", ignore_case=True, ignore_punctuation=False,
                     ignore_whitespace=True)


def _english(title: str, outlet: str, paragraphs: Sequence[str]) -> Article:
    return make_article(title, paragraphs, "en", outlet=outlet)


def columns_workspace(extra_report: Article | None = None) -> Workspace:
    workspace = sample_workspace(with_sources=False)
    original = workspace.original
    ids = [s.id for s in original.iter_sentences()]
    numbers = {sid: n for n, sid in enumerate(ids, start=1)}
    version_paragraphs = [
        " ".join(version_text(numbers[s.id]) for s in p.sentences) for p in original.paragraphs
    ]
    version = _english("Arrest warrant issued", "Desk Draft", version_paragraphs)
    claims = list(range(REPORT_CLAIMS, 0, -1))
    report_paragraphs = [" ".join(report_text(n) for n in claims[i:i + 3])
                         for i in range(0, len(claims), 3)]
    report_paragraphs.append("The wire adds one claim of its own about the weather.")
    report = _english("Strikes and a visit", "Example Wire", report_paragraphs)
    chinese = make_article("普京访问蒙古", ["普京抵达蒙古国。蒙古国没有逮捕他。"], "zh",
                           outlet="示例通讯社")
    workspace = workspace.with_source(version, "translation", "Desk Draft")
    workspace = workspace.with_source(report, "report", "Example Wire")
    workspace = workspace.with_source(chinese, "report", "Sample Agency")
    if extra_report is not None:
        workspace = workspace.with_source(extra_report, "report", "Odd Outlet")
    texts = {TITLE: "Arrest warrant issued, US forms 50-nation coalition"}
    texts.update({sid: mt_text(numbers[sid]) for sid in ids})
    workspace = workspace.with_translation(
        ORIGINAL, MachineTranslation("fake", "1", "zh", "en", texts))
    zh_sentences = [s.id for s in chinese.iter_sentences()]
    return workspace.with_translation("src3", MachineTranslation(
        "fake", "1", "zh", "en",
        {zh_sentences[0]: "Putin arrived in Mongolia.",
         zh_sentences[1]: "Mongolia did not arrest him."}))


def report_sentence_for(workspace: Workspace, n: int) -> str:
    """Sentence id in the English report of the claim matching original sentence `n`."""
    for sentence in workspace.source("src2").article.iter_sentences():
        if sentence.text.startswith(f"Wire claim {n} "):
            return sentence.id
    raise KeyError(n)


def columns_comparison(workspace: Workspace) -> Comparison:
    original_ids = [s.id for s in workspace.original.iter_sentences()]
    version_ids = [s.id for s in workspace.source("src1").article.iter_sentences()]
    links: list[Link] = []
    flags: list[Flag] = []
    for n, (oid, vid) in enumerate(zip(original_ids, version_ids, strict=True), start=1):
        links.append(Link(oid, "src1", vid, 0.9, _word_diff(mt_text(n), version_text(n))))
    for n in range(1, REPORT_CLAIMS + 1):
        rid = report_sentence_for(workspace, n)
        links.append(Link(f"s{n}", "src2", rid, 0.6, _word_diff(mt_text(n), report_text(n))))
    flags.append(Flag("number_mismatch", "15", "15 regions here, 12 in Example Wire.",
                      f"s{NUMBER_SENTENCE}", "src2",
                      report_sentence_for(workspace, NUMBER_SENTENCE)))
    zh_ids = [s.id for s in workspace.source("src3").article.iter_sentences()]
    links.append(Link("s5", "src3", zh_ids[0], 0.5,
                      _word_diff(mt_text(5), "Putin arrived in Mongolia.")))
    flags.append(Flag("loaded_word", "野蛮行径", "A loaded word.", "s17"))
    return Comparison(tuple(links), tuple(flags))
