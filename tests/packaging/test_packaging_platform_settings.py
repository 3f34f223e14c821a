"""macOS and Windows settings that can be checked on Linux: the Info.plist the spec writes,
the dmg script's signing and notarisation, the Inno Setup script's Windows floor and languages."""

from __future__ import annotations

import plistlib
import re
import subprocess

from packaging_support import REPO

from bundle_layout import (
    PYSIDE6_MACOS_MINIMUM,
    macos_info_plist,
    macos_minimum_from_tags,
    project_version,
    pyside6_macos_minimum,
)

ISS = REPO / "installer" / "windows" / "parallax.iss"
CHINESE = REPO / "installer" / "windows" / "ChineseSimplified.isl"
DMG_SCRIPT = REPO / "installer" / "macos" / "make_dmg.sh"
# Custom messages Inno Setup's Default.isl defines (our Chinese file must define them too).
STANDARD_CUSTOM = {"CreateDesktopIcon", "AdditionalIcons", "LaunchProgram", "UninstallProgram"}


def test_minimum_macos_comes_from_the_wheel_tag() -> None:
    assert macos_minimum_from_tags(["cp39-abi3-macosx_13_0_universal2"]) == "13.0"
    assert macos_minimum_from_tags(["cp39-abi3-macosx_13_0_x86_64",
                                    "cp39-abi3-macosx_14_0_arm64"]) == "13.0"
    assert macos_minimum_from_tags(["cp310-abi3-manylinux_2_34_x86_64"]) is None
    # Here the installed wheel is a Linux one: the known minimum of PySide6 6.11's macOS wheels.
    assert pyside6_macos_minimum() == PYSIDE6_MACOS_MINIMUM == "13.0"


def test_generated_info_plist() -> None:
    plist = plistlib.loads(plistlib.dumps(macos_info_plist(project_version(),
                                                           pyside6_macos_minimum())))
    assert plist["LSMinimumSystemVersion"] == "13.0"
    assert plist["CFBundleShortVersionString"] == project_version()
    (document,) = plist["CFBundleDocumentTypes"]
    assert document["CFBundleTypeExtensions"] == ["parallax"]
    assert document["LSItemContentTypes"] == ["io.github.parallax.Parallax.workspace"]


def test_dmg_script_signs_inside_out_and_notarises() -> None:
    text = DMG_SCRIPT.read_text(encoding="utf-8")
    commands = [line for line in text.splitlines() if not line.lstrip().startswith("#")]
    assert not any("--deep" in line and "codesign" in line for line in commands)
    assert any("--options runtime" in line for line in commands)
    assert any("xcrun notarytool submit" in line and "--wait" in line for line in commands)
    assert any("xcrun stapler staple" in line for line in commands)
    assert plistlib.loads((REPO / "installer" / "macos" / "entitlements.plist").read_bytes())
    subprocess.run(["bash", "-n", str(DMG_SCRIPT)], check=True)


def iss_section(text: str, name: str) -> list[str]:
    match = re.search(rf"^\[{name}\]\s*$(.*?)(?=^\[|\Z)", text, re.MULTILINE | re.DOTALL)
    assert match, name
    return [line for line in match[1].splitlines() if line.strip() and
            not line.startswith(";")]


def test_inno_setup_requires_windows_10_1809() -> None:
    setup = iss_section(ISS.read_text(encoding="utf-8"), "Setup")
    assert "MinVersion=10.0.17763" in setup


def test_inno_setup_offers_simplified_chinese() -> None:
    text = ISS.read_text(encoding="utf-8")
    languages = iss_section(text, "Languages")
    chinese = [line for line in languages if line.startswith('Name: "chinesesimplified"')]
    assert chinese == ['Name: "chinesesimplified"; '
                       'MessagesFile: "compiler:Default.isl,ChineseSimplified.isl"']
    raw = CHINESE.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Inno Setup reads a UTF-8 .isl only with a BOM
    isl = raw.decode("utf-8-sig")
    assert "LanguageID=$0804" in isl
    assert "WelcomeLabel1=欢迎使用 [name] 安装向导" in isl
    # Every {cm:...} the script uses has an English text and a Chinese one.
    used = set(re.findall(r"\{cm:(\w+)", text))
    english = set(re.findall(r"^english\.(\w+)=", text, re.MULTILINE))
    chinese_defined = set(re.findall(r"^(\w+)=", isl.split("[CustomMessages]", 1)[1],
                                     re.MULTILINE))
    assert used - STANDARD_CUSTOM <= english
    assert used <= chinese_defined
    assert not re.search(r"[^\x00-\x7f]", text)  # the script itself stays ASCII

