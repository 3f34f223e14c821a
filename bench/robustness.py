"""The hostile-input matrix: bad files, careless commands and planted markup, through the real
CLI (a subprocess per case), the core API and the GUI's dialogs (offscreen).

    python bench/robustness.py [--timeout 60] [--skip-growth]

Each case is classified by what happened:

- clear error:     exit 2 with one line on stderr (or a ParallaxError in-process)
- handled:         the command succeeded, and did the right thing
- traceback:       a Python traceback, another exit code, or an error that is not ours
- hang:            still running after --timeout seconds
- data lost:       an input, a device, an installed model or unsaved work was changed or lost
- rendered markup: markup or terminal escapes from a document reached a dialog, a tooltip or
                   the terminal as something other than literal text

Then how time and memory grow with input size for the cases that used to blow up (Markdown
stripping, big pages, a .docx bomb, a GGUF bomb, exports of long comparisons). Prints figures;
asserts nothing. Runs in a temporary PARALLAX_HOME; touches nothing of the user's.
"""

from __future__ import annotations

import argparse
import hashlib
import http.server
import io
import json
import os
import shutil
import stat
import struct
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

OUTCOMES = ("clear error", "handled", "traceback", "hang", "data lost", "rendered markup")
LINK = '<a href="https://example.invalid/repair">Click here to repair Parallax</a>'
PLANTED = f'{LINK}<img src="file:///etc/passwd">'
ESCAPES = "\x1b[31mred\x1b[0m\x1b]8;;https://example.invalid\x07link\x1b]8;;\x07\x9b2J"
BODY = "普京抵达蒙古，外界普遍认为这次访问很重要。" * 20
ARTICLE = f"普京访问蒙古\n\n新华社 2024-09-04 10:00:00\n\n{BODY}\n\n{BODY}"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


@dataclass
class Case:
    name: str
    argv: list[str]
    keep: list[Path] = field(default_factory=list)  # inputs that must come out unchanged
    expect_ok: Callable[[subprocess.CompletedProcess[str]], bool] | None = None
    env: dict[str, str] = field(default_factory=dict)


def digest(path: Path) -> str:
    if path.is_symlink():
        return "link:" + os.readlink(path)
    if not path.exists():
        return "missing"
    mode = path.stat().st_mode
    if not stat.S_ISREG(mode):
        return f"mode:{stat.S_IFMT(mode)}"
    return hashlib.sha256(path.read_bytes()).hexdigest() + f":{stat.S_IMODE(mode):o}"


def run_cli(case: Case, home: Path, timeout: float) -> str:
    before = {p: digest(p) for p in case.keep}
    env = {**os.environ, "PARALLAX_HOME": str(home), "PYTHONIOENCODING": "utf-8", **case.env}
    try:
        done = subprocess.run([sys.executable, "-m", "parallax.cli", *case.argv], env=env,
                              capture_output=True, text=True, timeout=timeout,
                              encoding="utf-8", errors="replace")
    except subprocess.TimeoutExpired:
        return "hang"
    if any(digest(p) != before[p] for p in case.keep):
        return "data lost"
    if "\x1b" in done.stdout + done.stderr or "\x9b" in done.stdout + done.stderr:
        return "rendered markup"
    if "Traceback" in done.stderr or done.returncode not in (0, 2):
        return "traceback"
    if done.returncode == 2:
        lines = done.stderr.strip().splitlines()
        clear = len(lines) == 1 and lines[0].startswith("parallax: error: ")
        return "clear error" if clear else "traceback"
    if case.expect_ok is not None and not case.expect_ok(done):
        return "data lost"  # it "worked" but the result is wrong
    return "handled"


# ---- inputs ----------------------------------------------------------------------------------

def write(path: Path, data: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return path


def docx(document: bytes, method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", document)
    return buffer.getvalue()


def docx_bomb(megabytes: int) -> bytes:
    """A small zip whose document.xml inflates to `megabytes` MB of one paragraph."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf, \
            zf.open("word/document.xml", "w", force_zip64=True) as out:
        out.write(f'<w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>'.encode())
        chunk = b"a" * (1024 * 1024)
        for _ in range(megabytes):
            out.write(chunk)
        out.write(b"</w:t></w:r></w:p></w:body></w:document>")
    return buffer.getvalue()


def gguf_bomb() -> bytes:
    key = b"tokenizer.ggml.tokens"
    head = b"GGUF" + struct.pack("<IQQ", 3, 0, 1) + struct.pack("<Q", len(key)) + key
    return (head + struct.pack("<IIQ", 9, 8, 10**9)).ljust(132, b"\0")


def workspace_with(folder: Path, name: str, change: Callable[[dict[str, object]], object]) -> Path:
    from parallax.core.samples import sample_workspace

    data = sample_workspace().to_dict()
    result = change(data)
    text = result if isinstance(result, str) else json.dumps(data)
    return write(folder / name, text)


def patched_zip(source: Path, out: Path, local: int, central: int, value: int) -> Path:
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as zout:
        for info in zin.infolist():
            zout.writestr(info.filename, zin.read(info))
    raw = bytearray(out.read_bytes())
    for signature, offset in ((b"PK\x03\x04", local), (b"PK\x01\x02", central)):
        start = 0
        while (start := raw.find(signature, start)) >= 0:
            raw[start + offset:start + offset + 2] = struct.pack("<H", value)
            start += 4
    out.write_bytes(bytes(raw))
    return out


def rezipped(source: Path, out: Path, rename: Callable[[str], str],
             change: Callable[[str, bytes], bytes] = lambda n, d: d,
             extra: dict[str, bytes] | None = None, link: str | None = None) -> Path:
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in zin.infolist():
            z.writestr(rename(info.filename), change(info.filename, zin.read(info)))
        for name, data in (extra or {}).items():
            z.writestr(name, data)
        if link is not None:
            info = zipfile.ZipInfo(link)
            info.external_attr = (stat.S_IFLNK | 0o777) << 16
            z.writestr(info, "/etc/passwd")
    return out


def cli_cases(tmp: Path, home: Path) -> list[Case]:
    from parallax.core.samples import sample_workspace
    from parallax.core.translate.tiny_model import build_tiny_argos_package

    ws = tmp / "w.parallax"
    sample_workspace().save(ws)
    article = write(tmp / "article.txt", ARTICLE)
    fifo = tmp / "fifo"
    os.mkfifo(fifo)
    null_link = tmp / "out.html"
    null_link.symlink_to("/dev/null")
    folder = tmp / "folder"
    folder.mkdir()
    shared = write(tmp / "shared.html", "<p>previous</p>")
    shared.chmod(0o644)
    zh_en = build_tiny_argos_package(tmp / "zh_en.argosmodel", "zh", "en")
    en_ru = build_tiny_argos_package(tmp / "en_ru.argosmodel", "en", "ru")

    def top(name: str) -> Callable[[str], str]:
        return lambda entry: name + "/" + entry.split("/", 1)[1] if "/" in entry else entry

    def meta(text: str) -> Callable[[str, bytes], bytes]:
        return lambda name, data: text.encode() if name.endswith("metadata.json") else data

    models_home = tmp / "home-models"

    def models_env() -> dict[str, str]:
        return {"PARALLAX_HOME": str(models_home)}

    def model_listed(pair: str) -> Callable[[subprocess.CompletedProcess[str]], bool]:
        def check(done: subprocess.CompletedProcess[str]) -> bool:
            listing = subprocess.run(
                [sys.executable, "-m", "parallax.cli", "models", "list"],
                env={**os.environ, **models_env()}, capture_output=True, text=True, timeout=60)
            return pair in listing.stdout and "zh->en" in listing.stdout
        return check

    blocked_home = tmp / "blocked-home"
    write(blocked_home / "data", "a file where the data folder should be")
    cases = [
        Case("export over its own workspace", ["export", str(ws), "-f", "html", "-o", str(ws)],
             [ws]),
        Case("export through a link to /dev/null", ["export", str(ws), "-o", str(null_link)],
             [null_link]),
        Case("export into a FIFO", ["export", str(ws), "-f", "csv", "-o", str(fifo)], [fifo]),
        Case("export into a folder", ["export", str(ws), "-f", "csv", "-o", str(folder)],
             [folder]),
        Case("export keeps a 0644 file's mode", ["export", str(ws), "-o", str(shared)],
             expect_ok=lambda d: stat.S_IMODE(shared.stat().st_mode) == 0o644),
        Case("export with --font = the output", ["export", str(ws), "-f", "pdf", "-o",
                                                  str(article), "--font", str(article)],
             [article]),
        Case("info on a FIFO", ["info", str(fifo)]),
        Case("info on a folder", ["info", str(folder)]),
        Case("info on a missing file", ["info", str(tmp / "missing.txt")]),
        Case("info on an empty file", ["info", str(write(tmp / "empty.txt", b""))]),
        Case("info on binary data", ["info", str(write(tmp / "bin.txt", bytes(range(256)) * 40))]),
        Case("info: title with terminal escapes",
             ["info", str(write(tmp / "esc.txt", f"标题{ESCAPES}\n\n{BODY}"))]),
        Case("info: file name with terminal escapes",
             ["info", str(tmp / f"missing{ESCAPES[:12]}.txt")]),
        Case("info: Markdown built to backtrack",
             ["info", str(write(tmp / "bt.md", f"# 标题\n\n{BODY}\n\n" + "*a " * 33_000))]),
        Case("info: Markdown brackets", ["info", str(write(tmp / "br.md",
                                                           f"{BODY}\n\n" + "[" * 99_000))]),
        Case("info: .docx bomb (200 MB inside)",
             ["info", str(write(tmp / "bomb.docx", docx_bomb(200)))]),
        Case("info: truncated .docx", ["info", str(write(tmp / "cut.docx",
                                                         docx(b"<w:document/>")[:-20]))]),
        Case("info: .docx with an entity bomb", ["info", str(write(
            tmp / "laughs.docx", docx(
                b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa">'
                b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
                b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>'
                + f'<w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>'.encode()
                + b"&c;" * 1000 + b"</w:t></w:r></w:p></w:body></w:document>")))]),
        Case("info: UTF-8 behind a UTF-16 mark",
             ["info", str(write(tmp / "bom.txt", b"\xff\xfe" + ARTICLE.encode()))],
             expect_ok=lambda d: "普京访问蒙古" in d.stdout),
        Case("info: page that parses to a comment",
             ["info", str(write(tmp / "c.html", "<body><![CDATA["))]),
        Case("info: 5 MB page", ["info", str(write(tmp / "big.html", "<html><body>" + "".join(
            f"<div><p>第{i}段。{BODY[:40]}</p></div>" for i in range(45_000)) + "</body></html>"))],
             expect_ok=lambda d: "Sentences:" in d.stdout),
        Case("export: deeply nested workspace", ["export", str(workspace_with(
            tmp, "deep.parallax", lambda d: '{"format": "parallax-workspace", "version": 1, '
            '"original": ' + "[" * 100_000 + "]" * 100_000 + "}")), "-o", str(tmp / "r1.csv")]),
        Case("export: min_score 'high'", ["export", str(workspace_with(
            tmp, "high.parallax", lambda d: d["settings"].update(min_score="high"))),  # type: ignore[attr-defined]
            "-o", str(tmp / "r2.csv")]),
        Case("export: min_score NaN", ["export", str(workspace_with(
            tmp, "nan.parallax", lambda d: d["settings"].update(min_score=float("nan")))),  # type: ignore[attr-defined]
            "-o", str(tmp / "r3.csv")]),
        Case("export: workspace from a newer Parallax", ["export", str(workspace_with(
            tmp, "newer.parallax", lambda d: d.update(version=99))), "-o", str(tmp / "r4.csv")]),
        Case("export: workspace that is a FIFO", ["export", str(fifo), "-o",
                                                  str(tmp / "r5.csv")]),
        Case("export: empty workspace file", ["export", str(write(tmp / "e.parallax", b"")),
                                              "-o", str(tmp / "r6.csv")]),
        Case("translate --threads 100000", ["translate", str(article), "--engine", "argos",
                                            "--threads", "100000"]),
        Case("translate --beam 100000", ["translate", str(article), "--engine", "argos",
                                         "--beam", "100000"]),
        Case("translate --beam 0", ["translate", str(article), "--beam", "0"]),
        Case("models download --timeout nan", ["models", "download", "zh-en", "--timeout",
                                               "nan"]),
        Case("models install zh-en", ["models", "install", str(zh_en)], env=models_env()),
        Case("models install: other pair under zh-en's folder name",
             ["models", "install", str(rezipped(en_ru, tmp / "x.argosmodel",
                                                top("translate-zh_en")))],
             env=models_env(), expect_ok=model_listed("en->ru")),
        Case("models install: hidden top folder",
             ["models", "install", str(rezipped(en_ru, tmp / "h.argosmodel", top(".hidden")))],
             env=models_env(), expect_ok=model_listed("en->ru")),
        Case("models install: encrypted entries", ["models", "install", str(patched_zip(
            zh_en, tmp / "enc.argosmodel", 6, 8, 1))], env=models_env()),
        Case("models install: deflate64 entries", ["models", "install", str(patched_zip(
            zh_en, tmp / "d64.argosmodel", 8, 10, 9))], env=models_env()),
        Case("models install: deeply nested metadata", ["models", "install", str(rezipped(
            zh_en, tmp / "deep.argosmodel", lambda n: n,
            meta("[" * 100_000 + "]" * 100_000)))], env=models_env()),
        Case("models install: path in a language code", ["models", "install", str(rezipped(
            zh_en, tmp / "code.argosmodel", lambda n: n,
            meta('{"from_code": "../../x", "to_code": "en"}')))], env=models_env()),
        Case("models install: zip-slip entry", ["models", "install", str(rezipped(
            zh_en, tmp / "slip.argosmodel", lambda n: n, extra={"../../evil": b"x"}))],
            env=models_env()),
        Case("models install: symlink entry", ["models", "install", str(rezipped(
            zh_en, tmp / "sym.argosmodel", lambda n: n, link="translate/evil"))],
            env=models_env()),
        Case("models install: unwritable models folder", ["models", "install", str(zh_en)],
             env={"PARALLAX_HOME": str(blocked_home)}),
        Case("models remove: not installed", ["models", "remove", "ja-ko"], env=models_env()),
        Case("models add-gguf: 10^9-element array header",
             ["models", "add-gguf", str(write(tmp / "bomb.gguf", gguf_bomb()))]),
        Case("models add-gguf: not a GGUF", ["models", "add-gguf",
                                             str(write(tmp / "x.gguf", "<html>404</html>"))]),
        Case("compare: --json over an input", ["compare", str(article), str(article),
                                               "--engine", "gloss", "--json", str(article)],
             [article]),
    ]
    return cases


# ---- in-process cases ------------------------------------------------------------------------

def api_cases(tmp: Path) -> list[tuple[str, Callable[[], str]]]:
    """(name, run) where run returns an outcome."""
    from parallax.core.errors import ParallaxError

    def url_case(path: str, timeout: float) -> Callable[[], str]:
        def run() -> str:
            from parallax.core.loaders import fetch_url

            class Server(http.server.BaseHTTPRequestHandler):
                def do_GET(self) -> None:
                    self.send_response(200)
                    self.end_headers()
                    try:
                        for _ in range(2000 if path == "/drip" else 20_000):
                            self.wfile.write(b" " if path == "/drip" else b"<p>" + b"x" * 4096)
                            self.wfile.flush()
                            if path == "/drip":
                                time.sleep(0.05)
                    except OSError:
                        pass  # the client gave up, as it should

                def log_message(self, *args: object) -> None:
                    pass

            httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Server)
            httpd.daemon_threads = True
            threading.Thread(target=httpd.serve_forever, daemon=True).start()
            try:
                fetch_url(f"http://127.0.0.1:{httpd.server_address[1]}{path}", timeout=timeout)
            except ParallaxError:
                return "clear error"
            finally:
                httpd.shutdown()
                httpd.server_close()
            return "handled"
        return run

    def recovery_case() -> str:
        from parallax.core.paths import recovery_dir
        from parallax.ui.recovery import offer_recovery

        autosave = recovery_dir() / "autosave-9.parallax"
        data = b'{"format": "parallax-workspace", "version": 99}'
        autosave.write_bytes(data)
        told: list[Path] = []
        offer_recovery(lambda r: True, lambda kept, why: told.append(kept))
        if not told or told[0].read_bytes() != data:
            return "data lost"
        return "handled"

    def mode_case() -> str:
        from parallax.core.workspace import write_atomic

        target = write(tmp / "mode.json", "{}")
        target.chmod(0o644)
        write_atomic(target, b"[]")
        return "handled" if stat.S_IMODE(target.stat().st_mode) == 0o644 else "data lost"

    return [
        ("fetch: a server that drips a byte at a time", url_case("/drip", timeout=1.0)),
        ("fetch: an endless page", url_case("/endless", timeout=5.0)),
        ("recovery: an autosave from a newer Parallax", recovery_case),
        ("save keeps a 0644 file's mode", mode_case),
    ]


def gui_cases() -> list[tuple[str, Callable[[], str]]]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QModelIndex, Qt
    from PySide6.QtGui import Qt as GuiQt
    from PySide6.QtGui import QTextDocument
    from PySide6.QtWidgets import QApplication, QMessageBox

    from parallax.core.comparison import Comparison, Flag
    from parallax.core.errors import ParallaxError
    from parallax.core.loaders import load_text
    from parallax.core.workspace import Workspace

    app = QApplication.instance() or QApplication([])
    boxes: list[QMessageBox] = []

    def keep(box: QMessageBox) -> int:
        boxes.append(box)
        return int(QMessageBox.StandardButton.No.value)

    QMessageBox.exec = keep  # type: ignore[method-assign,assignment]  # keep the box, unshown

    def box_outcome() -> str:
        if not boxes:
            return "traceback"
        box = boxes.pop()
        literal = box.textFormat() == Qt.TextFormat.PlainText and LINK in box.text()
        box.deleteLater()
        return "handled" if literal else "rendered markup"

    def tip_outcome(tip: str, text: str) -> str:
        shown = tip
        if GuiQt.mightBeRichText(tip):
            document = QTextDocument()
            document.setHtml(tip)
            shown = document.toPlainText()
        return "handled" if shown == text else "rendered markup"

    workspace = Workspace(load_text(f"{PLANTED}\n\n{BODY}", lang="zh")).with_source(
        load_text(f"{PLANTED}\n\nReuters\n\nPutin arrived in Mongolia.", lang="en"), "report",
        PLANTED)
    flag = Flag("loaded_word", PLANTED, f"{PLANTED} is loaded",
                original=workspace.original.sentences[0].id)

    def recovery() -> str:
        from parallax.ui.recovery import Recovered, ask_to_restore

        ask_to_restore(None)(Recovered(workspace, None, ""))
        return box_outcome()

    def remove() -> str:
        from parallax.ui.dialogs.sources import SourceListDialog

        dialog = SourceListDialog(workspace)
        dialog.remove_current(confirm=True)
        outcome = box_outcome()
        tip = tip_outcome(dialog.list.item(0).toolTip(), workspace.sources[0].article.title)
        dialog.deleteLater()
        return outcome if outcome != "handled" else tip

    def error() -> str:
        from parallax.ui.tasks import show_error

        show_error(app, ParallaxError(f"The package holds an unsafe entry {PLANTED!r}."))
        return box_outcome()

    def flag_tips() -> str:
        from parallax.ui.flags_model import FlagsModel
        from parallax.ui.views.diff_detail import DiffDetailPane

        pane = DiffDetailPane()
        pane._show_flags([flag])
        first = tip_outcome(pane.flags_list.item(0).toolTip(), flag.detail)
        model = FlagsModel()
        model.set_data(workspace, Comparison(flags=(flag,)))
        second = tip_outcome(model.data(model.index(0, 3, QModelIndex()),
                                        Qt.ItemDataRole.ToolTipRole), flag.detail)
        pane.deleteLater()
        return first if first != "handled" else second

    def model_question() -> str:
        from parallax.ui.dialogs.model_manager import ModelManagerDialog

        with tempfile.TemporaryDirectory() as folder:
            dialog = ModelManagerDialog(models_dir=Path(folder))
            dialog.confirm(f"Replace {PLANTED}?")
            dialog.deleteLater()
        return box_outcome()

    return [("dialog: recovery question", recovery), ("dialog: remove source", remove),
            ("dialog: error with a zip entry", error), ("tooltips: flags", flag_tips),
            ("dialog: model manager question", model_question)]


# ---- growth ----------------------------------------------------------------------------------

def timed(call: Callable[[], object]) -> float:
    start = time.perf_counter()
    try:
        call()
    except Exception as exc:  # a refusal is a result here, timed like one
        if not type(exc).__module__.startswith("parallax"):
            raise
    return time.perf_counter() - start


def child_rss_mb(argv: list[str], home: Path) -> tuple[float, float]:
    """Seconds and peak RSS (MB) of a CLI run in a fresh process."""
    script = ("import resource, subprocess, sys, time; t = time.perf_counter(); "
              "subprocess.run(sys.argv[1:], capture_output=True); "
              "print(time.perf_counter() - t, "
              "resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)")
    out = subprocess.run([sys.executable, "-c", script, sys.executable, "-m", "parallax.cli",
                          *argv], env={**os.environ, "PARALLAX_HOME": str(home)},
                         capture_output=True, text=True, timeout=600)
    seconds, rss = out.stdout.split()
    return float(seconds), float(rss)


def growth(tmp: Path, home: Path) -> None:
    from parallax.core.comparison import Comparison, Flag, Link
    from parallax.core.export import render_export
    from parallax.core.loaders import load_html, strip_markdown
    from parallax.core.segment import make_article
    from parallax.core.workspace import Workspace

    print("\nGrowth (seconds; a linear step doubles, a quadratic one quadruples)")
    for shape, unit in (("*a ", 3), ("[", 1), ("**x ", 4)):
        lengths = (25_000, 50_000, 99_000)
        seconds = [timed(lambda text=shape * (n // unit): strip_markdown(text))  # type: ignore[misc]
                   for n in lengths]
        print(f"  Markdown {shape!r:7} " + "  ".join(
            f"{n // 1000} KB {t:.3f}" for n, t in zip(lengths, seconds, strict=True)))

    def page(paragraphs: int) -> str:
        return "<html><body>" + "".join(f"<div><p>第{i}段。{BODY[:40]}</p></div>"
                                        for i in range(paragraphs)) + "</body></html>"
    pages = [(n, page(n)) for n in (6_000, 12_000, 25_000, 50_000)]
    print("  HTML page " + "  ".join(
        f"{len(p.encode()) / 2**20:.1f} MB {timed(lambda p=p: load_html(p)):.2f}"  # type: ignore[misc]
        for _, p in pages))

    for megabytes in (50, 200):
        bomb = write(tmp / f"bomb{megabytes}.docx", docx_bomb(megabytes))
        took, rss = child_rss_mb(["info", str(bomb)], home)
        print(f"  .docx bomb {bomb.stat().st_size / 1024:.0f} KB -> {megabytes} MB inside: "
              f"{took:.2f} s, peak RSS {rss:.0f} MB (whole CLI process)")
    bomb = write(tmp / "bomb.gguf", gguf_bomb())
    took, rss = child_rss_mb(["models", "add-gguf", str(bomb)], home)
    print(f"  GGUF 132 B declaring 10^9 strings: {took:.2f} s, peak RSS {rss:.0f} MB")

    def comparison(sentences: int) -> tuple[Workspace, Comparison]:
        paragraphs = [f"第{i}段普京访问蒙古国,出席第85周年纪念活动。" * 20
                      for i in range(sentences // 20)]
        original = make_article("很长的文章", paragraphs, "zh")
        report = make_article("Long report", ["Putin visits Mongolia. " * 20] * len(paragraphs),
                              "en")
        workspace = Workspace(original).with_source(report, "report", "Long")
        links = tuple(Link(s.id, "src1", f"s{n + 1}", 0.4)
                      for n, s in enumerate(original.sentences))
        flags = tuple(Flag("hedge", "无疑", "Booster.", original=s.id)
                      for s in original.sentences[::3])
        return workspace, Comparison(links, flags)

    exports: tuple[tuple[str, tuple[int, ...]], ...] = (
        ("html", (2500, 5000, 10_000, 20_000)), ("csv", (2500, 5000, 10_000, 20_000)),
        ("pdf", (1000, 2000, 4000)))
    for fmt, counts in exports:
        shown: list[str] = []
        for n in counts:
            workspace, result = comparison(n)
            took = timed(lambda w=workspace, c=result, f=fmt: render_export(w, c, f))  # type: ignore[misc]
            shown.append(f"{n:,} {took:.2f}")
        print(f"  export {fmt:4} " + "  ".join(shown))


# ---- main ------------------------------------------------------------------------------------

def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--timeout", type=float, default=60.0, help="hang after this (s)")
    parser.add_argument("--skip-growth", action="store_true")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="parallax-robustness-"))
    home = tmp / "home"
    os.environ["PARALLAX_HOME"] = str(home)  # in-process cases too
    counts: Counter[str] = Counter()
    try:
        rows: list[tuple[str, str]] = []
        for case in cli_cases(tmp, home):
            outcome = run_cli(case, home, args.timeout)
            rows.append((case.name, outcome))
            print(f"  {outcome:15} {case.name}", flush=True)
        for name, run in api_cases(tmp) + gui_cases():
            try:
                outcome = run()
            except Exception as exc:  # any escape is the finding
                outcome = "traceback"
                print(f"    {type(exc).__name__}: {exc}")
            rows.append((name, outcome))
            print(f"  {outcome:15} {name}", flush=True)
        counts.update(outcome for _, outcome in rows)
        print(f"\nTried {len(rows)}: " + ", ".join(f"{o} {counts[o]}" for o in OUTCOMES))
        if not args.skip_growth:
            growth(tmp, home)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
