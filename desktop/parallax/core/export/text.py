"""Text hygiene shared by every export: what any file format can hold, and nothing more.

Article text comes from the web and from workspace files anyone can edit, so it may hold
control characters, lone surrogates or NUL bytes that XML, XLSX and PDF writers reject.
"""

from __future__ import annotations

import re

# XML 1.0 allows tab, LF, CR and everything from U+0020 except surrogates and U+FFFE/U+FFFF.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def clean_text(text: str) -> str:
    """`text` without what XML-based formats cannot hold; lone surrogates become U+FFFD."""
    return _NOT_XML.sub(lambda m: "\ufffd" if "\ud800" <= m.group() <= "\udfff" else "", text)


def one_line(text: str) -> str:
    return " ".join(text.split())


def shorten(text: str, limit: int) -> str:
    """`text` cut to `limit` characters, marked with an ellipsis when cut."""
    if len(text) <= limit:
        return text
    return text[: max(0, limit - 1)] + "…"


def defuse_formula(value: str) -> str:
    """Spreadsheets run cells that start with = + - @ as formulas: make them plain text."""
    return "'" + value if value.startswith(_FORMULA_START) else value


def anchor_id(*parts: str) -> str:
    """An id safe in an HTML attribute and a URL fragment, stable for the same parts."""
    out = []
    for part in parts:
        safe = re.sub(r"[^A-Za-z0-9_]", lambda m: f".{ord(m.group()):x}", part)
        out.append(safe or "_")
    return "-".join(out)
