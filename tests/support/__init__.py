"""Helpers shared by tests: real tiny models built on the fly."""
