"""API keys for translation servers: in the OS keyring when the `keyring` package is installed,
otherwise in this process's memory for the session only.

Never in QSettings, the workspace, an export, a log line or the crash file: the key goes from
here straight into the engine's constructor. Keys are filed under the server's URL as recorded
(no credentials in it), so two servers never share one by accident.
"""

from __future__ import annotations

import logging
import threading
from typing import Any

log = logging.getLogger(__name__)

SERVICE = "parallax-translation-server"
MAX_KEY_CHARS = 4096  # far beyond any real token; a paste of a whole file is refused


def _keyring() -> Any | None:
    """The `keyring` module when installed and backed by a real store, else None."""
    try:
        import keyring  # type: ignore[import-not-found,unused-ignore]
        from keyring.backends import fail  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        return None
    try:
        if isinstance(keyring.get_keyring(), fail.Keyring):
            return None  # installed, but no store on this system (headless Linux)
    except Exception:  # a broken keyring backend must not stop the window
        log.info("keyring unusable", exc_info=True)
        return None
    return keyring


class ApiKeys:
    """Where the window keeps API keys; one per process (`api_keys()`)."""

    def __init__(self, use_keyring: bool = True) -> None:
        self._memory: dict[str, str] = {}
        self._lock = threading.Lock()
        self._keyring = _keyring() if use_keyring else None

    @property
    def persistent(self) -> bool:
        """True when keys outlive the session (kept in the OS keyring)."""
        return self._keyring is not None

    def get(self, server_url: str) -> str | None:
        with self._lock:
            if server_url in self._memory:
                return self._memory[server_url] or None
        if self._keyring is None or not server_url:
            return None
        try:
            value = self._keyring.get_password(SERVICE, server_url)
        except Exception:  # the keyring may be locked or gone: no key, never a crash
            log.warning("could not read an API key from the keyring")
            return None
        return str(value) if value else None

    def set(self, server_url: str, key: str) -> None:
        """Keep `key` for `server_url` ("" forgets it)."""
        key = key.strip()
        if len(key) > MAX_KEY_CHARS:
            raise ValueError("API key too long")
        with self._lock:
            self._memory[server_url] = key
        if self._keyring is None or not server_url:
            return
        try:
            if key:
                self._keyring.set_password(SERVICE, server_url, key)
            elif self._keyring.get_password(SERVICE, server_url) is not None:
                self._keyring.delete_password(SERVICE, server_url)
        except Exception:  # kept in memory for this session then
            log.warning("could not store an API key in the keyring; kept for this session")

    def __repr__(self) -> str:  # never the keys
        return f"ApiKeys(persistent={self.persistent}, servers={len(self._memory)})"


_keys: ApiKeys | None = None


def api_keys() -> ApiKeys:
    global _keys
    if _keys is None:
        _keys = ApiKeys()
    return _keys


def server_id(url: str) -> str:
    """The name a key is filed under: the server's URL as recorded, or the text as typed when it
    is not a well-formed server URL (no key is sent to such a server anyway)."""
    from parallax.core.errors import InputError
    from parallax.core.translate.server import parse_server  # imports ssl: not at start-up

    try:
        return parse_server(url, allow_insecure=True).url
    except InputError:
        return url.strip()
