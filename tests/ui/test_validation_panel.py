"""The problems panel: missing required roles and dangling arguments, per document and for the
project; it follows every edit and never stands in the way of one."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import dataclasses
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QInputDialog
from pytestqt.qtbot import QtBot

from annotator import commands as cmds
from annotator import validation
from annotator.model import DocumentAnnotations
from annotator.project import Project
from annotator.schema import Role, default_schema
from annotator.schema.edit import with_label
from ui.session import Session
from ui.widgets import items
from ui.workbench import validation_panel
from ui.workbench.mainwindow import MainWindow
from ui.workbench.menus import open_project

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

TEXT = "شنت الطائرات الغارات على مواقع داعش في الرقة."
OTHER = "اجتمع الوزراء في باريس."
ME = "amal"


def at(word: str, text: str = TEXT) -> tuple[int, int]:
    start = text.index(word)
    return start, start + len(word)


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[MainWindow]:
    schema = default_schema()
    attack = schema.event("Conflict.Attack")
    assert attack is not None
    roles = tuple(
        dataclasses.replace(r, cardinality="+") if r.name == "Target" else r for r in attack.roles
    )
    schema = with_label(schema, dataclasses.replace(attack, roles=(*roles,)))
    meet = schema.event("Contact.Meet")
    assert meet is not None
    schema = with_label(
        schema, dataclasses.replace(meet, roles=(*meet.roles, Role("Host", ("GPE",), "")))
    )
    path = tmp_path / "p.annotator"
    with Project.create(path, schema) as p:
        p.add_document(TEXT, name="raids")
        other = p.add_document(OTHER, name="meeting")
        trg = p.add_span(other.id, *at("اجتمع", OTHER), "Contact.Meet", ME)
        p.add_event(trg.uuid)  # lacks its required Host
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: (ME, True))
    session = Session()
    w = MainWindow(session, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    w.quiet_errors = True
    qtbot.addWidget(w)
    assert open_project(w, path) and w.ensure_annotator()
    w.show()
    yield w
    session.close()


def test_missing_role_and_dangling_argument_are_listed(window: MainWindow, qtbot: QtBot) -> None:
    w = window
    panel = w.event_tools.validation
    project = w.session.project
    assert project is not None and w.doc is not None and w.doc.name == "raids"
    panel.refresh()
    assert panel.kinds() == []
    w.view.select(*at("الغارات"))
    w.editing.apply_label("Conflict.Attack")  # an edit: the panel refreshes by itself
    qtbot.waitUntil(lambda: panel.kinds() == ["missing-role"])
    assert "Target" in panel.found[0].issue.message
    trigger = w.selected_uuid
    event = w.event_of(trigger)
    isis = project.add_span(w.doc.id, *at("داعش"), "ORG", ME)
    assert w.session.execute(cmds.AddArgument(event, "Target", isis.uuid))
    qtbot.waitUntil(lambda: panel.kinds() == [])
    # A span deleted behind the GUI's back (an API script) leaves a dangling argument.
    project.delete_span(isis.uuid)
    w.session.refresh()
    qtbot.waitUntil(lambda: sorted(panel.kinds()) == ["dangling"])
    # clicking the problem shows the event's trigger
    w.select_span("")
    (row,) = items(panel.tree)
    panel.tree.itemClicked.emit(row, 0)
    assert w.selected_uuid == trigger
    # project scope adds the other document's missing Host; clicking opens that document
    panel.set_scope("project")
    assert sorted(panel.kinds()) == ["dangling", "missing-role"]
    host = next(it for it in items(panel.tree) if it.text(1) == "missing-role")
    assert host.text(0) == "meeting" and "Host" in host.text(2)
    panel.tree.itemClicked.emit(host, 0)
    assert w.doc.name == "meeting"
    assert w.own_span(w.selected_uuid) is not None
    assert w.own_span(w.selected_uuid).text == "اجتمع"  # type: ignore[union-attr]
    panel.set_scope("document")
    assert panel.kinds() == ["missing-role"]


def test_problems_never_block_an_edit(window: MainWindow, qtbot: QtBot) -> None:
    w = window
    project = w.session.project
    assert project is not None and w.doc is not None
    w.view.select(*at("الغارات"))
    w.editing.apply_label("Conflict.Attack")  # stored although its required Target is missing
    w.view.select(*at("الرقة"))
    w.editing.apply_label("GPE")
    assert {s.label for s in project.spans(w.doc.id, ME)} == {"Conflict.Attack", "GPE"}
    reopened = Project.open(project.path, read_only=True)
    try:
        assert len(reopened.spans(w.doc.id, ME)) == 2  # committed, not waiting for a fix
    finally:
        reopened.close()
    qtbot.waitUntil(lambda: w.event_tools.validation.kinds() == ["missing-role"])


def test_an_edit_of_spans_alone_is_checked_span_by_span(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After a whole check of the document, an edit of spans that no event or relation refers
    to is checked span by span; the list is what a whole check lists. An edit of an event,
    or of a span one refers to, has the whole layer checked again."""
    w = window
    panel = w.event_tools.validation
    project = w.session.project
    assert project is not None and w.doc is not None
    doc_id = w.doc.id
    # spans whose stored text is not the document's (a file changed behind the app's back)
    bad = project.add_span(doc_id, *at("داعش"), "ORG", ME)
    worse = project.add_span(doc_id, *at("الرقة"), "GPE", ME)
    conn = sqlite3.connect(project.path)
    conn.execute("UPDATE spans SET text = 'x'")
    conn.commit()
    conn.close()
    w.session.refresh()
    qtbot.waitUntil(lambda: panel.kinds() == ["covered-text"] * 2)
    checked: list[int] = []  # the number of spans of each layer the panel checked

    def counted(layer: DocumentAnnotations, *args: object) -> object:
        checked.append(len(layer.spans))
        return validation.check_layer(layer, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(validation_panel, "check_layer", counted)

    def after(edit: Callable[[], object]) -> list[int]:
        """The number of spans of each layer checked after ``edit`` (one refresh)."""
        checked.clear()
        with qtbot.waitSignal(panel.countChanged):  # (the panel's refresh)
            edit()
        seen = list(checked)
        assert panel.found == panel.check()  # what a whole check of the stored layer lists
        return seen

    def label(word: str, name: str) -> Callable[[], object]:
        def edit() -> None:
            w.view.select(*at(word))
            w.editing.apply_label(name)

        return edit

    def execute(command: cmds.Command) -> Callable[[], object]:
        return lambda: w.session.execute(command)

    assert after(label("الطائرات", "PER")) == [1]  # a new span
    assert panel.kinds() == ["covered-text"] * 2
    assert after(execute(cmds.UpdateSpan(bad.uuid, label="GPE"))) == [1]  # (text rewritten)
    assert panel.kinds() == ["covered-text"]
    assert panel.found[0].issue.uuid == worse.uuid
    assert after(execute(cmds.DeleteSpan(worse.uuid))) == []  # nothing left to check
    assert panel.kinds() == []
    # an event: the whole layer
    assert after(label("الغارات", "Conflict.Attack")) == [3]
    assert panel.kinds() == ["missing-role"]
    # its trigger (a span an event refers to): the whole layer again
    assert after(execute(cmds.UpdateSpan(w.selected_uuid, note="n"))) == [3]
    assert panel.kinds() == ["missing-role"]


def test_a_document_shown_has_its_own_problems_listed_without_an_edit(
    window: MainWindow, qtbot: QtBot
) -> None:
    """Opening another document lists that document's problems a moment later (off the open
    itself), never the previous document's; the Problems dock follows."""
    w = window
    panel = w.event_tools.validation
    project = w.session.project
    assert project is not None and w.doc is not None and w.doc.name == "raids"
    qtbot.waitUntil(lambda: panel.summary.text() != "")
    assert panel.kinds() == [] and not w.docks["validation"].isVisible()
    meeting = project.document_by_name("meeting")
    raids = w.doc
    assert meeting is not None
    checks: list[int] = []
    panel.countChanged.connect(checks.append)
    w.navigation.open_document(meeting.id)
    assert checks == []  # not while the document opens
    qtbot.waitUntil(lambda: panel.kinds() == ["missing-role"], timeout=3000)
    assert "Host" in panel.found[0].issue.message
    assert panel.found[0].doc_id == meeting.id
    assert w.docks["validation"].isVisible()
    w.navigation.open_document(raids.id)
    qtbot.waitUntil(lambda: panel.kinds() == [], timeout=3000)
    assert not w.docks["validation"].isVisible()
    panel.set_scope("project")  # the whole project's list does not change with the document
    assert panel.kinds() == ["missing-role"]
    checks.clear()
    w.navigation.open_document(meeting.id)
    qtbot.wait(validation_panel.SHOWN_CHECK_MS + 200)
    assert checks == [] and panel.kinds() == ["missing-role"]


def test_an_edit_right_after_an_open_is_checked_with_the_document_a_moment_later(
    window: MainWindow, qtbot: QtBot
) -> None:
    """An edit made before the check of a document just shown does not pay for the whole
    layer's check in its own turn: the check due a moment later lists it with the rest."""
    w = window
    panel = w.event_tools.validation
    project = w.session.project
    assert project is not None and w.doc is not None and w.doc.name == "raids"
    qtbot.waitUntil(lambda: panel.summary.text() != "")
    meeting = project.document_by_name("meeting")
    assert meeting is not None
    checks: list[int] = []
    panel.countChanged.connect(checks.append)
    # The check due a moment after the open waits until the edit is made: the open, the
    # selection and the edit took over SHOWN_CHECK_MS on a loaded machine, and the check then
    # came (rightly) before the assertion below. It is made due a moment later just after.
    panel._shown_timer.setInterval(60_000)
    w.navigation.open_document(meeting.id)
    w.view.select(*at("باريس", OTHER))
    w.editing.apply_label("Conflict.Attack")  # a second event, lacking its Target
    qtbot.wait(10)  # the edit's own turn, and a little more
    assert checks == []  # no check yet: the document was shown a moment ago
    assert len(project.spans(meeting.id, ME)) == 2  # the edit itself is stored at once
    assert panel._shown_timer.isActive()  # the edit waits for the document's check
    panel._shown_timer.start(validation_panel.SHOWN_CHECK_MS)
    qtbot.waitUntil(lambda: checks != [], timeout=3000)
    assert checks == [2]  # one check, the document's and the edit's problems together
    assert panel.kinds() == ["missing-role"] * 2
    assert panel.found == panel.check()  # what a whole check of the stored layer lists
    w.view.select(*at("الوزراء", OTHER))
    w.editing.apply_label("PER")  # later edits are checked at once, as before
    qtbot.waitUntil(lambda: len(checks) == 2, timeout=1000)
    assert panel.kinds() == ["missing-role"] * 2
