"""The user's preferences: a frozen dataclass kept in QSettings under `preferences/`, and the
translation servers the user added (`servers/list`).

Only what belongs to the application lives here (appearance, engine, server, glossary). The
comparison options (`min_score`, the ignore options) belong to each workspace
(`core.workspace.Settings`), so one file compares the same way on every machine.

Values read back from QSettings are strings on some platforms (INI files), so every field is
parsed and checked on load; anything unreadable falls back to its default rather than failing.
API keys are never kept here (see `api_keys.py`).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from dataclasses import dataclass, fields, replace
from typing import TYPE_CHECKING, Any, Literal

from PySide6.QtCore import QObject, QSettings, Signal

from parallax.core.errors import InputError
from parallax.core.translate.engine import max_threads
from parallax.core.translate.engines import ENGINE_NAMES, SERVER_ENGINES

if TYPE_CHECKING:
    from parallax.core.translate.server import ServerAddress

log = logging.getLogger(__name__)

GROUP = "preferences"
Theme = Literal["system", "light", "dark"]
THEMES: tuple[Theme, ...] = ("system", "light", "dark")
ENGINES: tuple[str, ...] = ENGINE_NAMES  # the one engine table, in core
FONT_SIZE_RANGE = (6.0, 48.0)
BEAM_SIZE_RANGE = (1, 8)
# 0: let the engine choose from the CPU count; engines refuse more than four per core.
THREADS_RANGE = (0, min(64, max_threads()))
# core.translate.server's DEFAULT_CONCURRENCY and MAX_CONCURRENCY (a test keeps them equal):
# that module imports ssl, which the first window must not wait for.
DEFAULT_CONCURRENCY = 4
CONCURRENCY_RANGE = (1, 32)
MAX_TEXT = 2048  # URLs, model names and paths longer than this are not something typed
SERVERS_KEY = "servers/list"
# Keys older versions kept under `preferences/`; the workspace holds them now.
RETIRED_KEYS = ("min_score", "ignore_case", "ignore_punctuation", "ignore_whitespace")
MAX_SERVERS = 50


@dataclass(frozen=True)
class Preferences:
    theme: Theme = "system"
    font_family: str = ""  # "" : the best installed CJK family
    font_size: float = 12.0
    translate_on_open: bool = True
    engine: str = "argos"  # one of ENGINE_NAMES
    beam_size: int = 2
    threads: int = 0
    server_url: str = ""  # the openai / libretranslate server (never picked by Parallax)
    server_model: str = ""  # the model name an OpenAI-compatible server knows
    concurrency: int = DEFAULT_CONCURRENCY
    glossary_file: str = ""  # "" : the shipped glossary (and the user's default one)
    llm_model: str = ""  # the registered GGUF model the local LLM uses; "": the first by name
    # The http:// URL of another machine the user agreed to send text to, unencrypted; the
    # consent holds only while it is the chosen server.
    insecure_server: str = ""

    @property
    def uses_server(self) -> bool:
        return self.engine in SERVER_ENGINES

    @property
    def insecure_allowed(self) -> bool:
        return bool(self.server_url) and self.insecure_server == self.server_url.strip()

    def server_address(self) -> ServerAddress | None:
        """The chosen server when a server engine is chosen and its URL is well formed."""
        if not self.uses_server or not self.server_url.strip():
            return None
        from parallax.core.translate.server import parse_server  # only for a server engine

        try:
            return parse_server(self.server_url, allow_insecure=True)
        except InputError:
            return None

    def remote_host(self) -> str | None:
        """The host that article text goes to when it is another machine, else None."""
        address = self.server_address()
        return None if address is None or address.loopback else address.host


@dataclass(frozen=True)
class ServerEntry:
    """A translation server the user added in the model manager."""

    engine: str  # one of SERVER_ENGINES
    url: str
    model: str = ""  # openai: the model name to ask for

    def to_dict(self) -> dict[str, str]:
        return {"engine": self.engine, "url": self.url, "model": self.model}


def _as_bool(value: Any) -> bool:
    if isinstance(value, str):
        if value.strip().lower() in ("true", "1", "yes", "on"):
            return True
        if value.strip().lower() in ("false", "0", "no", "off", ""):
            return False
        raise ValueError(value)
    return bool(value)


def _clamp(value: float, bounds: tuple[float, float]) -> float:
    return max(bounds[0], min(bounds[1], value))


def _parse(name: str, value: Any, default: Any) -> Any:
    if name == "theme":
        if value not in THEMES:
            raise ValueError(value)
        return value
    if name == "engine":
        if value not in ENGINES:
            raise ValueError(value)
        return value
    if name in ("font_family", "server_url", "server_model", "glossary_file",
                "insecure_server", "llm_model"):
        text = "" if value is None else str(value).strip()
        if len(text) > MAX_TEXT:
            raise ValueError(name)
        return text
    if name == "concurrency":
        return int(_clamp(int(value), CONCURRENCY_RANGE))
    if name == "font_size":
        return _clamp(float(value), FONT_SIZE_RANGE)
    if name == "beam_size":
        return int(_clamp(int(value), BEAM_SIZE_RANGE))
    if name == "threads":
        return int(_clamp(int(value), THREADS_RANGE))
    if isinstance(default, bool):
        return _as_bool(value)
    raise ValueError(name)


def load_preferences(settings: QSettings | None = None) -> Preferences:
    """Preferences from QSettings (the application's default store unless given); the
    defaults when the store cannot be read at all (preferences never stop the app)."""
    try:
        return _load(settings if settings is not None else QSettings())
    except Exception:  # a broken store is a convenience lost, not a crash
        log.exception("could not read preferences")
        return Preferences()


def _load(store: QSettings) -> Preferences:
    defaults = Preferences()
    values: dict[str, Any] = {}
    store.beginGroup(GROUP)
    try:
        for item in fields(Preferences):
            if not store.contains(item.name):
                continue
            raw = store.value(item.name)
            try:
                values[item.name] = _parse(item.name, raw, getattr(defaults, item.name))
            except (TypeError, ValueError):
                log.warning("ignoring unreadable preference %s=%r", item.name, raw)
    finally:
        store.endGroup()
    return replace(defaults, **values)


def save_preferences(preferences: Preferences, settings: QSettings | None = None) -> None:
    store = settings if settings is not None else QSettings()
    store.beginGroup(GROUP)
    try:
        for item in fields(Preferences):
            store.setValue(item.name, getattr(preferences, item.name))
        for name in RETIRED_KEYS:
            store.remove(name)
    finally:
        store.endGroup()
    store.sync()
    preferences_saved().saved.emit(preferences)


class PreferencesSaved(QObject):
    """Announces saved preferences to widgets that show them (the privacy indicator)."""

    saved = Signal(object)  # the Preferences saved


_notifier: PreferencesSaved | None = None


def preferences_saved() -> PreferencesSaved:
    global _notifier
    if _notifier is None:
        _notifier = PreferencesSaved()
    return _notifier


def load_servers(settings: QSettings | None = None) -> list[ServerEntry]:
    """The servers listed in the model manager; malformed entries are dropped."""
    store = settings if settings is not None else QSettings()
    raw = store.value(SERVERS_KEY, "")
    try:
        data = json.loads(str(raw)) if raw else []
    except ValueError:
        log.warning("ignoring an unreadable server list")
        return []
    servers: list[ServerEntry] = []
    for item in data if isinstance(data, list) else []:
        if not isinstance(item, dict):
            continue
        entry = ServerEntry(str(item.get("engine", "")), str(item.get("url", "")).strip(),
                            str(item.get("model", "")).strip())
        if (entry.engine in SERVER_ENGINES and 0 < len(entry.url) <= MAX_TEXT
                and len(entry.model) <= MAX_TEXT and entry not in servers):
            servers.append(entry)
    return servers[:MAX_SERVERS]


def save_servers(servers: Sequence[ServerEntry], settings: QSettings | None = None) -> None:
    store = settings if settings is not None else QSettings()
    unique = list(dict.fromkeys(servers))[:MAX_SERVERS]
    store.setValue(SERVERS_KEY, json.dumps([s.to_dict() for s in unique]))
    store.sync()
