"""Every format through `export_workspace`: atomic writes, clear errors, odd and huge input."""

from __future__ import annotations

import errno
import json
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from parallax.core.article import Article, Paragraph, Sentence
from parallax.core.compare_json import COMPARE_JSON_VERSION, comparison_to_json
from parallax.core.comparison import Comparison, DiffSpan, Flag, Link
from parallax.core.errors import Cancelled, ExportError
from parallax.core.export import (
    FORMATS,
    ExportOptions,
    export_workspace,
    format_for_path,
    render_export,
)
from parallax.core.export.fonts import find_font
from parallax.core.progress import CancelToken
from parallax.core.segment import make_article
from parallax.core.workspace import Workspace

TEXT_FORMATS = tuple(f for f in FORMATS if f != "pdf")  # PDF needs a CJK font; tested apart
ALL_FORMATS = FORMATS if find_font() is not None else TEXT_FORMATS


@pytest.mark.parametrize("fmt", ALL_FORMATS)
def test_every_format_writes_a_file(
    fmt: str, sample_ws: Workspace, sample_cmp: Comparison, tmp_path: Path
) -> None:
    seen: list[tuple[int, int]] = []
    path = export_workspace(sample_ws, sample_cmp, fmt, tmp_path / f"out.{fmt}",
                            on_progress=lambda done, total: seen.append((done, total)))
    assert path.stat().st_size > 1000
    assert seen and seen[-1][0] == seen[-1][1]
    assert [p.name for p in tmp_path.iterdir()] == [f"out.{fmt}"]  # no temp file left


def test_json_is_the_compare_contract(sample_ws: Workspace, sample_cmp: Comparison) -> None:
    data = json.loads(render_export(sample_ws, sample_cmp, "json"))
    assert data == json.loads(json.dumps(comparison_to_json(sample_ws, sample_cmp),
                                         ensure_ascii=False))
    assert data["version"] == COMPARE_JSON_VERSION
    assert len(data["alignments"]) == len(sample_cmp.links)
    assert {f["kind"] for f in data["flags"]} == {f.kind for f in sample_cmp.flags}
    headline, first = data["original"]["sentences"][:2]
    assert (headline["id"], headline["headline"]) == ("title", True)
    assert first == {
        "id": "s1", "text": "俄乌战争再度升级,局势日益紧张。",
        "translation": "The Russia-Ukraine war has escalated again.", "note": None,
        "headline": False}
    assert [s["id"] for s in data["sources"]] == [s.id for s in sample_ws.sources]


def test_unknown_format_and_suffixes() -> None:
    with pytest.raises(ExportError, match="Unknown export format 'docx'"):
        render_export(Workspace(make_article("t", ["句子。"], "zh")), Comparison(), "docx")
    assert format_for_path("a/report.HTM") == "html"
    assert format_for_path("pairs.xlsx") == "xlsx"
    assert format_for_path("notes.txt") is None


def test_full_disk_keeps_the_previous_file(
    sample_ws: Workspace, sample_cmp: Comparison, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    target = tmp_path / "report.html"
    target.write_text("previous report", encoding="utf-8")

    def no_space(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", no_space)
    with pytest.raises(ExportError, match="No space left on device") as info:
        export_workspace(sample_ws, sample_cmp, "html", target)
    assert "previous file is unchanged" in str(info.value)
    assert target.read_text(encoding="utf-8") == "previous report"
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]


def test_unwritable_destinations(sample_ws: Workspace, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(ExportError, match=r"Could not save out\.csv"):
        export_workspace(sample_ws, Comparison(), "csv", blocker / "out.csv")
    with pytest.raises(ExportError, match="is a folder"):
        export_workspace(sample_ws, Comparison(), "csv", tmp_path)


def test_cancel_leaves_nothing_behind(
    sample_ws: Workspace, sample_cmp: Comparison, tmp_path: Path
) -> None:
    token = CancelToken()
    token.cancel()
    target = tmp_path / "r.html"
    target.write_bytes(b"old")
    with pytest.raises(Cancelled):
        export_workspace(sample_ws, sample_cmp, "html", target, cancel=token)
    assert target.read_bytes() == b"old"


def _odd_workspace() -> tuple[Workspace, Comparison]:
    """Empty body, ids nothing holds, flags on unknown sources, an unlabelled source."""
    empty = Article(title="", body="", paragraphs=(), lang="und")
    other = Article(title="", body="x", lang="",
                    paragraphs=(Paragraph(0, 0, 1, (Sentence("s1", "x", 0, 1),)),))
    ws = Workspace(empty).with_source(other, "report")
    cmp = Comparison(
        (Link("s1", "src1", "s1", 1.5, (DiffSpan(7, "?"),)), Link("title", "ghost", "s9", -1.0)),
        (Flag("hedge", "", "", original="s404", source="ghost", sentence="s1"),
         Flag("hedge", "", "")),
    )
    return ws, cmp


@pytest.mark.parametrize("fmt", ALL_FORMATS)
def test_odd_workspaces_export_or_fail_cleanly(fmt: str, tmp_path: Path) -> None:
    ws, cmp = _odd_workspace()
    try:
        path = export_workspace(ws, cmp, fmt, tmp_path / f"odd.{fmt}",
                                ExportOptions(include_reports=True))
    except ExportError as exc:
        assert str(exc) and "\n" not in str(exc)
    else:
        assert path.exists()


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(title=st.text(max_size=40), sentences=st.lists(st.text(min_size=1, max_size=60),
                                                      min_size=1, max_size=4),
       fmt=st.sampled_from(TEXT_FORMATS))
def test_any_text_exports(
    title: str, sentences: list[str], fmt: str
) -> None:
    original = make_article(title, ["".join(s + "。" for s in sentences)], "zh", outlet=title)
    report = make_article(title or "t", [" ".join(sentences) + "."], "en")
    ws = Workspace(original).with_source(report, "translation", title)
    links = tuple(Link(s.id, "src1", "s1", 0.5, (DiffSpan(-1, s.text), DiffSpan(1, title)))
                  for s in original.sentences)
    cmp = Comparison(links, (Flag("loaded_word", title, title, original="s1"),))
    # text formats have no input they must refuse: any ExportError here is a wrapped bug
    data = render_export(ws, cmp, fmt, ExportOptions(include_reports=True))
    assert data


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ALL_FORMATS)
def test_huge_workspace(fmt: str, tmp_path: Path) -> None:
    paragraphs = [f"第{i}段普京访问蒙古国,出席第85周年纪念活动。" * 20 for i in range(150)]
    original = make_article("很长的文章", paragraphs, "zh")
    report = make_article("Long report", ["Putin visits Mongolia. " * 20] * 150, "en")
    ws = Workspace(original).with_source(report, "report", "Long")
    links = tuple(Link(s.id, "src1", f"s{n % report.sentence_count + 1}", 0.4)
                  for n, s in enumerate(original.sentences))
    cmp = Comparison(links, tuple(Flag("hedge", "无疑", "Booster.", original=s.id)
                                  for s in original.sentences[::7]))
    assert original.sentence_count == 3000
    path = export_workspace(ws, cmp, fmt, tmp_path / f"huge.{fmt}",
                            ExportOptions(include_reports=True))
    assert path.stat().st_size > 100_000
