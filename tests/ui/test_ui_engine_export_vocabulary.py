"""Every engine (core.translate.engines.ENGINE_NAMES) and every export format
(core.export.FORMATS) is declared once and reaches every place that offers it: the CLI's
choices, the window (Preferences' engine list, the Export menu) with a Chinese label, and
the documentation."""

from __future__ import annotations

import argparse
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from parallax.cli import build_parser
from parallax.core.export import DESCRIPTIONS, FORMATS, SUFFIXES
from parallax.core.translate.engines import ENGINE_LABELS, ENGINE_NAMES
from parallax.ui.dialogs.preferences import PreferencesDialog
from parallax.ui.file_actions import EXPORT_LABELS
from parallax.ui.preferences import ENGINES

ROOT = Path(__file__).resolve().parents[2]
WindowFactory = Callable[..., Any]


def _catalogue(context: str) -> dict[str, str]:
    tree = ET.parse(ROOT / "resources" / "i18n" / "parallax_zh_CN.ts")
    found: dict[str, str] = {}
    for ctx in tree.getroot().iter("context"):
        if ctx.findtext("name") != context:
            continue
        for message in ctx.iter("message"):
            translation = message.find("translation")
            if translation is not None and translation.get("type") != "unfinished":
                found[message.findtext("source") or ""] = translation.text or ""
    return found


def _choices(command: str, option: str) -> tuple[str, ...]:
    parser = build_parser()
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            sub = action.choices[command]
            for option_action in sub._actions:
                if option in option_action.option_strings:
                    return tuple(option_action.choices or ())
    raise AssertionError(f"parallax {command} has no {option}")


def _synopsis(option: str) -> set[str]:
    """The values the README's command synopsis lists for `option a|b|c`."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    lists = re.findall(rf"{re.escape(option)} ([a-z|]+)", readme)
    return {value for found in lists for value in found.split("|")}


def test_every_engine_is_a_cli_choice_in_preferences_and_documented(
        qtbot: QtBot, tmp_path: Path) -> None:
    assert set(ENGINE_LABELS) == set(ENGINE_NAMES)
    for command in ("translate", "compare"):
        assert _choices(command, "--engine") == ENGINE_NAMES, command
    assert ENGINES == ENGINE_NAMES
    dialog = PreferencesDialog(settings=QSettings(str(tmp_path / "p.ini"),
                                                  QSettings.Format.IniFormat))
    qtbot.addWidget(dialog)
    offered = [dialog.engine_combo.itemData(i) for i in range(dialog.engine_combo.count())]
    assert offered == list(ENGINE_NAMES)
    chinese = _catalogue("PreferencesDialog")
    for engine, label in dialog._engine_labels().items():
        assert chinese.get(label), (engine, label)  # the window's own, translated, label
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert _synopsis("--engine") >= set(ENGINE_NAMES)
    for engine in ENGINE_NAMES:
        assert f"`{engine}`" in readme or f"--engine {engine}" in readme, engine


def test_every_export_format_is_a_cli_choice_a_menu_entry_and_documented(
        make_window: WindowFactory) -> None:
    assert set(SUFFIXES) == set(DESCRIPTIONS) == set(FORMATS)
    assert _choices("export", "--format") == FORMATS
    window = make_window()
    menu = [a.objectName() for a in window.export_menu.actions()]
    assert menu == [f"export_{fmt}" for fmt in FORMATS]
    chinese = _catalogue("FileActions")
    assert set(EXPORT_LABELS) == set(FORMATS)
    for fmt in FORMATS:
        assert chinese.get(EXPORT_LABELS[fmt]), fmt
    table = (ROOT / "docs" / "export-formats.md").read_text(encoding="utf-8")
    documented = re.findall(r"^\| `([a-z]+)` \|", table, re.MULTILINE)
    assert documented == list(FORMATS)
    assert _synopsis("--format") == set(FORMATS)
