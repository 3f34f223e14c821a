"""compare_workspace on the samples, against hand-checked links, and on bad input."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from parallax.core.align import MUTUAL_MIN_SCORE
from parallax.core.article import Article
from parallax.core.compare import compare_workspace
from parallax.core.compare_json import comparison_to_json
from parallax.core.comparison import DELETE, EQUAL, FLAG_KINDS, INSERT, SEVERITIES, Comparison
from parallax.core.errors import Cancelled, EmptyArticleError
from parallax.core.progress import CancelToken
from parallax.core.samples import sample_workspace
from parallax.core.segment import make_article
from parallax.core.semantic import get_encoder
from parallax.core.workspace import ORIGINAL, MachineTranslation, Workspace

EXPECTED = json.loads(
    (Path(__file__).parent / "data" / "expected_links.json").read_text(encoding="utf-8")
)["sources"]
DIFFERENCE_KINDS = {"number_mismatch", "number_qualifier", "entity_only_here",
                    "entity_only_there", "unmatched_claim", "omitted_claim"}


@pytest.fixture(scope="module")
def workspace() -> Workspace:
    return sample_workspace()


@pytest.fixture(scope="module")
def comparison(workspace: Workspace) -> Comparison:
    return compare_workspace(workspace, semantic=False)


def links_of(comparison: Comparison, source: str, sentence: str) -> set[str]:
    return {link.original for link in comparison.links_to(source, sentence)}


def unexpected_links(workspace: Workspace, comparison: Comparison) -> int:
    """Checks every hand-checked link is made; returns how many links it does not allow."""
    unexpected = 0
    for source_id, sentences in EXPECTED.items():
        for sentence in workspace.source(source_id).article.sentences:
            expected = sentences.get(sentence.id, {})
            found = links_of(comparison, source_id, sentence.id)
            for original in expected.get("must", []):
                assert original in found, (source_id, sentence.id, original, found)
            if expected.get("any"):
                assert found & set(expected["any"]), (source_id, sentence.id, found)
            allowed = (set(expected.get("must", [])) | set(expected.get("any", []))
                       | set(expected.get("ok", [])))
            unexpected += len(found - allowed)
    return unexpected


def test_every_expected_link_is_found(workspace: Workspace, comparison: Comparison) -> None:
    """The pivot-text engine alone finds every hand-checked link and nothing it should not."""
    assert unexpected_links(workspace, comparison) == 0


@pytest.mark.skipif(get_encoder() is None, reason="the sentence-embedding model is not installed")
def test_embeddings_keep_every_expected_link(workspace: Workspace) -> None:
    """With the embedding model, every hand-checked link is still made; it links a few more
    report sentences the pivot texts leave unlinked. 4 links are looser than the hand-made
    list allows, 2 of them where a doubtful pivot-text link gave way to the sentence the
    embeddings find far more likely (on real reports with a fluent pivot that rule removes
    more wrong links than it adds): a measured limit, not a goal."""
    assert unexpected_links(workspace, compare_workspace(workspace, semantic=True)) <= 4


def test_no_link_below_the_threshold(workspace: Workspace, comparison: Comparison) -> None:
    """Under the threshold only a pair that is clearly each sentence's best match links
    (`align.mutual_links`); a raised threshold admits nothing under it."""
    report_links = [link for link in comparison.links if link.source != "src1"]
    assert report_links and all(link.score >= MUTUAL_MIN_SCORE for link in report_links)
    stricter = compare_workspace(workspace, min_score=0.5, semantic=False)
    assert all(link.score >= 0.5 for link in stricter.links if link.source != "src1")
    assert len(stricter.links) < len(comparison.links)


def test_translation_is_aligned_one_to_one(comparison: Comparison) -> None:
    pairs = [(link.original, link.sentence) for link in comparison.links if link.source == "src1"]
    assert pairs == [(f"s{i}", f"s{i}") for i in range(1, 46)]
    assert any("used as its en text" in note for note in comparison.notes)


def test_report_links_carry_word_diffs(comparison: Comparison) -> None:
    link = comparison.best_link("s37", "src5")
    assert link is not None and link.sentence == "s2"
    ops = {span.op for span in link.diff}
    assert {EQUAL, DELETE, INSERT} <= ops
    assert any("Ryabkov" in span.text for span in link.diff if span.op == EQUAL)


def test_each_flag_kind_is_raised_where_it_should_be(comparison: Comparison) -> None:
    def has(kind: str, original: str | None, source: str | None, sentence: str | None) -> bool:
        return any(f.kind == kind and f.original == original and f.source == source
                   and f.sentence == sentence for f in comparison.flags)

    assert has("headline_escalation", "title", None, None)
    assert has("number_qualifier", "s9", "src2", "s10")  # 15 vs at least 15
    assert has("number_qualifier", "s18", "src3", "s11")  # 50 vs nearly 50
    assert has("number_mismatch", "s18", "src4", "s7")  # 50 vs 约40
    assert has("entity_only_there", "s29", "src2", "s4")  # Dmitry Peskov
    assert has("entity_only_there", "s24", "src4", "s1")  # 乌兰巴托
    assert has("loaded_word", "s17", None, None)  # 野蛮行径
    assert has("vague_attribution", "s10", None, None)  # 外界普遍认为
    assert has("vague_attribution", "s28", None, None)  # 一些西方媒体
    assert has("hedge", "s33", None, None)  # 无疑
    def in_report(kind: str, source: str, sentence: str, text: str) -> bool:
        return any(f.kind == kind and f.source == source and f.sentence == sentence
                   and f.text.lower() == text for f in comparison.flags)

    assert in_report("loaded_word", "src3", "s9", "brutal")
    assert in_report("vague_attribution", "src3", "s7", "it is widely believed")
    assert in_report("hedge", "src3", "s4", "perhaps")
    assert in_report("loaded_word", "src4", "s2", "隆重")
    # s45 shares nothing with any report; s1 has near misses: only s45 is called unmatched.
    assert has("unmatched_claim", "s45", None, None)
    assert has("no_close_match", "s1", None, None)
    assert not has("unmatched_claim", "s35", None, None)
    assert {f.kind for f in comparison.flags} >= set(FLAG_KINDS) - {"omitted_claim"}
    assert all(0.0 <= f.confidence <= 1.0 and f.severity in SEVERITIES
               for f in comparison.flags)


def test_unlinked_report_sentences_are_listed_apart(
    workspace: Workspace, comparison: Comparison
) -> None:
    listed = {(r.source, r.sentence) for r in comparison.report_only}
    for source in workspace.reports():
        for sentence in source.article.sentences:
            linked = bool(links_of(comparison, source.id, sentence.id))
            assert linked != ((source.id, sentence.id) in listed)
    # Not confident without the embedding model: none of them is also a flag.
    assert not any(r.confident for r in comparison.report_only)


def test_claim_flags_only_when_nothing_comes_close() -> None:
    """A claim flag needs every report to be far from the sentence; a near miss is "no
    close match". An invented report that tells only the first sentence's story."""
    original = make_article("地震", ["昨晚甘南发生5级地震，造成3人受伤。",
                                     "当地学校今天停课一天。"], lang="zh")
    related = make_article("Quake", ["A magnitude 5 quake hit southern Gansu last night, "
                                     "injuring three people."], lang="en")
    base = Workspace(original).with_source(related, "report", "related")
    comparison = compare_workspace(base, semantic=False)
    kinds = {f.original: f.kind for f in comparison.flags
             if f.kind in {"unmatched_claim", "no_close_match"}}
    # s1 shares the figures and the place: never called a claim no one makes.
    assert kinds.get("s1") != "unmatched_claim"
    # s2 shares nothing with the report.
    assert kinds.get("s2") == "unmatched_claim"
    assert all(f.confidence <= 1.0 for f in comparison.flags)


def test_identical_report_raises_no_difference_flags() -> None:
    base = sample_workspace(with_sources=False)
    twin = base.with_source(base.original, "report", "same text")
    comparison = compare_workspace(twin)
    assert not [f for f in comparison.flags if f.kind in DIFFERENCE_KINDS]
    assert not [f for f in comparison.flags if f.source is not None]
    for sentence in base.original.sentences:
        best = comparison.best_link(sentence.id, "src1")
        assert best is not None and best.sentence == sentence.id
        assert all(span.op == EQUAL for span in best.diff)


def test_machine_translation_is_the_pivot_and_versions_are_diffed(workspace: Workspace) -> None:
    human = workspace.source("src1").article
    texts = {s.id: s.text.replace("Putin", "President Putin") for s in human.sentences}
    machine = MachineTranslation("test", "1", "zh", "en", texts)
    with_mt = workspace.with_translation(ORIGINAL, machine)
    comparison = compare_workspace(with_mt)
    link = comparison.best_link("s5", "src1")
    assert link is not None
    assert any(span.op == DELETE and "President" in span.text for span in link.diff)
    assert not any("used as its en text" in note for note in comparison.notes)


def test_empty_report_is_a_clear_error(workspace: Workspace) -> None:
    empty = Article(title="Empty", body="", paragraphs=(), lang="en")
    with pytest.raises(EmptyArticleError, match="no sentences"):
        compare_workspace(workspace.with_source(empty, "report", "empty report"))


def test_language_without_pivot_is_noted_and_still_compared() -> None:
    base = sample_workspace(with_sources=False)
    russian = make_article(
        "Путин в Монголии",
        ["Путин прибыл в Улан-Батор на 85-ю годовщину битвы. Ордер МУС действует с марта."],
        lang="ru",
    )
    comparison = compare_workspace(base.with_source(russian, "report", "Russian report"))
    assert any("Russian report" in note and "no en translation" in note
               for note in comparison.notes)
    assert all(link.diff == () for link in comparison.links)


def test_original_without_any_translation_uses_the_gloss() -> None:
    base = sample_workspace(with_sources=False)
    report = sample_workspace().source("src5").article
    comparison = compare_workspace(base.with_source(report, "report", "brief"))
    assert any("gloss" in note for note in comparison.notes)
    # A gloss is no translation, but its gazetteer names, numbers and content words anchor
    # every hand-checked link of the brief.
    for sentence, expected in EXPECTED["src5"].items():
        for original in expected.get("must", []):
            assert original in links_of(comparison, "src1", sentence), (sentence, original)


def test_progress_and_cancel(workspace: Workspace) -> None:
    seen: list[tuple[int, int]] = []
    compare_workspace(workspace, on_progress=lambda d, t: seen.append((d, t)))
    assert seen[-1][0] == seen[-1][1] == len(workspace.sources) + 2
    token = CancelToken()
    token.cancel()
    with pytest.raises(Cancelled):
        compare_workspace(workspace, cancel=token)


def test_json_contract(workspace: Workspace, comparison: Comparison) -> None:
    data = comparison_to_json(workspace, comparison)
    assert data["version"] == 1
    assert set(data["original"]) >= {"title", "outlet", "published", "lang", "sentences"}
    assert set(data["original"]["sentences"][0]) == {"id", "text", "translation", "note",
                                                     "headline"}
    # The headline is listed first as sentence "title", so every id the alignments and flags
    # use is found among the sentences.
    first = data["original"]["sentences"][0]
    assert (first["id"], first["text"], first["headline"]) == ("title", workspace.original.title,
                                                               True)
    ids = {(key, s["id"]) for key, article in [("original", data["original"]),
                                               *[(a["id"], a) for a in data["sources"]]]
           for s in article["sentences"]}
    for link in data["alignments"]:
        assert ("original", link["original"]) in ids and (link["source"], link["sentence"]) in ids
    assert [s["id"] for s in data["sources"]] == ["src1", "src2", "src3", "src4", "src5"]
    assert set(data["sources"][0]) >= {"id", "role", "path", "title", "outlet", "lang",
                                       "sentences"}
    assert set(data["alignments"][0]) == {"original", "source", "sentence", "score", "diff",
                                          "by"}
    assert set(data["flags"][0]) >= {"kind", "original", "source", "sentence", "text", "detail",
                                     "severity", "confidence", "count", "also"}
    assert data["report_only"] and set(data["report_only"][0]) == {
        "source", "sentence", "nearest", "closeness", "confident"}
    json.dumps(data, ensure_ascii=False)


@pytest.mark.slow
def test_five_thousand_sentence_report_does_not_blow_up(workspace: Workspace) -> None:
    report = workspace.source("src2").article
    sentences = [s.text for s in report.sentences]
    paragraphs = [" ".join(f"{text[:-1]} (item {i * len(sentences) + k})."
                           for k, text in enumerate(sentences)) for i in range(417)]
    big = make_article("Long report", paragraphs, lang="en")
    assert big.sentence_count >= 5000
    base = replace(workspace, sources=(workspace.source("src1"),))
    comparison = compare_workspace(base.with_source(big, "report", "long"))
    assert all(link.score >= MUTUAL_MIN_SCORE
               for link in comparison.links if link.source == "src2")
    assert len(comparison.links_to("src2", "s1")) >= 1


@pytest.mark.skipif(get_encoder() is None, reason="the sentence-embedding model is not installed")
def test_a_budget_of_nothing_uses_the_embeddings_only_when_they_are_free() -> None:
    import uuid

    tag = uuid.uuid4().hex[:8]  # sentences no earlier test has embedded
    original = make_article(f"Bridge {tag}", [f"The {tag} bridge reopened on Monday.",
                                              "Traffic was light in the morning."], lang="en")
    report = make_article(f"Traffic {tag}", [f"Cars crossed the {tag} bridge again.",
                                             "Few drivers were out early."], lang="en")
    workspace = Workspace(original).with_source(report, "report", "Wire")
    quick = compare_workspace(workspace, semantic_budget=0)
    assert not quick.embedded and not any("embedding" in note for note in quick.notes)
    refined = compare_workspace(workspace, semantic=True)  # embeds them
    assert refined.embedded
    again = compare_workspace(workspace, semantic_budget=0)
    assert again.embedded and _links_of(again) == _links_of(refined)


def _links_of(comparison: Comparison) -> set[tuple[str, str, str]]:
    return {(link.original, link.source, link.sentence) for link in comparison.links}
