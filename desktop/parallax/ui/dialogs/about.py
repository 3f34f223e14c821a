"""About Parallax: versions of the parts that matter for bug reports, and the licences."""

from __future__ import annotations

import platform
import sys
from importlib import metadata
from pathlib import Path

import PySide6
from PySide6.QtCore import QCoreApplication, Qt, qVersion
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from parallax import __version__
from parallax.core.paths import resources_dir

# Distribution names to try, first found wins (the lite Argos build has its own name).
_DISTRIBUTIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("CTranslate2", ("ctranslate2",)),
    ("Argos Translate", ("argos-translate-lt", "argostranslate", "argos-translate")),
    ("SentencePiece", ("sentencepiece",)),
)
MAX_THIRD_PARTY_BYTES = 512 * 1024


def _dist_version(names: tuple[str, ...]) -> str | None:
    for name in names:
        try:
            return metadata.version(name)
        except metadata.PackageNotFoundError:
            continue
    return None


def component_versions() -> list[tuple[str, str]]:
    """(component, version) for Parallax, Python, Qt, PySide6 and the translation stack."""
    missing = QCoreApplication.translate("AboutDialog", "not installed")
    rows = [
        ("Parallax", __version__),
        ("Python", f"{platform.python_version()} ({platform.python_implementation()})"),
        ("Qt", qVersion()),
        ("PySide6", PySide6.__version__),
    ]
    for label, names in _DISTRIBUTIONS:
        rows.append((label, _dist_version(names) or missing))
    rows.append((QCoreApplication.translate("AboutDialog", "System"),
                 f"{platform.system()} {platform.release()} ({platform.machine()})"))
    return rows


def licence_text() -> str:
    return "\n".join([
        QCoreApplication.translate(
            "AboutDialog", "Parallax is free software under the MIT licence."),
        "",
        QCoreApplication.translate("AboutDialog", "It is built on:"),
        "• Qt 6 and PySide6 (The Qt Company) – LGPL-3.0, dynamically linked.",
        "• Argos Translate – MIT.",
        "• CTranslate2 (OpenNMT) – MIT.",
        "• SentencePiece (Google) – Apache-2.0.",
        "• diff-match-patch (Google) – Apache-2.0.",
        "",
        QCoreApplication.translate("AboutDialog", "Dictionary gloss:"),
        "CC-CEDICT, © MDBG and the CC-CEDICT contributors, https://cc-cedict.org/ – "
        "licensed under Creative Commons Attribution-ShareAlike 4.0 (CC BY-SA 4.0).",
        "",
        QCoreApplication.translate(
            "AboutDialog", "Translation models keep the licences stated in their packages."),
    ])


def third_party_path() -> Path | None:
    """THIRD_PARTY.md in a source tree, an installed wheel or a frozen bundle."""
    resources = resources_dir()
    candidates = [resources / "THIRD_PARTY.md", resources.parent / "THIRD_PARTY.md"]
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        candidates.insert(0, Path(frozen_root) / "THIRD_PARTY.md")
    return next((c for c in candidates if c.is_file()), None)


def third_party_text() -> str | None:
    path = third_party_path()
    if path is None:
        return None
    try:
        with path.open("rb") as handle:
            return handle.read(MAX_THIRD_PARTY_BYTES).decode("utf-8", errors="replace")
    except OSError:
        return None


class AboutDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("About Parallax"))
        self.resize(620, 480)
        heading = QLabel(self)
        heading.setTextFormat(Qt.TextFormat.PlainText)
        heading.setText(self.tr("Parallax {0}").format(__version__) + "\n" + self.tr(
            "Compare a Chinese article with its translations and other outlets' reports."))
        heading.setWordWrap(True)

        self.versions_text = QPlainTextEdit(self)
        self.versions_text.setReadOnly(True)
        rows = component_versions()
        width = max(len(name) for name, _ in rows) + 2
        self.versions_text.setPlainText("\n".join(f"{name:<{width}}{value}"
                                                  for name, value in rows))
        self.licences_text = QPlainTextEdit(self)
        self.licences_text.setReadOnly(True)
        self.licences_text.setPlainText(licence_text())
        self.third_party_text = QPlainTextEdit(self)
        self.third_party_text.setReadOnly(True)
        self.third_party_text.setPlainText(third_party_text() or self.tr(
            "THIRD_PARTY.md was not found in this installation."))

        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.versions_text, self.tr("Versions"))
        self.tabs.addTab(self.licences_text, self.tr("Licences"))
        self.tabs.addTab(self.third_party_text, self.tr("Third-party components"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(buttons)
