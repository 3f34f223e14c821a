"""The open workspace as the window sees it: the data, its file, unsaved changes, the comparison.

`Workspace` is immutable, so every change replaces it; undoable changes go through a
QUndoStack holding the workspace before and after, which makes undo exact and cheap. The
comparison is recomputed off the GUI thread (task key "compare") whenever the workspace changes;
a newer workspace supersedes a comparison still running for an older one.

The analyst's review (`Workspace.review`) is laid over the machine's comparison here
(`core.review.apply_review`): the machine's comparison is kept, so a change of the review alone
(a link, a decision, a note) is shown without comparing again.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from parallax.core.comparison import Comparison
from parallax.core.review import Review, apply_review
from parallax.core.workspace import Workspace
from parallax.ui.presentation import Presentation
from parallax.ui.tasks import Task, TaskContext, freeze_startup_heap, show_error

log = logging.getLogger(__name__)

CompareFunction = Callable[[Workspace, TaskContext], Comparison]
REFINE_BUDGET = 5000  # new sentences the background refinement embeds (about two minutes)
# Presentations kept: the one on screen and those prepared ahead of it (a comparison and a
# translation may each have prepared one).
PRESENTATIONS_KEPT = 3


def default_compare(semantic: bool | None = None, budget: int = REFINE_BUDGET
                    ) -> CompareFunction:
    """The core pipeline, comparing the workspace as it is (translation has its own
    controller). `semantic`: with the sentence-embedding model (None: when installed), or
    without it (False). `budget`: the new sentences the model may embed (0: only when every
    vector is cached already)."""

    def run(workspace: Workspace, ctx: TaskContext) -> Comparison:
        # Imported on the worker thread: numpy and rapidfuzz are not needed for the first paint.
        from parallax.core import pipeline

        # In the background the embeddings may take their time (the window already shows
        # the quick comparison): a larger budget than the command line's.
        options = pipeline.Options(semantic=semantic, semantic_budget=budget)
        return pipeline.run(workspace, None, options, ctx.progress, ctx.cancel).comparison

    return run


def semantic_model_available() -> bool:
    """Whether the sentence-embedding model is installed (a metadata look-up, no import of the
    model or of numpy)."""
    from parallax.core.semantic import unavailable_reason

    return unavailable_reason() is None


@dataclass(frozen=True)
class _Compared:
    """A finished comparison: the machine's, and the same with the review laid over it."""

    machine: Comparison
    reviewed: Comparison
    refined: bool  # made with the sentence-embedding model (the refinement)


def _same_but_review(a: Workspace | None, b: Workspace) -> bool:
    """Whether two workspaces differ in their review at most (so the machine's comparison of
    one is the other's too)."""
    return a is not None and (a is b or replace(a, review=b.review) == b)


Transform = Callable[[Workspace], Workspace]


class _Change(QUndoCommand):
    """One undoable change, applied to whatever the workspace is when (un)done, so that machine
    output arriving between an edit and its undo is kept."""

    def __init__(self, document: WorkspaceDocument, redo: Transform, undo: Transform,
                 text: str) -> None:
        super().__init__(text)
        self._document = document
        self._redo = redo
        self._undo = undo

    def redo(self) -> None:
        self._document._replace(self._redo(self._document.workspace))

    def undo(self) -> None:
        self._document._replace(self._undo(self._document.workspace))


class WorkspaceDocument(QObject):
    workspace_changed = Signal(object)  # Workspace
    comparison_changed = Signal(object)  # Comparison | None
    comparing_changed = Signal(bool)
    selection_changed = Signal(str, str)  # key, sentence id
    dirty_changed = Signal(bool)
    path_changed = Signal(object)  # Path | None

    def __init__(self, workspace: Workspace, path: Path | None = None,
                 parent: QObject | None = None, *,
                 compare: CompareFunction | bool | None = True, dirty: bool = False,
                 start: bool = True) -> None:
        """`compare`: True for the core comparison, a function to use instead, or False/None
        to show no alignment. `dirty`: the workspace has unsaved changes (restored work).
        `start=False` holds the first comparison until `start()`, so a window can paint before
        background work competes with it; the document counts as comparing meanwhile."""
        super().__init__(parent)
        self._workspace = workspace
        self._path = path
        self._dirty = dirty
        self._unsaved_update = dirty  # changes outside the undo history
        self._comparison: Comparison | None = None
        self._comparing = False
        self._selection: tuple[str, str] | None = None
        # With the embedding model, the comparison is shown first without it (it can take
        # seconds to embed a new article) and refined when the embeddings arrive. When every
        # sentence's vector is cached already, the first comparison uses them: no second run.
        self._refine: CompareFunction | None = None
        self._compare: CompareFunction | None
        if compare is True and semantic_model_available():
            self._compare = default_compare(semantic=None, budget=0)
            self._refine = default_compare(semantic=True)
        else:
            self._compare = default_compare() if compare is True else (compare or None)
        self._refined_for: Workspace | None = None  # the workspace the refinement is for
        self._running_for: Workspace | None = None  # the workspace the running task compares
        self._shown_for: Workspace | None = None  # the workspace of the comparison shown
        self._task: Task[_Compared] | None = None
        self._machine: _Compared | None = None  # the last machine comparison, without review
        self._machine_for: Workspace | None = None  # the workspace it was made for
        self._compare_again = False  # the workspace changed while a comparison ran
        # The views' data per (workspace, comparison), newest last; made on worker threads.
        self._presentations: list[Presentation] = []
        self._presentations_lock = threading.Lock()
        self.undo_stack = QUndoStack(self)
        self.undo_stack.cleanChanged.connect(self._on_clean_changed)
        self._held = not start
        if self._held and self._compare is not None:
            self._set_comparing(True)
        else:
            self.recompare()

    def start(self) -> None:
        """Run the comparison held back by `start=False` (no-op otherwise)."""
        if self._held:
            self._held = False
            self.recompare()

    # ---- state ---------------------------------------------------------------------------
    @property
    def workspace(self) -> Workspace:
        return self._workspace

    @property
    def comparison(self) -> Comparison | None:
        return self._comparison

    @property
    def path(self) -> Path | None:
        return self._path

    @property
    def dirty(self) -> bool:
        return self._dirty

    @property
    def comparing(self) -> bool:
        """True while a comparison for the current workspace is being computed."""
        return self._comparing

    @property
    def selection(self) -> tuple[str, str] | None:
        return self._selection

    @property
    def display_name(self) -> str:
        if self._path is not None:
            return self._path.name
        return self._workspace.original.title or "Untitled"

    # ---- changes -------------------------------------------------------------------------
    def reset(self, workspace: Workspace, path: Path | None = None, *, dirty: bool = False) -> None:
        """Open another workspace: history is cleared, nothing of the old one is kept."""
        self._unsaved_update = dirty
        self.undo_stack.clear()
        self._path = path
        self.path_changed.emit(path)
        self._selection = None
        self._replace(workspace)

    def change(self, workspace: Workspace, description: str) -> None:
        """An undoable change (an edit, a source added or removed, reordered...)."""
        if workspace == self._workspace:
            return
        before = self._workspace
        self.undo_stack.push(_Change(self, lambda _ws: workspace, lambda _ws: before, description))

    def update(self, workspace: Workspace) -> None:
        """A change that is not undone by Undo (machine output arriving); marks dirty."""
        if workspace == self._workspace:
            return
        self._unsaved_update = True
        self._replace(workspace)

    def apply_edit(self, key: str, sentence_id: str, text: str | None) -> None:
        """A hand edit of a translation; None removes it, showing machine output again."""
        current = self._workspace.translation_text(key, sentence_id)
        edited = self._workspace.edits.get(key, {}).get(sentence_id)
        if (text is None and edited is None) or (text is not None and text == current):
            return  # nothing would change
        description = (
            self.tr("Edit translation") if text is not None else self.tr("Revert translation")
        )
        self.undo_stack.push(_Change(
            self,
            lambda ws: ws.with_edit(key, sentence_id, text),
            lambda ws: ws.with_edit(key, sentence_id, edited),
            description,
        ))

    def select(self, key: str, sentence_id: str) -> None:
        if self._selection == (key, sentence_id):
            return
        self._selection = (key, sentence_id)
        self.selection_changed.emit(key, sentence_id)

    def _replace(self, workspace: Workspace) -> None:
        self._workspace = workspace
        self.workspace_changed.emit(workspace)
        self._refresh_dirty()
        self.recompare()

    def _on_clean_changed(self, _clean: bool) -> None:
        self._refresh_dirty()

    def _refresh_dirty(self) -> None:
        dirty = self._unsaved_update or not self.undo_stack.isClean()
        if dirty != self._dirty:
            self._dirty = dirty
            self.dirty_changed.emit(dirty)

    # ---- files ---------------------------------------------------------------------------
    def save(self, path: Path | None = None) -> Path:
        """Save atomically to `path` (or the current file); raises WorkspaceError."""
        target = path or self._path
        if target is None:
            raise ValueError("save() needs a path for a workspace never saved")
        self._workspace.save(target)
        if target != self._path:
            self._path = target
            self.path_changed.emit(target)
        self._unsaved_update = False
        self.undo_stack.setClean()
        self._refresh_dirty()
        log.info("saved workspace to %s", target)
        return target

    # ---- comparison ----------------------------------------------------------------------
    def recompare(self) -> None:
        if self._held:
            return  # start() will compare the workspace as it is then
        compare = self._compare
        if compare is None:
            self._set_comparing(False)
            return
        self._set_comparing(True)
        if self._task is not None:
            # One comparison at a time: the running one is stopped, and the newest workspace
            # is compared once it has. Two at once share the comparison's caches and
            # stemmers, which are not made for concurrent use.
            self._task.cancel()
            self._compare_again = True
            return
        workspace = self._workspace
        machine = self._machine
        if machine is not None and _same_but_review(self._machine_for, workspace):
            # Only the review changed: lay it over the machine's comparison, no new run.
            if machine.refined:
                self._refined_for = workspace
            self._run_compare(lambda _ws, _ctx: machine.machine, workspace, machine.refined)
            return
        self._refined_for = None
        self._run_compare(compare, workspace)

    def _run_compare(self, compare: CompareFunction, workspace: Workspace,
                     refined: bool | None = None) -> None:
        self._running_for = workspace
        refined = compare is self._refine if refined is None else refined
        review = workspace.review
        # The machine compares without the review (kept apart, so that the review alone can
        # change later without a new run); the review is laid over its result here.
        bare = workspace if review.empty else replace(workspace, review=Review())

        def op(ctx: TaskContext) -> _Compared:
            machine = compare(bare, ctx)
            comparison = apply_review(machine, review, workspace)
            if not ctx.cancel.cancelled:
                self.prepare(workspace, comparison)
            return _Compared(machine, comparison, refined or machine.embedded)

        self._task = (
            Task(self, op, self._on_compared, key="compare")
            .failure(self._on_compare_failed)
            .always(self._on_compare_ended)
            .run()
        )

    def _on_compare_ended(self) -> None:
        self._task = None
        if self._compare_again:
            self._compare_again = False
            self.recompare()
        elif (self._refine is not None and self._shown_for is self._workspace
              and self._refined_for is not self._workspace):
            # The quick comparison is on screen: refine it with the embeddings.
            self._refined_for = self._workspace
            self._set_comparing(True)
            self._run_compare(self._refine, self._workspace)

    def presentation(self, workspace: Workspace, comparison: Comparison | None) -> Presentation:
        """The views' data for this workspace and comparison: the one made already (perhaps
        by `prepare` on a worker thread), else a new one that reuses what the newest one
        made. Safe from any thread."""
        with self._presentations_lock:
            for made in reversed(self._presentations):
                if made.is_for(workspace, comparison):
                    return made
            previous = self._presentations[-1] if self._presentations else None
            made = Presentation(workspace, comparison, previous)
            self._presentations = [*self._presentations[1 - PRESENTATIONS_KEPT:], made]
            return made

    def prepare(self, workspace: Workspace, comparison: Comparison | None) -> None:
        """Make the views' data on a worker thread after a comparison or a translation, so
        that the views find it made when the result reaches the GUI thread; a failure only
        costs the head start."""
        try:
            self.presentation(workspace, comparison).prepare()
        except Exception:
            log.exception("preparing views for the GUI thread failed")

    def _on_compared(self, result: _Compared) -> None:
        comparison = result.reviewed
        self._machine, self._machine_for = result, self._running_for
        if result.refined:
            self._refined_for = self._running_for  # nothing left to refine
        self._comparison = comparison
        self._shown_for = self._running_for
        self._set_comparing(False)
        self.comparison_changed.emit(comparison)
        freeze_startup_heap()  # the comparison's start-up (dictionaries) is done by now

    def _on_compare_failed(self, exc: BaseException) -> None:
        self._set_comparing(False)
        parent = self.parent()
        show_error(parent if parent is not None else self, exc)

    def _set_comparing(self, comparing: bool) -> None:
        if comparing != self._comparing:
            self._comparing = comparing
            self.comparing_changed.emit(comparing)
