"""Weekday names read as dates, when the date a text was published is known.

A report says "on Tuesday" where the original says "3日": with the report's publication date,
the weekday is the day of the month it falls on, so the two sentences share a date anchor.
News uses a bare weekday for the one just past (or today), so it is counted back from the
publication date: "Tuesday" in a report of Wednesday the 4th is the 3rd. A weekday that
points forward ("next Monday", "下周一") or is plural ("on Tuesdays") is not read, and nor
is any weekday of a text whose date is unknown. These are anchors for matching only: a date
worked out this way is never the ground for a flag.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from parallax.core.language import is_chinese
from parallax.core.numbers import Quantity

_EN_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
# Capitalised names only ("sunday best" is rare, "Sunday" is the day); not after a word that
# points forward, and not plural.
_EN = re.compile(
    r"(?<![\w-])(?P<ahead>(?:next|coming|following)\s+)?(?P<day>" + "|".join(_EN_DAYS)
    + r")(?![\w-])(?!s\b)"
)
_ZH_DAYS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
_ZH = re.compile(r"(?P<week>[上下本这]?)(?:星期|礼拜|周)(?P<day>[一二三四五六日天])")


def _back_to(published: date, weekday: int, weeks_back: int = 0) -> date:
    """The `weekday` (Monday 0) on or before `published`, `weeks_back` weeks earlier."""
    return published - timedelta(days=(published.weekday() - weekday) % 7 + 7 * weeks_back)


def weekday_dates(text: str, lang: str, published: date | None) -> list[Quantity]:
    """Each weekday `text` names, as a "day" quantity: the day of the month it falls on."""
    if published is None or not text:
        return []
    found: list[Quantity] = []
    if is_chinese(lang):
        for m in _ZH.finditer(text):
            week = m.group("week")
            if week == "下":
                continue
            weekday = _ZH_DAYS[m.group("day")]
            if week in ("本", "这"):  # this week's: may lie ahead of the date
                day = published - timedelta(days=published.weekday() - weekday)
            else:
                day = _back_to(published, weekday, 1 if week == "上" else 0)
            found.append(Quantity(float(day.day), "day", "", m.group(0), m.start(), m.end()))
        return found
    for m in _EN.finditer(text):
        if m.group("ahead"):
            continue
        day = _back_to(published, _EN_DAYS.index(m.group("day")))
        found.append(Quantity(float(day.day), "day", "", m.group("day"), m.start("day"),
                              m.end("day")))
    return found
