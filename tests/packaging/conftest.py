"""One PyInstaller build and one .deb per test session, shared by every packaging test.

An existing `dist/parallax/` is reused only when it is newer than every source file that goes
into it; `PARALLAX_REBUILD=1` always rebuilds (CI may set it).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from packaging_support import REPO, bundle_is_fresh

from bundle_layout import BUNDLE, EXECUTABLE_NAME


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.packaging)
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="session")
def bundle() -> Path:
    """`dist/parallax/`, built by build_scripts/build.py unless a fresh one is there."""
    if os.environ.get("PARALLAX_REBUILD") == "1" or not bundle_is_fresh(BUNDLE):
        started = time.monotonic()
        subprocess.run([sys.executable, str(REPO / "build_scripts" / "build.py")], check=True,
                       cwd=REPO)
        print(f"PyInstaller build took {time.monotonic() - started:.0f} s")
    assert (BUNDLE / EXECUTABLE_NAME).is_file()
    return BUNDLE


@pytest.fixture(scope="session")
def deb(bundle: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The .deb built from the session's bundle (fast compression; same layout as a release)."""
    if shutil.which("dpkg-deb") is None:
        pytest.skip("dpkg-deb is not installed (build_scripts/system_deps.sh)")
    out_dir = tmp_path_factory.mktemp("deb")
    subprocess.run([sys.executable, str(REPO / "build_scripts" / "package_deb.py"), "--fast",
                    "--bundle", str(bundle), "--out-dir", str(out_dir)], check=True, cwd=REPO)
    (found,) = out_dir.glob("*.deb")
    return found


@pytest.fixture(scope="session")
def deb_root(deb: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The .deb's files unpacked into a temporary root with `dpkg -x`."""
    root = tmp_path_factory.mktemp("deb-root")
    subprocess.run(["dpkg", "-x", str(deb), str(root)], check=True)
    yield root
    shutil.rmtree(root, ignore_errors=True)
