"""Window start-up as a user waits for it: whole processes, wall time and peak memory.

    python bench/startup.py [--runs 5]

Rows (offscreen, from the source tree; medians and ranges of `--runs` runs after a first run
that fills the caches, which is reported apart):
  bare import     `python -c "import PySide6.QtWidgets"`: the floor any Qt window pays
  first paint     `python -m parallax` (the built-in sample) until the main window has painted
                  once (PARALLAX_EXIT_AFTER_FIRST_PAINT=1); target <= 2.5x the bare import
  settled         until the sample's comparison is on screen and nothing runs in the
                  background, refinement with the embedding model included
                  (PARALLAX_EXIT_WHEN_SETTLED=1); target <= 1.5 s and <= 250 MiB
Every run uses one temporary PARALLAX_HOME (removed at the end), so the user's own caches
are neither used nor touched. The load average is printed before and after: figures taken
on a busy machine are not comparable with others.

Prints figures; never asserts a speed.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from compare import run_process

SETTLED_TARGET_S = 1.5
SETTLED_TARGET_MIB = 250.0
PAINT_RATIO_TARGET = 2.5


def _series(command: list[str], env: dict[str, str], runs: int
            ) -> tuple[tuple[float, float], list[float], list[float]]:
    """The first run, then `runs` more: (first wall, first MiB), walls, MiB."""
    first = run_process(command, env)
    walls, memory = [], []
    for _ in range(runs):
        wall, mib = run_process(command, env)
        walls.append(wall)
        memory.append(mib)
    return first, walls, memory


def _row(label: str, first: tuple[float, float], walls: list[float],
         memory: list[float]) -> float:
    median = statistics.median(walls)
    print(f"{label:<13} median {median:.2f} s ({min(walls):.2f}-{max(walls):.2f}), "
          f"peak {statistics.median(memory):.0f} MiB; first run {first[0]:.2f} s, "
          f"{first[1]:.0f} MiB")
    return median


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--runs", type=int, default=5, choices=range(1, 51),
                        metavar="1..50")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="parallax-bench-startup-") as home:
        env = {**os.environ, "PARALLAX_HOME": home, "QT_QPA_PLATFORM": "offscreen",
               "TMPDIR": home}
        print(f"load average before: {os.getloadavg()[0]:.2f}")
        bare = _row("bare import", *_series(
            [sys.executable, "-c", "import PySide6.QtWidgets"], env, args.runs))
        app = [sys.executable, "-m", "parallax"]
        paint = _row("first paint", *_series(
            app, {**env, "PARALLAX_EXIT_AFTER_FIRST_PAINT": "1"}, args.runs))
        settled_first, settled_walls, settled_memory = _series(
            app, {**env, "PARALLAX_EXIT_WHEN_SETTLED": "1"}, args.runs)
        settled = _row("settled", settled_first, settled_walls, settled_memory)
        print(f"load average after: {os.getloadavg()[0]:.2f}")
    ratio = paint / bare if bare else float("inf")
    print(f"first paint / bare import: {ratio:.1f}x (target <= {PAINT_RATIO_TARGET}x: "
          f"{'met' if ratio <= PAINT_RATIO_TARGET else 'not met'})")
    memory = statistics.median(settled_memory)
    met = settled <= SETTLED_TARGET_S and memory <= SETTLED_TARGET_MIB
    print(f"launch to settled: {settled:.2f} s, {memory:.0f} MiB (target <= "
          f"{SETTLED_TARGET_S} s, <= {SETTLED_TARGET_MIB:.0f} MiB: "
          f"{'met' if met else 'not met'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
