"""`parallax models add-gguf FILE`: register a local GGUF model for the LLM engine.

The file is validated (GGUF header, not truncated, fits in memory), hashed and referenced where
it is; nothing is copied.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from tqdm import tqdm

from parallax.cli.output import write_json
from parallax.core.translate.gguf_models import GgufModel, add_gguf


def register_add_gguf(models_subparsers: Any) -> None:
    """Add the `add-gguf` subcommand to the `models` command's subparsers."""
    parser = models_subparsers.add_parser(
        "add-gguf",
        help="register a local GGUF model (llama.cpp) for LLM translation",
        description="Validate a GGUF model file and register it by reference (it is not copied).",
    )
    parser.add_argument("file", help="the .gguf model file")
    parser.add_argument("--name", help="name to register it under (default: the file name)")
    parser.add_argument("--json", action="store_true", help="print the registered model as JSON")
    parser.set_defaults(func=run_add_gguf)


def model_summary(model: GgufModel) -> dict[str, Any]:
    return {"name": model.name, "path": str(model.path), "size": model.size,
            "sha256": model.sha256}


def run_add_gguf(args: argparse.Namespace) -> int:
    path = Path(args.file)
    quiet = args.json or not sys.stderr.isatty()
    with tqdm(total=0, unit="B", unit_scale=True, desc="Hashing", disable=quiet,
              file=sys.stderr, leave=False) as bar:

        def progress(done: int, total: int) -> None:
            bar.total = total
            bar.update(done - bar.n)

        model = add_gguf(path, name=args.name, on_progress=progress)
    if args.json:
        write_json(model_summary(model), None)
    else:
        print(f"Added {model.name}: {model.path}")
        print(f"  {model.size / 1024**2:,.1f} MiB, sha256 {model.sha256}")
    return 0
