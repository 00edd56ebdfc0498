"""QA (Arabic interface): Edit ▸ Undo read "تراجع add event Contact.Meet" and "تراجع add Place
argument": the commands' texts were English strings shown as they were. Each command's text is
now a core ``Message`` whose template the interface translates, its type, label and role named
as the text's tags name them; the English interface (and the CLI) keeps the English text."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QInputDialog, QMenu
from pytestqt.qtbot import QtBot

import annotator.commands.bulk
import annotator.commands.review
import annotator.commands.schema
import annotator.commands.suggestions
from annotator import commands as cmds
from annotator.commands.edits import Command, Refused
from annotator.errors import Message
from annotator.model import Status
from annotator.project import Project
from annotator.rules import Violation
from annotator.schema import Label, Role, default_schema
from tests.ui.conftest import open_window
from ui import i18n
from ui.core_messages import CORE_MESSAGES
from ui.workbench.mainwindow import MainWindow

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

TEXT = "عقد الاجتماع في باريس وحضره وزير الخارجية."
ME = "amal"
LATIN = re.compile("[A-Za-z]")


def at(word: str) -> tuple[int, int]:
    start = TEXT.index(word)
    return start, start + len(word)


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[MainWindow]:
    path = tmp_path / "p.annotator"
    with Project.create(path) as p:
        p.add_document(TEXT, name="d")
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: (ME, True))
    w = open_window(qtbot, tmp_path, path)
    yield w
    w.session.close()


def _add_meeting_and_place(w: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    """An event added (its trigger with it) and a new argument span, as the window does."""
    doc = w.doc
    assert doc is not None
    add = cmds.add_event_with_trigger(doc.id, *at("الاجتماع"), "Contact.Meet", ME)
    assert w.session.execute(add)
    w.selection.select_span(add.children[0].uuid)
    linker = w.event_tools.linker

    def choose_label(labels: list[Label], covered: str) -> str:
        return "GPE"

    def choose_role(roles: list[Role], covered: str) -> str:
        return "Place"

    monkeypatch.setattr(linker, "choose_label", choose_label)
    monkeypatch.setattr(linker, "choose_role", choose_role)
    w.view.select(*at("باريس"))
    depth = w.session.undo_stack.count()
    linker.add_new_argument()
    assert w.session.undo_stack.count() == depth + 1


def test_undo_and_redo_read_arabic(
    arabic: QApplication,
    window: MainWindow,
    monkeypatch: pytest.MonkeyPatch,
    qtbot: QtBot,
    tmp_path: Path,
) -> None:
    w = window
    _add_meeting_and_place(w, monkeypatch)
    undo, redo = w.actions_by_name["undo"], w.actions_by_name["redo"]
    meet = default_schema().event("Contact.Meet")
    assert meet is not None and meet.ar
    place = i18n.role_display("Place")
    assert place != "Place"  # the ACE role has an Arabic name
    assert undo.text() == f"&تراجع إضافة معمول {i18n.isolate(place)}"
    assert not LATIN.search(undo.text())
    w.session.undo()
    assert undo.text() == f"&تراجع إضافة حدث {i18n.isolate(meet.ar)}"
    assert redo.text() == f"إ&عادة إضافة معمول {i18n.isolate(place)}"
    assert not LATIN.search(undo.text()) and not LATIN.search(redo.text())
    menu = undo.parent()
    assert isinstance(menu, QMenu)
    menu.adjustSize()
    menu.grab().save(str(tmp_path / "undo_menu_ar.png"))


def test_a_label_without_an_arabic_name_keeps_its_code(
    arabic: QApplication, window: MainWindow
) -> None:
    doc = window.doc
    assert doc is not None and window.session.project is not None
    assert window.session.execute(cmds.AddSpan(doc.id, *at("باريس"), "GPE", ME))
    gpe = window.session.project.schema.label("GPE")
    assert gpe is not None and gpe.ar
    assert window.actions_by_name["undo"].text() == f"&تراجع إضافة {i18n.isolate(gpe.ar)}"
    shown = i18n.core_text(Message("relabel as {label}", label="MIS1"), default_schema())
    assert shown == f"إعادة التسمية بـ{i18n.isolate('MIS1')}"


def test_undo_keeps_its_english(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    _add_meeting_and_place(window, monkeypatch)
    assert window.actions_by_name["undo"].text() == "&Undo add argument Place"
    window.session.undo()
    assert window.actions_by_name["undo"].text() == "&Undo add event Contact.Meet"


def _subclasses(kind: type[Command]) -> set[type[Command]]:
    found = set(kind.__subclasses__())
    for sub in list(found):
        found |= _subclasses(sub)
    return found


def _one_of_each() -> dict[str, list[Command]]:
    """Every command class of the core with the texts it can have."""
    schema = default_schema()
    violation = Violation("x", Message("label {label} is not in the schema", label="'X'"))
    sugg = annotator.commands.suggestions
    review = annotator.commands.review
    sch = annotator.commands.schema
    bulk = annotator.commands.bulk
    made: dict[str, list[Any]] = {
        "AcceptAllAgreements": [review.AcceptAllAgreements(1, ["a", "b"])],
        "AcceptIntoGold": [review.AcceptIntoGold(["u"]), review.AcceptIntoGold(["u"], "amal")],
        "AcceptSuggestions": [sugg.AcceptSuggestions(["u"], ME), sugg.AcceptSuggestions([], ME)],
        "AddArgument": [cmds.AddArgument("e", "Place", "t")],
        "AddEvent": [cmds.AddEvent("t"), cmds.AddEvent("t", "Contact.Meet")],
        "AddRelation": [cmds.AddRelation("PART-WHOLE", "s", "t")],
        "AddSpan": [cmds.AddSpan(1, 0, 1, "PER", ME)],
        "DeleteArgument": [cmds.DeleteArgument("u")],
        "DeleteEvent": [cmds.DeleteEvent("u")],
        "DeleteRelation": [cmds.DeleteRelation("u")],
        "DeleteSpan": [cmds.DeleteSpan("u")],
        "Macro": [cmds.Macro([])],
        "Refused": [Refused(violation)],
        "RejectSuggestions": [sugg.RejectSuggestions(["u"]), sugg.RejectSuggestions(["u", "v"])],
        "RelabelSpansInBulk": [cmds.RelabelSpansInBulk(["u"], "PER")],
        "FollowRename": [sch.FollowRename("PER", "PERSON", "do")],
        "RenameSuggestions": [sch.RenameSuggestions("PER", "PERSON")],
        "FollowRoleRename": [sch.FollowRoleRename("Contact.Meet", "Place", "Location", "do")],
        "FollowAttributeRename": [sch.FollowAttributeRename("Realis", "Reality", "do")],
        "FollowValueRename": [sch.FollowValueRename("Realis", "Actual", "Real", "do")],
        "SchemaMacro": [sch.SchemaMacro([])],
        "SetSchema": [sch.SetSchema(schema)],
        "SetStatus": [cmds.SetStatus(1, ME, s) for s in Status],
        "StoreSuggestions": [sugg.StoreSuggestions([])],
        "UpdateArgument": [cmds.UpdateArgument("u"), cmds.UpdateArgument("u", role="Place")],
        "UpdateEvent": [cmds.UpdateEvent("u")],
        "UpdateRelation": [sch.UpdateRelation("u")],
        "UpdateSpan": [
            cmds.UpdateSpan("u", label="PER"),
            cmds.UpdateSpan("u", start=1),
            cmds.UpdateSpan("u", note="n"),
        ],
        "WithdrawSuggestions": [
            sugg.WithdrawSuggestions(["u"]),
            sugg.WithdrawSuggestions(["u", "v"]),
        ],
        # the edits of a bulk step, made when the step runs (bulk.relabel_spans, delete_spans)
        "WhenRun": [
            bulk.WhenRun(lambda p: cmds.UpdateSpan("u", label="PER"), text)
            for text in (Message("relabel as {label}", label="PER"), Message("delete span"))
        ],
    }
    return made


def test_every_command_text_is_a_listed_message() -> None:
    made = _one_of_each()
    classes = {
        k.__name__
        for k in _subclasses(Command)
        if k.__module__.startswith("annotator.") and not k.__name__.startswith("_")
    }
    assert classes == set(made), "a new command class: add it here"
    for name, commands in made.items():
        for command in commands:
            assert isinstance(command.text, Message), name
            assert command.text.template in CORE_MESSAGES, (name, command.text.template)
    # a compound step the window builds
    first = cmds.add_event_with_trigger(1, 0, 1, "Contact.Meet", ME).text
    assert isinstance(first, Message) and first.template in CORE_MESSAGES
    assert str(first) == "add event Contact.Meet"
