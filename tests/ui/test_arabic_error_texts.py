"""Errors an Arabic user meets often reached the interface in English (QA): why Accept all
agreements wrote nothing (62d430d), a project file that cannot be opened, a file that cannot
be imported. Each is now a core ``Message`` the interface translates; the CLI prints the
English as before."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from annotator.commands.review import AcceptAllAgreements, AcceptIntoGold
from annotator.errors import ImportFormatError, ProjectFileError, ValidationError
from annotator.formats.conll import read_conll
from annotator.formats.jsonl import read_jsonl
from annotator.formats.plain import read_csv, read_text
from annotator.project import Project
from ui import i18n

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

TEXT = "عقد الاجتماع في باريس وحضره وزير الخارجية."
iso = i18n.isolate


def at(word: str) -> tuple[int, int]:
    start = TEXT.index(word)
    return start, start + len(word)


@pytest.fixture
def project(tmp_path: Path) -> Iterator[Project]:
    with Project.create(tmp_path / "p.annotator") as p:
        p.add_document(TEXT, name="d")
        yield p


def refused(project: Project, command: AcceptAllAgreements | AcceptIntoGold) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        command.do(project)
    return caught.value


# -- accept all agreements -----------------------------------------------------------------
def test_no_agreement_reads_arabic(arabic: QApplication, project: Project) -> None:
    error = refused(project, AcceptAllAgreements(1, ["amal", "badr", "sara"]))
    assert str(error) == "nothing to accept: amal, badr and sara agree on nothing in this document"
    who = iso(f"{iso(iso('amal') + '، ' + iso('badr'))} و{iso('sara')}")
    assert i18n.core_text(error) == f"لا شيء للقبول: لا يتفق {who} على شيء في هذا المستند"


def test_gold_holding_every_agreement_reads_arabic(arabic: QApplication, project: Project) -> None:
    for who in ("amal", "badr"):
        project.add_span(1, *at("باريس"), "GPE", who)
    AcceptAllAgreements(1, ["amal", "badr"]).do(project)
    error = refused(project, AcceptAllAgreements(1, ["amal", "badr"]))
    assert str(error) == (
        "nothing to accept: the gold layer already holds all 1 agreements of amal and badr "
        "in this document"
    )
    who = iso(f"{iso('amal')} و{iso('badr')}")
    assert i18n.core_text(error) == (
        f"لا شيء للقبول: تحوي طبقة {iso('المرجع')} كل اتفاقات {who} في هذا المستند ({iso('1')})"
    )


def test_the_other_refusals_read_arabic(arabic: QApplication, project: Project) -> None:
    assert i18n.core_text(refused(project, AcceptAllAgreements(1, ["amal"]))) == (
        "لا شيء للقبول: الاتفاقات تحتاج مُعلِّمَين اثنين على الأقل"
    )
    assert i18n.core_text(refused(project, AcceptIntoGold([]))) == "لا شيء للقبول: لم يُختر شيء"
    span = project.add_span(1, *at("باريس"), "GPE", "amal")
    AcceptIntoGold([span.uuid], "sara").do(project)
    error = refused(project, AcceptIntoGold([span.uuid], "sara"))
    assert str(error) == "nothing to accept: the sara layer already holds it"
    assert i18n.core_text(error) == f"لا شيء للقبول: تحويه طبقة {iso('sara')} بالفعل"


# -- a project that cannot be opened -------------------------------------------------------
def _open_refusal(path: Path) -> ProjectFileError:
    with pytest.raises(ProjectFileError) as caught:
        Project.open(path).close()
    return caught.value


def test_a_bad_project_file_reads_arabic(arabic: QApplication, tmp_path: Path) -> None:
    text = tmp_path / "ملاحظات.annotator"  # an Arabic name: the path still reads left to right
    text.write_text("ليس مشروعًا\n", encoding="utf-8")
    error = _open_refusal(text)
    assert str(error) == f"{text}: not an annotator project (not an SQLite file)"
    assert (
        i18n.core_text(error)
        == f"{i18n.RLM}{i18n.path_text(text)}: ليس مشروع annotator (ليس ملف SQLite)"
    )
    missing = tmp_path / "gone.annotator"
    assert i18n.core_text(_open_refusal(missing)) == (
        f"{i18n.RLM}{i18n.path_text(missing)}: لا يوجد ملف المشروع هذا"
    )


def test_a_corrupt_project_file_reads_arabic(arabic: QApplication, tmp_path: Path) -> None:
    path = tmp_path / "p.annotator"
    Project.create(path).close()
    data = bytearray(path.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)  # the first page's b-tree: garbage
    path.write_bytes(bytes(data))
    error = _open_refusal(path)
    assert "the project file is corrupt" in str(error) or "not an annotator" in str(error)
    shown = i18n.core_text(error)
    assert shown.startswith(f"{i18n.RLM}{i18n.path_text(path)}: ")
    assert "ملف المشروع تالف" in shown or "ليس مشروع annotator" in shown


def test_path_text_reads_left_to_right() -> None:
    assert i18n.path_text("/بيانات/x.txt") == f"{i18n.LRI}/بيانات/x.txt{i18n.PDI}"


# -- a file that cannot be imported --------------------------------------------------------
def _import_refusal(read: Callable[[Path], object], path: Path) -> ImportFormatError:
    with pytest.raises(ImportFormatError) as caught:
        read(path)
    return caught.value


def test_import_errors_read_arabic(arabic: QApplication, tmp_path: Path) -> None:
    bad = tmp_path / "أخبار.txt"
    bad.write_bytes("سطر\n".encode() + b"\xff\xfe bad\n")
    error = _import_refusal(read_text, bad)
    english = f"{bad}:2: not UTF-8 text (invalid UTF-8 byte 0xff at column 1)"
    assert str(error) == english
    assert i18n.core_text(error) == (
        f"{i18n.RLM}{i18n.path_text(f'{bad}:2')}: "
        + iso(f"ليس نصًا بترميز UTF-8 (بايت UTF-8 غير صالح {iso('0xff')} في العمود {iso('1')})")
    )
    nul = tmp_path / "nul.txt"
    nul.write_bytes(b"abc\x00def")
    assert i18n.core_text(_import_refusal(read_text, nul)) == (
        f"{i18n.RLM}{i18n.path_text(f'{nul}:1')}: {iso('ملف ثنائي، لا نص (بايت NUL)')}"
    )
    jsonl = tmp_path / "d.jsonl"
    jsonl.write_text('{"text": "نص"}\n{"text": \n', encoding="utf-8")
    error = _import_refusal(read_jsonl, jsonl)
    assert str(error).startswith(f"{jsonl}:2: invalid JSON: Expecting value at column")
    assert i18n.core_text(error).startswith(
        f"{i18n.RLM}{i18n.path_text(f'{jsonl}:2')}: {i18n.FSI}JSON غير صالح: {iso('يُنتظر قيمة')}"
    )
    conll = tmp_path / "d.conll"
    conll.write_text("محمد\tB-PER\nوحده\n", encoding="utf-8")
    error = _import_refusal(read_conll, conll)
    assert str(error) == (
        f"{conll}:2: expected a token and a tag separated by a tab or space: 'وحده'"
    )
    assert i18n.core_text(error) == (
        f"{i18n.RLM}{i18n.path_text(f'{conll}:2')}: "
        + iso(f"يُنتظر رمز ووسم يفصل بينهما محرف جدولة أو مسافة: {iso(repr('وحده'))}")
    )
    csv = tmp_path / "d.csv"
    csv.write_text("body,id\nنص,1\n", encoding="utf-8")
    error = _import_refusal(read_csv, csv)
    assert str(error) == f"{csv}:1: no column 'text' (columns: body, id)"
    assert i18n.core_text(error) == (
        f"{i18n.RLM}{i18n.path_text(f'{csv}:1')}: "
        + iso(f"لا عمود {iso(repr('text'))} (الأعمدة: {iso('body, id')})")
    )


def test_import_errors_keep_their_english(tmp_path: Path) -> None:
    """The English interface and the CLI: the core's text, no bidi controls."""
    bad = tmp_path / "d.txt"
    bad.write_bytes(b"\xff")
    error = _import_refusal(read_text, bad)
    assert (
        i18n.core_text(error)
        == str(error)
        == (f"{bad}:1: not UTF-8 text (invalid UTF-8 byte 0xff at column 1)")
    )
    import contextlib
    import io

    from annotator.cli import main

    Project.create(tmp_path / "p.annotator").close()
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        assert main(["import", str(tmp_path / "p.annotator"), str(bad)]) != 0
    assert "not UTF-8 text" in err.getvalue() and i18n.LRI not in err.getvalue()


def test_an_import_error_box_in_arabic(arabic: QApplication, qtbot: QtBot, tmp_path: Path) -> None:
    bad = tmp_path / "بيانات" / "أخبار.txt"
    bad.parent.mkdir()
    bad.write_bytes(b"\xff\xfe")
    text = i18n.core_text(_import_refusal(read_text, bad))
    box = QMessageBox(QMessageBox.Icon.Warning, "تعذّر الاستيراد", "", QMessageBox.StandardButton.Ok)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(text)
    qtbot.addWidget(box)
    box.grab().save(str(tmp_path / "import_error_ar.png"))
    assert text.startswith(i18n.RLM + i18n.LRI)  # a right-to-left line: the path first
