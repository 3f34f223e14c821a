"""Translating whole articles and workspaces through an engine and the sentence cache.

Only sentences the cache lacks reach the engine; results are stored as soon as they are done
(per sentence for engines with `translate_items`, else per chunk), so a cancel, a crash or a
server that dies loses little and reopening costs nothing. Fallbacks are never stored.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from parallax.core.article import Article
from parallax.core.errors import Cancelled, LanguagePairError, TranslationError
from parallax.core.language import base_language, same_language
from parallax.core.progress import CancelToken, ProgressCallback
from parallax.core.translate.cache import TranslationCache
from parallax.core.translate.checks import check_sentence
from parallax.core.translate.engine import Engine, LanguagePair
from parallax.core.translate.glossary import Glossary
from parallax.core.translate.prompting import context_key, is_fallback
from parallax.core.workspace import ORIGINAL, TITLE, MachineTranslation, Workspace

log = logging.getLogger(__name__)

CHUNK = 32  # sentences per engine call: progress granularity and what a cancel can lose


def engine_version(engine: Engine, source: str, target: str) -> str:
    """The engine's version for one pair when it can tell (Argos: only the models used)."""
    pair_version = getattr(engine, "pair_version", None)
    if callable(pair_version):
        return str(pair_version(source, target))
    return engine.version


def model_identity(engine: Engine, source: str, target: str) -> tuple[str, str]:
    """(model name, model version) for the record: what the engine can tell of the exact model
    (a GGUF file's SHA-256, what a server reports, Argos package versions), else its name."""
    identity = getattr(engine, "model_identity", None)
    if callable(identity):
        name, version = identity(source, target)
        return str(name or ""), str(version or "")
    return str(getattr(engine, "model_name", "") or ""), ""


def article_texts(article: Article) -> dict[str, str]:
    """Sentence id (and TITLE for the headline) -> text, in reading order."""
    texts: dict[str, str] = {}
    if article.title.strip():
        texts[TITLE] = article.title
    texts.update((s.id, s.text) for s in article.iter_sentences())
    return texts


def sentence_units(article: Article, contextual: bool) -> dict[str, tuple[str, str | None]]:
    """Key -> (text, context): the previous body sentence when the engine's prompt holds one.

    The headline has no context and is no one's context: it is not part of the body's flow.
    """
    units: dict[str, tuple[str, str | None]] = {}
    previous: str | None = None
    for key, text in article_texts(article).items():
        units[key] = (text, previous if contextual else None)
        if key != TITLE and text.strip():
            previous = text
    return units


def translate_article(
    article: Article,
    engine: Engine,
    target: str,
    cache: TranslationCache | None = None,
    on_progress: ProgressCallback | None = None,
    cancel: CancelToken | None = None,
    glossary: Glossary | None = None,
) -> MachineTranslation:
    """Translate the headline and every sentence of `article` into `target`.

    Results are stored in `cache` as each one is done (so a cancel or a server that dies keeps
    them); a fallback (`[untranslated] ...`) is never stored. Every sentence is checked
    (`checks.py`) against `glossary`, or the engine's own glossary when none is given.
    """
    source = article.lang
    texts = article_texts(article)
    if same_language(source, target):
        return MachineTranslation("identity", "1", source, target, dict(texts), False)
    version = engine_version(engine, source, target)
    contextual = bool(getattr(engine, "uses_context", False))
    units = sentence_units(article, contextual)
    unique = list(dict.fromkeys(units.values()))
    keys = {unit: context_key(*unit) for unit in unique}
    results: dict[tuple[str, str | None], str] = {}
    if cache is not None:
        cached = cache.get_many(engine.name, version, source, target, keys.values())
        for unit, key in keys.items():
            # Older versions stored fallbacks: they are failures, not translations.
            if key in cached and not is_fallback(cached[key]):
                results[unit] = cached[key]
    todo = [unit for unit in unique if unit not in results]
    total = len(unique)
    base_done = total - len(todo)
    if on_progress is not None:
        on_progress(base_done, total)
    if todo:
        if callable(getattr(engine, "translate_items", None)):
            _translate_items(engine, todo, keys, results, cache, version, source, target,
                             base_done, total, on_progress, cancel)
        else:
            _translate_chunks(engine, todo, keys, results, cache, version, source, target,
                              base_done, total, on_progress, cancel)
    if on_progress is not None:
        on_progress(total, total)
    outputs = {key: results[unit] for key, unit in units.items()}
    checks: dict[str, tuple[dict[str, str], ...]] = {}
    if not engine.is_gloss:
        used = glossary if glossary is not None else getattr(engine, "glossary", None)
        for key, (text, _context) in units.items():
            found = check_sentence(text, outputs[key], source, target, used)
            if found:
                checks[key] = tuple(c.to_dict() for c in found)
    model, model_version = model_identity(engine, source, target)
    return MachineTranslation(
        engine=engine.name,
        engine_version=version,
        source_lang=source,
        target_lang=target,
        texts=outputs,
        is_gloss=engine.is_gloss,
        checks=checks,
        server=str(getattr(engine, "server_url", "") or ""),
        model=model,
        model_version=model_version,
    )


Unit = tuple[str, str | None]  # (sentence, context)


def _translate_items(
    engine: Engine, todo: list[Unit], keys: dict[Unit, str], results: dict[Unit, str],
    cache: TranslationCache | None, version: str, source: str, target: str,
    base_done: int, total: int, on_progress: ProgressCallback | None,
    cancel: CancelToken | None,
) -> None:
    """An engine that takes (sentence, context) items and reports each result as it is done."""

    def done(index: int, output: str) -> None:
        unit = todo[index]
        results[unit] = output
        if cache is not None and not is_fallback(output):
            cache.put(engine.name, version, source, target, keys[unit], output)

    def progress(count: int, _total: int) -> None:
        if on_progress is not None:
            on_progress(base_done + count, total)

    translate_items: Any = getattr(engine, "translate_items")  # noqa: B009 - checked above
    try:
        outputs = translate_items(todo, source, target, progress, cancel, done)
    except Cancelled as exc:
        raise Cancelled(str(exc), partial=list(results.values())) from None
    if len(outputs) != len(todo):
        raise TranslationError(
            f"The {engine.name} engine returned {len(outputs)} results for {len(todo)} "
            "sentences; the translation was discarded."
        )
    for index, output in enumerate(outputs):
        if todo[index] not in results:
            done(index, str(output))


def _translate_chunks(
    engine: Engine, todo: list[Unit], keys: dict[Unit, str], results: dict[Unit, str],
    cache: TranslationCache | None, version: str, source: str, target: str,
    base_done: int, total: int, on_progress: ProgressCallback | None,
    cancel: CancelToken | None,
) -> None:
    """A plain `Engine`: chunks of sentences, each chunk stored as soon as it is done."""
    for start in range(0, len(todo), CHUNK):
        chunk = todo[start:start + CHUNK]
        offset = base_done + start

        def progress(done: int, _total: int, offset: int = offset) -> None:
            if on_progress is not None:
                on_progress(offset + done, total)

        texts = [text for text, _context in chunk]
        try:
            outputs = engine.translate(texts, source, target, progress, cancel)
        except Cancelled as exc:
            finished = dict(zip(chunk, exc.partial, strict=False))
            _store(cache, engine, version, source, target, keys, finished)
            results.update(finished)
            raise Cancelled(str(exc), partial=list(results.values())) from None
        if len(outputs) != len(chunk):
            raise TranslationError(
                f"The {engine.name} engine returned {len(outputs)} results for {len(chunk)} "
                "sentences; the translation was discarded."
            )
        finished = dict(zip(chunk, outputs, strict=True))
        _store(cache, engine, version, source, target, keys, finished)
        results.update(finished)


def _store(cache: TranslationCache | None, engine: Engine, version: str, source: str,
           target: str, keys: dict[Unit, str], finished: dict[Unit, str]) -> None:
    if cache is not None and finished:
        cache.put_many(engine.name, version, source, target,
                       {keys[u]: out for u, out in finished.items() if not is_fallback(out)})


@dataclass(frozen=True)
class SkippedArticle:
    key: str  # ORIGINAL or a source id
    lang: str
    reason: str


@dataclass(frozen=True)
class TranslationReport:
    workspace: Workspace
    translated: tuple[str, ...]  # keys translated now
    up_to_date: tuple[str, ...]  # keys already translated by this engine version
    skipped: tuple[SkippedArticle, ...]

    @property
    def notes(self) -> list[str]:
        return [f"{s.key} ({s.lang}): {s.reason}" for s in self.skipped]


def _supports(engine: Engine, source: str, target: str) -> bool:
    has_pair: Any = getattr(engine, "has_pair", None)
    if callable(has_pair):
        return bool(has_pair(source, target))
    return LanguagePair(base_language(source), base_language(target)) in engine.pairs()


def _unique_count(article: Article) -> int:
    return len(set(article_texts(article).values()))


def translate_workspace_report(
    workspace: Workspace,
    engine: Engine,
    cache: TranslationCache | None = None,
    on_progress: ProgressCallback | None = None,
    cancel: CancelToken | None = None,
    glossary: Glossary | None = None,
) -> TranslationReport:
    """Translate the original and every source not in the pivot language; say what was skipped."""
    pivot = workspace.settings.pivot_lang
    articles = [(ORIGINAL, workspace.original)] + [(s.id, s.article) for s in workspace.sources]
    jobs: list[tuple[str, Article]] = []
    up_to_date: list[str] = []
    skipped: list[SkippedArticle] = []
    for key, article in articles:
        lang = article.lang
        if same_language(lang, pivot):
            continue
        if base_language(lang) in ("", "und"):
            skipped.append(SkippedArticle(key, lang, "its language could not be identified"))
            continue
        if not _supports(engine, lang, pivot):
            server = getattr(engine, "server_url", "")
            fix = (f"the server at {server} has no {base_language(lang)}->{pivot} pair"
                   if server else f"install a model for {base_language(lang)}->{pivot}")
            skipped.append(SkippedArticle(
                key, lang, f"the {engine.name} engine cannot translate {lang} to {pivot}; "
                f"{fix}"))
            continue
        existing = workspace.translations.get(key)
        if (existing is not None and existing.engine == engine.name
                and existing.target_lang == pivot
                and existing.engine_version == engine_version(engine, lang, pivot)
                and set(existing.texts) >= set(article_texts(article))):
            up_to_date.append(key)
            continue
        jobs.append((key, article))
    total = sum(_unique_count(a) for _, a in jobs)
    done_before = 0
    translated: list[str] = []
    for key, article in jobs:
        count = _unique_count(article)

        def progress(done: int, _total: int, offset: int = done_before) -> None:
            if on_progress is not None:
                on_progress(offset + done, total)

        try:
            translation = translate_article(article, engine, pivot, cache, progress, cancel,
                                            glossary)
        except LanguagePairError as exc:
            skipped.append(SkippedArticle(key, article.lang, str(exc)))
            log.warning("Skipped %s: %s", key, exc)
            continue
        workspace = workspace.with_translation(key, translation)
        translated.append(key)
        done_before += count
    return TranslationReport(workspace, tuple(translated), tuple(up_to_date), tuple(skipped))


def translate_workspace(
    workspace: Workspace,
    engine: Engine,
    cache: TranslationCache | None = None,
    on_progress: ProgressCallback | None = None,
    cancel: CancelToken | None = None,
) -> Workspace:
    """`translate_workspace_report(...).workspace`: the workspace with translations added."""
    return translate_workspace_report(workspace, engine, cache, on_progress, cancel).workspace
