"""The LLM engine's pure parts: output cleaning, prompts, token budgets, availability.

None of these need llama.cpp, so they run whether or not the llm extra is installed.
"""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys

import pytest

from parallax.core.translate import llm
from parallax.core.translate.engine import LanguagePair
from parallax.core.translate.llm import (
    build_request,
    clean_output,
    is_usable,
    max_tokens_for,
)
from parallax.core.translate.prompting import follow_up, is_headline, settle

ZH_EN = LanguagePair("zh", "en")
_HAN = re.compile("[\u4e00-\u9fff]")
WANT = "Putin arrived in Mongolia on Monday."


@pytest.mark.parametrize(
    "raw",
    [
        WANT,
        f"  {WANT}  \n",
        f'"{WANT}"',
        f"“{WANT}”",
        f"Translation: {WANT}",
        f"English translation: {WANT}",
        f"**Translation:** {WANT}",
        f"Here is the translation:\n{WANT}",
        f"Here's the English translation of the sentence:\n\n\"{WANT}\"",
        f"Sure! Here is the translation:\n{WANT}\n\nNote: 周一 means Monday.",
        f"{WANT}\n\n(Note: the original uses a colloquial phrase.)",
        f"{WANT} (Note: literally 'arrived at Mongolia country')",
        f"{WANT}\nExplanation: the subject is Putin.",
        f"<think>The user wants English.</think>\n{WANT}",
        f"译文：{WANT}",
        f"The translation is:\n{WANT}",
    ],
)
def test_clean_output_strips_chatter(raw: str) -> None:
    assert clean_output(raw) == WANT


def test_clean_output_keeps_quotes_that_belong_to_the_sentence() -> None:
    text = '"The warrant is void," Ryabkov said, "and provocative."'
    assert clean_output(text) == text
    assert clean_output('The "arrest warrant" has been issued.') == (
        'The "arrest warrant" has been issued.'
    )


def test_clean_output_removes_control_characters_and_broken_bytes() -> None:
    assert clean_output("\x01Putin\ufffd visits\x13 Mongolia") == "Putin visits Mongolia"


@pytest.mark.parametrize("raw", ["", "   ", "\n\n", "Here is the translation:", "Note: none"])
def test_clean_output_of_nothing_is_empty(raw: str) -> None:
    assert clean_output(raw) == ""


def test_is_usable() -> None:
    assert is_usable(WANT, "普京周一抵达蒙古国。", "en")
    assert not is_usable("", "普京周一抵达蒙古国。", "en")
    assert not is_usable("...!?", "普京周一抵达蒙古国。", "en")
    assert not is_usable("普京周一抵达蒙古国。", "普京周一抵达蒙古国。", "en")  # an echo
    assert not is_usable("普京周一抵达 Mongolia", "普京周一抵达蒙古国。", "en")
    assert is_usable("普京周一抵达蒙古国。", "Putin arrived in Mongolia.", "zh")
    assert is_usable("The ICC (国际刑事法院) issued a warrant for Putin", "…", "en")


def test_max_tokens_grows_with_the_input_and_is_capped() -> None:
    short, longer = max_tokens_for("普京访问蒙古国。", "zh"), max_tokens_for("普京" * 40, "zh")
    assert 8 * 2 <= short < longer
    assert max_tokens_for("x" * 100_000, "en") == llm.MAX_OUTPUT_TOKENS
    english, chinese = "Putin visits Mongolia.", "普京访问蒙古国。" * 3
    assert max_tokens_for(english, "en") < max_tokens_for(chinese, "zh")


def test_chat_request_carries_context_glossary_and_sentence() -> None:
    request = build_request(
        "蒙古国是国际刑事法院成员国。",
        "普京访问蒙古国。",
        ZH_EN,
        ["国际刑事法院 = International Criminal Court"],
        chat=True,
    )
    messages = request["messages"]
    system, user = messages[0], messages[-1]
    assert system["role"] == "system" and "English translation only" in system["content"]
    assert "Never translate the context" in system["content"]
    assert user["role"] == "user"
    content = user["content"]
    # The previous source sentence only: every prompt is known before any answer comes back.
    assert "普京访问蒙古国。" in content and "Its translation" not in content
    assert "for context only (do not translate it)" in content
    assert "国际刑事法院 = International Criminal Court" in content
    assert content.endswith("Translate this sentence into English:\n蒙古国是国际刑事法院成员国。")


def test_zh_en_requests_share_the_worked_examples_before_the_sentence() -> None:
    # The same opening for every sentence, so llama.cpp's prompt cache reuses it.
    first = build_request("普京访问蒙古国。", None, ZH_EN, [], chat=True)["messages"]
    second = build_request("蒙古国是缔约国。", "普京访问蒙古国。", ZH_EN, [], chat=True)["messages"]
    assert first[:-1] == second[:-1] and first[-1] != second[-1]
    turns = [m["role"] for m in first[1:-1]]
    assert turns and turns == ["user", "assistant"] * (len(turns) // 2)
    assert all(not _HAN.search(m["content"]) for m in first[1:-1] if m["role"] == "assistant")
    # Other pairs get no Chinese examples.
    other = build_request("Putin visited Mongolia.", None, LanguagePair("en", "ru"), [], chat=True)
    assert [m["role"] for m in other["messages"]] == ["system", "user"]


def test_a_headline_is_asked_for_as_one_line() -> None:
    assert is_headline("“逮捕令”已发出,普京此刻乘专机离国,意义非凡")
    assert is_headline("Putin lands in Ulaanbaatar")
    assert not is_headline("普京抵达乌兰巴托。")
    assert not is_headline("他说:“不担心。”")
    assert not is_headline("   ")
    request = build_request("普京乘专机离国,意义非凡", None, ZH_EN, [], chat=True)
    assert "Translate this headline (one line) into English:" in request["messages"][-1]["content"]


def test_plain_request_without_template_ends_on_the_answer_cue() -> None:
    request = build_request("普京访问蒙古国。", None, ZH_EN, [], chat=False)
    assert "messages" not in request
    assert request["prompt"].endswith("普京访问蒙古国。\n\nEnglish translation:")
    assert "for context only" not in request["prompt"]
    assert "Glossary" not in request["prompt"]


def test_an_answer_with_chinese_left_gets_a_second_try_naming_it() -> None:
    sentence = "俄罗斯将国际刑事法院院长列入通缉名单。"
    request = build_request(sentence, None, ZH_EN, [], chat=True)
    answer = "Russia put the International Criminal Court院长 on its wanted list."
    retry = follow_up(request, answer, sentence, ZH_EN)
    assert retry is not None
    assert retry["messages"][:len(request["messages"])] == request["messages"]
    said, note = retry["messages"][-2:]
    assert said == {"role": "assistant", "content": answer}
    assert note["role"] == "user" and "院长 (a dictionary gives: " in note["content"]
    assert request["messages"][-1]["role"] == "user"  # the first request is left as it was
    fixed = "Russia put the president of the International Criminal Court on its wanted list."
    assert settle(answer, fixed, sentence, ZH_EN) == fixed
    # A second try that is no better, or none, or a fragment (the one word it was told about):
    # the first answer stays, its Chinese replaced by the dictionary's English.
    for second in (answer, None, "President"):
        kept = settle(answer, second, sentence, ZH_EN)
        assert not _HAN.search(kept)
        assert kept.startswith("Russia put the International Criminal Court ")
        assert kept.endswith(" on its wanted list.") and len(kept) > len(answer)
    # Only zh -> en has the dictionary: other pairs keep the answer as it is, for the checks.
    zh_ru = LanguagePair("zh", "ru")
    assert settle("Россия внесла 院长 в список.", None, sentence, zh_ru) == (
        "Россия внесла 院长 в список.")


def test_a_right_answer_or_a_plain_prompt_gets_no_second_try() -> None:
    sentence = "普京访问蒙古国。"
    chat = build_request(sentence, None, ZH_EN, [], chat=True)
    assert follow_up(chat, "Putin visits Mongolia.", sentence, ZH_EN) is None
    # A body sentence may become two English ones: only a headline must stay one line.
    long = "蒙古国是缔约国,有义务配合法院,这使访问意义特殊。"
    assert follow_up(chat, "Mongolia is a party. This makes the visit special.", long,
                     ZH_EN) is None
    plain = build_request(sentence, None, ZH_EN, [], chat=False)
    assert follow_up(plain, "Putin visits 蒙古国.", sentence, ZH_EN) is None


def test_a_headline_that_grew_a_sentence_is_asked_again_then_cut() -> None:
    headline = "美组建50国联盟,普京乘专机离国,意义非凡"
    request = build_request(headline, None, ZH_EN, [], chat=True)
    answer = "US forms 50-nation coalition, Putin flies abroad. This is a significant event."
    retry = follow_up(request, answer, headline, ZH_EN)
    assert retry is not None and "headline only" in retry["messages"][-1]["content"]
    one_line = "US forms 50-nation coalition as Putin flies abroad: a big moment"
    assert settle(answer, one_line, headline, ZH_EN) == one_line
    # Still two sentences after the second try: the headline is its first one.
    assert settle(answer, answer, headline, ZH_EN) == (
        "US forms 50-nation coalition, Putin flies abroad")


def test_available_reports_the_install_hint_without_the_binding(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    real = importlib.util.find_spec

    def find_spec(name: str, *args: object) -> object:
        return None if name == "xllamacpp" else real(name)

    monkeypatch.setattr(importlib.util, "find_spec", find_spec)
    ok, reason = llm.available()
    assert not ok
    assert "pip install parallax[llm]" in reason


def test_module_imports_and_reports_unavailable_when_xllamacpp_is_missing() -> None:
    # A fresh interpreter where importing xllamacpp fails, as on an install without the extra.
    code = (
        "import sys; sys.modules['xllamacpp'] = None; sys.modules['gguf'] = None\n"
        "from pathlib import Path\n"
        "from parallax.core.errors import TranslationError\n"
        "from parallax.core.translate import llm\n"
        "ok, reason = llm.available()\n"
        "assert not ok and 'pip install parallax[llm]' in reason, reason\n"
        "engine = llm.LlmEngine(Path('whatever.gguf'))\n"
        "try:\n"
        "    engine.translate(['普京'], 'zh', 'en')\n"
        "except TranslationError as exc:\n"
        "    print('refused:', exc)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr
    assert "refused:" in result.stdout and "pip install parallax[llm]" in result.stdout
