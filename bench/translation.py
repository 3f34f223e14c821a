"""Argos translation speed and memory: our batched CTranslate2 path against Argos's own;
with `--engine openai`, a translation server against the in-process LLM on the same GGUF.

    python bench/translation.py                    # the tiny random-weight model (plumbing only)
    python bench/translation.py --quick            # the same, one row of each kind
    python bench/translation.py --model zh_en.argosmodel [--repeat 2]
    python bench/translation.py --engine openai [--gguf model.gguf] [--server URL --model NAME]
                                [--sentences N]

`--engine openai`: sentences per second of the in-process LLM engine, then of the `openai`
engine at concurrency 1, 2 and 4. Without `--server`, llama.cpp's own server is started on
127.0.0.1 for each concurrency with as many parallel slots; with `--server`, that server is
used as it is (its slots are its own). Both sides get every CPU core and no cache.

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
from typing import Any

REPO = Path(__file__).resolve().parents[1]


def seed_sentences(repeat: int) -> list[str]:
    from parallax.core.loaders import load_path
    from parallax.core.paths import sample_article_path

    article = load_path(sample_article_path())
    sentences = [s.text for s in article.iter_sentences()] * repeat
    limit = int(os.environ.get("PARALLAX_BENCH_SENTENCES", "0") or 0)
    return sentences[:limit] if limit > 0 else sentences


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


def worker_llm(gguf: Path, threads: int, repeat: int) -> dict[str, Any]:
    """The in-process LLM engine, in a process of its own: once closed, llama.cpp's threads
    would otherwise go on competing with the server measured next."""
    from parallax.core.translate.llm import LlmEngine, LlmSettings

    sentences = seed_sentences(repeat)
    engine = LlmEngine(gguf, LlmSettings(threads=threads, glossary=None))
    start = time.perf_counter()
    engine.load()
    load = time.perf_counter() - start
    start = time.perf_counter()
    outputs = engine.translate(sentences, "zh", "en")
    return {"sentences": len(sentences), "seconds": time.perf_counter() - start, "load": load,
            "calls": len(sentences), "outputs": outputs}


def run_worker(argv: list[str]) -> None:
    kind, models_dir, batch, threads, repeat = argv[0], Path(argv[1]), *map(int, argv[2:5])
    result: dict[str, Any]
    if kind == "llm":
        result = worker_llm(models_dir, threads, repeat)
    elif kind == "ours":
        result = worker_ours(models_dir, batch, threads, repeat)
    elif kind == "warm":
        result = worker_warm(models_dir, threads, repeat)
    else:
        result = worker_argos(models_dir, threads, repeat)
    result["maxrss_mib"] = _maxrss_mib()
    print(json.dumps(result))


# ---- driver ------------------------------------------------------------------------------


def measure(kind: str, models_dir: Path, batch: int, threads: int, repeat: int,
            env: dict[str, str]) -> dict[str, Any]:
    command = [sys.executable, __file__, "--worker", kind, str(models_dir), str(batch),
               str(threads), str(repeat)]
    done = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    if done.returncode != 0:
        raise SystemExit(f"{kind} worker failed:\n{done.stderr}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


_SERVER_CHILD = r"""
import sys, time, xllamacpp
model, port, parallel, threads = sys.argv[1:5]
p = xllamacpp.CommonParams()
p.model.path = model
p.model_alias = {"bench"}
p.n_ctx = 4096 * int(parallel)
p.n_parallel = int(parallel)
p.cpuparams.n_threads = int(threads)
p.cpuparams_batch.n_threads = int(threads)
p.warmup = False
p.verbosity = -1
p.hostnames = ["127.0.0.1"]
p.port = int(port)
server = xllamacpp.Server(p)
while True:
    time.sleep(3600)
"""


def start_llama_server(gguf: Path, parallel: int, threads: int) -> tuple[
        subprocess.Popen[bytes], str]:
    """llama.cpp's server on a free loopback port; waits (bounded) until it answers."""
    import socket
    import urllib.error
    import urllib.request

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    process = subprocess.Popen([sys.executable, "-c", _SERVER_CHILD, str(gguf), str(port),
                                str(parallel), str(threads)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(1200):  # at most ~2 minutes
        if process.poll() is not None:
            raise SystemExit("llama.cpp server failed to start")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=2):
                return process, f"http://127.0.0.1:{port}/v1"
        except (urllib.error.URLError, OSError):
            time.sleep(0.1)
    process.kill()
    raise SystemExit("llama.cpp server did not start in time")


def bench_openai(args: argparse.Namespace) -> None:
    from parallax.core.translate.llm import available

    ok, reason = available()
    if not ok:
        raise SystemExit(reason)
    with tempfile.TemporaryDirectory(prefix="parallax-bench-") as tmp:
        bench_openai_in(args, Path(tmp))


def bench_openai_in(args: argparse.Namespace, home: Path) -> None:
    from parallax.core.translate.openai_engine import OpenAIEngine

    os.environ["PARALLAX_HOME"] = str(home)
    (home / "tmp").mkdir()
    os.environ["TMPDIR"] = str(home / "tmp")  # the workers' and server's: removed with home
    gguf = args.gguf
    if gguf is None:
        sys.path.insert(0, str(REPO / "tests"))
        from support.gguf_model import write_tiny_llama

        # Rigged to repeat one word up to the output budget: both sides then generate exactly
        # the same number of tokens for every sentence, so the figures compare like with like.
        gguf = write_tiny_llama(home / "tiny.gguf", always_token="▁Putin")
    threads = os.cpu_count() or 1
    sentences = seed_sentences(args.repeat)
    print(f"model: {gguf.name} ({gguf.stat().st_size / 2**20:.1f} MiB)"
          + ("  [tiny random-weight model: figures show the plumbing, not real speed]"
             if args.gguf is None else ""))
    print(f"sentences: seed article x{args.repeat} = {len(sentences)}; CPU cores: "
          f"{os.cpu_count()}; threads: {threads}")
    header = (f"{'configuration':<52} {'sent/s':>8} {'x in-process':>13} "
              f"{'same text':>10}")
    print(header)
    print("-" * len(header))

    env = dict(os.environ)
    local = measure("llm", gguf, 0, threads, args.repeat, env)
    base = local["sentences"] / local["seconds"]
    reference = list(local.get("outputs", []))
    print(f"{'in-process llm (llama.cpp, 1 sequence)':<52} {base:>8.2f} {1.0:>13.2f} "
          f"{'':>10}", flush=True)
    for concurrency in (1, 2, 4):
        process = None
        if args.server:
            url, model, where = args.server, args.model or "bench", "given server"
        else:
            slots = args.slots or concurrency
            process, url = start_llama_server(gguf, slots, threads)
            model, where = "bench", f"llama.cpp server, {slots} slots"
        try:
            remote = OpenAIEngine(url, model, concurrency=concurrency, glossary=None)
            remote.check_model()
            start = time.perf_counter()
            outputs = remote.translate(sentences, "zh", "en")
            rate = len(sentences) / (time.perf_counter() - start)
            same = sum(a == b for a, b in zip(outputs, reference, strict=False))
        finally:
            if process is not None:
                process.kill()
                process.wait(timeout=30)
        label = f"openai, concurrency {concurrency} ({where})"
        print(f"{label:<52} {rate:>8.2f} {rate / base:>13.2f} "
              f"{f'{same}/{len(sentences)}':>10}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--engine", choices=("argos", "openai"), default="argos",
                        help="argos (default) or openai: a server against the in-process LLM")
    parser.add_argument("--model", help="argos: a zh->en .argosmodel (default: tiny model); "
                                        "openai with --server: the server's model name")
    parser.add_argument("--gguf", type=Path, help="openai: the GGUF for both sides "
                                                   "(default: a tiny random-weight model)")
    parser.add_argument("--server", help="openai: an OpenAI-compatible base URL to measure "
                                         "(default: start llama.cpp's server on 127.0.0.1)")
    parser.add_argument("--repeat", type=int, default=2, help="passes over the seed article")
    parser.add_argument("--slots", type=int, default=0,
                        help="openai: the started server's parallel slots (default: as many "
                             "as requests in flight)")
    parser.add_argument("--sentences", type=int, default=0,
                        help="openai: only the first N sentences (a real model is slow)")
    parser.add_argument("--quick", action="store_true",
                        help="one pass; argos: 1 thread and batch 8 only; openai: 2 sentences "
                             "unless --sentences says (checks the plumbing)")
    args = parser.parse_args()
    if args.quick:
        args.repeat = 1
        args.sentences = args.sentences or (2 if args.engine == "openai" else 0)
    if args.sentences > 0:
        os.environ["PARALLAX_BENCH_SENTENCES"] = str(args.sentences)  # workers inherit it
    if args.engine == "openai":
        bench_openai(args)
        return
    if args.model is not None:
        args.model = Path(args.model)
    with tempfile.TemporaryDirectory(prefix="parallax-bench-") as tmp:
        bench_argos(args, Path(tmp))


def bench_argos(args: argparse.Namespace, home: Path) -> None:
    """Every configuration against the model installed under `home` (removed afterwards)."""
    # The workers' temporary folder too: importing Argos's own translate module loads
    # onnxruntime (for MiniSBD), which leaves a file in the temporary folder.
    (home / "tmp").mkdir()
    env = dict(os.environ, PARALLAX_HOME=str(home), ARGOS_PACKAGES_DIR=str(home / "models"),
               XDG_DATA_HOME=str(home / "xdg"), XDG_CACHE_HOME=str(home / "xdg-cache"),
               XDG_CONFIG_HOME=str(home / "xdg-config"), TMPDIR=str(home / "tmp"))
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
    for threads in (1,) if args.quick else (1, 2):
        for batch in (8,) if args.quick else (1, 8, 32):
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
