"""Numbers in a sentence, with what they count and how they are qualified.

Chinese numerals are normalised with cn2an (十五 -> 15, 八十五 -> 85, 二〇二四 -> 2024), and
Arabic numbers with 万/亿 are scaled. Each number gets a kind, so that "March 2023" and
"去年3月" compare as the same month rather than 2023 against 3:

- year (a 4-digit 1800..2199, or a number before 年 that large), month (3月, March),
  day (3日, 3号, "September 4"), time of day in minutes after midnight (23时59分, 7时45分,
  "11:59 p.m.", "7.45am"), percent, ordinal (第3, 85周年, 85th), count (anything else);

and a qualifier: more_than (逾, 超过, 50多, 50余, 以上, more than, over), nearly (近, 将近,
nearly, almost), about (约, 左右, about, around, some), at_least (至少, at least, no fewer
than), at_most (最多, 不超过, up to, at most), less_than (不到, fewer than, less than), or ""
(stated exactly). English number words up to the tens, "dozen" and "hundred(s)" are read;
other languages get Arabic numbers without qualifiers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from parallax.core.language import is_chinese, to_simplified

QUALIFIER_WORDS = {
    "more_than": "more than",
    "nearly": "nearly",
    "about": "about",
    "at_least": "at least",
    "at_most": "at most",
    "less_than": "less than",
    "": "exactly",
}


@dataclass(frozen=True)
class Quantity:
    value: float
    kind: str
    qualifier: str
    text: str  # as written, qualifier included
    start: int
    end: int

    @property
    def shown(self) -> str:
        number = int(self.value) if self.value == int(self.value) else self.value
        return f"{number}"


# ---- Chinese -----------------------------------------------------------------------------

_ZH_DIGITS = "零〇一二两三四五六七八九十百千万亿"
_ZH_NUMBER = re.compile(
    rf"(?P<pre>逾|超过|超出|多于|高于|近|将近|接近|几乎|约|大约|大概|至少|不少于|最少|最多|至多|不超过|不到|不足)?"
    rf"(?P<ord>第)?"
    rf"(?P<num>\d+(?:[.,]\d+)*|[{_ZH_DIGITS}]+)"
    r"(?P<scale>[万亿])?"
    r"(?P<post>多|余|以上|以下|左右|上下)?"
    r"(?P<unit>周年|年|个月|月|日|号|%|％)?"
)
_ZH_PRE = {
    "逾": "more_than", "超过": "more_than", "超出": "more_than", "多于": "more_than",
    "高于": "more_than", "近": "nearly", "将近": "nearly", "接近": "nearly", "几乎": "nearly",
    "约": "about", "大约": "about", "大概": "about", "至少": "at_least", "不少于": "at_least",
    "最少": "at_least", "最多": "at_most", "至多": "at_most", "不超过": "at_most",
    "不到": "less_than", "不足": "less_than",
}
_ZH_POST = {"多": "more_than", "余": "more_than", "以上": "more_than", "以下": "at_most",
            "左右": "about", "上下": "about"}
# A lone numeral character this often is a word (一些 some, 三思), not a quantity.
_ZH_MEASURE_AFTER = re.compile(r"[个名位次国州省座架枚条项天周年月日号倍%％万亿岁人]")


def _zh_value(num: str) -> float | None:
    if num[0].isdigit():
        try:
            return float(num.replace(",", ""))
        except ValueError:
            return None
    from parallax.core.light_import import import_module

    cn2an = import_module("cn2an")  # without pkg_resources
    try:
        return float(cn2an.cn2an(num, "smart"))
    except (ValueError, KeyError, IndexError):
        return None


def _find_chinese(text: str) -> list[Quantity]:
    simple = to_simplified(text)
    found: list[Quantity] = []
    for m in _ZH_NUMBER.finditer(simple):
        num = m.group("num")
        if not num[0].isdigit():
            after = simple[m.end("num"):m.end("num") + 1]
            if len(num) == 1 and not (m.group("unit") or m.group("ord") or m.group("scale")
                                      or _ZH_MEASURE_AFTER.match(after)):
                continue
            if num in {"万", "亿", "千", "百"}:
                continue
            # 一个 is "a": a word, not a figure anyone reports.
            if num == "一" and not (m.group("unit") or m.group("ord")):
                continue
        value = _zh_value(num)
        if value is None:
            continue
        if m.group("scale"):
            value *= 10_000 if m.group("scale") == "万" else 100_000_000
        unit = m.group("unit") or ""
        if m.group("ord") or unit == "周年":
            kind = "ordinal"
        elif unit == "年" and 1800 <= value < 2200:
            kind = "year"
        elif unit == "月" and 1 <= value <= 12:
            kind = "month"
        elif unit in {"日", "号"} and 1 <= value <= 31:
            kind = "day"
        elif unit in {"%", "％"}:
            kind = "percent"
        elif 1800 <= value < 2200 and num[0].isdigit() and len(num) == 4:
            kind = "year"
        else:
            kind = "count"
        qualifier = _ZH_PRE.get(m.group("pre") or "", "") or _ZH_POST.get(m.group("post") or "", "")
        if simple[max(0, m.start() - 3):m.start()] == "百分之":
            kind = "percent"
        if m.group("pre"):
            start = m.start()
        else:
            start = m.start("ord") if m.group("ord") else m.start("num")
        found.append(Quantity(value, kind, qualifier, text[start:m.end()], start, m.end()))
    return found


# ---- English -------------------------------------------------------------------------------

_EN_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90, "hundred": 100, "dozen": 12, "hundreds": 100,
}
_EN_ORDINAL_WORDS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "tenth": 10,
}
_MONTHS = {
    m: i + 1
    for i, m in enumerate(
        ["january", "february", "march", "april", "may", "june", "july", "august",
         "september", "october", "november", "december"]
    )
}
_EN_PRE = {
    "more than": "more_than", "over": "more_than", "above": "more_than",
    "in excess of": "more_than", "upwards of": "more_than", "nearly": "nearly",
    "almost": "nearly", "close to": "nearly", "about": "about", "around": "about",
    "approximately": "about", "roughly": "about", "some": "about", "an estimated": "about",
    "at least": "at_least", "no fewer than": "at_least", "no less than": "at_least",
    "at most": "at_most", "up to": "at_most", "no more than": "at_most",
    "fewer than": "less_than", "less than": "less_than", "under": "less_than",
}
_EN_PRE_PATTERN = "|".join(sorted((re.escape(p) for p in _EN_PRE), key=len, reverse=True))
_EN_NUMBER_WORDS = "|".join(sorted(_EN_WORDS, key=len, reverse=True))
_EN_UNITS = "one|two|three|four|five|six|seven|eight|nine"


@lru_cache(maxsize=1)
def _en_pattern() -> re.Pattern[str]:
    full = sorted((m.capitalize() for m in _MONTHS if m != "may"), key=len, reverse=True)
    # Abbreviations as datelines write them ("Sept 3", "Aug. 30"), with the dot kept outside.
    short = "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec"
    months = "|".join(full) + f"|(?:{short})\\.?(?=\\s+\\d)|May(?=\\s+\\d)"
    # The leading guard keeps the engine from trying every letter of every word (the check in
    # _find_english still skips what starts inside a word): 4x faster on long reports.
    return re.compile(
        rf"(?<![\w-])(?:(?P<pre>{_EN_PRE_PATTERN})\s+)?"
        r"(?:"
        rf"(?P<month>{months})(?:\s+(?P<mday>\d{{1,2}})(?:st|nd|rd|th)?\b)?"
        r"|(?P<num>\d+(?:[.,]\d+)*)(?P<ordsuf>st|nd|rd|th)?"
        rf"|(?P<word>(?:{_EN_NUMBER_WORDS})(?:[- ](?:{_EN_UNITS}))?)"
        r")"
        r"(?P<unit>\s*(?:%|per\s?cent\b)|(?:-|\s)(?:million|billion|thousand)\b)?"
        r"(?P<post>\s+or\s+more|-plus|\s+plus)?",
        re.IGNORECASE,
    )


def _month_number(name: str) -> int:
    key = name.rstrip(".").lower()
    return next(number for month, number in _MONTHS.items() if month.startswith(key[:3]))


def _find_english(text: str) -> list[Quantity]:
    found: list[Quantity] = []
    for m in _en_pattern().finditer(text):
        start = m.start()
        if start > 0 and (text[start - 1].isalnum() or text[start - 1] in "-_"):
            continue
        if m.end() < len(text) and text[m.end()].isalpha() and not m.group("month"):
            continue
        if m.group("num") and (text[m.end("num"):m.end("num") + 1] == ":"
                               or text[max(0, m.start("num") - 1):m.start("num")] == ":"):
            continue  # a clock time
        pre = (m.group("pre") or "").lower()
        qualifier = _EN_PRE.get(" ".join(pre.split()), "")
        if m.group("post"):
            qualifier = "more_than"
        if m.group("month"):
            month = _month_number(m.group("month"))
            pos = m.start("month")
            found.append(Quantity(month, "month", "", m.group("month"), pos, m.end("month")))
            if m.group("mday"):
                found.append(Quantity(float(m.group("mday")), "day", "", m.group("mday"),
                                      m.start("mday"), m.end("mday")))
            continue
        if m.group("num"):
            try:
                value = float(m.group("num").replace(",", ""))
            except ValueError:
                continue
            if m.group("num").count(".") > 1:
                continue
        else:
            words = re.split(r"[- ]", m.group("word").lower())
            value = float(sum(_EN_WORDS.get(w, 0) for w in words))
            if words[0] in {"one"} and not qualifier:
                continue  # "one of its largest" is not a quantity worth comparing
        unit = " ".join((m.group("unit") or "").lower().replace("-", " ").split())
        if unit.startswith(("%", "per")):
            kind = "percent"
        else:
            if unit:
                value *= {"thousand": 1e3, "million": 1e6, "billion": 1e9}[unit]
            if m.group("ordsuf"):
                kind = "ordinal"
            elif m.group("num") and len(m.group("num")) == 4 and 1800 <= value < 2200:
                kind = "year"
            else:
                kind = "count"
        if not pre:
            start = m.start("num") if m.group("num") else m.start("word")
        found.append(Quantity(value, kind, qualifier, text[start:m.end()].strip(), start,
                              m.end()))
    return found


# ---- times of day ----------------------------------------------------------------------------

# 点 only with minutes or 钟: "三点意见" and "5点共识" are points, not times.
_ZH_TIME = re.compile(
    r"(?<!\d)(?P<h>\d{1,2})(?:时(?:(?P<m>\d{1,2})分)?|点(?:(?P<m2>\d{1,2})分|钟))")
# "11:59 p.m.", "7.45am", "23:45": a dot needs am/pm (6.2 is a magnitude, not a time).
_EN_TIME = re.compile(
    r"(?<![\w.:])(?P<h>\d{1,2})(?:(?P<sep>[:.])(?P<m>\d{2}))?\s*"
    r"(?P<ampm>[ap]\.?\s?m\.?(?![a-z]))?", re.IGNORECASE)


def _times(text: str, pattern: re.Pattern[str], *, chinese: bool) -> list[Quantity]:
    found = []
    for m in pattern.finditer(text):
        hour = int(m.group("h"))
        minutes = m.group("m") or (m.groupdict().get("m2") if chinese else None)
        minute = int(minutes) if minutes else 0
        if not chinese:
            ampm = (m.group("ampm") or "").lower().replace(".", "").replace(" ", "")
            if m.group("sep") == "." and not ampm:
                continue
            if not m.group("sep") and not ampm:
                continue  # a bare number is no time
            if ampm == "pm" and hour < 12:
                hour += 12
            elif ampm == "am" and hour == 12:
                hour = 0
        if hour > 24 or minute > 59:
            continue
        end = m.end()
        found.append(Quantity(float(hour * 60 + minute), "time", "", text[m.start():end].strip(),
                              m.start(), end))
    return found


def _with_times(numbers: list[Quantity], times: list[Quantity]) -> list[Quantity]:
    """Times replace the numbers they are written with (23时59分 is not 23 and 59)."""
    if not times:
        return numbers
    kept = [q for q in numbers
            if not any(t.start <= q.start < t.end or q.start <= t.start < q.end for t in times)]
    return sorted(kept + times, key=lambda q: q.start)


# ---- what a number counts ----------------------------------------------------------------------

# The same few things news counts, in both languages, so "42 injured" pairs with "42人受伤"
# and never with "10 km" or "magnitude 6.2".
_ZH_UNITS = (
    ("people", ("人", "名", "位")),
    ("buildings", ("间", "户", "栋", "座", "套", "所")),
    ("distance", ("公里", "千米", "英里", "米")),
    ("magnitude", ("级",)),
    ("events", ("次", "起")),
    ("craft", ("架", "艘")),
    ("money", ("美元", "亿元", "万元", "元")),
    ("weight", ("吨",)),
    ("countries", ("个国家", "国")),
    ("regions", ("个地区", "地区", "个州", "州", "个省", "省")),
)
_EN_COUNTED = {
    "people": {"people", "persons", "person", "dead", "deaths", "killed", "injured", "wounded",
               "residents", "victims", "children", "soldiers", "rescuers", "workers", "others",
               "killing", "injuring", "injuries", "fatalities", "casualties"},
    "buildings": {"houses", "homes", "buildings", "dwellings", "structures", "households"},
    "distance": {"km", "kilometres", "kilometers", "metres", "meters", "m"},
    "distance in miles": {"miles", "mile"},  # never paired with kilometres: a conversion
    "magnitude": {"magnitude"},
    "events": {"aftershocks", "times", "tremors", "incidents", "attacks", "strikes"},
    "craft": {"aircraft", "planes", "jets", "ships", "vessels", "warships", "drones"},
    "money": {"dollars", "yuan", "euros"},
    "weight": {"tons", "tonnes"},
    "countries": {"countries", "nations", "states"},
    "regions": {"regions", "provinces", "areas", "counties", "zones", "oblasts"},
}
_EN_WORD_AT = re.compile(r"[A-Za-z]+")


def unit_of(quantity: Quantity, text: str, lang: str) -> str:
    """What a count counts ("people", "distance", ...), or "" when the text does not say."""
    if quantity.kind != "count":
        return quantity.kind
    if is_chinese(lang):
        return _zh_unit(quantity, text)
    if lang.lower().startswith("en"):
        return _en_unit(quantity, text)
    return ""


def _zh_unit(quantity: Quantity, text: str) -> str:
    following = to_simplified(text[quantity.end:quantity.end + 4]).lstrip("多余")
    preceding = text[max(0, quantity.start - 2):quantity.start]
    if "震级" in preceding or following.startswith("级"):
        return "magnitude"
    for unit, words in _ZH_UNITS:
        if following.startswith(words):
            return unit
    return ""


def _en_unit(quantity: Quantity, text: str) -> str:
    following = [w.lower() for w in _EN_WORD_AT.findall(text[quantity.end:quantity.end + 40])]
    preceding = [w.lower() for w in _EN_WORD_AT.findall(
        text[max(0, quantity.start - 30):quantity.start])]
    next_words, last_word = following[:2], preceding[-1] if preceding else ""
    if last_word == "magnitude" or next_words[:1] == ["magnitude"]:
        return "magnitude"
    for unit, words in _EN_COUNTED.items():
        if any(w in words for w in next_words) or (unit == "people" and last_word in words):
            return unit
    return ""


def find_quantities(text: str, lang: str) -> list[Quantity]:
    """Every number in `text`, normalised, with its kind and qualifier, in text order."""
    return list(_find_quantities(text, lang))


@lru_cache(maxsize=50_000)
def _find_quantities(text: str, lang: str) -> tuple[Quantity, ...]:
    return tuple(_find_quantities_uncached(text, lang))


def _find_quantities_uncached(text: str, lang: str) -> list[Quantity]:
    if not text:
        return []
    if is_chinese(lang):
        return _with_times(_find_chinese(text), _times(text, _ZH_TIME, chinese=True))
    if lang.lower().startswith("en"):
        return _with_times(_find_english(text), _times(text, _EN_TIME, chinese=False))
    return [
        Quantity(float(m.group(0).replace(",", "")), "count", "", m.group(0), m.start(), m.end())
        for m in re.finditer(r"(?<![\w.])\d+(?:,\d{3})*(?:\.\d+)?(?![\w.])", text)
    ]


def describe(quantity: Quantity) -> str:
    """'more than 50', 'exactly 15', for messages a user reads."""
    words = QUALIFIER_WORDS.get(quantity.qualifier, quantity.qualifier)
    return f"{words} {quantity.shown}"
