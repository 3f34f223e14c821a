"""`python -m parallax.cli`."""

from parallax.cli import run

run()
