"""A smaller ICU data library for the bundle: Qt's 32 MB `libicudata` without what Qt never reads.

Qt uses ICU for collation (QCollator, and so the file dialog's sorting), text converters
(QStringDecoder), break iterators and normalisation, case mapping and time zones. Its QLocale has
its own CLDR tables, so ICU's locale display names, currency, unit and number-spelling data and
transliterators are dead weight, as are the per-locale formatting data and time-zone names of
languages Parallax does not speak. This removes those items from the data archive with Debian's
`icupkg` (icu-devtools) and rebuilds a library with the same SONAME and data symbol
(`genccode` + the C compiler); collation, break iterators (with the Chinese dictionary),
converters, normalisation and properties are kept whole.

The trimmed library is used only if Qt still collates Chinese and opens a GB18030 converter with
it; without the tools, or if anything fails, the bundle keeps the original (and says why).
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

log = logging.getLogger(__name__)

ICU_DATA_LIBRARY = re.compile(r"(^|/)libicudata\.so\.\d+$")
# Locales whose formatting data and time-zone names stay (the interface languages we ship).
KEPT_LOCALES = re.compile(r"^(root|en|zh|ru)([_.]|$)")
LOCALE_ITEM = re.compile(r"^[a-z]{2,3}(_[A-Za-z0-9]+)*\.res$")
# Whole trees Qt never opens: display names, currencies, units, transliteration, spell-out.
DROPPED_TREES = frozenset({"lang", "region", "curr", "unit", "translit", "rbnf"})
DROPPED_ITEMS = frozenset({"unames.icu"})  # Unicode character names (u_charName)
TOOLS = ("icupkg", "genccode", "cc")

# Run against the trimmed library (LD_PRELOAD): the answers must equal the original's.
_CHECK = """
from PySide6.QtCore import QCollator, QLocale, QStringDecoder
words = ["张三", "李四", "王五", "阿", "中国", "apple", "Äpfel", "zebra", "ёж", "еда", "10", "9"]
for name in ("zh_CN", "en_US", "ru_RU", "sv_SE"):
    print(sorted(words, key=QCollator(QLocale(name)).sortKey))
print(QStringDecoder("GB18030").isValid(), QStringDecoder("Big5").isValid())
"""


def removable(item: str) -> bool:
    """True for an item of the data archive (`coll/zh.res`, `de_AT.res`) Qt does not need."""
    parts = item.split("/")
    if parts[0] in DROPPED_TREES or item in DROPPED_ITEMS:
        return True
    if len(parts) == 1 or (len(parts) == 2 and parts[0] == "zone"):
        name = parts[-1]
        return (bool(LOCALE_ITEM.match(name)) and not KEPT_LOCALES.match(name)
                and name != "res_index.res")  # the list of installed locales
    return False


def _run(*args: str, cwd: Path | None = None) -> str:
    return subprocess.run(list(args), check=True, capture_output=True, text=True,
                          cwd=cwd).stdout


def _data_symbol(library: Path) -> tuple[str, int, int]:
    """(name, file offset, size) of the `icudtNN_dat` symbol holding the data archive."""
    symbols = _run("readelf", "--dyn-syms", "-W", str(library))
    match = re.search(r"\s([0-9a-f]+)\s+(0x[0-9a-f]+|\d+)\s+OBJECT\s+GLOBAL\s+\S+\s+\S+\s+"
                      r"(icudt\d+_dat)\s*$", symbols, re.MULTILINE)
    if match is None:
        raise ValueError("no icudtNN_dat symbol")
    address, size, name = int(match.group(1), 16), int(match.group(2), 0), match.group(3)
    for line in _run("readelf", "-l", "-W", str(library)).splitlines():
        fields = line.split()
        if fields[:1] == ["LOAD"]:
            offset, vaddr, filesz = (int(f, 16) for f in fields[1:3] + fields[4:5])
            if vaddr <= address < vaddr + filesz:
                return name, address - vaddr + offset, size
    raise ValueError(f"{name} lies in no loaded segment")


def _soname(library: Path) -> str:
    match = re.search(r"\(SONAME\).*\[(.+)\]", _run("readelf", "-d", "-W", str(library)))
    return match.group(1) if match else library.name


def _same_answers(original: Path, trimmed: Path) -> bool:
    """Qt gives the same collation and converter answers with either library."""
    answers = []
    for library in (original, trimmed):
        env = dict(os.environ, LD_PRELOAD=str(library), QT_QPA_PLATFORM="offscreen")
        result = subprocess.run([sys.executable, "-c", _CHECK], env=env, capture_output=True,
                                text=True, check=False, timeout=120)
        if result.returncode != 0 or "Could not create collator" in result.stderr:
            log.warning("ICU check failed with %s: %s", library, result.stderr.strip()[-300:])
            return False
        answers.append(result.stdout)
    return answers[0] == answers[1] and "True True" in answers[0]


def trimmed_icu_data(library: Path, work: Path) -> Path | None:
    """A trimmed copy of `library` under `work` (reused while newer than both inputs), or None."""
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    if missing:
        log.warning("keeping the full ICU data: %s not installed (icu-devtools, gcc)", missing)
        return None
    out = work / "icu" / _soname(library)
    if out.exists() and out.stat().st_mtime > max(library.stat().st_mtime,
                                                   Path(__file__).stat().st_mtime):
        return out
    try:
        symbol, offset, size = _data_symbol(library)
        package = symbol.removesuffix("_dat") + ("l" if sys.byteorder == "little" else "b")
        folder = work / "icu" / "build"
        shutil.rmtree(folder, ignore_errors=True)
        (folder / "full").mkdir(parents=True)
        (folder / "trimmed").mkdir()
        with library.open("rb") as handle:
            handle.seek(offset)
            data = handle.read(size)
        if data[2:4] != b"\xda\x27":
            raise ValueError("the data symbol holds no ICU data archive")
        # icupkg names the items after the file, so both copies carry the package's name.
        full = folder / "full" / f"{package}.dat"
        full.write_bytes(data)
        items = _run("icupkg", "-l", str(full)).split()
        dropped = [item for item in items if removable(item)]
        (folder / "dropped.txt").write_text("\n".join(dropped) + "\n", encoding="utf-8")
        trimmed = folder / "trimmed" / f"{package}.dat"
        _run("icupkg", "-r", str(folder / "dropped.txt"), str(full), str(trimmed))
        _run("genccode", "-a", "gcc", "-e", symbol.removesuffix("_dat"), "-d", str(folder),
             str(trimmed))
        built = folder / _soname(library)
        _run("cc", "-shared", "-nostdlib", f"-Wl,-soname,{_soname(library)}",
             "-Wl,-z,noexecstack", "-o", str(built), str(folder / f"{package}_dat.S"))
    except (OSError, ValueError, subprocess.CalledProcessError) as exc:
        log.warning("keeping the full ICU data: %s", exc)
        return None
    if not _same_answers(library, built):
        log.warning("keeping the full ICU data: Qt answers differently with the trimmed one")
        return None
    shutil.move(built, out)
    log.info("ICU data %s: %.1f MB -> %.1f MB (%d of %d items dropped)", library.name,
             library.stat().st_size / 1e6, out.stat().st_size / 1e6, len(dropped), len(items))
    return out


def trim_icu_binaries(
    binaries: list[tuple[str, str, str]], work: Path
) -> list[tuple[str, str, str]]:
    """The binaries with Qt's ICU data library swapped for the trimmed copy (Linux only)."""
    if not sys.platform.startswith("linux"):
        return binaries
    result = []
    for dest, src, kind in binaries:
        if ICU_DATA_LIBRARY.search(dest.replace("\\", "/")):
            trimmed = trimmed_icu_data(Path(src), work)
            if trimmed is not None:
                src = str(trimmed)
        result.append((dest, src, kind))
    return result
