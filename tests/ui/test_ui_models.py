"""The segment model's roles and tooltips, and the column text it is built from."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from ui_columns_fixtures import (
    NUMBER_SENTENCE,
    mt_text,
    report_sentence_for,
    report_text,
    version_text,
)

from parallax.core.comparison import DELETE, EQUAL, INSERT, Comparison, DiffSpan, Flag, Link
from parallax.core.workspace import ORIGINAL, TITLE, Workspace
from parallax.ui.models import SegmentRole, SegmentTableModel
from parallax.ui.views.column_text import (
    MT,
    build_columns,
    diff_ranges,
    find_all,
)


@pytest.fixture()
def model(qtbot: QtBot, workspace: Workspace, comparison: Comparison) -> SegmentTableModel:
    model = SegmentTableModel()
    model.set_data(workspace, comparison)
    return model


# ---- column text ---------------------------------------------------------------------------
def test_diff_ranges_locate_each_side() -> None:
    spans = (DiffSpan(DELETE, "Machine "), DiffSpan(INSERT, "Human "),
             DiffSpan(EQUAL, "sentence reports "), DiffSpan(DELETE, "fifteen"),
             DiffSpan(INSERT, "12"), DiffSpan(EQUAL, " regions."))
    a = "Machine sentence reports fifteen regions."
    b = "Human sentence reports 12 regions."
    assert [a[s:e] for s, e in diff_ranges(a, spans, DELETE)] == ["Machine", "fifteen"]
    assert [b[s:e] for s, e in diff_ranges(b, spans, INSERT)] == ["Human", "12"]


def test_diff_ranges_tolerate_normalised_text_and_skip_punctuation() -> None:
    spans = (DiffSpan(EQUAL, "the "), DiffSpan(DELETE, "BIG"), DiffSpan(EQUAL, " war"),
             DiffSpan(DELETE, ","), DiffSpan(DELETE, "missing words"))
    text = "The big war,"
    assert [text[s:e] for s, e in diff_ranges(text, spans, DELETE)] == ["big"]


@given(st.lists(st.tuples(st.sampled_from([DELETE, EQUAL, INSERT]),
                          st.text(min_size=1, max_size=6)), max_size=8))
def test_diff_ranges_stay_inside_the_text(pieces: list[tuple[int, str]]) -> None:
    spans = tuple(DiffSpan(op, text) for op, text in pieces)
    side_text = "".join(s.text for s in spans if s.op != INSERT)
    for start, end in diff_ranges(side_text, spans, DELETE):
        assert 0 <= start < end <= len(side_text)


def test_find_all_ignores_case_and_width() -> None:
    assert find_all("Putin met PUTIN", "putin") == [(0, 5), (10, 15)]
    assert find_all("在１５个地区", "15") == [(1, 3)]
    assert find_all("text", "  ") == []


def test_build_columns(workspace: Workspace, comparison: Comparison) -> None:
    columns = build_columns(workspace, comparison)
    assert [c.id for c in columns] == [ORIGINAL, MT, "src1", "src2", "src3"]
    assert [c.key for c in columns] == [ORIGINAL, ORIGINAL, "src1", "src2", "src3"]
    assert [c.edit_key for c in columns] == [None, ORIGINAL, None, None, "src3"]
    original = columns[0]
    assert original.sentences[0].id == TITLE and original.sentences[0].number is None
    assert [s.number for s in original.sentences[1:4]] == [1, 2, 3]
    loaded = original.sentence("s17")
    assert loaded is not None
    assert [(loaded.text[m.start:m.end], m.kind) for m in loaded.marks] == [
        ("野蛮行径", "framing")]
    assert any("Loaded word" in n for n in loaded.notes)


def test_number_flag_marks_both_sides(workspace: Workspace, comparison: Comparison) -> None:
    flag = Flag("number_mismatch", "15", "The original says “15” where Example Wire says “12”.",
                f"s{NUMBER_SENTENCE}", "src2", report_sentence_for(workspace, NUMBER_SENTENCE))
    comparison = Comparison(comparison.links, (flag,))
    columns = {c.id: c for c in build_columns(workspace, comparison)}
    report = columns["src2"].sentence(report_sentence_for(workspace, NUMBER_SENTENCE))
    assert report is not None
    numbers = [report.text[m.start:m.end] for m in report.marks if m.kind == "changed_number"]
    assert numbers == ["12"]
    original = columns[ORIGINAL].sentence(f"s{NUMBER_SENTENCE}")
    assert original is not None
    assert [original.text[m.start:m.end] for m in original.marks] == ["15"]


def test_mt_column_diffs_against_the_chosen_source(workspace: Workspace,
                                                   comparison: Comparison) -> None:
    by_version = build_columns(workspace, comparison)[1].sentence("s2")
    by_report = build_columns(workspace, comparison, diff_reference="src2")[1].sentence("s2")
    assert by_version is not None and by_report is not None
    text = mt_text(2)
    assert [text[m.start:m.end] for m in by_version.marks] == ["Machine", "clearly"]
    # The wire's wording shares little with the MT: the note says so instead of colouring.
    assert by_report.marks == ()
    assert any("Example Wire" in n for n in by_report.notes)
    assert any("differently" in n for n in by_report.notes)


def test_unmatched_without_links(workspace: Workspace) -> None:
    only = Comparison((Link("s1", "src1", "s1", 0.8),))
    columns = {c.id: c for c in build_columns(workspace, only)}
    assert not columns[ORIGINAL].sentences[1].unmatched
    assert columns[ORIGINAL].sentences[2].unmatched
    assert not columns[ORIGINAL].sentences[0].unmatched  # the headline is never a claim
    assert columns["src1"].sentences[2].unmatched
    none = {c.id: c for c in build_columns(workspace, None)}
    assert not any(s.unmatched for c in none.values() for s in c.sentences)


# ---- segment model -------------------------------------------------------------------------
def test_model_shape_and_headers(model: SegmentTableModel, workspace: Workspace) -> None:
    assert model.rowCount() == workspace.original.sentence_count
    assert model.columnCount() == 5
    assert model.headerData(0, Qt.Orientation.Horizontal) == workspace.original.outlet
    assert model.headerData(2, Qt.Orientation.Horizontal) == "Desk Draft"
    assert model.headerData(4, Qt.Orientation.Vertical) == "5"
    assert model.headerData(4, Qt.Orientation.Vertical, SegmentRole.ORIGINAL_ID) == "s5"
    assert model.headerData(3, Qt.Orientation.Horizontal, SegmentRole.COLUMN_ID) == "src2"


def test_model_roles(model: SegmentTableModel, workspace: Workspace) -> None:
    report = model.index(NUMBER_SENTENCE - 1, 3)
    rid = report_sentence_for(workspace, NUMBER_SENTENCE)
    assert report.data() == report_text(NUMBER_SENTENCE)
    assert report.data(SegmentRole.SENTENCE_ID) == rid
    assert report.data(SegmentRole.KEY) == "src2"
    assert report.data(SegmentRole.COLUMN_ID) == "src2"
    assert report.data(SegmentRole.ORIGINAL_ID) == f"s{NUMBER_SENTENCE}"
    assert report.data(SegmentRole.SCORE) == pytest.approx(0.6)
    assert [f.kind for f in report.data(SegmentRole.FLAGS)] == ["number_mismatch"]
    spans = report.data(SegmentRole.DIFF)
    assert any(s.op == INSERT and "12" in s.text for s in spans)
    assert report.data(SegmentRole.EDIT_KEY) is None
    mt = model.index(0, 1)
    assert mt.data() == mt_text(1)
    assert mt.data(SegmentRole.KEY) == ORIGINAL
    assert mt.data(SegmentRole.EDIT_KEY) == ORIGINAL
    marks = mt.data(SegmentRole.MARKS)
    assert [mt_text(1)[m.start:m.end] for m in marks] == ["Machine", "clearly"]
    assert model.index(1, 2).data() == version_text(2)
    assert model.flags(mt) & Qt.ItemFlag.ItemIsSelectable
    assert not model.flags(mt) & Qt.ItemFlag.ItemIsEditable


def test_model_tooltips_are_escaped_and_informative(model: SegmentTableModel) -> None:
    tip = model.index(NUMBER_SENTENCE - 1, 3).data(Qt.ItemDataRole.ToolTipRole)
    assert tip.startswith("<qt>")
    assert "Score 0.60" in tip
    assert "Different number" in tip
    zh = model.index(4, 4).data(Qt.ItemDataRole.ToolTipRole)
    assert "Putin arrived in Mongolia." in zh
    assert model.index(20, 4).data(Qt.ItemDataRole.ToolTipRole) is None  # empty cell


def test_model_edit_marker(workspace: Workspace, comparison: Comparison) -> None:
    model = SegmentTableModel()
    model.set_data(workspace.with_edit(ORIGINAL, "s1", "Hand <i>made</i>."), comparison)
    cell = model.index(0, 1)
    assert cell.data(SegmentRole.EDITED)
    assert cell.data() == "Hand <i>made</i>. \u270e"
    assert mt_text(1) in cell.data(Qt.ItemDataRole.ToolTipRole)
    assert "<i>" not in cell.data(Qt.ItemDataRole.ToolTipRole)


def test_rows_showing(model: SegmentTableModel, workspace: Workspace) -> None:
    assert model.rows_showing(ORIGINAL, "s3") == [2]
    assert model.rows_showing("src2", report_sentence_for(workspace, 11)) == [10]
    assert model.rows_showing("src1", "nope") == []


def test_reset_signals(qtbot: QtBot, model: SegmentTableModel, workspace: Workspace) -> None:
    with qtbot.waitSignal(model.modelReset):
        model.set_data(workspace.without_source("src3"), None)
    assert model.columnCount() == 4
    assert model.index(0, 3).data(SegmentRole.SENTENCE_ID) is None  # no comparison: no match


@pytest.mark.slow
def test_model_over_the_real_comparison(workspace: Workspace) -> None:
    compare = pytest.importorskip("parallax.core.compare")
    comparison = compare.compare_workspace(workspace)
    model = SegmentTableModel()
    model.set_data(workspace, comparison)
    assert model.rowCount() == workspace.original.sentence_count
    linked = [r for r in range(model.rowCount())
              if model.index(r, 2).data(SegmentRole.SENTENCE_ID) is not None]
    assert linked  # the version is aligned to the original
    columns = {c.id: c for c in build_columns(workspace, comparison)}
    marked = [s for s in columns[ORIGINAL].sentences if s.marks]
    assert marked  # flags found their words in the sentences
    for sentence in columns[ORIGINAL].sentences:
        for mark in sentence.marks:
            assert 0 <= mark.start < mark.end <= len(sentence.text)


def test_word_colours_left_out_when_nearly_everything_differs() -> None:
    from parallax.ui.views.column_text import word_marks

    spans = (DiffSpan(DELETE, "Completely other words here"), DiffSpan(INSERT, "Nothing alike"),
             DiffSpan(EQUAL, " today."))
    notes: list[str] = []
    assert word_marks("Completely other words here today.", spans, DELETE, notes) == []
    assert notes and "differently" in notes[0]
    few = (DiffSpan(EQUAL, "Putin went to "), DiffSpan(DELETE, "Ulaanbaatar"),
           DiffSpan(INSERT, "Mongolia"), DiffSpan(EQUAL, " on Monday with his delegation."))
    kept: list[str] = []
    marks = word_marks("Putin went to Ulaanbaatar on Monday with his delegation.", few, DELETE,
                       kept)
    assert [(m.start, m.end, m.kind) for m in marks] == [(14, 25, "deleted")] and not kept
