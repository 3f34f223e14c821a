"""Which engines exist here and now, and building one by name.

Argos needs an installed model for the pair; the dictionary gloss is always there; the local
LLM engine is optional (its module and binding may be absent) and is only imported when asked;
the server engines (`openai`, `libretranslate`) need the server the user names.

`ENGINE_NAMES` and `ENGINE_LABELS` are the one declaration of the engines: the CLI's choices
and the GUI read them here.
"""

from __future__ import annotations

import importlib
import logging
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

from parallax.core.errors import TranslationError
from parallax.core.translate.engine import Engine

log = logging.getLogger(__name__)

ENGINE_NAMES = ("argos", "llm", "openai", "libretranslate", "gloss")
ENGINE_LABELS = {
    "argos": "Argos Translate",
    "llm": "Local LLM (llama.cpp)",
    "openai": "OpenAI-compatible server",
    "libretranslate": "LibreTranslate server",
    "gloss": "Dictionary gloss (CC-CEDICT)",
}
SERVER_ENGINES = ("openai", "libretranslate")


@dataclass(frozen=True)
class EngineInfo:
    name: str
    label: str
    available: bool
    reason: str


def _llm_module() -> ModuleType | None:
    try:
        return importlib.import_module("parallax.core.translate.llm")
    except ImportError as exc:
        log.info("Local LLM engine unavailable: %s", exc)
        return None


def _argos_info() -> EngineInfo:
    from parallax.core.translate.models import list_models

    try:
        models = list_models()
    except OSError as exc:
        return EngineInfo("argos", "Argos Translate", False,
                          f"The models folder is unreadable: {exc}")
    if not models:
        return EngineInfo("argos", "Argos Translate", False,
                          "No translation model is installed (parallax models install FILE).")
    pairs = ", ".join(sorted({str(m.pair) for m in models}))
    return EngineInfo("argos", "Argos Translate", True, f"Installed: {pairs}")


def _llm_info() -> EngineInfo | None:
    module = _llm_module()
    if module is None:
        return None
    try:
        ok, reason = module.available()
        if ok:
            from parallax.core.translate.gguf_models import list_gguf

            if not list_gguf():
                ok, reason = False, "No GGUF model is registered."
    except Exception as exc:  # an optional engine must never break engine listing
        log.warning("Local LLM engine check failed: %s", exc)
        ok, reason = False, f"The local LLM engine cannot start: {exc}"
    return EngineInfo("llm", "Local LLM (llama.cpp)", bool(ok), str(reason))


def available_engines() -> list[EngineInfo]:
    engines = [
        _argos_info(),
        EngineInfo("gloss", "Dictionary gloss (CC-CEDICT)", True,
                   "Word-by-word gloss of Chinese, always available"),
    ]
    llm_info = _llm_info()
    if llm_info is not None:
        engines.append(llm_info)
    return engines


def get_engine(name: str, **settings: Any) -> Engine:
    """An engine by name. Argos settings: beam_size, threads, models_dir, batch_size.
    LLM settings: model (path or registered name; default the first registered), threads,
    context_length, glossary (a Glossary, or None for none; default the active glossary).
    Server settings (openai, libretranslate): server (required), model (openai: required),
    concurrency, timeout, api_key_env, allow_insecure, glossary (openai)."""
    if name == "argos":
        from parallax.core.translate.argos import ArgosEngine

        known = {k: v for k, v in settings.items()
                 if k in ("beam_size", "threads", "models_dir", "batch_size", "compute_type")
                 and v is not None}
        return ArgosEngine(**known)
    if name == "gloss":
        from parallax.core.translate.gloss import GlossEngine

        return GlossEngine()
    if name == "llm":
        return _llm_engine(settings)
    if name in SERVER_ENGINES:
        return _server_engine(name, settings)
    raise TranslationError(f"Unknown engine {name!r}; choose one of {', '.join(ENGINE_NAMES)}.")


def _llm_engine(settings: dict[str, Any]) -> Engine:
    module = _llm_module()
    if module is None:
        raise TranslationError("The local LLM engine is not part of this installation.")
    ok, reason = module.available()
    if not ok:
        raise TranslationError(str(reason))
    from parallax.core.translate import gguf_models

    model = settings.get("model")
    if model is None:
        registered = gguf_models.list_gguf()
        if not registered:
            raise TranslationError("No GGUF model is registered; add one in the model manager.")
        chosen: Any = registered[0]
    elif Path(str(model)).exists():
        chosen = Path(str(model))
    else:
        chosen = gguf_models.get_gguf(str(model))
    # Only what the caller set: the rest keeps LlmSettings' defaults (the active glossary).
    given = {key: settings[key] for key in ("threads", "context_length", "glossary")
             if key in settings and (settings[key] is not None or key == "glossary")}
    engine: Engine = module.LlmEngine(chosen, module.LlmSettings(**given))
    return engine


def _server_engine(name: str, settings: dict[str, Any]) -> Engine:
    from parallax.core.errors import InputError

    server = settings.get("server")
    if not server:
        raise InputError(f"The {name} engine needs the server's address (--server URL); "
                         "Parallax never picks a server by itself.")
    common = {key: settings[key] for key in ("concurrency", "timeout", "api_key_env",
                                             "allow_insecure")
              if settings.get(key) is not None}
    if name == "openai":
        from parallax.core.translate.openai_engine import OpenAIEngine

        if "glossary" in settings:
            common["glossary"] = settings["glossary"]
        return OpenAIEngine(str(server), str(settings.get("model") or ""), **common)
    from parallax.core.translate.libretranslate import LibreTranslateEngine

    return LibreTranslateEngine(str(server), **common)


def best_local_engine(pivot: str = "en", source: str = "zh",
                      llm_model: str | None = None) -> Engine:
    """The best engine installed here for source -> pivot: Argos with a model for the pair,
    else the local LLM with the registered GGUF model `llm_model` (default: the first by name)
    when its binding is installed and the pair is one it translates, else the dictionary
    gloss. Never a server."""
    from parallax.core.language import base_language
    from parallax.core.translate.argos import ArgosEngine
    from parallax.core.translate.engine import LanguagePair

    argos = ArgosEngine()
    if argos.has_pair(source, pivot):
        return argos
    info = _llm_info()
    if info is not None and info.available:
        try:
            engine = _llm_engine({"model": llm_model})
        except TranslationError as exc:  # a registered model that cannot be used now
            log.warning("Local LLM engine not used: %s", exc)
        else:
            if LanguagePair(base_language(source), base_language(pivot)) in engine.pairs():
                return engine
    return default_engine(pivot, source)


def default_engine(pivot: str = "en", source: str = "zh") -> Engine:
    """Argos when it can translate source -> pivot, else the dictionary gloss."""
    from parallax.core.translate.argos import ArgosEngine
    from parallax.core.translate.gloss import GlossEngine

    argos = ArgosEngine()
    if argos.has_pair(source, pivot):
        return argos
    return GlossEngine()
