"""Loaders: encodings, HTML, DOCX, the seed's layout, and bad input."""

from __future__ import annotations

import html
import io
import zipfile
from datetime import datetime
from pathlib import Path

import pytest
import zhconv
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from parallax.core.errors import (
    EmptyArticleError,
    FileTooLargeError,
    InputError,
    UnsupportedFormatError,
)
from parallax.core.loaders import decode_bytes, load_html, load_path, load_text, parse_timestamp


def sentence_texts(path: Path) -> list[str]:
    return [s.text for s in load_path(path).sentences]


def test_seed_parses_title_outlet_date_language(seed_path: Path) -> None:
    article = load_path(seed_path)
    assert article.title == "“逮捕令”已发出,美组建50国联盟打俄,普京此刻乘专机离国,意义非凡"
    assert article.outlet == "小海棠说事"
    assert article.published == datetime(2024, 9, 4, 11, 34, 2)
    assert article.lang == "zh"
    assert article.sentence_count == 45
    assert len(article.paragraphs) == 11


def test_seed_boilerplate_is_dropped(seed_path: Path) -> None:
    article = load_path(seed_path)
    assert "阅读" not in article.body
    assert "简介" not in article.body
    assert "小海棠说事" not in article.body
    assert article.body.endswith("未来,全球范围内的地缘政治博弈将变得更加激烈和不可预测。")


@pytest.mark.parametrize("encoding", ["gb18030", "gbk", "utf-16", "utf-16-le", "utf-8-sig"])
def test_same_sentences_in_other_encodings(
    seed_path: Path, seed_text: str, tmp_path: Path, encoding: str
) -> None:
    target = tmp_path / f"seed-{encoding}.txt"
    data = seed_text.encode(encoding)
    if encoding == "utf-16-le":  # no BOM at all: detection has to work it out
        assert not data.startswith(b"\xff\xfe")
    target.write_bytes(data)
    article = load_path(target)
    assert [s.text for s in article.sentences] == sentence_texts(seed_path)
    assert article.outlet == "小海棠说事"


def test_big5_traditional_conversion_parses_to_the_same_sentences(
    seed_path: Path, seed_text: str, tmp_path: Path
) -> None:
    traditional = zhconv.convert(seed_text, "zh-tw")
    target = tmp_path / "seed-big5.txt"
    target.write_bytes(traditional.encode("big5", errors="strict"))
    article = load_path(target)
    assert article.lang == "zh-Hant"
    simplified = [zhconv.convert(s.text, "zh-cn") for s in article.sentences]
    assert len(simplified) == 45
    # Conversion is not perfectly reversible word by word; the sentence boundaries are.
    original = sentence_texts(seed_path)
    assert [s[-1] for s in simplified] == [s[-1] for s in original]
    assert article.published == datetime(2024, 9, 4, 11, 34, 2)


def seed_as_html(seed_text: str, extra: str = "") -> str:
    lines = [ln for ln in seed_text.splitlines() if ln.strip()]
    title, byline, *rest = lines
    paragraphs = "\n".join(f"<p>{html.escape(p)}</p>" for p in rest[:-3])
    boiler = "\n".join(f"<div class='footer'>{html.escape(p)}</div>" for p in rest[-3:])
    return f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{html.escape(title)}</title>
<style>p {{ color: red }}</style>
<script>document.write("<p>注入的句子。</p>"); alert(1);</script></head>
<body><nav><a href="/">首页</a> <a href="/news">新闻</a></nav>
<article><h1>{html.escape(title)}</h1>
<div class="byline">{html.escape(byline)}</div>
{paragraphs}
</article>{extra}
<footer>{boiler}</footer>
<script>var x = "恶意脚本。";</script>
</body></html>"""


def test_html_gives_the_same_sentences(seed_path: Path, seed_text: str, tmp_path: Path) -> None:
    target = tmp_path / "seed.html"
    target.write_text(seed_as_html(seed_text), encoding="utf-8")
    article = load_path(target)
    assert [s.text for s in article.sentences] == sentence_texts(seed_path)
    assert article.title == load_path(seed_path).title
    assert "alert" not in article.body and "恶意脚本" not in article.body
    assert "注入的句子" not in article.body
    assert "<" not in article.body


def test_html_in_gb18030_with_meta_charset(seed_path: Path, seed_text: str, tmp_path: Path) -> None:
    page = seed_as_html(seed_text).replace('charset="utf-8"', 'charset="gb2312"')
    target = tmp_path / "seed-gb.htm"
    target.write_bytes(page.encode("gb18030"))
    assert sentence_texts(target) == sentence_texts(seed_path)


def test_docx(seed_path: Path, seed_text: str, tmp_path: Path) -> None:
    import docx

    lines = [ln for ln in seed_text.splitlines() if ln.strip()]
    document = docx.Document()
    document.add_heading(lines[0], level=0)
    for line in lines[1:]:
        document.add_paragraph(line)
    target = tmp_path / "seed.docx"
    document.save(str(target))
    article = load_path(target)
    assert article.title == lines[0]
    assert article.outlet == "小海棠说事"
    assert [s.text for s in article.sentences] == sentence_texts(seed_path)


def test_markdown_headings_and_emphasis(tmp_path: Path) -> None:
    target = tmp_path / "report.md"
    target.write_text(
        "# Putin visits Mongolia\n\nWire desk 2024-09-03 08:00\n\n"
        "Russian President **Vladimir Putin** arrived in Mongolia. "
        "The [ICC](https://icc-cpi.int) has issued a warrant.\n",
        encoding="utf-8",
    )
    article = load_path(target)
    assert article.title == "Putin visits Mongolia"
    assert article.outlet == "Wire desk"
    assert article.lang == "en"
    assert [s.text for s in article.sentences] == [
        "Russian President Vladimir Putin arrived in Mongolia.",
        "The ICC has issued a warrant.",
    ]


def test_language_detection() -> None:
    assert load_text("Путин прибыл в Монголию. Визит длился два дня.").lang == "ru"
    assert load_text("Putin arrived in Mongolia. The visit lasted two days.").lang == "en"
    assert load_text("普京抵達蒙古國進行訪問。國際刑事法院對其發出逮捕令。").lang == "zh-Hant"
    assert load_text("普京抵达蒙古国进行访问。国际刑事法院对其发出逮捕令。").lang == "zh"


def test_pasted_text_without_headline_gets_a_title() -> None:
    article = load_text("普京抵达蒙古国进行访问。国际刑事法院对其发出逮捕令。")
    assert article.title == "普京抵达蒙古国进行访问。"
    assert article.sentence_count == 2


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-09-04 11:34:02", datetime(2024, 9, 4, 11, 34, 2)),
        ("2024/9/4 11:34", datetime(2024, 9, 4, 11, 34)),
        ("2024年9月4日", datetime(2024, 9, 4)),
        ("2024-13-40", None),
        ("yesterday", None),
    ],
)
def test_parse_timestamp(value: str, expected: datetime | None) -> None:
    assert parse_timestamp(value) == expected


# ---- bad input ---------------------------------------------------------------------------


def test_empty_file(tmp_path: Path) -> None:
    target = tmp_path / "empty.txt"
    target.write_bytes(b"")
    with pytest.raises(EmptyArticleError, match="empty"):
        load_path(target)


def test_whitespace_only_file(tmp_path: Path) -> None:
    target = tmp_path / "blank.txt"
    target.write_text(" \n\n\u3000\n", encoding="utf-8")
    with pytest.raises(EmptyArticleError):
        load_path(target)


def test_binary_file(tmp_path: Path) -> None:
    target = tmp_path / "program.txt"
    target.write_bytes(bytes(range(256)) * 64)
    with pytest.raises(InputError, match="not a text file"):
        load_path(target)


def test_twenty_megabyte_text(tmp_path: Path) -> None:
    target = tmp_path / "huge.txt"
    target.write_bytes(("俄乌战争再度升级。" * 800_000).encode("utf-8")[: 20 * 1024 * 1024])
    with pytest.raises(FileTooLargeError, match="MB"):
        load_path(target)


def test_invalid_html_without_text(tmp_path: Path) -> None:
    target = tmp_path / "broken.html"
    target.write_text("<html><<<>>><script>alert(1)</script><div></span></html", encoding="utf-8")
    with pytest.raises(EmptyArticleError, match="No article text"):
        load_path(target)


def test_invalid_html_with_text_still_extracts(tmp_path: Path) -> None:
    target = tmp_path / "sloppy.html"
    target.write_text(
        "<html><body><p>普京抵达蒙古国进行访问。<p>国际刑事法院对其发出逮捕令。</div></span>",
        encoding="utf-8",
    )
    article = load_path(target)
    assert [s.text for s in article.sentences] == [
        "普京抵达蒙古国进行访问。",
        "国际刑事法院对其发出逮捕令。",
    ]


def test_truncated_docx(seed_text: str, tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph(seed_text)
    buffer = io.BytesIO()
    document.save(buffer)
    target = tmp_path / "cut.docx"
    target.write_bytes(buffer.getvalue()[: len(buffer.getvalue()) // 2])
    with pytest.raises(InputError, match="Word document"):
        load_path(target)


def test_zip_that_is_not_a_docx(tmp_path: Path) -> None:
    target = tmp_path / "other.docx"
    with zipfile.ZipFile(target, "w") as archive:
        archive.writestr("hello.txt", "hi")
    with pytest.raises(InputError):
        load_path(target)


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="does not exist"):
        load_path(tmp_path / "nope.txt")
    with pytest.raises(InputError, match="folder"):
        load_path(tmp_path)


def test_workspace_file_is_pointed_to_the_right_command(tmp_path: Path) -> None:
    target = tmp_path / "set.parallax"
    target.write_text("{}", encoding="utf-8")
    with pytest.raises(UnsupportedFormatError, match="workspace"):
        load_path(target)


def test_headline_only(tmp_path: Path) -> None:
    target = tmp_path / "title.txt"
    target.write_text("只有标题\n\n小海棠说事 2024-09-04 11:34:02\n\n0 阅读:1\n", encoding="utf-8")
    with pytest.raises(EmptyArticleError):
        load_path(target)


def test_html_string_is_never_executed() -> None:
    article = load_html(
        "<html><head><title>T</title></head><body><p onclick='alert(1)'>"
        "普京抵达蒙古国。</p><img src=x onerror=alert(1)></body></html>"
    )
    assert article.body == "普京抵达蒙古国。"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2048))
def test_arbitrary_bytes_never_escape_as_unexpected_errors(data: bytes) -> None:
    try:
        article = load_text(decode_bytes(data))
    except InputError:
        return
    assert article.sentence_count >= 1
    for sentence in article.sentences:
        assert article.body[sentence.start:sentence.end] == sentence.text


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=500))
def test_arbitrary_text_never_escapes_as_unexpected_errors(text: str) -> None:
    try:
        article = load_text(text)
    except InputError:
        return
    assert article.title or article.sentence_count
