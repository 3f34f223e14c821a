"""Argos Translate packages driven directly through CTranslate2 on our own sentences.

Argos's high-level API re-splits text with MiniSBD (which downloads a model) and translates one
paragraph at a time, in batches of 32 tokens. We already have sentences: we tokenise them all
in one SentencePiece call, sort them by length into batches of up to `MAX_BATCH_TOKENS` padded
tokens, and run one batch per core at once (CTranslate2's `inter_threads`, one intra-op thread
each: on small matrices that scales far better than several threads on one batch). One loaded
translator per package; with no direct model, we pivot through English.
"""

from __future__ import annotations

import hashlib
import logging
import os
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from parallax.core.errors import Cancelled, LanguagePairError, ModelPackageError, TranslationError
from parallax.core.language import base_language
from parallax.core.progress import CancelToken, ProgressCallback
from parallax.core.translate.argos_env import argos_version, import_argos
from parallax.core.translate.engine import (
    MAX_BATCH_SIZE,
    MAX_BEAM_SIZE,
    LanguagePair,
    check_count,
    max_threads,
    plan_batches,
)
from parallax.core.translate.models import InstalledModel, list_models

log = logging.getLogger(__name__)

PIVOT = "en"
MAX_DECODING_LENGTH = 256
# The automatic thread count's bound: past a few workers an article has too few batches to share.
MAX_AUTO_THREADS = 4
DEFAULT_BATCH_SIZE = 32  # sentences per batch at most (batches are also bounded in tokens)


@dataclass(frozen=True)
class _Loaded:
    """A package ready to translate: the model, its tokenizer and decoding details."""

    translator: Any  # ctranslate2.Translator
    encode: Callable[[list[str]], list[list[str]]]  # a whole batch in one call
    decode: Callable[[list[str]], str]
    target_prefix: str
    fingerprint: str


def _fingerprint(model: InstalledModel) -> str:
    """Changes whenever the package on disk changes (reinstall, new version)."""
    digest = hashlib.sha1(usedforsecurity=False)
    digest.update(f"{model.name}|{model.version}|{model.size_bytes}".encode())
    for rel in ("model/config.json", "metadata.json"):
        path = model.path / rel
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def auto_threads() -> int:
    """One worker (a batch on one intra-op thread) per usable core but one, at most
    `MAX_AUTO_THREADS`. Measured on 2 shared cores (bench/translation.py --realistic): 2 workers
    gave 0.79-0.99x the output tokens/s of 1 whenever other work held a core (1.5x when the
    machine was idle), so the automatic count leaves one core free, as the window does; the old
    min(8, cores) intra-op threads were 0.76x of 1 thread for 1.79x the CPU."""
    try:
        cores = len(os.sched_getaffinity(0))  # what a container or taskset leaves us
    except (AttributeError, OSError):
        cores = os.cpu_count() or 1
    return max(1, min(MAX_AUTO_THREADS, cores - 1))


class ArgosEngine:
    """Translates with installed Argos packages (`models_dir` defaults to the app's folder)."""

    def __init__(
        self,
        beam_size: int = 2,
        threads: int = 0,
        models_dir: Path | None = None,
        batch_size: int | None = None,
        compute_type: str = "int8",
    ) -> None:
        check_count("The beam size", beam_size, 1, MAX_BEAM_SIZE)
        check_count("The thread count (0: automatic)", threads, 0, max_threads())
        batch_size = DEFAULT_BATCH_SIZE if batch_size is None else batch_size
        check_count("The batch size", batch_size, 1, MAX_BATCH_SIZE)
        self.beam_size = beam_size
        self.threads = threads or auto_threads()
        self.batch_size = batch_size
        self.compute_type = compute_type
        self._models_dir = models_dir
        self._lock = threading.Lock()
        self._loaded: dict[str, _Loaded] = {}  # by fingerprint
        self.model_calls = 0  # translate_batch calls, for tests and benchmarks
        self.output_tokens = 0  # tokens of the final outputs, for benchmarks (tokens/s)

    # ---- Engine protocol -----------------------------------------------------------------
    @property
    def name(self) -> str:
        return "argos"

    @property
    def is_gloss(self) -> bool:
        return False

    @property
    def version(self) -> str:
        models = ",".join(f"{m.pair}@{m.version}#{_fingerprint(m)}" for m in self._models())
        return f"{self._settings_version()} [{models}]"

    def pair_version(self, source: str, target: str) -> str:
        """The version that matters for one pair: settings plus the packages on its route."""
        source, target = base_language(source), base_language(target)
        route = [] if source == target else self._route(source, target)
        return self._settings_version() + " " + "+".join(
            f"{m.pair}@{m.version}#{_fingerprint(m)}" for m in route)

    def model_identity(self, source: str, target: str) -> tuple[str, str]:
        """(the packages on the route, their versions), e.g. ("translate-zh_en", "1.9")."""
        source, target = base_language(source), base_language(target)
        route = [] if source == target else self._route(source, target)
        return "+".join(m.name for m in route), "+".join(m.version for m in route)

    def pairs(self) -> list[LanguagePair]:
        direct = {m.pair for m in self._models()}
        found = set(direct)
        for first in direct:
            for second in direct:
                if first.target == second.source == PIVOT and first.source != second.target:
                    found.add(LanguagePair(first.source, second.target))
        return sorted(found, key=lambda p: (p.source, p.target))

    def has_pair(self, source: str, target: str) -> bool:
        try:
            self._route(base_language(source), base_language(target))
        except LanguagePairError:
            return False
        return True

    def translate(
        self,
        sentences: Sequence[str],
        source: str,
        target: str,
        on_progress: ProgressCallback | None = None,
        cancel: CancelToken | None = None,
        *,
        on_result: Callable[[int, str], None] | None = None,
    ) -> list[str]:
        """Batches of similar length run `threads` at a time; `on_result(index, output)` as each
        sentence is done. On cancel, `Cancelled.partial` is the finished prefix of the input."""
        source, target = base_language(source), base_language(target)
        if source == target:
            for index, text in enumerate(sentences):
                if on_result is not None:
                    on_result(index, text)
            return list(sentences)
        route = [self._load(m) for m in self._route(source, target)]
        return self._run(list(sentences), route, on_progress, cancel, on_result)

    def translate_items(
        self,
        items: Sequence[tuple[str, str | None]],
        source: str,
        target: str,
        on_progress: ProgressCallback | None = None,
        cancel: CancelToken | None = None,
        on_result: Callable[[int, str], None] | None = None,
    ) -> list[str]:
        """(sentence, context) pairs, context unused: a whole article sorted and batched at once
        (not in the caller's chunks), each result reported as soon as its batch is done."""
        return self.translate([text for text, _context in items], source, target, on_progress,
                              cancel, on_result=on_result)

    # ---- internals -----------------------------------------------------------------------
    def _settings_version(self) -> str:
        import ctranslate2

        return (f"argos-{argos_version()} ct2-{ctranslate2.__version__} "
                f"beam{self.beam_size}")

    def _models(self) -> list[InstalledModel]:
        return list_models(self._models_dir)

    def _route(self, source: str, target: str) -> list[InstalledModel]:
        by_pair = {m.pair: m for m in self._models()}
        direct = by_pair.get(LanguagePair(source, target))
        if direct is not None:
            return [direct]
        first = by_pair.get(LanguagePair(source, PIVOT))
        second = by_pair.get(LanguagePair(PIVOT, target))
        if first is not None and second is not None:
            return [first, second]
        installed = ", ".join(str(p) for p in sorted(by_pair, key=str)) or "none"
        raise LanguagePairError(
            f"No translation model for {source}->{target} is installed (installed: {installed}). "
            f"Install an Argos package for {source}->{target}, or {source}->en and en->{target}."
        )

    def _load(self, model: InstalledModel) -> _Loaded:
        key = _fingerprint(model)
        with self._lock:
            loaded = self._loaded.get(key)
            if loaded is None:
                loaded = self._load_uncached(model, key)
                self._loaded[key] = loaded
            return loaded

    def _load_uncached(self, model: InstalledModel, fingerprint: str) -> _Loaded:
        import ctranslate2

        package = import_argos().Package(model.path)
        tokenizer = getattr(package, "tokenizer", None)
        if tokenizer is None:
            raise ModelPackageError(
                f"The {model.pair} package has no sentencepiece.model or bpe.model; reinstall it."
            )
        sp_path = model.path / "sentencepiece.model"
        encode: Callable[[list[str]], list[list[str]]]
        decode: Callable[[list[str]], str]
        if sp_path.is_file():
            import sentencepiece

            processor = sentencepiece.SentencePieceProcessor(model_file=str(sp_path))

            def encode(texts: list[str]) -> list[list[str]]:
                return [list(t) for t in processor.encode(texts, out_type=str)]

            def decode(tokens: list[str]) -> str:
                return str(processor.decode_pieces(tokens))
        else:
            def encode(texts: list[str]) -> list[list[str]]:  # BPE (needs sacremoses)
                return [list(tokenizer.encode(text)) for text in texts]

            decode = tokenizer.decode
        translator = None
        supported = ctranslate2.get_supported_compute_types("cpu")
        for compute_type in (self.compute_type, "default"):
            if compute_type != "default" and compute_type not in supported:
                log.info("%s is not supported on this CPU; using the model's own type",
                         compute_type)
                continue
            try:
                translator = ctranslate2.Translator(
                    str(model.path / "model"), device="cpu", compute_type=compute_type,
                    inter_threads=self.threads, intra_threads=1,  # a batch per thread
                )
                break
            except Exception as exc:  # CTranslate2 reports bad files with several types
                log.warning("Loading %s as %s failed (%s)", model.name, compute_type, exc)
        if translator is None:
            raise ModelPackageError(
                f"The {model.pair} model cannot be loaded; it may be damaged. Reinstall it."
            )
        log.info("Loaded %s (%s threads)", model.name, self.threads)
        return _Loaded(translator, encode, decode, str(package.target_prefix or ""), fingerprint)

    def _run(self, sentences: list[str], route: list[_Loaded],
             on_progress: ProgressCallback | None, cancel: CancelToken | None,
             on_result: Callable[[int, str], None] | None) -> list[str]:
        total = len(sentences)
        outputs: list[str | None] = [None] * total

        def take(indices: list[int], texts: list[str]) -> None:
            for index, text in zip(indices, texts, strict=True):
                outputs[index] = text
                if on_result is not None:
                    on_result(index, text)

        if on_progress is not None:
            on_progress(0, total)
        if cancel is not None and cancel.cancelled:
            raise Cancelled(partial=[])
        todo = [i for i, text in enumerate(sentences) if text.strip()]
        blank = [i for i, text in enumerate(sentences) if not text.strip()]
        take(blank, [""] * len(blank))
        if not todo:
            if on_progress is not None and total:
                on_progress(total, total)
            return [""] * total
        tokens = route[0].encode([sentences[i] for i in todo])  # one call for all
        batches = plan_batches([len(t) for t in tokens], self.batch_size,
                               min_batches=self.threads)
        queue = iter(batches)
        with ThreadPoolExecutor(self.threads, thread_name_prefix="argos") as pool:
            pending: dict[Future[tuple[list[str], int]], list[int]] = {}

            def submit_next() -> None:
                # Only `threads` batches in flight: a cancel stops at the next batch boundary.
                batch = next(queue, None)
                if batch is not None:
                    future = pool.submit(self._translate_route, route,
                                         [tokens[k] for k in batch])
                    pending[future] = [todo[k] for k in batch]

            for _ in range(self.threads):
                submit_next()
            while pending:
                finished, _ = wait(pending, return_when=FIRST_COMPLETED)
                stop = cancel is not None and cancel.cancelled
                if stop:
                    finished = set(pending)  # batches already running finish and are kept
                for future in finished:
                    texts, count = future.result()  # an error ends the run (queue unsent)
                    indices = pending.pop(future)
                    self.model_calls += len(route)
                    self.output_tokens += count
                    take(indices, texts)
                    if on_progress is not None:
                        on_progress(sum(o is not None for o in outputs), total)
                    if not stop:
                        submit_next()
                if stop and any(output is None for output in outputs):
                    prefix: list[str] = []
                    for output in outputs:
                        if output is None:
                            break
                        prefix.append(output)
                    raise Cancelled(partial=prefix)
        return [output or "" for output in outputs]

    def _translate_route(self, route: list[_Loaded],
                         tokens: list[list[str]]) -> tuple[list[str], int]:
        """One batch through every model of the route (on a worker thread): (outputs, output
        tokens of the last model)."""
        texts: list[str] = []
        count = 0
        for step, loaded in enumerate(route):
            if step:
                tokens = loaded.encode(texts)
            texts, count = self._translate_batch(loaded, tokens)
        return texts, count

    def _translate_batch(self, loaded: _Loaded,
                         tokens: list[list[str]]) -> tuple[list[str], int]:
        # A random or confused model may never stop; real output is rarely 3x the input. The
        # cap is per sentence (cut after decoding) so a batch's neighbours never change a result;
        # batches hold sentences of similar length, so one long neighbour rarely costs much.
        caps = [min(MAX_DECODING_LENGTH, 3 * len(t) + 16) for t in tokens]
        prefix = [[loaded.target_prefix] for _ in tokens] if loaded.target_prefix else None
        try:
            results = loaded.translator.translate_batch(
                tokens,
                target_prefix=prefix,
                beam_size=self.beam_size,
                max_batch_size=0,  # already batched by length
                replace_unknowns=True,
                length_penalty=0.2,  # as Argos: the same beam gives the same sentences
                max_decoding_length=max(caps),
                return_scores=False,
            )
        except (RuntimeError, ValueError) as exc:
            raise TranslationError(f"The translation model failed: {exc}.") from exc
        outputs: list[str] = []
        count = 0
        for result, cap in zip(results, caps, strict=True):
            hypothesis = list(result.hypotheses[0])[:cap]
            if loaded.target_prefix and hypothesis[:1] == [loaded.target_prefix]:
                hypothesis = hypothesis[1:]
            count += len(hypothesis)
            outputs.append(loaded.decode(hypothesis).strip())
        return outputs, count
