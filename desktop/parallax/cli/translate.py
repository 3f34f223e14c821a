"""`parallax translate FILE`: translate an article offline, as text or JSON.

A progress bar goes to stderr. Ctrl-C cancels cleanly: sentences finished so far stay in the
translation cache, so running the command again continues where it stopped (the same holds when
a translation server stops answering: exit 2, one line, and a re-run resumes).

`add_engine_options` and `engine_from_args` are shared with `parallax compare`.
"""

from __future__ import annotations

import argparse
import sys
import threading
from pathlib import Path
from typing import Any

from parallax.cli.output import write_json
from parallax.core.article import Article
from parallax.core.errors import Cancelled, InputError
from parallax.core.loaders import load_path
from parallax.core.progress import CancelToken
from parallax.core.translate.article_translation import translate_article
from parallax.core.translate.cache import TranslationCache
from parallax.core.translate.checks import CHECK_LABELS, summary_line
from parallax.core.translate.engine import MAX_BEAM_SIZE, Engine, check_count, max_threads
from parallax.core.translate.engines import (
    ENGINE_NAMES,
    SERVER_ENGINES,
    best_local_engine,
    get_engine,
)
from parallax.core.translate.glossary import Glossary, glossary_with_file
from parallax.core.translate.server import API_KEY_ENV, ServerError, check_concurrency
from parallax.core.workspace import TITLE, MachineTranslation


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("translate", help="translate an article offline")
    parser.add_argument("file", help="txt, md, html or docx file")
    parser.add_argument("--to", default="en", metavar="LANG", help="target language (default en)")
    add_engine_options(parser)
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    parser.add_argument("--no-cache", action="store_true",
                        help="neither read nor write the translation cache")
    parser.set_defaults(func=run)


def add_engine_options(parser: argparse.ArgumentParser) -> None:
    """The engine options `translate` and `compare` share."""
    group = parser.add_argument_group("translation engine")
    group.add_argument("--engine", choices=ENGINE_NAMES,
                       help=f"{', '.join(ENGINE_NAMES)} (default: argos when a model fits, "
                            "else llm when a GGUF model is registered, else the dictionary "
                            "gloss; never a server)")
    group.add_argument("--server", metavar="URL",
                       help="openai: the endpoint's base URL (http://127.0.0.1:8080/v1); "
                            "libretranslate: the server's URL")
    group.add_argument("--model", metavar="NAME",
                       help="llm: a registered GGUF name or a .gguf path; openai: the model "
                            "name the server knows")
    group.add_argument("--concurrency", type=int, default=None, metavar="N",
                       help="server engines: requests in flight (default 4, at most 32)")
    group.add_argument("--glossary", metavar="FILE",
                       help="a zh->en glossary (TSV: term<TAB>translation) added to the "
                            "shipped one; used in LLM prompts and in every engine's checks")
    group.add_argument("--api-key-env", metavar="VAR", default=None,
                       help=f"server engines: the environment variable holding the API key "
                            f"(default {API_KEY_ENV}); the key itself is never stored")
    group.add_argument("--allow-insecure", action="store_true",
                       help="allow http:// (unencrypted) to a server on another machine")
    group.add_argument("--beam", type=int, default=None, metavar="N",
                       help="Argos beam size (default 2; 1 is fastest)")
    group.add_argument("--threads", type=int, default=None, metavar="N",
                       help="CPU threads for argos and llm (default: automatic; argos: one "
                            "batch per core but one at a time, at most 4)")


def glossary_from_args(args: argparse.Namespace) -> Glossary | None:
    path = getattr(args, "glossary", None)
    return glossary_with_file(Path(path)) if path else None


def engine_from_args(args: argparse.Namespace, source: str, target: str) -> Engine:
    """The engine the options name, checked: every mistake is one line (exit 2)."""
    name = getattr(args, "engine", None)
    if args.beam is not None:
        check_count("--beam", args.beam, 1, MAX_BEAM_SIZE)
    if args.threads is not None:
        check_count("--threads", args.threads, 0, max_threads())
    if args.concurrency is not None:
        check_concurrency(args.concurrency)
    server_options = [flag for flag, value in (("--server", args.server),
                                               ("--concurrency", args.concurrency),
                                               ("--api-key-env", args.api_key_env),
                                               ("--allow-insecure", args.allow_insecure))
                      if value]
    if server_options and name not in SERVER_ENGINES:
        raise InputError(f"{server_options[0]} is for --engine openai or libretranslate.")
    if args.model and name not in ("llm", "openai"):
        raise InputError("--model is for --engine llm or openai.")
    glossary = glossary_from_args(args)
    if name is None:
        engine = best_local_engine(pivot=target, source=source)
        if engine.name not in ("argos", "llm") or (
                args.beam is None and args.threads is None and glossary is None):
            return engine
        name = engine.name  # the options given apply to the engine chosen
    settings: dict[str, Any] = {}
    if name == "argos":
        settings.update(beam_size=args.beam, threads=args.threads)
    elif name == "llm":
        settings.update(threads=args.threads, model=args.model)
        if glossary is not None:
            settings["glossary"] = glossary
    elif name in SERVER_ENGINES:
        settings.update(server=args.server, model=args.model, concurrency=args.concurrency,
                        api_key_env=args.api_key_env, allow_insecure=args.allow_insecure)
        if glossary is not None and name == "openai":
            settings["glossary"] = glossary
    return get_engine(name, **settings)


def resumable(error: ServerError, cache: TranslationCache | None) -> ServerError:
    """The server's one line, saying what became of the sentences already translated."""
    kept = ("Sentences translated so far are kept in the cache: run the command again to "
            "continue." if cache is not None else "Nothing was kept (--no-cache).")
    return type(error)(f"{error} {kept}")


def _translate_in_worker(article: Article, engine: Engine, target: str,
                         cache: TranslationCache | None,
                         glossary: Glossary | None = None) -> MachineTranslation:
    """Translate on a worker thread so Ctrl-C on the main thread becomes a clean cancel."""
    from tqdm import tqdm

    cancel = CancelToken()
    outcome: dict[str, Any] = {}
    bar = tqdm(total=0, unit="sent", file=sys.stderr, disable=None, leave=False,
               desc=f"{engine.name} {article.lang}->{target}")

    def progress(done: int, total: int) -> None:
        bar.total = total
        bar.n = done
        bar.refresh()

    def work() -> None:
        try:
            outcome["result"] = translate_article(article, engine, target, cache, progress,
                                                  cancel, glossary=glossary)
        except BaseException as exc:  # handed to the main thread below
            outcome["error"] = exc
        finally:
            finished.set()

    # An Event, not Thread.join: a join interrupted by Ctrl-C can wrongly report the thread done.
    finished = threading.Event()
    threading.Thread(target=work, name="translate", daemon=True).start()
    try:
        while not finished.wait(0.1):
            pass
    except KeyboardInterrupt:
        cancel.cancel()
        finished.wait()
    finally:
        bar.close()
    error = outcome.get("error")
    if isinstance(error, Cancelled):
        kept = len(error.partial)
        where = "kept in the cache" if cache is not None else "not kept (--no-cache)"
        raise Cancelled(f"Cancelled; {kept} translated sentences are {where}.",
                        partial=error.partial)
    if isinstance(error, ServerError):
        raise resumable(error, cache)
    if error is not None:
        raise error
    result: MachineTranslation = outcome["result"]
    return result


def translation_json(article: Article, translation: MachineTranslation) -> dict[str, Any]:
    checks = translation.checks

    def found(key: str) -> list[dict[str, str]]:
        return [dict(c) for c in checks.get(key, ())]

    return {
        "source": article.source,
        "engine": translation.engine,
        "engine_version": translation.engine_version,
        "server": translation.server or None,
        "model": translation.model or None,
        "model_version": translation.model_version or None,
        "is_gloss": translation.is_gloss,
        "source_lang": translation.source_lang,
        "target_lang": translation.target_lang,
        "title": {"text": article.title, "translation": translation.texts.get(TITLE, ""),
                  "checks": found(TITLE)},
        "paragraphs": [
            {"index": p.index, "sentences": [
                {"id": s.id, "text": s.text, "translation": translation.texts.get(s.id, ""),
                 "checks": found(s.id)}
                for s in p.sentences]}
            for p in article.paragraphs
        ],
    }


def checks_text(translation: MachineTranslation, key: str) -> str:
    """`  [check: Chinese left in the output: 院长; ...]` for a flagged sentence, else ''."""
    found = translation.checks.get(key, ())
    if not found:
        return ""
    labels = [CHECK_LABELS.get(c.get("kind", ""), c.get("kind", "")) + (
        f": {c['detail']}" if c.get("detail") else "") for c in found]
    return f"  [check: {'; '.join(labels)}]"


def checks_summary(translation: MachineTranslation) -> str:
    """One line counting the flagged sentences, or ''."""
    from parallax.core.translate.checks import SentenceCheck

    return summary_line({k: tuple(SentenceCheck.from_dict(c) for c in v)
                         for k, v in translation.checks.items()})


def run(args: argparse.Namespace) -> int:
    article = load_path(args.file)
    engine = engine_from_args(args, article.lang, args.to)
    glossary = glossary_from_args(args)
    cache = None if args.no_cache else TranslationCache()
    try:
        translation = _translate_in_worker(article, engine, args.to, cache, glossary)
    finally:
        if cache is not None:
            cache.close()
    summary = checks_summary(translation)
    if summary:
        print(f"parallax: checks: {summary}", file=sys.stderr)
    if args.json:
        write_json(translation_json(article, translation), None)
        return 0
    if translation.is_gloss:
        print("(dictionary gloss, not a translation)")
    print(translation.texts.get(TITLE, "") + checks_text(translation, TITLE))
    for paragraph in article.paragraphs:
        print()
        for sentence in paragraph.sentences:
            print(f"[{sentence.id}] {translation.texts.get(sentence.id, '')}"
                  f"{checks_text(translation, sentence.id)}")
    return 0
