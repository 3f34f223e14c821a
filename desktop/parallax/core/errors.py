"""Every error a user can see is a `ParallaxError` with a message they can act on.

The CLI prints `str(error)` on one line and exits 2; the GUI shows it in a dialog.
Anything else escaping is a bug.
"""

from __future__ import annotations


class ParallaxError(Exception):
    """Base of all user-facing errors; the message is shown as is."""


class InputError(ParallaxError):
    """An input file or text cannot be read as an article."""


class EmptyArticleError(InputError):
    """The input holds no article text."""


class FileTooLargeError(InputError):
    """The input is larger than any news article we accept."""


class UnsupportedFormatError(InputError):
    """The file type is not one we can read."""


class WorkspaceError(ParallaxError):
    """A workspace file cannot be read or written."""


class OutputPathError(WorkspaceError):
    """An output would replace one of the command's inputs, a device or a folder."""


class TranslationError(ParallaxError):
    """Translation failed (engine, model or language pair)."""


class LanguagePairError(TranslationError):
    """No installed model translates between the requested languages."""


class ModelPackageError(TranslationError):
    """A model package is corrupt, malicious or cannot be loaded."""


class ExportError(ParallaxError):
    """An export could not be written."""


class Cancelled(ParallaxError):  # noqa: N818 - a user action, not an error
    """The user cancelled long work; `partial` holds the results finished before it."""

    def __init__(self, message: str = "Cancelled.", partial: list[str] | None = None) -> None:
        super().__init__(message)
        self.partial: list[str] = list(partial or [])


def describe(exc: BaseException) -> str | None:
    """What happened, in a sentence, for the few errors that are not `ParallaxError`s but say
    something about the input or the machine; None for anything else (a bug)."""
    if isinstance(exc, RecursionError):
        return "The input is nested too deeply to read."
    if isinstance(exc, MemoryError):
        return "Not enough memory for this input."
    if isinstance(exc, OSError):
        where = f" {exc.filename}" if exc.filename else ""
        return f"Cannot access{where}: {exc.strerror or exc}."
    if isinstance(exc, NotImplementedError):
        return f"This input uses a feature Parallax cannot read ({exc or 'not supported'})."
    return None
