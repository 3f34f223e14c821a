"""The quality benchmark's scoring (bench/quality.py) on tiny hand-made comparisons.

No corpus is needed: the texts, comparison JSON and gold rows are invented for these tests.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench" / "quality.py"


@pytest.fixture(scope="module")
def quality() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_quality", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


def _sentences(*texts: str) -> list[dict[str, Any]]:
    return [{"id": f"s{i}", "text": t, "translation": None} for i, t in enumerate(texts, 1)]


def test_versions_pairs_title_and_precision(quality: ModuleType) -> None:
    zh_lines = ["河边新桥", "", "新桥今天开放了。", "桥长三公里。"]
    en_lines = ["New bridge by the river", "", "The new bridge opened today.", "It is 3 km long."]
    gold = [["河边新桥", "New bridge"], ["新桥今天开放", "bridge opened"],
            ["桥长三公里", "3 km long"]]
    data = {
        "original": {"title": zh_lines[0], "sentences": _sentences(zh_lines[2], zh_lines[3])},
        "sources": [{"id": "src1", "role": "translation", "title": en_lines[0],
                     "sentences": _sentences(en_lines[2], en_lines[3])}],
        "alignments": [
            {"original": "s1", "source": "src1", "sentence": "s1"},  # right
            {"original": "s2", "source": "src1", "sentence": "s1"},  # wrong line
        ],
    }
    score = quality.score_versions(data, zh_lines, en_lines, gold)
    # One body pair linked, plus the title pair (both sides have a title and no link made it).
    assert (score.linked, score.total) == (2, 3)
    assert (score.correct, score.scored) == (1, 2)
    assert score.precision == pytest.approx(0.5)


def _event() -> dict[str, Any]:
    return {
        "original": {"title": "新桥开放", "sentences": _sentences(
            "市政府周一宣布新桥开放。", "大桥全长三公里。", "居民表示欢迎。")},
        "sources": [{"id": "src1", "role": "report", "path": "/tmp/case/01_wire.en.txt",
                     "sentences": _sentences("The city opened a new bridge on Monday.",
                                             "The bridge is 3 km long.",
                                             "Residents were pleased.")}],
        "alignments": [
            {"original": "s1", "source": "src1", "sentence": "s1"},  # a gold link
            {"original": "s3", "source": "src1", "sentence": "s2"},  # wrong, on a gold sentence
            {"original": "s3", "source": "src1", "sentence": "s3"},  # not covered by gold
        ],
        "flags": [
            {"kind": "unmatched_claim", "original": "s2", "source": None, "sentence": None},
            {"kind": "unmatched_claim", "original": "s3", "source": None, "sentence": None},
            {"kind": "omitted_claim", "original": None, "source": "src1", "sentence": "s2"},
            {"kind": "number_mismatch", "original": "s2", "source": "src1", "sentence": "s2",
             "text": "3"},
            {"kind": "headline_escalation", "original": "title", "source": None,
             "sentence": None, "text": "开放"},
        ],
    }


GOLD_LINKS = [
    ["周一宣布", "01_wire.en.txt", "opened a new bridge"],
    ["全长三公里", "01_wire.en.txt", "3 km long"],
    ["居民表示", "02_absent.en.txt", "pleased"],  # a report not compared: counts, never found
]
GOLD_FLAGS = [
    ["number_mismatch", "全长三公里", "01_wire.en.txt", "invented note"],
    ["headline_escalation", "新桥开放", "-", "on the title"],
    ["loaded_word", "表示欢迎", "-", "not raised"],
]


def test_event_links_precision_and_false_claim_flags(quality: ModuleType) -> None:
    score = quality.score_event(_event(), GOLD_LINKS, GOLD_FLAGS)
    assert (score.links_found, score.links_total) == (1, 3)
    # Only links from report sentences the gold covers count: s1 right, s2 wrong; s3 ignored.
    assert (score.correct, score.scored) == (1, 2)
    # unmatched_claim on a gold-linked original sentence and omitted_claim on a gold-linked
    # report sentence are provably false; unmatched_claim on s3 is not.
    assert score.false_claims == 2
    assert (score.flags_found, score.flags_total) == (2, 3)
    assert score.kinds_found == {"number_mismatch": 1, "headline_escalation": 1,
                                 "loaded_word": 0}
    assert score.kinds_raised["unmatched_claim"] == 2
    assert (score.flags_raised, score.sentences) == (5, 6)
    assert score.flags_per_100 == pytest.approx(500 / 6)


def test_flag_against_another_report_is_not_found(quality: ModuleType) -> None:
    data = _event()
    data["sources"].append({"id": "src2", "role": "report", "path": "/tmp/case/02_other.en.txt",
                            "sentences": _sentences("Another text.")})
    data["flags"][3]["source"] = "src2"  # the number flag now names the wrong report
    score = quality.score_event(data, GOLD_LINKS, GOLD_FLAGS)
    assert score.kinds_found["number_mismatch"] == 0
    assert score.sentences == 7


def test_summary_line_in_the_scorers_format(quality: ModuleType) -> None:
    totals = quality.Totals()
    zh_lines, en_lines = ["标题"], ["Title"]
    data = {"original": {"title": "", "sentences": _sentences("标题")},
            "sources": [{"id": "src1", "role": "translation", "title": "",
                         "sentences": _sentences("Title")}],
            "alignments": [{"original": "s1", "source": "src1", "sentence": "s1"}]}
    totals.add_versions(quality.score_versions(data, zh_lines, en_lines, [["标题", "Title"]]))
    totals.add_event(quality.score_event(_event(), GOLD_LINKS, GOLD_FLAGS))
    assert totals.summary() == ("score: A 1/1 pairs; B links 1/3 precision 1/2, flags 2/3, "
                                "false claim flags 2, 5 flags raised")


def test_gold_comment_lines(quality: ModuleType, tmp_path: Path) -> None:
    path = tmp_path / "gold.tsv"
    path.write_text("# kind\tzh\tfile\tnote\n\nloaded_word\t词\t-\tnote\n", encoding="utf-8")
    assert quality.read_gold(path, skip_comments=True) == [["loaded_word", "词", "-", "note"]]
    assert len(quality.read_gold(path, skip_comments=False)) == 2


def test_calibration_counts_right_links_by_score_band(quality: ModuleType) -> None:
    scored = [(0.6, True), (0.65, False), (0.95, True), (0.3, True)]
    assert quality.calibration(scored) == (
        "0.0-0.5: 1/1 right (mean score 0.30); 0.5-0.7: 1/2 right (mean score 0.62); "
        "0.9-1.0: 1/1 right (mean score 0.95)")
    assert quality.calibration([]) == "no links scored"
