"""The command line, the window's document and the self-test compare the sample alike: one
pipeline, so one comparison JSON (the gloss as the only engine, no embedding model)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from parallax.cli import main
from parallax.core.compare_json import comparison_to_json
from parallax.core.comparison import Comparison
from parallax.core.samples import sample_workspace
from parallax.core.translate.gloss import GlossEngine
from parallax.core.workspace import ORIGINAL, Workspace
from parallax.selftest import Pipeline
from parallax.ui.document import WorkspaceDocument


def _json(workspace: Workspace, comparison: Comparison | None) -> Any:
    assert comparison is not None
    return json.loads(json.dumps(comparison_to_json(workspace, comparison), ensure_ascii=False))


def _named_by_file(workspace: Workspace) -> Workspace:
    """The sample's sources named as the command line names them: by their file's name."""
    for source in workspace.sources:
        workspace = workspace.with_updated_source(
            source.id, label=Path(source.article.source or "").name)
    return workspace


def test_cli_window_and_self_test_write_the_same_comparison_json(
    qtbot: QtBot, tmp_path: Path, isolated_home: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("PARALLAX_SEMANTIC", "0")
    sample = sample_workspace()

    # The command line, on the sample's files.
    out = tmp_path / "cli.json"
    arguments = ["compare", str(sample.original.source)]
    for source in sample.sources:
        path = str(source.article.source)
        arguments += ["--translation", path] if source.role == "translation" else [path]
    assert main([*arguments, "--engine", "gloss", "--json", str(out)]) == 0
    capsys.readouterr()
    from_cli = json.loads(out.read_text(encoding="utf-8"))

    # The self-test's own steps, with the gloss as its engine.
    steps = Pipeline(tmp_path)
    steps.load_sample()
    steps.workspace = _named_by_file(steps.workspace)
    steps.engine = GlossEngine()
    steps.translate_workspace()
    steps.compare()
    from_self_test = _json(steps.workspace, steps.comparison)

    # The window's document, comparing the translated workspace in the background.
    document = WorkspaceDocument(steps.workspace)
    qtbot.waitUntil(lambda: document.comparison is not None and not document.comparing,
                    timeout=60_000)
    from_window = _json(document.workspace, document.comparison)

    assert from_cli["original"]["pivot"]["how"] == "version"  # the gloss was set aside
    assert from_cli["engines"][ORIGINAL]["engine"] == "gloss"
    assert from_cli == from_self_test
    assert from_window == from_self_test
