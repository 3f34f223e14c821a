"""No benchmark leaves files in the temporary folder: each quick mode runs with an empty one."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from parallax.core.translate.llm import available

REPO = Path(__file__).resolve().parents[1]
LLM_MISSING = not available()[0]

# (script and arguments, a line its table always prints)
QUICK_RUNS = [
    pytest.param(["translation.py", "--quick"], "Argos default", id="translation-argos"),
    pytest.param(["translation.py", "--quick", "--engine", "openai"], "openai, concurrency 4",
                 id="translation-openai",
                 marks=pytest.mark.skipif(LLM_MISSING, reason="llama.cpp is not installed")),
    pytest.param(["translate_llm.py", "--quick"], "argos ", id="translate_llm"),
    pytest.param(["llm_quality.py", "--quick"], "naive+clean ", id="llm_quality",
                 marks=pytest.mark.skipif(LLM_MISSING, reason="llama.cpp is not installed")),
    pytest.param(["gui_latency.py", "--sample-only"], "  compare ", id="gui_latency"),
    pytest.param(["compare.py", "--sizes", "1", "--long", "20", "--process-sizes", "1",
                  "--runs", "1", "--process-long", "40"], "memory per report sentence",
                 id="compare"),
    pytest.param(["startup.py", "--runs", "1"], "launch to settled", id="startup"),
]


@pytest.mark.slow
@pytest.mark.parametrize(("command", "printed"), QUICK_RUNS)
def test_a_quick_benchmark_run_leaves_the_temporary_folder_empty(
        command: list[str], printed: str, tmp_path: Path) -> None:
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    env = {**os.environ, "TMPDIR": str(temporary), "PARALLAX_SEMANTIC": "0"}
    env.pop("XDG_RUNTIME_DIR", None)  # as on a machine without a session: Qt's fallback
    done = subprocess.run([sys.executable, str(REPO / "bench" / command[0]), *command[1:]],
                          env=env, capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    assert printed in done.stdout  # it ran to its figures
    assert sorted(p.name for p in temporary.iterdir()) == []
