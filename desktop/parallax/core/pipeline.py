"""Translate, then compare: the one path from a workspace to its comparison.

`parallax compare`, `parallax export`, the self-test and the window's document all call `run`,
so a workspace gives the same comparison (and the same JSON) whichever way it is opened. The
notes of both steps (articles the engine could not translate, what the comparison had to do
without) end up in one place: `Comparison.notes`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import NamedTuple

from parallax.core.compare import SEMANTIC_BUDGET, compare_workspace
from parallax.core.comparison import Comparison
from parallax.core.errors import TranslationError
from parallax.core.progress import CancelToken, ProgressCallback
from parallax.core.translate.article_translation import translate_workspace_report
from parallax.core.translate.cache import TranslationCache
from parallax.core.translate.engine import Engine
from parallax.core.translate.glossary import Glossary
from parallax.core.workspace import Workspace

log = logging.getLogger(__name__)

EngineFactory = Callable[[], Engine]
"""Makes the engine when it is needed; raises `TranslationError` when none can be started."""

NO_ENGINE_NOTE = "No translation engine could be started: texts are compared as they are."


@dataclass(frozen=True)
class Options:
    """How to translate and compare. The defaults are the command line's."""

    engine_required: bool = False  # an engine that cannot start is an error, not a note
    cache: TranslationCache | None = None  # opened and closed by the caller
    glossary: Glossary | None = None
    min_score: float | None = None  # None: the workspace's setting
    semantic: bool | None = None  # the embedding model: None when installed, False never
    semantic_budget: int | None = SEMANTIC_BUDGET


class Outcome(NamedTuple):
    workspace: Workspace  # with the translations made
    comparison: Comparison


def translate(
    workspace: Workspace,
    engine: Engine | EngineFactory | None,
    options: Options = Options(),
    on_progress: ProgressCallback | None = None,
    cancel: CancelToken | None = None,
) -> tuple[Workspace, list[str]]:
    """Add pivot translations where a text needs one; notes say what could not be done."""
    if engine is None:
        return workspace, []
    if not isinstance(engine, Engine):
        try:
            engine = engine()
        except TranslationError:
            if options.engine_required:
                raise
            log.info("no translation engine", exc_info=True)
            return workspace, [NO_ENGINE_NOTE]
    report = translate_workspace_report(workspace, engine, options.cache, on_progress, cancel,
                                        glossary=options.glossary)
    return report.workspace, list(report.notes)


def compare(
    workspace: Workspace,
    options: Options = Options(),
    notes: list[str] | tuple[str, ...] = (),
    on_progress: ProgressCallback | None = None,
    cancel: CancelToken | None = None,
) -> Comparison:
    """The comparison of `workspace`, with `notes` (from translating it) after its own."""
    comparison = compare_workspace(workspace, min_score=options.min_score,
                                   on_progress=on_progress, cancel=cancel,
                                   semantic=options.semantic,
                                   semantic_budget=options.semantic_budget)
    if notes:
        merged = tuple(dict.fromkeys([*comparison.notes, *notes]))
        comparison = replace(comparison, notes=merged)
    return comparison


def run(
    workspace: Workspace,
    engine: Engine | EngineFactory | None = None,
    options: Options = Options(),
    on_progress: ProgressCallback | None = None,
    cancel: CancelToken | None = None,
) -> Outcome:
    """Translate what needs it with `engine` (None: compare as it is), then compare.

    Progress counts the translation, then the comparison, each from zero.
    """
    workspace, notes = translate(workspace, engine, options, on_progress, cancel)
    return Outcome(workspace, compare(workspace, options, notes, on_progress, cancel))
