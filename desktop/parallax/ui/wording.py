"""Messages from the engine, reworded for the window.

Core messages are written for every front end and some name a command (`parallax models
install FILE`); in the window the same step is a menu item. `for_the_window` swaps the command
for the place in the menus, so dialogs never tell a desktop user to type something.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication

_INSTALL_HINT = re.compile(r"\s*\(parallax models install FILE\)")
_ADD_HINT = re.compile(r"Add (?:it again|one) with: parallax models add-gguf FILE")
_ANY_COMMAND = re.compile(r"parallax models [a-z-]+(?: [A-Z]+)?")


def for_the_window(text: str) -> str:
    """`text` with command-line instructions replaced by where the window does the same."""
    install = QCoreApplication.translate("Wording", "(install one in Translate › Model Manager)")
    add = QCoreApplication.translate("Wording", "Add it in Translate › Model Manager")
    menu = QCoreApplication.translate("Wording", "Translate › Model Manager")
    text = _INSTALL_HINT.sub(lambda _m: " " + install, text)
    text = _ADD_HINT.sub(lambda _m: add, text)
    return _ANY_COMMAND.sub(lambda _m: menu, text)
