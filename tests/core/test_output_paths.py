"""Outputs never replace an input, a device, a FIFO or a folder; saves keep file modes; save
and load agree on limits; workspace settings are checked as they are read."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from parallax.core.errors import OutputPathError, WorkspaceError
from parallax.core.samples import sample_workspace
from parallax.core.workspace import (
    MAX_WORKSPACE_BYTES,
    Workspace,
    check_output_path,
    write_atomic,
)


def test_devices_are_refused_whatever_the_spelling(tmp_path: Path) -> None:
    for device in ("/dev/null", "/dev/stdout", "/dev/../dev/null"):
        with pytest.raises(OutputPathError, match="device"):
            check_output_path(device)
    link = tmp_path / "quiet.json"
    link.symlink_to("/dev/null")
    with pytest.raises(OutputPathError, match="device"):
        write_atomic(link, b"{}")
    assert link.is_symlink() and os.readlink(link) == "/dev/null"


def test_fifo_folder_and_dash_are_refused(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(OutputPathError, match="not a regular file"):
        write_atomic(fifo, b"x")
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    with pytest.raises(OutputPathError, match="folder"):
        write_atomic(tmp_path, b"x")
    with pytest.raises(OutputPathError, match="standard output"):
        check_output_path("-")


def test_an_input_is_never_overwritten(tmp_path: Path) -> None:
    source = tmp_path / "a.txt"
    source.write_text("original", encoding="utf-8")
    alias = tmp_path / "alias.txt"
    alias.symlink_to(source)
    for target in (source, alias, tmp_path / "." / "a.txt"):
        with pytest.raises(OutputPathError, match="inputs"):
            write_atomic(target, b"replaced", inputs=[source])
    assert source.read_text(encoding="utf-8") == "original"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "alias.txt"]


def test_a_symlinked_output_updates_its_target_and_keeps_the_link(tmp_path: Path) -> None:
    real = tmp_path / "real.json"
    real.write_bytes(b"old")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    write_atomic(link, b"new")
    assert link.is_symlink() and real.read_bytes() == b"new"


def test_replacing_keeps_the_mode_and_new_files_follow_the_umask(tmp_path: Path) -> None:
    kept = tmp_path / "shared.parallax"
    kept.write_bytes(b"old")
    kept.chmod(0o644)
    write_atomic(kept, b"new")
    assert stat.S_IMODE(kept.stat().st_mode) == 0o644
    kept.chmod(0o640)
    write_atomic(kept, b"newer")
    assert stat.S_IMODE(kept.stat().st_mode) == 0o640
    old_mask = os.umask(0o027)
    try:
        fresh = tmp_path / "fresh.json"
        write_atomic(fresh, b"{}")
    finally:
        os.umask(old_mask)
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o640  # 0o666 & ~0o027


def test_save_refuses_what_load_would_refuse(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    import parallax.core.workspace as workspace_module

    workspace = sample_workspace()
    size = len(workspace.to_json().encode("utf-8"))
    monkeypatch.setattr(workspace_module, "MAX_WORKSPACE_BYTES", size - 1)
    target = tmp_path / "big.parallax"
    target.write_text("previous", encoding="utf-8")
    with pytest.raises(WorkspaceError, match="too large to save"):
        workspace.save(target)
    assert target.read_text(encoding="utf-8") == "previous"
    monkeypatch.setattr(workspace_module, "MAX_WORKSPACE_BYTES", size)
    workspace.save(target)
    assert Workspace.load(target).original == workspace.original
    assert MAX_WORKSPACE_BYTES == 256 * 1024 * 1024


def test_load_refuses_a_fifo_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "w.parallax"
    os.mkfifo(fifo)
    with pytest.raises(WorkspaceError, match="not a regular file"):
        Workspace.load(fifo)


def test_deeply_nested_workspace_is_one_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "deep.parallax"
    path.write_text('{"format": "parallax-workspace", "version": 1, "original": '
                    + "[" * 100_000 + "]" * 100_000 + "}", encoding="utf-8")
    with pytest.raises(WorkspaceError, match="nested too deeply"):
        Workspace.load(path)


@pytest.mark.parametrize(("name", "value"), [
    ("min_score", "high"), ("min_score", 5), ("min_score", float("nan")),
    ("min_score", float("inf")), ("min_score", -0.1), ("min_score", True),
    ("ignore_case", "yes"), ("pivot_lang", ""), ("pivot_lang", "x" * 1000),
])
def test_settings_are_type_and_range_checked(tmp_path: Path, name: str, value: object) -> None:
    data = sample_workspace().to_dict()
    data["settings"][name] = value
    path = tmp_path / "w.parallax"
    path.write_text(json.dumps(data), encoding="utf-8")  # NaN/Infinity as Python's json writes
    with pytest.raises(WorkspaceError, match=name):
        Workspace.load(path)


def test_valid_settings_still_load(tmp_path: Path) -> None:
    data = sample_workspace().to_dict()
    data["settings"].update(min_score=1, ignore_case=False)
    path = tmp_path / "w.parallax"
    path.write_text(json.dumps(data), encoding="utf-8")
    settings = Workspace.load(path).settings
    assert settings.min_score == 1.0 and isinstance(settings.min_score, float)
    assert settings.ignore_case is False


def test_temporary_files_of_killed_saves_are_cleaned(tmp_path: Path) -> None:
    target = tmp_path / "w.parallax"
    old = tmp_path / ".w.parallax.abc123.tmp"  # a save killed an hour ago
    old.write_bytes(b"half a workspace")
    os.utime(old, (0, 0))
    fresh = tmp_path / ".w.parallax.def456.tmp"  # another process saving right now
    fresh.write_bytes(b"in progress")
    other = tmp_path / ".other.parallax.abc.tmp"
    other.write_bytes(b"not ours")
    os.utime(other, (0, 0))
    sample_workspace().save(target)
    assert not old.exists() and fresh.exists() and other.exists()
