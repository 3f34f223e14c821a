"""Parallax: compare a Chinese article with its translations and other outlets' reports."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("parallax")
except PackageNotFoundError:  # running from a source tree without installation
    __version__ = "0.0.0+source"

__all__ = ["__version__"]
