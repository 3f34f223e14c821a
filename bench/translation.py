"""Argos translation speed and memory: our batched CTranslate2 path against Argos's own;
with `--engine openai`, a translation server against the in-process LLM on the same GGUF.

    python bench/translation.py                    # the tiny random-weight model (plumbing only)
    python bench/translation.py --quick            # the same, one row of each kind
    python bench/translation.py --realistic [--runs 5]  # a generated real-size model (cached)
    python bench/translation.py --model zh_en.argosmodel [--repeat 2] [--runs 5]
    python bench/translation.py --engine openai [--gguf model.gguf] [--server URL --model NAME]
                                [--sentences N]

`--engine openai`: sentences per second of the in-process LLM engine, then of the `openai`
engine at concurrency 1, 2 and 4. Without `--server`, llama.cpp's own server is started on
127.0.0.1 for each concurrency with as many parallel slots; with `--server`, that server is
used as it is (its slots are its own). Both sides get every CPU core and no cache.

Argos: every configuration runs in its own subprocess (so its peak resident memory, getrusage
maxrss, which sees CTranslate2's C++ allocations, is its own), `--runs` times, the runs of all
configurations alternating; the table gives the median output tokens/s (the tokens of the
CTranslate2 results, counted on both sides) with the slowest-fastest range, sentences/s, CPU
seconds and the share of outputs identical to Argos's at the same beam. Rows:

* Parallax's path and Argos's way, each with its own defaults (labelled: Parallax beam 2, int8,
  one batch per core; Argos beam 4, the model's compute type, CTranslate2's thread default);
* both at the same beam (4, then 2), compute type (int8) and thread count: the ratio that
  counts;
* Parallax with 1 thread, against its automatic thread count;
* cache look-ups only: `translate_article` again with every sentence cached (no model call).

Parallax's path is `ArgosEngine.translate` over the seed's sentences (what the article
translation runs, less the sentence checks). Argos's way is
`argostranslate.translate.apply_packaged_translation` once per sentence. Its usual entry point,
`translate()`, first re-splits text with MiniSBD, which downloads a model; it is given one
sentence at a time through a pass-through splitter instead, so both sides translate the same
sentences with the same model.

`--realistic` generates a model of a real Argos package's size (6+6 layers, d512, 8 heads, FFN
2048, 32k vocabulary, int8; random weights, an end-of-sentence bias so outputs end) once, and
keeps it in the user cache folder keyed by those parameters: later runs reuse it.

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
    try:  # Linux: this process's own peak (getrusage's maxrss keeps the parent's across exec)
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux, bytes on macOS
    return kib / (1024 * 1024) if sys.platform == "darwin" else kib / 1024


# ---- workers (run in a subprocess each) --------------------------------------------------


def _cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def worker_ours(config: dict[str, Any]) -> dict[str, Any]:
    from parallax.core.translate.argos import ArgosEngine

    sentences = seed_sentences(config["repeat"])
    engine = ArgosEngine(beam_size=config["beam"], threads=config["threads"],
                         models_dir=Path(config["models_dir"]),
                         compute_type=config["compute"])
    start = time.perf_counter()
    engine.translate(sentences[:1], "zh", "en")  # loads the model (and warms it up)
    load = time.perf_counter() - start
    tokens, calls = engine.output_tokens, engine.model_calls
    cpu, start = _cpu_seconds(), time.perf_counter()
    outputs = engine.translate(sentences, "zh", "en")
    elapsed = time.perf_counter() - start
    return {"sentences": len(sentences), "seconds": elapsed, "load": load,
            "cpu": _cpu_seconds() - cpu, "tokens": engine.output_tokens - tokens,
            "calls": engine.model_calls - calls, "threads": engine.threads, "outputs": outputs}


def worker_warm(config: dict[str, Any]) -> dict[str, Any]:
    """Only cache look-ups: every sentence is already cached, so no model runs."""
    from parallax.core.loaders import load_path
    from parallax.core.paths import sample_article_path
    from parallax.core.translate.argos import ArgosEngine
    from parallax.core.translate.article_translation import translate_article
    from parallax.core.translate.cache import TranslationCache

    article = load_path(sample_article_path())
    engine = ArgosEngine(beam_size=config["beam"], threads=config["threads"],
                         models_dir=Path(config["models_dir"]))
    with tempfile.TemporaryDirectory() as tmp:
        cache = TranslationCache(Path(tmp) / "cache.sqlite3")
        start = time.perf_counter()
        translate_article(article, engine, "en", cache)  # fills the cache
        load = time.perf_counter() - start
        calls = engine.model_calls
        cpu, start = _cpu_seconds(), time.perf_counter()
        for _ in range(config["repeat"]):
            translate_article(article, engine, "en", cache)
        elapsed = time.perf_counter() - start
        cache.close()
    return {"sentences": (article.sentence_count + 1) * config["repeat"], "seconds": elapsed,
            "load": load, "cpu": _cpu_seconds() - cpu, "tokens": 0,
            "calls": engine.model_calls - calls, "threads": engine.threads}


def worker_argos(config: dict[str, Any]) -> dict[str, Any]:
    """Argos's own per-sentence call. `beam`, `compute` and `threads` of None: Argos's
    defaults (its settings: beam 4, compute type "auto", CTranslate2's thread default)."""
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

    class Counting:
        """The translator, counting the tokens of the hypotheses Argos uses."""

        def __init__(self, translator: Any) -> None:
            self.translator, self.tokens = translator, 0

        def translate_batch(self, *args: Any, **kwargs: Any) -> Any:
            results = self.translator.translate_batch(*args, **kwargs)
            self.tokens += sum(len(r.hypotheses[0]) for r in results)
            return results

    if config["beam"] is not None:
        settings.beam_size = config["beam"]  # read at each call: beam = max(1, beam_size)
    model = find_model(LanguagePair("zh", "en"), Path(config["models_dir"]))
    assert model is not None
    pkg = package_module.Package(model.path)
    sentences = seed_sentences(config["repeat"])
    threads = settings.intra_threads if config["threads"] is None else config["threads"]
    options: dict[str, Any] = {}
    if config["compute"] is not None:
        options["compute_type"] = config["compute"]
    elif settings.compute_type != "auto":
        options["compute_type"] = settings.compute_type
    start = time.perf_counter()
    # As PackageTranslation builds it.
    translator = Counting(ctranslate2.Translator(str(model.path / "model"), device="cpu",
                                                 inter_threads=settings.inter_threads,
                                                 intra_threads=threads, **options))
    apply_packaged_translation(pkg, sentences[0], translator, OneSentence(), 1)  # warm-up
    load = time.perf_counter() - start
    translator.tokens = 0
    cpu, start = _cpu_seconds(), time.perf_counter()
    outputs = [apply_packaged_translation(pkg, sentence, translator, OneSentence(), 1)[0].value
               for sentence in sentences]
    elapsed = time.perf_counter() - start
    return {"sentences": len(sentences), "seconds": elapsed, "load": load,
            "cpu": _cpu_seconds() - cpu, "tokens": translator.tokens,
            "calls": len(sentences), "threads": threads, "outputs": outputs,
            "beam": max(1, settings.beam_size)}


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
    result: dict[str, Any]
    if argv[0] == "config":
        config = json.loads(argv[1])
        workers = {"ours": worker_ours, "warm": worker_warm, "argos": worker_argos}
        result = workers[config["kind"]](config)
    else:
        models_dir, threads, repeat = Path(argv[1]), int(argv[3]), int(argv[4])
        result = worker_llm(models_dir, threads, repeat)
    result["maxrss_mib"] = _maxrss_mib()
    print(json.dumps(result))


# ---- driver ------------------------------------------------------------------------------


def measure(kind: str, models_dir: Path, batch: int, threads: int, repeat: int,
            env: dict[str, str]) -> dict[str, Any]:
    return _run_worker([kind, str(models_dir), str(batch), str(threads), str(repeat)], env)


def measure_config(config: dict[str, Any], env: dict[str, str]) -> dict[str, Any]:
    return _run_worker(["config", json.dumps(config)], env)


def _run_worker(argv: list[str], env: dict[str, str]) -> dict[str, Any]:
    command = [sys.executable, __file__, "--worker", *argv]
    done = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    if done.returncode != 0:
        raise SystemExit(f"{argv[0]} worker failed:\n{done.stderr}")
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
    parser.add_argument("--realistic", action="store_true",
                        help="argos: a generated real-size model (6+6 layers, d512, 32k vocab, "
                             "int8), built once and kept in the user cache folder")
    parser.add_argument("--runs", type=int, default=3,
                        help="argos: runs of each configuration (median and range)")
    parser.add_argument("--quick", action="store_true",
                        help="one pass; argos: the two default rows only; openai: 2 sentences "
                             "unless --sentences says (checks the plumbing)")
    args = parser.parse_args()
    if args.quick:
        args.repeat = args.runs = 1
        args.sentences = args.sentences or (2 if args.engine == "openai" else 0)
    if args.sentences > 0:
        os.environ["PARALLAX_BENCH_SENTENCES"] = str(args.sentences)  # workers inherit it
    if args.engine == "openai":
        bench_openai(args)
        return
    if args.model is not None:
        args.model = Path(args.model)
    from parallax.core.paths import cache_dir

    cache = cache_dir()  # the user's (or PARALLAX_HOME's): generated models outlive the run
    with tempfile.TemporaryDirectory(prefix="parallax-bench-") as tmp:
        bench_argos(args, Path(tmp), cache)


# A real Argos package's size (translate-zh_en 1.9: 6+6 layers, d512, 32k shared vocabulary).
REALISTIC: dict[str, Any] = {"layers": 6, "d_model": 512, "heads": 8, "ffn": 2048, "vocab": 32000,
             "quantization": "int8", "eos_bias": 3.9, "seed": 1, "generator": 1}


def realistic_package(cache: Path) -> tuple[Path, str]:
    """The generated real-size package, from the cache when one with these parameters is
    there (the key is a hash of REALISTIC), else built now; (path, what happened)."""
    import hashlib

    key = hashlib.sha1(json.dumps(REALISTIC, sort_keys=True).encode(),
                       usedforsecurity=False).hexdigest()[:12]
    path = cache / "bench-models" / f"realistic-zh_en-{key}.argosmodel"
    if path.is_file():
        return path, f"reused from {path}"
    start = time.perf_counter()
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial")
    with tempfile.TemporaryDirectory(prefix="parallax-bench-model-", dir=path.parent) as tmp:
        _build_realistic(partial, Path(tmp))
    partial.replace(path)  # whole or not at all
    return path, f"generated in {time.perf_counter() - start:.0f} s, kept in {path}"


def _build_realistic(out: Path, work: Path) -> None:
    import io
    import zipfile

    import ctranslate2.specs as specs
    import numpy as np
    import sentencepiece as spm
    from ctranslate2.specs import model_spec

    from parallax.core.translate.tiny_model import default_corpus

    p = REALISTIC
    d, ffn, vocab = int(p["d_model"]), int(p["ffn"]), int(p["vocab"])
    proto = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(default_corpus()), model_writer=proto, vocab_size=8000,
        hard_vocab_limit=False, character_coverage=1.0, model_type="unigram", num_threads=1,
        minloglevel=2)
    processor = spm.SentencePieceProcessor(model_proto=proto.getvalue())
    pieces = [processor.id_to_piece(i) for i in range(processor.get_piece_size())]
    # The sample corpus supports ~1,500 pieces; the rest pad the model to a real vocabulary's
    # size (what the output layer and beam search cost), and decode as unknown words.
    tokens = pieces + [f"<extra{i}>" for i in range(vocab - len(pieces))]
    spec = specs.TransformerSpec.from_config(int(p["layers"]), int(p["heads"]))
    rng = np.random.default_rng(int(p["seed"]))
    for name, value in spec.variables().items():
        if value is not None:
            continue
        if name.endswith(("gamma", "beta")):
            shape: tuple[int, ...] = (d,)
        elif "embeddings" in name or name.endswith("projection/weight"):
            shape = (vocab, d)
        elif "/ffn/linear_0/" in name:
            shape = (ffn, d)
        elif "/ffn/linear_1/" in name:
            shape = (d, ffn)
        elif "/self_attention/linear_0/" in name:
            shape = (3 * d, d)
        elif "/attention/linear_1/" in name:
            shape = (2 * d, d)
        else:
            shape = (d, d)
        if name.endswith("gamma"):
            array = np.ones(shape, dtype=np.float32)
        elif name.endswith(("beta", "bias")):
            array = np.zeros(shape, dtype=np.float32)
        else:  # scaled by fan-in, so activations and logits stay of order 1
            array = rng.standard_normal(shape, dtype=np.float32) / np.float32(np.sqrt(shape[-1]))
        scope, attr = name.rsplit("/", 1)
        setattr(model_spec.index_spec(spec, scope), attr, array)
    bias = np.zeros(vocab, dtype=np.float32)
    bias[tokens.index("</s>")] = float(p["eos_bias"])  # outputs end, about as long as inputs
    spec.decoder.projection.bias = bias
    spec.register_source_vocabulary(tokens)
    spec.register_target_vocabulary(tokens)
    spec.validate()
    spec.optimize(quantization=str(p["quantization"]))
    (work / "model").mkdir()
    spec.save(str(work / "model"))
    metadata = {"package_version": "0.1", "argos_version": "1.9", "from_code": "zh",
                "from_name": "Chinese", "to_code": "en", "to_name": "English", "links": [],
                "type": "translate", "note": "random weights, real size, for benchmarks only"}
    folder = "translate-zh_en-realistic"
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as zf:  # int8 weights hardly compress
        zf.writestr(f"{folder}/metadata.json", json.dumps(metadata))
        zf.writestr(f"{folder}/sentencepiece.model", proto.getvalue())
        for path in sorted((work / "model").iterdir()):
            zf.write(path, f"{folder}/model/{path.name}")


def _load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def bench_argos(args: argparse.Namespace, home: Path, cache: Path) -> None:
    """Every configuration against the model installed under `home` (removed afterwards)."""
    import statistics

    # The workers' temporary folder too: importing Argos's own translate module loads
    # onnxruntime (for MiniSBD), which leaves a file in the temporary folder.
    (home / "tmp").mkdir()
    env = dict(os.environ, PARALLAX_HOME=str(home), ARGOS_PACKAGES_DIR=str(home / "models"),
               XDG_DATA_HOME=str(home / "xdg"), XDG_CACHE_HOME=str(home / "xdg-cache"),
               XDG_CONFIG_HOME=str(home / "xdg-config"), TMPDIR=str(home / "tmp"))
    os.environ.update(env)
    from parallax.core.translate.argos import auto_threads
    from parallax.core.translate.models import install_model
    from parallax.core.translate.tiny_model import build_tiny_argos_package

    note = ""
    if args.model is not None:
        package = args.model
    elif args.realistic:
        package, made = realistic_package(cache)
        note = f"  [generated real-size model, random weights; {made}]"
    else:
        package = build_tiny_argos_package(home / "tiny-zh_en.argosmodel")
        note = "  [tiny random-weight model: figures show the plumbing, not real speed]"
    models_dir = home / "models"
    installed = install_model(package, models_dir)
    threads = auto_threads()
    cores = os.cpu_count() or 1
    print(f"model: {installed.name} ({installed.size_bytes / 2**20:.1f} MiB){note}")
    print(f"sentences: seed article x{args.repeat}; CPU cores: {cores}; Parallax's "
          f"automatic threads: {threads}; runs: {args.runs} (alternating); "
          f"load average before: {_load()}")
    base = {"models_dir": str(models_dir), "repeat": args.repeat}
    # (key, label, config, the row its outputs are compared with)
    rows: list[tuple[str, str, dict[str, Any], str | None]] = [
        ("ours-default", "Parallax defaults: beam 2, int8, auto threads",
         {"kind": "ours", "beam": 2, "compute": "int8", "threads": 0}, "argos-b2"),
        ("argos-default", "Argos default: beam 4, model's type, CT2 threads",
         {"kind": "argos", "beam": None, "compute": None, "threads": None}, None),
    ]
    if not args.quick:  # the same beam, compute type and threads (every core) on both sides
        rows += [
            ("ours-b4", "Parallax, beam 4, int8", {"kind": "ours", "beam": 4, "compute": "int8",
                                                   "threads": cores}, "argos-b4"),
            ("argos-b4", "Argos, beam 4, int8", {"kind": "argos", "beam": 4, "compute": "int8",
                                                 "threads": cores}, None),
            ("ours-b2", "Parallax, beam 2, int8", {"kind": "ours", "beam": 2, "compute": "int8",
                                                   "threads": cores}, "argos-b2"),
            ("argos-b2", "Argos, beam 2, int8", {"kind": "argos", "beam": 2, "compute": "int8",
                                                 "threads": cores}, None),
            ("ours-1t", "Parallax, beam 2, int8", {"kind": "ours", "beam": 2, "compute": "int8",
                                                   "threads": 1}, "argos-b2"),
            ("warm", "cache look-ups only (no model call)",
             {"kind": "warm", "beam": 2, "compute": "int8", "threads": threads}, None),
        ]
    results: dict[str, list[dict[str, Any]]] = {row[0]: [] for row in rows}
    for _ in range(args.runs):
        for key, _label, config, _pair in rows:
            results[key].append(measure_config(base | config, env))
    header = (f"{'configuration':<50} {'thr':>3} {'tok/s':>7} {'range':>13} {'sent/s':>7} "
              f"{'tokens':>6} {'CPU s':>6} {'load s':>6} {'MiB':>5} {'same':>7}")
    print(header)
    print("-" * len(header))

    def rate(result: dict[str, Any], unit: str) -> float:
        return float(result[unit]) / result["seconds"] if result["seconds"] else float("inf")

    medians: dict[str, float] = {}
    for key, label, _config, pair in rows:
        runs = results[key]
        unit = "sentences" if key == "warm" else "tokens"
        rates = [rate(r, unit) for r in runs]
        medians[key] = statistics.median(rates)
        first = runs[0]
        same = ""
        if pair in results and "outputs" in first:
            theirs = results[pair][0]["outputs"]
            pairs = zip(first["outputs"], theirs, strict=True)
            same = f"{sum(a.strip() == b.strip() for a, b in pairs)}/{len(theirs)}"
        spread = f"{min(rates):.1f}-{max(rates):.1f}"
        shown = "sent/s" if key == "warm" else ""
        used = first["threads"] or "ct2"  # 0: CTranslate2's own default
        print(f"{label:<50} {used:>3} {medians[key]:>7.1f} {spread:>13} "
              f"{statistics.median(rate(r, 'sentences') for r in runs):>7.1f} "
              f"{int(first['tokens']):>6} {statistics.median(r['cpu'] for r in runs):>6.1f} "
              f"{statistics.median(r['load'] for r in runs):>6.2f} "
              f"{statistics.median(r['maxrss_mib'] for r in runs):>5.0f} {same:>7}{shown}",
              flush=True)
    print(f"\nload average after: {_load()}")
    defaults = medians["ours-default"] / medians["argos-default"]
    print(f"Parallax defaults / Argos default: {defaults:.2f}x output tokens/s "
          "(beam 2 against 4: not like for like)")
    if not args.quick:
        for beam in (4, 2):
            ratio = medians[f"ours-b{beam}"] / medians[f"argos-b{beam}"]
            print(f"same beam {beam}, int8, {cores} threads each: Parallax / Argos = "
                  f"{ratio:.2f}x output tokens/s (target >= 3x: "
                  f"{'met' if ratio >= 3 else 'not met'})")
        cpu = [statistics.median(r["cpu"] for r in results[k]) for k in ("ours-b2", "ours-1t")]
        print(f"Parallax, {cores} threads / 1 thread: "
              f"{medians['ours-b2'] / medians['ours-1t']:.2f}x output tokens/s for "
              f"{cpu[0] / cpu[1]:.2f}x the CPU")
    print("'same': outputs identical to Argos's at the same beam (Parallax stops a sentence at "
          "3x its input + 16 tokens, Argos at 256; batched arithmetic can also tip a near-tie, "
          "which random weights have often). 'tokens': output tokens of the first run. "
          "The cache row counts sentences/s. Argos's translate() would first split text with "
          "MiniSBD (a model download); it was given single sentences through a pass-through "
          "splitter instead.")


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--worker":
        run_worker(sys.argv[2:])
    else:
        main()
