"""Model downloads against a real HTTP server on the loopback interface: an Argos-format index,
a generated model, a dead mirror, a transfer cut short, a damaged file, no network, a full disk."""

from __future__ import annotations

import errno
import json
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from parallax.core.translate import downloads
from parallax.core.translate.downloads import (
    DiskFullError,
    DownloadError,
    ModelIndex,
    load_index,
    version_key,
)
from parallax.core.translate.engine import LanguagePair
from parallax.core.translate.models import download_model, list_models
from support.download_site import Site, serve

ZH_EN = LanguagePair("zh", "en")


@pytest.fixture()
def site(isolated_home: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Site]:
    running = serve(Site())
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", running.site.base + "/index/")
    yield running.site
    running.stop()


def argos_entry(version: str, links: list[str]) -> dict[str, Any]:
    """One package as Argos's index lists it."""
    return {"package_version": version, "argos_version": "1.5", "from_code": "zh",
            "from_name": "Chinese", "to_code": "en", "to_name": "English", "type": "translate",
            "code": "translate-zh_en", "links": links, "size": 0}


def publish(site: Site, package: bytes, newer_links: list[str]) -> None:
    """An index that lists zh->en 1.9 (on `newer_links`) before 1.7, as the real one can."""
    site.files["/models/zh_en-1_9.argosmodel"] = package
    site.files["/models/zh_en-1_7.argosmodel"] = package
    index = [argos_entry("1.9", [site.base + link for link in newer_links]),
             argos_entry("1.7", [site.base + "/models/zh_en-1_7.argosmodel"])]
    site.files["/index/index.json"] = json.dumps(index).encode()


def model_requests(site: Site) -> list[tuple[str, str]]:
    return [r for r in site.requests if r[0].endswith(".argosmodel")]


def test_newest_version_is_installed_past_a_dead_mirror(
        site: Site, tmp_path: Path, tiny_packages: dict[LanguagePair, Path]) -> None:
    publish(site, tiny_packages[ZH_EN].read_bytes(),
            ["/dead/zh_en-1_9.argosmodel", "/models/zh_en-1_9.argosmodel"])
    model = download_model("zh-en", timeout=10, models_dir=tmp_path / "models")
    assert model.pair == ZH_EN
    assert [m.pair for m in list_models(tmp_path / "models")] == [ZH_EN]
    assert model_requests(site) == [("/dead/zh_en-1_9.argosmodel", ""),
                                    ("/models/zh_en-1_9.argosmodel", "")]


def test_a_transfer_cut_short_is_resumed(
        site: Site, tmp_path: Path, tiny_packages: dict[LanguagePair, Path]) -> None:
    package = tiny_packages[ZH_EN].read_bytes()
    publish(site, package, ["/models/zh_en-1_9.argosmodel"])
    site.cut_once.add("/models/zh_en-1_9.argosmodel")
    download_model("zh-en", timeout=10, models_dir=tmp_path / "models")
    assert model_requests(site) == [("/models/zh_en-1_9.argosmodel", ""),
                                    ("/models/zh_en-1_9.argosmodel",
                                     f"bytes={len(package) // 2}-")]
    assert [m.pair for m in list_models(tmp_path / "models")] == [ZH_EN]


def test_a_server_without_ranges_sends_the_whole_file_again(
        site: Site, tmp_path: Path, tiny_packages: dict[LanguagePair, Path]) -> None:
    publish(site, tiny_packages[ZH_EN].read_bytes(), ["/models/zh_en-1_9.argosmodel"])
    site.cut_once.add("/models/zh_en-1_9.argosmodel")
    site.no_range = True
    download_model("zh-en", timeout=10, models_dir=tmp_path / "models")
    assert [m.pair for m in list_models(tmp_path / "models")] == [ZH_EN]


def damaged(package: bytes) -> bytes:
    """The package with one byte of a stored member's data changed (its CRC-32 no longer fits)."""
    with zipfile.ZipFile(__import__("io").BytesIO(package)) as zf:
        info = max(zf.infolist(), key=lambda i: i.compress_size)
        offset = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    data = bytearray(package)
    data[offset + info.compress_size // 2] ^= 0xFF
    return bytes(data)


def test_a_damaged_file_fails_its_checksum_and_nothing_is_installed(
        site: Site, tmp_path: Path, isolated_home: Path,
        tiny_packages: dict[LanguagePair, Path]) -> None:
    publish(site, damaged(tiny_packages[ZH_EN].read_bytes()), ["/models/zh_en-1_9.argosmodel"])
    with pytest.raises(DownloadError, match="failed its checksum"):
        download_model("zh-en", timeout=10, models_dir=tmp_path / "models")
    assert list_models(tmp_path / "models") == []
    assert list((isolated_home / "cache").glob("*.part")) == []


def test_an_index_sha256_is_checked(site: Site, tmp_path: Path,
                                    tiny_packages: dict[LanguagePair, Path]) -> None:
    publish(site, tiny_packages[ZH_EN].read_bytes(), ["/models/zh_en-1_9.argosmodel"])
    index = json.loads(site.files["/index/index.json"])
    index[0]["sha256"] = "0" * 64
    site.files["/index/index.json"] = json.dumps(index).encode()
    with pytest.raises(DownloadError, match="SHA-256"):
        download_model("zh-en", timeout=10, models_dir=tmp_path / "models")


def test_http_errors_on_every_link_say_so(site: Site, tmp_path: Path,
                                          tiny_packages: dict[LanguagePair, Path]) -> None:
    publish(site, tiny_packages[ZH_EN].read_bytes(),
            ["/dead/a.argosmodel", "/dead/b.argosmodel"])
    with pytest.raises(DownloadError) as caught:
        download_model("zh-en", timeout=10, models_dir=tmp_path / "models")
    message = str(caught.value)
    assert "from any of its 2 link(s)" in message
    assert message.count("HTTP 404") == 2


def test_a_full_disk_stops_at_once(site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                   tiny_packages: dict[LanguagePair, Path]) -> None:
    publish(site, tiny_packages[ZH_EN].read_bytes(),
            ["/models/zh_en-1_9.argosmodel", "/models/zh_en-1_7.argosmodel"])

    def no_space(handle: Any, chunk: bytes) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(downloads, "_append", no_space)
    with pytest.raises(DiskFullError, match="disk is full"):
        download_model("zh-en", timeout=10, models_dir=tmp_path / "models")
    assert len(model_requests(site)) == 1  # another mirror cannot help


def test_offline_the_cached_index_is_used_and_its_age_shown(
        site: Site, monkeypatch: pytest.MonkeyPatch,
        tiny_packages: dict[LanguagePair, Path]) -> None:
    publish(site, tiny_packages[ZH_EN].read_bytes(), ["/models/zh_en-1_9.argosmodel"])
    online = load_index(timeout=10)
    assert not online.from_cache
    assert online.best(ZH_EN) is not None and online.best(ZH_EN).version == "1.9"  # type: ignore[union-attr]
    # Nothing listens on port 9 of the loopback interface: a refused connection.
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", "http://127.0.0.1:9/")
    offline = load_index(timeout=2)
    assert offline.from_cache
    assert offline.models == online.models
    assert "no network" in offline.problem
    later = offline.fetched_at + 3 * 3600 + 60
    assert offline.age_text(later) == "3 hours"
    assert offline.describe(later).startswith("Offline: using the model list fetched 3 hours ago")


def test_offline_without_a_cached_index_is_a_clear_error(
        isolated_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", "http://127.0.0.1:9/")
    with pytest.raises(DownloadError, match="no network"):
        load_index(timeout=2)


def test_versions_compare_as_numbers() -> None:
    ordered = ["1.7", "1.9rc1", "1.9", "1.9.1", "1.10"]
    assert sorted(reversed(ordered), key=version_key) == ordered
    index = ModelIndex(tuple(downloads.parse_index(
        [argos_entry(v, ["http://x/" + v]) for v in ("1.9", "1.10", "1.7")])), 0.0)
    assert index.best(ZH_EN).version == "1.10"  # type: ignore[union-attr]

