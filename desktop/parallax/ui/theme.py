"""Light and dark themes: Fusion with our own palettes, following the OS unless told otherwise.

Fusion is used everywhere because it honours a QPalette fully on every platform, so a dark
window on Windows or KDE looks the same as on macOS. Views ask `is_dark()` to pick diff colours
and listen to `theme_notifier().changed` to repaint when the OS switches.
"""

from __future__ import annotations

import logging
from typing import Literal

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

log = logging.getLogger(__name__)

ThemeMode = Literal["system", "light", "dark"]
THEME_MODES: tuple[ThemeMode, ...] = ("system", "light", "dark")


class ThemeNotifier(QObject):
    """Emits `changed(dark)` whenever the effective theme changes."""

    changed = Signal(bool)


# The application's theme, one per process: set and watched on the GUI thread only (the
# palette and the notifier are Qt objects of that thread); `is_dark` reads one bool, which any
# thread may do.
_notifier: ThemeNotifier | None = None
_mode: ThemeMode = "system"
_dark = False
_watching = False


def theme_notifier() -> ThemeNotifier:
    global _notifier
    if _notifier is None:
        _notifier = ThemeNotifier()
    return _notifier


def is_dark() -> bool:
    """Whether the theme in use is dark (what views colour against)."""
    return _dark


def system_prefers_dark() -> bool:
    app = QGuiApplication.instance()
    if not isinstance(app, QGuiApplication):
        return False
    return QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark


def light_palette() -> QPalette:
    palette = QPalette()
    roles = {
        QPalette.ColorRole.Window: "#f3f3f3",
        QPalette.ColorRole.WindowText: "#1e1e1e",
        QPalette.ColorRole.Base: "#ffffff",
        QPalette.ColorRole.AlternateBase: "#f5f7fa",
        QPalette.ColorRole.ToolTipBase: "#ffffdc",
        QPalette.ColorRole.ToolTipText: "#1e1e1e",
        QPalette.ColorRole.PlaceholderText: "#7a7a7a",
        QPalette.ColorRole.Text: "#1e1e1e",
        QPalette.ColorRole.Button: "#e9e9e9",
        QPalette.ColorRole.ButtonText: "#1e1e1e",
        QPalette.ColorRole.BrightText: "#d55e00",
        QPalette.ColorRole.Link: "#0072b2",
        QPalette.ColorRole.Highlight: "#0072b2",
        QPalette.ColorRole.HighlightedText: "#ffffff",
        QPalette.ColorRole.Light: "#ffffff",
        QPalette.ColorRole.Midlight: "#e3e3e3",
        QPalette.ColorRole.Mid: "#b8b8b8",
        QPalette.ColorRole.Dark: "#a0a0a0",
        QPalette.ColorRole.Shadow: "#6e6e6e",
    }
    for role, colour in roles.items():
        palette.setColor(role, QColor(colour))
    _disabled(palette, "#9a9a9a")
    return palette


def dark_palette() -> QPalette:
    palette = QPalette()
    roles = {
        QPalette.ColorRole.Window: "#2b2b2b",
        QPalette.ColorRole.WindowText: "#e6e6e6",
        QPalette.ColorRole.Base: "#1e1e1e",
        QPalette.ColorRole.AlternateBase: "#262a2e",
        QPalette.ColorRole.ToolTipBase: "#3a3a3a",
        QPalette.ColorRole.ToolTipText: "#e6e6e6",
        QPalette.ColorRole.PlaceholderText: "#8c8c8c",
        QPalette.ColorRole.Text: "#e6e6e6",
        QPalette.ColorRole.Button: "#353535",
        QPalette.ColorRole.ButtonText: "#e6e6e6",
        QPalette.ColorRole.BrightText: "#f0e442",
        QPalette.ColorRole.Link: "#56b4e9",
        QPalette.ColorRole.Highlight: "#2f6f9f",
        QPalette.ColorRole.HighlightedText: "#ffffff",
        QPalette.ColorRole.Light: "#4a4a4a",
        QPalette.ColorRole.Midlight: "#3d3d3d",
        QPalette.ColorRole.Mid: "#303030",
        QPalette.ColorRole.Dark: "#1a1a1a",
        QPalette.ColorRole.Shadow: "#0d0d0d",
    }
    for role, colour in roles.items():
        palette.setColor(role, QColor(colour))
    _disabled(palette, "#6f6f6f")
    return palette


def _disabled(palette: QPalette, colour: str) -> None:
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text,
                 QPalette.ColorRole.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor(colour))


def apply_theme(mode: ThemeMode = "system") -> bool:
    """Apply `mode` to the running QApplication; returns whether the result is dark."""
    global _mode
    if mode not in THEME_MODES:
        raise ValueError(f"unknown theme {mode!r}; use one of {', '.join(THEME_MODES)}")
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        raise RuntimeError("apply_theme needs a QApplication")
    _mode = mode
    _watch_system(app)
    app.setStyle("Fusion")
    dark = system_prefers_dark() if mode == "system" else mode == "dark"
    _set_dark(app, dark)
    return dark


def _set_dark(app: QApplication, dark: bool) -> None:
    global _dark
    changed = dark != _dark
    _dark = dark
    app.setPalette(dark_palette() if dark else light_palette())
    if changed:
        log.info("theme is now %s", "dark" if dark else "light")
        theme_notifier().changed.emit(dark)


def _watch_system(app: QApplication) -> None:
    global _watching
    if _watching:
        return
    _watching = True

    def on_scheme(_scheme: Qt.ColorScheme) -> None:
        if _mode == "system":
            _set_dark(app, system_prefers_dark())

    QGuiApplication.styleHints().colorSchemeChanged.connect(on_scheme)
