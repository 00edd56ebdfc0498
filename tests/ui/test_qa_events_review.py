"""Events, their popups, the review line and the export options (found by QA): clicking a span
that already fills a role of the selected event does not add it a second time; an ``&`` in a
label, relation or role name shows in the popups instead of becoming a mnemonic; the Details
panel names an event's type and roles as the rest of the Arabic interface does; the review
window's "A (name): … · B (name): …" keeps each side in one piece right to left; the export
dialog's overlap choices are translated while the core gets the same policy names."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt, QTranslator
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QInputDialog, QMenu
from pytestqt.qtbot import QtBot

from annotator.formats.common import OVERLAP_POLICIES
from annotator.model import Span
from annotator.project import Project
from annotator.schema import Label, RelationType, Role
from tests.ui.conftest import open_window, x_of
from ui import i18n
from ui.dialogs.export_dialog import ExportDialog
from ui.events import relations
from ui.review.window import ReviewWindow
from ui.session import Session
from ui.workbench.mainwindow import MainWindow
from ui.workbench.palette import action_text

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

SEED = Path(__file__).parents[2] / "resources" / "samples" / "000_3626081446f7037e.txt"
TEXT = SEED.read_text(encoding="utf-8")
ME = "amal"


def at(word: str) -> tuple[int, int]:
    start = TEXT.index(word)
    return start, start + len(word)


def app() -> QApplication:
    found = QApplication.instance()
    assert isinstance(found, QApplication)
    return found


@pytest.fixture
def arabic() -> Iterator[None]:
    assert i18n.install_translator(app(), "ar") == "ar"
    yield
    i18n.install_translator(app(), "en")


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[MainWindow]:
    """The seed article with a Contact.Meet event on الاجتماع, a PER span on لودريان and a
    Conflict.Attack event on الحملة."""
    path = tmp_path / "p.annotator"
    with Project.create(path) as p:
        doc = p.add_document(TEXT, name="seed")
        meet = p.add_span(doc.id, *at("الاجتماع"), "Contact.Meet", ME)
        p.add_event(meet.uuid)
        attack = p.add_span(doc.id, *at("الحملة"), "Conflict.Attack", ME)
        p.add_event(attack.uuid)
        p.add_span(doc.id, *at("لودريان"), "PER", ME)
        start, end = at("بباريس")
        p.add_span(doc.id, start + 1, end, "GPE", ME)  # باريس
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: (ME, True))
    w = open_window(qtbot, tmp_path, path)
    yield w
    w.session.close()


def project(w: MainWindow) -> Project:
    assert w.session.project is not None
    return w.session.project


def span_on(w: MainWindow, word: str) -> Span:
    """The span of the window's layer on ``word`` (or on the word without its proclitic)."""
    start, end = at(word)
    return next(s for s in w.model.layer.spans if s.end == end and start <= s.start <= start + 1)


# -- 1. the same span twice in the same role ------------------------------------------------
def test_a_span_already_filling_a_role_is_not_added_again(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch, shots: Path
) -> None:
    w, p = window, project(window)
    trigger, person = span_on(w, "الاجتماع"), span_on(w, "لودريان")
    (event,) = [e for e in p.events(None, ME) if e.trigger == trigger.uuid]
    offered: list[list[str]] = []

    def choose_role(roles: list[Role], covered: str) -> str:
        offered.append([r.name for r in roles])
        return "Entity"

    monkeypatch.setattr(w.event_tools.linker, "choose_role", choose_role)
    for _ in range(2):
        w.selection.select_span(trigger.uuid)
        w.editing.on_span_clicked(person.uuid)
    assert [(a.role, a.target) for a in p.arguments(event.uuid)] == [("Entity", person.uuid)]
    assert offered == [["Entity"]]  # the second click offers nothing: no role is left
    assert "already an argument of this event" in w.statusBar().currentMessage()
    w.grab().save(str(shots / "qa_repeated_argument_status.png"))


def test_a_span_is_offered_only_the_roles_it_does_not_fill_yet(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    w, p = window, project(window)
    trigger, person = span_on(w, "الحملة"), span_on(w, "لودريان")
    (event,) = [e for e in p.events(None, ME) if e.trigger == trigger.uuid]
    offered: list[list[str]] = []

    def choose_role(roles: list[Role], covered: str) -> str:
        offered.append([r.name for r in roles])
        return roles[0].name

    monkeypatch.setattr(w.event_tools.linker, "choose_role", choose_role)
    for _ in range(2):
        w.selection.select_span(trigger.uuid)
        w.editing.on_span_clicked(person.uuid)
    first, second = offered
    assert len(first) > 1 and second == first[1:]  # the role filled is not offered again
    roles = sorted(a.role for a in p.arguments(event.uuid))
    assert roles == sorted(first[:2])


# -- 2. "&" in the popups --------------------------------------------------------------------
def test_an_ampersand_in_a_name_is_shown_not_taken_as_a_mnemonic(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch, shots: Path
) -> None:
    linker = window.event_tools.linker
    shown: list[list[QAction]] = []

    class Menu(QMenu):  # the real menu, its items kept instead of shown
        def exec(self, *_args: object) -> QAction | None:  # type: ignore[override]
            shown.append(list(self.actions()))
            self.grab().save(str(shots / f"qa_menu_ampersand_{len(shown)}.png"))
            return None

    monkeypatch.setattr(relations, "QMenu", Menu)
    label = Label("R&D", hotkey="x")
    relation = RelationType("Q&A", arg1=("R&D",), arg2=("R&D",))
    dummy = Span("s", 1, ME, 0, 1, "R&D", "x")
    assert linker.choose_label([label], "x") is None
    assert linker.choose_relation([relation], dummy, dummy) is None
    assert linker.choose_role([Role("Give&Take")], "x") is None
    names = [[action_text(a) for a in actions[1:] if a.text()] for actions in shown]
    assert names[0] == ["R&D\tx"]
    assert names[1] == ["Q&A"]
    assert names[2][0] == "Give&Take"
    # the value chosen is still the name itself
    assert [actions[1].data() for actions in shown] == ["R&D", "Q&A", "Give&Take"]


# -- 3. the Details panel in Arabic ----------------------------------------------------------
def test_the_details_panel_names_the_event_and_its_roles_in_arabic(
    window: MainWindow, arabic: None, shots: Path
) -> None:
    w, p = window, project(window)
    trigger, person, paris = span_on(w, "الاجتماع"), span_on(w, "لودريان"), span_on(w, "بباريس")
    (event,) = [e for e in p.events(None, ME) if e.trigger == trigger.uuid]
    p.add_argument(event.uuid, "Entity", person.uuid)
    p.add_argument(event.uuid, "Place", paris.uuid)
    w.layers.refresh_layer()
    w.selection.select_span(trigger.uuid)
    info = w.details.event_info.text()
    meet = p.schema.label("Contact.Meet")
    assert meet is not None and meet.ar
    for english in ("Contact.Meet", "Entity", "Place"):
        assert english not in info, info
    assert meet.ar in info
    assert i18n.role_display("Entity") in info and i18n.role_display("Place") in info
    assert i18n.role_display("Place") != "Place"
    assert "لودريان" in info and "باريس" in info
    w.details.grab().save(str(shots / "qa_details_event_ar.png"))


# -- 4. the review line, right to left -------------------------------------------------------
def visual_order(text: str, marks: list[str], direction: Qt.LayoutDirection) -> list[str]:
    """``marks`` (substrings of ``text``) from left to right as ``text`` is laid out in one
    line in ``direction`` (QTextLayout, as a label lays it out)."""
    at = x_of(text, direction)

    def x(mark: str) -> float:  # inside the mark: a run's edges are ambiguous
        return at(text.index(mark) + len(mark) // 2)

    return sorted(marks, key=x)


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_the_review_line_keeps_each_side_in_one_piece(
    lang: str, qtbot: QtBot, tmp_path: Path, shots: Path
) -> None:
    path = tmp_path / "r.annotator"
    with Project.create(path) as p:
        doc = p.add_document(TEXT, name="seed")
        trigger = p.add_span(doc.id, *at("الاجتماع"), "Contact.Meet", "amal")
        p.add_event(trigger.uuid)
        p.add_span(doc.id, *at("لودريان"), "PER", "badr")  # (badr has a span)
    assert i18n.install_translator(app(), lang) == lang
    session = Session()
    try:
        session.open_project(path)
        window = ReviewWindow(session)
        qtbot.addWidget(window)
        window.resize(1200, 600)
        window.show()
        window.set_annotators(["amal", "badr"])
        row = next(k for k, it in enumerate(window.items) if it.d.a is not None and it.d.b is None)
        window.go_to(row)
        line = window.detail.text()
        direction = window.detail.layoutDirection()
        if lang == "ar":  # right to left: أ's side right of ب's, each read right to left
            marks = ["أ (", "amal", "اجتماع:", "ب (", "badr"]  # the type by its Arabic name
            order = visual_order(line, marks, direction)
            assert order == ["badr", "ب (", "اجتماع:", "amal", "أ ("], order
        else:
            marks = ["A (", "amal", "Contact.Meet", "B (", "badr"]
            order = visual_order(line, marks, direction)
            assert order == marks, order
        window.grab().save(str(shots / f"qa_review_line_{lang}.png"))
    finally:
        i18n.install_translator(app(), "en")
        session.close()


# -- 5. the export dialog's overlap choices --------------------------------------------------
class _Marked(QTranslator):
    """Translates every ExportDialog text to itself in brackets (any language would do)."""

    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str:
        return f"[{source}]" if context == "ExportDialog" else ""


def test_the_overlap_choices_are_translated_and_pass_the_policy_names(
    qtbot: QtBot, tmp_path: Path
) -> None:
    translator = _Marked()
    QCoreApplication.installTranslator(translator)
    try:
        with Project.create(tmp_path / "e.annotator") as p:
            p.add_document("نص.", name="d")
            dialog = ExportDialog(p)
            qtbot.addWidget(dialog)
            shown = [dialog.overlap.itemText(k) for k in range(dialog.overlap.count())]
            assert shown == [f"[{name}]" for name in OVERLAP_POLICIES]
            for k, name in enumerate(OVERLAP_POLICIES):
                dialog.overlap.setCurrentIndex(k)
                assert dialog.request().options.overlap_policy == name
    finally:
        QCoreApplication.removeTranslator(translator)
