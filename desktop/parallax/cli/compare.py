"""`parallax compare ORIGINAL [REPORT ...]`: align, diff and flag, as JSON or a summary."""

from __future__ import annotations

import argparse
import logging
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from parallax.cli.output import check_outputs, write_json
from parallax.core.compare_json import comparison_to_json
from parallax.core.comparison import FLAG_LABELS, Comparison
from parallax.core.errors import InputError
from parallax.core.loaders import load_path
from parallax.core.workspace import Workspace

if TYPE_CHECKING:
    from parallax.core.pipeline import Outcome
    from parallax.core.translate.engine import Engine

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
    from parallax.cli.translate import add_engine_options

    add_engine_options(parser)  # the engine for texts not in English, as `translate` has it
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


def translate_and_compare(workspace: Workspace, args: argparse.Namespace | str | None,
                          use_cache: bool) -> Outcome:
    """`core.pipeline.run` with the engine the options name (`add_engine_options`; a bare
    engine name also works): a named engine must start, the default one may be missing."""
    # numpy and the engines: not for `parallax --help`
    from parallax.cli.translate import engine_from_args, glossary_from_args, resumable
    from parallax.core import pipeline
    from parallax.core.translate.cache import TranslationCache
    from parallax.core.translate.server import ServerError

    if not isinstance(args, argparse.Namespace):
        args = argparse.Namespace(engine=args, server=None, model=None, concurrency=None,
                                  glossary=None, api_key_env=None, allow_insecure=False,
                                  beam=None, threads=None)
    options = args

    def engine() -> Engine:
        return engine_from_args(options, workspace.original.lang, workspace.settings.pivot_lang)

    cache = TranslationCache() if use_cache else None
    try:
        return pipeline.run(workspace, engine, pipeline.Options(
            engine_required=bool(args.engine), cache=cache, glossary=glossary_from_args(args)))
    except ServerError as exc:
        raise resumable(exc, cache) from None
    finally:
        if cache is not None:
            cache.close()


def translation_lines(workspace: Workspace) -> list[str]:
    """Per machine-translated text: engine, server and model, and its checks' counts."""
    from parallax.cli.translate import checks_summary

    lines: list[str] = []
    for key, translation in workspace.translations.items():
        where = ", ".join(x for x in (translation.server, translation.model) if x)
        engine = f"{translation.engine} ({where})" if where else translation.engine
        checks = checks_summary(translation)
        lines.append(f"  {key}: {engine}" + (f"; {checks}" if checks else ""))
    return ["Machine translation:", *lines] if lines else []


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
    # Before any work: never an output over one of this command's inputs or a device.
    check_outputs([args.json, args.workspace],
                  [args.original, *args.reports, *args.translation])
    workspace, comparison = translate_and_compare(build_workspace(args), args,
                                                  not args.no_cache)
    if args.workspace:
        workspace.save(args.workspace)
    if args.json:
        write_json(comparison_to_json(workspace, comparison), args.json)
    if args.json != "-":
        print(summary(workspace, comparison))
        for line in translation_lines(workspace):
            print(line)
    return 0
