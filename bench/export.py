"""Export speed and size: every format for the built-in sample and for a large workspace.

    python bench/export.py [--sentences 3000]

The sample is compared by `compare_workspace` (timed apart); the large workspace is synthetic
(an original of N Chinese sentences, one English report, one link per sentence, a flag every
seventh sentence) so the figures show how each writer scales. Prints a table; asserts nothing.
"""

from __future__ import annotations

import argparse
import time

from parallax.core.compare import compare_workspace
from parallax.core.comparison import Comparison, Flag, Link
from parallax.core.errors import ExportError
from parallax.core.export import FORMATS, ExportOptions, render_export
from parallax.core.samples import sample_workspace
from parallax.core.segment import make_article
from parallax.core.workspace import Workspace


def large(sentences: int) -> tuple[Workspace, Comparison]:
    per = 20
    paragraphs = [f"第{i}段普京访问蒙古国,出席第85周年纪念活动。" * per
                  for i in range(max(1, sentences // per))]
    original = make_article("很长的文章", paragraphs, "zh")
    report = make_article("Long report", ["Putin visits Mongolia. " * per] * len(paragraphs), "en")
    workspace = Workspace(original).with_source(report, "report", "Long")
    links = tuple(Link(s.id, "src1", f"s{n % report.sentence_count + 1}", 0.4)
                  for n, s in enumerate(original.sentences))
    flags = tuple(Flag("hedge", "无疑", "Booster.", original=s.id)
                  for s in original.sentences[::7])
    return workspace, Comparison(links, flags)


def measure(name: str, workspace: Workspace, comparison: Comparison) -> None:
    for fmt in FORMATS:
        start = time.perf_counter()
        try:
            data = render_export(workspace, comparison, fmt, ExportOptions(include_reports=True))
        except ExportError as exc:
            print(f"{name:<22} {fmt:<5} {'-':>9} {'-':>11}  ({exc})")
            continue
        seconds = time.perf_counter() - start
        print(f"{name:<22} {fmt:<5} {seconds:>8.2f}s {len(data):>10,}B")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=3000)
    args = parser.parse_args()
    workspace = sample_workspace()
    start = time.perf_counter()
    comparison = compare_workspace(workspace)
    print(f"compare_workspace(sample): {time.perf_counter() - start:.2f}s, "
          f"{len(comparison.links)} links, {len(comparison.flags)} flags")
    print(f"{'workspace':<22} {'fmt':<5} {'time':>9} {'size':>11}")
    measure("sample", workspace, comparison)
    big, big_comparison = large(args.sentences)
    measure(f"{big.original.sentence_count} sentences", big, big_comparison)


if __name__ == "__main__":
    main()
