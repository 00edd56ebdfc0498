"""Leftovers of the QA walk through the Arabic interface (round 5): a recent project's path
read backwards, the entity list named labels by their codes and offered parent types, the
Export dialog's Labels list showed codes, the Import dialog's formats were bare codes, the
span-edge items had arrows pointing against their words, and menu shortcuts were half
translated and turned round (Alt+اليمين, ++Ctrl).

And (round 6): the HTML report saved from the Agreement window was all English; an
operating-system error whose errno had no Arabic text showed as an English sentence; zipfile's
and csv's texts with a name or a number in them ("Bad CRC-32 for file 'x'", "field larger than
field limit (131072)") and the refusals of ``annotator.files`` ("symbolic link, not followed",
"file too large (…)") stayed English. Each now reads in Arabic, its file, line, names and
numbers kept; the CLI's English is unchanged (``tests/core/test_arabic_leftovers.py``)."""

from __future__ import annotations

import errno
import html
import os
import re
import unicodedata
import zipfile
from collections.abc import Iterator
from functools import partial
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QSizeF, Qt
from PySide6.QtGui import QImage, QPainter, QTextDocument
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QInputDialog,
    QLabel,
    QMenu,
    QMessageBox,
    QStyleOptionMenuItem,
)
from pytestqt.qtbot import QtBot

from annotator.agreement.report import html_report
from annotator.errors import ImportFormatError, Message, message_of
from annotator.exchange import read_bundle
from annotator.files import read_file
from annotator.formats.plain import read_csv
from annotator.imported import Problem
from annotator.model import Span
from annotator.project import Project
from annotator.search import entity_groups
from annotator.search.gazetteer import read_gazetteer
from tests.ui.conftest import open_window, x_of
from tests.ui.test_agreement_window import PAYLOAD, run
from tests.ui.test_agreement_window import session as session  # the fixture
from ui import i18n
from ui.dialogs.export_dialog import ExportDialog
from ui.dialogs.import_dialog import ImportDialog
from ui.keys import KeyMenu
from ui.review.agreement_window import AgreementWindow
from ui.review.window import ReviewWindow
from ui.search import EntityList
from ui.search.tools import SearchTools
from ui.session import Session
from ui.workbench.mainwindow import MainWindow
from ui.workbench.menus import fill_recent
from ui.workbench.palette import CommandPalette, KeysPage, action_text, key_text

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")  # offscreen plugin chatter
ARABIC = re.compile("[\u0600-\u06ff]")


@pytest.fixture(params=["ar", "en"])
def lang(request: pytest.FixtureRequest, qtbot: QtBot) -> Iterator[str]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    assert i18n.install_translator(app, request.param) == request.param
    yield request.param
    i18n.install_translator(app, "en")


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path) -> MainWindow:
    w = MainWindow(Session(), QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(w)
    return w


@pytest.fixture
def project(tmp_path: Path) -> Iterator[Project]:
    p = Project.create(tmp_path / "p.annotator")
    doc = p.add_document("وصل الوزير إلى باريس.", name="d")
    p.add_span(doc.id, 15, 20, "GPE", "amal")
    yield p
    p.close()


def item_text(menu: KeyMenu, name: str, window: MainWindow) -> tuple[str, str]:
    """The text and the shortcut text a menu item is drawn with."""
    option = QStyleOptionMenuItem()
    menu.initStyleOption(option, window.actions_by_name[name])
    text, _, keys = option.text.partition("\t")
    return text, keys


def test_a_recent_project_reads_left_to_right(
    arabic: QApplication, window: MainWindow, shots: Path
) -> None:
    path = "/tmp/qa5-arabic/run_x/s.annotator"
    window.remember_project(path)
    fill_recent(window)
    text = window.recent_menu.actions()[0].text()
    assert text == i18n.path_text(path)
    x = x_of(text, Qt.LayoutDirection.RightToLeft)
    # the leading "/" at the left, as written (cursor positions inside the isolate)
    assert x(2) < x(3) < x(len(text) - 2)
    # a path whose first folder is Arabic reads left to right too (a first-strong isolate
    # would turn it round: مشاريع/ at the right end)
    arabic_path = "مشاريع/run_x/s.annotator"
    window.remember_project(arabic_path)
    fill_recent(window)
    texts = [a.text() for a in window.recent_menu.actions()]
    assert i18n.path_text(arabic_path) in texts
    x = x_of(i18n.path_text(arabic_path), Qt.LayoutDirection.RightToLeft)
    assert x(3) < x(10)  # مشاريع left of run_x, as written
    window.recent_menu.grab().save(str(shots / "arabic_recent.png"))


def test_menu_shortcuts_are_portable_key_names_read_left_to_right(
    lang: str, window: MainWindow, shots: Path
) -> None:
    edge = window.actions_by_name["start_right"]
    menu = edge.parent()
    assert isinstance(menu, KeyMenu)
    assert item_text(menu, "start_right", window)[1] == i18n.isolate("Alt+Right")
    assert item_text(menu, "end_w_left", window)[1] == i18n.isolate("Ctrl+Alt+Shift+Left")
    zoom = window.actions_by_name["zoom_in"].parent()
    assert isinstance(zoom, KeyMenu)
    keys = item_text(zoom, "zoom_in", window)[1]
    assert keys == i18n.isolate("Ctrl++")
    x = x_of(keys, Qt.LayoutDirection.RightToLeft)
    assert x(2) < x(len(keys) - 2)  # "Ctrl" left of its "+", not "++Ctrl"
    menu.adjustSize()
    menu.grab().save(str(shots / f"annotate_menu_{lang}.png"))


def test_edge_items_say_where_the_edge_goes_without_a_contrary_arrow(
    lang: str, window: MainWindow
) -> None:
    right, left = ("يمين", "يسار") if lang == "ar" else ("right", "left")
    for name in ("start_right", "end_right", "start_w_right", "end_w_right"):
        text = window.actions_by_name[name].text()
        assert right in text and left not in text, text
        assert not {"→", "←"} & set(text)
    for name in ("start_left", "end_left", "start_w_left", "end_w_left"):
        text = window.actions_by_name[name].text()
        assert left in text and right not in text, text
        assert not {"→", "←"} & set(text)


def test_entity_list_shows_tags_and_offers_only_annotatable_labels(
    arabic: QApplication, qtbot: QtBot, project: Project, shots: Path
) -> None:
    widget = EntityList()
    qtbot.addWidget(widget)
    spans = [Span("s1", 1, "amal", 15, 20, "GPE", "باريس")]
    widget.set_groups(entity_groups(spans), project.schema.span_labels())
    assert widget.proxy.index(0, 0).data() == "كيان جغرافي سياسي"
    menu = widget.menu_for(0)
    relabel = next(m for a in menu.actions() if isinstance(m := a.menu(), QMenu))
    offered = [a.text() for a in relabel.actions()]
    assert "منظمة" in offered and "ولادة" in offered
    assert not {"ORG", "GPE", "Life.Be-Born", "حياة", "تنقل", "Life", "Movement"} & set(offered)
    assert "كيان جغرافي سياسي" not in offered  # the group's own label
    with qtbot.waitSignal(widget.relabelRequested) as blocker:
        next(a for a in relabel.actions() if a.text() == "منظمة").trigger()
    assert blocker.args is not None and blocker.args[1] == "ORG"
    widget.filter.setText("كيان")
    assert widget.proxy.rowCount() == 1
    widget.resize(500, 200)
    widget.show()
    widget.grab().save(str(shots / "arabic_entities.png"))


def test_export_labels_show_the_tags_and_filter_by_code(
    arabic: QApplication, qtbot: QtBot, project: Project, shots: Path
) -> None:
    dialog = ExportDialog(project)
    qtbot.addWidget(dialog)
    items = [dialog.labels.item(i) for i in range(dialog.labels.count())]
    gpe = next(it for it in items if it.data(Qt.ItemDataRole.UserRole) == "GPE")
    assert gpe.text() == "كيان جغرافي سياسي"
    assert gpe.toolTip() == i18n.plain_tooltip("GPE")
    for it in items:
        if it is not gpe:
            it.setCheckState(Qt.CheckState.Unchecked)
    assert dialog.chosen_labels() == ("GPE",)
    dialog.show()
    dialog.grab().save(str(shots / "arabic_export_labels.png"))


@pytest.mark.qt_log_ignore("propagateSizeHints", "grabbing the keyboard")  # the open popup
def test_import_formats_are_described_in_the_interface_language(
    arabic: QApplication, qtbot: QtBot, shots: Path
) -> None:
    dialog = ImportDialog(Session())
    qtbot.addWidget(dialog)
    for i in range(dialog.format.count()):
        fmt, text = dialog.format.itemData(i), dialog.format.itemText(i)
        assert ARABIC.search(text), text
        if fmt != "auto":
            assert text.startswith(f"{fmt} — "), text
    dialog.show()
    dialog.format.showPopup()
    dialog.format.view().window().grab().save(str(shots / "arabic_import_formats.png"))
    dialog.format.hidePopup()


def test_palette_and_keys_page_show_keys_as_the_menus_do(
    lang: str, qtbot: QtBot, window: MainWindow, shots: Path
) -> None:
    """The command palette and the keys page wrote Qt's native text (Alt+اليمين beside Tab and
    Return in Arabic, Ctrl++ turned round): they show ``shortcut_text``, as the menus do."""
    palette = CommandPalette(window.actions_by_name, window)
    qtbot.addWidget(palette)
    rows = {
        palette.table.item(r, 0).text(): palette.table.item(r, 1).text()  # type: ignore[union-attr]
        for r in range(palette.table.rowCount())
    }
    start_right = window.actions_by_name["start_right"]
    assert rows[action_text(start_right)] == i18n.isolate("Alt+Right")
    assert rows[action_text(window.actions_by_name["zoom_in"])] == i18n.isolate("Ctrl++")
    redo = window.actions_by_name["redo"]
    assert key_text(redo) == i18n.isolate("Ctrl+Shift+Z / Ctrl+Y")
    assert not any(ARABIC.search(keys) for keys in rows.values())
    page = KeysPage(window.actions_by_name, [("C, A", "Attack"), ("G", "GPE")], window)
    qtbot.addWidget(page)
    keys = [page.table.item(r, 1).text() for r in range(page.table.rowCount())]  # type: ignore[union-attr]
    assert keys[:2] == [i18n.isolate("C, A"), i18n.isolate("G")]
    assert i18n.isolate("Alt+Right") in keys and i18n.isolate("Esc") in keys
    assert not any(ARABIC.search(k) for k in keys if k.startswith(i18n.FSI))  # but Double click
    page.show()
    page.grab().save(str(shots / f"keys_page_{lang}.png"))


def test_the_review_window_menu_shows_keys_as_the_main_window_does(lang: str, qtbot: QtBot) -> None:
    review = ReviewWindow(Session())
    qtbot.addWidget(review)
    (menu,) = [a.menu() for a in review.menuBar().actions()]
    assert isinstance(menu, KeyMenu)
    option = QStyleOptionMenuItem()
    menu.initStyleOption(option, review.actions_by_name["accept_agreements"])
    assert option.text.partition("\t")[2] == i18n.isolate("Ctrl+Shift+A")


def first_strong(text: str) -> str:
    """The bidi class (L, R or AL) that gives a Qt label of ``text`` its direction: its first
    strong character, inside an isolate too (Qt does not skip isolates there, as rule P2 of
    the bidi algorithm would), "" when it has none."""
    for char in text:
        if (kind := unicodedata.bidirectional(char)) in ("L", "R", "AL"):
            return kind
    return ""


@pytest.fixture
def trigger_window(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[MainWindow, str]]:
    """A window on a layer where الاجتماع triggers Contact.Meet with a Place argument."""
    text = "قال الوزير إن الاجتماع سيعقد في باريس."
    path = tmp_path / "p.annotator"
    with Project.create(path) as p:
        doc = p.add_document(text, name="d")
        where = text.index("باريس")
        gpe = p.add_span(doc.id, where, where + 5, "GPE", "amal")
        meet = text.index("الاجتماع")
        trigger = p.add_span(doc.id, meet, meet + 8, "Contact.Meet", "amal")
        p.add_argument(p.add_event(trigger.uuid).uuid, "Place", gpe.uuid)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("amal", True))
    w = open_window(qtbot, tmp_path, path, (900, 600))
    yield w, trigger.uuid
    w.session.close()


def test_relabel_questions_read_in_the_interface_direction(
    lang: str,
    trigger_window: tuple[MainWindow, str],
    monkeypatch: pytest.MonkeyPatch,
    shots: Path,
) -> None:
    """The question before a trigger loses its event started with the Arabic span text, so in
    the English interface the whole paragraph was laid out right to left; every question a
    relabel asks starts with a word of the interface language."""
    w, trigger = trigger_window
    shown: list[str] = []

    def look(box: QMessageBox) -> int:
        box.resize(box.sizeHint())
        box.show()
        QApplication.processEvents()
        box.grab().save(str(shots / f"trigger_relabel_{lang}_{len(shown)}.png"))
        shown.append(box.text())
        return 0  # closed: Cancel

    monkeypatch.setattr(QMessageBox, "exec", look)
    assert not w.event_tools.relabel(trigger, "GPE")
    assert w.event_tools.ask_relabel_triggers([trigger], "GPE", "الاجتماع") is None
    assert len(shown) == 2
    # the entity list's concordance title too ("الاجتماع (Contact.Meet): 1 mentions")
    project = w.session.project
    assert project is not None
    tools: SearchTools = getattr(w, "search_tools")  # noqa: B009
    tools.show_entity(entity_groups(project.spans())[0])
    shown.append(tools.search.status.text())
    want = ("R", "AL") if lang == "ar" else ("L",)
    for text in shown:
        assert first_strong(text) in want, text


# -- round 6 ---------------------------------------------------------------------------------
ISOLATES = re.compile("[\u2066\u2067\u2068\u2069\u200e\u200f]")
NUMBERS = re.compile(r'<td class="num"[^>]*>([^<]*)</td>')


def _english_left(shown: str, params: tuple[str, ...] = ()) -> str:
    """The Latin words of ``shown`` outside the given parameters ("" when the rest is Arabic)."""
    shown = ISOLATES.sub("", shown)
    for p in sorted(params, key=len, reverse=True):
        shown = shown.replace(p, " ")
    return " ".join(re.findall(r"[A-Za-z]+", shown))


def _look(qtbot: QtBot, text: str, shots: Path, name: str) -> None:
    """``text`` as a message box's plain label shows it, saved for a look."""
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setText(text)
    label.setWordWrap(True)
    label.setFixedWidth(640)
    label.adjustSize()
    qtbot.addWidget(label)
    label.show()
    qtbot.waitExposed(label)
    label.grab().save(str(shots / name))


# -- the agreement report -------------------------------------------------------------------
def _saved_report(
    qtbot: QtBot, session: Session, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> tuple[AgreementWindow, str]:
    window = AgreementWindow(session)
    qtbot.addWidget(window)
    window.show()
    run(qtbot, window)
    out = tmp_path / "report.html"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    job = window.save_report()
    assert job is not None
    with qtbot.waitSignal(job.done, timeout=60000) as blocker:
        pass
    assert blocker.args[0] == "finished", blocker.args
    return window, out.read_text(encoding="utf-8")


def _text_of(page: str) -> str:
    """The page's words, images and tags left out."""
    page = re.sub(r"<style>.*?</style>|<img [^>]*>", " ", page, flags=re.S)
    return re.sub(r"<[^>]+>", " ", page)


def test_the_saved_report_is_in_arabic(
    arabic: QApplication,
    qtbot: QtBot,
    session: Session,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    shots: Path,
) -> None:
    window, page = _saved_report(qtbot, session, tmp_path, monkeypatch)
    assert '<html lang="ar" dir="rtl">' in page
    for arabic_text in (
        "<title>الاتفاق بين الموسِّمين</title>",  # the title and the heading
        "<h1>الاتفاق بين الموسِّمين</h1>",
        "جميع الموسِّمين",  # a table's caption
        "<th>المقياس</th>",  # its headers
        "ألفا كريبندورف",  # a measure
        "تعرّف المُطلِق",  # an event measure, as the Events tab names it
        "مصفوفة الالتباس",
        "لكل مستند",
        "ألفا-U: محارف المستندات",  # a note
    ):
        assert arabic_text in page, arabic_text
    # only names and the measures' symbols are left in Latin letters
    assert window.result is not None
    text = _text_of(page.replace(html.escape(PAYLOAD), " "))
    names = ("amal", "short", "GPE", "PER", "LOC", "TIME", "ACE", "F1", "alpha", "U", "S", "O")
    assert _english_left(text, names) == "", _english_left(text, names)
    # the figures are the English report's, cell for cell
    english = html_report(window.result, window.schema)
    assert NUMBERS.findall(page) == NUMBERS.findall(english) and NUMBERS.findall(page)
    # each left to right: "-0.013", not "0.013-", on the right-to-left page
    assert page.count('<td class="num" dir="ltr">') == len(NUMBERS.findall(page))
    assert any(n.startswith("-") for n in NUMBERS.findall(page))
    # rendered as a browser would lay it out, for a look
    doc = QTextDocument()
    doc.setHtml(re.sub(r"<img [^>]*>", "", page))
    doc.setTextWidth(900)
    image = QImage(900, min(int(doc.size().height()), 1800), QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    doc.drawContents(painter)
    painter.end()
    assert doc.size() != QSizeF(0, 0)
    image.save(str(shots / "agreement_report_ar.png"))


def test_the_saved_report_in_english_is_the_clis(
    qtbot: QtBot, session: Session, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window, page = _saved_report(qtbot, session, tmp_path, monkeypatch)
    assert window.result is not None
    cli = html_report(window.result, window.schema)
    assert "<html><head>" in page and 'dir="rtl"' not in page
    strip = re.compile(r'src="data:image/png;base64,[^"]*"')
    assert strip.sub("", page) == strip.sub("", cli)


# -- an operating-system error the table lacks ------------------------------------------------
@pytest.mark.parametrize("code", [errno.ENOTSUP, errno.ECONNREFUSED, errno.ESTALE])
def test_another_os_error_reads_in_arabic_with_its_name(arabic: QApplication, code: int) -> None:
    system = os.strerror(code)
    name = errno.errorcode[code]
    error = OSError(code, system, "/srv/data/x.jsonl")
    shown = i18n.core_text(error)
    assert f"{i18n.FSI}{name}{i18n.PDI}" in shown and f"{i18n.FSI}{system}{i18n.PDI}" in shown
    assert "خطأ من النظام" in shown and str(code) in shown
    assert _english_left(shown, (system, name, "'/srv/data/x.jsonl'")) == "", shown
    bare = i18n.core_text(OSError(code, system))
    assert _english_left(bare, (system, name)) == "" and name in bare, bare


def test_a_file_the_os_refuses_otherwise_reads_in_arabic(
    arabic: QApplication, qtbot: QtBot, shots: Path
) -> None:
    problem = Message(
        "cannot read: {why}", why=message_of(OSError(errno.ESTALE, os.strerror(errno.ESTALE)))
    )
    error = ImportFormatError("/srv/data/x.jsonl", None, problem)
    shown = i18n.core_text(error)
    assert "تعذّرت القراءة" in shown and "ESTALE" in shown
    _look(qtbot, shown, shots, "os_error_fallback_ar.png")


# -- zipfile's and csv's texts with a name or a number ---------------------------------------
def _bad_crc_bundle(path: Path) -> None:
    body = b'{"format": "annotator-bundle"}'
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as zf:
        zf.writestr("manifest.json", body)
    data = path.read_bytes()
    path.write_bytes(data.replace(body, body.replace(b"format", b"formaT"), 1))


def test_a_bundle_with_a_bad_checksum_reads_in_arabic(
    arabic: QApplication, qtbot: QtBot, tmp_path: Path, shots: Path
) -> None:
    path = tmp_path / "x.bundle"
    _bad_crc_bundle(path)
    with pytest.raises(ImportFormatError) as caught:
        read_bundle(path)
    english = f"{path}: not a readable bundle (bad zip: Bad CRC-32 for file 'manifest.json')"
    assert str(caught.value) == english
    shown = i18n.core_text(caught.value)
    assert "CRC-32" in shown and f"{i18n.FSI}'manifest.json'{i18n.PDI}" in shown
    assert _english_left(shown, (str(path), "'manifest.json'", "CRC", "zip")) == "", shown
    _look(qtbot, shown, shots, "zip_bad_crc_ar.png")


@pytest.mark.parametrize(
    "text",
    [
        "Corrupt extra field 0001 (size=3)",
        "Corrupt zip64 extra field. File size not found.",
        "File name in directory 'a.json' and header b'b.json' differ.",
        "Overlapped entries: 'a.json' (possible zip bomb)",
    ],
)
def test_zipfiles_other_texts_read_in_arabic(arabic: QApplication, text: str) -> None:
    shown = i18n.core_text(zipfile.BadZipFile(text))
    params = ("0001", "3", "File size", "'a.json'", "b'b.json'", "zip", "zip64")
    assert _english_left(shown, params) == "", shown


CSV_CASES = [
    ("text\n" + "a" * 140_000 + "\n", 2, "field larger than field limit (131072)", "الحد"),
    ('text\n"a"b\n', 2, "',' expected after '\"'", "يُنتظر"),
    ('text\n"a\n', 2, "unexpected end of data", "البيانات"),
]


@pytest.mark.parametrize(("content", "line", "english", "word"), CSV_CASES)
def test_a_bad_csv_reads_in_arabic_with_its_file_and_line(
    arabic: QApplication,
    qtbot: QtBot,
    tmp_path: Path,
    shots: Path,
    content: str,
    line: int,
    english: str,
    word: str,
) -> None:
    path = tmp_path / "news.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ImportFormatError) as caught:
        read_csv(path)
    assert str(caught.value) == f"{path}:{line}: bad CSV: {english}"
    shown = i18n.core_text(caught.value)
    assert "ملف CSV غير سليم" in shown and word in shown, shown
    assert f"{i18n.LRI}{path}:{line}{i18n.PDI}" in shown  # the file and line, left to right
    assert _english_left(shown, (f"{path}:{line}", "CSV", "','", "'\"'")) == "", shown
    # lenient: the same problem listed in the import report
    problems = read_csv(path, strict=False).problems
    assert [str(p) for p in problems] == [f"{path}:{line}: bad CSV: {english}"]
    assert i18n.core_lines(p.text() for p in problems) == shown
    if english.startswith("field"):
        _look(qtbot, shown, shots, "csv_field_limit_ar.png")


def test_a_bad_csv_header_and_gazetteer_read_in_arabic(
    arabic: QApplication, tmp_path: Path
) -> None:
    path = tmp_path / "news.csv"
    path.write_text('"text\n', encoding="utf-8")
    with pytest.raises(ImportFormatError) as caught:
        read_csv(path)
    assert str(caught.value) == f"{path}:1: bad CSV header: unexpected end of data"
    shown = i18n.core_text(caught.value)
    assert "ترويسة CSV غير سليمة" in shown and _english_left(shown, (f"{path}:1", "CSV")) == ""
    names = tmp_path / "names.csv"
    names.write_text('name,label\n"باريس"x,GPE\n', encoding="utf-8")
    with pytest.raises(ImportFormatError) as bad:
        read_gazetteer(names)
    assert str(bad.value) == f"{names}:2: bad CSV: ',' expected after '\"'"
    shown = i18n.core_text(bad.value)
    assert _english_left(shown, (f"{names}:2", "CSV", "','", "'\"'")) == "", shown


def test_a_problem_that_is_not_a_system_text_stays_as_written(arabic: QApplication) -> None:
    # a reader's own English is not taken for csv's, nor a name for a type's
    for text in ("bad thing: x", "list", "x expected after y"):
        problem = Problem("/srv/a.csv", 2, text)
        assert i18n.core_text(problem.text()) == str(problem) == f"/srv/a.csv:2: {text}"


# -- the refusals of annotator.files ----------------------------------------------------------
def test_the_refused_files_read_in_arabic(
    arabic: QApplication, qtbot: QtBot, tmp_path: Path, shots: Path
) -> None:
    target = tmp_path / "real.txt"
    target.write_text("نص", encoding="utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    cases = [
        (partial(read_file, link, follow=False), f"{link}: symbolic link, not followed", "رابط"),
        (partial(read_file, fifo, follow=False), f"{fifo}: not a regular file (a FIFO)", "FIFO"),
        (
            partial(read_file, tmp_path),
            f"{tmp_path}: not a regular file (a folder), not read",
            "مجلد",
        ),
        (
            partial(read_file, target, limit=2),
            f"{target}: file too large (4 bytes; limit 2)",
            "بايت",
        ),
    ]
    shown_all = []
    for read, english, word in cases:
        with pytest.raises(ImportFormatError) as caught:
            read()
        assert str(caught.value) == english
        shown = i18n.core_text(caught.value)
        where = english.split(": ")[0]
        assert word in shown and _english_left(shown, (where, "FIFO")) == "", shown
        assert f"{i18n.FSI}4{i18n.PDI}" in shown or "4 bytes" not in english
        shown_all.append(shown)
    _look(qtbot, "\n".join(shown_all), shots, "files_refused_ar.png")


def test_the_system_templates_are_listed_and_translated() -> None:
    import xml.etree.ElementTree as ET

    from annotator.errors import OS_FALLBACK, SYSTEM_TEMPLATES
    from ui.core_messages import SYSTEM_TEMPLATES as LISTED

    assert set(LISTED) == {*SYSTEM_TEMPLATES, OS_FALLBACK}
    root = Path(__file__).parents[2] / "resources" / "translations" / "annotator_ar.ts"
    translated = {
        m.findtext("source"): m.find("translation")
        for ctx in ET.parse(root).getroot()
        if ctx.findtext("name") == "CoreMessage"
        for m in ctx.iter("message")
    }
    for template in LISTED:
        tr = translated.get(template)
        assert tr is not None and tr.get("type") is None and tr.text, template
