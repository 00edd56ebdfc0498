"""Arabic interface defects found by QA: the core's schema messages (a name in use, an invisible
character, a hotkey clash) reached the schema editor in English, and the Agreement window
listed labels by their internal names (PER, GPE) where the rest of the interface shows their
Arabic names. The CLI keeps printing the core's English."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import ast
import json
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QInputDialog, QLabel
from pytestqt.qtbot import QtBot

from annotator.cli import main
from annotator.errors import Message, SchemaError
from annotator.project import Project
from annotator.schema import default_schema
from annotator.schema.edit import add_label
from tests.ui.conftest import open_window
from ui import i18n
from ui.core_messages import CORE_MESSAGES
from ui.events.schema_editor import SchemaEditor
from ui.review.agreement_window import AgreementWindow
from ui.workbench.mainwindow import MainWindow

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

ROOT = Path(__file__).parents[2]
TEXT = "قال جان إيف لودريان إن الاجتماع سيعقد في باريس."
ME = "amal"


def at(word: str) -> tuple[int, int]:
    start = TEXT.index(word)
    return start, start + len(word)


@pytest.fixture
def path(tmp_path: Path) -> Path:
    path = tmp_path / "p.annotator"
    with Project.create(path) as p:
        doc = p.add_document(TEXT, name="d")
        for who, label in ((ME, "PER"), ("sara", "PER")):
            p.add_span(doc.id, *at("جان إيف لودريان"), label, who)
        p.add_span(doc.id, *at("باريس"), "GPE", ME)
        p.add_span(doc.id, *at("باريس"), "LOC", "sara")
    return path


@pytest.fixture
def window(
    qtbot: QtBot, tmp_path: Path, path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[MainWindow]:
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: (ME, True))
    w = open_window(qtbot, tmp_path, path)
    yield w
    w.session.close()


@pytest.fixture
def editor(window: MainWindow, qtbot: QtBot) -> SchemaEditor:
    dialog = SchemaEditor(window.session, {}, window)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _plain(label: QLabel) -> str:
    assert label.textFormat() == Qt.TextFormat.PlainText
    return label.text()


# -- the core's messages ------------------------------------------------------------------
def _core_templates() -> set[str]:
    """Every template the core passes to ``Message`` (a literal, so lupdate can list it)."""
    found: set[str] = set()
    for source in sorted((ROOT / "annotator").rglob("*.py")):
        if source.name == "errors.py":  # the class itself (unpickling)
            continue
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "Message":
                first = node.args[0]
                assert isinstance(first, ast.Constant), f"{source}: a Message template literal"
                found.add(str(first.value))
    return found


def test_every_core_template_is_listed_and_translated() -> None:
    assert _core_templates() == set(CORE_MESSAGES)
    ts = ET.parse(ROOT / "resources" / "translations" / "annotator_ar.ts").getroot()
    translated = {
        m.findtext("source"): m.find("translation")
        for ctx in ts
        if ctx.findtext("name") == "CoreMessage"
        for m in ctx.iter("message")
    }
    for template in CORE_MESSAGES:
        tr = translated.get(template)
        assert tr is not None and tr.get("type") is None and tr.text, template


def test_a_message_is_its_english_text_and_survives_a_job() -> None:
    import pickle

    with pytest.raises(SchemaError) as caught:
        add_label(default_schema(), default_schema().entities[0])
    assert str(caught.value) == "cannot add: 'PER' already exists"
    again = pickle.loads(pickle.dumps(caught.value))
    message = again.args[0]
    assert isinstance(message, Message) and message.params == {"name": "'PER'"}
    assert i18n.core_text(again) == "cannot add: 'PER' already exists"  # English interface


def test_core_text_falls_back_to_the_english_text() -> None:
    assert i18n.core_text(SchemaError("plain words")) == "plain words"
    assert i18n.core_text(Message("no such {x} template", x="y")) == "no such y template"


# -- the schema editor in Arabic ----------------------------------------------------------
def test_a_name_in_use_is_refused_in_arabic(
    arabic: QApplication, window: MainWindow, editor: SchemaEditor
) -> None:
    editor.select("GPE", "entities")
    editor.new_name.setText("GPE")
    QTest.keyClick(editor.new_name, Qt.Key.Key_Return)
    shown = _plain(editor.list_error)
    assert shown == f"لا يمكن الإضافة: الاسم {i18n.isolate(repr('GPE'))} مستخدم بالفعل"


def test_an_invisible_character_is_refused_in_arabic(
    arabic: QApplication, window: MainWindow, editor: SchemaEditor
) -> None:
    editor.select("PER", "entities")
    assert not editor.rename("PER\u200b")
    shown = _plain(editor.name_error)
    name = i18n.isolate(repr("PER\u200b"))  # the invisible character shows as \u200b
    assert shown == f"{i18n.isolate('اسم التسمية')} {name} يحتوي على محرف غير مرئي"
    assert "\\u200b" in shown and "\u200b" not in shown


def test_a_hotkey_clash_is_refused_in_arabic(
    arabic: QApplication, window: MainWindow, editor: SchemaEditor, tmp_path: Path
) -> None:
    schema = default_schema()
    per, org = schema.entity("PER"), schema.entity("ORG")
    assert per is not None and org is not None and per.hotkey
    editor.select("ORG", "entities")
    assert not editor.set_hotkey(per.hotkey)
    shown = _plain(editor.hotkey_error)
    assert "مفتاح الاختصار نفسه" in shown
    assert i18n.isolate("ORG") in shown or i18n.isolate("PER") in shown
    assert "have" not in shown
    editor.resize(900, 650)
    editor.grab().save(str(tmp_path / "schema_hotkey_ar.png"))


def test_the_cli_prints_english(arabic: QApplication, path: Path, tmp_path: Path) -> None:
    data = default_schema().to_json()
    data["entities"][0]["name"] = "PER\u200b"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data), encoding="utf-8")
    import contextlib
    import io

    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        assert main(["schema", str(path), "--import", str(bad)]) == 1
    assert "label name 'PER\\u200b' contains an invisible character" in err.getvalue()
    assert "\u2068" not in err.getvalue()


# -- the Agreement window ------------------------------------------------------------------
def test_the_agreement_window_shows_display_names(
    arabic: QApplication, window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    agreement = AgreementWindow(window.session, window)
    qtbot.addWidget(agreement)
    items = [agreement.labels.item(i) for i in range(agreement.labels.count())]
    gpe = next(it for it in items if it.data(Qt.ItemDataRole.UserRole) == "GPE")
    assert gpe.text() == "كيان جغرافي سياسي"
    assert gpe.toolTip() == i18n.plain_tooltip("GPE")
    for i in range(agreement.annotators.count()):
        agreement.annotators.item(i).setCheckState(Qt.CheckState.Checked)
    job = agreement.run()
    assert job is not None
    with qtbot.waitSignal(job.done, timeout=30000) as blocker:
        pass
    assert blocker.args[0] == "finished"
    table = agreement.tables["labels"]
    shown = {table.item(r, 2).text() for r in range(table.rowCount())}  # type: ignore[union-attr]
    assert {"شخص", "كيان جغرافي سياسي", "موقع"} <= shown
    assert not shown & {"PER", "GPE", "LOC"}
    confusion = agreement.tables["confusion"]
    headers = [confusion.horizontalHeaderItem(c) for c in range(1, confusion.columnCount())]
    assert "شخص" in [h.text() for h in headers if h is not None]
    corner = confusion.horizontalHeaderItem(0)
    assert corner is not None and corner.text().endswith("←")  # B's columns run leftwards
    rows = [confusion.item(r, 0) for r in range(confusion.rowCount())]
    per = next(it for it in rows if it is not None and it.text() == "شخص")
    assert per.toolTip() == i18n.plain_tooltip("PER")
    agreement.resize(1100, 600)
    agreement.tabs.setCurrentIndex(1)
    agreement.grab().save(str(tmp_path / "agreement_labels_ar.png"))
    agreement.tabs.setCurrentIndex(agreement.tabs.count() - 2)  # Confusion (then Notes)
    agreement.grab().save(str(tmp_path / "agreement_confusion_ar.png"))


def test_a_refused_command_reaches_the_window_in_arabic(
    arabic: QApplication, window: MainWindow
) -> None:
    """The session's ``error`` (every refused edit, the schema editor's ``SetSchema`` among
    them) carries the core's message in the interface language, not its English."""
    from annotator.commands import Command

    class Refused(Command):
        def _first(self, project: Project) -> list[Any]:
            add_label(default_schema(), default_schema().entities[0])
            return []

    said: list[str] = []
    window.session.error.connect(said.append)
    assert not window.session.execute(Refused())
    assert said == [f"لا يمكن الإضافة: الاسم {i18n.isolate(repr('PER'))} مستخدم بالفعل"]


# -- the rules' refusals (spans, attributes) and the problems panel -------------------------
def _doc_id(window: MainWindow) -> int:
    project = window.session.project
    assert project is not None
    return project.documents()[0].id


def _refusals(doc_id: int) -> list[tuple[Any, str, str]]:
    """(a refused edit, the core's English, the Arabic the window shows)"""
    from annotator.commands import AddSpan

    iso = i18n.isolate
    n = len(TEXT)
    return [
        (
            AddSpan(doc_id, 0, 999, "PER", ME),
            f"span 0-999 is outside the text of document 'd' (0 <= start < end <= {n} required)",
            f"المقطع {iso('0-999')} خارج نص المستند {iso(repr('d'))} (يجب أن تقع بدايته"
            f" ونهايته بين 0 و{iso(str(n))}، والبداية قبل النهاية)",
        ),
        (
            AddSpan(doc_id, *at("باريس"), "GPE", ME, attributes={"MentionType": "Q"}),
            "attribute 'MentionType' takes one of NAM, NOM, PRO, not 'Q'",
            f"الخاصية {iso(repr('MentionType'))} تأخذ إحدى القيم {iso('NAM, NOM, PRO')}،"
            f" لا {iso(repr('Q'))}",
        ),
        (
            AddSpan(doc_id, *at("باريس"), "GPE", ME, attributes={"Realis": "Actual"}),
            "attribute 'Realis' is not defined for 'GPE'",
            f"الخاصية {iso(repr('Realis'))} غير معرّفة للتسمية {iso(repr('GPE'))}",
        ),
        (
            AddSpan(doc_id, *at("باريس"), "NOPE", ME),
            "label 'NOPE' is not in the schema",
            f"التسمية {iso(repr('NOPE'))} ليست في المخطط",
        ),
    ]


def test_a_refused_span_reaches_the_window_in_arabic(
    arabic: QApplication, window: MainWindow, tmp_path: Path
) -> None:
    """A span the rules refuse (offsets outside the text, a bad attribute value, an
    attribute not defined for the label, an unknown label) is refused in Arabic, each name
    and number isolated, in the status bar and the session's ``error``."""
    said: list[str] = []
    window.session.error.connect(said.append)
    for command, english, shown in _refusals(_doc_id(window)):
        said.clear()
        assert not window.session.execute(command)
        assert said == [shown], english
        assert window.statusBar().currentMessage() == shown
    window.grab().save(str(tmp_path / "refused_span_ar.png"))


def test_a_refused_span_keeps_its_english(window: MainWindow) -> None:
    """The English interface (and the CLI) shows the core's text exactly as before."""
    said: list[str] = []
    window.session.error.connect(said.append)
    for command, english, _shown in _refusals(_doc_id(window)):
        said.clear()
        assert not window.session.execute(command)
        assert said == [english]


def test_the_problems_panel_lists_a_rule_in_arabic(
    arabic: QApplication, window: MainWindow
) -> None:
    """A record the schema no longer accepts is listed by the problems panel in Arabic."""
    from dataclasses import replace

    from annotator.commands import AddSpan

    project = window.session.project
    assert project is not None
    assert window.session.execute(
        AddSpan(_doc_id(window), *at("الاجتماع"), "ORG", ME, attributes={"MentionType": "NAM"})
    )
    schema = project.schema
    project.set_schema(
        replace(
            schema,
            attributes=tuple(
                replace(a, values=("NOM", "PRO")) if a.name == "MentionType" else a
                for a in schema.attributes
            ),
        )
    )
    panel = window.event_tools.validation
    panel.refresh()
    items = [panel.tree.topLevelItem(i) for i in range(panel.tree.topLevelItemCount())]
    texts = [item.text(2) for item in items if item is not None]
    iso = i18n.isolate
    shown = (
        f"الخاصية {iso(repr('MentionType'))} تأخذ إحدى القيم {iso('NOM, PRO')}، لا"
        f" {iso(repr('NAM'))}"
    )
    assert shown in texts
    item = panel.tree.topLevelItem(texts.index(shown))
    assert item is not None and item.toolTip(2) == i18n.plain_tooltip(shown)


def test_a_missing_role_and_a_bad_schema_read_in_arabic(
    arabic: QApplication, tmp_path: Path
) -> None:
    """Role cardinality (annotator.validation) and a schema refused by the project keep their
    template, so the problems panel and a refused schema show them in Arabic."""
    import dataclasses

    from annotator.schema import Role
    from annotator.schema.edit import with_label
    from annotator.validation import check_layer

    meet = default_schema().event("Contact.Meet")
    assert meet is not None
    required = (*meet.roles, Role("Host", ("GPE",), ""))  # a role of cardinality 1
    schema = with_label(default_schema(), dataclasses.replace(meet, roles=required))
    text = "اجتمع الوزير في باريس."
    with Project.create(tmp_path / "v.annotator", schema) as p:
        doc = p.add_document(text, name="meet")
        trigger = p.add_span(doc.id, 0, len("اجتمع"), "Contact.Meet", ME)
        p.add_event(trigger.uuid)  # lacks its required Host
        (issue,) = [
            i for i in check_layer(p.layer(doc.id, ME), p.schema) if i.kind == "missing-role"
        ]
        assert str(issue.message) == "Contact.Meet: role Host needs at least 1"
        shown = i18n.core_text(issue.message)
        assert shown == (
            f"{i18n.isolate('Contact.Meet')}: الدور {i18n.isolate('Host')} يحتاج "
            f"{i18n.isolate('1')} على الأقل"
        )
        data = default_schema().to_json()
        bad = type(default_schema()).from_json(
            {**data, "entities": [*data["entities"], data["entities"][0]]}, check=False
        )
        with pytest.raises(SchemaError) as refused:
            p.set_schema(bad)
        assert str(refused.value).startswith("schema: ")
        assert i18n.core_text(refused.value).startswith("المخطط: ")
