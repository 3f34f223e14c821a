"""Names' pinyin comes from pypinyin once, then from the file in the cache folder."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pypinyin import Style, lazy_pinyin

from parallax.core import name_pinyin
from parallax.core.name_pinyin import Syllables, store_path, syllables

NAMES = ("普京", "蒲亭", "乌兰巴托", "斯塔·霍尔姆", "吕布", "玉林")


@pytest.fixture(autouse=True)
def fresh_store(isolated_home: Path) -> Iterator[None]:
    name_pinyin.forget_loaded()
    yield
    name_pinyin.forget_loaded()


def _pypinyin(name: str) -> Syllables:
    return Syllables(tuple(lazy_pinyin(name, style=Style.NORMAL, errors="ignore")),
                     tuple(lazy_pinyin(name, style=Style.FINALS, strict=False, errors="ignore")))


def test_the_same_syllables_as_pypinyin_first_and_from_the_file() -> None:
    first = [syllables(name) for name in NAMES]
    assert first == [_pypinyin(name) for name in NAMES]
    assert syllables("普京") == Syllables(("pu", "jing"), ("u", "ing"))
    name_pinyin.forget_loaded()  # as a new process would: everything read back from the file
    assert [syllables(name) for name in NAMES] == first
    assert all(name in store_path().read_text(encoding="utf-8") for name in NAMES)


def test_a_remembered_name_is_read_back_not_worked_out_again() -> None:
    syllables("普京")
    # Edit the file by hand: what it says is what a later process gets.
    path = store_path()
    path.write_text(path.read_text(encoding="utf-8").replace('"jing"', '"jin"'),
                    encoding="utf-8")
    name_pinyin.forget_loaded()
    assert syllables("普京").full == ("pu", "jin")


def test_lines_cut_short_or_damaged_are_ignored() -> None:
    syllables("普京")
    with store_path().open("a", encoding="utf-8") as handle:
        handle.write('\n蒲亭\t[["pu", "ting"], ["u"')  # a writer stopped mid-line
    name_pinyin.forget_loaded()
    assert syllables("乌兰巴托") == _pypinyin("乌兰巴托")  # appended after the torn line
    with store_path().open("a", encoding="utf-8") as handle:
        handle.write("\n吕布\tnot json\t;\n\n\t[]\t;\n")
    name_pinyin.forget_loaded()
    assert syllables("蒲亭") == _pypinyin("蒲亭")
    assert syllables("吕布") == _pypinyin("吕布")
    assert syllables("乌兰巴托") == _pypinyin("乌兰巴托")


def test_the_file_starts_afresh_past_its_bound(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(name_pinyin, "MAX_NAMES", 3)
    for name in NAMES:
        assert syllables(name) == _pypinyin(name)
    assert store_path().read_text(encoding="utf-8").count("\t;") == 3  # the rest not kept
    name_pinyin.forget_loaded()
    assert syllables("玉林") == _pypinyin("玉林")  # the full file was dropped on reading
    assert store_path().read_text(encoding="utf-8").count("\t;") == 1


def test_an_unwritable_cache_folder_only_costs_the_remembering(tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch
                                                               ) -> None:
    blocked = tmp_path / "blocked"
    blocked.mkdir()
    monkeypatch.setattr(name_pinyin, "store_path", lambda: blocked)  # a folder: cannot open
    assert syllables("普京") == _pypinyin("普京")
