"""The bundle's size budget, and what was cut to meet it staying out."""

from __future__ import annotations

from pathlib import Path

from bundle_layout import EXECUTABLE_NAME
from third_party import bundled_modules

# 270.8 MB on Linux x86-64 after rapidfuzz, pkg_resources, readline and the host libraries
# left; CTranslate2 (77 MB), Qt (69 MB) and NumPy with OpenBLAS (42 MB) are most of it (see
# docs/packaging.md). The budget leaves room for small changes, not for a new library.
BUDGET_MB = 280.0


def bundle_size(bundle: Path) -> int:
    return sum(p.stat().st_size for p in bundle.rglob("*") if p.is_file() and not p.is_symlink())


def test_bundle_fits_its_size_budget(bundle: Path) -> None:
    size_mb = bundle_size(bundle) / 1e6
    assert size_mb <= BUDGET_MB, f"{size_mb:.1f} MB"


def test_cut_modules_stay_out(bundle: Path) -> None:
    modules = bundled_modules(bundle)
    assert {"rapidfuzz", "pkg_resources", "setuptools", "readline"}.isdisjoint(modules)
    from PyInstaller.archive.readers import CArchiveReader

    hooks = CArchiveReader(str(bundle / EXECUTABLE_NAME)).toc
    assert "pyi_rth_pkgres" not in hooks  # its start-up import of pkg_resources is gone
    assert not list(bundle.rglob("libreadline*"))
