"""The trimmed ICU data: which items go, and that the bundle carries the smaller library."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from icu_data import removable


@pytest.mark.parametrize("item", [
    "coll/zh.res", "coll/de.res", "coll/ucadata.icu", "brkitr/cjdict.dict", "brkitr/de.res",
    "cnvalias.icu", "gb18030.cnv", "nfkc.nrm", "uprops.icu", "root.res", "pool.res",
    "res_index.res", "en.res", "en_GB.res", "zh_Hant_TW.res", "ru.res", "supplementalData.res",
    "likelySubtags.res", "zoneinfo64.res", "metaZones.res", "zone/root.res", "zone/zh.res",
    "zone/en_AU.res",
])
def test_what_qt_reads_is_kept(item: str) -> None:
    assert not removable(item)


@pytest.mark.parametrize("item", [
    "de.res", "sv_SE.res", "yue_Hant.res", "zone/de.res", "lang/en.res", "region/zh.res",
    "curr/root.res", "unit/ru.res", "translit/Han_Latin.res", "rbnf/en.res", "unames.icu",
])
def test_what_qt_never_reads_goes(item: str) -> None:
    assert removable(item)


def test_bundle_carries_the_trimmed_icu_data(bundle: Path) -> None:
    if not all(shutil.which(tool) for tool in ("icupkg", "genccode", "cc")):
        pytest.skip("icu-devtools or a C compiler is missing: the build keeps the full data")
    (library,) = (bundle / "_internal" / "PySide6" / "Qt" / "lib").glob("libicudata.so.*")
    assert library.stat().st_size < 20_000_000
