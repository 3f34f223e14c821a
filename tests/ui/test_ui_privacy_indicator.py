"""The status-bar mark that says when article text leaves this machine."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from parallax.ui.preferences import Preferences, save_preferences
from parallax.ui.views.privacy_indicator import PrivacyIndicator


@pytest.fixture()
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "parallax.ini"), QSettings.Format.IniFormat)


@pytest.mark.parametrize("prefs", [
    Preferences(),
    Preferences(engine="gloss", server_url="https://mt.example.org/v1"),  # not a server engine
    Preferences(engine="openai", server_url="http://127.0.0.1:8080/v1", server_model="m"),
    Preferences(engine="openai", server_url="http://localhost:8080/v1", server_model="m"),
    Preferences(engine="libretranslate", server_url="http://[::1]:5000"),
])
def test_hidden_while_text_stays_here(qtbot: QtBot, settings: QSettings,
                                      prefs: Preferences) -> None:
    save_preferences(prefs, settings)
    indicator = PrivacyIndicator(settings=settings)
    qtbot.addWidget(indicator)
    assert indicator.isHidden() and indicator.host is None and not indicator.toolTip()


@pytest.mark.parametrize(("url", "host"), [
    ("https://mt.example.org/v1", "mt.example.org"),
    ("http://10.0.0.5:5000", "10.0.0.5"),
])
def test_shown_with_the_host_for_another_machine(qtbot: QtBot, settings: QSettings,
                                                 url: str, host: str) -> None:
    save_preferences(Preferences(engine="libretranslate", server_url=url), settings)
    indicator = PrivacyIndicator(settings=settings)
    qtbot.addWidget(indicator)
    assert not indicator.isHidden()
    assert indicator.host == host
    assert host in indicator.text() and host in indicator.toolTip()


def test_follows_saved_preferences_and_shows_hosts_as_text(qtbot: QtBot,
                                                           settings: QSettings) -> None:
    indicator = PrivacyIndicator(settings=settings)
    qtbot.addWidget(indicator)
    assert indicator.isHidden()
    hostile = "https://<b>evil</b>.example/v1"  # markup in what the user typed
    save_preferences(Preferences(engine="openai", server_url=hostile, server_model="m"),
                     settings)
    assert not indicator.isHidden() and indicator.host == "<b>evil<"
    assert "<b>evil<" in indicator.text()  # literally: a plain-text label
    assert "&lt;b&gt;evil&lt;" in indicator.toolTip()  # escaped inside our own markup
    save_preferences(Preferences(engine="openai", server_url="https://a.example.org/v1",
                                 server_model="m"), settings)
    assert not indicator.isHidden() and indicator.host == "a.example.org"
    assert indicator.textFormat().name == "PlainText"
    save_preferences(Preferences(engine="argos"), settings)
    assert indicator.isHidden()


def test_the_main_window_carries_it(make_window: object) -> None:
    from parallax.ui.main_window import MainWindow

    window = make_window()  # type: ignore[operator]
    assert isinstance(window, MainWindow)
    indicator = window.statusBar().findChild(PrivacyIndicator)
    assert indicator is not None and not indicator.isVisible()  # local engine by default
