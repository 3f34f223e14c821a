"""Model packages: install validates first and leaves nothing behind when it refuses."""

from __future__ import annotations

import os
import stat
import zipfile
from pathlib import Path

import pytest

from parallax.core.errors import LanguagePairError, ModelPackageError, TranslationError
from parallax.core.translate.engine import LanguagePair
from parallax.core.translate.models import (
    download_index,
    download_model,
    install_model,
    list_models,
    remove_model,
)

ZH_EN = LanguagePair("zh", "en")


def _members(package: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(package) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def _rezip(path: Path, members: dict[str, bytes], extra: list[zipfile.ZipInfo] | None = None,
           extra_data: bytes = b"x") -> Path:
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data)
        for info in extra or []:
            zf.writestr(info, extra_data)
    return path


def _assert_nothing_left(models: Path, outside: Path | None = None) -> None:
    left = sorted(p.name for p in models.iterdir()) if models.exists() else []
    assert left == [], f"left behind in the models folder: {left}"
    if outside is not None:
        assert not outside.exists(), f"written outside: {outside}"


def test_install_list_remove(tmp_path: Path, tiny_packages: dict[LanguagePair, Path]) -> None:
    models = tmp_path / "models"
    installed = install_model(tiny_packages[ZH_EN], models)
    assert installed.pair == ZH_EN
    assert installed.version == "0.1"
    assert installed.size_bytes > 0
    assert (installed.path / "model" / "model.bin").is_file()
    assert [m.pair for m in list_models(models)] == [ZH_EN]
    assert [p.name for p in models.iterdir()] == [installed.name]  # no work folders left

    again = install_model(tiny_packages[ZH_EN], models)  # reinstall replaces
    assert [m.path for m in list_models(models)] == [again.path]

    removed = remove_model("zh-en", models)
    assert [m.pair for m in removed] == [ZH_EN]
    assert list_models(models) == []
    with pytest.raises(LanguagePairError):
        remove_model(ZH_EN, models)


def test_default_folder_is_the_app_models_dir(isolated_home: Path,
                                              tiny_packages: dict[LanguagePair, Path]) -> None:
    installed = install_model(tiny_packages[ZH_EN])
    assert installed.path.parent == isolated_home / "data" / "models"


def test_damaged_folders_are_skipped_when_listing(tmp_path: Path) -> None:
    models = tmp_path / "models"
    (models / "junk").mkdir(parents=True)
    assert list_models(models) == []


@pytest.mark.parametrize("bad_name", ["../evil.txt", "pkg/../../evil.txt"])
def test_path_traversal_is_refused(tmp_path: Path, tiny_packages: dict[LanguagePair, Path],
                                   bad_name: str) -> None:
    members = _members(tiny_packages[ZH_EN])
    members[bad_name] = b"owned"
    package = _rezip(tmp_path / "evil.argosmodel", members)
    models = tmp_path / "area" / "models"
    with pytest.raises(ModelPackageError, match="outside"):
        install_model(package, models)
    _assert_nothing_left(models, tmp_path / "area" / "evil.txt")
    assert not (tmp_path / "evil.txt").exists()


def test_absolute_path_is_refused(tmp_path: Path, tiny_packages: dict[LanguagePair, Path]) -> None:
    target = tmp_path / "absolute-evil.txt"
    package = _rezip(tmp_path / "abs.argosmodel", _members(tiny_packages[ZH_EN]),
                     [zipfile.ZipInfo(str(target))])
    models = tmp_path / "models"
    with pytest.raises(ModelPackageError, match="absolute"):
        install_model(package, models)
    _assert_nothing_left(models, target)


def test_symlink_entry_is_refused(tmp_path: Path, tiny_packages: dict[LanguagePair, Path]) -> None:
    members = _members(tiny_packages[ZH_EN])
    top = next(iter(members)).split("/")[0]
    link = zipfile.ZipInfo(f"{top}/link")
    link.external_attr = (stat.S_IFLNK | 0o777) << 16
    package = _rezip(tmp_path / "link.argosmodel", members, [link], b"/etc/passwd")
    models = tmp_path / "models"
    with pytest.raises(ModelPackageError, match="symbolic link"):
        install_model(package, models)
    _assert_nothing_left(models)


def test_missing_metadata_is_refused(tmp_path: Path,
                                     tiny_packages: dict[LanguagePair, Path]) -> None:
    members = {k: v for k, v in _members(tiny_packages[ZH_EN]).items()
               if not k.endswith("metadata.json")}
    package = _rezip(tmp_path / "nometa.argosmodel", members)
    models = tmp_path / "models"
    with pytest.raises(ModelPackageError, match=r"metadata\.json"):
        install_model(package, models)
    _assert_nothing_left(models)


def test_corrupt_model_is_refused(tmp_path: Path, tiny_packages: dict[LanguagePair, Path]) -> None:
    members = _members(tiny_packages[ZH_EN])
    model_bin = next(k for k in members if k.endswith("model.bin"))
    members[model_bin] = members[model_bin][: len(members[model_bin]) // 3]
    package = _rezip(tmp_path / "corrupt.argosmodel", members)
    models = tmp_path / "models"
    with pytest.raises(ModelPackageError, match="does not load"):
        install_model(package, models)
    _assert_nothing_left(models)


def test_corrupt_tokenizer_is_refused(tmp_path: Path,
                                      tiny_packages: dict[LanguagePair, Path]) -> None:
    members = _members(tiny_packages[ZH_EN])
    sp = next(k for k in members if k.endswith("sentencepiece.model"))
    members[sp] = b"garbage"
    package = _rezip(tmp_path / "badsp.argosmodel", members)
    models = tmp_path / "models"
    with pytest.raises(ModelPackageError, match="tokenizer"):
        install_model(package, models)
    _assert_nothing_left(models)


def test_not_a_zip_and_missing_file(tmp_path: Path) -> None:
    text = tmp_path / "notes.argosmodel"
    text.write_text("hello")
    with pytest.raises(ModelPackageError, match="not a zip"):
        install_model(text, tmp_path / "models")
    with pytest.raises(ModelPackageError, match="does not exist"):
        install_model(tmp_path / "nope.argosmodel", tmp_path / "models")


def test_failed_install_keeps_the_previous_model(
        tmp_path: Path, tiny_packages: dict[LanguagePair, Path]) -> None:
    models = tmp_path / "models"
    good = install_model(tiny_packages[ZH_EN], models)
    members = _members(tiny_packages[ZH_EN])
    model_bin = next(k for k in members if k.endswith("model.bin"))
    members[model_bin] = b"\0" * 10
    with pytest.raises(ModelPackageError):
        install_model(_rezip(tmp_path / "bad.argosmodel", members), models)
    assert [m.path for m in list_models(models)] == [good.path]


def test_offline_download_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    # Nothing listens on port 9 of the loopback interface: a refused connection, no traffic.
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", "http://127.0.0.1:9/")
    with pytest.raises(TranslationError, match="no network"):
        download_index(timeout=2)
    with pytest.raises(TranslationError, match="no network"):
        download_model("zh-en", timeout=2)


def test_no_work_files_in_temp(tmp_path: Path, tiny_packages: dict[LanguagePair, Path],
                               monkeypatch: pytest.MonkeyPatch) -> None:
    temp = tmp_path / "tmp"
    temp.mkdir()
    monkeypatch.setenv("TMPDIR", str(temp))
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", None)
    members = _members(tiny_packages[ZH_EN])
    members["../x"] = b"x"
    with pytest.raises(ModelPackageError):
        install_model(_rezip(tmp_path / "e.argosmodel", members), tmp_path / "models")
    assert os.listdir(temp) == []


def test_damaged_folder_with_the_same_name_is_replaced(
        tmp_path: Path, tiny_packages: dict[LanguagePair, Path]) -> None:
    models = tmp_path / "models"
    first = install_model(tiny_packages[ZH_EN], models)
    (first.path / "metadata.json").unlink()  # damaged: no longer listed
    assert list_models(models) == []
    again = install_model(tiny_packages[ZH_EN], models)
    assert again.path == first.path
    assert [m.pair for m in list_models(models)] == [ZH_EN]
    assert sorted(p.name for p in models.iterdir()) == [again.name]
