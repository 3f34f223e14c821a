"""Fonts for article text: a family that covers Chinese, a user choice in front of it, and zoom.

Qt falls back per glyph only within the families a QFont names, and offscreen (or on a bare
Linux) it may have no fallback at all and draw boxes. So the article font always lists the
user's family first and a CJK-capable family after it.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QFont, QFontDatabase, QFontMetrics, QGuiApplication

log = logging.getLogger(__name__)

# Well-known families that cover Simplified Chinese, best first, on Linux, Windows and macOS.
PREFERRED_CJK = (
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "Microsoft YaHei",
    "Microsoft YaHei UI",
    "PingFang SC",
    "Hiragino Sans GB",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
    "Droid Sans Fallback",
    "SimSun",
)
DEFAULT_POINT_SIZE = 12.0
MIN_POINT_SIZE = 6.0
MAX_POINT_SIZE = 48.0
ZOOM_STEP = 1.0


def cjk_families() -> list[str]:
    """Installed families that declare Simplified Chinese."""
    return list(QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese))


def preferred_cjk_family() -> str | None:
    """The best installed family for Chinese text, or None when none is installed."""
    installed = cjk_families()
    lowered = {f.lower(): f for f in installed}
    for name in PREFERRED_CJK:
        if name.lower() in lowered:
            return lowered[name.lower()]
    # Skip "Mono" variants: proportional text reads better in columns.
    proportional = [f for f in installed if "mono" not in f.lower()]
    choices = proportional or installed
    return choices[0] if choices else None


def article_font(family: str | None = None, point_size: float | None = None) -> QFont:
    """The font for article text: `family` (the user's choice) backed by a CJK family."""
    base = QGuiApplication.font() if QGuiApplication.instance() is not None else QFont()
    font = QFont(base)
    families: list[str] = []
    if family:
        families.append(family)
    cjk = preferred_cjk_family()
    if cjk and cjk not in families:
        families.append(cjk)
    if not families:
        families = list(base.families()) or [base.family()]
    font.setFamilies(families)
    font.setPointSizeF(clamp_size(point_size or DEFAULT_POINT_SIZE))
    return font


def clamp_size(size: float) -> float:
    return max(MIN_POINT_SIZE, min(MAX_POINT_SIZE, size))


def missing_glyphs(font: QFont, text: str) -> list[str]:
    """Characters of `text` that no family of `font` can draw (whitespace ignored)."""
    metrics = QFontMetrics(font)
    missing: list[str] = []
    for ch in text:
        if ch.isspace() or ch in missing:
            continue
        if not metrics.inFontUcs4(ord(ch)) and not _any_family_has(font, ch):
            missing.append(ch)
    return missing


def _any_family_has(font: QFont, ch: str) -> bool:
    for family in font.families():
        single = QFont(font)
        single.setFamilies([family])
        if QFontMetrics(single).inFontUcs4(ord(ch)):
            return True
    return False


class FontZoom(QObject):
    """The article font and its zoom level; `font_changed` fires on every change."""

    font_changed = Signal(QFont)

    def __init__(self, family: str | None = None, point_size: float = DEFAULT_POINT_SIZE,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._family = family
        self._base_size = clamp_size(point_size)
        self._size = self._base_size

    @property
    def point_size(self) -> float:
        return self._size

    @property
    def family(self) -> str | None:
        return self._family

    def font(self) -> QFont:
        return article_font(self._family, self._size)

    def set_family(self, family: str | None) -> None:
        self._family = family or None
        self.font_changed.emit(self.font())

    def set_base_size(self, point_size: float) -> None:
        self._base_size = clamp_size(point_size)
        self._set_size(self._base_size)

    def zoom_in(self) -> None:
        self._set_size(self._size + ZOOM_STEP)

    def zoom_out(self) -> None:
        self._set_size(self._size - ZOOM_STEP)

    def reset(self) -> None:
        self._set_size(self._base_size)

    def _set_size(self, size: float) -> None:
        size = clamp_size(size)
        if size == self._size:
            return
        self._size = size
        self.font_changed.emit(self.font())
