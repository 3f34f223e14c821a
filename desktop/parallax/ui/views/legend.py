"""The diff colour legend, drawn with the same character formats the views use.

`span_format` is the one place a diff mark becomes a `QTextCharFormat` on the side panels; its
rules match the reading pane's (deleted: struck through, inserted: underlined, changed number:
bold, changed name: dotted underline, loaded word: wavy underline, no counterpart: ∅ beside the
number), so the legend shows exactly what the text shows, with the selection, find matches and
the [n] sentence numbers too.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, Qt
from PySide6.QtGui import QColor, QPalette, QResizeEvent, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QFrame, QSizePolicy, QTextEdit, QWidget

from parallax.core.comparison import DELETE, INSERT
from parallax.ui.palette import DiffColours, diff_colours, mark_format

# Mark kinds in legend order, with the user's words for them.
LEGEND_KINDS: tuple[tuple[str, str], ...] = (
    ("deleted", str(QT_TRANSLATE_NOOP("DiffLegend", "only in the original"))),
    ("inserted", str(QT_TRANSLATE_NOOP("DiffLegend", "only in the other source"))),
    ("changed_number", str(QT_TRANSLATE_NOOP("DiffLegend", "different number"))),
    ("changed_name", str(QT_TRANSLATE_NOOP("DiffLegend", "different name"))),
    ("framing", str(QT_TRANSLATE_NOOP("DiffLegend", "loaded word, vague attribution"))),
    ("unmatched", str(QT_TRANSLATE_NOOP("DiffLegend", "no counterpart"))),
    ("selection", str(QT_TRANSLATE_NOOP("DiffLegend", "linked sentence (outlined)"))),
    ("find", str(QT_TRANSLATE_NOOP("DiffLegend", "find match"))),
    ("number", str(QT_TRANSLATE_NOOP("DiffLegend", "sentence number"))),
)
UNMATCHED_SAMPLE = "[3 \u2205]"  # ∅ beside a sentence's number: no counterpart anywhere
NUMBER_SAMPLE = "[12]"


def span_format(kind: str, colours: DiffColours) -> QTextCharFormat:
    """The legend draws its samples with the views' own formats."""
    return mark_format(kind, colours)


def op_kind(op: int) -> str | None:
    """The mark kind of a diff-match-patch op (EQUAL has none)."""
    return {DELETE: "deleted", INSERT: "inserted"}.get(op)


def _is_dark(widget: QWidget) -> bool:
    return widget.palette().color(QPalette.ColorRole.Base).lightness() < 128


class DiffLegend(QTextEdit):
    """One line of samples: each mark drawn on a word in its own format, then its meaning."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setLineWrapMode(QTextEdit.LineWrapMode.WidgetWidth)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Maximum)
        self.viewport().setAutoFillBackground(False)
        self.setAccessibleName(self.tr("Colour legend"))
        self._dark: bool | None = None
        self._samples: dict[str, int] = {}  # kind -> document position of its sample
        self.refresh()

    def entries(self) -> list[tuple[str, str]]:
        """(kind, translated label) in display order."""
        return [(kind, QCoreApplication.translate("DiffLegend", label))
                for kind, label in LEGEND_KINDS]

    def refresh(self, dark: bool | None = None) -> None:
        """Redraw for the current (or given) theme."""
        self._dark = _is_dark(self) if dark is None else dark
        colours = diff_colours(self._dark)
        self.clear()
        cursor = QTextCursor(self.document())
        plain = QTextCharFormat()
        grey = QTextCharFormat()
        grey.setForeground(QColor(128, 128, 128))
        sample = self.tr("text")
        self._samples = {}
        for n, (kind, label) in enumerate(self.entries()):
            if n:
                cursor.insertText("   ", plain)
            if kind == "number":
                self._samples[kind] = cursor.position()
                cursor.insertText(NUMBER_SAMPLE, grey)
            else:
                if kind == "unmatched":
                    cursor.insertText(UNMATCHED_SAMPLE + "\u2009", grey)
                self._samples[kind] = cursor.position()
                cursor.insertText(sample, span_format(kind, colours))
            cursor.insertText(f" {label}", plain)
        self.document().adjustSize()
        self._fit_height()

    def set_dark(self, dark: bool) -> None:
        self.refresh(dark)

    def sample_format(self, kind: str) -> QTextCharFormat:
        """The format the legend drew `kind`'s sample in (read back from the document)."""
        cursor = QTextCursor(self.document())
        cursor.setPosition(self._samples[kind] + 1)  # the format of the character before
        return cursor.charFormat()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and self._dark != _is_dark(self):
            self.refresh()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._fit_height()

    def _fit_height(self) -> None:
        self.document().setTextWidth(self.viewport().width())
        height = int(self.document().size().height()) + 4
        self.setFixedHeight(max(height, self.fontMetrics().height() + 6))


