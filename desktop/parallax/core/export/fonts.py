"""Finding a font that draws Chinese, for documents that embed their fonts (the PDF report).

fontconfig answers on Linux (`fc-list :lang=zh`); the usual system fonts are tried by path on
Windows and macOS. Every candidate is opened with fontTools and must really map Han
characters: `fc-match :lang=zh` happily returns a Latin font when no CJK font is installed.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from parallax.core.errors import ExportError

log = logging.getLogger(__name__)

_PROBE = (0x666E, 0x4EAC, 0x4FC4)  # 普 京 俄: if these are drawn, the article is
_KNOWN_PATHS = (
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "C:/Windows/Fonts/msyh.ttc",
    "C:/Windows/Fonts/simhei.ttf",
    "C:/Windows/Fonts/simsun.ttc",
    "/System/Library/Fonts/PingFang.ttc",
    "/System/Library/Fonts/STHeiti Light.ttc",
    "/Library/Fonts/Arial Unicode.ttf",
)
NO_FONT_MESSAGE = (
    "No font that can draw Chinese was found, so the PDF cannot be written. Install one "
    "(on Debian/Ubuntu: sudo apt install fonts-wqy-microhei) or export HTML instead."
)


@dataclass(frozen=True)
class FontFace:
    path: Path
    index: int = 0  # face number inside a .ttc collection


def _covers(face: FontFace, codepoints: tuple[int, ...]) -> bool:
    from fontTools.ttLib import TTFont  # type: ignore[import-untyped]

    try:
        with TTFont(str(face.path), fontNumber=face.index, lazy=True) as font:
            cmap = font.getBestCmap() or {}
            # fpdf2 embeds TrueType outlines most reliably; CFF-only fonts are a last resort
            return all(cp in cmap for cp in codepoints) and "glyf" in font
    except Exception as exc:  # a broken or unsupported font file is simply not a candidate
        log.debug("font %s#%d unusable: %s", face.path, face.index, exc)
        return False


def _fontconfig(pattern: str) -> list[FontFace]:
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return []
    try:
        result = subprocess.run(
            [fc_list, "-f", "%{file}|%{index}\n", pattern],
            capture_output=True, text=True, timeout=20, check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return []
    faces = []
    # regular faces first: a report set in a bold or italic face by accident reads badly
    styled = ("bold", "italic", "oblique", "light", "condensed", "mono")
    lines = sorted(result.stdout.splitlines(),
                   key=lambda line: (any(w in line.lower() for w in styled), line))
    for line in lines:
        path, _, index = line.partition("|")
        if path:
            faces.append(FontFace(Path(path), int(index) if index.isdigit() else 0))
    return faces


def find_font(codepoints: tuple[int, ...] = _PROBE, pattern: str = ":lang=zh",
              known: tuple[str, ...] | None = None) -> FontFace | None:
    """The first installed face that maps every code point, or None."""
    paths = _KNOWN_PATHS if known is None else known
    candidates = _fontconfig(pattern) + [FontFace(Path(p)) for p in paths]
    for face in candidates:
        if face.path.is_file() and _covers(face, codepoints):
            return face
    return None


def cjk_font(path: str | None = None) -> FontFace:
    """The Chinese font to embed: the one the user named, else one found on the system."""
    if path is not None:
        face = FontFace(Path(path))
        if not face.path.is_file():
            raise ExportError(f"The font file {path} does not exist.")
        if not _covers(face, _PROBE):
            raise ExportError(f"The font {face.path.name} cannot draw Chinese characters "
                              "(or is not a TrueType font); choose another font.")
        return face
    found = find_font()
    if found is None:
        raise ExportError(NO_FONT_MESSAGE)
    return found


def cyrillic_font() -> FontFace | None:
    """A fallback for scripts a CJK font may lack (Russian reports), when one is installed."""
    return find_font((0x0416, 0x044F, 0x00E9), ":lang=ru",
                     ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
                      "C:/Windows/Fonts/arial.ttf", "/Library/Fonts/Arial Unicode.ttf"))
