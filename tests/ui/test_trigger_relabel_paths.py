"""The window's other relabel paths for a trigger (QA events round 5, after 5b2544a): the
hotkey asked before a trigger relabelled GPE lost its event, but the details panel's label box
ran the refused relabel (an error, nothing asked, the box left showing GPE) and the entity
list's "relabel all as" refused the whole group when one mention triggered an event.

Now the label box goes through ``EventTools.relabel`` (the same question; a cancel shows the
span's label again), and "relabel all" asks once for the whole step (how many mentions trigger
how many events, with how many arguments): a yes relabels every mention and removes those
events with their arguments in one undoable step, a cancel changes nothing."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QInputDialog, QMessageBox
from pytestqt.qtbot import QtBot

from annotator.project import Project
from tests.ui.conftest import open_window
from tests.ui.test_trigger_relabel import _state
from ui.search.tools import SearchTools
from ui.workbench import event_wiring
from ui.workbench.mainwindow import MainWindow

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

TEXT = "قال جان إيف لودريان إن الاجتماع سيعقد في باريس."
OTHER = "انتهى الاجتماع في دمشق."
ME = "amal"
SHOTS = Path(os.environ.get("SHOTS", "/tmp"))


def at(text: str, word: str) -> tuple[int, int]:
    start = text.index(word)
    return start, start + len(word)


@pytest.fixture
def window(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[MainWindow, str]]:
    """Two documents: in the first الاجتماع triggers Contact.Meet (Entity لودريان, Place
    باريس), in the second الاجتماع triggers Contact.Meet (Place دمشق); the first trigger
    selected."""
    path = tmp_path / "p.annotator"
    with Project.create(path) as p:
        doc = p.add_document(TEXT, name="d")
        other = p.add_document(OTHER, name="e")
        per = p.add_span(doc.id, *at(TEXT, "جان إيف لودريان"), "PER", ME)
        gpe = p.add_span(doc.id, *at(TEXT, "باريس"), "GPE", ME)
        trigger = p.add_span(doc.id, *at(TEXT, "الاجتماع"), "Contact.Meet", ME)
        event = p.add_event(trigger.uuid)
        p.add_argument(event.uuid, "Entity", per.uuid)
        p.add_argument(event.uuid, "Place", gpe.uuid)
        damascus = p.add_span(other.id, *at(OTHER, "دمشق"), "GPE", ME)
        second = p.add_event(p.add_span(other.id, *at(OTHER, "الاجتماع"), "Contact.Meet", ME).uuid)
        p.add_argument(second.uuid, "Place", damascus.uuid)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: (ME, True))
    w = open_window(qtbot, tmp_path, path)
    w.selection.select_written(trigger.uuid)
    assert w.model.selected_uuid == trigger.uuid
    yield w, trigger.uuid
    w.session.close()


def _answers(monkeypatch: pytest.MonkeyPatch) -> tuple[list[str], list[str]]:
    """The questions asked (texts), and the answer to give (first item: "" cancels)."""
    asked: list[str] = []
    answer = [""]

    def ask(parent: Any, title: str, text: str, choices: Any) -> str:
        asked.append(text)
        return answer[0]

    monkeypatch.setattr(event_wiring, "ask_choice", ask)
    return asked, answer


def _pick(w: MainWindow, label: str) -> None:
    box = w.details.label_box
    index = box.findData(label)
    assert index >= 0
    box.setCurrentIndex(index)
    box.activated.emit(index)  # as the user's choice in the list


def test_the_details_label_box_asks_as_the_hotkey_does(
    window: tuple[MainWindow, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    w, trigger = window
    asked, answer = _answers(monkeypatch)
    errors: list[str] = []
    w.session.error.connect(errors.append)
    start = _state(w)
    _pick(w, "GPE")  # cancelled
    assert len(asked) == 1, errors
    assert "Contact.Meet" in asked[0] and "arguments: 2" in asked[0] and "GPE" in asked[0]
    assert _state(w) == start and errors == []
    assert w.details.label_box.currentData() == "Contact.Meet"  # shown as stored again
    answer[0] = "remove"
    _pick(w, "GPE")
    p = w.session.project
    assert p is not None
    assert p.span(trigger).label == "GPE"
    assert [e.trigger for e in p.events(None, ME)] != [] and all(
        e.trigger != trigger for e in p.events(None, ME)
    )
    assert w.details.label_box.currentData() == "GPE"
    w.actions_by_name["undo"].trigger()  # one undo: label, event and arguments back
    assert _state(w) == start


def test_the_details_label_box_relabels_a_trigger_as_an_event_type_unasked(
    window: tuple[MainWindow, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    w, trigger = window
    monkeypatch.setattr(event_wiring, "ask_choice", lambda *a: pytest.fail("asked"))
    _pick(w, "Conflict.Demonstrate")  # (it has the meeting's roles: Entity, Place)
    p = w.session.project
    assert p is not None
    assert [e.type for e in p.events(None, ME) if e.trigger == trigger] == ["Conflict.Demonstrate"]


def _tools(w: MainWindow) -> SearchTools:
    tools = getattr(w, "search_tools", None)
    assert isinstance(tools, SearchTools)
    w.actions_by_name["entity_list"].trigger()
    tools.refresh_entities()
    return tools


def _meetings(tools: SearchTools) -> Any:
    return next(g for g in tools.entities.model.groups if g.label == "Contact.Meet")


def test_relabel_all_asks_once_for_the_whole_step(
    window: tuple[MainWindow, str], monkeypatch: pytest.MonkeyPatch, qtbot: QtBot
) -> None:
    w, _trigger = window
    tools = _tools(w)
    asked, answer = _answers(monkeypatch)
    stack = w.session.undo_stack
    depth = stack.count()
    start = _state(w)
    group = _meetings(tools)
    assert group.count == 2
    assert not tools.relabel_group(group, "GPE")  # cancelled: nothing, no step
    assert len(asked) == 1
    assert "الاجتماع" in asked[0] and "2 of the 2 mentions of" in asked[0]
    assert "trigger 2 events" in asked[0]
    assert "with 3 arguments" in asked[0] and "GPE" in asked[0], asked[0]
    assert _state(w) == start and stack.count() == depth
    answer[0] = "remove"
    assert tools.relabel_group(group, "GPE")
    assert len(asked) == 2  # once for the step, not once per mention
    assert stack.count() == depth + 1
    p = w.session.project
    assert p is not None
    assert [s.label for s in p.spans(None, ME) if s.text == "الاجتماع"] == ["GPE", "GPE"]
    assert p.events(None, ME) == []
    w.actions_by_name["undo"].trigger()  # one undo brings every label, event, argument back
    assert _state(w) == start


def test_relabel_all_as_an_event_type_or_of_entities_asks_nothing(
    window: tuple[MainWindow, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    w, _trigger = window
    tools = _tools(w)
    monkeypatch.setattr(event_wiring, "ask_choice", lambda *a: pytest.fail("asked"))
    # (Conflict.Demonstrate has the meetings' roles, Entity and Place)
    assert tools.relabel_group(_meetings(tools), "Conflict.Demonstrate")
    p = w.session.project
    assert p is not None
    assert [e.type for e in p.events(None, ME)] == ["Conflict.Demonstrate"] * 2
    tools.refresh_entities()
    places = next(g for g in tools.entities.model.groups if g.key == "باريس")
    assert tools.relabel_group(places, "LOC")


def test_the_group_question_shown(
    window: tuple[MainWindow, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    w, _trigger = window
    tools = _tools(w)
    shown: list[str] = []

    def look(box: QMessageBox) -> int:
        box.resize(box.sizeHint())
        box.show()
        QApplication.processEvents()
        box.grab().save(str(SHOTS / "trigger_relabel_all.png"))
        shown.append(box.text())
        return 0  # closed: Cancel

    monkeypatch.setattr(QMessageBox, "exec", look)
    start = _state(w)
    assert not tools.relabel_group(_meetings(tools), "GPE")
    assert len(shown) == 1 and "الاجتماع" in shown[0]
    assert _state(w) == start


def test_the_entity_dock_names_labels_as_the_tags_do_and_offers_only_annotatable_ones(
    window: tuple[MainWindow, str],
) -> None:
    """The dock is filled with the schema's labels (not bare names): its Label column shows
    each label as the text's tags do, and "relabel all" offers no parent type (Life)."""
    w, _ = window
    tools = _tools(w)
    p = w.session.project
    assert p is not None
    offered = set(tools.entities.labels)
    assert "Contact.Meet" in offered and "GPE" in offered
    assert not any(lab.name in offered for lab in p.schema.span_labels() if not lab.annotatable)
    from ui.i18n import label_tag

    gpe = p.schema.label("GPE")
    assert gpe is not None
    shown = {g.label: tools.entities.model.label_shown(g) for g in tools.entities.model.groups}
    assert shown["GPE"] == label_tag(gpe)
