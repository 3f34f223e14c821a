"""`parallax info FILE`: the parsed article, as text or JSON (`-` reads standard input)."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from parallax.cli.output import write_json
from parallax.core.article import Article
from parallax.core.errors import InputError
from parallax.core.loaders import MAX_INPUT_BYTES, decode_bytes, load_html, load_path, load_text


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("info", help="show how an article file is parsed")
    parser.add_argument("file", help="txt, md, html or docx file ('-': text or HTML on "
                                     "standard input)")
    parser.add_argument("--json", action="store_true", help="print the article as JSON")
    parser.set_defaults(func=run)


def article_summary(article: Article) -> dict[str, Any]:
    """The article's public JSON form (title, outlet, published, lang, paragraphs)."""
    return {
        "title": article.title,
        "outlet": article.outlet,
        "published": article.published.isoformat() if article.published else None,
        "lang": article.lang,
        "source": article.source,
        "sentence_count": article.sentence_count,
        "paragraphs": [
            {"index": p.index, "sentences": [{"id": s.id, "text": s.text} for s in p.sentences]}
            for p in article.paragraphs
        ],
    }


def read_stdin() -> Article:
    """Text or HTML piped in (`curl ... | parallax info -`), with the same size limit."""
    data = sys.stdin.buffer.read(MAX_INPUT_BYTES + 1)
    if len(data) > MAX_INPUT_BYTES:
        raise InputError(f"Standard input is larger than {MAX_INPUT_BYTES // 2**20} MB.")
    text = decode_bytes(data, name="standard input")
    if text.lstrip()[:1] == "<":
        return load_html(data, source="-")
    return load_text(text, source="-")


def run(args: argparse.Namespace) -> int:
    article = read_stdin() if args.file == "-" else load_path(args.file)
    if args.json:
        write_json(article_summary(article), None)
        return 0
    print(f"Title:     {article.title}")
    print(f"Outlet:    {article.outlet or '-'}")
    print(f"Published: {article.published.isoformat() if article.published else '-'}")
    print(f"Language:  {article.lang}")
    print(f"Sentences: {article.sentence_count} in {len(article.paragraphs)} paragraphs")
    print()
    for paragraph in article.paragraphs:
        for sentence in paragraph.sentences:
            print(f"[{sentence.id}] {sentence.text}")
        print()
    return 0
