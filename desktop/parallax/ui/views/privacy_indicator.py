"""A status-bar mark shown while the chosen engine sends article text to another machine.

It follows the saved preferences: a translation server that is not this machine (by core's
loopback rule) shows the mark, with the host named in a plain-text tooltip; anything else
(local engines, a server on 127.0.0.1 or localhost) hides it.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QLabel, QWidget

from parallax.ui.plain import plain_tooltip
from parallax.ui.preferences import Preferences, load_preferences, preferences_saved

MAX_HOST_CHARS = 60  # a long host name must not push the rest of the status bar away


class PrivacyIndicator(QLabel):
    def __init__(self, parent: QWidget | None = None,
                 settings: QSettings | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("privacyIndicator")
        self.setTextFormat(Qt.TextFormat.PlainText)  # the host is text from the user
        self.setStyleSheet("QLabel { color: #D55E00; font-weight: bold; padding: 0 4px; }")
        self.host: str | None = None
        preferences_saved().saved.connect(self.show_for)
        try:
            prefs = load_preferences(settings)
        except Exception:  # settings are a convenience: show nothing rather than fail
            prefs = Preferences()
        self.show_for(prefs)

    def show_for(self, prefs: object) -> None:
        host = prefs.remote_host() if isinstance(prefs, Preferences) else None
        self.host = host
        if host is None:
            self.clear()
            self.setToolTip("")
            self.hide()
            return
        shown = host if len(host) <= MAX_HOST_CHARS else host[: MAX_HOST_CHARS - 1] + "…"
        self.setText(self.tr("⇄ Text leaves this machine: {0}").format(shown))
        tip = self.tr("Article text is sent to the translation server at {0} (chosen in "
                      "Preferences). Choose a local engine to keep it on this machine.")
        self.setToolTip(plain_tooltip(tip.format(host)))
        self.setAccessibleName(self.text())
        self.show()
