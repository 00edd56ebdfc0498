"""The Arabic interface: every string of the workbench translated, the .qm built from the .ts,
the layout mirrored in Arabic and left-to-right in English, the language chosen and remembered."""

from __future__ import annotations

import os
import re

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QSettings, Qt
from PySide6.QtWidgets import QApplication, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from annotator.project import Project
from annotator.schema import default_schema
from ui import i18n
from ui.session import Session
from ui.workbench.mainwindow import MainWindow

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "translations" / "annotator_ar.ts"
QM = ROOT / "resources" / "translations" / "annotator_ar.qm"
BIN = Path(sys.executable).parent
OWNED = [
    "ui/workbench",
    "ui/events",
    "ui/review",
    "ui/dialogs",
    "ui/search",
    "ui/suggestions",
    "ui/docview",
    "ui/session.py",
    "ui/i18n.py",
    "ui/app.py",
    "ui/jobs.py",
    "ui/widgets.py",
]
"""the modules whose strings are translated (the Makefile's `translations` target lists them)"""


def sources() -> list[str]:
    files: list[str] = []
    for part in OWNED:
        path = ROOT / part
        files += sorted(str(p) for p in path.rglob("*.py")) if path.is_dir() else [str(path)]
    return files


def tool(name: str) -> str:
    found = BIN / name if (BIN / name).exists() else shutil.which(name)
    if not found:
        pytest.skip(f"{name} is not installed")
    return str(found)


def messages(ts: Path) -> dict[tuple[str, str], ET.Element]:
    out = {}
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            out[(name, message.findtext("source") or "")] = message
    return out


def test_every_source_string_has_an_arabic_translation(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh_ar.ts"
    subprocess.run(
        [tool("pyside6-lupdate"), *sources(), "-ts", str(fresh), "-target-language", "ar"],
        check=True,
        capture_output=True,
    )
    wanted = messages(fresh)
    assert len(wanted) > 250  # the workbench's strings were found
    have = messages(TS)
    missing = [key for key in wanted if key not in have]
    assert missing == [], f"not in {TS.name}: run `make translations` and translate {missing}"
    untranslated = [
        key
        for key in wanted
        if (translation := have[key].find("translation")) is None
        or not (translation.text or "").strip()
        or translation.get("type") == "unfinished"
    ]
    assert untranslated == []
    # a translation's words (its {fields}, punctuation and arrows aside: "{source}: {problem}"
    # and "{0}: {1} ← {2}", whose type name says the rest, have none)
    arabic = [re.sub(r"\{\w*\}", "", have[k].findtext("translation") or "") for k in wanted]
    assert all(
        any("\u0600" <= ch <= "\u06ff" for ch in t) for t in arabic if t.strip("-.…:; ←→")
    ), "every translation is Arabic"


def test_the_shipped_qm_is_built_from_the_ts(tmp_path: Path) -> None:
    built = tmp_path / "annotator_ar.qm"
    subprocess.run(
        [tool("pyside6-lrelease"), str(TS), "-qm", str(built)], check=True, capture_output=True
    )
    assert QM.exists(), "annotator_ar.qm is shipped (no build step after install)"
    assert QM.read_bytes() == built.read_bytes(), "the .qm is stale: run `make translations`"


def test_arabic_mirrors_the_window_and_translates_it(
    arabic: QApplication, qtbot: QtBot, tmp_path: Path
) -> None:
    assert arabic.layoutDirection() == Qt.LayoutDirection.RightToLeft
    w = MainWindow(Session(), QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(w)
    assert w.layoutDirection() == Qt.LayoutDirection.RightToLeft
    menus = [a.text() for a in w.menuBar().actions()]
    assert menus == ["&ملف", "ت&حرير", "&توسيم", "&عرض", "&مراجعة", "م&ساعدة"]
    assert w.docks["documents"].windowTitle() == "المستندات"
    assert w.status_annotator.text().startswith("الموسِّم:")
    assert w.actions_by_name["switch_annotator"].text() == "تبديل ال&موسِّم…"
    gpe = default_schema().entity("GPE")
    assert gpe is not None and i18n.label_display(gpe) == gpe.ar  # the schema's Arabic name
    # the document view's tags show the Arabic names too (the label itself stays the key)
    project = Project.create(tmp_path / "p.annotator")
    doc = project.add_document("زار الوزير باريس أمس.", name="d")
    start = doc.text.index("باريس")
    project.add_span(doc.id, start, start + 5, "GPE", "amal")
    w.session.annotator = "amal"
    w.session.set_project(project)
    w.navigation.open_document(doc.id)
    assert w.view.tag_names()["GPE"] == gpe.ar
    assert [s.label for s in w.view.spans()] == ["GPE"]


def test_english_stays_left_to_right(qtbot: QtBot, tmp_path: Path) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    assert i18n.install_translator(app, "en") == "en"
    assert app.layoutDirection() == Qt.LayoutDirection.LeftToRight
    w = MainWindow(Session(), QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(w)
    assert w.menuBar().actions()[0].text() == "&File"
    gpe = default_schema().entity("GPE")
    assert gpe is not None and i18n.label_display(gpe) == gpe.en


def test_language_remembered_else_system_locale(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    monkeypatch.setattr(QLocale, "system", lambda: QLocale(QLocale.Language.Arabic))
    assert i18n.choose_language(None, settings) == "ar"  # nothing chosen: the system's
    i18n.remember_language("en", settings)
    assert i18n.choose_language(None, settings) == "en"  # the choice made in the app
    assert i18n.choose_language("ar", settings) == "ar"  # a --lang flag wins
    with pytest.raises(ValueError):
        i18n.choose_language("fr", settings)


def test_the_language_menu_remembers_the_choice(qtbot: QtBot, tmp_path: Path) -> None:
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    w = MainWindow(Session(), settings)
    qtbot.addWidget(w)
    w.actions_by_name["lang_ar"].trigger()
    assert i18n.remembered_language(settings) == "ar"
    assert "restart" in w.statusBar().currentMessage() or "started again" in (
        w.statusBar().currentMessage()
    )


def test_search_jobs_and_start_speak_arabic(arabic: QApplication, qtbot: QtBot) -> None:
    from ui.docview.view import DocumentView
    from ui.jobs import BackgroundJob
    from ui.search import FindBar, SearchDock

    view = DocumentView()
    qtbot.addWidget(view)
    bar = FindBar(view)
    qtbot.addWidget(bar)
    modes = [bar.mode.itemText(i) for i in range(bar.mode.count())]
    assert modes == ["كلمة كاملة", "بداية الكلمة", "في أي موضع", "تعبير نمطي"]
    dock = SearchDock(lambda: iter([]))
    qtbot.addWidget(dock)
    assert dock.windowTitle() == "بحث" and dock.button.text() == "بحث"
    host = QWidget()
    qtbot.addWidget(host)
    job = BackgroundJob(host, "t", "l", lambda progress, cancelled: None)
    buttons = job.dialog.findChildren(QPushButton)
    assert [b.text() for b in buttons] == ["إلغاء"]
    job.dialog.close()
    # ui.app's window.tr(...): filed under the host context "window", found from any class
    assert host.tr("No annotator chosen: editing is off.") == "لم يُختر موسِّم: التحرير متوقف."


def test_review_tags_tables_and_format_descriptions_speak_arabic(
    arabic: QApplication, qtbot: QtBot
) -> None:
    from annotator.formats.registry import EXPORT_FORMATS
    from annotator.review import Kind
    from ui.dialogs.export_dialog import FORMAT_DESCRIPTIONS, format_description
    from ui.events.schema_tables import AttributesTable, RolesTable
    from ui.review.agreement_window import _pair_headers
    from ui.review.model import kind_name, kind_tag

    assert [kind_tag(k) for k in (Kind.LABEL, Kind.AGREEMENT, Kind.ONLY_A, Kind.ONLY_B)] == [
        "تسمية≠", "اتفاق", "أ فقط", "ب فقط"
    ]  # fmt: skip
    assert kind_name(Kind.BOUNDARY) == "اختلاف الحدود"
    roles = RolesTable()
    qtbot.addWidget(roles)
    headers = [roles.table.horizontalHeaderItem(c).text() for c in range(3)]
    assert headers == ["الدور", "يقبل (التسميات)", "العدد"]
    assert (roles.add_button.text(), roles.remove_button.text()) == ("إضافة", "إزالة")
    attrs = AttributesTable()
    qtbot.addWidget(attrs)
    assert attrs.add_button.text() == "إضافة"
    from PySide6.QtCore import QCoreApplication

    shown = [QCoreApplication.translate("Agreement", h) for h in _pair_headers()]
    assert "الدقة (تطابق تام)" in shown and "كابا" in shown
    # every offered format has its description marked, and the mark is the registry's text
    assert set(FORMAT_DESCRIPTIONS) == set(EXPORT_FORMATS)
    for name, info in EXPORT_FORMATS.items():
        assert FORMAT_DESCRIPTIONS[name] == info.description
        assert format_description(name, info.description) != info.description


def test_a_string_without_an_arabic_form_shows_as_written(arabic: QApplication) -> None:
    """No translation (or one lrelease dropped because it equals its source, as "ة = ه" does)
    shows the source text: the translator returned "" for it, which Qt took as the
    translation, and such a label or check box was blank in the Arabic interface (found by
    QA in the search dock)."""
    assert QCoreApplication.translate("NoSuchContext", "words with no translation") == (
        "words with no translation"
    )
    assert QCoreApplication.translate("FindBar", "ة = ه") == "ة = ه"
    assert QCoreApplication.translate("MainWindow", "&File") not in ("", "&File")  # translated


def test_menu_text_keeps_an_ampersand_as_written(qtbot: QtBot) -> None:
    """Every menu built from a schema, project or user name (relabel, role, relation, recent
    projects, the annotator button) goes through menu_text: R&D stays R&D, not RD."""
    from PySide6.QtWidgets import QMenu

    from ui.i18n import menu_text

    menu = QMenu()
    action = menu.addAction(menu_text("R&D"))
    assert action.text() == "R&&D" and action.iconText() == "R&D"
    assert menu_text("/home/a&b/p.annotator") == "/home/a&&b/p.annotator"
