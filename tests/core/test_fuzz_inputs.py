"""Fuzzing every reader of untrusted bytes: article loaders, workspace files, model metadata and
GGUF headers. Whatever the input, the outcome is a result or a `ParallaxError` (one line for
the user), never another exception, and each example stays within a memory limit and a hang
guard.

The normal run tries a bounded number of examples; `make fuzz` sets PARALLAX_FUZZ_EXAMPLES to
run many more.
"""

from __future__ import annotations

import io
import json
import os
import signal
import struct
import tempfile
import tracemalloc
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from parallax.core.errors import ModelPackageError, ParallaxError
from parallax.core.loaders import (
    decode_bytes,
    load_docx_bytes,
    load_html,
    load_text,
    strip_markdown,
)
from parallax.core.samples import sample_workspace
from parallax.core.workspace import Workspace

EXAMPLES = int(os.environ.get("PARALLAX_FUZZ_EXAMPLES", "40"))
MEMORY_LIMIT = 128 * 1024 * 1024  # Python allocations of one example: far above any real input
HANG_GUARD_S = 30  # not a speed test: an example still running after this is stuck

FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize=EXAMPLES <= 100,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


class _StuckError(Exception):
    pass


@contextmanager
def bounded() -> Iterator[None]:
    """Fail an example that allocates past MEMORY_LIMIT or is still running after the guard."""
    def stuck(signum: int, frame: Any) -> None:
        raise _StuckError(f"still running after {HANG_GUARD_S} s")

    previous = signal.signal(signal.SIGALRM, stuck)
    signal.alarm(HANG_GUARD_S)
    tracemalloc.start()
    try:
        yield
        _, peak = tracemalloc.get_traced_memory()
        assert peak <= MEMORY_LIMIT, f"allocated {peak / 2**20:.0f} MB"
    finally:
        tracemalloc.stop()
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def only_parallax_errors(call: Callable[[], object]) -> None:
    with bounded():
        try:
            call()
        except ParallaxError as exc:
            assert str(exc).strip(), "an error with no message"


# ---- article loaders -------------------------------------------------------------------------

_TEXTY = st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=400)
_MARKUP = st.lists(st.sampled_from(
    ["<p>", "</p>", "<div>", "</div>", "<script>", "</script>", "<!--", "-->", "<title>",
     "</title>", "<![CDATA[", "&amp;", "&#x10FFFF;", "&#0;", "<html>", "<body>", "普京抵达蒙古。",
     "外界普遍认为", "Putin arrived.", "\x00", "\ufeff", "<meta charset=gbk>", "<<>>"]),
    max_size=60).map("".join)


@FUZZ
@given(st.binary(max_size=2000))
def test_any_bytes_decode_or_give_a_clear_error(data: bytes) -> None:
    only_parallax_errors(lambda: decode_bytes(data, "f.txt"))


@FUZZ
@given(_TEXTY, st.booleans())
def test_any_text_loads_or_gives_a_clear_error(text: str, markdown: bool) -> None:
    only_parallax_errors(lambda: load_text(text, markdown=markdown, lang="zh"))


@FUZZ
@given(st.text(alphabet="*_`[]()!#> -\n中a", max_size=3000))
def test_markdown_stripping_never_fails(text: str) -> None:
    with bounded():
        strip_markdown(text)


@FUZZ
@given(st.one_of(_MARKUP, _MARKUP.map(lambda s: s.encode("utf-8")), st.binary(max_size=500)))
def test_any_page_loads_or_gives_a_clear_error(page: str | bytes) -> None:
    only_parallax_errors(lambda: load_html(page))


def _docx_with(document: bytes, name: str = "word/document.xml") -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(name, document)
    return buffer.getvalue()


@FUZZ
@given(st.one_of(
    st.binary(max_size=600),
    _MARKUP.map(lambda s: _docx_with(s.encode("utf-8"))),
    st.binary(max_size=300).map(_docx_with),
    st.binary(max_size=300).map(lambda b: _docx_with(b, "word/other.xml")),
))
def test_any_docx_loads_or_gives_a_clear_error(data: bytes) -> None:
    only_parallax_errors(lambda: load_docx_bytes(data, source="f.docx"))


# ---- workspace files -------------------------------------------------------------------------

_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                                 max_size=4),
    max_leaves=30,
)
_SAMPLE = sample_workspace().to_dict()


def _paths(data: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(data, dict):
        for key, value in data.items():
            found += _paths(value, (*prefix, key))
    elif isinstance(data, list):
        for n, value in enumerate(data[:3]):
            found += _paths(value, (*prefix, n))
    return found


_SAMPLE_PATHS = [p for p in _paths(_SAMPLE) if p][:400]


def _mutated(path: tuple[Any, ...], value: Any) -> dict[str, Any]:
    data = json.loads(json.dumps(_SAMPLE))
    target = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return dict(data)


@FUZZ
@given(st.one_of(
    _JSON,
    st.builds(_mutated, st.sampled_from(_SAMPLE_PATHS), _JSON),
    st.integers(1, 5000).map(lambda depth: "[" * depth + "]" * depth),
))
def test_any_workspace_file_loads_or_gives_a_clear_error(data: Any) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "w.parallax"
        path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")

        def load() -> None:
            workspace = Workspace.load(path)
            workspace.to_json()  # what loads must save again
        only_parallax_errors(load)


# ---- model metadata ---------------------------------------------------------------------------

_CODES = st.one_of(st.sampled_from(["zh", "en", "pt-BR", "zt", "../x", "", "zh/en", "ZH"]),
                   st.text(max_size=12), _JSON)


@FUZZ
@given(st.one_of(
    st.fixed_dictionaries({"from_code": _CODES, "to_code": _CODES},
                          optional={"type": _JSON, "package_version": _JSON}),
    _JSON,
).map(json.dumps) | st.binary(max_size=200).map(lambda b: b.decode("latin-1")))
def test_any_model_metadata_is_read_or_refused(meta: str) -> None:
    from parallax.core.translate.models import _CODE, read_metadata

    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "metadata.json").write_text(meta, encoding="utf-8")
        with bounded():
            try:
                data = read_metadata(Path(folder))
            except ModelPackageError:
                return
        for key in ("from_code", "to_code"):
            assert _CODE.match(data[key].lower()), data[key]


# ---- GGUF headers -----------------------------------------------------------------------------

def _gguf_prefix(version: int, tensors: int, fields: int) -> bytes:
    return b"GGUF" + struct.pack("<IQQ", version, tensors, fields)


_GGUF = st.one_of(
    st.binary(max_size=300).map(lambda b: b"GGUF" + b),
    st.builds(lambda v, t, f, rest: _gguf_prefix(v, t, f) + rest,
              st.sampled_from([1, 2, 3, 2**24]), st.integers(0, 2**64 - 1),
              st.integers(0, 2**64 - 1), st.binary(max_size=300)),
    st.builds(lambda count, kind, inner, n, rest: _gguf_prefix(3, 0, count) + struct.pack(
        "<Q", 3) + b"key" + struct.pack("<IIQ", kind, inner, n) + rest,
        st.integers(0, 3), st.integers(0, 13), st.integers(0, 13), st.integers(0, 2**64 - 1),
        st.binary(max_size=100)),
)


@pytest.fixture(scope="module")
def real_gguf(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    from support.gguf_model import write_tiny_llama

    return write_tiny_llama(tmp_path_factory.mktemp("gguf") / "tiny.gguf").read_bytes()


@FUZZ
@given(data=st.data())
def test_any_gguf_header_is_read_or_refused(real_gguf: bytes, data: st.DataObject) -> None:
    from parallax.core.translate.gguf_models import inspect_gguf

    raw = data.draw(st.one_of(
        _GGUF,
        st.builds(lambda at, junk: real_gguf[:at] + junk + real_gguf[at + len(junk):],
                  st.integers(0, 3000), st.binary(min_size=1, max_size=16)),
        st.integers(0, len(real_gguf)).map(lambda at: real_gguf[:at]),
    ))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "m.gguf"
        path.write_bytes(raw)
        only_parallax_errors(lambda: inspect_gguf(path))


# ---- model package entries --------------------------------------------------------------------

_PARTS = st.sampled_from(["pkg", "model", "..", ".", "", "C:", "\\", "x" * 5, ".hidden",
                          "metadata.json", "é"])


@FUZZ
@given(st.lists(st.lists(_PARTS, min_size=1, max_size=5).map("/".join).filter(bool),
                min_size=1, max_size=8, unique=True))
def test_package_entries_never_land_outside_the_work_folder(names: list[str]) -> None:
    from parallax.core.translate.models import _check_entries, _extract

    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        package = root / "p.argosmodel"
        with zipfile.ZipFile(package, "w") as zf:
            for name in names:
                zf.writestr(name, b"x")
        work = root / "work"
        work.mkdir()
        with bounded(), zipfile.ZipFile(package) as zf:
            try:
                _check_entries(zf)
                _extract(zf, work)
            except ModelPackageError:
                pass
            except (OSError, ValueError):
                pass  # a name the file system refuses: still inside, still no traceback path
        outside = sorted(p.name for p in root.iterdir())
        assert outside == ["p.argosmodel", "work"], outside
