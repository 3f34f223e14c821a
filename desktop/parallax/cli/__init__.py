"""The `parallax` command line: the same engine as the app, for batch work and scripting.

Each subcommand lives in its own module here and exposes `register(subparsers)`.
User errors print one line and exit 2; Ctrl-C exits 130; nothing prints a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
from collections.abc import Sequence

from parallax import __version__
from parallax.core.errors import Cancelled, ParallaxError

log = logging.getLogger(__name__)

# Subcommand modules, in the order `--help` lists them.
COMMAND_MODULES = ("info", "translate", "models", "compare", "export")
EXIT_USER_ERROR = 2
EXIT_CANCELLED = 130


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="parallax",
        description="Compare a Chinese article with its translations and other outlets' reports.",
    )
    parser.add_argument("--version", action="version", version=f"parallax {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress details")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(f"parallax.cli.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"parallax.cli.{name}":
                raise
            continue
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    try:
        result = args.func(args)
    except Cancelled as exc:
        print(f"parallax: {exc}", file=sys.stderr)
        return EXIT_CANCELLED
    except KeyboardInterrupt:
        print("parallax: cancelled.", file=sys.stderr)
        return EXIT_CANCELLED
    except ParallaxError as exc:
        print(f"parallax: error: {_one_line(str(exc))}", file=sys.stderr)
        return EXIT_USER_ERROR
    except BrokenPipeError:
        return 0
    return int(result or 0)


def _one_line(message: str) -> str:
    return " ".join(message.split())


def run() -> None:
    sys.exit(main())


if __name__ == "__main__":
    run()
