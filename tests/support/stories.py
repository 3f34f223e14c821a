"""Small invented stories for the review tests (core and window)."""

from __future__ import annotations

from parallax.core.segment import make_article
from parallax.core.workspace import Workspace


def quake() -> Workspace:
    """An invented story and a wire report: report s2 tells original s1, report s1 tells
    original s3, report s3 is about something else and original s2 has no counterpart."""
    original = make_article("Quake", [
        "A magnitude 5 quake hit southern Gansu last night, injuring 3 people.",
        "Schools in the area closed for one day.",
        "Officials say the damage was light.",
    ], lang="en")
    report = make_article("Wire", [
        "Officials said damage from the quake was extensive.",
        "At least 30 people were injured when a quake hit Gansu.",
        "The weather was sunny in Beijing.",
    ], lang="en")
    return Workspace(original).with_source(report, "report", "Wire")
