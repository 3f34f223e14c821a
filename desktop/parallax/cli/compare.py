"""`parallax compare ORIGINAL [REPORT ...]`: align, diff and flag, as JSON or a summary."""

from __future__ import annotations

import argparse
import logging
from collections import Counter
from pathlib import Path
from typing import Any

from parallax.cli.output import write_json
from parallax.core.compare_json import comparison_to_json
from parallax.core.comparison import FLAG_LABELS, Comparison
from parallax.core.errors import InputError, TranslationError
from parallax.core.loaders import load_path
from parallax.core.workspace import Workspace

log = logging.getLogger(__name__)


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "compare", help="compare an article with its translations and other outlets' reports",
        description="Align each report with the original claim by claim, each translation "
                    "sentence by sentence; show word-level differences and framing flags.",
    )
    parser.add_argument("original", help="the article to compare (txt, md, html or docx)")
    parser.add_argument("reports", nargs="*", metavar="REPORT",
                        help="other outlets' reports of the same events")
    parser.add_argument("--translation", action="append", default=[], metavar="FILE",
                        help="a translation of the original (repeatable)")
    parser.add_argument("--json", metavar="OUT", help="write the comparison as JSON (- = stdout)")
    parser.add_argument("--workspace", metavar="OUT.parallax",
                        help="save everything as a workspace file")
    parser.add_argument("--min-score", type=float, default=None, metavar="X",
                        help="lowest similarity (0..1) that still links two claims")
    parser.add_argument("--engine", choices=("argos", "gloss"), default=None,
                        help="translation engine for texts not in English (default: argos when "
                             "a model is installed, else the dictionary gloss)")
    parser.add_argument("--no-cache", action="store_true", help="do not use the translation cache")
    parser.set_defaults(func=run)


def build_workspace(args: argparse.Namespace) -> Workspace:
    workspace = Workspace(load_path(args.original))
    for path in args.translation:
        workspace = workspace.with_source(load_path(path), "translation", Path(path).name)
    for path in args.reports:
        workspace = workspace.with_source(load_path(path), "report", Path(path).name)
    if args.min_score is not None:
        if not 0.0 <= args.min_score <= 1.0:
            raise InputError("--min-score must be between 0 and 1.")
        workspace = workspace.with_settings(min_score=args.min_score)
    return workspace


def translate(workspace: Workspace, engine_name: str | None, use_cache: bool) -> tuple[
        Workspace, list[str]]:
    """Add pivot translations where a text needs one; notes say what could not be done."""
    pivot = workspace.settings.pivot_lang
    try:
        from parallax.core.translate.article_translation import translate_workspace_report
        from parallax.core.translate.cache import TranslationCache
        from parallax.core.translate.engines import default_engine, get_engine
    except ImportError:  # an installation without the translation package
        return workspace, ["No translation engine is available: texts are compared as they are."]
    try:
        engine = (get_engine(engine_name) if engine_name
                  else default_engine(pivot=pivot, source=workspace.original.lang))
    except TranslationError:
        if engine_name:
            raise
        return workspace, ["No translation engine could be started: texts are compared as "
                           "they are."]
    cache = TranslationCache() if use_cache else None
    try:
        report = translate_workspace_report(workspace, engine, cache)
    finally:
        if cache is not None:
            cache.close()
    return report.workspace, list(report.notes)


def summary(workspace: Workspace, comparison: Comparison) -> str:
    lines = [f"Original: {workspace.original.title} ({workspace.original.sentence_count} "
             "sentences)"]
    for source in workspace.sources:
        links = [link for link in comparison.links if link.source == source.id]
        linked = len({link.sentence for link in links})
        lines.append(f"  {source.id} {source.role:<11} {source.display_name}: {linked} of "
                     f"{source.article.sentence_count} sentences linked")
    counts = Counter(flag.kind for flag in comparison.flags)
    if counts:
        lines.append("Flags:")
        lines += [f"  {FLAG_LABELS[kind]}: {n}" for kind, n in sorted(counts.items())]
    if comparison.report_only:
        sure = sum(1 for r in comparison.report_only if r.confident)
        lines.append(f"Claims only a report makes: {len(comparison.report_only)} "
                     f"({sure} with nothing close in the original)")
    lines += [f"Note: {note}" for note in comparison.notes]
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    workspace = build_workspace(args)
    workspace, notes = translate(workspace, args.engine, not args.no_cache)
    from parallax.core.compare import compare_workspace  # numpy: not for `parallax --help`

    comparison = compare_workspace(workspace)
    if notes:
        comparison = Comparison(comparison.links, comparison.flags,
                                tuple(dict.fromkeys([*comparison.notes, *notes])),
                                comparison.report_only)
    if args.workspace:
        workspace.save(args.workspace)
    if args.json:
        write_json(comparison_to_json(workspace, comparison), args.json)
    if args.json != "-":
        print(summary(workspace, comparison))
    return 0
