"""Argos Translate packages driven directly through CTranslate2 on our own sentences.

Argos's high-level API re-splits text with MiniSBD (which downloads a model) and translates one
paragraph at a time. We already have sentences, so we tokenise them with the package's
SentencePiece model and hand whole batches to `ctranslate2.Translator.translate_batch`, keeping
one loaded translator per package. With no direct model, we pivot through English.
"""

from __future__ import annotations

import hashlib
import logging
import os
import threading
from collections.abc import Callable, Sequence
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
)
from parallax.core.translate.models import InstalledModel, list_models

log = logging.getLogger(__name__)

PIVOT = "en"
MAX_DECODING_LENGTH = 256


@dataclass(frozen=True)
class _Loaded:
    """A package ready to translate: the model, its tokenizer and decoding details."""

    translator: Any  # ctranslate2.Translator
    encode: Callable[[str], list[str]]
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


def _auto_threads() -> int:
    return max(1, min(8, os.cpu_count() or 1))


class ArgosEngine:
    """Translates with installed Argos packages (`models_dir` defaults to the app's folder)."""

    def __init__(
        self,
        beam_size: int = 2,
        threads: int = 0,
        models_dir: Path | None = None,
        batch_size: int = 32,
        compute_type: str = "int8",
    ) -> None:
        check_count("The beam size", beam_size, 1, MAX_BEAM_SIZE)
        check_count("The thread count (0: automatic)", threads, 0, max_threads())
        check_count("The batch size", batch_size, 1, MAX_BATCH_SIZE)
        self.beam_size = beam_size
        self.threads = threads or _auto_threads()
        self.batch_size = batch_size
        self.compute_type = compute_type
        self._models_dir = models_dir
        self._lock = threading.Lock()
        self._loaded: dict[str, _Loaded] = {}  # by fingerprint
        self.model_calls = 0  # translate_batch calls, for tests and benchmarks

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
    ) -> list[str]:
        source, target = base_language(source), base_language(target)
        if source == target:
            return list(sentences)
        route = [self._load(m) for m in self._route(source, target)]
        total = len(sentences)
        done: list[str] = []
        if on_progress is not None:
            on_progress(0, total)
        for start in range(0, total, self.batch_size):
            if cancel is not None and cancel.cancelled:
                raise Cancelled(partial=done)
            batch = list(sentences[start:start + self.batch_size])
            for loaded in route:  # pivot per batch, so finished outputs are final
                batch = self._translate_batch(loaded, batch)
            done += batch
            if on_progress is not None:
                on_progress(len(done), total)
        return done

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
        encode: Callable[[str], list[str]]
        decode: Callable[[list[str]], str]
        if sp_path.is_file():
            import sentencepiece

            processor = sentencepiece.SentencePieceProcessor(model_file=str(sp_path))

            def encode(text: str) -> list[str]:
                return list(processor.encode(text, out_type=str))

            def decode(tokens: list[str]) -> str:
                return str(processor.decode_pieces(tokens))
        else:
            encode, decode = tokenizer.encode, tokenizer.decode  # BPE (needs sacremoses)
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
                    inter_threads=1, intra_threads=self.threads,
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

    def _translate_batch(self, loaded: _Loaded, batch: list[str]) -> list[str]:
        outputs = [""] * len(batch)
        todo = [i for i, text in enumerate(batch) if text.strip()]
        if not todo:
            return outputs
        tokens = [loaded.encode(batch[i]) for i in todo]
        # A random or confused model may never stop; real output is rarely 3x the input. The
        # cap is per sentence (cut after decoding) so a batch's neighbours never change a result.
        caps = [min(MAX_DECODING_LENGTH, 3 * len(t) + 16) for t in tokens]
        prefix = [[loaded.target_prefix] for _ in todo] if loaded.target_prefix else None
        self.model_calls += 1
        try:
            results = loaded.translator.translate_batch(
                tokens,
                target_prefix=prefix,
                beam_size=self.beam_size,
                max_batch_size=self.batch_size,
                replace_unknowns=True,
                length_penalty=0.2,
                max_decoding_length=max(caps),
            )
        except (RuntimeError, ValueError) as exc:
            raise TranslationError(f"The translation model failed: {exc}.") from exc
        for i, result, cap in zip(todo, results, caps, strict=True):
            hypothesis = list(result.hypotheses[0])[:cap]
            if loaded.target_prefix and hypothesis[:1] == [loaded.target_prefix]:
                hypothesis = hypothesis[1:]
            outputs[i] = loaded.decode(hypothesis).strip()
        return outputs
