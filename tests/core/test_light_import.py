"""zhconv, cn2an and jieba find their data files without pkg_resources being imported."""

from __future__ import annotations

import json
import subprocess
import sys

PROBE = """
import json, sys
from parallax.core import language, numbers
print(json.dumps({"simplified": language.to_simplified("普京與蒙古總統會談"),
                  "words": list(language.jieba_words("克里姆林宫表示")),
                  "value": numbers._zh_value("八十五"),
                  "pkg_resources": "pkg_resources" in sys.modules}))
"""


def test_data_files_are_found_without_pkg_resources() -> None:
    out = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True,
                         check=True, timeout=120).stdout
    report = json.loads(out.strip().splitlines()[-1])
    assert report == {"simplified": "普京与蒙古总统会谈", "words": ["克里姆林宫", "表示"],
                      "value": 85.0, "pkg_resources": False}
