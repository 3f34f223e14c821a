"""The window reaches its views through typed attributes, never by a method or signal name in
a string (a typo there would silently do nothing, and mypy could not see it)."""

from __future__ import annotations

import re
from pathlib import Path

import parallax.ui

UI = Path(parallax.ui.__file__).parent
# `_call(view, "set_data", ...)`, `_connect(view, "sentence_activated", ...)` and the like, and
# `getattr(view, "name")` on a view.
BY_NAME = re.compile(r"\b_(?:call|connect)\(|getattr\(\s*(?:self\.)?\w*view\w*\s*,\s*[\"']")


def test_no_view_method_or_signal_is_called_by_its_name_in_a_string() -> None:
    found = [f"{path.relative_to(UI)}:{number}: {line.strip()}"
             for path in sorted(UI.rglob("*.py"))
             for number, line in enumerate(path.read_text("utf-8").splitlines(), 1)
             if BY_NAME.search(line)]
    assert found == []


def test_the_pattern_finds_what_it_is_meant_to() -> None:
    assert BY_NAME.search('_call(view, "set_data", workspace, comparison)')
    assert BY_NAME.search('        _connect(self.flags_navigator, "flag_activated", self._on)')
    assert BY_NAME.search('getattr(view, "show_hover", None)')
    assert not BY_NAME.search("self._connect_document()")
    assert not BY_NAME.search("view.sentence_activated.connect(self.document.select)")


def test_no_project_module_is_imported_by_name_in_the_window() -> None:
    """Plain imports (inside functions where start-up needs it), so mypy sees the types."""
    by_name = re.compile(r"importlib\.import_module\(|import_module\(\s*[\"']parallax")
    found = [f"{path.relative_to(UI)}:{number}: {line.strip()}"
             for path in sorted(UI.rglob("*.py"))
             for number, line in enumerate(path.read_text("utf-8").splitlines(), 1)
             if by_name.search(line)]
    assert found == []
    assert by_name.search('compare = importlib.import_module("parallax.core.compare")')
