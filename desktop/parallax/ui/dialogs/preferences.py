"""The Preferences dialog: appearance, translation (engine, server, glossary), and the open
workspace's comparison options.

Only the application's preferences go to QSettings; the comparison options are the
workspace's own (`core.workspace.Settings`): the dialog shows them and hands them back, and
the window applies them to the workspace as an edit that can be undone.

The engine list is core's one engine table. A server is only the one typed or picked here;
`http://` to another machine is used only after the user agreed to it for that URL. The API
key field goes to `api_keys` (keyring or session memory), never to QSettings.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings, Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from parallax.core.translate.engines import ENGINE_LABELS, SERVER_ENGINES
from parallax.core.workspace import Settings
from parallax.ui.api_keys import MAX_KEY_CHARS, api_keys, server_id
from parallax.ui.dialogs.llm_model import GgufModelCombo
from parallax.ui.plain import Button, ask, plain_tooltip
from parallax.ui.preferences import (
    BEAM_SIZE_RANGE,
    CONCURRENCY_RANGE,
    ENGINES,
    FONT_SIZE_RANGE,
    MAX_TEXT,
    THEMES,
    THREADS_RANGE,
    Preferences,
    ServerEntry,
    load_preferences,
    load_servers,
    save_preferences,
)
from parallax.ui.tasks import Task
from parallax.ui.wording import for_the_window

log = logging.getLogger(__name__)


def engine_notes() -> dict[str, str]:
    """Per engine, why it cannot run here (empty when it can, or when nobody can tell yet)."""
    from parallax.core.translate.engines import available_engines

    try:
        available = available_engines()
    except Exception:  # an engine check must never stop the dialog: no notes then
        log.debug("engine availability failed", exc_info=True)
        return {}
    notes: dict[str, str] = {}
    listed = set()
    for entry in available:
        listed.add(entry.name)
        if not entry.available:
            notes[entry.name] = for_the_window(entry.reason)
    if "llm" not in listed:
        notes["llm"] = QCoreApplication.translate(
            "PreferencesDialog",
            "The local LLM engine is not part of this installation of Parallax.")
    return notes


class PreferencesDialog(QDialog):
    """Edits `Preferences`; OK saves them to QSettings (the shell then applies them).
    `comparison`: the open workspace's settings, whose options `comparison()` returns."""

    def __init__(self, parent: QWidget | None = None, settings: QSettings | None = None,
                 comparison: Settings | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Preferences"))
        self._settings = settings
        self._comparison = comparison if comparison is not None else Settings()
        current = load_preferences(settings)
        self._insecure_server = current.insecure_server

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
        self._engine_names = self._engine_labels()
        self._notes: dict[str, str] = {}
        for engine in ENGINES:
            self.engine_combo.addItem(self._engine_names[engine], engine)
        self.beam_size = QSpinBox(self)
        self.beam_size.setRange(*BEAM_SIZE_RANGE)
        self.beam_size.setToolTip(self.tr("Larger beams translate slightly better, more slowly"))
        self.llm_model = GgufModelCombo(self)
        self.threads = QSpinBox(self)
        self.threads.setRange(*THREADS_RANGE)
        self.threads.setSpecialValueText(self.tr("Automatic"))
        self.glossary_edit = QLineEdit(self)
        self.glossary_edit.setMaxLength(MAX_TEXT)
        self.glossary_edit.setPlaceholderText(self.tr("The built-in glossary"))
        self.glossary_edit.setToolTip(self.tr(
            "Your own zh→en terms (UTF-8, one per line: term, Tab, translation); they are "
            "added to the built-in glossary for the LLM engines and the glossary check"))
        self.glossary_button = QPushButton(self.tr("Choose…"), self)
        self.glossary_button.clicked.connect(self._choose_glossary)
        glossary_row = QHBoxLayout()
        glossary_row.setContentsMargins(0, 0, 0, 0)
        glossary_row.addWidget(self.glossary_edit, 1)
        glossary_row.addWidget(self.glossary_button)

        self.server_combo = QComboBox(self)
        self.server_combo.setEditable(True)
        self.server_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.server_combo.setMinimumContentsLength(28)
        self.server_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        line = self.server_combo.lineEdit()
        if line is not None:
            line.setMaxLength(MAX_TEXT)
            line.setPlaceholderText("https://translate.example.org/v1")
        for entry in load_servers(settings):
            self.server_combo.addItem(entry.url, entry)
        self.server_combo.activated.connect(self._server_picked)
        self.server_combo.setToolTip(self.tr(
            "The team's server, as added in the model manager or typed here; article text is "
            "sent to it"))
        self.model_edit = QLineEdit(self)
        self.model_edit.setMaxLength(MAX_TEXT)
        self.model_edit.setToolTip(self.tr("The model name the server knows"))
        self.concurrency = QSpinBox(self)
        self.concurrency.setRange(*CONCURRENCY_RANGE)
        self.concurrency.setToolTip(self.tr("Requests sent at the same time"))
        self.api_key_edit = QLineEdit(self)
        self.api_key_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.api_key_edit.setMaxLength(MAX_KEY_CHARS)
        self.api_key_edit.setPlaceholderText(self.tr("None"))
        self.key_note = QLabel(self)
        self.key_note.setTextFormat(Qt.TextFormat.PlainText)
        self.key_note.setWordWrap(True)
        self.key_note.setText(
            self.tr("The key is kept in the system keyring, never in settings or workspaces.")
            if api_keys().persistent else
            self.tr("The key is kept in memory for this session only (the keyring package is "
                    "not installed); it is never written to disk."))

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
        form.addRow(self.tr("LLM model"), self.llm_model)
        form.addRow(self.tr("Threads"), self.threads)
        form.addRow(self.tr("Glossary"), glossary_row)
        self.server_box = QGroupBox(self.tr("Translation server"), self)
        form = QFormLayout(self.server_box)
        form.addRow(self.tr("Address"), self.server_combo)
        form.addRow(self.tr("Model"), self.model_edit)
        form.addRow(self.tr("Requests in flight"), self.concurrency)
        form.addRow(self.tr("API key"), self.api_key_edit)
        form.addRow(self.key_note)
        comparison_box = QGroupBox(self.tr("Comparison"), self)
        form = QFormLayout(comparison_box)
        form.addRow(self.tr("Minimum link score"), self.min_score)
        form.addRow(self.ignore_case)
        form.addRow(self.ignore_punctuation)
        form.addRow(self.ignore_whitespace)
        self.engine_note = QLabel(self)
        self.engine_note.setTextFormat(Qt.TextFormat.PlainText)  # notes quote engine errors
        self.engine_note.setWordWrap(True)
        self.problem_label = QLabel(self)
        self.problem_label.setTextFormat(Qt.TextFormat.PlainText)  # quotes URLs and files
        self.problem_label.setWordWrap(True)
        self.problem_label.setStyleSheet("color: #D55E00;")
        self.problem_label.hide()
        self.engine_combo.currentIndexChanged.connect(self._show_engine_note)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
            | QDialogButtonBox.StandardButton.RestoreDefaults, self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.buttons.clicked.connect(self._button_clicked)

        # Two columns: with the server options the dialog must still fit a 1366x768 screen.
        left = QVBoxLayout()
        left.addWidget(appearance)
        left.addWidget(comparison_box)
        left.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(translation)
        right.addWidget(self.engine_note)
        right.addWidget(self.server_box)
        right.addStretch(1)
        columns = QHBoxLayout()
        columns.addLayout(left)
        columns.addLayout(right)
        layout = QVBoxLayout(self)
        layout.addLayout(columns)
        layout.addWidget(self.problem_label)
        layout.addWidget(self.buttons)
        self.set_preferences(current)
        self.set_comparison(self._comparison)
        # Asking engines whether they can run may import optional packages: not here.
        Task(self, lambda ctx: engine_notes(), self.set_engine_notes,
                    key=f"preferences-engines-{id(self)}").run()

    def _engine_labels(self) -> dict[str, str]:
        """Each engine of core's table by its name in the window (core's label for a new one)."""
        ours = {"argos": self.tr("Argos Translate (offline neural)"),
                "gloss": self.tr("Dictionary gloss (word by word)"),
                "llm": self.tr("Local LLM (GGUF model)"),
                "openai": self.tr("OpenAI-compatible server (llama.cpp, vLLM, Ollama…)"),
                "libretranslate": self.tr("LibreTranslate server")}
        return {name: ours.get(name, ENGINE_LABELS.get(name, name)) for name in ENGINES}

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
        self.glossary_edit.setText(prefs.glossary_file)
        self.llm_model.choose(prefs.llm_model)
        self.server_combo.setEditText(prefs.server_url)
        self.model_edit.setText(prefs.server_model)
        self.concurrency.setValue(prefs.concurrency)
        self._insecure_server = prefs.insecure_server
        self.api_key_edit.setText(api_keys().get(server_id(prefs.server_url)) or ""
                                  if prefs.server_url else "")
        self._show_engine_note()

    def set_comparison(self, settings: Settings) -> None:
        self.min_score.setValue(settings.min_score)
        self.ignore_case.setChecked(settings.ignore_case)
        self.ignore_punctuation.setChecked(settings.ignore_punctuation)
        self.ignore_whitespace.setChecked(settings.ignore_whitespace)

    def comparison(self) -> Settings:
        """The workspace's settings with the comparison options the dialog shows now."""
        score = round(self.min_score.value(), 2)
        if score == round(self._comparison.min_score, 2):  # the box shows two decimals only
            score = self._comparison.min_score
        return replace(self._comparison, min_score=score,
                       ignore_case=self.ignore_case.isChecked(),
                       ignore_punctuation=self.ignore_punctuation.isChecked(),
                       ignore_whitespace=self.ignore_whitespace.isChecked())

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
        url = self.server_combo.currentText().strip()
        return Preferences(
            theme=self.theme_combo.currentData(),
            font_family=str(self.font_combo.currentData() or ""),
            font_size=self.font_size.value(),
            translate_on_open=self.translate_on_open.isChecked(),
            engine=str(self.engine_combo.currentData()),
            beam_size=self.beam_size.value(),
            threads=self.threads.value(),
            server_url=url,
            server_model=self.model_edit.text().strip(),
            concurrency=self.concurrency.value(),
            glossary_file=self.glossary_edit.text().strip(),
            llm_model=self.llm_model.chosen(),
            # Consent given for another URL does not carry over to this one.
            insecure_server=self._insecure_server if self._insecure_server == url else "",
        )

    def problem(self) -> str:
        """Why OK cannot save what the dialog shows now ("" when it can)."""
        prefs = self.preferences()
        if prefs.glossary_file:
            from parallax.core.errors import ParallaxError
            from parallax.core.translate.glossary import load_glossary

            try:  # a hand-kept file of at most 5 MB: quick enough here
                load_glossary(Path(prefs.glossary_file))
            except ParallaxError as exc:
                return for_the_window(str(exc))
        if not prefs.uses_server:
            return ""
        if not prefs.server_url:
            return self.tr("Enter the translation server's address: Parallax never picks a "
                           "server by itself.")
        from parallax.core.errors import InputError
        from parallax.core.translate.server import parse_server

        try:
            parse_server(prefs.server_url, allow_insecure=True)
        except InputError as exc:
            return str(exc)
        if prefs.engine == "openai" and not prefs.server_model:
            return self.tr("Enter the name of the model the server should use.")
        return ""

    def accept(self) -> None:
        problem = self.problem()
        self.problem_label.setText(problem)
        self.problem_label.setVisible(bool(problem))
        if problem or not self._consent_to_plain_http():
            return
        prefs = self.preferences()
        if prefs.uses_server:
            api_keys().set(server_id(prefs.server_url), self.api_key_edit.text())
        save_preferences(prefs, self._settings)
        super().accept()

    def _consent_to_plain_http(self) -> bool:
        """Ask before article text would cross the network unencrypted (core's rule)."""
        prefs = self.preferences()
        address = prefs.server_address()
        if address is None or address.scheme != "http" or address.loopback:
            return True
        if prefs.insecure_allowed:
            return True  # agreed to before, for this very URL
        question = self.tr(
            "{0} is another machine reached over plain http://: the article text and the API "
            "key would cross the network unencrypted. Use it anyway?").format(address.url)
        if ask(self, self.windowTitle(), question, Button.Yes | Button.No,
               Button.No) != Button.Yes:
            return False
        self._insecure_server = prefs.server_url
        return True

    def _button_clicked(self, button: QAbstractButton) -> None:
        role = self.buttons.buttonRole(button)
        if role == QDialogButtonBox.ButtonRole.ResetRole:
            self.set_preferences(Preferences())
            self.set_comparison(Settings())

    def _server_picked(self, index: int) -> None:
        entry = self.server_combo.itemData(index)
        if isinstance(entry, ServerEntry):
            if entry.engine in SERVER_ENGINES:
                self.engine_combo.setCurrentIndex(self.engine_combo.findData(entry.engine))
            if entry.model:
                self.model_edit.setText(entry.model)
            self.api_key_edit.setText(api_keys().get(server_id(entry.url)) or "")

    def _choose_glossary(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Choose a glossary"), self.glossary_edit.text(),
            self.tr("Glossaries (*.tsv *.txt);;All files (*)"))
        if path:
            self.glossary_edit.setText(path)

    def _show_engine_note(self) -> None:
        engine = str(self.engine_combo.currentData())
        note = self._notes.get(engine, "")
        self.engine_note.setText(note)
        self.engine_note.setVisible(bool(note))
        self.server_box.setVisible(engine in SERVER_ENGINES)
        self.model_edit.setEnabled(engine == "openai")
        self.llm_model.setEnabled(engine in ("llm", "argos"))  # Argos falls back to the LLM
        for widget in (self.beam_size, self.threads):
            widget.setEnabled(engine not in SERVER_ENGINES)
