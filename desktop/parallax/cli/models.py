"""`parallax models list|install FILE|download PAIR|remove PAIR`: manage Argos model packages."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from parallax.cli.output import write_json
from parallax.core.translate.engine import LanguagePair, check_seconds
from parallax.core.translate.models import (
    download_model,
    install_model,
    list_models,
    remove_model,
)


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("models", help="list, install, download or remove models")
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)

    listing = actions.add_parser("list", help="installed translation models")
    listing.add_argument("--json", action="store_true", help="print the list as JSON")
    listing.set_defaults(func=run_list)

    install = actions.add_parser("install", help="install an .argosmodel file (validated first)")
    install.add_argument("file", help="path to an .argosmodel package")
    install.set_defaults(func=run_install)

    download = actions.add_parser("download", help="download a model from the Argos index")
    download.add_argument("pair", help="language pair, e.g. zh-en")
    download.add_argument("--timeout", type=float, default=60.0, help="network timeout (s)")
    download.set_defaults(func=run_download)

    remove = actions.add_parser("remove", help="remove the installed model for a pair")
    remove.add_argument("pair", help="language pair, e.g. zh-en")
    remove.set_defaults(func=run_remove)

    from parallax.cli.gguf import register_add_gguf  # GGUF models for the local LLM engine

    register_add_gguf(actions)


def _pair(text: str) -> LanguagePair:
    from parallax.core.errors import TranslationError

    try:
        return LanguagePair.parse(text)
    except ValueError as exc:
        raise TranslationError(str(exc)) from exc


def _size(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB"


def run_list(args: argparse.Namespace) -> int:
    models = list_models()
    if args.json:
        write_json([m.to_dict() for m in models], None)
        return 0
    if not models:
        print("No translation models installed. Install one with: "
              "parallax models install FILE.argosmodel")
        return 0
    for model in models:
        print(f"{model.pair!s:<8} {model.version:<8} {_size(model.size_bytes):>10}  {model.name}")
    return 0


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
    for model in remove_model(_pair(args.pair)):
        print(f"Removed {model.pair} ({model.name}).")
    return 0
