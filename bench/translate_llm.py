"""Local LLM (GGUF) translation beside Argos: seconds per sentence and peak memory.

    python bench/translate_llm.py --gguf model.gguf --model translate-zh_en.argosmodel [-n 10]
    python bench/translate_llm.py --quick     # tiny test models, 2 sentences (plumbing only)

Each engine runs in its own subprocess so its peak resident memory (getrusage maxrss) is its
own. Without `--gguf` the tiny random-weight test model is generated and measured (figures for
the plumbing, not for a real model); without `--model` Argos is left out.
Prints figures only; never asserts a speed.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def seed_sentences(count: int) -> list[str]:
    from parallax.core.loaders import load_path
    from parallax.core.paths import sample_article_path

    article = load_path(sample_article_path())
    return [s.text for p in article.paragraphs for s in p.sentences][:count]


def _peak_rss_mib() -> float:
    # ru_maxrss is KiB on Linux, bytes on macOS.
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024 if sys.platform == "darwin" else 1024)


def worker(engine_name: str, model: str, sentences_file: str, threads: int) -> dict[str, object]:
    """Runs in the child: load, translate, report."""
    sentences: list[str] = json.loads(Path(sentences_file).read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory(prefix="bench-argos-") as folder:
        started = time.perf_counter()
        if engine_name == "llm":
            from parallax.core.translate.llm import LlmEngine, LlmSettings

            llm = LlmEngine(Path(model), LlmSettings(threads=threads))
            llm.load()
            engine: object = llm
            version = llm.version
        else:
            from parallax.core.translate.argos import ArgosEngine
            from parallax.core.translate.models import install_model

            install_model(model, models_dir=Path(folder))  # removed with the folder
            argos = ArgosEngine(threads=threads, models_dir=Path(folder))
            engine = argos
            version = argos.version
        loaded = time.perf_counter()
        outputs = engine.translate(sentences, "zh", "en")  # type: ignore[attr-defined]
        finished = time.perf_counter()
    return {
        "engine": engine_name,
        "version": version,
        "sentences": len(sentences),
        "load_s": round(loaded - started, 3),
        "s_per_sentence": round((finished - loaded) / max(1, len(sentences)), 4),
        "peak_rss_mib": round(_peak_rss_mib(), 1),
        "first_output": outputs[0] if outputs else "",
    }


def run_child(
    engine_name: str, model: Path, sentences_file: Path, threads: int
) -> dict[str, object]:
    cmd = [sys.executable, __file__, "--worker", engine_name, "--worker-model", str(model),
           "--worker-sentences", str(sentences_file), "--threads", str(threads)]
    result = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        tail = (result.stderr.strip().splitlines() or ["(no output)"])[-1]
        return {"engine": engine_name, "error": tail}
    return dict(json.loads(result.stdout.strip().splitlines()[-1]))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gguf", type=Path, help="a GGUF model for the LLM engine")
    parser.add_argument("--model", type=Path, help="an .argosmodel package (zh->en) for Argos")
    parser.add_argument("-n", "--sentences", type=int, default=10, help="seed sentences to use")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--quick", action="store_true",
                        help="2 sentences; the tiny test model for each engine not given")
    parser.add_argument("--worker", choices=["llm", "argos"], help=argparse.SUPPRESS)
    parser.add_argument("--worker-model", help=argparse.SUPPRESS)
    parser.add_argument("--worker-sentences", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.worker:
        print(json.dumps(worker(args.worker, args.worker_model, args.worker_sentences,
                                args.threads), ensure_ascii=False))
        return 0

    from parallax.core.translate.llm import available

    if args.quick:
        args.sentences = min(args.sentences, 2)
    with tempfile.TemporaryDirectory(prefix="bench-llm-") as tmp:
        sentences_file = Path(tmp) / "sentences.json"
        sentences = seed_sentences(args.sentences)
        sentences_file.write_text(json.dumps(sentences, ensure_ascii=False), encoding="utf-8")
        runs: list[tuple[str, Path]] = []
        ok, reason = available()
        if not ok:
            print(f"llm: skipped ({reason})")
        elif args.gguf:
            runs.append(("llm", args.gguf))
        else:
            sys.path.insert(0, str(REPO / "tests"))
            from support.gguf_model import write_tiny_llama

            runs.append(("llm", write_tiny_llama(Path(tmp) / "tiny-random.gguf")))
            print("llm: no --gguf given; measuring the tiny random-weight test model")
        if args.model:
            runs.append(("argos", args.model))
        elif args.quick:
            from parallax.core.translate.tiny_model import build_tiny_argos_package

            runs.append(("argos", build_tiny_argos_package(Path(tmp) / "tiny.argosmodel")))
            print("argos: no --model given; measuring the tiny random-weight test model")
        else:
            print("argos: skipped (give --model PATH.argosmodel to compare)")
        print(f"{len(sentences)} seed sentences, zh->en, {args.threads} threads")
        print(f"{'engine':<7} {'load s':>8} {'s/sentence':>11} {'peak MiB':>9}  version")
        for name, model in runs:
            figures = run_child(name, model, sentences_file, args.threads)
            if "error" in figures:
                print(f"{name:<7} failed: {figures['error']}")
                continue
            print(f"{name:<7} {figures['load_s']:>8} {figures['s_per_sentence']:>11} "
                  f"{figures['peak_rss_mib']:>9}  {figures['version']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
