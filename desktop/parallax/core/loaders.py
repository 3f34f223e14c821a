"""Files, pasted text and web pages -> `Article`.

Reads txt/md in any common Chinese encoding, HTML (main text extracted, never rendered),
and DOCX. Recognises the layout people paste from the web: a headline line, a byline with
outlet and timestamp, paragraphs, and trailing platform boilerplate, which is dropped.
"""

from __future__ import annotations

import codecs
import logging
import re
import stat
import zipfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

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
_MARKDOWN_INLINE = re.compile(r"(\*\*|__|\*|`)(?=\S)(.+?)(?<=\S)\1")
_MARKDOWN_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_SENTENCE_END = tuple("。！？!?.…”\"")


@dataclass(frozen=True)
class Layout:
    title: str
    outlet: str | None
    published: datetime | None
    paragraphs: list[str]
    title_found: bool = True  # False when the title was made up from the first sentence


def load_path(path: str | Path) -> Article:
    """Read any supported file into an `Article`; raises `InputError` with a clear message."""
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
            data = handle.read(limit + 1)
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
            text = data.decode(encoding, errors="replace")
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
    lines = []
    for line in text.splitlines():
        line = _MARKDOWN_PREFIX.sub("", line)
        line = _MARKDOWN_LINK.sub(r"\1", line)
        line = _MARKDOWN_INLINE.sub(r"\2", line)
        lines.append(line)
    return "\n".join(lines)


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


def _extract_html(html: str) -> tuple[str, str | None, datetime | None, str]:
    import trafilatura

    title: str = ""
    outlet: str | None = None
    published: datetime | None = None
    text = ""
    try:
        doc = trafilatura.bare_extraction(
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
        doc = None
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
    return title.strip(), outlet, published, text


def _html_text_fallback(html: str) -> str:
    """Visible text of broken markup: scripts, styles and tags removed, nothing executed."""
    from lxml import etree
    from lxml import html as lxml_html

    try:
        root = lxml_html.fromstring(html)
    except (etree.ParserError, ValueError):
        return ""
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


def load_docx_bytes(data: bytes, source: str | None = None) -> Article:
    """Read a Word document's paragraphs; a damaged file gives a clear error."""
    import io

    import docx
    from docx.opc.exceptions import PackageNotFoundError

    name = Path(source).name if source else "the document"
    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError) as exc:
        raise InputError(f"{name} is not a readable Word document (it may be truncated).") from exc
    except Exception as exc:  # python-docx surfaces lxml and zip errors of many kinds
        raise InputError(f"{name} could not be read as a Word document: {exc}.") from exc
    title = ""
    lines: list[str] = []
    for para in document.paragraphs:
        text = para.text.strip()
        if not text:
            continue
        style = (para.style.name if para.style is not None else "") or ""
        if not title and not lines and style.lower().startswith(("title", "heading")):
            title = text
            continue
        lines.append(text)
    if not lines:
        raise EmptyArticleError(f"{name} holds no text.")
    text = "\n\n".join(([title] if title else []) + lines)
    return load_text(text, source=source)


def fetch_url(url: str, timeout: float = 20.0, limit: int = MAX_INPUT_BYTES) -> Article:
    """Download a page the user asked for (the only network access besides model downloads)."""
    import urllib.error
    import urllib.request

    if not re.match(r"^https?://", url, re.IGNORECASE):
        raise InputError("Only http:// and https:// addresses can be opened.")
    request = urllib.request.Request(url, headers={"User-Agent": "Parallax/0.1"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            data = response.read(limit + 1)
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        raise InputError(f"Could not fetch {url}: {getattr(exc, 'reason', exc)}.") from exc
    if len(data) > limit:
        raise FileTooLargeError(f"The page at {url} is larger than {limit // 1_048_576} MB.")
    return load_html(data, source=url)
