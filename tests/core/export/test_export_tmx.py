"""TMX 1.4: the structure CAT tools expect, and a round trip through translate-toolkit."""

from __future__ import annotations

import pytest
from lxml import etree
from translate.storage.tmx import tmxfile

from parallax.core.comparison import Comparison, Link
from parallax.core.export import render_export
from parallax.core.export.tmx import build_tmx, tmx_language, tmx_pairs
from parallax.core.segment import make_article
from parallax.core.workspace import ORIGINAL, MachineTranslation, Workspace

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
HEADER_ATTRS = ("creationtool", "creationtoolversion", "segtype", "o-tmf", "adminlang",
                "srclang", "datatype")


def check_tmx_structure(data: bytes) -> etree._Element:
    """What the TMX 1.4 DTD requires, checked by hand (the DTD is not shipped offline)."""
    root = etree.fromstring(data)
    assert root.tag == "tmx" and root.get("version") == "1.4"
    assert [child.tag for child in root] == ["header", "body"]
    header = root.find("header")
    assert header is not None
    for attr in HEADER_ATTRS:
        assert header.get(attr), f"header lacks {attr}"
    assert header.get("segtype") in ("block", "paragraph", "sentence", "phrase")
    body = root.find("body")
    assert body is not None
    for tu in body:
        assert tu.tag == "tu"
        tags = [child.tag for child in tu]
        # note*, prop*, then one or more tuv, in that order
        order = {"note": 0, "prop": 1, "tuv": 2}
        assert tags == sorted(tags, key=order.__getitem__) and tags.count("tuv") >= 1
        for tuv in tu.findall("tuv"):
            assert tuv.get(XML_LANG)
            segs = tuv.findall("seg")
            assert len(segs) == 1 and (segs[0].text or "").strip()
    return root


def test_sample_tmx_structure_and_header(sample_ws: Workspace, sample_cmp: Comparison) -> None:
    root = check_tmx_structure(render_export(sample_ws, sample_cmp, "tmx"))
    header = root.find("header")
    assert header is not None
    assert header.get("creationtool") == "Parallax"
    assert header.get("srclang") == "zh-CN" and header.get("datatype") == "plaintext"
    langs = {tuv.get(XML_LANG) for tuv in root.iter("tuv")}
    assert langs == {"zh-CN", "en"}
    ids = [tu.get("tuid") for tu in root.iter("tu")]
    assert len(ids) == len(set(ids))
    # the machine translation (a hand edit wins), and the human translation sentence by sentence
    assert "mt:s1" in ids and "src1:s45" in ids and "src1:title" in ids
    assert not any(i.startswith("src2:") for i in ids)  # reports only on request


def test_round_trip_through_translate_toolkit(
    sample_ws: Workspace, sample_cmp: Comparison
) -> None:
    data = render_export(sample_ws, sample_cmp, "tmx")
    pairs = tmx_pairs(sample_ws, sample_cmp)
    store = tmxfile.parsestring(data)
    units = [u for u in store.units if u.istranslatable()]
    assert len(units) == len(pairs) > 45
    for unit, pair in zip(units, pairs, strict=True):
        assert unit.source == pair.source_text
        assert unit.gettarget("en") == pair.target_text
    edited = next(u for u in units if u.getid() == "mt:s1")
    assert edited.gettarget("en") == "The Russia-Ukraine war has escalated again."
    assert store.translate("普京此刻乘专机离国", "zh-CN") is None
    assert store.translate(sample_ws.original.sentence("s5").text, "zh-CN") == (
        "At this critical moment, Russian President Putin suddenly announced he will go to "
        "Mongolia.")


def test_reports_on_request_keep_their_languages(
    sample_ws: Workspace, sample_cmp: Comparison
) -> None:
    data = build_tmx(sample_ws, sample_cmp, include_reports=True)
    root = check_tmx_structure(data)
    ids = [tu.get("tuid") for tu in root.iter("tu")]
    assert "src2:s24" in ids and "src5:s38" in ids
    # a Chinese report is no translation of a Chinese original: no zh-CN -> zh-CN units
    assert not any(i.startswith("src4:") for i in ids)
    unit = next(tu for tu in root.iter("tu") if tu.get("tuid") == "src2:s24")
    props = {p.get("type"): p.text for p in unit.findall("prop")}
    assert props == {"x-parallax-origin": "Wire report (sample)", "x-parallax-score": "0.71"}


@pytest.mark.parametrize(("code", "expected"), [
    ("zh", "zh-CN"), ("zh-Hant", "zh-TW"), ("zh_hant", "zh-TW"), ("en", "en"), ("ru", "ru"),
    ("pt-br", "pt-BR"), ("", "und"), ("und", "und"),
])
def test_language_codes(code: str, expected: str) -> None:
    assert tmx_language(code) == expected


def test_traditional_and_russian_sources_with_odd_text() -> None:
    odd = "控制\x00字符\x0b与\ud800孤立代理 <seg>&amp;"
    original = make_article(f"标题{odd}", [f"普京访问蒙古国。{odd}。"], "zh")
    hant = make_article("標題", ["普京訪問蒙古國。第二句。"], "zh-Hant")
    russian = make_article("Заголовок", ["Путин посетил Монголию. Второе предложение."], "ru")
    ws = Workspace(original).with_source(hant, "translation").with_source(russian, "translation")
    ws = ws.with_translation(ORIGINAL, MachineTranslation("gloss", "cedict", "zh", "en",
                                                          {"s2": f"odd {odd}"}, is_gloss=True))
    links = tuple(Link(s, src, s, 0.8) for s in ("s1", "s2") for src in ("src1", "src2"))
    data = build_tmx(ws, Comparison(links))
    root = check_tmx_structure(data)
    langs = {tuv.get(XML_LANG) for tuv in root.iter("tuv")}
    assert langs == {"zh-CN", "zh-TW", "ru", "en"}
    store = tmxfile.parsestring(data)
    by_id = {u.getid(): u for u in store.units}
    assert by_id["src2:s1"].gettarget("ru") == "Путин посетил Монголию."
    assert by_id["src1:title"].gettarget("zh-TW") == "標題"
    assert "<seg>&amp;" in by_id["mt:s2"].source and "\x00" not in by_id["mt:s2"].source
