"""The workbench on laptop screens: the sample and seven sources fit 1280×720 and 1366×768,
column titles stay legible, side panels scroll instead of growing the window."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor, QTextCharFormat, QTextOption
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from parallax.core.samples import sample_workspace
from parallax.core.segment import make_article
from parallax.core.workspace import ORIGINAL, Workspace
from parallax.ui.palette import diff_colours
from parallax.ui.theme import apply_theme
from parallax.ui.views.legend import DiffLegend

SCREENS = ((1280, 720), (1366, 768))


def seven_sources() -> Workspace:
    """The built-in sample (five sources) and two more reports, written for this test."""
    workspace = sample_workspace()
    extra = (
        ("Northern Evening Courier", "Courier: strikes hit fifteen regions",
         ["Russian strikes hit energy sites in fifteen regions of Ukraine, officials said.",
          "Putin flew to Mongolia on Tuesday despite the court's warrant."]),
        ("Harbour City Daily Telegraph", "Putin in Ulaanbaatar",
         ["Mongolia did not arrest the Russian president during his visit.",
          "About fifty countries back Ukraine, according to the report."]),
    )
    for outlet, title, paragraphs in extra:
        workspace = workspace.with_source(make_article(title, paragraphs, "en", outlet=outlet),
                                          "report")
    assert len(workspace.sources) == 7
    return workspace


def _settle(window: Any, size: tuple[int, int]) -> None:
    window.resize(*size)
    for _ in range(5):
        QApplication.processEvents()


@pytest.mark.parametrize("size", SCREENS, ids=lambda s: f"{s[0]}x{s[1]}")
def test_sample_and_seven_sources_fit_the_screen(make_window: Any, qtbot: QtBot,
                                                  size: tuple[int, int]) -> None:
    window = make_window(seven_sources())
    _settle(window, size)
    first = window.document.workspace.original.sentences[3].id
    window.document.select(ORIGINAL, first)  # the Selected pair panel fills up
    _settle(window, size)
    try:
        for mode, theme in (("reading", "light"), ("segments", "dark"), ("reading", "dark"),
                            ("segments", "light"), ("reading", "light")):
            apply_theme(theme)  # type: ignore[arg-type]  # a str from the table above
            window.set_mode(mode)
            qtbot.waitUntil(window.is_settled, timeout=20000)
            _settle(window, size)
            assert window.size() == QSize(*size), (mode, theme)
            hint = window.minimumSizeHint()
            assert hint.width() <= size[0] and hint.height() <= size[1], (mode, theme, hint)
            if mode == "segments":  # the grid's column titles hold their first 8 characters
                grid = window.segment_grid
                header = grid.horizontalHeader()
                model = grid.model()
                for section in range(model.columnCount()):
                    title = str(model.headerData(section, Qt.Orientation.Horizontal))
                    room = header.sectionSize(section) - 12
                    assert header.fontMetrics().horizontalAdvance(title[:8]) <= room, title
    finally:
        apply_theme("light")

    # Reading mode: nine columns of a readable width, scrolled sideways.
    view = window.columns_view
    assert len(view.visible_panes()) == 9
    assert view.scroll_area.horizontalScrollBar().maximum() > 0
    for column_id, header in view._headers.items():
        full = header.label.full_text()
        shown = header.label.text()
        assert header.label.width() > 0, column_id
        assert shown.startswith(full[:8]), (column_id, shown, full)
        assert header.label.fontMetrics().horizontalAdvance(shown) <= header.label.width()
    # Narrow columns wrap between words, never inside one.
    assert all(p.wordWrapMode() == QTextOption.WrapMode.WordWrap for p in view.visible_panes())
    # Outlet names first: the two added reports are told apart by their titles' start.
    starts = {h.label.text()[:8] for h in view._headers.values()}
    assert len(starts) == 9

    # Coverage headers hold at least the first 8 characters of every source name (written
    # upwards when they do not fit across a cell).
    cmap = window.coverage_map
    room = (cmap._header_height() - 10) if cmap._upright_headers() else cmap._column_width() - 4
    for name in cmap._names():
        assert cmap.fontMetrics().horizontalAdvance(name[:8]) <= room, name
    # Side panels can be narrowed well below their default widths …
    for dock in (window.coverage_dock, window.flags_dock, window.detail_dock):
        assert dock.minimumSizeHint().width() <= 260, (dock.objectName(),
                                                       dock.minimumSizeHint())
    # … and scroll rather than push the window.
    assert window.detail_scroll.widget() is window.diff_detail
    assert window.coverage_scroll.widget() is window.coverage_map


def test_column_header_is_one_tab_stop_with_a_menu(make_window: Any) -> None:
    window = make_window(seven_sources())
    header = window.columns_view._headers["mt"]
    focusable = [w for w in header.findChildren(QWidget)
                 if w.focusPolicy().value & Qt.FocusPolicy.TabFocus.value]
    assert focusable == [header.menu_button]
    menu = window.columns_view.header_menu("mt")
    texts = [a.text() for a in menu.actions()]
    assert header.left in menu.actions() and header.right in menu.actions()
    assert header.hide_button in menu.actions()
    assert any("Hide" in t for t in texts)


def test_coverage_map_scrolls_every_row_into_reach(make_window: Any) -> None:
    long_report = make_article("Long", [" ".join(
        f"Sentence {n} of a long article about the strikes." for n in range(k, k + 10))
        for k in range(0, 300, 10)], "en", outlet="Long Outlet")
    workspace = sample_workspace(with_sources=False)
    workspace = Workspace(long_report).with_source(workspace.original, "report")
    window = make_window(workspace)
    _settle(window, (1280, 720))
    cmap = window.coverage_map
    assert len(cmap.rows()) >= 300
    last = cmap.cell_rect(len(cmap.rows()) - 1, 0)
    assert cmap.rect().contains(last)  # drawn inside the map …
    bar = window.coverage_scroll.verticalScrollBar()
    assert bar.maximum() > 0  # … which scrolls, so the last row is reachable
    window.coverage_scroll.ensureVisible(last.center().x(), last.center().y())
    assert bar.value() > 0
    assert window.size() == QSize(1280, 720)


def test_differences_list_rows_and_columns_at_1440x900(make_window: Any) -> None:
    window = make_window()
    _settle(window, (1440, 900))
    first = window.document.workspace.original.sentences[3].id
    window.document.select(ORIGINAL, first)
    _settle(window, (1440, 900))
    view = window.flags_navigator.view
    row = view.sizeHintForRow(0)
    assert row > 0 and view.viewport().height() // row > 2
    header = view.header()
    total = sum(header.sectionSize(i) for i in range(header.count()))
    assert total <= view.viewport().width() + 1
    assert not view.horizontalScrollBar().isVisible()
    for section in (2, 3):  # Words and Detail
        assert header.sectionViewportPosition(section) < view.viewport().width()
        assert header.sectionSize(section) >= 24


def test_a_no_counterpart_cell_shows_that_sources_empty_pair(make_window: Any,
                                                            qtbot: QtBot) -> None:
    window = make_window()
    cmap = window.coverage_map
    # A hatched cell on a row that another source does cover.
    cell = next((r, c) for r in range(len(cmap.rows())) for c in range(len(cmap.columns()))
                if cmap.link(r, c) is None
                and any(cmap.link(r, o) is not None for o in range(len(cmap.columns()))))
    row, column = cell
    original_id, source_id = cmap.rows()[row], cmap.columns()[column]
    window.coverage_scroll.ensureVisible(cmap.cell_rect(row, column).center().x(),
                                         cmap.cell_rect(row, column).center().y())
    qtbot.mouseClick(cmap, Qt.MouseButton.LeftButton, pos=cmap.cell_rect(row, column).center())
    detail = window.diff_detail
    assert detail.current_pair() == (original_id, source_id)
    name = window.document.workspace.source(source_id).display_name
    assert "no counterpart" in detail.title_label.text() and name in detail.title_label.text()
    assert not detail.counterpart_box.isVisibleTo(detail)
    # It stays that pair when the pane redraws (theme change).
    detail.set_dark(True)
    assert detail.current_pair() == (original_id, source_id)
    legend = window.coverage_legend
    assert {"weak", "strong", "none"} <= set(legend.labels)
    assert all(not label.pixmap().isNull() for label in legend.swatches.values())


def _over(top: QColor, bottom: QColor, base: QColor) -> QColor:
    """`bottom` then `top` painted over an opaque `base` (source-over)."""
    out = QColor(base)
    for layer in (bottom, top):
        a = layer.alphaF()
        out = QColor.fromRgbF(layer.redF() * a + out.redF() * (1 - a),
                              layer.greenF() * a + out.greenF() * (1 - a),
                              layer.blueF() * a + out.blueF() * (1 - a))
    return out


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_selection_find_and_diff_layers_do_not_erase_each_other(dark: bool) -> None:
    colours = diff_colours(dark)
    base = QColor("#202020" if dark else "#ffffff")
    marks = (colours.deleted, colours.inserted, colours.changed_number, colours.changed_name,
             colours.unmatched)
    for mark in marks:
        alone = _over(QColor(0, 0, 0, 0), mark, base)
        selected = _over(colours.selection, mark, base)
        # The selection tint is neutral and light: a mark keeps its hue under it.
        assert abs(alone.hslHue() - selected.hslHue()) <= 6 or alone.hslSaturation() < 20
        # Find matches use a hue no diff mark uses, and stand out from each mark on screen.
        find_hue, mark_hue = QColor(colours.find).hslHue(), QColor(mark).hslHue()
        assert min(abs(find_hue - mark_hue), 360 - abs(find_hue - mark_hue)) >= 10
        found = _over(QColor(0, 0, 0, 0), colours.find, base)
        distance = ((found.red() - alone.red()) ** 2 + (found.green() - alone.green()) ** 2
                    + (found.blue() - alone.blue()) ** 2) ** 0.5
        assert distance >= 60, (mark.name(), distance)
    assert colours.selection.hslSaturation() == 0 and colours.selection.alpha() <= 40


def test_selected_sentence_is_outlined_and_keeps_its_marks(make_window: Any) -> None:
    window = make_window()
    view = window.columns_view
    pane = next(p for p in view.visible_panes()
                if p.column is not None and any(s.marks for s in p.column.sentences))
    assert pane.column is not None
    sentence = next(s for s in pane.column.sentences if s.marks)
    window.document.select(pane.key, sentence.id)
    QApplication.processEvents()
    assert sentence.id in pane.highlighted()
    start, end = pane.sentence_range(sentence.id) or (0, 0)
    assert pane.line_rects(start, end)  # the outline's lines
    selection = [b.color() for s, e, b in pane.extra_ranges() if (s, e) == (start, end)]
    assert selection == [diff_colours(False).selection]
    assert not pane.grab().isNull()  # paints the outline without warnings


def test_legend_explains_every_mark() -> None:
    legend = DiffLegend()
    text = legend.toPlainText()
    for piece in ("\u2205", "[12]", "loaded word", "find match", "linked sentence",
                  "no counterpart", "different number", "different name"):
        assert piece in text, piece
    wavy = legend.sample_format("framing")
    assert wavy.underlineStyle() == QTextCharFormat.UnderlineStyle.WaveUnderline
    assert legend.sample_format("find").background().color() == diff_colours(False).find
    legend.deleteLater()


# Machado, Oliveira & Fernandes (2009), severity 1.0, on linear RGB.
CVD = {
    "deuteranopia": ((0.367322, 0.860646, -0.227968), (0.280085, 0.672501, 0.047413),
                     (-0.011820, 0.042940, 0.968881)),
    "protanopia": ((0.152286, 1.052583, -0.204868), (0.114503, 0.786281, 0.099216),
                   (-0.003882, -0.048116, 1.051998)),
}


def _simulate(colour: QColor, matrix: tuple[tuple[float, ...], ...]) -> tuple[float, ...]:
    def linear(v: float) -> float:
        return ((v + 0.055) / 1.055) ** 2.4 if v > 0.04045 else v / 12.92

    def encoded(v: float) -> float:
        v = max(0.0, min(1.0, v))
        return 255 * (1.055 * v ** (1 / 2.4) - 0.055 if v > 0.0031308 else 12.92 * v)

    rgb = [linear(x) for x in (colour.redF(), colour.greenF(), colour.blueF())]
    return tuple(encoded(sum(row[j] * rgb[j] for j in range(3))) for row in matrix)


@pytest.mark.parametrize("vision", sorted(CVD))
@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_highlight_layers_stay_apart_under_colour_blindness(vision: str, dark: bool) -> None:
    colours = diff_colours(dark)
    base = QColor("#202020" if dark else "#ffffff")
    clear = QColor(0, 0, 0, 0)
    shown = {kind: _simulate(_over(clear, getattr(colours, kind), base), CVD[vision])
             for kind in ("deleted", "inserted", "changed_number", "changed_name", "unmatched",
                          "selection", "find")}

    def apart(a: str, b: str) -> float:
        return float(sum((x - y) ** 2 for x, y in zip(shown[a], shown[b], strict=True)) ** 0.5)

    # "No counterpart" and the linked sentence looked alike (orange and yellow) before.
    assert apart("selection", "unmatched") >= 40
    for kind in shown:
        if kind != "find":
            assert apart("find", kind) >= 40, (kind, apart("find", kind))


def test_find_scrolls_an_off_screen_column_into_view(make_window: Any) -> None:
    window = make_window(seven_sources())
    _settle(window, (1280, 720))
    view = window.columns_view
    target = next(s.id for s in window.document.workspace.sources
                  if s.article.outlet == "Northern Evening Courier")
    area = view.scroll_area
    frame = view.pane(target).parentWidget()
    assert frame is not None

    def in_view() -> bool:
        left = frame.mapTo(area.viewport(), frame.rect().topLeft()).x()
        return bool(left >= 0 and left + frame.width() <= area.viewport().width())

    area.horizontalScrollBar().setValue(0)
    assert not in_view()  # the last columns start off-screen at 1280 px
    assert view.find("fifteen regions") >= 1
    assert view.find_next()
    assert view.current_find() is not None and view.current_find()[0] == target
    assert in_view()


def test_a_difference_on_an_off_screen_source_scrolls_its_column_into_view(
        make_window: Any) -> None:
    window = make_window(seven_sources())
    _settle(window, (1280, 720))
    view = window.columns_view
    order = [c.id for c in view.columns() if c.visible]
    flags = window.flags_navigator.visible_flags()
    flag = next(f for f in flags if f.source == order[-1] or f.source == order[-2])
    area = view.scroll_area
    area.horizontalScrollBar().setValue(0)
    frame = view.pane(str(flag.source)).parentWidget()
    assert frame is not None
    window._on_flag(flag)
    left = frame.mapTo(area.viewport(), frame.rect().topLeft()).x()
    assert left >= 0 and left + frame.width() <= area.viewport().width()
