"""The dialogs, message boxes, popup menus and progress dialogs the window makes for one
question are freed once it is answered (``ui.modal.freed``; a job's progress dialog when the
job ends): before, each stayed a hidden child of the main window for the whole session (an
analyst answers hundreds), and got every language and style change."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QPoint
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QInputDialog, QMenu, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from annotator.commands import AddSpan
from annotator.exchange.merge import MergeReport
from annotator.hubstate import Member
from annotator.model import Span
from annotator.project import Project
from annotator.schema import Label, RelationType, Role
from annotator.search import entity_groups
from tests.ui.conftest import open_window
from ui.dialogs.exchange_actions import show_report
from ui.dialogs.export_dialog import ask_other_path, confirm
from ui.dialogs.prompts import ask_read_only, choose_layers, show_message
from ui.events import relations
from ui.events.relations import ask_choice
from ui.events.schema_editor import SchemaEditor
from ui.jobs import BackgroundJob
from ui.search.tools import SearchTools
from ui.workbench.mainwindow import MainWindow

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

ME = "amal"
TIMES = 3


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[MainWindow]:
    path = tmp_path / "p.annotator"
    with Project.create(path) as p:
        p.add_document("قال الوزير في باريس.", name="d")
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: (ME, True))
    w = open_window(qtbot, tmp_path, path)
    yield w
    w.session.close()


@pytest.fixture
def answered(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every modal question is answered at once (its class name is kept): a message box with
    its default button, a dialog with OK, a popup menu dismissed."""
    asked: list[str] = []

    def box(self: QMessageBox) -> int:
        asked.append(type(self).__name__)
        return int(QMessageBox.StandardButton.Yes)

    def dialog(self: QDialog) -> int:
        asked.append(type(self).__name__)
        return int(QDialog.DialogCode.Accepted)

    class Menu(QMenu):  # QMenu.exec does not take a patch (a static and a method)
        def exec(self, *_args: object) -> QAction | None:  # type: ignore[override]
            asked.append("QMenu")
            return None

    monkeypatch.setattr(QMessageBox, "exec", box)
    monkeypatch.setattr(QDialog, "exec", dialog)
    monkeypatch.setattr(relations, "QMenu", Menu)
    return asked


def windows(w: MainWindow) -> Counter[str]:
    """The windows (dialogs, boxes, popups) among the main window's children, by class,
    after the deletions the event loop would run."""
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    return Counter(type(c).__name__ for c in w.findChildren(QWidget) if c.isWindow())


def test_every_question_asked_leaves_nothing_behind(
    window: MainWindow, answered: list[str]
) -> None:
    w = window
    before = windows(w)
    linker = w.event_tools.linker
    tools: SearchTools = getattr(w, "search_tools")  # noqa: B009 (installed by the menus)
    span = Span("s", 1, ME, 0, 3, "PER", "x")
    path = w.session.path
    assert path is not None
    for n in range(TIMES):
        show_message(w, "Title", f"text {n}")
        assert ask_read_only(w, "held by badr") is False  # Yes is not its "Open read-only"
        assert choose_layers(w, ["amal", "badr"], ["badr"]) == ["badr"]
        assert confirm(w, "Export", "Replace it?")
        assert ask_other_path(w, "Export", "refused")
        assert ask_choice(w, "Delete", "Delete it?", [("one", "One"), ("all", "All")]) == ""
        assert tools.ask_to_store(2000, 3)
        show_report(w, MergeReport(source="b.bundle"))
        assert w.hub_notice.warn((path.resolve(), f"gold{n}"), Member("r", "analyst", "x"))
        assert linker.choose_relation([RelationType("PHYS")], span, span) is None
        assert linker.choose_label([Label("PER")], "x") is None
        assert linker.choose_role([Role("Place")], "x") is None
    assert Counter(answered) == Counter(
        {"QMessageBox": 7 * TIMES, "LayersDialog": TIMES, "ReportDialog": TIMES, "QMenu": 3 * TIMES}
    )
    assert windows(w) == before


def test_a_finished_job_frees_its_progress_dialog(window: MainWindow, qtbot: QtBot) -> None:
    w = window
    before = windows(w)
    for n in range(TIMES):
        job = BackgroundJob(w, "Job", f"Working {n}…", lambda _progress, _cancelled: "done")
        with qtbot.waitSignal(job.done, timeout=10000) as blocker:
            job.start()
        assert blocker.args == ["finished", "done"]
        job.deleteLater()
    assert windows(w) == before


def test_the_schema_editor_is_freed_and_stops_listening(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A schema editor (some 160 widgets) reloaded itself at every change of the session for
    as long as it lived: closed, it lived on, and each one opened added a reload to every
    edit. Freed, it is gone, and an edit afterwards reaches none (a connection left to a
    deleted editor would raise in its slot)."""
    w = window
    before = windows(w)
    reloads: list[SchemaEditor] = []
    monkeypatch.setattr(QDialog, "exec", lambda self: int(QDialog.DialogCode.Rejected))
    reload = SchemaEditor.reload

    def counted(self: SchemaEditor) -> None:
        reloads.append(self)
        reload(self)

    monkeypatch.setattr(SchemaEditor, "reload", counted)
    for _ in range(TIMES):
        w.event_tools.open_schema_editor()
    assert windows(w) == before
    reloads.clear()
    doc = w.doc
    assert doc is not None
    assert w.session.execute(AddSpan(doc.id, 0, 3, "PER", ME))
    w.session.undo()
    assert reloads == []


# -- the popup menus of the arcs, the entity list and the events panel ---------------------
class Dismissed(QMenu):
    """A popup menu dismissed at once (QMenu.exec is not patched on the class: a static and
    a method of one name)."""

    def exec(self, *_args: object) -> QAction | None:  # type: ignore[override]
        return None


@pytest.fixture
def linked(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[MainWindow]:
    """A window on a layer with an event, its argument and a relation (arcs in the view)."""
    text = "قال الوزير في باريس."
    path = tmp_path / "p.annotator"

    def at(word: str) -> tuple[int, int]:
        return text.index(word), text.index(word) + len(word)

    with Project.create(path) as p:
        doc = p.add_document(text, name="d")
        meet = p.add_span(doc.id, *at("قال"), "Contact.Meet", ME)
        person = p.add_span(doc.id, *at("الوزير"), "PER", ME)
        paris = p.add_span(doc.id, *at("باريس"), "GPE", ME)
        event = p.add_event(meet.uuid)
        p.add_argument(event.uuid, "Place", paris.uuid)
        p.add_relation("PHYS", person.uuid, paris.uuid)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: (ME, True))
    w = open_window(qtbot, tmp_path, path)
    yield w
    w.session.close()


def test_the_popup_menus_of_arcs_entities_and_events_are_freed(
    linked: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each right click made a menu with the window (or the panel) as parent and left it
    there: the arcs' menu, the entity list's and the events panel's."""
    from ui.events import panel as events_panel
    from ui.events.panel import EventsPanel
    from ui.search.entities import EntityList

    w = linked
    arcs = w.layers.arc_actions
    monkeypatch.setattr(arcs, "exec_menu", lambda menu, pos, parent: None)
    links = w.event_tools.arcs.links()
    assert {x.relation for x in links} == {True, False}
    # the details of what is selected (a relation's hold more combo boxes, each with a popup
    # frame): counted in the state the loop ends in
    arcs.menu(links[-1].uuid, QPoint(10, 10))
    before = windows(w)
    for _ in range(TIMES):
        for link in links:
            arcs.menu(link.uuid, QPoint(10, 10))
    assert windows(w) == before

    events = EventsPanel()
    qtbot.addWidget(events)
    events.resize(400, 400)
    events.show()
    layer = w.model.layer
    events.set_rows(*events_panel.rows_of(layer, w.session.project.schema))
    monkeypatch.setattr(events_panel, "QMenu", Dismissed)
    (first,) = [e.uuid for e in layer.events if not e.deleted]
    index = events.item_for(first)
    assert index is not None
    for _ in range(TIMES):
        events.tree.customContextMenuRequested.emit(events.tree.visualRect(index).center())
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert events.findChildren(QMenu) == []

    entities = EntityList()
    qtbot.addWidget(entities)
    project = w.session.project
    assert project is not None
    entities.set_groups(entity_groups(project.spans()), labels=["PER", "GPE"])
    entities.resize(400, 300)
    entities.show()
    monkeypatch.setattr(entities, "menu_for", lambda row: Dismissed(entities))
    point = entities.view.visualRect(entities.proxy.index(0, 1)).center()
    for _ in range(TIMES):
        entities.view.customContextMenuRequested.emit(point)
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert entities.findChildren(QMenu) == []
