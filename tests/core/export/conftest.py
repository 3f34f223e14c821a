"""A comparison of the built-in sample, built by hand from its real text.

Links and flags are written out here (what the comparison engine would find for these
claims), diffs are real diff-match-patch output on the English texts, and the machine
translation of a few original sentences is a fixed English rendering.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from diff_match_patch import diff_match_patch

from parallax.core.article import Article
from parallax.core.comparison import Comparison, DiffSpan, Flag, Link
from parallax.core.samples import sample_workspace
from parallax.core.segment import make_article
from parallax.core.workspace import ORIGINAL, TITLE, MachineTranslation, Workspace

MT_TEXTS = {
    TITLE: "\u201cArrest warrant\u201d issued, US forms 50-country alliance to fight Russia, "
           "Putin leaves the country by special plane, of great significance",
    "s1": "The Russian-Ukrainian war has escalated again and the situation is increasingly tense.",
    "s5": "At this critical moment, Russian President Putin suddenly announced he will go to "
          "Mongolia.",
    "s9": "The targets covered airports, air defence positions, power and energy facilities in "
          "15 regions including Kyiv, Kharkiv and Lviv.",
    "s17": "Ukraine accused Russia's bombing of being \u201cbarbaric\u201d.",
    "s24": "It is reported that Putin's trip is to attend the 85th anniversary of the victory of "
           "the Battle of Nomonhan.",
}
STATE_MEDIA_MT = {
    "s5": "According to Ukraine, the Russian army recently launched air strikes on energy "
          "facilities in about twelve regions of Ukraine.",
    "s2": "Mongolian President Khurelsukh held a grand welcoming ceremony for President Putin in "
          "Sukhbaatar Square.",
}


def sid(article: Article, needle: str) -> str:
    return next(s.id for s in article.sentences if needle in s.text)


def word_diff(a: str, b: str) -> tuple[DiffSpan, ...]:
    dmp = diff_match_patch()
    diffs = dmp.diff_main(a, b)
    dmp.diff_cleanupSemantic(diffs)
    return tuple(DiffSpan(op, text) for op, text in diffs)


def _link(workspace: Workspace, original: str, source: str, sentence: str,
          score: float) -> Link:
    a = workspace.translation_text(ORIGINAL, original) or ""
    art = workspace.source(source).article
    b = workspace.translation_text(source, sentence) or art.sentence(sentence).text
    return Link(original, source, sentence, score, word_diff(a, b) if a else ())


def build_comparison(workspace: Workspace) -> Comparison:
    original = workspace.original
    links: list[Link] = []
    human = workspace.source("src1").article
    for sentence in original.sentences:
        if human.has_sentence(sentence.id):
            links.append(_link(workspace, sentence.id, "src1", sentence.id, 0.9))
    wire, state, brief = (workspace.source(k).article for k in ("src2", "src4", "src5"))
    pairs = [
        ("s5", "src2", sid(wire, "arrived in Mongolia"), 0.62),
        ("s24", "src2", sid(wire, "85th anniversary"), 0.71),
        ("s9", "src2", sid(wire, "15 regions"), 0.58),
        ("s9", "src4", sid(state, "十二个州"), 0.66),
        ("s17", "src2", sid(wire, "barbaric"), 0.55),
        ("s24", "src4", sid(state, "八十五周年"), 0.74),
        ("s38", "src5", sid(brief, "Hofmański"), 0.69),
    ]
    links += [_link(workspace, o, s, t, score) for o, s, t, score in pairs]
    flags = (
        Flag("headline_escalation", "美组建50国联盟打俄",
             "The headline says the coalition fights Russia; the body says it supports Ukraine.",
             original=TITLE),
        Flag("number_mismatch", "15", "The original says 15 regions; this source says about 12.",
             original="s9", source="src4", sentence=sid(state, "十二个州")),
        Flag("loaded_word", "野蛮行径", "Evaluative wording: 'barbaric acts'.",
             original="s17"),
        Flag("vague_attribution", "外界普遍认为",
             "Unattributed consensus: 'outsiders widely believe'.",
             original=sid(original, "外界普遍认为")),
        Flag("unmatched_claim", "那么,俄军此次行动的背后究竟隐藏着怎样的战略意图?",
             "No other source makes this claim.", original="s6"),
        Flag("omitted_claim", "隆重的欢迎仪式",
             "The original does not mention the welcome ceremony.",
             source="src4", sentence=sid(state, "欢迎仪式")),
    )
    return Comparison(tuple(links), flags, ("Sample comparison built for the export tests.",))


@pytest.fixture(scope="session")
def sample_ws() -> Workspace:
    workspace = sample_workspace()
    workspace = workspace.with_translation(
        ORIGINAL, MachineTranslation("argos", "argos-translate-lt 1.12.1; zh_en 1.9", "zh", "en",
                                     MT_TEXTS))
    workspace = workspace.with_translation(
        "src4", MachineTranslation("argos", "argos-translate-lt 1.12.1; zh_en 1.9", "zh", "en",
                                   STATE_MEDIA_MT))
    return workspace.with_edit(ORIGINAL, "s1", "The Russia-Ukraine war has escalated again.")


@pytest.fixture(scope="session")
def sample_cmp(sample_ws: Workspace) -> Comparison:
    return build_comparison(sample_ws)


EVIL = '<script>alert(1)</script><img src=x onerror=alert(1)><a href="javascript:alert(1)">x</a>'


@pytest.fixture(scope="session")
def evil_ws() -> Workspace:
    """Every text field carries markup that must never become live in a report."""
    original = make_article(
        title=f"标题 {EVIL}",
        paragraphs=[f"普京访问蒙古国。{EVIL}第二句。", f"\u201c{EVIL}\u201d第三句。"],
        lang="zh",
        outlet=f"媒体 {EVIL}",
        source=f"javascript:alert(1)//{EVIL}",
    )
    report = make_article(
        title=f"Report {EVIL}",
        paragraphs=[f"Putin visits Mongolia. {EVIL} Second sentence."],
        lang="en",
        outlet=f"Outlet {EVIL}",
        source="javascript:alert(document.cookie)",
    )
    ws = Workspace(original).with_source(report, "report", f"Label {EVIL}")
    ws = ws.with_translation(
        ORIGINAL, MachineTranslation(f"argos{EVIL}", f"1.0 {EVIL}", "zh", "en",
                                     {s.id: f"Putin {EVIL}" for s in original.sentences}))
    return ws


@pytest.fixture(scope="session")
def evil_cmp(evil_ws: Workspace) -> Comparison:
    src = evil_ws.sources[0].id
    links = tuple(
        Link(s.id, src, "s1", 0.8, (DiffSpan(0, "Putin "), DiffSpan(-1, EVIL), DiffSpan(1, EVIL)))
        for s in evil_ws.original.sentences
    )
    flags = (
        Flag("loaded_word", EVIL, f"detail {EVIL}", original="s1"),
        Flag("omitted_claim", EVIL, EVIL, source=src, sentence="s2"),
        Flag("unmatched_claim", EVIL, EVIL, original='"><script>alert(1)</script>'),
    )
    return Comparison(links, flags, (f"note {EVIL}",))


@pytest.fixture()
def out_dir(tmp_path: Path) -> Path:
    return tmp_path


Screenshot = Callable[[Path, Path], Path]


@pytest.fixture()
def screenshot(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Screenshot:
    """Render a local HTML file in headless Chromium to a PNG kept under the pytest tmp dir."""
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        pytest.skip("chromium is not installed (apt-get install chromium; make system-deps)")

    def shoot(page: Path, png: Path) -> Path:
        profile = tmp_path / "chromium-profile"
        env = {**os.environ, "HOME": str(tmp_path)}
        result = subprocess.run(
            [browser, "--headless", "--no-sandbox", "--disable-gpu",
             "--disable-background-networking", "--disable-component-update",
             "--disable-sync", "--no-first-run", f"--user-data-dir={profile}",
             f"--screenshot={png}", "--window-size=1400,1000", page.resolve().as_uri()],
            capture_output=True, text=True, timeout=120, env=env, check=False,
        )
        with capsys.disabled():
            print(f"\nHTML report screenshot kept at {png}")
        assert png.exists(), f"no screenshot; chromium said: {result.stderr[-2000:]}"
        return png

    return shoot


def assert_rich_screenshot(png: Path) -> None:
    """A page with text, tints and rules, not a blank or single-colour window."""
    from PIL import Image

    assert png.stat().st_size > 20_000  # a blank 1400x1000 page is a few kB
    with Image.open(png) as image:
        assert image.size == (1400, 1000)
        colours = image.convert("RGB").getcolors(maxcolors=1_000_000)
    assert colours is not None and len(colours) > 50


@pytest.fixture()
def rich_screenshot() -> Callable[[Path], None]:
    return assert_rich_screenshot
