"""One read-only column of flowing text: an article, its translation or a parallel report.

The document is filled with PLAIN text through `QTextCursor` and `QTextCharFormat` (article text
is never interpreted as HTML). Every sentence's character range is remembered so clicks, hovers,
highlights and scroll synchronisation work on sentence ids. Highlights (selection, hover, find
matches) are extra selections painted over the text; the diff colours live in the document. The
selection is a light neutral tint with an outline drawn around its lines, so the diff marks
under it keep their colours.
"""

from __future__ import annotations

import bisect
import html
import logging
from collections.abc import Generator, Iterable

import shiboken6
from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QBrush,
    QColor,
    QContextMenuEvent,
    QFont,
    QGuiApplication,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
)
from PySide6.QtWidgets import QMenu, QTextEdit, QToolTip, QWidget

from parallax.core.language import base_language, is_chinese
from parallax.core.workspace import TITLE
from parallax.ui.palette import DiffColours, diff_colours, mark_format
from parallax.ui.views.column_text import (
    CHECK_MARKER,
    EDIT_MARKER,
    UNMATCHED_MARKER,
    ColumnSentence,
    ColumnText,
    Mark,
)

log = logging.getLogger(__name__)
SENTENCE_ID_PROPERTY = QTextFormat.Property.UserProperty + 1  # sentence id on its characters
FIND_COLOUR_LIGHT = diff_colours(False).find
FIND_COLOUR_DARK = diff_colours(True).find
STEP_SENTENCES = 12  # sentences added to a document per build step (about 5 ms)
BuildSteps = Generator[None, None, None]


def _x(value: object) -> float:
    """QTextLine.cursorToX's x (PySide returns it with the adjusted position as a pair)."""
    if isinstance(value, tuple):
        value = value[0]
    return float(value) if isinstance(value, int | float) else 0.0


def utf16_offset(text: str, index: int) -> int:
    """A Python string index as a QTextDocument position (UTF-16 code units).

    Characters outside the BMP (CJK Extension B, emoji) take two positions in Qt and one in
    Python; without this, every mark after such a character would land one place early.
    """
    prefix = text[:index]
    return index + sum(1 for ch in prefix if ord(ch) > 0xFFFF)


def apply_mark(document: QTextDocument, offset: int, text: str, mark: Mark,
               colours: DiffColours) -> None:
    """Merge a mark's format over its characters; `offset` is where `text` starts."""
    start = offset + utf16_offset(text, mark.start)
    end = offset + utf16_offset(text, mark.end)
    if end >= document.characterCount():
        return
    cursor = QTextCursor(document)
    cursor.setPosition(start)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    cursor.mergeCharFormat(mark_format(mark.kind, colours))


class ReadingPane(QTextEdit):
    """Flowing text of one column with sentence numbers, diff marks and linked highlighting."""

    sentence_activated = Signal(str, str)  # key, sentence id
    sentence_hovered = Signal(str, str)
    edit_requested = Signal(str, str)
    retranslate_requested = Signal(str, str)
    note_requested = Signal(str, str)  # the analyst's note on a sentence (key, sentence id)
    link_requested = Signal(str, str)  # link a source sentence to the selected original one

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setAcceptRichText(False)
        self.setUndoRedoEnabled(False)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.setMouseTracking(True)
        self.viewport().setMouseTracking(True)
        self._column: ColumnText | None = None
        self._dark = False
        self._starts: list[int] = []  # sorted document positions of sentence starts
        self._ids: list[str] = []  # sentence id for each start
        self._ranges: dict[str, tuple[int, int]] = {}
        self._highlighted: tuple[str, ...] = ()
        self._wanted: tuple[str, ...] = ()  # the selection asked for, shown where present
        self._hovered: str | None = None
        self._found: list[tuple[int, int]] = []
        self._current_find: int | None = None
        self._find_query = ""

    # ---- content -------------------------------------------------------------------------
    @property
    def column(self) -> ColumnText | None:
        return self._column

    @property
    def key(self) -> str:
        return self._column.key if self._column is not None else ""

    def set_column(self, column: ColumnText) -> None:
        """Show `column`; highlights that still exist survive, scroll position is kept."""
        for _ in self.column_steps(column):
            pass

    def column_steps(self, column: ColumnText, *, force: bool = False) -> BuildSteps:
        """Show `column` by running the returned steps (each a few sentences).

        `column` is this pane's column at once; the text on screen is replaced when the last
        step has run. The new text is built in a document of its own, not yet shown: filling
        a document on screen lays it out again at every insertion (four times slower), and
        a long article built in steps leaves the event loop free in between. Nothing to do
        (no step) when the column is the one shown, unless `force` (a font or theme change).
        """
        if column == self._column and not force:
            return _no_steps()  # nothing changed in this column: no relayout, no flicker
        self._column = column
        return self._build(column)

    def set_dark(self, dark: bool) -> None:
        if self.set_dark_later(dark):
            self.refresh()

    def set_dark_later(self, dark: bool) -> bool:
        """Take the theme without laying the text out again; True when a rebuild is due."""
        changed = dark != self._dark
        self._dark = dark
        return changed

    def refresh(self) -> None:
        """Lay the column out again (after a font or theme change)."""
        if self._column is not None:
            for _ in self.column_steps(self._column, force=True):
                pass

    def _build(self, column: ColumnText) -> BuildSteps:
        document = QTextDocument(self)
        document.setUndoRedoEnabled(False)
        document.setDefaultFont(self.font())
        shown = False
        try:
            colours = diff_colours(self._dark)
            grey = self.palette().color(QPalette.ColorGroup.Normal,
                                        QPalette.ColorRole.PlaceholderText)
            cursor = QTextCursor(document)
            starts: list[int] = []
            ids: list[str] = []
            ranges: dict[str, tuple[int, int]] = {}
            paragraph: int | None = None
            spaced = not _is_cjk_lang(column.lang)
            for n, sentence in enumerate(column.sentences):
                if n and n % STEP_SENTENCES == 0:
                    # No cursor lives across a pause: an abandoned build may be collected
                    # anywhere, and a cursor must die on the thread that owns its document.
                    del cursor
                    yield
                    if not shiboken6.isValid(document):
                        return  # the pane went away meanwhile
                    cursor = QTextCursor(document)
                    cursor.movePosition(QTextCursor.MoveOperation.End)
                if n and sentence.paragraph != paragraph:
                    cursor.insertBlock(_paragraph_format())
                elif n and spaced:
                    cursor.insertText(" ", QTextCharFormat())
                if not n:
                    cursor.setBlockFormat(_paragraph_format())
                paragraph = sentence.paragraph
                start, end = self._insert_sentence(cursor, sentence, colours, grey)
                starts.append(start)
                ids.append(sentence.id)
                ranges[sentence.id] = (start, end)
                if sentence.id == TITLE:
                    paragraph = -2  # the headline is always its own block
            del cursor
            self._show(document, starts, ids, ranges)
            shown = True
        finally:
            # Superseded by a newer column before it was shown (and the pane, the document's
            # parent, may be gone already when an abandoned build is collected).
            if not shown and shiboken6.isValid(document):
                document.deleteLater()

    def _show(self, document: QTextDocument, starts: list[int], ids: list[str],
              ranges: dict[str, tuple[int, int]]) -> None:
        """Put a built document on screen; highlights that still exist survive, the scroll
        position is kept, find matches are searched again."""
        bar = self.verticalScrollBar()
        scroll = bar.value()
        self.setExtraSelections([])  # their cursors belong to the old document
        old = self.document()
        owned = old.parent() is self  # built here before; the first one is Qt's own
        # The sentence positions first: showing the document moves the scroll bar, whose
        # handlers (synchronised scrolling) look sentences up in the new document.
        self._starts, self._ids, self._ranges = starts, ids, ranges
        self.setDocument(document)
        if owned:
            old.deleteLater()
        self._highlighted = tuple(s for s in self._wanted if s in ranges)
        if self._hovered not in ranges:
            self._hovered = None
        self._current_find = None
        if self._find_query:
            self.mark_matches(self._find_query)
        else:
            self._found = []
            self._refresh_extra()
        # The view's cursor starts at the top, so the first resize does not scroll elsewhere.
        self.setTextCursor(QTextCursor(document))
        bar.setValue(scroll)

    def _insert_sentence(self, cursor: QTextCursor, sentence: ColumnSentence,
                         colours: DiffColours, grey: QColor) -> tuple[int, int]:
        prefix = QTextCharFormat()
        prefix.setForeground(grey)
        prefix.setFontPointSize(max(6.0, self.font().pointSizeF() * 0.75))
        prefix.setProperty(SENTENCE_ID_PROPERTY, sentence.id)
        if sentence.number is not None:
            marker = f" {UNMATCHED_MARKER}" if sentence.unmatched else ""
            marker += f" {CHECK_MARKER}" if sentence.checks else ""  # which check: tooltip
            cursor.insertText(f"[{sentence.number}{marker}]\u2009", prefix)
        base = QTextCharFormat()
        base.setProperty(SENTENCE_ID_PROPERTY, sentence.id)
        if sentence.id == TITLE and not sentence.gloss:
            base.setFontWeight(QFont.Weight.Bold)  # a glossed headline is no translated one
        if sentence.unmatched:
            base.setBackground(colours.unmatched)
        if sentence.edited:
            base.setFontItalic(True)
        start = cursor.position()
        if sentence.missing:
            placeholder = QTextCharFormat(base)
            placeholder.setForeground(grey)
            placeholder.setFontItalic(True)
            cursor.insertText("…", placeholder)
        else:
            cursor.insertText(sentence.text, base)
        end = cursor.position()
        for mark in sentence.marks:
            apply_mark(cursor.document(), start, sentence.text, mark, colours)
        if sentence.edited:
            cursor.insertText(f"\u2009{EDIT_MARKER}", prefix)
        return start, end

    # ---- sentence geometry -----------------------------------------------------------------
    def sentence_ids(self) -> list[str]:
        return list(self._ids)

    def sentence_range(self, sentence_id: str) -> tuple[int, int] | None:
        return self._ranges.get(sentence_id)

    def sentence_at_position(self, position: int) -> str | None:
        """The sentence holding a document position (its number prefix counts as part of it)."""
        i = bisect.bisect_right(self._starts, position) - 1
        if i >= 0:
            sid = self._ids[i]
            if position <= self._ranges[sid][1]:
                return sid
        # The prefix "[n] " sits just before a sentence's start.
        j = i + 1
        if j < len(self._ids):
            fmt_id = self._format_sentence_id(position)
            if fmt_id == self._ids[j]:
                return fmt_id
        return None

    def _format_sentence_id(self, position: int) -> str | None:
        cursor = QTextCursor(self.document())
        cursor.setPosition(min(position + 1, self.document().characterCount() - 1))
        value = cursor.charFormat().property(SENTENCE_ID_PROPERTY)
        return value if isinstance(value, str) else None

    def sentence_at(self, point: QPoint) -> str | None:
        """The sentence under a viewport point, or None over blank space."""
        cursor = self.cursorForPosition(point)
        rect = self.cursorRect(cursor)
        if abs(rect.center().y() - point.y()) > rect.height():
            return None
        return self.sentence_at_position(cursor.position())

    def sentence_top(self, sentence_id: str) -> float | None:
        """Y of a sentence's first line, in document coordinates (scroll-bar units)."""
        span = self._ranges.get(sentence_id)
        if span is None:
            return None
        return self._y_of(span[0])

    def sentence_bottom(self, sentence_id: str) -> float | None:
        span = self._ranges.get(sentence_id)
        if span is None:
            return None
        return self._y_of(span[1], bottom=True)

    def _y_of(self, position: int, bottom: bool = False) -> float:
        document = self.document()
        block = document.findBlock(position)
        if not block.isValid():  # a position past the end: never ask Qt about it
            return 0.0
        layout = document.documentLayout()
        block_top = layout.blockBoundingRect(block).top()
        text_layout = block.layout()
        if text_layout is None:
            return block_top
        line = text_layout.lineForTextPosition(position - block.position())
        if not line.isValid():
            return block_top
        return block_top + line.y() + (line.height() if bottom else 0.0)

    def top_sentence_index(self) -> int | None:
        """Index of the sentence holding the top-left of the viewport (or the next one)."""
        if not self._ids:
            return None
        position = self.cursorForPosition(QPoint(2, 1)).position()
        i = bisect.bisect_right(self._starts, position) - 1
        if i < 0 or position > self._ranges[self._ids[i]][1]:
            i += 1
        return i if i < len(self._ids) else None

    def top_visible_sentence(self) -> tuple[str, float] | None:
        """The sentence at the top of the viewport and how far into it (0..1) we are.

        In flowing text the top line can hold the end of one sentence and the start of the
        next; the one that starts on that line is the one the reader sees begin there.
        """
        i = self.top_sentence_index()
        if i is None:
            return None
        scroll = float(self.verticalScrollBar().value())
        for j in range(i, len(self._ids)):
            top = self.sentence_top(self._ids[j]) or 0.0
            if top > scroll + 1:
                break
            if top >= scroll - 1:
                return self._ids[j], 0.0
        sid = self._ids[i]
        top = self.sentence_top(sid) or 0.0
        bottom = self.sentence_bottom(sid) or top
        fraction = 0.0 if bottom <= top else max(0.0, min(1.0, (scroll - top) / (bottom - top)))
        return sid, fraction

    def scroll_to_sentence(self, sentence_id: str, fraction: float = 0.0) -> bool:
        """Put a sentence (at `fraction` of its height) at the top of the viewport."""
        top = self.sentence_top(sentence_id)
        if top is None:
            return False
        bottom = self.sentence_bottom(sentence_id) or top
        self.verticalScrollBar().setValue(round(top + (bottom - top) * fraction))
        return True

    def ensure_sentence_visible(self, sentence_id: str) -> None:
        """Scroll as little as needed, keeping a little context above the sentence."""
        top, bottom = self.sentence_top(sentence_id), self.sentence_bottom(sentence_id)
        if top is None or bottom is None:
            return
        bar = self.verticalScrollBar()
        height = self.viewport().height()
        if top >= bar.value() and bottom <= bar.value() + height:
            return
        margin = min(height / 4, 3 * self.fontMetrics().lineSpacing())
        bar.setValue(round(max(0.0, top - margin)))

    # ---- highlighting ----------------------------------------------------------------------
    def highlighted(self) -> tuple[str, ...]:
        return self._highlighted

    def highlight(self, sentence_ids: Iterable[str], scroll: bool = True) -> None:
        """Mark these sentences as the current selection; scroll the first into view."""
        self._wanted = tuple(sentence_ids)
        self._highlighted = tuple(s for s in self._wanted if s in self._ranges)
        self._refresh_extra()
        if scroll and self._highlighted:
            self.ensure_sentence_visible(self._highlighted[0])

    def set_hovered(self, sentence_id: str | None) -> None:
        if sentence_id is not None and sentence_id not in self._ranges:
            sentence_id = None
        if sentence_id != self._hovered:
            self._hovered = sentence_id
            self._refresh_extra()

    def hovered(self) -> str | None:
        return self._hovered

    def mark_matches(self, text: str) -> int:
        """Mark every match of `text` in the sentences (ignoring case); return the count.

        Matches in the "[12]" number prefixes and markers are not the article's text.
        """
        self._found = []
        self._current_find = None
        self._find_query = text
        if text:
            document = self.document()
            cursor = document.find(text, 0)
            while not cursor.isNull():
                start, end = cursor.selectionStart(), cursor.selectionEnd()
                sid = self.sentence_at_position(start)
                if sid is not None and start >= self._ranges[sid][0] and \
                        end <= self._ranges[sid][1]:
                    self._found.append((start, end))
                cursor = document.find(text, end)
        self._refresh_extra()
        return len(self._found)

    def find_matches(self) -> list[tuple[int, int]]:
        return list(self._found)

    def show_find_match(self, index: int | None) -> None:
        self._current_find = index
        self._refresh_extra()
        if index is not None:
            start, end = self._found[index]
            cursor = QTextCursor(self.document())
            cursor.setPosition(start)
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            self.setTextCursor(cursor)
            self.ensureCursorVisible()

    def _refresh_extra(self) -> None:
        colours = diff_colours(self._dark)
        extras: list[QTextEdit.ExtraSelection] = []
        find_colour = FIND_COLOUR_DARK if self._dark else FIND_COLOUR_LIGHT
        for i, (start, end) in enumerate(self._found):
            fmt = QTextCharFormat()
            fmt.setBackground(find_colour)
            if i == self._current_find:
                fmt.setFontOverline(True)
                fmt.setFontUnderline(True)
            extras.append(self._extra(start, end, fmt))
        if self._hovered is not None and self._hovered not in self._highlighted:
            fmt = QTextCharFormat()
            fmt.setBackground(colours.hover)
            extras.append(self._extra(*self._ranges[self._hovered], fmt))
        for sid in self._highlighted:
            fmt = QTextCharFormat()
            fmt.setBackground(colours.selection)
            extras.append(self._extra(*self._ranges[sid], fmt))
        self.setExtraSelections(extras)
        self.viewport().update()  # the selection's outline reaches past its characters

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt API
        super().paintEvent(event)
        if not self._highlighted:
            return
        painter = QPainter(self.viewport())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(diff_colours(self._dark).outline, 1.2))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        offset = QPointF(-self.horizontalScrollBar().value(), -self.verticalScrollBar().value())
        visible = QRectF(event.rect())
        for sid in self._highlighted:
            for rect in self.line_rects(*self._ranges[sid]):
                shown = rect.translated(offset).adjusted(-1.5, -0.5, 1.5, 0.5)
                if shown.intersects(visible):
                    painter.drawRoundedRect(shown, 2.5, 2.5)
        painter.end()

    def line_rects(self, start: int, end: int) -> list[QRectF]:
        """The rectangles (document coordinates) of the lines a character range covers."""
        document = self.document()
        layout = document.documentLayout()
        rects: list[QRectF] = []
        block = document.findBlock(start)
        while block.isValid() and block.position() <= end:
            text_layout = block.layout()
            origin = layout.blockBoundingRect(block).topLeft()
            for n in range(text_layout.lineCount() if text_layout is not None else 0):
                line = text_layout.lineAt(n)
                first = block.position() + line.textStart()
                a, b = max(start, first), min(end, first + line.textLength())
                if a >= b:
                    continue
                x1 = _x(line.cursorToX(a - block.position()))
                x2 = _x(line.cursorToX(b - block.position()))
                rects.append(QRectF(origin.x() + min(x1, x2), origin.y() + line.y(),
                                    abs(x2 - x1), line.height()))
            block = block.next()
        return rects

    def _extra(self, start: int, end: int, fmt: QTextCharFormat) -> QTextEdit.ExtraSelection:
        selection = QTextEdit.ExtraSelection()
        cursor = QTextCursor(self.document())
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        selection.cursor = cursor
        selection.format = fmt
        return selection

    def extra_ranges(self) -> list[tuple[int, int, QBrush]]:
        """What is painted over the text, for tests and the screenshot check."""
        return [(e.cursor.selectionStart(), e.cursor.selectionEnd(),
                 e.format.background()) for e in self.extraSelections()]

    # ---- interaction -----------------------------------------------------------------------
    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        super().mouseReleaseEvent(event)
        if event.button() != Qt.MouseButton.LeftButton or self.textCursor().hasSelection():
            return
        sid = self.sentence_at(event.position().toPoint())
        if sid is not None:
            self.sentence_activated.emit(self.key, sid)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        super().mouseMoveEvent(event)
        sid = self.sentence_at(event.position().toPoint())
        if sid is not None and sid != self._hovered:
            self.set_hovered(sid)
            self.sentence_hovered.emit(self.key, sid)

    def leaveEvent(self, event: QEvent) -> None:  # noqa: N802
        super().leaveEvent(event)
        self.set_hovered(None)

    def step_sentence(self, delta: int) -> str | None:
        """Move the caret to the next (or previous) sentence and activate it."""
        if not self._ids:
            return None
        current = self.sentence_at_position(self.textCursor().position())
        if self._highlighted and current not in self._highlighted:
            # The selection came from elsewhere (another view, a flag): step from it, not
            # from wherever the caret was left.
            current = self._highlighted[-1] if delta > 0 else self._highlighted[0]
        index = self._ids.index(current) + delta if current is not None else 0
        index = max(0, min(len(self._ids) - 1, index))
        sid = self._ids[index]
        cursor = QTextCursor(self.document())
        cursor.setPosition(self._ranges[sid][0])
        self.setTextCursor(cursor)
        self.ensure_sentence_visible(sid)
        self.sentence_activated.emit(self.key, sid)
        return sid

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        alt = event.modifiers() & Qt.KeyboardModifier.AltModifier
        if alt and event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Up):
            self.step_sentence(1 if event.key() == Qt.Key.Key_Down else -1)
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            sid = self.sentence_at_position(self.textCursor().position())
            if sid is not None:
                self.sentence_activated.emit(self.key, sid)
                return
        super().keyPressEvent(event)

    def viewportEvent(self, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            sid = self.sentence_at(event.pos())
            tip = self.tooltip_for(sid) if sid is not None else ""
            if tip:
                QToolTip.showText(event.globalPos(), tip, self.viewport())
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().viewportEvent(event)

    def tooltip_for(self, sentence_id: str) -> str:
        """Rich-text tooltip built only from escaped pieces: article text is never markup."""
        if self._column is None:
            return ""
        sentence = self._column.sentence(sentence_id)
        if sentence is None or not sentence.notes:
            return ""
        return "<qt>" + "<br>".join(html.escape(n) for n in sentence.notes) + "</qt>"

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # noqa: N802
        menu = self.build_context_menu(self.sentence_at(event.pos()))
        menu.exec(event.globalPos())
        menu.deleteLater()

    def build_context_menu(self, sentence_id: str | None) -> QMenu:
        menu = QMenu(self)
        column = self._column
        edit_key = column.edit_key if column is not None else None
        usable = (sentence_id is not None and sentence_id != TITLE) or (
            sentence_id == TITLE and edit_key is not None)
        edit = QAction(self.tr("Edit translation…"), menu)
        retry = QAction(self.tr("Translate this sentence again"), menu)
        for action in (edit, retry):
            action.setEnabled(bool(edit_key) and usable)
            menu.addAction(action)
        if edit_key and sentence_id is not None:
            key, sid = edit_key, sentence_id
            edit.triggered.connect(lambda: self.edit_requested.emit(key, sid))
            retry.triggered.connect(lambda: self.retranslate_requested.emit(key, sid))
        menu.addSeparator()
        link = QAction(self.tr("Link to Selected Original Sentence"), menu)
        note = QAction(self.tr("Add Note…"), menu)
        column_key = column.key if column is not None else None
        link.setEnabled(column_key is not None and column_key != "original"
                        and sentence_id is not None)
        note.setEnabled(column_key is not None and sentence_id is not None)
        if column_key is not None and sentence_id is not None:
            review_key, review_sid = column_key, sentence_id
            link.triggered.connect(lambda: self.link_requested.emit(review_key, review_sid))
            note.triggered.connect(lambda: self.note_requested.emit(review_key, review_sid))
        menu.addAction(link)
        menu.addAction(note)
        menu.addSeparator()
        copy_sentence = QAction(self.tr("Copy sentence"), menu)
        copy_sentence.setEnabled(sentence_id is not None)
        if sentence_id is not None:
            sid_copy = sentence_id
            copy_sentence.triggered.connect(lambda: self.copy_sentence(sid_copy))
        menu.addAction(copy_sentence)
        copy = QAction(self.tr("Copy selection"), menu)
        copy.setEnabled(self.textCursor().hasSelection())
        copy.triggered.connect(self.copy)
        menu.addAction(copy)
        return menu

    def copy_sentence(self, sentence_id: str) -> None:
        if self._column is None:
            return
        sentence = self._column.sentence(sentence_id)
        if sentence is not None:
            QGuiApplication.clipboard().setText(sentence.text)


def _no_steps() -> BuildSteps:
    yield from ()


def _paragraph_format() -> QTextBlockFormat:
    fmt = QTextBlockFormat()
    fmt.setBottomMargin(8.0)
    return fmt


def _is_cjk_lang(lang: str) -> bool:
    """Written without spaces between words: Chinese, Japanese, Korean."""
    return is_chinese(lang) or base_language(lang) in {"ja", "ko"}

