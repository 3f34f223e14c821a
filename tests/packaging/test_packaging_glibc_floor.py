"""The bundle runs on the oldest supported distribution: no ELF file in it needs a newer
glibc/libstdc++ symbol than the floor the .deb declares, and no host library rides along."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from packaging_support import offscreen_env
from test_packaging_deb import control_fields

from bundle_layout import EXECUTABLE_NAME, HOST_LIBRARIES
from glibc_floor import (
    FLOOR,
    above_floor,
    elf_files,
    glibc_needed,
    main,
    parse_version,
    requirements,
)


def compile_library(tmp_path: Path, name: str, source: str) -> Path:
    if shutil.which("gcc") is None:
        pytest.skip("gcc is not installed")
    (tmp_path / f"{name}.c").write_text(source, encoding="utf-8")
    library = tmp_path / f"lib{name}.so"
    result = subprocess.run(["gcc", "-shared", "-fPIC", "-o", str(library),
                             str(tmp_path / f"{name}.c")], capture_output=True, text=True)
    if result.returncode != 0:
        pytest.skip(f"this system's C library cannot build it: {result.stderr[:200]}")
    return library


def test_checker_flags_a_planted_newer_symbol_library(tmp_path: Path) -> None:
    # arc4random arrived in glibc 2.36: exactly what the host's libstdc++ and libexpat pulled in.
    library = compile_library(tmp_path, "planted", "#include <stdlib.h>\n"
                              "unsigned int planted(void) { return arc4random(); }\n")
    found = above_floor([library], {"GLIBC": (2, 35)})
    assert [(r.symbol, r.family, r.version) for r in found] == [("arc4random", "GLIBC", (2, 36))]
    assert main([str(tmp_path)]) == 1
    assert glibc_needed(tmp_path) == (2, 36)


def test_checker_passes_a_library_within_the_floor(tmp_path: Path) -> None:
    library = compile_library(tmp_path, "old", "#include <stdlib.h>\n"
                              "void *old(unsigned long n) { return malloc(n); }\n")
    assert [r.symbol for r in requirements(library)] != []  # it did read the symbols
    assert above_floor([library], {"GLIBC": (2, 17)}) == []
    assert main([str(tmp_path)]) == 0


def test_bundle_needs_nothing_above_the_declared_floor(bundle: Path, deb: Path) -> None:
    depends = control_fields(deb)["Depends"]
    declared = re.search(r"libc6 \(>= ([0-9.]+)\)", depends)
    assert declared, depends
    glibc = parse_version(declared[1])
    assert glibc == FLOOR["GLIBC"]
    offenders = above_floor(elf_files(bundle), {**FLOOR, "GLIBC": glibc})
    assert offenders == [], "\n".join(str(r) for r in offenders[:20])


def test_bundle_carries_no_host_libraries(bundle: Path) -> None:
    carried = [p.relative_to(bundle).as_posix() for p in bundle.rglob("*.so*")
               if HOST_LIBRARIES.match(p.name)]
    assert carried == []


def test_depends_lists_what_the_excluded_libraries_provide(deb: Path) -> None:
    names = {d.strip().split(" ")[0] for d in control_fields(deb)["Depends"].split(",")}
    # libstdc++ and glib are the system's now; dpkg-shlibdeps names their packages.
    assert {"libc6", "libstdc++6", "libglib2.0-0", "libfontconfig1"} <= names


def old_root() -> str:
    """PARALLAX_OLD_ROOT: a root of the oldest supported system (build_scripts/
    old_distro_build.sh makes one) where these tests may chroot (as root)."""
    root = os.environ.get("PARALLAX_OLD_ROOT")
    if not root or not Path(root, "usr").is_dir():
        pytest.skip("no old-distribution root (set PARALLAX_OLD_ROOT; old_distro_build.sh)")
    if os.geteuid() != 0:
        pytest.skip("chroot needs root")
    return root


def test_self_test_passes_in_the_old_distribution_root(bundle: Path) -> None:
    """The bundle's self-test on the oldest supported system."""
    root = old_root()
    target = Path(root) / "opt" / "parallax-under-test"
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(bundle, target, symlinks=True)
    try:
        result = subprocess.run(["chroot", root, f"/opt/parallax-under-test/{EXECUTABLE_NAME}",
                                 "--self-test"], capture_output=True, text=True, timeout=600,
                                env=offscreen_env(HOME="/tmp"))
    finally:
        shutil.rmtree(target)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "self-test passed" in result.stdout


def test_deb_installs_with_apt_in_the_old_distribution_root(deb: Path) -> None:
    """apt accepts the .deb's Depends there (fetching what is missing) and the installed app
    passes its self-test; it is removed again afterwards."""
    root = old_root()
    shutil.copy(deb, Path(root) / "tmp" / deb.name)
    env = {"PATH": "/usr/sbin:/usr/bin:/sbin:/bin", "HOME": "/tmp",
           "DEBIAN_FRONTEND": "noninteractive", "QT_QPA_PLATFORM": "offscreen"}
    try:
        install = subprocess.run(["chroot", root, "apt-get", "install", "-y", "-q",
                                  f"/tmp/{deb.name}"], capture_output=True, text=True,
                                 timeout=900, env=env)
        assert install.returncode == 0, install.stdout[-3000:] + install.stderr[-3000:]
        result = subprocess.run(["chroot", root, "parallax", "--self-test"],
                                capture_output=True, text=True, timeout=600, env=env)
        assert result.returncode == 0, result.stdout + result.stderr
    finally:
        subprocess.run(["chroot", root, "apt-get", "remove", "-y", "-q", "parallax"],
                       capture_output=True, timeout=300, env=env)
        (Path(root) / "tmp" / deb.name).unlink(missing_ok=True)
