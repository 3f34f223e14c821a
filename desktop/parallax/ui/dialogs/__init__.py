"""Dialogs: open/add source, model manager, preferences, about."""
