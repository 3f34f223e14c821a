"""The user's preferences: a frozen dataclass kept in QSettings under `preferences/`.

Values read back from QSettings are strings on some platforms (INI files), so every field is
parsed and checked on load; anything unreadable falls back to its default rather than failing.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, fields, replace
from typing import Any, Literal

from PySide6.QtCore import QSettings

from parallax.core.translate.engine import max_threads

log = logging.getLogger(__name__)

GROUP = "preferences"
Theme = Literal["system", "light", "dark"]
EngineName = Literal["argos", "gloss", "llm"]
THEMES: tuple[Theme, ...] = ("system", "light", "dark")
ENGINES: tuple[EngineName, ...] = ("argos", "gloss", "llm")
FONT_SIZE_RANGE = (6.0, 48.0)
BEAM_SIZE_RANGE = (1, 8)
# 0: let the engine choose from the CPU count; engines refuse more than four per core.
THREADS_RANGE = (0, min(64, max_threads()))


@dataclass(frozen=True)
class Preferences:
    theme: Theme = "system"
    font_family: str = ""  # "" : the best installed CJK family
    font_size: float = 12.0
    translate_on_open: bool = True
    engine: EngineName = "argos"
    beam_size: int = 2
    threads: int = 0
    min_score: float = 0.3
    ignore_case: bool = True
    ignore_punctuation: bool = False
    ignore_whitespace: bool = True

    @classmethod
    def load(cls, settings: QSettings | None = None) -> Preferences:
        return load_preferences(settings)

    def save(self, settings: QSettings | None = None) -> None:
        save_preferences(self, settings)

    def diff_options(self) -> dict[str, bool]:
        return {"ignore_case": self.ignore_case, "ignore_punctuation": self.ignore_punctuation,
                "ignore_whitespace": self.ignore_whitespace}


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
    if name == "font_family":
        return str(value)
    if name == "font_size":
        return _clamp(float(value), FONT_SIZE_RANGE)
    if name == "beam_size":
        return int(_clamp(int(value), BEAM_SIZE_RANGE))
    if name == "threads":
        return int(_clamp(int(value), THREADS_RANGE))
    if name == "min_score":
        return _clamp(float(value), (0.0, 1.0))
    if isinstance(default, bool):
        return _as_bool(value)
    raise ValueError(name)


def load_preferences(settings: QSettings | None = None) -> Preferences:
    """Preferences from QSettings (the application's default store unless given)."""
    store = settings if settings is not None else QSettings()
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
    finally:
        store.endGroup()
    store.sync()
