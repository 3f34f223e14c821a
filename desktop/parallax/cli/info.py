"""`parallax info FILE`: the parsed article, as text or JSON."""

from __future__ import annotations

import argparse
from typing import Any

from parallax.cli.output import write_json
from parallax.core.article import Article
from parallax.core.loaders import load_path


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("info", help="show how an article file is parsed")
    parser.add_argument("file", help="txt, md, html or docx file")
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


def run(args: argparse.Namespace) -> int:
    article = load_path(args.file)
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
