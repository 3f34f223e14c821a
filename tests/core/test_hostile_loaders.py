"""Loaders against hostile input, scaled down with the same shape: Markdown built to make
regular expressions backtrack, pages too large or too slow for article extraction, a .docx
that inflates far beyond its size, FIFOs, slow and endless web servers, a UTF-8 file behind a
UTF-16 byte-order mark, and GGUF headers that declare more than the file holds.

The time and memory growth of the big cases is measured by bench/robustness.py, not here."""

from __future__ import annotations

import http.server
import io
import os
import re
import struct
import threading
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import parallax.core.loaders as loaders
from parallax.core.errors import FileTooLargeError, InputError, ModelPackageError
from parallax.core.loaders import (
    decode_bytes,
    fetch_url,
    load_docx_bytes,
    load_html,
    load_path,
    strip_markdown,
)

BODY = "普京抵达蒙古，外界普遍认为这次访问很重要。"

# The regular expressions the linear stripper replaced: the reference for what it must do.
_PREFIX = re.compile(r"^\s{0,3}(#{1,6}\s+|>\s?|[-*+]\s+(?=\S))")
_INLINE = re.compile(r"(\*\*|__|\*|`)(?=\S)(.+?)(?<=\S)\1")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")


def reference_strip(text: str) -> str:
    return "\n".join(_INLINE.sub(r"\2", _LINK.sub(r"\1", _PREFIX.sub("", line)))
                     for line in text.splitlines())


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="*_`[]()!# >-ab中 \t\n", max_size=40))
def test_markdown_stripping_matches_the_regular_expressions(text: str) -> None:
    assert strip_markdown(text) == reference_strip(text)


@pytest.mark.parametrize("line", ["*a " * 3000, "[" * 9000, "**x " * 2000, "`a " * 3000,
                                  "[a](" * 2500, "![" * 4500, "_a " * 3000])
def test_markdown_built_to_backtrack_still_strips(line: str) -> None:
    stripped = strip_markdown(f"# {BODY}\n\n{line}\n\n**{BODY}**")
    assert stripped.startswith(BODY) and stripped.endswith(BODY)


def _page(paragraphs: int) -> str:
    body = "".join(f"<div><p>第{i}段。{BODY}</p></div>" for i in range(paragraphs))
    return f"<html><head><title>普京访问蒙古</title></head><body>{body}</body></html>"


def test_a_page_over_the_extraction_limit_uses_the_plain_extraction(
        monkeypatch: pytest.MonkeyPatch) -> None:
    page = _page(200)
    monkeypatch.setattr(loaders, "HTML_EXTRACT_MAX_CHARS", len(page) // 2)
    article = load_html(page)
    assert article.title == "普京访问蒙古"
    assert article.sentence_count >= 200


def test_a_slow_extraction_falls_back_to_plain_text(monkeypatch: pytest.MonkeyPatch) -> None:
    release = threading.Event()

    def stuck(html: str) -> object:
        release.wait(30)  # stands in for trafilatura on a page it is quadratic on
        return None

    monkeypatch.setattr(loaders, "_bare_extraction", stuck)
    monkeypatch.setattr(loaders, "HTML_EXTRACT_SECONDS", 0.2)
    try:
        article = load_html(_page(20))
    finally:
        release.set()
    assert article.title == "普京访问蒙古" and article.sentence_count >= 20


def _docx(paragraph_xml: str) -> bytes:
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    document = (f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{w}"><w:body>'
                f"{paragraph_xml}</w:body></w:document>")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", document)
    return buffer.getvalue()


def _para(text: str, style: str = "") -> str:
    props = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    return f"<w:p>{props}<w:r><w:t>{text}</w:t></w:r></w:p>"


def test_docx_is_streamed_with_title_and_body() -> None:
    article = load_docx_bytes(_docx(_para("普京访问蒙古", "Title") + _para(BODY) * 3),
                              source="a.docx")
    assert article.title == "普京访问蒙古" and article.sentence_count == 3


def test_docx_that_inflates_past_the_limit_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    data = _docx(_para(BODY) + "<w:p><w:r><w:t>" + "啊" * 200_000 + "</w:t></w:r></w:p>")
    assert len(data) < 20_000  # compresses to almost nothing, like a bomb
    monkeypatch.setattr(loaders, "DOCX_MAX_XML_BYTES", 100_000)
    with pytest.raises(FileTooLargeError, match="unpacked"):
        load_docx_bytes(data, source="bomb.docx")


def test_docx_entities_are_not_expanded() -> None:
    laughs = ('<!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>')
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    document = (f'<?xml version="1.0"?>{laughs}<w:document xmlns:w="{w}"><w:body>'
                f"{_para(BODY)}{_para('&b;&b;')}</w:body></w:document>")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        zf.writestr("word/document.xml", document)
    article = load_docx_bytes(buffer.getvalue(), source="e.docx")
    assert "aaaaaaaaaa" not in "".join(s.text for s in article.iter_sentences())


@pytest.mark.parametrize("data", [b"PK\x03\x04broken", _docx(_para(BODY))[:-30],
                                  _docx("<w:p><w:r><w:t>unclosed")])
def test_damaged_docx_is_one_clear_error(data: bytes) -> None:
    with pytest.raises(InputError, match="Word document"):
        load_docx_bytes(data, source="d.docx")


def test_a_fifo_is_refused_instead_of_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "article.txt"
    os.mkfifo(fifo)
    with pytest.raises(InputError, match="not a regular file"):
        load_path(fifo)


def test_utf8_behind_a_utf16_mark_is_read_as_utf8() -> None:
    assert decode_bytes(b"\xff\xfe" + BODY.encode("utf-8")) == BODY
    assert decode_bytes(b"\xff\xfe" + BODY.encode("utf-16-le")) == BODY


class _Server(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        page = _page(3).encode("utf-8")
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.end_headers()
        if self.path == "/drip":
            for _ in range(200):  # a byte now and then: no single read ever times out
                self.wfile.write(b" ")
                self.wfile.flush()
                time.sleep(0.05)
        elif self.path == "/endless":
            for _ in range(10_000):
                self.wfile.write(b"<p>" + b"x" * 4096 + b"</p>")
        else:
            self.wfile.write(page)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture()
def server() -> Iterator[str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Server)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_url_fetch_has_an_overall_deadline_and_a_size_cap(server: str) -> None:
    with pytest.raises(InputError, match="too slow"):
        fetch_url(f"{server}/drip", timeout=0.5)
    with pytest.raises(FileTooLargeError):
        fetch_url(f"{server}/endless", timeout=5, limit=256 * 1024)
    assert fetch_url(f"{server}/page", timeout=5).title == "普京访问蒙古"


def test_a_url_given_as_a_path_is_fetched_not_mangled(server: str) -> None:
    assert load_path(f"{server}/page").source == f"{server}/page"


# ---- GGUF headers ----------------------------------------------------------------------------

def _header(tensors: int, fields: bytes, count: int) -> bytes:
    return b"GGUF" + struct.pack("<IQQ", 3, tensors, count) + fields


def _key(name: str) -> bytes:
    return struct.pack("<Q", len(name)) + name.encode()


def test_a_gguf_declaring_a_billion_element_array_is_refused_at_once(tmp_path: Path) -> None:
    from parallax.core.translate.gguf_models import check_gguf_header, inspect_gguf

    fields = _key("tokenizer.ggml.tokens") + struct.pack("<IIQ", 9, 8, 10**9)
    path = tmp_path / "bomb.gguf"
    path.write_bytes(_header(0, fields, 1).ljust(132, b"\0"))
    with pytest.raises(ModelPackageError, match="beyond the end of the file"):
        check_gguf_header(path)
    with pytest.raises(ModelPackageError, match="beyond the end of the file"):
        inspect_gguf(path)


@pytest.mark.parametrize("header", [
    _header(10**12, b"", 0),  # a trillion tensors
    _header(0, _key("k") + struct.pack("<IQ", 8, 2**63), 1),  # a string longer than the file
    _header(0, _key("k") + struct.pack("<IIQ", 9, 4, 2**62), 1),  # count * size overflows
    _header(0, _key("k") + struct.pack("<I", 99), 1),  # unknown type
    b"GGUF" + struct.pack("<I", 1) + b"\0" * 40,  # version 1
])
def test_hostile_gguf_headers_are_one_clear_error(tmp_path: Path, header: bytes) -> None:
    from parallax.core.translate.gguf_models import check_gguf_header

    path = tmp_path / "h.gguf"
    path.write_bytes(header)
    with pytest.raises(ModelPackageError):
        check_gguf_header(path)


def test_every_cut_of_a_real_gguf_header_is_refused_cleanly(tmp_path: Path) -> None:
    from parallax.core.translate.gguf_models import check_gguf_header, inspect_gguf
    from support.gguf_model import write_tiny_llama

    model = write_tiny_llama(tmp_path / "tiny.gguf")
    check_gguf_header(model)
    assert inspect_gguf(model).architecture == "llama"
    data = model.read_bytes()
    cut = tmp_path / "cut.gguf"
    for length in range(0, 4000, 97):
        cut.write_bytes(data[:length])
        with pytest.raises(ModelPackageError):
            inspect_gguf(cut)


@pytest.mark.parametrize("page", ["<body><![CDATA[", "<!-- only a comment -->", "<?pi x?>"])
def test_pages_that_parse_to_no_element_are_a_clear_error(page: str) -> None:
    with pytest.raises(InputError):  # found by the fuzz suite: lxml's root was a comment
        load_html(page)


def test_deep_json_elsewhere_is_a_clear_error(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    from parallax.core.article import Article
    from parallax.core.translate import gguf_models

    deep = "[" * 100_000 + "]" * 100_000
    with pytest.raises(InputError, match="nested too deeply"):
        Article.from_json(deep)
    registry = tmp_path / "gguf-models.json"
    registry.write_text(deep, encoding="utf-8")
    monkeypatch.setattr(gguf_models, "registry_path", lambda: registry)
    with pytest.raises(ModelPackageError, match="damaged"):
        gguf_models.list_gguf()
