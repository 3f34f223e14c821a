"""Installing is a transaction on exactly one pair; removing is all or nothing; hostile
packages (other pair under a taken name, hidden folder, encrypted or deflate64 entries, deep
metadata, path-like codes) and a read-only models folder give one clear error."""

from __future__ import annotations

import json
import os
import struct
import zipfile
from pathlib import Path

import pytest

from parallax.core.errors import ModelPackageError, TranslationError
from parallax.core.translate.engine import LanguagePair
from parallax.core.translate.models import (
    clean_stale_work,
    install_model,
    list_models,
    remove_model,
)

ZH_EN = LanguagePair("zh", "en")
EN_RU = LanguagePair("en", "ru")


def _members(package: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(package) as zf:
        return {info.filename: zf.read(info) for info in zf.infolist()}


def _retop(members: dict[str, bytes], top: str) -> dict[str, bytes]:
    """The same package under another top-level folder name."""
    return {top + "/" + name.split("/", 1)[1]: data for name, data in members.items()
            if "/" in name and name.split("/", 1)[1]}


def _zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return path


def _meta_name(members: dict[str, bytes]) -> str:
    return next(n for n in members if n.endswith("/metadata.json"))


def test_a_package_named_like_another_pair_replaces_nothing_else(
        tmp_path: Path, tiny_packages: dict[LanguagePair, Path]) -> None:
    models = tmp_path / "models"
    zh_en = install_model(tiny_packages[ZH_EN], models)
    # An en->ru package whose archive folder carries the installed zh->en folder's name.
    hostile = _zip(tmp_path / "x.argosmodel",
                   _retop(_members(tiny_packages[EN_RU]), zh_en.path.name))
    en_ru = install_model(hostile, models)
    assert en_ru.pair == EN_RU and en_ru.path.name == "translate-en_ru"
    assert sorted(str(m.pair) for m in list_models(models)) == sorted([str(ZH_EN), str(EN_RU)])
    assert (zh_en.path / "model" / "model.bin").is_file()


def test_the_folder_name_comes_from_metadata_and_hidden_tops_are_visible(
        tmp_path: Path, tiny_packages: dict[LanguagePair, Path]) -> None:
    models = tmp_path / "models"
    hidden = _zip(tmp_path / "h.argosmodel", _retop(_members(tiny_packages[ZH_EN]), ".sneaky"))
    installed = install_model(hidden, models)
    assert installed.path.name == "translate-zh_en"
    assert [m.pair for m in list_models(models)] == [ZH_EN]
    remove_model(ZH_EN, models)
    assert list(models.iterdir()) == []


def test_a_hand_placed_folder_of_another_pair_under_our_name_is_kept(
        tmp_path: Path, tiny_packages: dict[LanguagePair, Path]) -> None:
    models = tmp_path / "models"
    en_ru = install_model(tiny_packages[EN_RU], models)
    en_ru.path.rename(models / "translate-zh_en")  # someone renamed it by hand
    zh_en = install_model(tiny_packages[ZH_EN], models)
    assert zh_en.path.name == "translate-zh_en-2"
    assert sorted(str(m.pair) for m in list_models(models)) == sorted([str(ZH_EN), str(EN_RU)])


def test_stale_work_folders_are_cleaned_and_live_ones_kept(
        tmp_path: Path, tiny_packages: dict[LanguagePair, Path]) -> None:
    models = tmp_path / "models"
    models.mkdir()
    dead = models / ".installing-999999999-abc"  # no such process
    (dead / "translate-zh_en" / "model").mkdir(parents=True)
    (dead / "translate-zh_en" / "model" / "model.bin").write_bytes(b"\0" * 1000)
    old_style = models / ".installing-x7k2"
    old_style.mkdir()
    live = models / f".replaced-{os.getpid()}-translate-zh_en"
    live.mkdir()
    install_model(tiny_packages[ZH_EN], models)
    names = sorted(p.name for p in models.iterdir())
    assert names == sorted([live.name, "translate-zh_en"])
    live.rmdir()
    assert clean_stale_work(models) == []


def test_a_package_moved_aside_by_a_killed_install_is_restored(
        tmp_path: Path, tiny_packages: dict[LanguagePair, Path]) -> None:
    models = tmp_path / "models"
    installed = install_model(tiny_packages[ZH_EN], models)
    aside = models / f".replaced-999999999-{installed.path.name}"  # killed before the swap
    installed.path.rename(aside)
    assert list_models(models) == []
    clean_stale_work(models)
    assert [m.pair for m in list_models(models)] == [ZH_EN]
    assert not aside.exists()


def test_remove_is_all_or_nothing(tmp_path: Path, tiny_packages: dict[LanguagePair, Path],
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    models = tmp_path / "models"
    first = install_model(tiny_packages[ZH_EN], models)
    import shutil

    shutil.copytree(first.path, models / "zh-en-older")  # a second package for the pair
    before = sorted(p.name for p in models.iterdir())
    real_rename = Path.rename
    calls = {"n": 0}

    def rename(self: Path, target: str | os.PathLike[str]) -> Path:
        calls["n"] += 1
        if calls["n"] == 2:  # the second folder cannot be moved (busy, permissions)
            raise PermissionError(13, "Permission denied")
        return real_rename(self, target)

    monkeypatch.setattr(Path, "rename", rename)
    with pytest.raises(TranslationError, match="Nothing was removed"):
        remove_model(ZH_EN, models)
    monkeypatch.undo()
    assert sorted(p.name for p in models.iterdir()) == before
    assert len(list_models(models)) == 2
    assert all((m.path / "model" / "model.bin").is_file() for m in list_models(models))
    assert len(remove_model(ZH_EN, models)) == 2
    assert list(models.iterdir()) == []


def test_a_read_only_models_folder_is_one_clear_error(
        tmp_path: Path, tiny_packages: dict[LanguagePair, Path],
        monkeypatch: pytest.MonkeyPatch) -> None:
    import tempfile

    def read_only(*args: object, **kwargs: object) -> str:
        raise OSError(30, "Read-only file system")

    monkeypatch.setattr(tempfile, "mkdtemp", read_only)
    with pytest.raises(TranslationError, match="read-only"):
        install_model(tiny_packages[ZH_EN], tmp_path / "models")
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(TranslationError, match="models folder"):
        install_model(tiny_packages[ZH_EN], blocker / "models")


def _patch_headers(path: Path, local_offset: int, central_offset: int, value: int) -> None:
    """Set a 2-byte field in every local header and central record of a stored zip."""
    raw = bytearray(path.read_bytes())
    for signature, offset in ((b"PK\x03\x04", local_offset), (b"PK\x01\x02", central_offset)):
        start = 0
        while (start := raw.find(signature, start)) >= 0:
            raw[start + offset:start + offset + 2] = struct.pack("<H", value)
            start += 4
    path.write_bytes(bytes(raw))


def _stored(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return path


def test_encrypted_entries_are_refused(tmp_path: Path,
                                       tiny_packages: dict[LanguagePair, Path]) -> None:
    path = _stored(tmp_path / "enc.argosmodel", _members(tiny_packages[ZH_EN]))
    _patch_headers(path, 6, 8, 0x1)  # general-purpose flag bit 0: encrypted
    with pytest.raises(ModelPackageError, match="encrypted"):
        install_model(path, tmp_path / "models")
    assert list((tmp_path / "models").iterdir()) == []


def test_deflate64_entries_are_refused(tmp_path: Path,
                                       tiny_packages: dict[LanguagePair, Path]) -> None:
    path = _stored(tmp_path / "d64.argosmodel", _members(tiny_packages[ZH_EN]))
    _patch_headers(path, 8, 10, 9)  # compression method 9: deflate64
    with pytest.raises(ModelPackageError, match="compression"):
        install_model(path, tmp_path / "models")


@pytest.mark.parametrize(("meta", "message"), [
    ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
    (json.dumps({"from_code": "../../x", "to_code": "en"}), "invalid from_code"),
    (json.dumps({"from_code": "zh", "to_code": "en/../../etc"}), "invalid to_code"),
    (json.dumps({"from_code": "zh", "to_code": "en", "type": "sbd"}), "not a translation"),
])
def test_hostile_metadata_is_refused(tmp_path: Path, tiny_packages: dict[LanguagePair, Path],
                                     meta: str, message: str) -> None:
    members = _members(tiny_packages[ZH_EN])
    members[_meta_name(members)] = meta.encode("utf-8")
    with pytest.raises(ModelPackageError, match=message):
        install_model(_zip(tmp_path / "m.argosmodel", members), tmp_path / "models")
    assert list((tmp_path / "models").iterdir()) == []
