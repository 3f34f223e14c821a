"""Files, pasted text and web pages -> `Article`.

Reads txt/md in any common Chinese encoding, HTML (main text extracted, never rendered),
and DOCX. Recognises the layout people paste from the web: a headline line, a byline with
outlet and timestamp, paragraphs, and trailing platform boilerplate, which is dropped.
"""

from __future__ import annotations

import codecs
import io
import logging
import re
import stat
import threading
import time
import zipfile
import zlib
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import IO, Any

from parallax.core.article import Article
from parallax.core.errors import (
    EmptyArticleError,
    FileTooLargeError,
    InputError,
    UnsupportedFormatError,
)
from parallax.core.language import detect_language
from parallax.core.segment import make_article

log = logging.getLogger(__name__)

# News articles are kilobytes; anything this large is the wrong file.
MAX_INPUT_BYTES = 8 * 1024 * 1024
# trafilatura's extraction is not linear on every page: above this much markup, or after this
# long, the plain lxml text extraction (linear, no heuristics) is used instead.
HTML_EXTRACT_MAX_CHARS = 1024 * 1024  # bench/robustness.py: 1.5 M characters took 9 s
HTML_EXTRACT_SECONDS = 15.0
# A .docx is a zip: its document.xml may decompress to far more than the file's size.
DOCX_MAX_XML_BYTES = 64 * 1024 * 1024
URL_DEADLINE_S = 60.0
TEXT_SUFFIXES = frozenset({".txt", ".text", ".md", ".markdown"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".shtml"})
DOCX_SUFFIXES = frozenset({".docx"})
OPENABLE_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | DOCX_SUFFIXES

_DATE = (
    r"(?P<date>\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?"
    r"(?:[ T]+\d{1,2}[:：]\d{2}(?:[:：]\d{2})?)?)"
)
_TIMESTAMP = re.compile(
    r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?"
    r"(?:[ T]+(\d{1,2})[:：](\d{2})(?:[:：](\d{2}))?)?"
)
_BYLINE = re.compile(rf"^(?P<outlet>.*?)[\s|·丨/]*{_DATE}(?P<rest>.*)$")
_TAIL_BOILERPLATE = [
    re.compile(p)
    for p in (
        r"^\d+\s*(阅读|閱讀|浏览|瀏覽|评论|點讚|点赞)\s*[:：]?\s*\d*$",
        r"^(阅读|閱讀|浏览|瀏覽)\s*[:：]?\s*\d+",
        r"^(简介|簡介|作者简介|免责声明|免責聲明|责任编辑|責任編輯|本文来源|来源|原标题|举报|舉報)\s*[:：]",
        r"^(点赞|分享|收藏|评论|举报|关注|關注)(\s+(点赞|分享|收藏|评论|举报|关注))*$",
        r"^(Share|Advertisement|Related|Read more|Follow us|Subscribe)\b.{0,40}$",
        r"^(©|Copyright\b).{0,120}$",
    )
]
_MARKDOWN_PREFIX = re.compile(r"^\s{0,3}(#{1,6}\s+|>\s?|[-*+]\s+(?=\S))")
_EMPHASIS = ("**", "__", "*", "`")  # tried in this order at each position
_SENTENCE_END = tuple("。！？!?.…”\"")


@dataclass(frozen=True)
class Layout:
    title: str
    outlet: str | None
    published: datetime | None
    paragraphs: list[str]
    title_found: bool = True  # False when the title was made up from the first sentence


def load_path(path: str | Path) -> Article:
    """Read any supported file into an `Article`; raises `InputError` with a clear message.

    A string that is an http(s) address is fetched (`Path` would fold its `//` into `/`)."""
    if isinstance(path, str) and re.match(r"^https?://", path, re.IGNORECASE):
        return fetch_url(path)
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".parallax":
        raise UnsupportedFormatError(
            f"{path.name} is a Parallax workspace; open it with File > Open Workspace."
        )
    data = read_limited(path)
    if suffix in DOCX_SUFFIXES or (suffix not in OPENABLE_SUFFIXES and data[:2] == b"PK"):
        return load_docx_bytes(data, source=str(path))
    if suffix in HTML_SUFFIXES:
        return load_html(data, source=str(path))
    if suffix not in TEXT_SUFFIXES and suffix:
        # Unknown suffix: accept it only if it decodes as text.
        log.info("unknown suffix %s, trying it as text", suffix)
    text = decode_bytes(data, name=path.name)
    if suffix not in TEXT_SUFFIXES and _looks_like_html(text):
        return load_html(data, source=str(path))
    return load_text(text, source=str(path), markdown=suffix in {".md", ".markdown"})


def read_limited(path: Path, limit: int = MAX_INPUT_BYTES) -> bytes:
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise InputError(f"{path} is a folder, not a file.")
        if not stat.S_ISREG(info.st_mode):
            # Opening a FIFO blocks until someone writes to it; a device never ends.
            raise InputError(f"{path.name} is not a regular file (a pipe, device or socket).")
        size = info.st_size
        if size > limit:
            raise FileTooLargeError(
                f"{path.name} is {size / 1_048_576:.1f} MB; Parallax opens articles up to "
                f"{limit // 1_048_576} MB."
            )
        with path.open("rb") as handle:
            data = handle.read(min(size, limit) + 1)  # read(n) allocates n bytes up front
    except FileNotFoundError as exc:
        raise InputError(f"{path} does not exist.") from exc
    except IsADirectoryError as exc:
        raise InputError(f"{path} is a folder, not a file.") from exc
    except PermissionError as exc:
        raise InputError(f"No permission to read {path}.") from exc
    except OSError as exc:
        raise InputError(f"Cannot read {path}: {exc.strerror or exc}.") from exc
    if len(data) > limit:
        raise FileTooLargeError(f"{path.name} is larger than {limit // 1_048_576} MB.")
    if not data.strip():
        raise EmptyArticleError(f"{path.name} is empty.")
    return data


_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode_bytes(data: bytes, name: str = "the file") -> str:
    """Decode text in UTF-8/16/32, GB18030/GBK or Big5, detected, never guessed by hand."""
    if len(data) > MAX_INPUT_BYTES:
        raise FileTooLargeError(f"{name} is larger than {MAX_INPUT_BYTES // 1_048_576} MB.")
    text: str | None = None
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            text = _stray_utf16_bom(data, bom, encoding) or data.decode(
                encoding, errors="replace")
            break
    if text is None:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = _detect_and_decode(data, name)
    if _is_binary(text):
        raise InputError(f"{name} is not a text file (it looks like binary data).")
    if not text.strip():
        raise EmptyArticleError(f"{name} holds no text.")
    return text


def _stray_utf16_bom(data: bytes, bom: bytes, encoding: str) -> str | None:
    """UTF-8 text behind a UTF-16 byte-order mark (an editor's mistake), else None.

    Real UTF-16 text of ASCII has a zero in every other byte, and Chinese in UTF-16 is almost
    never valid UTF-8; UTF-8 read as UTF-16 gives mojibake silently, so it is checked first."""
    if encoding != "utf-16":
        return None
    rest = data[len(bom):]
    if b"\x00" in rest:
        return None
    try:
        return rest.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _detect_and_decode(data: bytes, name: str) -> str:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise InputError(f"{name} is not a text file, or its encoding is not one we know.")
    encoding = best.encoding
    # GBK is a subset of GB18030; decode with the superset so no character is lost.
    if encoding in ("gbk", "gb2312"):
        encoding = "gb18030"
    return data.decode(encoding, errors="replace")


def _is_binary(text: str) -> bool:
    sample = text[:65_536]
    if not sample:
        return False
    bad = sum(1 for ch in sample if (ord(ch) < 32 and ch not in "\t\n\r\f\v") or ch == "\ufffd")
    return bad / len(sample) > 0.02


def _looks_like_html(text: str) -> bool:
    head = text[:2048].lstrip().lower()
    return head.startswith(("<!doctype html", "<html", "<?xml")) or "<body" in head


def load_text(text: str, source: str | None = None, markdown: bool = False, *,
              lang: str | None = None) -> Article:
    """Parse pasted or file text into an `Article`.

    `lang`: the language when the caller already knows it (the built-in samples), which skips
    language detection (langdetect loads its profiles for half a second on first use)."""
    if not text or not text.strip():
        raise EmptyArticleError("The text is empty.")
    if len(text) > MAX_INPUT_BYTES:
        raise FileTooLargeError("The text is too long for a news article.")
    if _is_binary(text):
        raise InputError("The text holds binary data, not an article.")
    if markdown:
        text = strip_markdown(text)
    if not any(ch.isalnum() for ch in text):
        raise EmptyArticleError("The text holds no words, only symbols.")
    layout = parse_layout(text)
    return _article_from_layout(layout, source, lang)


def strip_markdown(text: str) -> str:
    """Headings, quotes, list bullets, links/images (their text kept) and emphasis removed.

    Linear in the text: the regular expressions this replaces (a lazy `(.+?)` between emphasis
    marks, `[^]]*` after a bracket) rescanned the rest of the line from every unmatched `*` or
    `[`, so a 99 KB line of them took a minute. Here every search for a closing mark resumes
    where the previous one stopped (`_NextMark`), so each character is looked at a bounded
    number of times.
    """
    lines = []
    for line in text.splitlines():
        line = _MARKDOWN_PREFIX.sub("", line)
        line = _strip_emphasis(_strip_links(line))
        lines.append(line)
    return "\n".join(lines)


class _NextMark:
    """The next position >= start of `mark` in `line` (optionally preceded by a non-space),
    for starts that only grow: a finished search is reused, never repeated."""

    def __init__(self, line: str, mark: str, after_non_space: bool = False) -> None:
        self._line, self._mark, self._after_non_space = line, mark, after_non_space
        self._start, self._found = 0, -2  # answer `_found` holds for starts in [_start, _found]

    def __call__(self, start: int) -> int:
        if self._found == -1 and start >= self._start:
            return -1  # none anywhere after an earlier start: none after this one either
        if self._start <= start <= self._found:
            return self._found
        line, k = self._line, start
        while True:
            k = line.find(self._mark, k)
            if k <= 0 or not self._after_non_space or not line[k - 1].isspace():
                break
            k += 1
        self._start, self._found = start, k
        return k


def _strip_links(line: str) -> str:
    r"""`[text](url)` and `![alt](src)` -> their text, as `!?\[([^\]]*)\]\([^)]*\)` would."""
    if "[" not in line:
        return line
    close_bracket, close_paren = _NextMark(line, "]"), _NextMark(line, ")")
    out: list[str] = []
    i, n = 0, len(line)
    while i < n:
        opener = 2 if line.startswith("![", i) else 1 if line[i] == "[" else 0
        if opener:
            end = close_bracket(i + opener)
            if end >= 0 and line.startswith("(", end + 1):
                stop = close_paren(end + 2)
                if stop >= 0:
                    out.append(line[i + opener:end])
                    i = stop + 1
                    continue
        out.append(line[i])
        i += 1
    return "".join(out)


def _strip_emphasis(line: str) -> str:
    """`**b**`, `__b__`, `*i*` and `` `c` `` -> their text (a closer must follow a non-space)."""
    if not any(mark in line for mark in ("*", "_", "`")):
        return line
    closers = {mark: _NextMark(line, mark, after_non_space=True) for mark in _EMPHASIS}
    out: list[str] = []
    i, n = 0, len(line)
    while i < n:
        for mark in _EMPHASIS:
            size = len(mark)
            if line.startswith(mark, i) and i + size < n and not line[i + size].isspace():
                end = closers[mark](i + size + 1)
                if end >= 0:
                    out.append(line[i + size:end])
                    i = end + size
                    break
        else:
            out.append(line[i])
            i += 1
    return "".join(out)


def _blocks(text: str) -> list[str]:
    """Paragraphs: runs of lines separated by blank lines, inner line breaks kept as lines."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u3000", " ")
    blocks: list[str] = []
    for chunk in re.split(r"\n\s*\n", text):
        lines = [ln.strip() for ln in chunk.split("\n") if ln.strip()]
        blocks.extend(lines)
    return blocks


def parse_layout(text: str) -> Layout:
    """Headline, byline, paragraphs and boilerplate of text as people save it from the web."""
    blocks = _blocks(text)
    if not blocks:
        raise EmptyArticleError("The text holds no article.")
    title = ""
    if len(blocks) > 1 and _looks_like_headline(blocks[0]):
        title = blocks.pop(0)
    outlet: str | None = None
    published: datetime | None = None
    for i in range(min(2, len(blocks))):
        byline = _parse_byline(blocks[i])
        if byline is not None:
            outlet, published = byline
            del blocks[i]
            break
    blocks = _drop_tail_boilerplate(blocks, outlet)
    if not blocks:
        raise EmptyArticleError("The text has a headline but no article body.")
    found = bool(title)
    if not title:
        title = _fallback_title(blocks[0])
    return Layout(title, outlet, published, blocks, title_found=found)


def _looks_like_headline(line: str) -> bool:
    return len(line) <= 120 and not line.endswith(("。", ".", "！", "!", "…", "；", ";"))


def _fallback_title(first: str) -> str:
    end = min((first.find(c) for c in "。！？!?." if c in first), default=-1)
    title = first[: end + 1] if 0 < end < 80 else first[:60]
    return title.strip()


def _parse_byline(line: str) -> tuple[str | None, datetime | None] | None:
    if len(line) > 80:
        return None
    match = _BYLINE.match(line)
    if not match or len(match.group("rest").strip()) > 20:
        return None
    published = parse_timestamp(match.group("date"))
    if published is None:
        return None
    outlet = match.group("outlet").strip(" |·丨/-—:：") or None
    return outlet, published


def parse_timestamp(value: str) -> datetime | None:
    """`2024-09-04 11:34:02`, `2024/9/4 11:34`, `2024年9月4日` -> datetime, else None."""
    match = _TIMESTAMP.match(value.strip())
    if not match:
        return None
    parts = [int(p) if p else 0 for p in match.groups()]
    try:
        return datetime(parts[0], parts[1], parts[2], parts[3], parts[4], parts[5])
    except ValueError:
        return None


def _drop_tail_boilerplate(blocks: list[str], outlet: str | None) -> list[str]:
    blocks = list(blocks)
    while blocks:
        last = blocks[-1]
        if (outlet and last == outlet) or any(p.search(last) for p in _TAIL_BOILERPLATE):
            blocks.pop()
        else:
            break
    return blocks


def _article_from_layout(layout: Layout, source: str | None,
                         lang: str | None = None) -> Article:
    if lang is None:
        lang = detect_language(layout.title + "\n" + "\n".join(layout.paragraphs))
    article = make_article(
        layout.title,
        layout.paragraphs,
        lang,
        outlet=layout.outlet,
        published=layout.published,
        source=source,
    )
    if article.sentence_count == 0:
        raise EmptyArticleError("The text holds no sentences.")
    return article


def load_html(data: bytes | str, source: str | None = None) -> Article:
    """Extract the article from a web page. The page is parsed, never rendered or executed."""
    html = data if isinstance(data, str) else decode_html_bytes(data)
    if len(html) > MAX_INPUT_BYTES:
        raise FileTooLargeError(
            f"The web page is larger than {MAX_INPUT_BYTES // 1_048_576} MB; it is not an article.")
    title, outlet, published, text = _extract_html(html)
    if not any(ch.isalnum() for ch in text):
        raise EmptyArticleError("No article text was found in the web page.")
    layout = parse_layout(text)
    paragraphs = layout.paragraphs
    # Pages repeat the headline in the text; keep one.
    if title and layout.title_found and _normalise(layout.title) != _normalise(title):
        paragraphs = [p for p in [layout.title, *paragraphs] if p]
        if paragraphs and _normalise(paragraphs[0]) == _normalise(title):
            paragraphs = paragraphs[1:]
    final = Layout(
        title=title or layout.title,
        outlet=layout.outlet or outlet,
        published=layout.published or published,
        paragraphs=paragraphs,
    )
    if not final.paragraphs:
        raise EmptyArticleError("The web page has a title but no article text.")
    return _article_from_layout(final, source)


def _normalise(text: str) -> str:
    return re.sub(r"\W+", "", text).lower()


def decode_html_bytes(data: bytes) -> str:
    head = data[:4096].decode("ascii", errors="ignore").lower()
    declared = re.search(r"charset=[\"']?([a-z0-9_\-]+)", head)
    if declared and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        name = declared.group(1)
        if name in ("gbk", "gb2312"):
            name = "gb18030"
        try:
            return data.decode(name)
        except (LookupError, UnicodeDecodeError):
            pass
    return decode_bytes(data, name="the web page")


def _bare_extraction(html: str) -> Any:
    import trafilatura

    try:
        return trafilatura.bare_extraction(
            html,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            include_images=False,
            include_links=False,
            favor_recall=True,
        )
    except Exception as exc:  # the extractor raises many types on broken markup
        log.warning("trafilatura failed: %s", exc)
        return None


def _bounded_extraction(html: str) -> Any:
    """trafilatura's result, or None when the page is too large or the extractor too slow.

    The extractor cannot be interrupted, so it runs in a daemon thread that is abandoned after
    `HTML_EXTRACT_SECONDS` (it finishes, or dies with the process, on its own)."""
    if len(html) > HTML_EXTRACT_MAX_CHARS:
        log.info("page of %d characters: plain text extraction", len(html))
        return None
    result: list[Any] = []
    worker = threading.Thread(target=lambda: result.append(_bare_extraction(html)),
                              name="html-extraction", daemon=True)
    worker.start()
    worker.join(HTML_EXTRACT_SECONDS)
    if worker.is_alive() or not result:
        log.warning("article extraction took over %.0f s: plain text extraction instead",
                    HTML_EXTRACT_SECONDS)
        return None
    return result[0]


def _extract_html(html: str) -> tuple[str, str | None, datetime | None, str]:
    title: str = ""
    outlet: str | None = None
    published: datetime | None = None
    text = ""
    doc = _bounded_extraction(html)
    if doc is not None:
        data = doc if isinstance(doc, dict) else doc.as_dict()
        title = str(data.get("title") or "")
        outlet = data.get("sitename") or data.get("author") or None
        date = data.get("date")
        published = parse_timestamp(str(date)) if date else None
        text = str(data.get("text") or "")
        # Paragraph breaks come out as single newlines; make them explicit.
        text = text.replace("\n", "\n\n")
    if not text.strip():
        text = _html_text_fallback(html)
        if not title:
            title = _html_title(html)
    return title.strip(), outlet, published, text


def _html_title(html: str) -> str:
    from lxml import etree
    from lxml import html as lxml_html

    try:
        root = lxml_html.fromstring(html)
    except (etree.ParserError, ValueError):
        return ""
    if not isinstance(root.tag, str):
        return ""
    found = root.find(".//title")
    return " ".join((found.text_content() if found is not None else "").split())[:300]


def _html_text_fallback(html: str) -> str:
    """Visible text of broken markup: scripts, styles and tags removed, nothing executed."""
    from lxml import etree
    from lxml import html as lxml_html

    try:
        root = lxml_html.fromstring(html)
    except (etree.ParserError, ValueError):
        return ""
    if not isinstance(root.tag, str):
        return ""  # the whole "page" parsed as a comment or processing instruction
    for bad in root.xpath("//script|//style|//noscript|//template|//iframe|//object"):
        bad.drop_tree()
    blocks = [
        " ".join(el.text_content().split())
        for el in root.iter("p", "h1", "h2", "h3", "li", "div", "td")
        if el.text_content().strip() and not el.xpath(".//p|.//div")
    ]
    if not blocks:
        blocks = [" ".join(root.text_content().split())]
    return "\n\n".join(b for b in blocks if b)


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_DOCX_MAIN = "word/document.xml"


def load_docx_bytes(data: bytes, source: str | None = None) -> Article:
    """Read a Word document's body paragraphs; a damaged or oversized file gives a clear error.

    The document XML is streamed (`iterparse`, each paragraph dropped once read) with a limit
    on its decompressed size and on the text collected, so a small zip that inflates to
    hundreds of megabytes neither fills memory nor takes minutes."""
    name = Path(source).name if source else "the document"
    unreadable = f"{name} is not a readable Word document (it may be truncated)."
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            try:
                info = zf.getinfo(_DOCX_MAIN)
            except KeyError as exc:
                raise InputError(unreadable) from exc
            if info.flag_bits & 0x1:
                raise InputError(f"{name} is password-protected; save it without a password.")
            if info.file_size > DOCX_MAX_XML_BYTES:
                raise FileTooLargeError(
                    f"{name} holds {info.file_size / 1_048_576:,.0f} MB of document text when "
                    f"unpacked; Parallax opens documents up to "
                    f"{DOCX_MAX_XML_BYTES // 1_048_576} MB.")
            with zf.open(info) as stream:
                paragraphs = _docx_paragraphs(stream, name)
    except InputError:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, zlib.error,
            RuntimeError, NotImplementedError, ValueError) as exc:
        raise InputError(unreadable) from exc
    title = ""
    lines: list[str] = []
    for style, text in paragraphs:
        text = text.strip()
        if not text:
            continue
        if not title and not lines and style.lower().startswith(("title", "heading")):
            title = text
            continue
        lines.append(text)
    if not lines:
        raise EmptyArticleError(f"{name} holds no text.")
    text = "\n\n".join(([title] if title else []) + lines)
    return load_text(text, source=source)


def _docx_paragraphs(stream: IO[bytes], name: str) -> list[tuple[str, str]]:
    """(style id, text) of each body paragraph, streamed; runs are freed as they are read."""
    from lxml import etree

    paragraphs: list[tuple[str, str]] = []
    pieces: list[str] = []
    style = ""
    collected = 0
    tags = (f"{_W}t", f"{_W}tab", f"{_W}br", f"{_W}cr", f"{_W}pStyle", f"{_W}r", f"{_W}p")
    events = etree.iterparse(stream, events=("end",), tag=tags, resolve_entities=False,
                             no_network=True, huge_tree=False, remove_comments=True)
    try:
        for _, element in events:
            tag = element.tag
            if tag == f"{_W}t":
                pieces.append(element.text or "")
                collected += len(element.text or "")
            elif tag == f"{_W}tab":
                pieces.append("\t")
            elif tag in (f"{_W}br", f"{_W}cr"):
                pieces.append("\n")
            elif tag == f"{_W}pStyle":
                style = str(element.get(f"{_W}val") or "")
            elif tag == f"{_W}p":
                parent = element.getparent()
                # Body paragraphs only, as Word's reading order has them (not table cells).
                if parent is not None and parent.tag == f"{_W}body":
                    paragraphs.append((style, "".join(pieces)))
                pieces, style = [], ""
            if collected > MAX_INPUT_BYTES:
                raise FileTooLargeError(f"{name} holds more text than a news article.")
            if tag in (f"{_W}r", f"{_W}p"):
                element.clear()
                # Drop what is finished, so memory stays at one paragraph.
                parent = element.getparent()
                while parent is not None and element.getprevious() is not None:
                    del parent[0]
    except etree.XMLSyntaxError as exc:
        raise InputError(f"{name} is not a readable Word document ({exc.msg}).") from exc
    return paragraphs


def fetch_url(url: str, timeout: float = 20.0, limit: int = MAX_INPUT_BYTES) -> Article:
    """Download a page the user asked for (the only network access besides model downloads).

    `timeout` bounds each socket operation, which a server dripping a byte at a time never
    hits, so the whole download (headers included) also has a deadline: it runs in a daemon
    thread that is abandoned when the deadline passes, and the body is capped at `limit`."""
    if not re.match(r"^https?://", url, re.IGNORECASE):
        raise InputError("Only http:// and https:// addresses can be opened.")
    allowed = max(timeout, min(URL_DEADLINE_S, timeout * 3))
    deadline = time.monotonic() + allowed
    outcome: list[bytes | BaseException] = []

    def download() -> None:
        try:
            outcome.append(_download(url, timeout, limit, deadline))
        except BaseException as exc:  # handed to the caller's thread, raised there
            outcome.append(exc)

    worker = threading.Thread(target=download, name="url-fetch", daemon=True)
    worker.start()
    worker.join(allowed + 1.0)
    if not outcome:
        raise InputError(f"Could not fetch {url}: the server is too slow "
                         f"(gave up after {allowed:.0f} s).")
    result = outcome[0]
    if isinstance(result, InputError):
        raise result
    if isinstance(result, BaseException):
        reason = getattr(result, "reason", result)
        raise InputError(f"Could not fetch {url}: {reason}.") from result
    if not result.strip():
        raise EmptyArticleError(f"The page at {url} is empty.")
    return load_html(result, source=url)


def _download(url: str, timeout: float, limit: int, deadline: float) -> bytes:
    import urllib.request

    request = urllib.request.Request(url, headers={"User-Agent": "Parallax/0.1"})
    chunks: list[bytes] = []
    received = 0
    with urllib.request.urlopen(request, timeout=timeout) as response:
        while time.monotonic() < deadline:
            chunk = response.read1(64 * 1024)
            if not chunk:
                return b"".join(chunks)
            chunks.append(chunk)
            received += len(chunk)
            if received > limit:
                raise FileTooLargeError(
                    f"The page at {url} is larger than {limit // 1_048_576} MB.")
    raise InputError(f"Could not fetch {url}: the server is too slow.")
