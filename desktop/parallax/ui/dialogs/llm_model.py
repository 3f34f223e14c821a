"""The Preferences choice of which registered GGUF model the local LLM engine uses."""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QWidget

from parallax.core.errors import ModelPackageError
from parallax.ui.plain import plain_tooltip

log = logging.getLogger(__name__)


class GgufModelCombo(QComboBox):
    """Registered GGUF models by name, after "the first by name" (""). A saved name that is no
    longer registered stays selectable, marked, so opening Preferences never changes it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.addItem(self.tr("Automatic (the first by name)"), "")
        from parallax.core.translate.gguf_models import list_gguf  # a small JSON file

        try:
            models = list_gguf()
        except ModelPackageError as exc:  # a damaged list: the model manager says so
            log.warning("GGUF models not listed: %s", exc)
            models = []
        for model in models:
            self.addItem(model.name, model.name)
            # A path is text, never markup.
            self.setItemData(self.count() - 1, plain_tooltip(str(model.path)),
                             Qt.ItemDataRole.ToolTipRole)
        self.setToolTip(self.tr("The GGUF model the local LLM engine translates with; add "
                                "models in the model manager"))

    def choose(self, name: str) -> None:
        index = self.findData(name)
        if index < 0:
            self.addItem(self.tr("{0} (not registered)").format(name), name)
            index = self.count() - 1
        self.setCurrentIndex(index)

    def chosen(self) -> str:
        return str(self.currentData() or "")
