"""The LLM engine's pure parts: output cleaning, prompts, token budgets, availability.

None of these need llama.cpp, so they run whether or not the llm extra is installed.
"""

from __future__ import annotations

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

ZH_EN = LanguagePair("zh", "en")
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
    system, user = request["messages"]
    assert system["role"] == "system" and "English translation only" in system["content"]
    assert user["role"] == "user"
    content = user["content"]
    # The previous source sentence only: every prompt is known before any answer comes back.
    assert "普京访问蒙古国。" in content and "Its translation" not in content
    assert "国际刑事法院 = International Criminal Court" in content
    assert content.rstrip().endswith("蒙古国是国际刑事法院成员国。")


def test_plain_request_without_template_ends_on_the_answer_cue() -> None:
    request = build_request("普京访问蒙古国。", None, ZH_EN, [], chat=False)
    assert "messages" not in request
    assert request["prompt"].endswith("普京访问蒙古国。\n\nEnglish translation:")
    assert "Previous sentence" not in request["prompt"]
    assert "Use these translations" not in request["prompt"]


def test_available_reports_the_install_hint_without_the_binding(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    real = llm.importlib.util.find_spec

    def find_spec(name: str, *args: object) -> object:
        return None if name == "xllamacpp" else real(name)

    monkeypatch.setattr(llm.importlib.util, "find_spec", find_spec)
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
