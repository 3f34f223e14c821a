"""Every flag kind is declared once (core.comparison.FLAG_KIND_INFO) and reaches every place
that shows it: a label, a colour, a Chinese label in the catalogue, and the JSON contract."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from parallax.core.comparison import FLAG_KIND_INFO, FLAG_KINDS, FLAG_LABELS, SEVERITIES
from parallax.ui.flags_model import _LABELS_FOR_TRANSLATION
from parallax.ui.palette import FLAG_COLOURS

ROOT = Path(__file__).resolve().parents[2]


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


def test_every_flag_kind_has_a_label_a_severity_a_colour_and_a_chinese_label() -> None:
    chinese = _catalogue("FlagKinds")
    for kind in FLAG_KINDS:
        label = FLAG_LABELS[kind]
        assert FLAG_KIND_INFO[kind].severity in SEVERITIES
        assert kind in FLAG_COLOURS, kind
        assert label in _LABELS_FOR_TRANSLATION, kind  # extracted for the catalogue
        assert chinese.get(label), (kind, label)
    assert set(FLAG_COLOURS) == set(FLAG_KINDS)


def test_every_flag_kind_is_documented_in_the_json_contract() -> None:
    contract = (ROOT / "docs" / "compare-json.md").read_text(encoding="utf-8")
    for kind in FLAG_KINDS:
        assert f"`{kind}`" in contract, kind
    for field in ("severity", "confidence", "count", "also", "report_only"):
        assert f"`{field}`" in contract, field
