"""A tiny but real Argos package: a SentencePiece model plus a random-weight CTranslate2 model.

Its output is gibberish, yet it exercises the whole path a real model takes (package layout,
validation, tokenisation, batched decoding, caching), so the test suite and the packaged app's
self-test run without downloading anything. Everything is seeded: the same inputs give the same
package contents.
"""

from __future__ import annotations

import io
import json
import tempfile
import zipfile
from pathlib import Path

import numpy as np

from parallax.core.paths import resources_dir

_LANG_NAMES = {"zh": "Chinese", "en": "English", "ru": "Russian"}
_ENGLISH_CORPUS = [
    "Russian President Vladimir Putin arrived in Mongolia on a state visit.",
    "The International Criminal Court issued an arrest warrant for Putin last year.",
    "The United States formed a coalition of 50 countries to support Ukraine.",
    "Russian forces struck energy facilities in 15 regions of Ukraine.",
    "Mongolia marks the 85th anniversary of the victory at Khalkhin Gol.",
    "Western media said the visit was a test of the court's authority.",
    "Officials in Ulaanbaatar did not comment on the warrant.",
]
_RUSSIAN_CORPUS = [
    "Президент России Владимир Путин прибыл в Монголию с государственным визитом.",
    "Международный уголовный суд выдал ордер на арест Путина.",
    "США создали коалицию из 50 стран для поддержки Украины.",
    "Российские войска нанесли удары по объектам энергетики в 15 регионах.",
]
D_MODEL = 32
FFN = 64
HEADS = 2
VOCAB_SIZE = 1000
EOS_BIAS = 1.5


def default_corpus() -> list[str]:
    """Sample articles' lines plus a little English and Russian, so every script has pieces."""
    lines: list[str] = []
    samples = resources_dir() / "samples"
    for path in sorted(samples.glob("*.txt")):
        lines += [ln.strip() for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]
    return lines + _ENGLISH_CORPUS + _RUSSIAN_CORPUS


def build_tiny_argos_package(
    out_path: Path,
    source: str = "zh",
    target: str = "en",
    corpus: list[str] | None = None,
) -> Path:
    """Write a `.argosmodel` zip translating `source` -> `target` to `out_path`; returns it."""
    import ctranslate2.specs as specs  # heavy: only when a package is built
    import sentencepiece as spm

    lines = corpus if corpus is not None else default_corpus()
    model_proto = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(lines),
        model_writer=model_proto,
        vocab_size=VOCAB_SIZE,
        hard_vocab_limit=False,  # a small corpus may not support the full size
        character_coverage=1.0,
        model_type="unigram",
        byte_fallback=False,
        num_threads=1,
        seed_sentencepiece_size=20000,
        minloglevel=2,
    )
    processor = spm.SentencePieceProcessor(model_proto=model_proto.getvalue())
    vocab = [processor.id_to_piece(i) for i in range(processor.get_piece_size())]

    spec = specs.TransformerSpec.from_config(1, HEADS)
    rng = np.random.default_rng(_seed(source, target))
    _fill_random(spec, len(vocab), rng)
    # Random weights alone never pick end-of-sentence; this bias makes outputs end after
    # roughly as many tokens as the input has, as a real model's would.
    bias = np.zeros(len(vocab), dtype=np.float32)
    bias[vocab.index("</s>")] = EOS_BIAS
    spec.decoder.projection.bias = bias
    spec.register_source_vocabulary(vocab)
    spec.register_target_vocabulary(vocab)

    out_path = Path(out_path)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    folder = f"translate-{source}_{target}-tiny"
    with tempfile.TemporaryDirectory(prefix="parallax-tiny-") as tmp:
        model_dir = Path(tmp) / "model"
        model_dir.mkdir()
        spec.validate()
        spec.optimize(quantization="float32")
        spec.save(str(model_dir))
        metadata = {
            "package_version": "0.1",
            "argos_version": "1.9",
            "from_code": source,
            "from_name": _LANG_NAMES.get(source, source),
            "to_code": target,
            "to_name": _LANG_NAMES.get(target, target),
            "links": [],
            "type": "translate",
            "note": "random weights, for tests only",
        }
        with zipfile.ZipFile(out_path, "w", zipfile.ZIP_DEFLATED) as zf:
            _write(zf, f"{folder}/metadata.json", json.dumps(metadata, indent=2).encode())
            _write(zf, f"{folder}/sentencepiece.model", model_proto.getvalue())
            _write(zf, f"{folder}/README.md", b"Tiny random-weight test package.\n")
            for path in sorted(model_dir.iterdir()):
                _write(zf, f"{folder}/model/{path.name}", path.read_bytes())
    return out_path


def _seed(source: str, target: str) -> int:
    # Not hash(): string hashing is salted per process.
    return sum((i + 1) * ord(c) for i, c in enumerate(f"{source}>{target}"))


def _write(zf: zipfile.ZipFile, name: str, data: bytes) -> None:
    info = zipfile.ZipInfo(name, date_time=(2024, 9, 4, 0, 0, 0))  # fixed: deterministic zip
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    zf.writestr(info, data)


def _shape(name: str, vocab: int) -> tuple[int, ...]:
    """The weight shapes CTranslate2 expects for a pre-norm Transformer, by variable name."""
    if name.endswith(("gamma", "beta")):
        return (D_MODEL,)
    if "embeddings" in name or name.endswith("projection/weight"):
        return (vocab, D_MODEL)
    if "/ffn/linear_0/" in name:
        return (FFN, D_MODEL)
    if "/ffn/linear_1/" in name:
        return (D_MODEL, FFN)
    if "/self_attention/linear_0/" in name:
        return (3 * D_MODEL, D_MODEL)  # fused query/key/value
    if "/attention/linear_1/" in name:
        return (2 * D_MODEL, D_MODEL)  # fused key/value over the encoder output
    return (D_MODEL, D_MODEL)


def _fill_random(spec: object, vocab: int, rng: np.random.Generator) -> None:
    from ctranslate2.specs import model_spec

    for name, value in spec.variables().items():  # type: ignore[attr-defined]
        if value is not None:
            continue
        shape = _shape(name, vocab)
        if name.endswith("gamma"):
            array = np.ones(shape, dtype=np.float32)
        elif name.endswith("beta"):
            array = np.zeros(shape, dtype=np.float32)
        else:
            array = rng.normal(0.0, 0.2, size=shape).astype(np.float32)
        scope, attr = name.rsplit("/", 1)
        setattr(model_spec.index_spec(spec, scope), attr, array)
