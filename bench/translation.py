"""Argos translation speed and memory: our batched CTranslate2 path against Argos's own.

    python bench/translation.py                    # the tiny random-weight model (plumbing only)
    python bench/translation.py --model zh_en.argosmodel [--repeat 2]

Every configuration runs in its own subprocess, so its peak resident memory (getrusage maxrss,
which sees CTranslate2's C++ allocations where tracemalloc would not) is its own. Measured:

* ours, cold cache: `ArgosEngine.translate` over the seed's sentences, batch sizes 1/8/32,
  1 and 2 threads, beam 2 (the app's default);
* ours, warm cache: `translate_article` again with every sentence cached (no model call);
* Argos's default way: `argostranslate.translate.apply_packaged_translation` once per sentence
  with Argos's default settings (beam 4, its batch of 32 tokens, compute type "auto"). Its usual
  entry point, `translate()`, first re-splits text with MiniSBD, which downloads a model; we give
  it one sentence at a time through a pass-through splitter instead, so both sides translate the
  same sentences with the same model.

Model loading is timed separately and not counted in sentences per second.
Prints a table; never asserts a speed.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def seed_sentences(repeat: int) -> list[str]:
    from parallax.core.loaders import load_path
    from parallax.core.paths import sample_article_path

    article = load_path(sample_article_path())
    return [s.text for s in article.iter_sentences()] * repeat


def _maxrss_mib() -> float:
    kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux, bytes on macOS
    return kib / (1024 * 1024) if sys.platform == "darwin" else kib / 1024


# ---- workers (run in a subprocess each) --------------------------------------------------


def worker_ours(models_dir: Path, batch: int, threads: int, repeat: int) -> dict[str, float]:
    from parallax.core.translate.argos import ArgosEngine

    sentences = seed_sentences(repeat)
    engine = ArgosEngine(beam_size=2, threads=threads, models_dir=models_dir, batch_size=batch)
    start = time.perf_counter()
    engine.translate(sentences[:1], "zh", "en")  # load the model
    load = time.perf_counter() - start
    start = time.perf_counter()
    engine.translate(sentences, "zh", "en")
    elapsed = time.perf_counter() - start
    return {"sentences": len(sentences), "seconds": elapsed, "load": load,
            "calls": engine.model_calls - 1}


def worker_warm(models_dir: Path, threads: int, repeat: int) -> dict[str, float]:
    from parallax.core.loaders import load_path
    from parallax.core.paths import sample_article_path
    from parallax.core.translate.argos import ArgosEngine
    from parallax.core.translate.article_translation import translate_article
    from parallax.core.translate.cache import TranslationCache

    article = load_path(sample_article_path())
    engine = ArgosEngine(beam_size=2, threads=threads, models_dir=models_dir)
    with tempfile.TemporaryDirectory() as tmp:
        cache = TranslationCache(Path(tmp) / "cache.sqlite3")
        start = time.perf_counter()
        translate_article(article, engine, "en", cache)  # fills the cache
        load = time.perf_counter() - start
        calls = engine.model_calls
        start = time.perf_counter()
        for _ in range(repeat):
            translate_article(article, engine, "en", cache)
        elapsed = time.perf_counter() - start
        cache.close()
    return {"sentences": (article.sentence_count + 1) * repeat, "seconds": elapsed,
            "load": load, "calls": engine.model_calls - calls}


def worker_argos(models_dir: Path, threads: int, repeat: int) -> dict[str, float]:
    from parallax.core.translate.argos_env import import_argos
    from parallax.core.translate.engine import LanguagePair
    from parallax.core.translate.models import find_model

    package_module = import_argos()
    import ctranslate2
    from argostranslate import settings
    from argostranslate.translate import apply_packaged_translation

    class OneSentence:
        """Argos's splitter interface, returning the sentence it is given."""

        def split_sentences(self, text: str) -> list[str]:
            return [text]

    model = find_model(LanguagePair("zh", "en"), models_dir)
    assert model is not None
    pkg = package_module.Package(model.path)
    sentences = seed_sentences(repeat)
    start = time.perf_counter()
    # As PackageTranslation builds it (compute type "auto" -> the model's own).
    translator = ctranslate2.Translator(str(model.path / "model"), device="cpu",
                                        inter_threads=settings.inter_threads,
                                        intra_threads=threads)
    load = time.perf_counter() - start
    start = time.perf_counter()
    for sentence in sentences:
        apply_packaged_translation(pkg, sentence, translator, OneSentence(), 1)
    elapsed = time.perf_counter() - start
    return {"sentences": len(sentences), "seconds": elapsed, "load": load,
            "calls": len(sentences), "beam": settings.beam_size}


def run_worker(argv: list[str]) -> None:
    kind, models_dir, batch, threads, repeat = argv[0], Path(argv[1]), *map(int, argv[2:5])
    if kind == "ours":
        result = worker_ours(models_dir, batch, threads, repeat)
    elif kind == "warm":
        result = worker_warm(models_dir, threads, repeat)
    else:
        result = worker_argos(models_dir, threads, repeat)
    result["maxrss_mib"] = _maxrss_mib()
    print(json.dumps(result))


# ---- driver ------------------------------------------------------------------------------


def measure(kind: str, models_dir: Path, batch: int, threads: int, repeat: int,
            env: dict[str, str]) -> dict[str, float]:
    command = [sys.executable, __file__, "--worker", kind, str(models_dir), str(batch),
               str(threads), str(repeat)]
    done = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    if done.returncode != 0:
        raise SystemExit(f"{kind} worker failed:\n{done.stderr}")
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--model", type=Path, help="a zh->en .argosmodel (default: tiny model)")
    parser.add_argument("--repeat", type=int, default=2, help="passes over the seed article")
    args = parser.parse_args()

    home = Path(tempfile.mkdtemp(prefix="parallax-bench-"))
    env = dict(os.environ, PARALLAX_HOME=str(home), ARGOS_PACKAGES_DIR=str(home / "models"),
               XDG_DATA_HOME=str(home / "xdg"), XDG_CACHE_HOME=str(home / "xdg-cache"),
               XDG_CONFIG_HOME=str(home / "xdg-config"))
    os.environ.update(env)
    from parallax.core.translate.models import install_model
    from parallax.core.translate.tiny_model import build_tiny_argos_package

    package = args.model or build_tiny_argos_package(home / "tiny-zh_en.argosmodel")
    models_dir = home / "models"
    installed = install_model(package, models_dir)
    print(f"model: {installed.name} ({installed.size_bytes / 2**20:.1f} MiB)"
          + ("  [tiny random-weight model: figures show the plumbing, not real speed]"
             if args.model is None else ""))
    print(f"sentences: seed article x{args.repeat}; CPU cores: {os.cpu_count()}")
    header = (f"{'configuration':<40} {'threads':>7} {'sent/s':>9} {'load s':>7} "
              f"{'calls':>6} {'peak MiB':>9}")
    print(header)
    print("-" * len(header))
    rows: list[tuple[str, str, int, int]] = []
    for threads in (1, 2):
        for batch in (1, 8, 32):
            rows.append((f"ours, cold cache, batch {batch}, beam 2", "ours", batch, threads))
        rows.append(("ours, warm cache (article reopened)", "warm", 0, threads))
        rows.append(("Argos default (per sentence, beam 4)", "argos", 0, threads))
    for label, kind, batch, threads in rows:
        result = measure(kind, models_dir, batch, threads, args.repeat, env)
        rate = result["sentences"] / result["seconds"] if result["seconds"] else float("inf")
        print(f"{label:<40} {threads:>7} {rate:>9.1f} {result['load']:>7.2f} "
              f"{int(result['calls']):>6} {result['maxrss_mib']:>9.0f}", flush=True)
    print("\nArgos's translate() would first split text with MiniSBD (a model download); "
          "it was given single sentences through a pass-through splitter instead.")


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--worker":
        run_worker(sys.argv[2:])
    else:
        main()
