"""LLM translation quality on the built-in sample: Parallax's LLM engine against a naive baseline.

    python bench/llm_quality.py --model PATH.gguf [--threads 1] [--paragraphs N] [--no-naive]
                                [--context] [--outputs FILE.tsv]
    python bench/llm_quality.py --quick   # the tiny random-weight test model (plumbing only)

Both translate the sample's original (headline and body), zh -> en, with the same model:
  engine       Parallax's LLM engine as `parallax translate --engine llm` runs it
               (`translate_article`, no cache): its prompt, context, glossary and post-checks.
  naive        one call per sentence, the user message "Translate to English:" and the sentence,
               no context, no glossary, greedy; the reply with whitespace collapsed.
  naive+clean  the same replies through the engine's chatter cleaning (`clean_output`), so the
               gap to the engine is its prompt and checks, not the stripping of "Here is...".
Scored against the sample's own English translation (resources/samples; written for the
project), paragraph by paragraph (the headline, then each body paragraph: the two languages'
sentence splits differ):
  chrF, BLEU   sacrebleu corpus scores (chrF: character 6-grams, beta 2; BLEU: 13a tokens)
  chinese      sentences with Chinese left in the output (fallbacks, the source behind a mark,
               included)
  fallback     sentences the engine gave up on
  extra        sentences whose output holds more sentences than the source (an invented one)
  length       sentences outside the length-ratio bounds of `checks.py`
  terms        glossary terms in the sources / rendered in the outputs / missed and flagged by
               the checks (every miss is flagged: `check_sentence` runs on every output)
Target (issue 15): engine chrF at least naive's + 3, chinese 0, extra 0, every term honoured or
flagged. Prints figures; never asserts a quality. Without --model the tiny test model is
generated (figures for the plumbing, not for a real model).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from parallax.core.article import Article

REPO = Path(__file__).resolve().parents[1]
NAIVE_PROMPT = "Translate to English:\n"


@dataclass(frozen=True)
class Figures:
    name: str
    chrf: float
    bleu: float
    units: int
    chinese: int
    fallback: int
    extra: int
    length: int
    terms: int
    honoured: int
    flagged: int
    seconds: float


def sample_pair(paragraphs: int | None) -> tuple[Article, dict[str, list[str]], list[str]]:
    """(original article, headline and first `paragraphs` body paragraphs as unit keys per
    scored segment, the reference text of each segment)."""
    from parallax.core.samples import sample_workspace
    from parallax.core.workspace import TITLE

    workspace = sample_workspace()
    original = workspace.original
    reference = next(s.article for s in workspace.sources if s.role == "translation")
    if len(reference.paragraphs) != len(original.paragraphs):
        raise SystemExit("the sample's translation no longer matches its original paragraph "
                         "for paragraph; the scores would compare the wrong texts")
    kept = original.paragraphs[:paragraphs] if paragraphs is not None else original.paragraphs
    original = replace(original, paragraphs=kept)
    segments = {TITLE: [TITLE]}
    segments.update((f"p{p.index}", [s.id for s in p.sentences]) for p in kept)
    references = [reference.title] + [
        " ".join(s.text for s in p.sentences) for p in reference.paragraphs[:len(kept)]
    ]
    return original, segments, references


def score(name: str, outputs: Mapping[str, str], sources: Mapping[str, str],
          segments: Mapping[str, list[str]], references: Sequence[str], seconds: float) -> Figures:
    import sacrebleu

    from parallax.core.segment import split_sentences
    from parallax.core.translate.checks import check_sentence
    from parallax.core.translate.glossary import active_glossary, check_glossary

    glossary = active_glossary()
    hypotheses = [" ".join(outputs[key] for key in keys) for keys in segments.values()]
    chinese = fallback = extra = length = terms = honoured = flagged = 0
    for key, source in sources.items():
        output = outputs[key]
        kinds = {c.kind for c in check_sentence(source, output, "zh", "en", glossary)}
        chinese += bool(kinds & {"chinese_left", "fallback"})
        fallback += "fallback" in kinds
        length += "length_ratio" in kinds
        if len(split_sentences(output, "en")) > max(1, len(split_sentences(source, "zh"))):
            extra += 1
        found = len(glossary.terms_in(source))
        missed = len(check_glossary(source, output, glossary))
        terms += found
        honoured += found - missed
        flagged += missed  # check_sentence reports each as glossary_miss
    return Figures(
        name=name,
        chrf=sacrebleu.corpus_chrf(hypotheses, [list(references)]).score,
        bleu=sacrebleu.corpus_bleu(hypotheses, [list(references)]).score,
        units=len(sources), chinese=chinese, fallback=fallback, extra=extra, length=length,
        terms=terms, honoured=honoured, flagged=flagged, seconds=seconds,
    )


def naive_request(sentence: str, chat: bool) -> dict[str, object]:
    content = NAIVE_PROMPT + sentence
    request: dict[str, object] = (
        {"messages": [{"role": "user", "content": content}]} if chat
        else {"prompt": content + "\n"}
    )
    request.update(temperature=0.0, seed=0, max_tokens=3 * len(sentence) + 32)
    return request


def run(model: Path, threads: int, paragraphs: int | None, naive: bool,
        show: Callable[[str], None], outputs_file: Path | None = None,
        context: bool = False) -> list[Figures]:
    from parallax.core.translate.article_translation import article_texts, translate_article
    from parallax.core.translate.llm import LlmEngine, LlmSettings
    from parallax.core.translate.prompting import clean_output

    original, segments, references = sample_pair(paragraphs)
    sources = article_texts(original)
    engine = LlmEngine(model, LlmSettings(threads=threads))
    if context:
        engine.uses_context = True  # translate_article then passes the previous sentence
    engine.load()
    started = time.perf_counter()
    translated = translate_article(original, engine, "en")
    raw: dict[str, str] = {}
    figures = [score("engine", translated.texts, sources, segments, references,
                     time.perf_counter() - started)]
    show(_row(figures[-1]))
    if naive:
        started = time.perf_counter()
        raw = {key: " ".join((engine.generate(naive_request(text, engine.uses_chat)) or "").split())
               for key, text in sources.items()}
        seconds = time.perf_counter() - started
        figures.append(score("naive", raw, sources, segments, references, seconds))
        show(_row(figures[-1]))
        cleaned = {key: clean_output(text) for key, text in raw.items()}
        figures.append(score("naive+clean", cleaned, sources, segments, references, seconds))
        show(_row(figures[-1]))
    if outputs_file is not None:
        write_outputs(outputs_file, sources, translated.texts, raw if naive else {})
    engine.close()
    return figures


def write_outputs(path: Path, sources: Mapping[str, str], engine: Mapping[str, str],
                  naive: Mapping[str, str]) -> None:
    """key, source, engine output, naive output: one line each, to read what the scores hide."""
    lines = ["key\tsource\tengine\tnaive"]
    lines += [f"{key}\t{text}\t{engine[key]}\t{naive.get(key, '')}"
              for key, text in sources.items()]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


HEADER = (f"{'run':<12} {'chrF':>6} {'BLEU':>6} {'units':>6} {'chinese':>8} {'fallback':>9} "
          f"{'extra':>6} {'length':>7} {'terms':>6} {'honoured':>9} {'flagged':>8} {'s/unit':>7}")


def _row(f: Figures) -> str:
    return (f"{f.name:<12} {f.chrf:>6.1f} {f.bleu:>6.1f} {f.units:>6} {f.chinese:>8} "
            f"{f.fallback:>9} {f.extra:>6} {f.length:>7} {f.terms:>6} {f.honoured:>9} "
            f"{f.flagged:>8} {f.seconds / max(1, f.units):>7.2f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", type=Path, help="a GGUF model (zh -> en)")
    parser.add_argument("--threads", type=int, default=1,
                        help="CPU threads for llama.cpp (default 1: leave the others free)")
    parser.add_argument("--paragraphs", type=int, default=None,
                        help="the headline and the first N body paragraphs only")
    parser.add_argument("--no-naive", action="store_true", help="the engine only")
    parser.add_argument("--context", action="store_true",
                        help="the previous sentence in the engine's prompt (SEND_CONTEXT is off)")
    parser.add_argument("--outputs", type=Path, help="write every unit's outputs to this TSV")
    parser.add_argument("--quick", action="store_true",
                        help="the headline and one paragraph; the tiny test model without --model")
    args = parser.parse_args(argv)

    from parallax.core.translate.llm import available

    ok, reason = available()
    if not ok:
        print(f"llm: skipped ({reason})")
        return 0
    if args.quick and args.paragraphs is None:
        args.paragraphs = 1
    load = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="bench-llm-quality-") as tmp:
        model = args.model
        if model is None:
            sys.path.insert(0, str(REPO / "tests"))
            from support.gguf_model import write_tiny_llama

            model = write_tiny_llama(Path(tmp) / "tiny-random.gguf")
            print("no --model given; measuring the tiny random-weight test model")
        print(f"model {model.name}, {args.threads} thread(s), load average "
              f"{load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
        print("sample original zh -> en against its written translation, per paragraph")
        print(HEADER, flush=True)
        figures = run(model, args.threads, args.paragraphs, not args.no_naive,
                      lambda line: print(line, flush=True), args.outputs,
                      args.context)
    if len(figures) > 1:
        engine, best_naive = figures[0], max(figures[1:], key=lambda f: f.chrf)
        gain = engine.chrf - best_naive.chrf
        met = (gain >= 3 and engine.chinese == 0 and engine.extra == 0
               and engine.honoured + engine.flagged == engine.terms)
        print(f"target: chrF +3 over {best_naive.name} ({gain:+.1f}), no Chinese "
              f"({engine.chinese}), no invented sentence ({engine.extra}), terms honoured or "
              f"flagged ({engine.honoured}+{engine.flagged}/{engine.terms}): "
              f"{'met' if met else 'not met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
