"""The tiny test package is a real Argos package, built fast and reproducibly."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

from parallax.core.translate.engine import LanguagePair
from parallax.core.translate.tiny_model import build_tiny_argos_package


def test_package_layout_is_argos(tiny_packages: dict[LanguagePair, Path]) -> None:
    package = tiny_packages[LanguagePair("zh", "en")]
    with zipfile.ZipFile(package) as zf:
        names = set(zf.namelist())
        top = {n.split("/")[0] for n in names}
        assert len(top) == 1
        folder = top.pop()
        assert {f"{folder}/metadata.json", f"{folder}/sentencepiece.model",
                f"{folder}/model/model.bin", f"{folder}/model/config.json"} <= names
        meta = json.loads(zf.read(f"{folder}/metadata.json"))
    assert (meta["from_code"], meta["to_code"], meta["type"]) == ("zh", "en", "translate")


def test_build_is_deterministic(tmp_path: Path) -> None:
    first = build_tiny_argos_package(tmp_path / "a.argosmodel", "en", "ru")
    second = build_tiny_argos_package(tmp_path / "b.argosmodel", "en", "ru")
    assert first.read_bytes() == second.read_bytes()


def test_custom_corpus(tmp_path: Path) -> None:
    corpus = ["普京访问蒙古国。", "Putin visits Mongolia."] * 50
    package = build_tiny_argos_package(tmp_path / "c.argosmodel", corpus=corpus)
    assert zipfile.is_zipfile(package)
