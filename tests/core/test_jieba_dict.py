"""jieba over the memory-mapped table segments and tags exactly as jieba over its own dicts."""

from __future__ import annotations

import random
from pathlib import Path

import jieba
import pytest
from jieba import posseg

from parallax.core import jieba_dict, language, lexicon
from parallax.core.samples import samples_dir
from parallax.core.wordlist import Table

# Invented news-like pieces, mixed with the samples' own characters, Latin, digits and
# punctuation, so names, numbers, unknown words (jieba's HMM) and mixed runs all occur.
_PIECES = ["普京", "蒙古国", "乌兰巴托", "国际刑事法院", "克里姆林宫", "外交部发言人", "表示",
           "2024年9月3日", "百分之十五", "约3.5亿美元", "新华社", "据报道", "双方", "会谈",
           "COVID-19", "NATO", "iPhone 15", "格拉西莫夫", "，", "。", "“", "”", "、", " ",
           "泽连斯基", "呼日勒苏赫", "签署了", "协议", "天然气管道", "西伯利亚力量2号"]


def _sentences(count: int) -> list[str]:
    text = "\n".join(p.read_text(encoding="utf-8") for p in sorted(samples_dir().glob("*.zh.txt")))
    lines = [line for line in text.splitlines() if line.strip()]
    chars = sorted(set(text) - {"\n"})
    rng = random.Random(16)
    for _ in range(count):
        parts = [rng.choice(_PIECES) if rng.random() < 0.4
                 else "".join(rng.choice(chars) for _ in range(rng.randint(1, 6)))
                 for _ in range(rng.randint(2, 12))]
        lines.append("".join(parts))
    return lines


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> tuple[object, object]:
    """jieba's own tokenizer and POS tokenizer, given the gazetteer's names as lexicon does."""
    tokenizer = jieba.Tokenizer()
    tokenizer.tmp_dir = str(tmp_path_factory.mktemp("jieba"))  # its cache, not the temp folder
    tokenizer.initialize()
    for entry in lexicon.gazetteer():
        for name in entry.zh:
            if len(name) > 1:
                tokenizer.add_word(name, freq=200_000, tag=language._JIEBA_TAG[entry.type])
    return tokenizer, posseg.POSTokenizer(tokenizer)


def test_words_and_tags_are_jiebas_own(reference: tuple[object, object]) -> None:
    tokenizer, tagger = reference
    language.jieba_module()
    sentences = _sentences(400)
    assert len(sentences) > 420
    for sentence in sentences:
        assert list(jieba.cut(sentence)) == list(tokenizer.cut(sentence)), sentence  # type: ignore[attr-defined]
        assert list(jieba.cut(sentence, HMM=False)) == list(
            tokenizer.cut(sentence, HMM=False)), sentence  # type: ignore[attr-defined]
        ours = [(p.word, p.flag) for p in posseg.cut(sentence)]
        theirs = [(p.word, p.flag) for p in tagger.cut(sentence)]  # type: ignore[attr-defined]
        assert ours == theirs, sentence


def test_counts_answer_as_jiebas_dict(reference: tuple[object, object]) -> None:
    tokenizer = reference[0]
    ours = language.jieba_module().dt
    assert ours.total == tokenizer.total  # type: ignore[attr-defined]
    freq = tokenizer.FREQ  # type: ignore[attr-defined]
    for word in ["普京", "普", "克里姆林", "克里姆林宫", "中华人民共和国", "不存在的词语", "x"]:
        assert (word in ours.FREQ) == (word in freq), word
        assert ours.FREQ.get(word) == freq.get(word), word
    assert ours.suggest_freq("普京访问") == tokenizer.suggest_freq("普京访问")  # type: ignore[attr-defined]


def test_the_table_is_built_once_and_rebuilt_when_damaged(tmp_path: Path) -> None:
    table = jieba_dict.open_table(tmp_path)
    folder = table.folder
    assert folder.parent == tmp_path
    built = (folder / "keys.marisa").stat().st_mtime_ns
    assert jieba_dict.open_table(tmp_path).folder == folder
    assert (folder / "keys.marisa").stat().st_mtime_ns == built  # opened, not rebuilt
    (folder / "values.bin").write_bytes(b"")
    again = jieba_dict.open_table(tmp_path)
    assert isinstance(again, Table) and len(again.columns["count"]) == len(again)
    assert [p.name for p in tmp_path.iterdir()] == [folder.name]  # no work folder left
