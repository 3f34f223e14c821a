"""Translation servers in the model manager: the add-a-server dialog and the connection test.

`probe_server` is the test's work (run in a `Task`, off the GUI thread): it asks the server
what it offers (`/models` for an OpenAI-compatible one, `/languages` for LibreTranslate) and
sends no article text. `describe_probe` turns its answer into one line for the window.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from parallax.core.translate.engines import SERVER_ENGINES
from parallax.ui.preferences import MAX_TEXT, ServerEntry

SHOWN_NAMES = 5  # model names or pairs quoted in the one-line result
TEST_TIMEOUT_S = 15.0  # a connection test answers quickly or says so


@dataclass(frozen=True)
class Probe:
    """What a server answered: its URL as recorded and the models or pairs it lists."""

    url: str
    engine: str
    offered: tuple[str, ...] | None  # None: an OpenAI-compatible server without /models
    model: str = ""


def probe_server(entry: ServerEntry, api_key: str | None, allow_insecure: bool) -> Probe:
    """Ask the server what it offers; a `ParallaxError` with one line when it cannot answer."""
    from parallax.core.translate.server import plain

    if entry.engine == "libretranslate":
        from parallax.core.translate.libretranslate import LibreTranslateEngine

        libre = LibreTranslateEngine(entry.url, api_key=api_key, allow_insecure=allow_insecure,
                                     timeout=TEST_TIMEOUT_S)
        return Probe(libre.server_url, entry.engine,
                     tuple(plain(str(p), 40) for p in libre.pairs()))
    from parallax.core.translate.openai_engine import OpenAIEngine

    engine = OpenAIEngine(entry.url, entry.model or "-", api_key=api_key,
                          allow_insecure=allow_insecure, glossary=None, timeout=TEST_TIMEOUT_S)
    names = engine.models()
    offered = None if names is None else tuple(dict.fromkeys(plain(n, 80) for n in names))
    return Probe(engine.server_url, entry.engine, offered, entry.model)


def describe_probe(probe: Probe) -> tuple[bool, str]:
    """(usable, one line) for the window; server text in it is shown as plain text."""
    translate = QCoreApplication.translate
    listed = ", ".join((probe.offered or ())[:SHOWN_NAMES])
    if probe.offered is not None and len(probe.offered) > SHOWN_NAMES:
        listed += ", …"
    if probe.engine == "libretranslate":
        pairs = probe.offered or ()
        if "zh->en" not in pairs:
            return False, translate(
                "ServerTest", "{0}: reachable, but it does not translate Chinese to English "
                "(it offers {1}).").format(probe.url, listed or "–")
        return True, translate("ServerTest", "{0}: reachable; {1} language pairs ({2}).").format(
            probe.url, len(pairs), listed)
    if probe.offered is None:
        return True, translate("ServerTest", "{0}: reachable; it does not list its models."
                               ).format(probe.url)
    if probe.model and probe.model not in probe.offered:
        return False, translate(
            "ServerTest", "{0}: reachable, but it has no model named {1} (it offers {2})."
        ).format(probe.url, probe.model, listed or "–")
    if probe.model:
        return True, translate("ServerTest", "{0}: reachable; model {1} is there.").format(
            probe.url, probe.model)
    return True, translate("ServerTest", "{0}: reachable; {1} models ({2}).").format(
        probe.url, len(probe.offered), listed or "–")


def engine_label(engine: str) -> str:
    labels = {"openai": QCoreApplication.translate("ServerDialog", "OpenAI-compatible"),
              "libretranslate": QCoreApplication.translate("ServerDialog", "LibreTranslate")}
    return labels.get(engine, engine)


class ServerDialog(QDialog):
    """Add a translation server: its kind, address and (OpenAI-compatible) model name."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Add a translation server"))
        self.engine_combo = QComboBox(self)
        for engine in SERVER_ENGINES:
            self.engine_combo.addItem(engine_label(engine), engine)
        self.url_edit = QLineEdit(self)
        self.url_edit.setMaxLength(MAX_TEXT)
        self.url_edit.setPlaceholderText("http://127.0.0.1:8080/v1")
        self.model_edit = QLineEdit(self)
        self.model_edit.setMaxLength(MAX_TEXT)
        self.problem_label = QLabel(self)
        self.problem_label.setTextFormat(Qt.TextFormat.PlainText)  # quotes the URL
        self.problem_label.setWordWrap(True)
        self.problem_label.hide()
        form = QFormLayout()
        form.addRow(self.tr("Kind"), self.engine_combo)
        form.addRow(self.tr("Address"), self.url_edit)
        form.addRow(self.tr("Model"), self.model_edit)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.engine_combo.currentIndexChanged.connect(self._kind_changed)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem_label)
        layout.addWidget(buttons)
        self._kind_changed()

    def entry(self) -> ServerEntry:
        engine = str(self.engine_combo.currentData())
        model = self.model_edit.text().strip() if engine == "openai" else ""
        return ServerEntry(engine, self.url_edit.text().strip(), model)

    def problem(self) -> str:
        """Why the entry cannot be added ("" when it can)."""
        from parallax.core.errors import InputError
        from parallax.core.translate.server import parse_server

        entry = self.entry()
        try:
            parse_server(entry.url, allow_insecure=True)  # consent is asked when it is used
        except InputError as exc:
            return str(exc)
        return ""

    def accept(self) -> None:
        problem = self.problem()
        self.problem_label.setText(problem)
        self.problem_label.setVisible(bool(problem))
        if not problem:
            super().accept()

    def _kind_changed(self) -> None:
        self.model_edit.setEnabled(self.engine_combo.currentData() == "openai")
