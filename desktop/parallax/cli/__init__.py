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
from parallax.cli.output import install_safe_streams
from parallax.core.errors import Cancelled, ParallaxError
from parallax.core.errors import describe as describe_error
from parallax.logs import configure_logging

log = logging.getLogger(__name__)

# Subcommand modules, in the order `--help` lists them.
COMMAND_MODULES = ("info", "translate", "models", "compare", "export")
EXIT_USER_ERROR = 2
EXIT_CANCELLED = 130


class IntermixedParser(argparse.ArgumentParser):
    """A subcommand parser that takes options and positionals in any order, as other command
    lines do: `parallax compare ORIG --translation T.txt REPORT.txt` (plain argparse stops
    filling REPORT after the first option). A parser with subcommands of its own (`models`)
    parses as argparse does, and its subcommands intermix."""

    _intermixing = False

    def parse_known_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> tuple[argparse.Namespace, list[str]]:
        nested = any(action.nargs == argparse.PARSER for action in self._actions)
        if self._intermixing or nested:
            return super().parse_known_args(args, namespace)
        self._intermixing = True  # parse_known_intermixed_args calls back into this method
        try:
            return self.parse_known_intermixed_args(args, namespace)
        finally:
            self._intermixing = False


def _epilog() -> str:
    if getattr(sys, "frozen", False):  # the packaged app: one executable for GUI and CLI
        return ("Without a command, `parallax [FILE.parallax ...]` opens the app's window "
                "(on those files); `parallax --self-test` checks this installation.")
    return "The app's window: `parallax-gui [FILE.parallax ...]`."


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="parallax",
        description="Compare a Chinese article with its translations and other outlets' reports.",
        epilog=_epilog(),
    )
    parser.add_argument("--version", action="version", version=f"parallax {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress details")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True,
                                       parser_class=IntermixedParser)
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
    install_safe_streams()  # titles and file names never reach the terminal with escapes
    parser = build_parser()
    args = parser.parse_args(argv)
    configure_logging(to_file=False,
                      console_level=logging.INFO if args.verbose else logging.WARNING)
    if not args.verbose:
        # trafilatura logs ERRORs for pages it cannot use; the fallback extraction handles
        # them, and the user's terminal gets our one line, not the library's.
        logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
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
    except (RecursionError, MemoryError, OSError, RuntimeError, NotImplementedError) as exc:
        # Bad input that slipped past a loader's checks: still one line and exit 2, with the
        # traceback in the log for a bug report, never on the terminal.
        log.debug("unexpected error", exc_info=True)
        print(f"parallax: error: {_one_line(describe(exc))}", file=sys.stderr)
        return EXIT_USER_ERROR
    return int(result or 0)


def describe(exc: BaseException) -> str:
    """A sentence saying what happened, for errors that are not `ParallaxError`s."""
    return describe_error(exc) or f"Could not finish: {exc or type(exc).__name__}."


def _one_line(message: str) -> str:
    return " ".join(message.split())


def run() -> None:
    sys.exit(main())


if __name__ == "__main__":
    run()
