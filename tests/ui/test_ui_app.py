"""The application: screenshots of both modes in both themes (with a font that covers the Chinese
text), the zh_CN translation, the `parallax-gui --screenshot` command and its argument handling."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtGui import QFontMetrics, QImage
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from parallax.core.workspace import ORIGINAL, Workspace
from parallax.ui.app import (
    install_translator,
    open_initial,
    parse_args,
    prepare_screenshot,
    remove_translators,
    save_screenshot,
)
from parallax.ui.fonts import missing_glyphs
from parallax.ui.theme import apply_theme, is_dark

WindowFactory = Callable[..., Any]


def _is_cjk(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff"


@pytest.fixture()
def restore_light_theme(qapp: QApplication) -> Iterator[None]:
    yield
    apply_theme("light")


@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize("mode", ["reading", "segments"])
def test_screenshot_of_each_mode_and_theme_with_chinese_glyphs(
        make_window: WindowFactory, qtbot: QtBot, tmp_path: Path, mode: str, theme: str,
        sample_ws: Workspace, restore_light_theme: None) -> None:
    apply_theme(theme)  # type: ignore[arg-type]
    assert is_dark() is (theme == "dark")
    window = make_window()
    window.set_mode(mode)
    prepare_screenshot(window)
    qtbot.waitUntil(window.is_settled, timeout=20000)
    qtbot.wait(200)  # let the views repaint with the final data, as the command does
    out = tmp_path / f"parallax-{mode}-{theme}.png"
    assert save_screenshot(window, out)
    image = QImage(str(out))
    assert not image.isNull()
    assert (image.width(), image.height()) == (1366, 768)
    # The font the original column really draws with covers every Chinese character of the
    # title (no tofu boxes), whatever the platform's fallback does.
    pane_font = window.columns_view.pane(ORIGINAL).font()
    title_chars = [ch for ch in sample_ws.original.title if _is_cjk(ch)]
    assert title_chars
    metrics = QFontMetrics(pane_font)
    # inFontUcs4 is inFont for a code point: PySide's str -> QChar conversion of inFont()
    # answers False for some characters the font has (逮, U+902E).
    missing = [ch for ch in title_chars if not metrics.inFontUcs4(ord(ch))]
    assert not missing, (pane_font.families(), missing)
    assert missing_glyphs(pane_font, sample_ws.original.title) == []
    assert all(QFontMetrics(window.title_label.font()).inFontUcs4(ord(ch)) for ch in title_chars)
    # The image is kept for a person to look at when a run fails.
    print(f"\nscreenshot: {out}")


def test_the_chinese_translation_translates_the_menus(
        make_window: WindowFactory, qapp: QApplication) -> None:
    try:
        assert install_translator(qapp, QLocale("zh_CN"))
        window = make_window()
        assert window.menus["file"].title() == "文件(&F)"
        assert window.menus["translate"].title() == "翻译(&T)"
        assert window.action("translate_all").text() == "全部翻译(&T)"
        assert window.action("open_article").iconText() == "打开文章"  # toolbar: no mnemonic
    finally:
        remove_translators(qapp)
    english = make_window()
    assert english.menus["file"].title() == "&File"
    assert english.action("open_article").iconText() == "Open Article"


def test_english_locale_needs_no_translation_file(qapp: QApplication) -> None:
    try:
        assert not install_translator(qapp, QLocale("en_US"))
    finally:
        remove_translators(qapp)


def test_arguments() -> None:
    args = parse_args(["a.txt", "b.html", "--screenshot", "out.png", "--mode", "segments",
                       "--theme", "dark", "--lang", "zh_CN"])
    assert [p.name for p in args.files] == ["a.txt", "b.html"]
    assert args.screenshot == Path("out.png")
    assert (args.mode, args.theme, args.lang) == ("segments", "dark", "zh_CN")
    with pytest.raises(SystemExit):
        parse_args(["--mode", "grid"])


def test_open_initial_files_make_the_first_the_original(tmp_path: Path) -> None:
    first = tmp_path / "first.txt"
    first.write_text("标题\n\n第一句。第二句。\n", "utf-8")
    second = tmp_path / "second.txt"
    second.write_text("Headline\n\nOne sentence. Another one.\n", "utf-8")
    workspace, path = open_initial([first, second])
    assert path is None
    assert workspace.original.title == "标题"
    assert [s.role for s in workspace.sources] == ["report"]
    sample, _ = open_initial([])
    assert sample.sources  # the built-in sample comes with its sources


@pytest.mark.slow
def test_parallax_gui_screenshot_command(tmp_path: Path) -> None:
    """The real entry point in a fresh process: opens the sample, waits, writes the PNG."""
    out = tmp_path / "cli.png"
    env = {**os.environ, "PARALLAX_HOME": str(tmp_path / "home"), "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-m", "parallax.ui.app", "--screenshot", str(out), "--mode", "segments",
         "--theme", "dark"],
        env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert QImage(str(out)).width() == 1366
    assert "Traceback" not in result.stderr


@pytest.mark.slow
def test_a_screenshot_run_takes_a_size_and_leaves_the_settings_alone(tmp_path: Path) -> None:
    """`--size WxH` sets the picture's size; the run's mode and window state are not kept as
    the user's (Qt's settings live under XDG_CONFIG_HOME, here the test's own folder)."""
    config = tmp_path / "config"
    config.mkdir()
    out = tmp_path / "small.png"
    env = {**os.environ, "PARALLAX_HOME": str(tmp_path / "home"), "QT_QPA_PLATFORM": "offscreen",
           "XDG_CONFIG_HOME": str(config), "HOME": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-m", "parallax.ui.app", "--screenshot", str(out), "--size", "1280x720",
         "--mode", "segments", "--no-translate"],
        env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1280, 720)
    written = [p for p in config.rglob("*") if p.is_file()]
    assert written == [], written


def test_size_argument() -> None:
    from parallax.ui.app import SCREENSHOT_SIZE

    assert parse_args([]).size == SCREENSHOT_SIZE == (1366, 768)
    assert parse_args(["--size", "1280x720"]).size == (1280, 720)
    assert parse_args(["--size", "1440×900"]).size == (1440, 900)
    for bad in ("1280", "wide", "10x10", "1280x"):
        with pytest.raises(SystemExit):
            parse_args(["--size", bad])


@pytest.mark.slow
def test_parallax_gui_with_a_bad_file_exits_with_a_message(tmp_path: Path) -> None:
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    env = {**os.environ, "PARALLAX_HOME": str(tmp_path / "home"), "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-m", "parallax.ui.app", str(bad), "--screenshot",
         str(tmp_path / "x.png")], env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 2
    assert "empty.txt is empty" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.slow
def test_a_screenshot_run_reports_a_failed_background_task_instead_of_waiting_on_a_dialog(
    tmp_path: Path,
) -> None:
    from dataclasses import replace

    from parallax.core.samples import sample_workspace

    # A report with no sentences loads, but its comparison fails in the background.
    report = replace(sample_workspace().source("src5").article, paragraphs=())
    path = tmp_path / "empty-report.parallax"
    sample_workspace(with_sources=False).with_source(report, "report", "empty").save(path)
    env = {**os.environ, "PARALLAX_HOME": str(tmp_path / "home"), "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-m", "parallax.ui.app", str(path), "--no-translate", "--screenshot",
         str(tmp_path / "x.png")], env=env, capture_output=True, text=True, timeout=240)
    assert result.returncode == 1
    assert "empty has no sentences" in result.stderr
    assert QImage(str(tmp_path / "x.png")).width() == 1366  # the picture is still saved
    assert "Traceback" not in result.stderr


def test_theme_follows_the_system_colour_scheme(
        qapp: QApplication, restore_light_theme: None, monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QPalette

    import parallax.ui.theme as theme

    # The offscreen platform has no colour scheme of its own: stand in for the OS.
    scheme = {"dark": True}
    monkeypatch.setattr(theme, "system_prefers_dark", lambda: scheme["dark"])
    assert apply_theme("system") is True
    assert qapp.palette().color(QPalette.ColorRole.Window).lightness() < 128
    changes: list[bool] = []
    theme.theme_notifier().changed.connect(changes.append)
    scheme["dark"] = False
    QGuiApplication.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Light)
    assert is_dark() is False
    assert changes == [False]
    assert qapp.palette().color(QPalette.ColorRole.Window).lightness() > 128
    # A fixed theme ignores the OS.
    apply_theme("dark")
    scheme["dark"] = False
    QGuiApplication.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Light)
    assert is_dark() is True


def test_unexpected_errors_are_logged_and_shown_without_a_traceback(
        qapp: QApplication, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import logging

    from PySide6.QtWidgets import QMessageBox

    from parallax.ui import app as app_module

    shown: list[str] = []
    def run(box: QMessageBox) -> int:
        shown.append(box.text())
        return int(QMessageBox.StandardButton.Ok.value)

    monkeypatch.setattr(QMessageBox, "exec", run)
    records: list[logging.LogRecord] = []
    handler = logging.Handler()
    handler.emit = records.append  # type: ignore[method-assign,assignment]
    logging.getLogger(app_module.__name__).addHandler(handler)
    try:
        try:
            raise KeyError("boom")
        except KeyError as exc:
            app_module._excepthook(KeyError, exc, exc.__traceback__)
    finally:
        logging.getLogger(app_module.__name__).removeHandler(handler)
    assert len(shown) == 1
    assert "KeyError" in shown[0] and "Traceback" not in shown[0]
    assert any("Traceback" in r.getMessage() for r in records)
