"""TMX 1.4 translation memory: the original's sentences paired with each translation of them.

Written with translate-toolkit's `tmxfile`, the same library CAT-tool pipelines use, so OmegaT,
Trados and memoQ import it. One translation unit per pair: the machine translation (a hand
edit when the user made one) and every source with the role "translation"; other outlets'
reports only with `include_reports`, as they are parallel reporting, not translations.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import TYPE_CHECKING

from lxml import etree
from translate.storage.tmx import tmxfile

from parallax import __version__
from parallax.core.comparison import Comparison
from parallax.core.export.report import sentence_text
from parallax.core.export.text import clean_text
from parallax.core.progress import CancelToken, ProgressCallback
from parallax.core.workspace import ORIGINAL, TITLE, Source, Workspace

if TYPE_CHECKING:
    from parallax.core.export import ExportOptions

# Region-qualified codes where CAT tools expect them: bare "zh" is ambiguous between scripts.
_TMX_CODES = {
    "zh": "zh-CN", "zh-hans": "zh-CN", "zh-cn": "zh-CN", "zh-sg": "zh-SG",
    "zh-hant": "zh-TW", "zh-tw": "zh-TW", "zh-hk": "zh-HK", "zh-mo": "zh-MO",
}


def tmx_language(code: str) -> str:
    """A language code as TMX (RFC 3066/BCP 47) expects it: zh -> zh-CN, zh-Hant -> zh-TW."""
    key = (code or "").strip().replace("_", "-").lower()
    if not key or key == "und":
        return "und"
    if key in _TMX_CODES:
        return _TMX_CODES[key]
    base, _, region = key.partition("-")
    return f"{base}-{region.upper()}" if len(region) == 2 else key


@dataclass(frozen=True)
class Pair:
    """One translation unit: an original sentence and its counterpart in one language."""

    tuid: str
    source_text: str
    target_text: str
    target_lang: str
    origin: str  # who made the target: engine or source label
    score: float | None = None


def _machine_pairs(workspace: Workspace) -> Iterator[Pair]:
    machine = workspace.translations.get(ORIGINAL)
    edited = workspace.edits.get(ORIGINAL, {})
    if machine is None and not edited:
        return
    lang = machine.target_lang if machine else workspace.settings.pivot_lang
    engine = f"{machine.engine} {machine.engine_version}" if machine else "hand translation"
    if machine is not None and machine.model_version:  # which exact model, for reproduction
        engine += f" model-version {machine.model_version}"
    original = workspace.original
    for sid in [TITLE, *(s.id for s in original.sentences)]:
        target = workspace.translation_text(ORIGINAL, sid)
        if target:
            origin = "edited by hand" if sid in edited else engine
            yield Pair(f"mt:{sid}", sentence_text(original, sid), target, lang, origin)


def _source_pairs(workspace: Workspace, comparison: Comparison, source: Source) -> Iterator[Pair]:
    original = workspace.original
    title_link = comparison.best_link(TITLE, source.id)
    if title_link is None and original.title and source.article.title:
        yield Pair(f"{source.id}:{TITLE}", original.title, source.article.title,
                   source.article.lang, source.display_name)
    for sid in [TITLE, *(s.id for s in original.sentences)]:
        link = comparison.best_link(sid, source.id)
        if link is None:
            continue
        target = sentence_text(source.article, link.sentence)
        yield Pair(f"{source.id}:{sid}", sentence_text(original, sid), target,
                   source.article.lang, source.display_name, link.score)


def tmx_pairs(workspace: Workspace, comparison: Comparison,
              include_reports: bool = False) -> list[Pair]:
    """Every pair the TMX holds, in document order per source; empty sides are left out."""
    source_lang = tmx_language(workspace.original.lang)
    sources = workspace.versions() + (workspace.reports() if include_reports else ())
    pairs = list(_machine_pairs(workspace))
    for source in sources:
        pairs.extend(_source_pairs(workspace, comparison, source))
    return [
        p for p in pairs
        if clean_text(p.source_text).strip() and clean_text(p.target_text).strip()
        and tmx_language(p.target_lang) != source_lang
    ]


def _prop(unit_element: etree._Element, kind: str, value: str) -> None:
    prop = etree.Element("prop")
    prop.set("type", kind)
    prop.text = clean_text(value)
    first_tuv = unit_element.find("tuv")
    if first_tuv is None:
        unit_element.append(prop)
    else:
        first_tuv.addprevious(prop)


def build_tmx(
    workspace: Workspace,
    comparison: Comparison,
    include_reports: bool = False,
    cancel: CancelToken | None = None,
) -> bytes:
    source_lang = tmx_language(workspace.original.lang)
    store = tmxfile(sourcelanguage=source_lang)
    store.addheader()
    header = store.document.getroot().find("header")
    for name, value in (
        ("creationtool", "Parallax"),
        ("creationtoolversion", __version__),
        ("segtype", "sentence"),
        ("o-tmf", "Parallax"),
        ("adminlang", "en"),
        ("srclang", source_lang),
        ("datatype", "plaintext"),
        ("creationdate", datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")),
    ):
        header.set(name, value)
    for n, pair in enumerate(tmx_pairs(workspace, comparison, include_reports)):
        if cancel is not None and n % 200 == 0:
            cancel.raise_if_cancelled()
        unit = store.addsourceunit(
            clean_text(pair.source_text), source_lang)
        unit.settarget(clean_text(pair.target_text), tmx_language(pair.target_lang), append=True)
        unit.xmlelement.set("tuid", pair.tuid)
        _prop(unit.xmlelement, "x-parallax-origin", pair.origin)
        if pair.score is not None:
            _prop(unit.xmlelement, "x-parallax-score", f"{pair.score:.2f}")
    return bytes(store)


def export_bytes(
    workspace: Workspace,
    comparison: Comparison,
    options: ExportOptions,
    on_progress: ProgressCallback | None = None,
    cancel: CancelToken | None = None,
) -> bytes:
    data = build_tmx(workspace, comparison, options.include_reports, cancel)
    if on_progress is not None:
        on_progress(1, 1)
    return data
