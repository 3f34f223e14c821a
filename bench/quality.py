"""Comparison quality on a real corpus: version pairs, claim links and flags against gold files.

    python bench/quality.py [--root DIR] [--only A|B] [--mt-dir DIR] [--engine gloss|argos|llm]
                            [--no-semantic] [--check PATH/TO/parallax [--referee SCRIPT]]

The corpus is laid out as ../shared/corpus-dev is (its README.md describes the gold files):
  A<n>_*.zh.txt / .en.txt / .gold.tsv   a Chinese text, its professional English counterpart
                                        (compared as a translation) and the line pairs;
  B<n>_*/00_*.zh.txt, NN_*.en.txt       a Chinese report and English reports of one event,
  B<n>_*/gold_links.tsv, gold_flags.tsv the claim links and flags that must be found.

Each case is one comparison through the core API, built exactly as `parallax compare` builds
it (same workspace, same pivot translations, same JSON), and scored exactly as the corpus's
own scorer scores the CLI's JSON, so the two agree on the same code (`--check` runs both):
  A  gold line pairs linked; link precision (links from a gold zh line that are gold pairs).
  B  gold claim links found; precision of the links made from report sentences the gold
     covers; gold flags raised (same kind, on the gold sentence, against that report or
     none), also per kind; provably false claim flags (unmatched_claim on an original
     sentence the gold links, omitted_claim on a report sentence the gold links); flags
     raised and per 100 sentences (original + all sources); seconds per case.
--mt-dir DIR passes DIR/<case>.<zh file stem>.mt.en.txt as a translation of the original in
B cases (a case without one is skipped). --engine picks the engine for pivot translations
(default: the CLI's default). --no-semantic sets PARALLAX_SEMANTIC=0 (no embedding model).
A case whose comparison fails prints FAILED and counts as zero. The last line is the summary,
in the scorer's format. Prints figures; never asserts a quality.
"""

from __future__ import annotations

import argparse
import collections
import glob
import itertools
import json
import logging
import os
import subprocess
import sys
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
DEFAULT_ROOT = REPO.parent / "shared" / "corpus-dev"
DEFAULT_REFEREE = REPO.parent / "shared" / "tools" / "score_corpus.py"

Json = dict[str, Any]
Row = list[str]


# ---------------------------------------------------------------------------------------------
# Scoring. Every rule below mirrors the corpus's own scorer line for line (including its
# quirks: first-20-characters line matching, the title bonus, set semantics), because its
# numbers are the reference; change nothing here without changing it there.


def read_gold(path: str | Path, skip_comments: bool) -> list[Row]:
    """Tab-separated gold rows; B gold files may carry '#' comment lines, A files may not."""
    with open(path, encoding="utf-8") as fh:
        return [line.rstrip("\n").split("\t") for line in fh
                if line.strip() and not (skip_comments and line.startswith("#"))]


def read_lines(path: str | Path) -> list[str]:
    with open(path, encoding="utf-8") as fh:
        return fh.read().splitlines()


def ids_with(sentences: Iterable[Json], sub: str) -> list[Any]:
    return [s["id"] for s in sentences if sub in s["text"]]


def line_of(lines: Sequence[str], text: str) -> int | None:
    """The file line (paragraph) holding a sentence: its first 20 non-space characters."""
    key = "".join(text.split())[:20]
    for i, line in enumerate(lines):
        if key and key in "".join(line.split()):
            return i
    return None


def gold_line(lines: Sequence[str], sub: str) -> int:
    return next(i for i, line in enumerate(lines) if sub in line)


@dataclass
class VersionScore:
    """An A case: gold line pairs linked, and precision of the links from gold lines."""

    linked: int
    total: int
    correct: int  # scored links that are gold pairs
    scored: int  # links whose zh line is a gold line

    @property
    def precision(self) -> float:
        return self.correct / max(1, self.scored)


def score_versions(data: Json, zh_lines: Sequence[str], en_lines: Sequence[str],
                   gold: Sequence[Row]) -> VersionScore:
    """Score the comparison JSON of ORIGINAL --translation COUNTERPART against line pairs."""
    original = data["original"]
    translation = next(s for s in data["sources"] if s.get("role") == "translation")
    pairs = {(gold_line(zh_lines, z), gold_line(en_lines, e)) for z, e in gold}
    zpar = {s["id"]: line_of(zh_lines, s["text"]) for s in original["sentences"]}
    epar = {s["id"]: line_of(en_lines, s["text"]) for s in translation["sentences"]}
    got = {(zpar[a["original"]], epar[a["sentence"]]) for a in data["alignments"]
           if a["source"] == translation["id"]}
    gold_zh = {p[0] for p in pairs}
    scored = [g for g in got if g[0] in gold_zh]
    # The titles are paired by construction, so a title pair counts even without a link.
    title_bonus = bool(original.get("title") and translation.get("title")
                       and (0, 0) in pairs and (0, 0) not in got)
    return VersionScore(linked=len(pairs & got) + int(title_bonus), total=len(gold),
                        correct=sum(g in pairs for g in scored), scored=len(scored))


@dataclass
class EventScore:
    """A B case: claim links, link precision, flags found and provably false claim flags."""

    links_found: int
    links_total: int
    correct: int  # links from gold-covered report sentences that are gold pairs
    scored: int  # links from gold-covered report sentences
    false_claims: int
    flags_found: int
    flags_total: int
    flags_raised: int
    sentences: int  # original + every source's sentences
    original_sentences: int
    kinds_raised: dict[str, int] = field(default_factory=dict)
    kinds_gold: dict[str, int] = field(default_factory=dict)
    kinds_found: dict[str, int] = field(default_factory=dict)
    # (score, right) of every link the precision counts: is a score as right as it says?
    scored_links: list[tuple[float, bool]] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.correct / max(1, self.scored)

    @property
    def flags_per_100(self) -> float:
        return 100.0 * self.flags_raised / max(1, self.sentences)


def score_event(data: Json, gold_links: Sequence[Row], gold_flags: Sequence[Row]) -> EventScore:
    """Score the comparison JSON of a Chinese report against English reports of one event.

    Gold rows name report files by basename, matched against each source's `path`."""
    original = data["original"]
    osents = original["sentences"]
    src = {os.path.basename(s.get("path", "")): s for s in data["sources"]}
    links = {(a["original"], a["source"], a["sentence"]) for a in data["alignments"]}
    found = 0
    gpairs: set[tuple[Any, Any, Any]] = set()
    for z, f, e in gold_links:
        s = src.get(f)
        if not s:
            continue
        gp = {(a, s["id"], b) for a in ids_with(osents, z) for b in ids_with(s["sentences"], e)}
        gpairs |= gp
        found += bool(gp & links)
    # Precision only over the report sentences the gold covers: links elsewhere are not known
    # to be wrong (gold links are must-haves, not an exhaustive list).
    covered = {(sid, b) for _, sid, b in gpairs}
    mine = [link for link in links if (link[1], link[2]) in covered]
    score_of = {(a["original"], a["source"], a["sentence"]): float(a["score"])
                for a in data["alignments"] if "score" in a}
    gold_o = {a for a, _, _ in gpairs}
    flags = data.get("flags", [])
    false_claims = sum(
        1 for x in flags
        if (x["kind"] == "unmatched_claim" and x.get("original") in gold_o)
        or (x["kind"] == "omitted_claim" and (x.get("source"), x.get("sentence")) in covered))
    flags_found = 0
    kinds_gold: collections.Counter[str] = collections.Counter()
    kinds_found: collections.Counter[str] = collections.Counter()
    for kind, z, f, _note in gold_flags:
        oi = set(ids_with(osents, z)) | ({"title"} if z in (original.get("title") or "")
                                         else set())
        sid = src[f]["id"] if f in src else None  # "-": against any report, or none
        hit = any(x.get("kind") == kind
                  and (x.get("original") in oi or z in str(x.get("text", "")))
                  and (sid is None or x.get("source") in (sid, None)) for x in flags)
        flags_found += hit
        kinds_gold[kind] += 1
        kinds_found[kind] += hit
    nrep = sum(len(s["sentences"]) for s in data["sources"])
    return EventScore(
        links_found=found, links_total=len(gold_links),
        correct=sum(link in gpairs for link in mine), scored=len(mine),
        false_claims=false_claims, flags_found=flags_found, flags_total=len(gold_flags),
        flags_raised=len(flags), sentences=len(osents) + nrep, original_sentences=len(osents),
        kinds_raised=dict(collections.Counter(x["kind"] for x in flags)),
        kinds_gold=dict(kinds_gold), kinds_found=dict(kinds_found),
        scored_links=[(score_of[link], link in gpairs) for link in mine if link in score_of])


@dataclass
class Totals:
    a_ok: int = 0
    a_n: int = 0
    links_ok: int = 0
    links_n: int = 0
    prec_ok: int = 0
    prec_n: int = 0
    flags_ok: int = 0
    flags_n: int = 0
    false_claims: int = 0
    flags_raised: int = 0
    sentences: int = 0
    seconds: float = 0.0
    cases: int = 0
    kinds_gold: collections.Counter[str] = field(default_factory=collections.Counter)
    kinds_found: collections.Counter[str] = field(default_factory=collections.Counter)
    scored_links: list[tuple[float, bool]] = field(default_factory=list)

    def add_versions(self, score: VersionScore) -> None:
        self.a_ok += score.linked
        self.a_n += score.total

    def add_event(self, score: EventScore) -> None:
        self.links_ok += score.links_found
        self.links_n += score.links_total
        self.prec_ok += score.correct
        self.prec_n += score.scored
        self.flags_ok += score.flags_found
        self.flags_n += score.flags_total
        self.false_claims += score.false_claims
        self.flags_raised += score.flags_raised
        self.sentences += score.sentences
        self.kinds_gold.update(score.kinds_gold)
        self.kinds_found.update(score.kinds_found)
        self.scored_links.extend(score.scored_links)

    def summary(self) -> str:
        """One line, character for character the scorer's summary."""
        return (f"score: A {self.a_ok}/{self.a_n} pairs; B links {self.links_ok}/{self.links_n} "
                f"precision {self.prec_ok}/{self.prec_n}, flags {self.flags_ok}/{self.flags_n}, "
                f"false claim flags {self.false_claims}, {self.flags_raised} flags raised")


# ---------------------------------------------------------------------------------------------
# Running one comparison, as `parallax compare FILES --json OUT` would.


def compare_files(original: str, reports: Sequence[str], translations: Sequence[str],
                  engine: str | None) -> Json:
    """The comparison JSON the CLI would write (round-tripped through JSON text, as read)."""
    from parallax.cli.compare import build_workspace, translate_and_compare
    from parallax.core.compare_json import comparison_to_json

    args = argparse.Namespace(original=original, reports=list(reports),
                              translation=list(translations), min_score=None)
    workspace, comparison = translate_and_compare(build_workspace(args), engine, True)
    data: Json = json.loads(json.dumps(comparison_to_json(workspace, comparison),
                                       ensure_ascii=False))
    return data


def _fail_reason(exc: BaseException) -> str:
    return " ".join(f"{type(exc).__name__}: {exc}".split())


def _percent(ok: int, n: int) -> str:
    return f"{ok}/{n} ({100.0 * ok / n:.0f}%)" if n else f"{ok}/{n}"


def run_versions(root: str, engine: str | None, totals: Totals) -> None:
    for zh in sorted(glob.glob(os.path.join(root, "A*.zh.txt"))):
        base = zh[:-7]
        en = base + ".en.txt"
        name = os.path.basename(base)
        gold = read_gold(base + ".gold.tsv", skip_comments=False)
        start = time.perf_counter()
        try:
            data = compare_files(zh, [], [en], engine)
        except Exception as exc:  # a failed case counts as zero, as in the scorer
            print(f"{name}: FAILED {_fail_reason(exc)}")
            totals.a_n += len(gold)
            continue
        seconds = time.perf_counter() - start
        score = score_versions(data, read_lines(zh), read_lines(en), gold)
        totals.add_versions(score)
        totals.seconds += seconds
        totals.cases += 1
        print(f"{name}: {score.linked}/{score.total} paragraph pairs linked, link precision "
              f"{score.precision:.2f} ({score.correct}/{score.scored}), {seconds:.2f} s")


def mt_pivot(mt_dir: str, event_dir: str, zh: str) -> str:
    return os.path.join(mt_dir, os.path.basename(event_dir.rstrip(os.sep)) + "."
                        + os.path.basename(zh).replace(".zh.txt", ".mt.en.txt"))


def run_events(root: str, engine: str | None, mt_dir: str | None, totals: Totals) -> None:
    for ev in sorted(glob.glob(os.path.join(root, "B*/"))):
        name = os.path.basename(ev[:-1])
        zh = glob.glob(ev + "00_*.zh.txt")[0]
        reports = sorted(glob.glob(ev + "[0-9][1-9]_*.en.txt"))
        mt = mt_pivot(mt_dir, ev, zh) if mt_dir else None
        if mt and not os.path.exists(mt):
            print(name, "no MT pivot file, skipped")
            continue
        gold_links = read_gold(ev + "gold_links.tsv", skip_comments=True)
        gold_flags = read_gold(ev + "gold_flags.tsv", skip_comments=True)
        start = time.perf_counter()
        try:
            data = compare_files(zh, reports, [mt] if mt else [], engine)
        except Exception as exc:  # a failed case counts as zero, as in the scorer
            print(f"{name}: FAILED {_fail_reason(exc)}")
            totals.links_n += len(gold_links)
            totals.flags_n += len(gold_flags)
            totals.kinds_gold.update(row[0] for row in gold_flags)
            continue
        seconds = time.perf_counter() - start
        s = score_event(data, gold_links, gold_flags)
        totals.add_event(s)
        totals.seconds += seconds
        totals.cases += 1
        print(f"{name}: links {_percent(s.links_found, s.links_total)} precision "
              f"{s.correct}/{s.scored} ({s.precision:.2f}), flags "
              f"{_percent(s.flags_found, s.flags_total)}, false claim flags {s.false_claims}, "
              f"{s.flags_raised} flags for {s.original_sentences}+"
              f"{s.sentences - s.original_sentences} sentences "
              f"({s.flags_per_100:.0f} per 100), {seconds:.2f} s")
        print(f"    flags found by kind: {_by_kind(s.kinds_found, s.kinds_gold)}")
        print(f"    flags raised by kind: {dict(sorted(s.kinds_raised.items()))}")


def _by_kind(found: dict[str, int] | collections.Counter[str],
             gold: dict[str, int] | collections.Counter[str]) -> str:
    return ", ".join(f"{k} {found.get(k, 0)}/{n}" for k, n in sorted(gold.items())) or "none"


CALIBRATION_BINS = (0.0, 0.5, 0.7, 0.9, 1.01)


def calibration(scored: Sequence[tuple[float, bool]]) -> str:
    """Links by score band: how many were right, beside the band's mean score (a calibrated
    score is right about as often as it says)."""
    bands = []
    for low, high in itertools.pairwise(CALIBRATION_BINS):
        inside = [(score, right) for score, right in scored if low <= score < high]
        if inside:
            mean = sum(score for score, _ in inside) / len(inside)
            right = sum(right for _, right in inside)
            bands.append(f"{low:.1f}-{min(high, 1.0):.1f}: {right}/{len(inside)} right "
                         f"(mean score {mean:.2f})")
    return "; ".join(bands) or "no links scored"


def print_totals(totals: Totals, only: str) -> None:
    print("-- total")
    if only in ("", "A"):
        print(f"A version pairs linked: {_percent(totals.a_ok, totals.a_n)}")
    if only in ("", "B"):
        print(f"B claim links found: {_percent(totals.links_ok, totals.links_n)}; precision "
              f"{_percent(totals.prec_ok, totals.prec_n)}")
        print(f"B flags found: {_percent(totals.flags_ok, totals.flags_n)}; by kind: "
              f"{_by_kind(totals.kinds_found, totals.kinds_gold)}")
        per_100 = 100.0 * totals.flags_raised / max(1, totals.sentences)
        print(f"B provably false claim flags: {totals.false_claims}; flags raised: "
              f"{totals.flags_raised} ({per_100:.0f} per 100 sentences)")
        print(f"B calibration of the links precision counts: {calibration(totals.scored_links)}")
    if totals.cases:
        print(f"time: {totals.seconds:.2f} s for {totals.cases} cases "
              f"({totals.seconds / totals.cases:.2f} s per case; the first includes start-up)")


def run_referee(referee: str, parallax: str, root: str, only: str, mt_dir: str | None,
                engine: str | None) -> tuple[str | None, str]:
    """The scorer's summary line on the same options (None when it gave none), and why."""
    cmd = [sys.executable, referee, parallax, "--root", root]
    if only:
        cmd += ["--only", only]
    if mt_dir:
        cmd += ["--mt-dir", mt_dir]
    if engine:
        cmd += ["--extra-args", f"--engine {engine}"]
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    lines = [line for line in proc.stdout.splitlines() if line.startswith("score: ")]
    if not lines:
        tail = (proc.stderr.strip().splitlines() or ["no output"])[-1]
        return None, f"exit {proc.returncode}: {tail}"
    return lines[-1], proc.stdout


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", help=f"corpus folder (default {DEFAULT_ROOT})")
    parser.add_argument("--only", choices=("A", "B"), default="")
    parser.add_argument("--mt-dir", metavar="DIR",
                        help="B cases: DIR/<case>.<zh stem>.mt.en.txt as the original's pivot")
    parser.add_argument("--engine", choices=("gloss", "argos", "llm"), default=None,
                        help="engine for pivot translations (default: the CLI's default; "
                             "llm needs a registered GGUF model, and --check needs the CLI "
                             "to accept the same --engine)")
    parser.add_argument("--no-semantic", action="store_true",
                        help="set PARALLAX_SEMANTIC=0: no sentence-embedding model")
    parser.add_argument("--check", metavar="PARALLAX",
                        help="also run the corpus's scorer on this `parallax` and compare")
    parser.add_argument("--referee", default=str(DEFAULT_REFEREE),
                        help="the corpus's scorer script (default %(default)s)")
    args = parser.parse_args(argv)

    if args.no_semantic:  # before the core is imported; the referee's CLI inherits it too
        os.environ["PARALLAX_SEMANTIC"] = "0"
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    root = os.path.abspath(args.root) if args.root else str(DEFAULT_ROOT)
    if not os.path.isdir(root):
        print(f"No corpus folder at {root}: nothing to measure (--root DIR).")
        return 2 if args.root else 0  # `make bench` runs every script, with or without one
    mt_dir = os.path.abspath(args.mt_dir) if args.mt_dir else None

    totals = Totals()
    if args.only in ("", "A"):
        run_versions(root, args.engine, totals)
    if args.only in ("", "B"):
        run_events(root, args.engine, mt_dir, totals)
    print_totals(totals, args.only)
    mine = totals.summary()
    status = 0
    if args.check:
        theirs, detail = run_referee(args.referee, args.check, root, args.only, mt_dir,
                                     args.engine)
        print(f"bench:   {mine}")
        print(f"referee: {theirs if theirs is not None else 'no summary (' + detail + ')'}")
        agree = theirs == mine
        print("bench and referee agree" if agree else "bench and referee DIFFER")
        if not agree:  # its per-case lines show where (the core may have changed meanwhile)
            print("referee output:", *detail.splitlines()[:-1], sep="\n  ")
        status = 0 if agree else 1
    print(mine)
    return status


if __name__ == "__main__":
    sys.exit(main())
