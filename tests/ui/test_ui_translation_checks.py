"""The mark on translated sentences that failed a check, and the tooltip saying which."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from parallax.core.translate.checks import check_sentence
from parallax.core.translate.glossary import Glossary, GlossaryTerm
from parallax.core.workspace import ORIGINAL, MachineTranslation, Workspace
from parallax.ui.views.column_text import CHECK_MARKER, build_columns
from parallax.ui.views.reading_pane import ReadingPane

GLOSSARY = Glossary((GlossaryTerm("乌克兰", ("Ukraine", "Ukrainian")),))


def _checked_workspace(workspace: Workspace) -> tuple[Workspace, list[str]]:
    """The sample with a machine translation of four sentences whose checks are computed by
    core's checker: Chinese left in one, the glossary term missed in one, one far too short,
    one clean (ids in that order)."""
    sentences = list(workspace.original.iter_sentences())
    without = [s for s in sentences if "乌克兰" not in s.text and len(s.text) >= 10]
    with_term = next(s for s in sentences if "乌克兰" in s.text)
    chosen = [without[0], with_term, without[1], without[2]]

    def plausible(text: str) -> str:  # about three letters per hanzi: no length flag
        return ("word " * len(text))[: 3 * len(text)].strip()

    outputs = [
        "words and 俄罗斯 left untranslated " + plausible(chosen[0].text),
        plausible(with_term.text),
        "Yes.",
        plausible(chosen[3].text),
    ]
    texts: dict[str, str] = {}
    checks: dict[str, tuple[dict[str, str], ...]] = {}
    for sentence, output in zip(chosen, outputs, strict=True):
        texts[sentence.id] = output
        found = check_sentence(sentence.text, output, "zh", "en", GLOSSARY)
        if found:
            checks[sentence.id] = tuple(c.to_dict() for c in found)
    machine = MachineTranslation("openai", "test", "zh", "en", texts, checks=checks,
                                 server="http://127.0.0.1:1/v1", model="tiny")
    return workspace.with_translation(ORIGINAL, machine), [s.id for s in chosen]


def test_checked_sentences_carry_the_mark_and_say_which(sample_ws: Workspace) -> None:
    workspace, ids = _checked_workspace(sample_ws)
    machine = workspace.translations[ORIGINAL]
    assert [[c["kind"] for c in machine.checks.get(sid, ())] for sid in ids] == [
        ["chinese_left"], ["glossary_miss"], ["length_ratio"], []]
    mt = next(c for c in build_columns(workspace, None) if c.id == "mt")
    for sid in ids:
        sentence = mt.sentence(sid)
        assert sentence is not None
        kinds = [c["kind"] for c in machine.checks.get(sid, ())]
        assert bool(sentence.checks) == bool(kinds)
        assert len(sentence.checks) == len(kinds)
        if "chinese_left" in kinds:
            assert any("Chinese left in the output: 俄罗斯" in line for line in sentence.checks)
        if "length_ratio" in kinds:
            assert any("suspicious length: " in line for line in sentence.checks)
        if "glossary_miss" in kinds:
            assert any("glossary term missing: 乌克兰 = Ukraine" in line
                       for line in sentence.checks)
        assert all(line.startswith(CHECK_MARKER) for line in sentence.checks)
        assert set(sentence.checks) <= set(sentence.notes)
    original = next(c for c in build_columns(workspace, None) if c.id == "original")
    assert not any(s.checks for s in original.sentences)


def test_a_hand_edit_drops_the_mark(sample_ws: Workspace) -> None:
    workspace, ids = _checked_workspace(sample_ws)
    edited = workspace.with_edit(ORIGINAL, ids[0], "A careful human translation.")
    mt = next(c for c in build_columns(edited, None) if c.id == "mt")
    sentence = mt.sentence(ids[0])
    assert sentence is not None and sentence.edited and not sentence.checks


def test_reading_pane_shows_the_mark_and_a_plain_text_tooltip(
        qtbot: QtBot, sample_ws: Workspace) -> None:
    workspace, ids = _checked_workspace(sample_ws)
    mt = next(c for c in build_columns(workspace, None) if c.id == "mt")
    pane = ReadingPane()
    qtbot.addWidget(pane)
    pane.set_column(mt)
    text = pane.toPlainText()
    flagged = [sid for sid in ids if workspace.translations[ORIGINAL].checks.get(sid)]
    clean = [sid for sid in ids if sid not in flagged]
    for sid in flagged:
        number = mt.sentence(sid).number  # type: ignore[union-attr]
        assert f"[{number} {CHECK_MARKER}]" in text
    for sid in clean:
        number = mt.sentence(sid).number  # type: ignore[union-attr]
        assert f"[{number}]" in text
    assert "Chinese left in the output" in pane.tooltip_for(ids[0])


def test_stored_check_details_are_shown_as_text(qtbot: QtBot, sample_ws: Workspace) -> None:
    # A workspace is a file from anywhere: what its checks say is never markup.
    workspace, ids = _checked_workspace(sample_ws)
    machine = workspace.translations[ORIGINAL]
    hostile = {"kind": "glossary_miss", "detail": "<img src=file:///etc/passwd> = <b>x</b>"}
    planted = workspace.with_translation(ORIGINAL, MachineTranslation(
        machine.engine, machine.engine_version, "zh", "en", machine.texts,
        checks={**machine.checks, ids[3]: (hostile,)}))
    mt = next(c for c in build_columns(planted, None) if c.id == "mt")
    pane = ReadingPane()
    qtbot.addWidget(pane)
    pane.set_column(mt)
    tip = pane.tooltip_for(ids[3])
    assert "<img" not in tip and "<b>" not in tip
    assert "&lt;img src=file:///etc/passwd&gt; = &lt;b&gt;x&lt;/b&gt;" in tip


def test_segment_grid_marks_checked_translations_with_a_text_tooltip(
        qtbot: QtBot, sample_ws: Workspace) -> None:
    from parallax.ui.models import SegmentRole
    from parallax.ui.views.segment_grid import SegmentGrid

    workspace, ids = _checked_workspace(sample_ws)
    machine = workspace.translations[ORIGINAL]
    hostile = {"kind": "glossary_miss", "detail": "<b>x</b> = <i>y</i>"}
    workspace = workspace.with_translation(ORIGINAL, MachineTranslation(
        machine.engine, machine.engine_version, "zh", "en", machine.texts,
        checks={**machine.checks, ids[1]: (hostile,)}))
    grid = SegmentGrid()
    qtbot.addWidget(grid)
    grid.set_data(workspace, None)
    model = grid.segment_model
    mt, original = model.column_of("mt"), model.column_of("original")
    for sid in ids:
        index = model.index(model.row_of(sid), mt)
        painted = grid.delegate.document(index, grid.font(), 300.0).toPlainText()
        flagged = bool(workspace.translations[ORIGINAL].checks.get(sid))
        assert painted.startswith(f"{CHECK_MARKER} ") == flagged, sid
        assert painted.endswith(machine.texts[sid])  # the mark comes before, text untouched
        tip = str(index.data(Qt.ItemDataRole.ToolTipRole) or "")
        assert ("Check:" in tip) == flagged
        same = model.index(model.row_of(sid), original)
        assert not grid.delegate.document(same, grid.font(), 300.0).toPlainText().startswith(
            CHECK_MARKER)
        assert bool(index.data(SegmentRole.CHECKS)) == flagged
    tip = str(model.index(model.row_of(ids[1]), mt).data(Qt.ItemDataRole.ToolTipRole))
    # The detail is shown as text: its markup escaped, never rendered.
    assert "&lt;b&gt;x&lt;/b&gt;" in tip and "<b>" not in tip
    assert "Chinese left in the output: 俄罗斯" in str(
        model.index(model.row_of(ids[0]), mt).data(Qt.ItemDataRole.ToolTipRole))
