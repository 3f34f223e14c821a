"""Text from articles, packages, file names and errors, shown as text and never as markup.

`QMessageBox`, `QLabel` and tooltips default to `Qt.AutoText`: a string that merely looks like
HTML is rendered, so an article titled `<a href=…>Repair Parallax</a>` would become a live
link and `<img src=file:///…>` would load a local file. Every dialog that may quote such text
is built here with `Qt.PlainText`; tooltips, which have no format switch, get the text escaped
inside markup of our own.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

Button = QMessageBox.StandardButton
Icon = QMessageBox.Icon


def plain_tooltip(text: str) -> str:
    """A tooltip that shows `text` literally (line breaks kept); empty text stays empty."""
    if not text:
        return ""
    return "<qt>" + html.escape(text).replace("\n", "<br>") + "</qt>"


def message_box(parent: QWidget | None, icon: Icon, title: str, text: str,
                buttons: Button = Button.Ok, default: Button = Button.NoButton) -> QMessageBox:
    """A message box whose text is plain text, whatever it contains."""
    box = QMessageBox(icon, title, text, buttons, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    # Plain text has no links, but keep the label from ever following one.
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if default != Button.NoButton:
        box.setDefaultButton(default)
    return box


def run_box(box: QMessageBox) -> Button:
    """Show `box` modally and return the button chosen (tests replace `QMessageBox.exec`)."""
    return Button(box.exec())


def ask(parent: QWidget | None, title: str, text: str,
        buttons: Button = Button.Yes | Button.No, default: Button = Button.Yes) -> Button:
    return run_box(message_box(parent, Icon.Question, title, text, buttons, default))


def warn(parent: QWidget | None, title: str, text: str) -> None:
    run_box(message_box(parent, Icon.Warning, title, text))


def fail(parent: QWidget | None, title: str, text: str) -> None:
    run_box(message_box(parent, Icon.Critical, title, text))
