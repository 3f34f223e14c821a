"""The sample workspace: the seed plus the sample translation and reports in the manifest."""

from __future__ import annotations

import json

from parallax.core.samples import sample_manifest, sample_workspace, samples_dir


def test_manifest_lists_existing_files_with_roles() -> None:
    entries = sample_manifest()
    assert len(entries) == 5
    assert {e["role"] for e in entries} == {"translation", "report"}
    for entry in entries:
        assert (samples_dir() / entry["file"]).is_file()
        assert entry["label"]


def test_every_sample_is_marked_as_written_for_parallax() -> None:
    workspace = sample_workspace()
    for source in workspace.sources:
        assert source.article.outlet is not None
        assert "Parallax" in source.article.outlet
        assert source.article.published is not None


def test_translation_matches_the_seed_sentence_by_sentence() -> None:
    workspace = sample_workspace()
    (translation,) = workspace.versions()
    original = workspace.original
    assert translation.article.lang == "en"
    assert translation.article.sentence_count == original.sentence_count == 45
    assert [len(p.sentences) for p in translation.article.paragraphs] == [
        len(p.sentences) for p in original.paragraphs
    ]
    assert "coalition" in translation.article.title


def test_reports_cover_english_and_chinese() -> None:
    workspace = sample_workspace()
    langs = sorted(s.article.lang for s in workspace.reports())
    assert langs == ["en", "en", "en", "zh"]
    assert not sample_workspace(with_sources=False).sources


def test_manifest_languages_are_what_detection_finds() -> None:
    """The sample skips language detection on start; what it writes down must stay true."""
    from parallax.core.loaders import load_path
    from parallax.core.paths import sample_article_path
    from parallax.core.samples import load_sample

    manifest = json.loads((samples_dir() / "manifest.json").read_text(encoding="utf-8"))
    files = [(sample_article_path(), manifest["seed_lang"])] + [
        (samples_dir() / e["file"], e["lang"]) for e in manifest["sources"]
    ]
    for path, lang in files:
        detected = load_path(path)
        assert detected.lang == lang, path.name
        assert load_sample(path, lang) == detected
