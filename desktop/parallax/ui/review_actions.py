"""The analyst's review in the window: link / unlink a pair, confirm / dismiss a flag, notes.

Every action is one undoable change of `Workspace.review` through `WorkspaceDocument.change`
(Ctrl+Z takes it back); the document lays the review over the machine's comparison without
comparing again. Linking takes the original sentence selected last and the source sentence
selected now (select the original sentence, then its counterpart, then Link). The flag actions
act on the current row of the differences list; their keys (Ctrl+Enter, Delete) work while
the list has the focus, and they are its context menu.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QWidget

from parallax.core.comparison import Decision, Flag, Link
from parallax.core.workspace import ORIGINAL, TITLE, Workspace
from parallax.ui.dialogs.note import NoteDialog
from parallax.ui.document import WorkspaceDocument
from parallax.ui.flags_model import flag_label
from parallax.ui.views.diff_detail import DiffDetailPane, sentence_text
from parallax.ui.views.flags_list import FlagsNavigator

NAMES = ("link_pair", "unlink_pair", "confirm_flag", "dismiss_flag", "flag_note",
         "sentence_note")


class ReviewActions(QObject):
    """The review actions of one window (`actions[name]`, names in `NAMES`)."""

    def __init__(self, window: QWidget, document: WorkspaceDocument,
                 navigator: FlagsNavigator, detail: DiffDetailPane) -> None:
        super().__init__(window)
        self._window = window
        self._document = document
        self._navigator = navigator
        self._detail = detail
        self._anchor: str | None = None  # the original sentence selected last
        self.actions: dict[str, QAction] = {}

        self._add("link_pair", self.tr("&Link to Selected Original Sentence"), self.link,
                  "Ctrl+L", self.tr("Link the selected sentence to the original sentence "
                                    "selected before it"))
        self._add("unlink_pair", self.tr("&Unlink This Pair"), self.unlink, None,
                  self.tr("Remove the link of the pair shown in the Selected pair panel"))
        self._add("sentence_note", self.tr("Add &Note…"), self.note_on_sentence,
                  "Ctrl+Shift+N", self.tr("A note on the selected sentence"))
        flag_actions = (
            self._add("confirm_flag", self.tr("&Confirm Flag"),
                      lambda: self.decide("confirmed"), "Ctrl+Return",
                      self.tr("Mark the current difference as confirmed (again: undecided)")),
            self._add("dismiss_flag", self.tr("&Dismiss Flag"),
                      lambda: self.decide("dismissed"), "Delete",
                      self.tr("Mark the current difference as dismissed: greyed, and skipped "
                              "by Next Difference (again: undecided)")),
            self._add("flag_note", self.tr("Add Note to &Flag…"), self.note_on_flag, None,
                      self.tr("A note on the current difference")),
        )
        self.actions["confirm_flag"].setShortcuts(
            [QKeySequence("Ctrl+Return"), QKeySequence("Ctrl+Enter")])
        for action in flag_actions:
            # Keys only while the differences list has the focus: Delete elsewhere (in a
            # text field) keeps its usual meaning.
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            navigator.view.addAction(action)
        for name in ("link_pair", "unlink_pair", "sentence_note"):
            window.addAction(self.actions[name])  # their keys work with the menu hidden
        # Short words on the Selected pair panel's buttons (the panel lives in a narrow dock).
        self.actions["link_pair"].setIconText(self.tr("Link"))
        self.actions["unlink_pair"].setIconText(self.tr("Unlink"))
        self.actions["sentence_note"].setIconText(self.tr("Note…"))

        document.selection_changed.connect(self._on_selection)
        document.comparison_changed.connect(lambda _c: self.update())
        document.workspace_changed.connect(lambda _w: self.update())
        navigator.view.selectionModel().currentChanged.connect(lambda *_: self.update())
        navigator.proxy.modelReset.connect(self.update)
        self.update()

    def _add(self, name: str, text: str, slot: object, shortcut: str | None,
             tip: str) -> QAction:
        action = QAction(text, self._window)
        action.setObjectName(name)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        action.setToolTip(f"{tip} ({keys})" if keys else tip)
        action.setStatusTip(tip)
        assert callable(slot)
        action.triggered.connect(lambda _checked=False: slot())
        self.actions[name] = action
        return action

    # ---- what the actions act on ---------------------------------------------------------
    def link_candidate(self) -> tuple[str, str, str] | None:
        """(original sentence, source, source sentence) that Link would link, if any."""
        selection = self._document.selection
        workspace = self._document.workspace
        if selection is None or self._anchor is None or selection[0] == ORIGINAL:
            return None
        key, sentence_id = selection
        if not any(s.id == key for s in workspace.sources):
            return None
        if not (self._anchor == TITLE or workspace.original.has_sentence(self._anchor)):
            return None
        comparison = self._document.comparison
        if comparison is not None and any(
                link.original == self._anchor for link in comparison.links_to(key, sentence_id)):
            return None  # already linked
        return self._anchor, key, sentence_id

    def shown_link(self) -> Link | None:
        """The pair the Selected pair panel shows, when it is a link."""
        original_id, source_id = self._detail.current_pair()
        comparison = self._document.comparison
        if comparison is None or original_id is None or source_id is None:
            return None
        return comparison.best_link(original_id, source_id)

    def note_target(self) -> tuple[str, str] | None:
        selection = self._document.selection
        if selection is None:
            return None
        key, sentence_id = selection
        try:
            article = self._document.workspace.article(key)
        except KeyError:
            return None
        return selection if sentence_id == TITLE or article.has_sentence(sentence_id) else None

    # ---- the actions ---------------------------------------------------------------------
    def link(self) -> None:
        candidate = self.link_candidate()
        if candidate is None:
            return
        workspace = self._document.workspace
        self._change(workspace.with_review(workspace.review.with_link(*candidate)),
                     self.tr("Link pair"))

    def unlink(self) -> None:
        link = self.shown_link()
        if link is None:
            return
        workspace = self._document.workspace
        self._change(workspace.with_review(
            workspace.review.without_link(link.original, link.source, link.sentence)),
            self.tr("Unlink pair"))

    def decide(self, decision: Decision) -> None:
        """Confirm or dismiss the current flag; the same decision again takes it back."""
        flag = self._navigator.current_flag()
        if flag is None:
            return
        workspace = self._document.workspace
        new: Decision | None = None if flag.decision == decision else decision
        text = {None: self.tr("Clear flag decision"), "confirmed": self.tr("Confirm flag"),
                "dismissed": self.tr("Dismiss flag")}[new]
        self._change(workspace.with_review(workspace.review.with_decision(flag, new)), text)

    def note_on_flag(self) -> None:
        flag = self._navigator.current_flag()
        if flag is None:
            return
        about = f"{flag_label(flag.kind)}: «{flag.text}»\n{flag.detail}"
        text = self._ask_note(about, flag.note)
        if text is not None:
            workspace = self._document.workspace
            self._change(workspace.with_review(workspace.review.with_flag_note(flag, text)),
                         self.tr("Edit note"))

    def link_to(self, key: str, sentence_id: str) -> None:
        """Link a source sentence (from a column's context menu) to the original sentence
        selected last."""
        self._document.select(key, sentence_id)
        self.link()

    def note_on(self, key: str, sentence_id: str) -> None:
        """A note on a sentence (from a column's context menu)."""
        self._document.select(key, sentence_id)
        self.note_on_sentence()

    def note_on_sentence(self) -> None:
        target = self.note_target()
        if target is None:
            return
        workspace = self._document.workspace
        key, sentence_id = target
        text = self._ask_note(sentence_text(workspace, key, sentence_id),
                              workspace.review.note(key, sentence_id) or "")
        if text is not None:
            self._change(workspace.with_review(workspace.review.with_note(key, sentence_id, text)),
                         self.tr("Edit note"))

    def note_dialog(self, about: str, current: str) -> NoteDialog:
        return NoteDialog(about, current, self._window)

    def _ask_note(self, about: str, current: str) -> str | None:
        """The note typed ("" to remove it), or None when cancelled."""
        dialog = self.note_dialog(about, current)
        if dialog.exec() != QDialog.DialogCode.Accepted.value:
            return None
        return dialog.text() or ""

    def _change(self, workspace: Workspace, description: str) -> None:
        self._document.change(workspace, description)

    # ---- state ---------------------------------------------------------------------------
    def _on_selection(self, key: str, sentence_id: str) -> None:
        if key == ORIGINAL:
            self._anchor = sentence_id
        self.update_soon()

    def update_soon(self) -> None:
        """Update once the views have followed the change (the panel shows its new pair)."""
        QTimer.singleShot(0, self, self.update)

    def update(self) -> None:
        candidate = self.link_candidate()
        link = self.actions["link_pair"]
        link.setEnabled(candidate is not None)
        if candidate is not None:
            name = self.tr("Headline") if candidate[0] == TITLE else candidate[0].upper()
            link.setText(self.tr("&Link to Original %1").replace("%1", name))
        else:
            link.setText(self.tr("&Link to Selected Original Sentence"))
        self.actions["unlink_pair"].setEnabled(self.shown_link() is not None)
        self.actions["sentence_note"].setEnabled(self.note_target() is not None)
        flag: Flag | None = self._navigator.current_flag()
        for name in ("confirm_flag", "dismiss_flag", "flag_note"):
            self.actions[name].setEnabled(flag is not None)
