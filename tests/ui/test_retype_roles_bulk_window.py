"""The entity list's "relabel all" of a group of triggers as an event type lacking roles that
their events' arguments fill: since 7dc0503 the step (``bulk.relabel_spans``) was refused
("... would be left in roles Conflict.Demonstrate lacks (Attacker) ...") and the window had
no way to go on but relabelling each mention by hand.

Now ``SearchTools.relabel_group`` asks once for the whole step, through the window's event
tools (``EventTools.ask_relabel_arguments``: how many mentions, how many arguments, which
roles), as it asks before removing the events of triggers relabelled as an entity: a yes
relabels every mention and removes those arguments in one undo step, a no changes nothing.
The two questions never both come: one is for a label that is no event type, the other for
an event type. A step refused even with those arguments removed is said, not asked."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QInputDialog, QMessageBox
from pytestqt.qtbot import QtBot

from annotator.project import Project
from annotator.search import EntityGroup
from tests.ui.conftest import asked_choices, open_window
from ui.search.tools import SearchTools
from ui.workbench import event_wiring
from ui.workbench.mainwindow import MainWindow

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

TRIGGER = "<b>الهجوم</b>"  # (document text: shown as it is, never as markup)
TEXT = (
    f"قال لودريان إن {TRIGGER} على باريس وقع أمس، ثم تكرر {TRIGGER} على لندن، "
    "وقال إن الجيش نقل الجنود."
)
ME = "amal"


def at(word: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(word, start + 1)
    return start, start + len(word)


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[MainWindow]:
    """Two mentions of ``TRIGGER``, each triggering a Conflict.Attack: the first with an
    Attacker (لودريان, PER) and a Place (باريس), the second with a Place (لندن) and a Time
    (أمس); نقل triggers a Transaction.Transfer-Ownership with a Buyer (الجنود, PER) and an
    Artifact (الجيش, ORG)."""
    path = tmp_path / "p.annotator"
    with Project.create(path) as p:
        doc = p.add_document(TEXT, name="d")

        def span(word: str, label: str, nth: int = 0) -> str:
            return p.add_span(doc.id, *at(word, nth), label, ME).uuid

        first, second = (p.add_event(span(TRIGGER, "Conflict.Attack", n)).uuid for n in (0, 1))
        p.add_argument(first, "Attacker", span("لودريان", "PER"))
        p.add_argument(first, "Place", span("باريس", "GPE"))
        p.add_argument(second, "Place", span("لندن", "GPE"))
        p.add_argument(second, "Time", span("أمس", "TIME"))
        sale = p.add_event(span("نقل", "Transaction.Transfer-Ownership")).uuid
        p.add_argument(sale, "Buyer", span("الجنود", "PER"))
        p.add_argument(sale, "Artifact", span("الجيش", "ORG"))
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: (ME, True))
    w = open_window(qtbot, tmp_path, path)
    yield w
    w.session.close()


def _tools(w: MainWindow) -> SearchTools:
    tools = getattr(w, "search_tools", None)
    assert isinstance(tools, SearchTools)
    w.actions_by_name["entity_list"].trigger()
    tools.refresh_entities()
    return tools


def _group(tools: SearchTools, label: str) -> EntityGroup:
    return next(g for g in tools.entities.model.groups if g.label == label)


def _project(w: MainWindow) -> Project:
    assert w.session.project is not None
    return w.session.project


def _state(w: MainWindow) -> tuple[Any, ...]:
    p = _project(w)
    return (
        sorted((s.uuid, s.label) for s in p.spans(None, ME)),
        sorted((e.uuid, e.type, e.trigger) for e in p.events(None, ME)),
        sorted(
            (a.uuid, a.event, a.role, a.target)
            for e in p.events(None, ME)
            for a in p.arguments(e.uuid)
        ),
    )


def test_relabel_all_asks_once_and_a_yes_removes_the_arguments_in_one_step(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    w = window
    tools = _tools(w)
    asked, answer = asked_choices(monkeypatch)
    said: list[str] = []
    w.session.error.connect(said.append)
    stack = w.session.undo_stack
    depth = stack.count()
    start = _state(w)
    group = _group(tools, "Conflict.Attack")
    assert group.count == 2
    assert not tools.relabel_group(group, "Conflict.Demonstrate")  # no: nothing, no step
    assert len(asked) == 1
    title, text, choices = asked[0]
    assert title == "Relabel triggers"
    assert text == (
        f"1 of the 2 mentions of “\u2068{TRIGGER}\u2069” trigger events "
        "(\u2068Conflict.Attack\u2069) with 1 arguments in roles \u2068Conflict.Demonstrate"
        "\u2069 lacks (\u2068Attacker\u2069). Relabelling all as \u2068Conflict.Demonstrate"
        "\u2069 removes those arguments; the others stay. Continue?"
    )
    assert choices == [("remove", "Relabel all and remove the arguments")]
    assert _state(w) == start and stack.count() == depth and said == []
    answer[0] = "remove"  # yes
    assert tools.relabel_group(group, "Conflict.Demonstrate")
    assert len(asked) == 2  # once for the step, not once per mention
    assert stack.count() == depth + 1 and said == []
    p = _project(w)
    attacks = [e for e in p.events(None, ME) if p.span(e.trigger).text == TRIGGER]
    assert [e.type for e in attacks] == ["Conflict.Demonstrate"] * 2
    kept = sorted(a.role for e in attacks for a in p.arguments(e.uuid))
    assert kept == ["Place", "Place", "Time"]  # the Attacker went, the rest stayed
    done = _state(w)
    w.actions_by_name["undo"].trigger()  # one undo: labels, types and the Attacker back
    assert _state(w) == start
    w.actions_by_name["redo"].trigger()
    assert _state(w) == done


def test_relabel_all_as_an_entity_asks_only_about_the_events(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As no event type the events go with every argument (``remove_events``): the question
    about arguments in lacking roles is not asked besides."""
    w = window
    tools = _tools(w)
    asked, answer = asked_choices(monkeypatch)
    answer[0] = "remove"
    assert tools.relabel_group(_group(tools, "Conflict.Attack"), "GPE")
    assert len(asked) == 1
    assert asked[0][2] == [("remove", "Relabel all and remove the events")]
    p = _project(w)
    assert [e.type for e in p.events(None, ME)] == ["Transaction.Transfer-Ownership"]


def test_relabel_all_as_a_type_with_every_role_asks_nothing(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Life.Die has Place and Time, not Attacker: once the Attacker is gone, nothing asks."""
    w = window
    tools = _tools(w)
    p = _project(w)
    (attacker,) = [
        a for e in p.events(None, ME) for a in p.arguments(e.uuid) if a.role == "Attacker"
    ]
    w.event_tools.remove("argument", attacker.uuid)
    monkeypatch.setattr(event_wiring, "ask_choice", lambda *a: pytest.fail("asked"))
    assert tools.relabel_group(_group(tools, "Conflict.Attack"), "Life.Die")
    assert sorted(e.type for e in p.events(None, ME)) == [
        "Life.Die",
        "Life.Die",
        "Transaction.Transfer-Ownership",
    ]


def test_a_step_refused_even_so_is_said_not_asked(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Transfer-Ownership's Buyer is a role Movement.Transport lacks, its Artifact (an ORG) a
    role whose Movement.Transport counterpart takes no ORG: removing the Buyer would not do,
    so nothing is asked and the refusal is said."""
    w = window
    tools = _tools(w)
    monkeypatch.setattr(event_wiring, "ask_choice", lambda *a: pytest.fail("asked"))
    said: list[str] = []
    w.session.error.connect(said.append)
    start = _state(w)
    depth = w.session.undo_stack.count()
    group = _group(tools, "Transaction.Transfer-Ownership")
    assert not tools.relabel_group(group, "Movement.Transport")
    assert len(said) == 1 and "Artifact" in said[0] and "does not accept" in said[0], said
    assert _state(w) == start and w.session.undo_stack.count() == depth


def test_the_question_is_plain_text(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    """The real box: plain text (the mentions' text quotes markup), a Cancel that changes
    nothing."""
    w = window
    tools = _tools(w)
    shown: list[tuple[Qt.TextFormat, str, list[str]]] = []

    def look(box: QMessageBox) -> int:
        buttons = [b.text() for b in box.findChildren(QAbstractButton) if b.text()]
        shown.append((box.textFormat(), box.text(), buttons))
        return 0  # closed: Cancel

    monkeypatch.setattr(QMessageBox, "exec", look)
    start = _state(w)
    assert not tools.relabel_group(_group(tools, "Conflict.Attack"), "Conflict.Demonstrate")
    assert len(shown) == 1
    text_format, text, buttons = shown[0]
    assert text_format == Qt.TextFormat.PlainText
    assert TRIGGER in text and "Attacker" in text
    assert "Relabel all and remove the arguments" in buttons
    assert _state(w) == start


def test_the_schema_editor_says_why_a_type_is_not_removed_relabelling_its_events(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Removing Conflict.Attack, its events relabelled Conflict.Demonstrate first
    (``remove_label_command``): the retyped events would keep an Attacker, a role
    Conflict.Demonstrate lacks, and a schema edit deletes no annotation. It retyped them and
    left the Attacker for the Problems dock; now it is refused, the reason under the list."""
    from ui.events import relations
    from ui.events.schema_editor import SchemaEditor

    w = window
    p = _project(w)
    editor = SchemaEditor(w.session, {}, w)
    qtbot.addWidget(editor)
    editor.show()
    monkeypatch.setattr(relations, "ask_choice", lambda *a: "relabel")
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: ("Conflict.Demonstrate", True))
    start = _state(w)
    depth = w.session.undo_stack.count()
    editor.select("Conflict.Attack", "events")
    current = editor.current()
    assert current is not None and current.name == "Conflict.Attack"
    editor.remove_current()
    assert editor.list_error.text() == (
        "cannot relabel the Conflict.Attack events as Conflict.Demonstrate: 1 argument is in "
        "a role Conflict.Demonstrate lacks (Attacker). A schema edit deletes no annotation: "
        "delete those arguments first, or choose another event type"
    )
    assert editor.list_error.textFormat() == Qt.TextFormat.PlainText
    assert p.schema.event("Conflict.Attack") is not None
    assert _state(w) == start and w.session.undo_stack.count() == depth
