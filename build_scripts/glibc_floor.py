"""Which glibc and libstdc++ a bundle needs, read from its ELF files' versioned symbols.

    python build_scripts/glibc_floor.py [dist/parallax]      # exit 1 if above the floor

A library built against a newer glibc references versioned symbols the older one lacks
(`arc4random@GLIBC_2.36`); the dynamic loader then refuses to start the program. `objdump -T`
lists every undefined symbol with the version it needs; the highest per family (GLIBC_,
GLIBCXX_, CXXABI_, GCC_) is what the system must provide. The floor is that of the oldest
distribution the README lists (Ubuntu 22.04: glibc 2.35, GCC 12's libstdc++ and libgcc_s);
PySide6 6.11's wheels (manylinux_2_34) need glibc 2.34, so no older system can run the app.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

Version = tuple[int, ...]

# Symbol-version families and what the oldest supported distribution (Ubuntu 22.04) provides:
# libc6 2.35, libstdc++6 and libgcc-s1 from GCC 12.
FLOOR: dict[str, Version] = {
    "GLIBC": (2, 35),
    "GLIBCXX": (3, 4, 30),
    "CXXABI": (1, 3, 13),
    "GCC": (12, 0, 0),
}

_UNDEFINED = re.compile(
    r"\*UND\*\s+\S+\s+\(?(?P<family>GLIBCXX|GLIBC|CXXABI|GCC)_(?P<version>[0-9][0-9.]*)\)?"
    r"\s+(?P<symbol>\S+)"
)


@dataclass(frozen=True)
class Requirement:
    """One versioned symbol an ELF file needs from the system."""

    path: Path
    symbol: str
    family: str
    version: Version

    def __str__(self) -> str:
        return f"{self.path}: {self.symbol}@{self.family}_{format_version(self.version)}"


def format_version(version: Version) -> str:
    return ".".join(str(part) for part in version)


def parse_version(text: str) -> Version:
    return tuple(int(part) for part in text.split(".") if part.isdigit())


def is_elf(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return handle.read(4) == b"\x7fELF"
    except OSError:
        return False


def elf_files(folder: Path) -> Iterator[Path]:
    """Every ELF file under `folder` (links are skipped: their targets are listed)."""
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not path.is_symlink() and is_elf(path):
            yield path


def requirements(path: Path) -> list[Requirement]:
    """The versioned system symbols `path` needs (`objdump -T`'s undefined ones)."""
    result = subprocess.run(["objdump", "-T", str(path)], capture_output=True, text=True,
                            check=False)
    found = []
    for line in result.stdout.splitlines():
        match = _UNDEFINED.search(line)
        if match:
            found.append(Requirement(path, match["symbol"], match["family"],
                                     parse_version(match["version"])))
    return found


def highest(found: Iterable[Requirement]) -> dict[str, Requirement]:
    """The requirement with the highest version in each family."""
    best: dict[str, Requirement] = {}
    for requirement in found:
        current = best.get(requirement.family)
        if current is None or requirement.version > current.version:
            best[requirement.family] = requirement
    return best


def above_floor(
    files: Iterable[Path], floor: dict[str, Version] | None = None
) -> list[Requirement]:
    """Every requirement of `files` newer than `floor` (default FLOOR)."""
    limits = FLOOR if floor is None else floor
    return [
        requirement
        for path in files
        for requirement in requirements(path)
        if requirement.family in limits and requirement.version > limits[requirement.family]
    ]


def glibc_needed(folder: Path) -> Version:
    """The newest glibc any ELF file under `folder` needs (what `libc6 (>= ...)` must say)."""
    best = highest(r for path in elf_files(folder) for r in requirements(path))
    return best["GLIBC"].version if "GLIBC" in best else (2, 2, 5)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, nargs="?",
                        default=Path(__file__).resolve().parents[1] / "dist" / "parallax")
    args = parser.parse_args(argv)
    files = list(elf_files(args.folder))
    best = highest(r for path in files for r in requirements(path))
    for family, requirement in sorted(best.items()):
        limit = format_version(FLOOR[family])
        print(f"{family:8} needs {format_version(requirement.version):9} (floor {limit}): "
              f"{requirement.symbol} in {requirement.path.relative_to(args.folder)}")
    offenders = above_floor(files)
    for requirement in offenders:
        print(f"above the floor: {requirement}", file=sys.stderr)
    return 1 if offenders else 0


if __name__ == "__main__":
    sys.exit(main())
