"""Render resources/icons/parallax.svg to the PNG sizes, .ico and .icns the installers use.

Run after editing the SVG: `python build_scripts/make_icons.py`. The outputs are committed so a
build never needs Qt's image plugins at packaging time.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSize, Qt  # Qt reads QT_QPA_PLATFORM when the app starts
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parents[1] / "resources" / "icons"
SVG = ICONS / "parallax.svg"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def render(renderer: QSvgRenderer, size: int) -> QImage:
    image = QImage(QSize(size, size), QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    return image


def main() -> int:
    _app = QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        raise SystemExit(f"cannot read {SVG}")
    for size in PNG_SIZES:
        target = ICONS / f"parallax-{size}.png"
        if not render(renderer, size).save(str(target), "PNG"):
            raise SystemExit(f"cannot write {target}")
    # Windows wants a multi-size .ico; Qt's ico writer takes the largest it supports (256).
    if not render(renderer, 256).save(str(ICONS / "parallax.ico"), "ICO"):
        raise SystemExit("cannot write parallax.ico (Qt's ico image plugin missing?)")
    if not render(renderer, 512).save(str(ICONS / "parallax.icns"), "ICNS"):
        raise SystemExit("cannot write parallax.icns (Qt's icns image plugin missing?)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
