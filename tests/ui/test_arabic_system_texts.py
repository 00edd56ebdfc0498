"""QA: texts of the system reached the Arabic interface in English inside translated messages:
an operating-system error ("[Errno 13] Permission denied", "No space left on device"),
zipfile's "File is not a zip file", json's "Expecting value: line 1 column 1 (char 0)", a
Python type name; the export's split and offset-units options too. Each is now a ``Message``
of its own (``annotator.errors.message_of``, ``system_text``, ``os_reason``) with its details
as parameters; the CLI's English is byte for byte as before. And ``path_text`` kept a folder of
digits after an Arabic folder on the wrong side of it."""

from __future__ import annotations

import errno
import json
import re
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from annotator.errors import OS_ERRORS, SYSTEM_TEXTS, ImportFormatError, Message, system_text
from annotator.exchange import read_bundle
from annotator.formats.common import OptionError, parse_splits
from annotator.formats.doccano import read_doccano
from annotator.formats.label_studio import read_label_studio
from annotator.formats.plain import read_text
from ui import i18n
from ui.core_messages import SYSTEM_MESSAGES
from ui.dialogs.export_dialog import check_splits

ROOT = Path(__file__).parents[2]
ISOLATES = re.compile("[\u2066\u2067\u2068\u2069\u200e\u200f]")


def _english_left(shown: str, params: tuple[str, ...] = ()) -> str:
    """The Latin words of ``shown`` outside the given parameters ("" when the rest is Arabic)."""
    shown = ISOLATES.sub("", shown)
    for p in sorted(params, key=len, reverse=True):
        shown = shown.replace(p, " ")
    return " ".join(re.findall(r"[A-Za-z]+", shown))


def test_every_system_text_is_listed_and_translated() -> None:
    templates = {
        "[Errno {errno}] {why}",
        "[Errno {errno}] {why}: {path}",
        "{problem}: line {line} column {column} (char {char})",
    }
    assert set(SYSTEM_MESSAGES) == SYSTEM_TEXTS | templates
    ts = ET.parse(ROOT / "resources" / "translations" / "annotator_ar.ts").getroot()
    translated = {
        m.findtext("source"): m.find("translation")
        for ctx in ts
        if ctx.findtext("name") == "CoreMessage"
        for m in ctx.iter("message")
    }
    for template in SYSTEM_MESSAGES:
        tr = translated.get(template)
        assert tr is not None and tr.get("type") is None and tr.text, template


@pytest.mark.parametrize("code", sorted(OS_ERRORS))
def test_an_os_error_reads_in_arabic(arabic: QApplication, code: int) -> None:
    import os

    error = OSError(code, os.strerror(code), "/srv/data/x.jsonl")
    shown = i18n.core_text(error)
    assert shown != str(error)
    assert _english_left(shown, ("'/srv/data/x.jsonl'",)) == "", shown
    assert f"{i18n.LRI}'/srv/data/x.jsonl'{i18n.PDI}" in shown  # the path reads left to right
    assert str(code) in shown  # the errno is kept
    bare = OSError(code, os.strerror(code))
    assert _english_left(i18n.core_text(bare)) == "", i18n.core_text(bare)


def test_an_os_error_keeps_its_english(qapp: QApplication) -> None:
    error = PermissionError(errno.EACCES, "Permission denied", "/srv/x")
    assert i18n.core_text(error) == "[Errno 13] Permission denied: '/srv/x'"


def test_a_file_that_cannot_be_read_is_refused_in_arabic(
    arabic: QApplication, tmp_path: Path
) -> None:
    missing = tmp_path / "missing.txt"
    with pytest.raises(ImportFormatError) as caught:
        read_text(missing)
    assert str(caught.value) == f"{missing}: cannot read: No such file or directory"
    shown = i18n.core_text(caught.value)
    assert "لا يوجد ملف أو مجلد" in shown and _english_left(shown, (str(missing),)) == "", shown


def test_a_json_error_reads_in_arabic_with_its_line_and_column(arabic: QApplication) -> None:
    with pytest.raises(json.JSONDecodeError) as caught:
        json.loads('{"a": 1,\n  }')
    english = str(caught.value)
    assert english == "Expecting property name enclosed in double quotes: line 2 column 3 (char 11)"
    shown = i18n.core_text(caught.value)
    assert "السطر" in shown and "العمود" in shown and _english_left(shown) == "", shown
    for number in ("2", "3", "11"):
        assert f"{i18n.FSI}{number}{i18n.PDI}" in shown


def test_a_bad_json_line_reads_in_arabic(arabic: QApplication, tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text("{\n", encoding="utf-8")
    with pytest.raises(ImportFormatError) as caught:
        read_doccano(path)
    shown = i18n.core_text(caught.value)
    assert "Expecting" in str(caught.value) and "يُنتظر" in shown, shown
    where = str(caught.value).split(": ")[0]
    assert _english_left(shown, (where, "JSON")) == "", shown


def test_a_file_that_is_not_a_zip_reads_in_arabic(arabic: QApplication, tmp_path: Path) -> None:
    path = tmp_path / "x.bundle"
    path.write_bytes(b"not a zip at all")
    with pytest.raises(ImportFormatError) as caught:
        read_bundle(path)
    assert str(caught.value) == f"{path}: not a readable bundle (bad zip: File is not a zip file)"
    shown = i18n.core_text(caught.value)
    assert "ليس ملف" in shown and _english_left(shown, (str(path), "zip")) == "", shown
    with pytest.raises(zipfile.BadZipFile) as bad:
        zipfile.ZipFile(path)
    assert _english_left(i18n.core_text(bad.value), ("zip",)) == ""


def test_a_python_type_name_reads_in_arabic(arabic: QApplication) -> None:
    message = Message("a JSON column holds {kind}", kind=system_text("int"))
    assert message == "a JSON column holds int"
    shown = i18n.core_text(message)
    assert "عدد صحيح" in shown and _english_left(shown, ("JSON",)) == "", shown


@pytest.mark.parametrize(
    ("spec", "english"),
    [
        ("train", "bad split 'train': expected name=ratio, e.g. train=0.8,validation=0.1,test=0.1"),
        ("train=x", "bad split 'train=x': 'x' is not a number"),
        ("train=0.5,train=0.5", "split 'train' is given twice"),
        ("train=-1", "split train: the ratio must be a number of 0 or more, not -1"),
        ("validation=0.5,dev=0.5", "validation and dev are the same split: give one of them"),
        ("train=0,test=0", "split ratios are all 0: at least one must be above 0"),
        ("trian=1", "no split"),
    ],
)
def test_the_split_option_errors_read_in_arabic(
    arabic: QApplication, spec: str, english: str
) -> None:
    with pytest.raises(OptionError) as caught:
        parse_splits(spec)
    if english == "no split":  # the known names are the core's own list
        english = str(caught.value)
        assert english.startswith("no split 'trian' (splits: train, ")
        assert english.endswith("; did you mean 'train'?")
    assert str(caught.value) == english
    shown = i18n.core_text(caught.value)
    # the names of the splits, the option's example and the user's own text stay as written
    names = ("train", "validation", "dev", "test", "trian", "x")
    assert _english_left(shown, names) == "", shown
    # and the export dialog's live check under the field says the same
    assert check_splits(spec) == ((), shown)


@pytest.mark.parametrize("read", [read_doccano, read_label_studio])
def test_offset_units_refused_in_arabic(arabic: QApplication, tmp_path: Path, read: object) -> None:
    with pytest.raises(ValueError) as caught:
        read(tmp_path / "x.json", units="bytes")  # type: ignore[operator]
    assert str(caught.value) == "units must be one of ('utf16', 'codepoints'), not 'bytes'"
    shown = i18n.core_text(caught.value)
    assert "وحدات" in shown
    assert _english_left(shown, ("('utf16', 'codepoints')", "'bytes'")) == "", shown


def _rendered(qtbot: QtBot, text: str, shots: Path | None = None, name: str = "") -> object:
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.PlainText)
    font = label.font()
    font.setPointSize(16)
    label.setFont(font)
    label.setText(text)
    label.setFixedSize(420, 40)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    qtbot.addWidget(label)
    label.show()
    qtbot.waitExposed(label)
    image = label.grab()
    if shots is not None:
        image.save(str(shots / name))
    return image.toImage()


@pytest.mark.parametrize(
    ("path", "parts"),
    [
        ("/home/تقارير/2024/x.txt", ["/home/", "تقارير", "/2024/x.txt"]),
        ("/srv/تقارير/أخبار", ["/srv/", "تقارير", "/", "أخبار"]),
        ("/srv/مجلد:12", ["/srv/", "مجلد", ":12"]),
    ],
)
def test_a_path_reads_in_its_own_order(
    arabic: QApplication, qtbot: QtBot, shots: Path, path: str, parts: list[str]
) -> None:
    """QA: in an Arabic line, ``تقارير/2024`` showed as ``2024/تقارير`` (and two Arabic
    folders, or an Arabic file and its :line, turned round): the path's parts read from left
    to right, each Arabic name in its own direction. The expected image lays the same parts
    out one by one, left to right."""
    assert i18n.interface_rtl()
    line = f"المسار: {i18n.path_text(path)}"
    expected = "المسار: " + i18n.LRI + "".join(i18n.isolate(p) for p in parts) + i18n.PDI
    index = ["/home/تقارير/2024/x.txt", "/srv/تقارير/أخبار", "/srv/مجلد:12"].index(path)
    shown = _rendered(qtbot, line, shots, f"path_text_{index}.png")
    assert shown == _rendered(qtbot, expected, shots, f"path_text_{index}_expected.png")
    assert _english_left(line, ("home", "x", "txt", "srv")) == ""
