"""`parallax translate FILE`: translate an article offline, as text or JSON.

A progress bar goes to stderr. Ctrl-C cancels cleanly: sentences finished so far stay in the
translation cache, so running the command again continues where it stopped.
"""

from __future__ import annotations

import argparse
import sys
import threading
from typing import Any

from parallax.cli.output import write_json
from parallax.core.article import Article
from parallax.core.errors import Cancelled
from parallax.core.loaders import load_path
from parallax.core.progress import CancelToken
from parallax.core.translate.article_translation import translate_article
from parallax.core.translate.cache import TranslationCache
from parallax.core.translate.engine import MAX_BEAM_SIZE, Engine, check_count, max_threads
from parallax.core.translate.engines import ENGINE_NAMES, default_engine, get_engine
from parallax.core.workspace import TITLE, MachineTranslation


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("translate", help="translate an article offline")
    parser.add_argument("file", help="txt, md, html or docx file")
    parser.add_argument("--to", default="en", metavar="LANG", help="target language (default en)")
    parser.add_argument("--engine", choices=ENGINE_NAMES,
                        help="argos, gloss or llm (default: argos when a model fits, else gloss)")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    parser.add_argument("--beam", type=int, default=None, metavar="N",
                        help="Argos beam size (default 2; 1 is fastest)")
    parser.add_argument("--threads", type=int, default=None, metavar="N",
                        help="CPU threads (default: automatic)")
    parser.add_argument("--no-cache", action="store_true",
                        help="neither read nor write the translation cache")
    parser.set_defaults(func=run)


def _engine(args: argparse.Namespace, article: Article) -> Engine:
    if args.beam is not None:
        check_count("--beam", args.beam, 1, MAX_BEAM_SIZE)
    if args.threads is not None:
        check_count("--threads", args.threads, 0, max_threads())
    if args.engine is None:
        engine = default_engine(pivot=args.to, source=article.lang)
        if engine.name != "argos" or (args.beam is None and args.threads is None):
            return engine
        return get_engine("argos", beam_size=args.beam, threads=args.threads)
    settings: dict[str, Any] = {"threads": args.threads}
    if args.engine == "argos":
        settings["beam_size"] = args.beam
    return get_engine(args.engine, **settings)


def _translate_in_worker(article: Article, engine: Engine, target: str,
                         cache: TranslationCache | None) -> MachineTranslation:
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
                                                  cancel)
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
    if error is not None:
        raise error
    result: MachineTranslation = outcome["result"]
    return result


def translation_json(article: Article, translation: MachineTranslation) -> dict[str, Any]:
    return {
        "source": article.source,
        "engine": translation.engine,
        "engine_version": translation.engine_version,
        "is_gloss": translation.is_gloss,
        "source_lang": translation.source_lang,
        "target_lang": translation.target_lang,
        "title": {"text": article.title, "translation": translation.texts.get(TITLE, "")},
        "paragraphs": [
            {"index": p.index, "sentences": [
                {"id": s.id, "text": s.text, "translation": translation.texts.get(s.id, "")}
                for s in p.sentences]}
            for p in article.paragraphs
        ],
    }


def run(args: argparse.Namespace) -> int:
    article = load_path(args.file)
    engine = _engine(args, article)
    cache = None if args.no_cache else TranslationCache()
    try:
        translation = _translate_in_worker(article, engine, args.to, cache)
    finally:
        if cache is not None:
            cache.close()
    if args.json:
        write_json(translation_json(article, translation), None)
        return 0
    if translation.is_gloss:
        print("(dictionary gloss, not a translation)")
    print(translation.texts.get(TITLE, ""))
    for paragraph in article.paragraphs:
        print()
        for sentence in paragraph.sentences:
            print(f"[{sentence.id}] {translation.texts.get(sentence.id, '')}")
    return 0
