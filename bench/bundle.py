"""Packaged app figures: bundle size (target < 200 MB without a model) and cold start.

    python bench/bundle.py [--bundle dist/parallax] [--runs 5]

Size: every file under the bundle, symlinks not counted twice; the 15 biggest items (folders
under `_internal/` summed, loose files as they are).

Cold start: wall time from spawning the frozen executable with no arguments (it opens the
sample workspace) until the process has exited right after the main window's first paint
(`PARALLAX_EXIT_AFTER_FIRST_PAINT=1`, handled in parallax/__main__.py), offscreen, with a fresh
PARALLAX_HOME each run. The first run is reported apart (cold-ish file cache); the target is
< 2 s. The self-test's wall time is printed too.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "build_scripts"))
from bundle_layout import BUNDLE, DIST, EXECUTABLE_NAME, forbidden_paths  # after the path is set

SIZE_TARGET_MB = 200.0
START_TARGET_S = 2.0


def file_size(path: Path) -> int:
    return 0 if path.is_symlink() else path.stat().st_size


def tree_size(path: Path) -> int:
    if path.is_file():
        return file_size(path)
    return sum(file_size(p) for p in path.rglob("*") if p.is_file())


def biggest_items(bundle: Path, count: int = 15) -> list[tuple[int, str]]:
    items: list[tuple[int, str]] = []
    for top in (bundle, bundle / "_internal"):
        for child in top.iterdir():
            if child.name == "_internal" or child.is_symlink():
                continue
            items.append((tree_size(child), child.relative_to(bundle).as_posix()))
    return sorted(items, reverse=True)[:count]


def timed_run(exe: Path, args: list[str], extra_env: dict[str, str]) -> tuple[float, int]:
    with tempfile.TemporaryDirectory(prefix="parallax-bench-") as home:
        env = dict(os.environ, PARALLAX_HOME=home, QT_QPA_PLATFORM="offscreen", **extra_env)
        started = time.perf_counter()
        result = subprocess.run([str(exe), *args], env=env, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL, timeout=300)
        return time.perf_counter() - started, result.returncode


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bundle", type=Path, default=BUNDLE)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    exe = args.bundle / EXECUTABLE_NAME
    if not exe.is_file():
        print(f"no bundle at {args.bundle}: run `make build` first", file=sys.stderr)
        return 1

    size_mb = tree_size(args.bundle) / 1e6
    verdict = "within" if size_mb < SIZE_TARGET_MB else "OVER"
    print(f"bundle size: {size_mb:.1f} MB ({verdict} the {SIZE_TARGET_MB:.0f} MB target)")
    for deb in sorted(DIST.glob("parallax_*.deb")):
        print(f"  {deb.name}: {deb.stat().st_size / 1e6:.1f} MB compressed")
    print("biggest items:")
    for size, name in biggest_items(args.bundle):
        print(f"  {size / 1e6:7.1f} MB  {name}")
    forbidden = forbidden_paths(args.bundle)
    print(f"forbidden files (torch, QtWebEngine, tests...): {len(forbidden)}")
    for name in forbidden[:10]:
        print(f"  {name}")

    paint_env = {"PARALLAX_EXIT_AFTER_FIRST_PAINT": "1"}
    # As users start it (the sample is translated and compared in the background on open),
    # then with translation on open turned off, to see what that background work costs.
    for label, gui_args in (("default", []), ("--no-translate", ["--no-translate"])):
        times = []
        for _ in range(max(1, args.runs)):
            elapsed, code = timed_run(exe, gui_args, paint_env)
            if code != 0:
                print(f"cold start: the app exited with status {code}", file=sys.stderr)
                return 1
            times.append(elapsed)
        rest = times[1:] or times
        verdict = "within" if statistics.median(rest) < START_TARGET_S else "OVER"
        print(f"start to first painted window ({label}): first run {times[0]:.2f} s, then "
              f"median {statistics.median(rest):.2f} s, best {min(rest):.2f} s, worst "
              f"{max(rest):.2f} s over {len(rest)} runs ({verdict} the {START_TARGET_S:.0f} s "
              f"target; {os.cpu_count()} CPUs, load {os.getloadavg()[0]:.1f})")

    elapsed, code = timed_run(exe, ["--self-test"], {})
    print(f"self-test: {elapsed:.1f} s, exit status {code}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
