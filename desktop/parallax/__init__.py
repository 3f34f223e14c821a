"""Parallax: compare a Chinese article with its translations and other outlets' reports."""

# The one place the version is written: pyproject.toml reads it (tool.setuptools.dynamic) and
# so do the build scripts. A constant, not importlib.metadata: reading the installed
# distributions costs every start (GUI and command line) about 50 ms.
__version__ = "0.1.0"

__all__ = ["__version__"]
