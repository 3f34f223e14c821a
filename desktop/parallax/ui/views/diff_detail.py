"""The detail pane: one aligned pair with both texts, their pivot translations, the coloured word
diff, the link score and the flags on that pair.

Every text goes in as plain text (`insertText` with a `QTextCharFormat`), never as HTML, so
markup in an article shows literally. The diff is the comparison's own; when the user changes
the ignore options here it is recomputed for this one pair (cheap) until the shell re-compares.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Mapping, Sequence

from PySide6.QtCore import QPoint, Qt, Signal, Slot
from PySide6.QtGui import (
    QAction,
    QColor,
    QFont,
    QFontMetrics,
    QMouseEvent,
    QPalette,
    QTextCharFormat,
    QTextCursor,
)
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSizePolicy,
    QTextEdit,
    QToolButton,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from parallax.core.comparison import Comparison, DiffSpan, Flag, Link, Pivot
from parallax.core.language import same_language
from parallax.core.workspace import ORIGINAL, TITLE, Workspace
from parallax.ui.flags_model import flag_label
from parallax.ui.palette import FLAG_COLOURS, diff_colours
from parallax.ui.plain import plain_tooltip
from parallax.ui.tasks import Task
from parallax.ui.views.legend import DiffLegend, op_kind, span_format

log = logging.getLogger(__name__)

OPTION_NAMES = ("ignore_case", "ignore_punctuation", "ignore_whitespace")
FLAG_ROLE = Qt.ItemDataRole.UserRole + 1

GlossLookup = Callable[[str], str | None]


def sentence_text(workspace: Workspace, key: str, sentence_id: str) -> str:
    article = workspace.article(key)
    if sentence_id == TITLE:
        return article.title
    return article.sentence(sentence_id).text if article.has_sentence(sentence_id) else ""


def pivot_text(workspace: Workspace, key: str, sentence_id: str) -> str | None:
    """The text compared in the pivot language: the sentence itself or its translation."""
    article = workspace.article(key)
    if same_language(article.lang, workspace.settings.pivot_lang):
        edited = workspace.edits.get(key, {}).get(sentence_id)
        return edited if edited is not None else sentence_text(workspace, key, sentence_id)
    return workspace.translation_text(key, sentence_id)


def load_cedict_lookup() -> GlossLookup | None:
    """A CC-CEDICT look-up, or None without a dictionary. Slow (loads the dictionary and the
    word segmenter): run it in a Task."""
    from parallax.core.diff import tokenize_words
    from parallax.core.translate.gloss import GlossEngine

    try:
        engine = GlossEngine()
        engine.lookup("中")
        tokenize_words("中文", "zh")
    except Exception:  # a missing dictionary must not break the pane
        log.info("gloss look-up unavailable", exc_info=True)
        return None

    def lookup(word: str) -> str | None:
        entries = engine.lookup(word)
        lines = [f"{e.pinyin}  {'; '.join(e.senses[:4])}" for e in entries[:3]]
        return "\n".join(lines) or None

    return lookup


_NAME_KINDS = frozenset({"entity_only_here", "entity_only_there"})
_NUMBER = r"(?P<number>\d+(?:[.,:]\d+)*%?)"


def _names_in(flags: Sequence[Flag]) -> list[str]:
    """Names the comparison flagged on this pair (to mark where the diff shows them)."""
    return sorted({f.text for f in flags if f.kind in _NAME_KINDS and f.text.strip()},
                  key=len, reverse=True)


def _highlight_pattern(names: Sequence[str]) -> re.Pattern[str]:
    if not names:
        return re.compile(_NUMBER)
    alternatives = "|".join(re.escape(name) for name in names)
    return re.compile(f"{_NUMBER}|(?P<name>{alternatives})", re.IGNORECASE)


class _TextBox(QPlainTextEdit):
    """A read-only text of a few lines; double-click activates its sentence."""

    double_clicked = Signal()
    hovered_at = Signal(QPoint, int)  # global position, character position

    def __init__(self, parent: QWidget | None = None, lines: int = 3) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                     | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setMaximumHeight(self.fontMetrics().lineSpacing() * lines + 12)
        self.setMouseTracking(True)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        super().mouseDoubleClickEvent(event)
        self.double_clicked.emit()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        super().mouseMoveEvent(event)
        pos = event.position().toPoint()
        cursor = self.cursorForPosition(pos)
        self.hovered_at.emit(self.viewport().mapToGlobal(pos), cursor.position())


class DiffDetailPane(QWidget):
    """The selected pair, its diff, score and flags; options for what the diff ignores."""

    sentence_activated = Signal(str, str)
    options_changed = Signal(dict)
    pivots_changed = Signal()  # the pivot texts of the comparison on screen are known

    def __init__(self, parent: QWidget | None = None,
                 gloss_lookup: GlossLookup | None = None, with_legend: bool = False) -> None:
        """`with_legend`: draw a legend inside the pane (off where the window shows one)."""
        super().__init__(parent)
        self._dark_override: bool | None = None
        self._workspace: Workspace | None = None
        self._comparison: Comparison | None = None
        self._original_id: str | None = None
        self._source_id: str | None = None
        self._source_sentence: str | None = None
        self._settings_options: dict[str, bool] = {}
        # The article the comparison on screen was made for: its pivots are by sentence id.
        self._compared_original: object = None
        # The dictionary loads on first hover, in the background; None until then.
        self._gloss = gloss_lookup
        self._gloss_state = "ready" if gloss_lookup is not None else "idle"
        self._tokens: tuple[str, list[str]] = ("", [])

        self.title_label = QLabel(self)
        self.title_label.setTextFormat(Qt.TextFormat.PlainText)
        self.title_label.setWordWrap(True)
        self.source_combo = QComboBox(self)
        self.source_combo.setAccessibleName(self.tr("Counterpart source"))
        self.source_combo.setToolTip(self.tr("Which source's counterpart to show"))
        self.source_combo.activated.connect(self._source_chosen)

        self.original_box = _TextBox(self)
        self.original_pivot_box = _TextBox(self)
        self.counterpart_box = _TextBox(self)
        self.counterpart_pivot_box = _TextBox(self)
        self.diff_view = QTextEdit(self)
        self.diff_view.setReadOnly(True)
        self.diff_view.setAcceptRichText(False)
        self.diff_view.setMaximumHeight(self.fontMetrics().lineSpacing() * 5 + 12)
        self.legend: DiffLegend | None = DiffLegend(self) if with_legend else None
        self.score_label = QLabel(self)
        self.flags_list = QListWidget(self)
        self.flags_list.setMaximumHeight(self.fontMetrics().lineSpacing() * 6 + 8)
        self.flags_list.setWordWrap(True)
        # The analyst's notes on the two sentences, as plain text (never markup).
        self.note_label = QLabel(self)
        self.note_label.setTextFormat(Qt.TextFormat.PlainText)
        self.note_label.setWordWrap(True)
        self.note_label.setObjectName("reviewNote")
        self.note_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.review_bar = QHBoxLayout()  # the window's review actions (`add_review_actions`)
        self.review_bar.setContentsMargins(0, 0, 0, 0)

        self.option_boxes: dict[str, QCheckBox] = {
            "ignore_case": QCheckBox(self.tr("Ignore case"), self),
            "ignore_punctuation": QCheckBox(self.tr("Ignore punctuation"), self),
            "ignore_whitespace": QCheckBox(self.tr("Ignore whitespace"), self),
        }
        for box in self.option_boxes.values():
            box.toggled.connect(self._option_toggled)

        self.original_box.double_clicked.connect(self._activate_original)
        self.counterpart_box.double_clicked.connect(self._activate_counterpart)
        self.original_box.hovered_at.connect(self._gloss_at)

        header = QHBoxLayout()
        header.addWidget(self.title_label, 1)
        header.addWidget(self.source_combo)
        form = self._form = QFormLayout()
        # Labels above their texts: the pane lives in a narrow dock.
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self._original_label = QLabel(self.tr("Original"), self)
        self._original_pivot_label = QLabel(self.tr("Its translation"), self)
        self._counterpart_label = QLabel(self.tr("Counterpart"), self)
        self._counterpart_pivot_label = QLabel(self.tr("Its translation"), self)
        form.addRow(self._original_label, self.original_box)
        form.addRow(self._original_pivot_label, self.original_pivot_box)
        form.addRow(self._counterpart_label, self.counterpart_box)
        form.addRow(self._counterpart_pivot_label, self.counterpart_pivot_box)
        form.addRow(self.tr("Differences"), self.diff_view)
        form.addRow(self.tr("Score"), self.score_label)
        form.addRow(self.tr("Flags"), self.flags_list)
        self._note_caption = QLabel(self.tr("Notes"), self)
        form.addRow(self._note_caption, self.note_label)
        options = QGridLayout()  # two a row: the pane lives in a narrow dock
        for n, box in enumerate(self.option_boxes.values()):
            options.addWidget(box, n // 2, n % 2)
        options.setColumnStretch(2, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addLayout(form)
        if self.legend is not None:
            layout.addWidget(self.legend)
        layout.addLayout(options)
        layout.addLayout(self.review_bar)
        layout.addStretch(1)
        self._show_nothing()

    def add_review_actions(self, actions: Sequence[QAction]) -> None:
        """Buttons for the window's review actions (link, unlink, note) under the pair."""
        for action in actions:
            button = QToolButton(self)
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            self.review_bar.addWidget(button)
        self.review_bar.addStretch(1)

    def _show_notes(self, *sentences: tuple[str, str | None]) -> None:
        """The notes on the shown sentences ((key, id) pairs), one line each."""
        workspace = self._workspace
        lines = []
        for key, sentence_id in sentences:
            note = workspace.review.note(key, sentence_id) if (
                workspace is not None and sentence_id is not None) else None
            if note and sentence_id is not None:
                where = self._sentence_name(sentence_id)
                if key != ORIGINAL and workspace is not None and self._has_source(key):
                    where = f"{workspace.source(key).display_name} {where}"
                lines.append(f"{where}: {note}")
        self.note_label.setText("\n".join(lines))
        self._form.setRowVisible(self.note_label, bool(lines))

    # ---- the widget contract -------------------------------------------------------------
    def set_data(self, workspace: Workspace, comparison: Comparison | None) -> None:
        new_comparison = comparison is not self._comparison
        if new_comparison:
            self._compared_original = workspace.original
        self._workspace = workspace
        self._comparison = comparison
        settings = workspace.settings
        self._settings_options = {name: bool(getattr(settings, name)) for name in OPTION_NAMES}
        for name, box in self.option_boxes.items():
            box.blockSignals(True)
            box.setChecked(self._settings_options[name])
            box.blockSignals(False)
        if self._original_id is not None and self._has_original(self._original_id):
            self.show_pair(self._original_id, self._source_id)
        elif self._source_id is not None and self._source_sentence is not None \
                and self._has_source_sentence(self._source_id, self._source_sentence):
            self.show_source_sentence(self._source_id, self._source_sentence)
        else:
            self._show_nothing()
        if new_comparison:
            self.pivots_changed.emit()

    @Slot(str, str)
    def show_selection(self, key: str, sentence_id: str) -> None:
        if key == ORIGINAL:
            # Stay with the source being compared when it covers this sentence too.
            self.show_pair(sentence_id, self._source_id)
            return
        links = [link for link in (self._comparison.links_to(key, sentence_id)
                                   if self._comparison else ()) if self._usable(link)]
        if links:
            best = max(links, key=lambda link: link.score)
            self.show_pair(best.original, key)
        else:
            self.show_source_sentence(key, sentence_id)

    def show_flag(self, flag: Flag) -> None:
        """Show the pair a flag sits on (used by the differences navigator)."""
        if flag.original is not None:
            self.show_pair(flag.original, flag.source)
        elif flag.source is not None and flag.sentence is not None:
            self.show_source_sentence(flag.source, flag.sentence)

    def set_font(self, font: QFont) -> None:
        """The article font (CJK-capable, zoomed) for every text of the pair."""
        spacing = QFontMetrics(font).lineSpacing()
        for box in (self.original_box, self.original_pivot_box, self.counterpart_box,
                    self.counterpart_pivot_box, self.diff_view):
            box.setFont(font)
            # Room for the same number of lines at the new size (zoom).
            box.setMaximumHeight(spacing * (5 if box is self.diff_view else 3) + 12)

    def set_dark(self, dark: bool) -> None:
        """Colour the diff for a dark or light theme and redraw it."""
        self._dark_override = dark
        if self.legend is not None:
            self.legend.refresh(dark)
        self._redraw()

    def _redraw(self) -> None:
        if self._original_id is not None:
            self.show_pair(self._original_id, self._source_id, exact=True)
        elif self._source_id is not None and self._source_sentence is not None:
            self.show_source_sentence(self._source_id, self._source_sentence)

    def options(self) -> dict[str, bool]:
        return {name: box.isChecked() for name, box in self.option_boxes.items()}

    def set_options(self, options: dict[str, bool]) -> None:
        for name, value in options.items():
            if name in self.option_boxes:
                self.option_boxes[name].setChecked(bool(value))

    # ---- showing a pair ------------------------------------------------------------------
    def show_pair(self, original_id: str, source_id: str | None, *, exact: bool = False) -> None:
        """The original sentence and its counterpart in `source_id` (best source when None).

        When `source_id` has no counterpart the best source that has one is shown instead,
        unless `exact`: then it is that source's (empty) pair, e.g. a "no counterpart" cell of
        the coverage map."""
        workspace = self._workspace
        if workspace is None or not self._has_original(original_id):
            self._show_nothing()
            return
        links = self._links(original_id)
        if source_id is not None and not self._has_source(source_id):
            source_id = None  # removed since (the comparison may lag behind the workspace)
        sources_with_links: list[str] = []
        for candidate in links:
            if candidate.source not in sources_with_links:
                sources_with_links.append(candidate.source)
        if source_id is None or (source_id not in sources_with_links and not exact):
            source_id = sources_with_links[0] if sources_with_links else source_id
        self._original_id, self._source_id, self._source_sentence = original_id, source_id, None
        self._set_details_visible(True)
        choices = list(sources_with_links)
        if source_id is not None and source_id not in choices:
            choices.append(source_id)  # the chosen source, shown without a counterpart
        self._fill_source_combo(choices, source_id)

        link = next((k for k in links if k.source == source_id), None)
        original_name = self._sentence_name(original_id)
        self._set_box(self.original_box, self._original_label,
                      sentence_text(workspace, ORIGINAL, original_id), True)
        self._set_pivot(self.original_pivot_box, self._original_pivot_label,
                        workspace, ORIGINAL, original_id)
        if link is None:
            title = self.tr("%1: no counterpart").replace("%1", original_name)
            if source_id is not None:
                title = self.tr("%1: no counterpart in %2").replace("%1", original_name).replace(
                    "%2", workspace.source(source_id).display_name)
            self.title_label.setText(title)
            self._set_box(self.counterpart_box, self._counterpart_label, "", False)
            self._set_box(self.counterpart_pivot_box, self._counterpart_pivot_label, "", False)
            self._show_diff(())
            self.score_label.setText(self.tr("No linked sentence"))
        else:
            source = workspace.source(link.source)
            self.title_label.setText(f"{original_name} ↔ {source.display_name} "
                                     f"{self._sentence_name(link.sentence)}")
            self._set_box(self.counterpart_box, self._counterpart_label,
                          sentence_text(workspace, link.source, link.sentence), True)
            self._set_pivot(self.counterpart_pivot_box, self._counterpart_pivot_label,
                            workspace, link.source, link.sentence)
        flags = self._comparison.flags_on(
            original_id, source_id, None if link is None else link.sentence,
        ) if self._comparison else ()
        if link is not None:
            self._show_diff(self._diff_for(link), _names_in(flags))
            self.score_label.setText(f"{link.score:.2f}" if link.by != "analyst" else
                                     self.tr("Linked by hand"))
        self._show_flags(flags)
        self._show_notes((ORIGINAL, original_id),
                         *([(link.source, link.sentence)] if link is not None else []))

    def show_source_sentence(self, source_id: str, sentence_id: str) -> None:
        """A sentence of another source that no original sentence is linked to."""
        workspace = self._workspace
        if workspace is None or not self._has_source_sentence(source_id, sentence_id):
            self._show_nothing()
            return
        self._original_id, self._source_id, self._source_sentence = None, source_id, sentence_id
        self._set_details_visible(True)
        source = workspace.source(source_id)
        self._fill_source_combo([], None)
        self.title_label.setText(self.tr("%1 %2: not in the original").replace(
            "%1", source.display_name).replace("%2", self._sentence_name(sentence_id)))
        self._set_box(self.original_box, self._original_label, "", False)
        self._set_box(self.original_pivot_box, self._original_pivot_label, "", False)
        self._set_box(self.counterpart_box, self._counterpart_label,
                      sentence_text(workspace, source_id, sentence_id), True)
        self._set_pivot(self.counterpart_pivot_box, self._counterpart_pivot_label,
                        workspace, source_id, sentence_id)
        self._show_diff(())
        self.score_label.setText(self.tr("No linked sentence"))
        flags = self._comparison.flags_on(None, source_id, sentence_id) if self._comparison \
            else ()
        self._show_flags(flags)
        self._show_notes((source_id, sentence_id))

    def current_pair(self) -> tuple[str | None, str | None]:
        return self._original_id, self._source_id

    def shown_flags(self) -> list[Flag]:
        return [self.flags_list.item(n).data(FLAG_ROLE) for n in range(self.flags_list.count())]

    # ---- pivots --------------------------------------------------------------------------
    @property
    def pivots(self) -> Mapping[str, Pivot]:
        """The pivot texts of the comparison on screen, by article key; none while the
        comparison shown is of another article (a new one is being compared)."""
        workspace, comparison = self._workspace, self._comparison
        if comparison is None or workspace is None \
                or workspace.original is not self._compared_original:
            return {}
        return comparison.pivots

    def glossed_keys(self) -> list[str]:
        """The articles (keys) compared through a dictionary gloss, as far as known."""
        return [key for key, pivot in self.pivots.items() if pivot.how == "gloss"]

    def pivot(self, key: str, sentence_id: str) -> tuple[str | None, str]:
        """(pivot-language text, how it was made) as the comparison saw it."""
        known = self.pivots.get(key)
        if known is not None:
            return known.texts.get(sentence_id), known.how
        if self._workspace is None:
            return None, "translation"
        # Until the comparison's pivots are known: the stored text, called what it is.
        machine = self._workspace.translations.get(key)
        edited = sentence_id in self._workspace.edits.get(key, {})
        how = "gloss" if machine is not None and machine.is_gloss and not edited else (
            "translation")
        return pivot_text(self._workspace, key, sentence_id), how

    def _pivot_label(self, how: str) -> str:
        if how == "gloss":
            return self.tr("Gloss (dictionary, word by word)")
        if how.startswith("version:") and self._workspace is not None:
            try:
                name = self._workspace.source(how.split(":", 1)[1]).display_name
            except KeyError:
                name = how.split(":", 1)[1]
            return self.tr("Its translation (from {0})").format(name)
        return self.tr("Its translation")

    # ---- pieces --------------------------------------------------------------------------
    def _diff_for(self, link: Link) -> tuple[DiffSpan, ...]:
        """The comparison's diff, or one recomputed here when the options differ from it."""
        options = self.options()
        if options == self._settings_options or self._workspace is None:
            return link.diff
        a = self.pivot(ORIGINAL, link.original)[0]
        b = self.pivot(link.source, link.sentence)[0]
        if a is None or b is None:
            return link.diff
        from parallax.core.diff import word_diff

        return word_diff(a, b, self._workspace.settings.pivot_lang, **options)

    def _show_diff(self, spans: Sequence[DiffSpan], names: Sequence[str] = ()) -> None:
        """Deleted/inserted words coloured; inside them, numbers and flagged names stand out
        (bold / dotted underline) while keeping the strike-through or underline."""
        colours = diff_colours(self._dark())
        self.diff_view.clear()
        cursor = QTextCursor(self.diff_view.document())
        plain = QTextCharFormat()
        pattern = _highlight_pattern(names)
        for span in spans:
            kind = op_kind(span.op)
            if kind is None:
                cursor.insertText(span.text, plain)
                continue
            base = span_format(kind, colours)
            position = 0
            for match in pattern.finditer(span.text):
                if match.start() > position:
                    cursor.insertText(span.text[position:match.start()], base)
                mark = QTextCharFormat(base)
                mark.merge(span_format("changed_number" if match.group("number")
                                       else "changed_name", colours))
                cursor.insertText(match.group(0), mark)
                position = match.end()
            if position < len(span.text):
                cursor.insertText(span.text[position:], base)
        if not spans:
            self.diff_view.setPlaceholderText(self.tr("No word diff for this pair."))

    def diff_fragments(self) -> list[tuple[str, QTextCharFormat]]:
        """The diff as drawn: (text, format) runs, for readers of the pane (and its tests)."""
        found: list[tuple[str, QTextCharFormat]] = []
        block = self.diff_view.document().firstBlock()
        while block.isValid():
            iterator = block.begin()
            while not iterator.atEnd():
                fragment = iterator.fragment()
                if fragment.isValid():
                    found.append((fragment.text(), fragment.charFormat()))
                iterator += 1
            block = block.next()
        return found

    def _show_flags(self, flags: Sequence[Flag]) -> None:
        self.flags_list.clear()
        for flag in flags:
            text = f"{flag_label(flag.kind)}: {flag.text} — {flag.detail}"
            if flag.decision == "confirmed":
                text += " " + self.tr("(confirmed)")
            elif flag.decision == "dismissed":
                text += " " + self.tr("(dismissed)")
            item = QListWidgetItem(text)
            item.setData(FLAG_ROLE, flag)
            note = self.tr("Note: %1").replace("%1", flag.note) if flag.note else ""
            item.setToolTip(plain_tooltip(flag.detail + (f"\n{note}" if note else "")))
            if flag.dismissed:
                item.setForeground(self.palette().color(QPalette.ColorGroup.Disabled,
                                                        QPalette.ColorRole.Text))
            item.setData(Qt.ItemDataRole.DecorationRole,
                         QColor(FLAG_COLOURS.get(flag.kind, "#777777")))
            self.flags_list.addItem(item)
        if not flags:
            item = QListWidgetItem(self.tr("No flags on this pair."))
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.flags_list.addItem(item)

    def _set_box(self, box: QPlainTextEdit, label: QLabel, text: str, visible: bool) -> None:
        box.setPlainText(text)
        box.setVisible(visible)
        label.setVisible(visible)

    def _set_pivot(self, box: QPlainTextEdit, label: QLabel, workspace: Workspace, key: str,
                   sentence_id: str) -> None:
        """Show the pivot translation unless the text is already in the pivot language."""
        article = workspace.article(key)
        if same_language(article.lang, workspace.settings.pivot_lang):
            self._set_box(box, label, "", False)
            return
        text, how = self.pivot(key, sentence_id)
        label.setText(self._pivot_label(how))
        self._set_box(box, label, text if text is not None else "", True)
        if text is None:
            box.setPlaceholderText(self.tr("Not translated yet."))

    def _fill_source_combo(self, source_ids: Sequence[str], current: str | None) -> None:
        self.source_combo.blockSignals(True)
        self.source_combo.clear()
        if self._workspace is not None:
            for source_id in source_ids:
                self.source_combo.addItem(self._workspace.source(source_id).display_name,
                                          source_id)
        if current is not None:
            self.source_combo.setCurrentIndex(max(0, self.source_combo.findData(current)))
        self.source_combo.setVisible(len(source_ids) > 1)
        self.source_combo.blockSignals(False)

    def _show_nothing(self) -> None:
        self._original_id = self._source_id = self._source_sentence = None
        self.title_label.setText(self.tr("Select a sentence to see its counterparts."))
        for box, label in ((self.original_box, self._original_label),
                           (self.original_pivot_box, self._original_pivot_label),
                           (self.counterpart_box, self._counterpart_label),
                           (self.counterpart_pivot_box, self._counterpart_pivot_label)):
            self._set_box(box, label, "", False)
        self._fill_source_combo([], None)
        self._show_diff(())
        self.score_label.clear()
        self.flags_list.clear()
        self._show_notes()
        self._set_details_visible(False)

    def _set_details_visible(self, visible: bool) -> None:
        for widget in (self.diff_view, self.score_label, self.flags_list):
            self._form.setRowVisible(widget, visible)

    def _has_original(self, original_id: str) -> bool:
        return self._workspace is not None and (
            original_id == TITLE or self._workspace.original.has_sentence(original_id))

    def _links(self, original_id: str) -> list[Link]:
        """The sentence's links, best first, that still point into this workspace."""
        if self._comparison is None:
            return []
        return [k for k in self._comparison.links_for(original_id) if self._usable(k)]

    def _usable(self, link: Link) -> bool:
        return self._has_source_sentence(link.source, link.sentence) and self._has_original(
            link.original)

    def _has_source(self, source_id: str) -> bool:
        return self._workspace is not None and any(
            s.id == source_id for s in self._workspace.sources)

    def _has_source_sentence(self, source_id: str, sentence_id: str) -> bool:
        if self._workspace is None:
            return False
        try:
            article = self._workspace.source(source_id).article
        except KeyError:
            return False
        return sentence_id == TITLE or article.has_sentence(sentence_id)

    def _sentence_name(self, sentence_id: str) -> str:
        return self.tr("Headline") if sentence_id == TITLE else sentence_id.upper()

    def _dark(self) -> bool:
        if self._dark_override is not None:
            return self._dark_override
        return self.palette().color(self.backgroundRole()).lightness() < 128

    # ---- reactions -----------------------------------------------------------------------
    def _source_chosen(self, index: int) -> None:
        source_id = self.source_combo.itemData(index)
        if self._original_id is not None and isinstance(source_id, str):
            self.show_pair(self._original_id, source_id, exact=True)

    def _option_toggled(self, _checked: bool) -> None:
        if self._original_id is not None:
            self.show_pair(self._original_id, self._source_id)
        self.options_changed.emit(self.options())

    def _activate_original(self) -> None:
        if self._original_id is not None:
            self.sentence_activated.emit(ORIGINAL, self._original_id)

    def _activate_counterpart(self) -> None:
        if self._source_sentence is not None and self._source_id is not None:
            self.sentence_activated.emit(self._source_id, self._source_sentence)
            return
        if self._comparison is None or self._original_id is None or self._source_id is None:
            return
        link = next((k for k in self._links(self._original_id) if k.source == self._source_id),
                    None)
        if link is not None:
            self.sentence_activated.emit(link.source, link.sentence)

    def _gloss_at(self, global_pos: QPoint, position: int) -> None:
        """Hovering a Chinese word shows its dictionary entry, when a dictionary is present."""
        if self._gloss is None:
            if self._gloss_state == "idle":
                self._gloss_state = "loading"
                Task(self, lambda ctx: load_cedict_lookup(), self._gloss_loaded,
                            key=f"detail-gloss-{id(self)}").failure(
                    self._gloss_failed).run()
            return
        word = self.gloss_word_at(position)
        if not word:
            QToolTip.hideText()
            return
        entry = self._gloss(word)
        if entry:
            QToolTip.showText(global_pos, plain_tooltip(f"{word}\n{entry}"), self.original_box)

    def _gloss_loaded(self, lookup: GlossLookup | None) -> None:
        self._gloss = lookup
        self._gloss_state = "ready" if lookup is not None else "unavailable"

    def _gloss_failed(self, exc: BaseException) -> None:
        log.info("gloss look-up failed to load: %s", exc)
        self._gloss_state = "unavailable"

    def gloss_word_at(self, position: int) -> str:
        """The Chinese word (jieba segmentation) under a character position of the original."""
        text = self.original_box.toPlainText()
        if not 0 <= position < len(text) or not "\u3400" <= text[position] <= "\u9fff":
            return ""
        try:
            from parallax.core.diff import tokenize_words
        except ImportError:
            return text[position]
        if self._tokens[0] != text:  # segment each sentence once, not on every mouse move
            self._tokens = (text, tokenize_words(text, "zh"))
        start = 0
        for token in self._tokens[1]:
            if start <= position < start + len(token):
                return token
            start += len(token)
        return ""

