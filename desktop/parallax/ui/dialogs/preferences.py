"""The Preferences dialog: appearance, translation and comparison defaults."""

from __future__ import annotations

import importlib
import logging

from PySide6.QtCore import QCoreApplication, QSettings, Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from parallax.ui.plain import plain_tooltip
from parallax.ui.preferences import (
    BEAM_SIZE_RANGE,
    ENGINES,
    FONT_SIZE_RANGE,
    THEMES,
    THREADS_RANGE,
    Preferences,
    load_preferences,
    save_preferences,
)
from parallax.ui.tasks import Task
from parallax.ui.wording import for_the_window

log = logging.getLogger(__name__)


def engine_notes() -> dict[str, str]:
    """Per engine, why it cannot run here (empty when it can, or when nobody can tell yet)."""
    try:
        engines = importlib.import_module("parallax.core.translate.engines")
        available = engines.available_engines()
    except Exception:  # the registry is optional: no notes rather than no dialog
        log.debug("engine registry unavailable", exc_info=True)
        return {}
    notes: dict[str, str] = {}
    listed = set()
    for entry in available if isinstance(available, list | tuple) else []:
        name = str(getattr(entry, "name", ""))
        listed.add(name)
        if name and not bool(getattr(entry, "available", True)):
            notes[name] = for_the_window(str(getattr(entry, "reason", "")))
    if "llm" not in listed:
        notes["llm"] = QCoreApplication.translate(
            "PreferencesDialog",
            "The local LLM engine is not part of this installation of Parallax.")
    return notes


class PreferencesDialog(QDialog):
    """Edits `Preferences`; OK saves them to QSettings (the shell then applies them)."""

    def __init__(self, parent: QWidget | None = None, settings: QSettings | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Preferences"))
        self._settings = settings
        current = load_preferences(settings)

        self.theme_combo = QComboBox(self)
        theme_names = {"system": self.tr("Follow the system"), "light": self.tr("Light"),
                       "dark": self.tr("Dark")}
        for theme in THEMES:
            self.theme_combo.addItem(theme_names[theme], theme)
        self.font_combo = QComboBox(self)
        self.font_combo.addItem(self.tr("Automatic (a font with Chinese)"), "")
        chinese = set(QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese))
        for family in QFontDatabase.families():
            label = f"{family}  ✓中文" if family in chinese else family
            self.font_combo.addItem(label, family)
        self.font_size = QDoubleSpinBox(self)
        self.font_size.setRange(*FONT_SIZE_RANGE)
        self.font_size.setSingleStep(1.0)
        self.font_size.setDecimals(1)
        self.font_size.setSuffix(self.tr(" pt"))

        self.translate_on_open = QCheckBox(self.tr("Translate articles when they are opened"),
                                           self)
        self.engine_combo = QComboBox(self)
        # Its entries grow (" – not available") once the engines have been asked.
        self.engine_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        engine_names = {"argos": self.tr("Argos Translate (offline neural)"),
                        "gloss": self.tr("Dictionary gloss (word by word)"),
                        "llm": self.tr("Local LLM (GGUF model)")}
        self._engine_names = engine_names
        self._notes: dict[str, str] = {}
        for engine in ENGINES:
            self.engine_combo.addItem(engine_names[engine], engine)
        self.beam_size = QSpinBox(self)
        self.beam_size.setRange(*BEAM_SIZE_RANGE)
        self.beam_size.setToolTip(self.tr("Larger beams translate slightly better, more slowly"))
        self.threads = QSpinBox(self)
        self.threads.setRange(*THREADS_RANGE)
        self.threads.setSpecialValueText(self.tr("Automatic"))

        self.min_score = QDoubleSpinBox(self)
        self.min_score.setRange(0.0, 1.0)
        self.min_score.setSingleStep(0.05)
        self.min_score.setDecimals(2)
        self.min_score.setToolTip(self.tr("Links weaker than this count as no counterpart"))
        self.ignore_case = QCheckBox(self.tr("Ignore case"), self)
        self.ignore_punctuation = QCheckBox(self.tr("Ignore punctuation"), self)
        self.ignore_whitespace = QCheckBox(self.tr("Ignore whitespace"), self)

        appearance = QGroupBox(self.tr("Appearance"), self)
        form = QFormLayout(appearance)
        form.addRow(self.tr("Theme"), self.theme_combo)
        form.addRow(self.tr("Article font"), self.font_combo)
        form.addRow(self.tr("Font size"), self.font_size)
        translation = QGroupBox(self.tr("Translation"), self)
        form = QFormLayout(translation)
        form.addRow(self.translate_on_open)
        form.addRow(self.tr("Engine"), self.engine_combo)
        form.addRow(self.tr("Beam size"), self.beam_size)
        form.addRow(self.tr("Threads"), self.threads)
        comparison = QGroupBox(self.tr("Comparison"), self)
        form = QFormLayout(comparison)
        form.addRow(self.tr("Minimum link score"), self.min_score)
        form.addRow(self.ignore_case)
        form.addRow(self.ignore_punctuation)
        form.addRow(self.ignore_whitespace)
        self.engine_note = QLabel(self)
        self.engine_note.setTextFormat(Qt.TextFormat.PlainText)  # notes quote engine errors
        self.engine_note.setWordWrap(True)
        self.engine_combo.currentIndexChanged.connect(self._show_engine_note)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
            | QDialogButtonBox.StandardButton.RestoreDefaults, self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.buttons.clicked.connect(self._button_clicked)

        layout = QVBoxLayout(self)
        layout.addWidget(appearance)
        layout.addWidget(translation)
        layout.addWidget(self.engine_note)
        layout.addWidget(comparison)
        layout.addWidget(self.buttons)
        self.set_preferences(current)
        # Asking engines whether they can run may import optional packages: not here.
        Task(self, lambda ctx: engine_notes(), self.set_engine_notes,
                    key=f"preferences-engines-{id(self)}").run()

    def set_preferences(self, prefs: Preferences) -> None:
        self.theme_combo.setCurrentIndex(max(0, self.theme_combo.findData(prefs.theme)))
        index = self.font_combo.findData(prefs.font_family)
        if index < 0:  # a family no longer installed: keep it selectable
            self.font_combo.addItem(prefs.font_family, prefs.font_family)
            index = self.font_combo.count() - 1
        self.font_combo.setCurrentIndex(index)
        self.font_size.setValue(prefs.font_size)
        self.translate_on_open.setChecked(prefs.translate_on_open)
        self.engine_combo.setCurrentIndex(max(0, self.engine_combo.findData(prefs.engine)))
        self.beam_size.setValue(prefs.beam_size)
        self.threads.setValue(prefs.threads)
        self.min_score.setValue(prefs.min_score)
        self.ignore_case.setChecked(prefs.ignore_case)
        self.ignore_punctuation.setChecked(prefs.ignore_punctuation)
        self.ignore_whitespace.setChecked(prefs.ignore_whitespace)
        self._show_engine_note()

    def set_engine_notes(self, notes: dict[str, str]) -> None:
        """Mark engines that cannot run here, with the reason as tooltip and note."""
        self._notes = dict(notes)
        for index in range(self.engine_combo.count()):
            engine = str(self.engine_combo.itemData(index))
            label = self._engine_names.get(engine, engine)
            note = self._notes.get(engine)
            self.engine_combo.setItemText(
                index, label + self.tr(" – not available") if note is not None else label)
            self.engine_combo.setItemData(index, plain_tooltip(note or ""),
                                          Qt.ItemDataRole.ToolTipRole)
        # The longer entries must fit: the dialog grows rather than cutting them off.
        self.engine_combo.setMinimumWidth(self.engine_combo.sizeHint().width())
        self._show_engine_note()

    def preferences(self) -> Preferences:
        """What the dialog shows now."""
        return Preferences(
            theme=self.theme_combo.currentData(),
            font_family=str(self.font_combo.currentData() or ""),
            font_size=self.font_size.value(),
            translate_on_open=self.translate_on_open.isChecked(),
            engine=self.engine_combo.currentData(),
            beam_size=self.beam_size.value(),
            threads=self.threads.value(),
            min_score=round(self.min_score.value(), 2),
            ignore_case=self.ignore_case.isChecked(),
            ignore_punctuation=self.ignore_punctuation.isChecked(),
            ignore_whitespace=self.ignore_whitespace.isChecked(),
        )

    def accept(self) -> None:
        save_preferences(self.preferences(), self._settings)
        super().accept()

    def _button_clicked(self, button: QAbstractButton) -> None:
        role = self.buttons.buttonRole(button)
        if role == QDialogButtonBox.ButtonRole.ResetRole:
            self.set_preferences(Preferences())

    def _show_engine_note(self) -> None:
        note = self._notes.get(str(self.engine_combo.currentData()), "")
        self.engine_note.setText(note)
        self.engine_note.setVisible(bool(note))

