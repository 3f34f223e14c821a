"""Comparison engine speed: the seed against 1, 5 and 20 reports, and one 5,000-sentence report.

    python bench/compare.py [--sizes 1 5 20] [--long 5000] [--process-sizes 1 5] [--runs 5]
                            [--process-long 20000]

Reports are the four sample reports, replicated with a marker appended to every sentence so no
per-sentence cache makes a copy free. The original's English text is the sample translation
stored as its machine translation (the "translation cached" case); the Chinese report is
glossed through a TranslationCache: once cold, then from the cache.

Stages, in seconds:
  load      read and parse the files (includes segmentation)
  segment   segmentation alone (make_article on the parsed paragraphs)
  gloss     dictionary gloss of the Chinese report(s); "cached" = the same again from the cache
  align     align_versions + claim_alignment on the pivot texts (core.similarity matrices)
  diff      word_diff of every linked pair
  flag      everything else compare_workspace does (numbers, names, lexicon, headline,
            coverage): its total minus align and diff
  total     compare_workspace end to end

Complexity: features are O(total words); the claim similarity matrix is O(n_original x
n_report) float32, computed in blocks (core.similarity.BLOCK rows) through the features both
sides share, so the 5,000-sentence report costs 45 x 5,000 scores, not a Python loop over
pairs; link selection is an argsort per report column (top 3). Version alignment is a banded
dynamic programme, O(n x band). Diffs run per linked pair only (never on whole documents).
Startup (jieba dictionary, POS tables, pinyin, Simplified/Traditional tables) is a one-off
cost measured separately. Per-sentence analysis caches are cleared before the comparison and
again before align is timed, so each figure includes reading the texts (numbers, names,
words); "flag" is therefore approximate.

Whole process (what a user waits for): `parallax compare` of the seed against the sample's
reports (then copies of them, marked), run as a subprocess with its own PARALLAX_HOME: a first
run from empty caches (it fills them), then `--runs` runs with every translation cached; wall
time and peak resident memory (the child's own rusage) as medians with their range, the
machine's load average before and after; then, once, the seed against one English report of
--process-long sentences (the sample's English sentences in turn, each marked with its place)
and the peak memory it adds per report sentence. Prints tables; never asserts a speed.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

REPO = Path(__file__).resolve().parents[1]
T = TypeVar("T")


def timed(fn: Callable[[], T]) -> tuple[T, float]:
    start = time.perf_counter()
    result = fn()
    return result, time.perf_counter() - start


def replicate(article: Any, copy: int) -> Any:
    from parallax.core.segment import make_article

    paragraphs = [" ".join(f"{s.text} [{copy}]" for s in p.sentences) for p in article.paragraphs]
    return make_article(f"{article.title} [{copy}]", paragraphs, article.lang, article.outlet,
                        article.published)


# What a user waits for, from the targets: (reports, wall s, peak MiB); "long" is the
# seed against one report of --process-long sentences; KiB per report sentence beside it.
PROCESS_TARGETS: dict[int | str, tuple[float, float]] = {5: (1.0, 200.0), "long": (15.0, 500.0)}
KIB_PER_SENTENCE_TARGET = 8.0
SENTENCE_END = re.compile(r"([.!?。！？])(\s|$)", re.MULTILINE)


def report_files(folder: Path, count: int) -> list[Path]:
    """`count` report files: the sample's reports, then copies with every sentence marked, so
    no per-sentence cache makes a copy free. Reads the manifest without importing Parallax:
    see `whole_process`."""
    samples = REPO / "resources" / "samples"
    manifest = json.loads((samples / "manifest.json").read_text(encoding="utf-8"))
    originals = [samples / e["file"] for e in manifest["sources"]
                 if e.get("role", "report") == "report"]
    files = []
    for k in range(count):
        source = originals[k % len(originals)]
        if k >= len(originals):
            text = SENTENCE_END.sub(rf" [{k}]\1\2", source.read_text(encoding="utf-8"))
            source = folder / f"{source.stem}-{k}{source.suffix}"
            source.write_text(text, encoding="utf-8")
        files.append(source)
    return files


def long_report(folder: Path, sentences: int) -> Path:
    """One English report of `sentences` sentences: the sample's English reports' sentences in
    turn, each marked with its paragraph and place so none repeats, ten to a paragraph."""
    samples = REPO / "resources" / "samples"
    manifest = json.loads((samples / "manifest.json").read_text(encoding="utf-8"))
    texts: list[str] = []
    for entry in manifest["sources"]:
        if entry.get("role", "report") == "report" and ".en." in entry["file"]:
            body = (samples / entry["file"]).read_text(encoding="utf-8").split("\n", 1)[-1]
            texts += [t.strip() for t in re.split(r"(?<=[.!?])\s+", body) if len(t) > 30]
    paragraphs = []
    for part in range(sentences // 10):
        chosen = [texts[(part * 10 + k) % len(texts)] for k in range(10)]
        paragraphs.append(" ".join(f"{t[:-1]} (part {part}, item {k}){t[-1]}"
                                   for k, t in enumerate(chosen)))
    path = folder / f"long-report-{sentences}.en.txt"
    path.write_text("Long report\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8")
    return path


def run_process(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall seconds and peak resident MiB of one child process (its own rusage, from wait4:
    RUSAGE_CHILDREN would give the largest child so far, not this one)."""
    # An installed Parallax has its bytecode compiled: a checkout where writing it is off
    # (PYTHONDONTWRITEBYTECODE) would pay for compiling every module on every start.
    env = {k: v for k, v in env.items() if k != "PYTHONDONTWRITEBYTECODE"}
    start = time.perf_counter()
    child = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL,
                             stderr=subprocess.PIPE)
    assert child.stderr is not None
    errors = child.stderr.read()
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
    if child.returncode != 0:
        raise SystemExit(f"{' '.join(command[2:4])} failed: {errors.decode(errors='replace')}")
    kib = usage.ru_maxrss  # KiB on Linux, bytes on macOS
    return wall, kib / 2**20 if sys.platform == "darwin" else kib / 1024


def whole_process(sizes: list[int], runs: int, long: int = 0) -> None:
    """`parallax compare` of the sample as a user runs it: process start, imports and
    dictionaries included, every translation already cached (a first run fills the cache).

    Runs before this process imports anything large: Linux hands a child's exec the parent's
    peak resident size as the child's starting maximum, so a big parent would hide the figure.
    """
    original = REPO / "resources" / "samples" / "putin-mongolia-2024-09-04.zh.txt"
    load_before = os.getloadavg()
    rows: list[tuple[str, list[float], list[float], int | str | None]] = []
    per_sentence = ""
    with tempfile.TemporaryDirectory(prefix="parallax-bench-") as tmp:
        if long:
            sizes = sorted(set(sizes) | {1})  # the long row is read against seed + 1
        for size in sizes:
            # A home of its own per size: the first run starts from empty caches.
            env = dict(os.environ, PARALLAX_HOME=str(Path(tmp) / f"home-{size}"))
            reports = report_files(Path(tmp), size)
            command = [sys.executable, "-m", "parallax", "compare", str(original),
                       *map(str, reports)]
            cold_wall, cold_rss = run_process(command, env)  # fills the translation cache
            rows.append((f"seed + {size} reports, first run", [cold_wall], [cold_rss],
                         None))
            measured = [run_process(command, env) for _ in range(runs)]
            rows.append((f"seed + {size} reports, cached", [w for w, _ in measured],
                         [p for _, p in measured], size))
        if long:
            env = dict(os.environ, PARALLAX_HOME=str(Path(tmp) / "home-1"))  # seed cached
            command = [sys.executable, "-m", "parallax", "compare", str(original),
                       str(long_report(Path(tmp), long))]
            wall, peak = run_process(command, env)
            rows.append((f"seed + 1 report of {long} sentences", [wall], [peak], "long"))
            one = statistics.median(next(r[2] for r in rows if r[3] == 1))
            kib = (peak - one) * 1024 / long
            per_sentence = (f"memory per report sentence: {kib:.1f} KiB (peak RSS of the long "
                            f"row less seed + 1, over {long} sentences; target <= "
                            f"{KIB_PER_SENTENCE_TARGET:.0f} KiB)")
    load_after = os.getloadavg()
    print(f"whole process: `parallax compare`, median of {runs} runs (range); load average "
          f"{' '.join(f'{x:.2f}' for x in load_before)} before, "
          f"{' '.join(f'{x:.2f}' for x in load_after)} after, {os.cpu_count()} CPUs")
    print(f"{'case':<42}{'wall s':>9}{'range':>15}{'peak MiB':>10}{'range':>13}  target")
    for name, walls, peaks, count in rows:
        target = PROCESS_TARGETS.get(count) if count is not None else None
        aim = f"<= {target[0]:.1f} s, <= {target[1]:.0f} MiB" if target else ""
        print(f"{name:<42}{statistics.median(walls):>9.2f}"
              f"{f'{min(walls):.2f}-{max(walls):.2f}':>15}{statistics.median(peaks):>10.0f}"
              f"{f'{min(peaks):.0f}-{max(peaks):.0f}':>13}  {aim}")
    if per_sentence:
        print(per_sentence)
    print()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1, 5, 20])
    parser.add_argument("--long", type=int, default=5000, help="sentences in the long report")
    parser.add_argument("--process-sizes", type=int, nargs="*", default=[1, 5],
                        help="reports in the whole-process runs (none: skip them)")
    parser.add_argument("--runs", type=int, default=5, help="whole-process runs per size")
    parser.add_argument("--process-long", type=int, default=20_000, metavar="SENTENCES",
                        help="whole process against one report this long, once (0: skip)")
    args = parser.parse_args()
    if not 1 <= args.runs <= 50 or any(not 1 <= n <= 100 for n in args.process_sizes):
        parser.error("--runs must be 1..50 and --process-sizes 1..100")
    if not 0 <= args.process_long <= 100_000:
        parser.error("--process-long must be 0..100000")
    if args.process_sizes:
        whole_process(args.process_sizes, args.runs, args.process_long)  # first: docstring

    from parallax.core.align import claim_alignment
    from parallax.core.compare import compare_workspace, original_pivot, source_pivot
    from parallax.core.diff import word_diff
    from parallax.core.loaders import load_path
    from parallax.core.samples import sample_manifest, samples_dir
    from parallax.core.segment import make_article
    from parallax.core.translate.article_translation import translate_article
    from parallax.core.translate.cache import TranslationCache
    from parallax.core.translate.gloss import GlossEngine
    from parallax.core.versions import align_versions
    from parallax.core.workspace import ORIGINAL, TITLE, MachineTranslation, Workspace

    files = [samples_dir() / "putin-mongolia-2024-09-04.zh.txt"] + [
        samples_dir() / e["file"] for e in sample_manifest()]
    loaded, t_load = timed(lambda: [load_path(f) for f in files])
    original, translation, *reports = loaded
    _, t_segment = timed(lambda: [make_article(a.title, [
        a.body[p.start:p.end] for p in a.paragraphs], a.lang) for a in loaded])

    # One-off start-up: the first comparison loads jieba, its POS tables, pinyin and zhconv.
    warm = Workspace(original).with_source(reports[0], "report")
    _, t_startup = timed(lambda: compare_workspace(warm))

    machine = MachineTranslation("sample", "1", "zh", "en", {
        **{s.id: s.text for s in translation.sentences}, TITLE: translation.title})
    rows: list[tuple[str, dict[str, float]]] = []
    with tempfile.TemporaryDirectory() as tmp:
        cache = TranslationCache(Path(tmp) / "cache.sqlite")
        gloss = GlossEngine()
        for size in args.sizes:
            chosen = [replicate(reports[k % len(reports)], k) for k in range(size)]
            workspace = Workspace(original).with_translation(ORIGINAL, machine)
            workspace = workspace.with_source(translation, "translation")
            for article in chosen:
                workspace = workspace.with_source(article, "report")
            chinese = [s for s in workspace.reports() if s.article.lang == "zh"]
            glosses, t_gloss = timed(lambda: [translate_article(
                s.article, gloss, "en", cache) for s in chinese])  # noqa: B023
            _, t_cached = timed(lambda: [translate_article(
                s.article, gloss, "en", cache) for s in chinese])  # noqa: B023
            for source, glossed in zip(chinese, glosses, strict=True):
                workspace = workspace.with_translation(source.id, glossed)
            rows.append((f"seed + {size} reports", measure(
                workspace, compare_workspace, align_versions, claim_alignment, word_diff,
                original_pivot, source_pivot, extra={"gloss": t_gloss, "cached": t_cached})))
        cache.close()

    wire = reports[0]
    texts = [s.text for s in wire.sentences]
    paragraphs = [" ".join(f"{texts[k % len(texts)][:-1]} (part {i}, item {k})."
                           for k in range(10)) for i in range(args.long // 10)]
    long_report = make_article("Long report", paragraphs, "en")
    workspace = Workspace(original).with_translation(ORIGINAL, machine).with_source(
        long_report, "report")
    rows.append((f"seed + 1 report of {long_report.sentence_count} sentences", measure(
        workspace, compare_workspace, align_versions, claim_alignment, word_diff, original_pivot,
        source_pivot, extra={})))

    held, released = memory_released(compare_workspace, workspace)

    print(f"load {t_load:.3f} s for {len(files)} files; segment {t_segment:.3f} s; "
          f"start-up (first comparison, one report) {t_startup:.2f} s")
    print(f"memory of the long comparison (Python allocations): {held / 2**20:.1f} MiB while "
          f"it runs, {released / 2**20:.1f} MiB still held once it is dropped "
          f"(target: released)")
    columns = ["gloss", "cached", "align", "diff", "flag", "total", "links", "flags"]
    print(f"{'case':<42}" + "".join(f"{c:>9}" for c in columns))
    for name, figures in rows:
        cells = []
        for column in columns:
            value = figures.get(column)
            if value is None:
                cells.append(f"{'-':>9}")
            elif column in ("links", "flags"):
                cells.append(f"{int(value):>9d}")
            else:
                cells.append(f"{value:>9.3f}")
        print(f"{name:<42}" + "".join(cells))


def memory_released(compare_workspace: Any, workspace: Any) -> tuple[int, int]:
    """Peak bytes Python allocated during one comparison, and the bytes still allocated after
    the comparison is dropped (what it kept in caches or globals)."""
    import gc
    import tracemalloc

    gc.collect()
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    comparison = compare_workspace(workspace)
    peak = tracemalloc.get_traced_memory()[1] - before
    del comparison
    gc.collect()
    after = tracemalloc.get_traced_memory()[0] - before
    tracemalloc.stop()
    return peak, max(0, after)


def clear_caches() -> None:
    """Forget per-sentence analyses, so every stage pays for its own reading of the texts."""
    from parallax.core import entities, language, lexicon, numbers

    # Sentence features need no clearing: each comparison owns its cache and drops it.
    for cached in (lexicon._find_terms, lexicon._find_gazetteer_names, language.jieba_words,
                   language.jieba_tagged, numbers._find_quantities, entities._find_names):
        cached.cache_clear()


def measure(workspace: Any, compare_workspace: Any, align_versions: Any, claim_alignment: Any,
            word_diff: Any, original_pivot: Any, source_pivot: Any,
            extra: dict[str, float]) -> dict[str, float]:
    from parallax.core.similarity import feature_cache

    clear_caches()
    comparison, t_total = timed(lambda: compare_workspace(workspace))
    clear_caches()
    notes: list[str] = []
    pivot = original_pivot(workspace, notes)
    o_ids = [s.id for s in workspace.original.sentences]
    o_texts = [pivot.get(i) or "" for i in o_ids]

    def align() -> None:
        for source in workspace.sources:
            article = source.article
            if source.role == "translation":
                align_versions([s.text for s in workspace.original.sentences],
                               [s.text for s in article.sentences])
                continue
            r_pivot = source_pivot(workspace, source, notes)
            if r_pivot is not None:
                claim_alignment(o_texts, [r_pivot.get(s.id) or "" for s in article.sentences])

    def align_in_one_scope() -> None:
        with feature_cache():  # as compare_workspace reads each sentence once
            align()

    _, t_align = timed(align_in_one_scope)
    by_id = {(s.id, x.id): x.text for s in workspace.sources for x in s.article.sentences}

    def diffs() -> None:
        for link in comparison.links:
            a = pivot.get(link.original) or ""
            word_diff(a, by_id[(link.source, link.sentence)], "en", ignore_case=True)

    _, t_diff = timed(diffs)
    return {**extra, "align": t_align, "diff": t_diff,
            "flag": max(0.0, t_total - t_align - t_diff), "total": t_total,
            "links": len(comparison.links), "flags": len(comparison.flags)}


if __name__ == "__main__":
    main()
