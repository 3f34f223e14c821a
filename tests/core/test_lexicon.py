"""jieba set-up shared by every Chinese analysis."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from parallax.core.language import jieba_words


def test_jieba_keeps_its_cache_in_our_cache_folder_not_the_shared_temp(tmp_path: Path) -> None:
    # A fresh process: jieba is set up once per process, whichever home was current then.
    code = ("from parallax.core.language import jieba_module; "
            "print(jieba_module().dt.FREQ.table.folder / 'keys.marisa')")
    env = {**os.environ, "PARALLAX_HOME": str(tmp_path)}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                         text=True, check=True, timeout=120).stdout.strip()
    cache = Path(out).resolve()
    assert tmp_path.resolve() in cache.parents
    assert cache.is_file()


def test_gazetteer_names_stay_whole() -> None:
    assert "克里姆林宫" in jieba_words("克里姆林宫对此表示不担心。")
