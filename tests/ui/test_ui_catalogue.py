"""Every user-visible string of the window is in the zh_CN catalogue, translated, and in the
compiled catalogue the app loads: each literal passed to `tr()`, to
`QCoreApplication.translate()` and to the `QT_TR_NOOP` / `QT_TRANSLATE_NOOP` markers (which
carry labels kept in tables, such as the export formats). A label passed to `tr()` as a
variable cannot be found by Qt's lupdate, so it fails here too."""

from __future__ import annotations

import ast
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTranslator

import parallax.ui

UI = Path(parallax.ui.__file__).parent
ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = ROOT / "resources" / "i18n" / "parallax_zh_CN.ts"
COMPILED = CATALOGUE.with_suffix(".qm")

Message = tuple[str, str]  # (context, source text)


def _literal(node: ast.expr) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _name(func: ast.expr) -> str:
    return func.attr if isinstance(func, ast.Attribute) else (
        func.id if isinstance(func, ast.Name) else "")


class _Finder(ast.NodeVisitor):
    """The messages of one module, and the `tr()` calls whose text is not a literal."""

    def __init__(self, where: str) -> None:
        self.where = where
        self.classes: list[str] = []
        self.messages: list[Message] = []
        self.not_literal: list[str] = []

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        self.classes.append(node.name)
        self.generic_visit(node)
        self.classes.pop()

    def visit_Call(self, node: ast.Call) -> None:
        name, args = _name(node.func), node.args
        if name in ("tr", "QT_TR_NOOP") and args:
            text = _literal(args[0])
            if text is None:
                self.not_literal.append(f"{self.where}:{node.lineno}")
            elif self.classes:
                self.messages.append((self.classes[-1], text))
        elif name in ("translate", "QT_TRANSLATE_NOOP") and len(args) >= 2:
            context, text = _literal(args[0]), _literal(args[1])
            if context is not None and text is not None:
                self.messages.append((context, text))
        self.generic_visit(node)


def _modules() -> Iterator[_Finder]:
    for path in sorted(UI.rglob("*.py")):
        finder = _Finder(str(path.relative_to(UI)))
        finder.visit(ast.parse(path.read_text("utf-8"), str(path)))
        yield finder


def _translated() -> dict[Message, str]:
    found: dict[Message, str] = {}
    for context in ET.parse(CATALOGUE).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation is None or translation.get("type") in ("unfinished", "obsolete",
                                                                    "vanished"):
                continue
            if translation.text:
                found[(name, message.findtext("source") or "")] = translation.text
    return found


def _messages() -> list[Message]:
    return sorted({m for finder in _modules() for m in finder.messages})


def test_every_translatable_string_is_a_literal_lupdate_can_find() -> None:
    assert [where for finder in _modules() for where in finder.not_literal] == []


def test_the_finder_sees_the_window_s_strings() -> None:
    messages = _messages()
    assert len(messages) > 300
    assert ("FileActions", "HTML report") in messages  # a label from a table, via its marker
    assert ("MainWindow", "&Open Article…") in messages


def test_every_string_has_a_chinese_translation_in_the_catalogue() -> None:
    translated = _translated()
    assert [m for m in _messages() if m not in translated] == []


def test_the_compiled_catalogue_holds_every_translation(qapp: object) -> None:
    translator = QTranslator()
    if not translator.load(str(COMPILED)):
        pytest.fail(f"cannot load {COMPILED}")
    stale = [m for m in _messages() if not translator.translate(*m)]
    assert stale == [], "run pyside6-lrelease (resources/i18n/README.md)"


def test_translations_keep_their_placeholders() -> None:
    for (context, source), text in _translated().items():
        for n in range(10):
            assert (f"{{{n}}}" in source) == (f"{{{n}}}" in text), (context, source, text)


def test_the_finder_reads_contexts_and_rejects_a_label_in_a_variable() -> None:
    finder = _Finder("example.py")
    finder.visit(ast.parse(
        "class Window:\n"
        "    def build(self, label):\n"
        "        self.tr('Save')\n"
        "        self.tr(label)\n"
        "        QCoreApplication.translate('Other', 'Open')\n"
        "LABELS = (QT_TRANSLATE_NOOP('Table', 'PDF'),)\n"))
    assert finder.messages == [("Window", "Save"), ("Other", "Open"), ("Table", "PDF")]
    assert finder.not_literal == ["example.py:4"]
