"""Workspace: the .parallax file format, atomic saves and damaged files."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from parallax.core.errors import WorkspaceError
from parallax.core.loaders import load_path, load_text
from parallax.core.workspace import (
    FORMAT_VERSION,
    ORIGINAL,
    MachineTranslation,
    Settings,
    Workspace,
    write_atomic,
)


@pytest.fixture()
def workspace(seed_path: Path) -> Workspace:
    original = load_path(seed_path)
    report = load_text(
        "Putin visits Mongolia\n\nWire 2024-09-03 10:00\n\n"
        "Russian President Vladimir Putin arrived in Mongolia. The ICC wants him arrested."
    )
    ws = Workspace(original).with_source(report, "report", "Wire")
    mt = MachineTranslation("argos", "argos 1.0 zh-en", "zh", "en",
                            {"s1": "The war escalates.", "title": "Warrant issued"})
    return ws.with_translation(ORIGINAL, mt).with_edit(ORIGINAL, "s1", "The war escalated again.")


def test_save_and_reopen_identically(workspace: Workspace, tmp_path: Path) -> None:
    path = tmp_path / "set.parallax"
    workspace.save(path)
    again = Workspace.load(path)
    assert again == workspace
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["format"] == "parallax-workspace"
    assert data["version"] == FORMAT_VERSION


def test_edits_never_overwrite_machine_output(workspace: Workspace) -> None:
    assert workspace.translation_text(ORIGINAL, "s1") == "The war escalated again."
    assert workspace.translations[ORIGINAL].texts["s1"] == "The war escalates."
    reverted = workspace.with_edit(ORIGINAL, "s1", None)
    assert reverted.translation_text(ORIGINAL, "s1") == "The war escalates."


def test_sources_add_remove_reorder(workspace: Workspace) -> None:
    ws = workspace.with_source(workspace.original, "translation", "Draft")
    assert [s.id for s in ws.sources] == ["src1", "src2"]
    ws = ws.with_source_order(["src2", "src1"])
    assert [s.id for s in ws.sources] == ["src2", "src1"]
    ws = ws.without_source("src2")
    assert [s.id for s in ws.sources] == ["src1"]
    assert ws.with_source(workspace.original, "report").sources[-1].id == "src2"
    with pytest.raises(ValueError):
        ws.with_source_order(["src9"])


def test_save_is_atomic_when_the_disk_fails(
    workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "set.parallax"
    workspace.save(path)
    before = path.read_bytes()

    def full_disk(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    with pytest.raises(WorkspaceError, match="No space left"):
        workspace.with_edit(ORIGINAL, "s2", "changed").save(path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["set.parallax"]  # no temp file left


def test_unwritable_folder(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(WorkspaceError, match="Could not save"):
        write_atomic(blocker / "sub" / "set.parallax", b"{}")


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"\x00\x01\x02garbage",
        b"{not json",
        b"[]",
        json.dumps({"format": "something-else", "version": 1}).encode(),
        json.dumps({"format": "parallax-workspace"}).encode(),
        json.dumps({"format": "parallax-workspace", "version": 1}).encode(),
        json.dumps(
            {"format": "parallax-workspace", "version": 1, "original": {"title": 1}}
        ).encode(),
    ],
)
def test_corrupt_workspace_is_a_clear_error(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "bad.parallax"
    path.write_bytes(content)
    with pytest.raises(WorkspaceError):
        Workspace.load(path)


def test_truncated_workspace(workspace: Workspace, tmp_path: Path) -> None:
    path = tmp_path / "cut.parallax"
    workspace.save(path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(WorkspaceError, match="damaged"):
        Workspace.load(path)


def test_newer_format_is_refused_politely(workspace: Workspace, tmp_path: Path) -> None:
    data = workspace.to_dict()
    data["version"] = FORMAT_VERSION + 1
    path = tmp_path / "new.parallax"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(WorkspaceError, match="newer Parallax"):
        Workspace.load(path)


@pytest.mark.parametrize("engine", ["gloss", 3, "x" * 1000, None])
def test_an_older_files_settings_engine_is_ignored(
        workspace: Workspace, tmp_path: Path, engine: object) -> None:
    # Earlier versions saved which engine to use; the user's preference decides that now.
    data = workspace.with_settings(min_score=0.45).to_dict()
    data["settings"]["engine"] = engine
    path = tmp_path / "old.parallax"
    path.write_text(json.dumps(data), encoding="utf-8")
    loaded = Workspace.load(path)
    assert loaded.settings == Settings(min_score=0.45)
    loaded.save(path)
    assert "engine" not in json.loads(path.read_text(encoding="utf-8"))["settings"]


def test_settings_hold_the_comparison_options_and_nothing_else() -> None:
    assert set(Settings().to_dict()) == {"pivot_lang", "min_score", "ignore_case",
                                         "ignore_punctuation", "ignore_whitespace",
                                         "translate_on_open"}
