"""Engine listing and selection."""

from __future__ import annotations

from pathlib import Path

import pytest

from parallax.core.errors import TranslationError
from parallax.core.translate.argos import ArgosEngine
from parallax.core.translate.engine import LanguagePair
from parallax.core.translate.engines import available_engines, default_engine, get_engine
from parallax.core.translate.gloss import GlossEngine
from parallax.core.translate.models import install_model


def test_without_models_gloss_is_the_default(isolated_home: Path) -> None:
    infos = {info.name: info for info in available_engines()}
    assert not infos["argos"].available
    assert "models install" in infos["argos"].reason
    assert infos["gloss"].available
    assert isinstance(default_engine(), GlossEngine)


def test_with_a_model_argos_is_the_default(isolated_home: Path,
                                           tiny_packages: dict[LanguagePair, Path]) -> None:
    install_model(tiny_packages[LanguagePair("zh", "en")])
    infos = {info.name: info for info in available_engines()}
    assert infos["argos"].available
    assert "zh->en" in infos["argos"].reason
    assert isinstance(default_engine("en", "zh"), ArgosEngine)
    assert isinstance(default_engine("ru", "zh"), GlossEngine)  # no zh->ru route


def test_llm_entry_is_optional(isolated_home: Path) -> None:
    infos = [info for info in available_engines() if info.name == "llm"]
    assert len(infos) <= 1
    for info in infos:
        assert info.reason


def test_get_engine_by_name(tmp_path: Path) -> None:
    argos = get_engine("argos", beam_size=3, threads=1, models_dir=tmp_path)
    assert isinstance(argos, ArgosEngine)
    assert (argos.beam_size, argos.threads) == (3, 1)
    assert isinstance(get_engine("gloss"), GlossEngine)
    with pytest.raises(TranslationError, match="Unknown engine"):
        get_engine("babelfish")
